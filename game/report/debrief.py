"""The debrief taken home (GAME-DESIGN 3.9, 7, 8): a printable page, the whole log as JSON
and each seat's score by part as CSV.

    paths = export(flow, Path("9b.html"), "ar")   # 9b.html, 9b.json, 9b.csv

The page is built on `game.report.page` (one look with the handouts): the timeline of
rounds (the package, each argument with its roll or the facilitator's verdict, each
intervention with its reason, the moves, Russia's stance with its rules, their words and
paragraphs), the indicators over the rounds and the credibility-acceptability path against
Russia's threshold as inline SVG, each seat's score part by part (the engine's numbers, as
the end screen shows them), what the article argues and the questions for discussion. The
words are the screens' own (the catalogues and `game.ui.explain`), never re-worded here.

Nothing here changes the game; nothing is fetched from the network.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.report.page import Raw, esc, page, table
from game.ui import explain as ex
from game.ui import i18n, vocab
from game.ui.flow import text

if TYPE_CHECKING:
    from game.ui.flow import GameFlow

FORMAT = "guarantor-debrief"
VERSION = 1
BOM = "\ufeff"
"""At the head of the CSV: spreadsheet programs then read it as UTF-8 (Arabic included)."""


@dataclass(frozen=True)
class Words:
    """The language of a page, with the screens' `t()` (what `game.ui.explain` asks of a
    scene to word a note)."""

    lang: str

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"

    def t(self, key: str, **fmt: object) -> str:
        return i18n.t(key, self.lang, **fmt)


# ---------------------------------------------------------------- the game as data


def action_rounds(flow: GameFlow) -> list[int]:
    """The round each action of the log was taken in (the round before it applied)."""
    out: list[int] = []
    current = 1
    for batch in flow.session.events[1:]:
        out.append(current)
        for e in _plain_events(batch):
            if e.get("type") == "round":
                current = int(e["round"])
    return out


def _plain_events(events: Iterable[Any]) -> list[dict[str, Any]]:
    """The engine's typed events read as plain mappings (a report reads any kind alike)."""
    return [dict(e) for e in events]


def interventions(flow: GameFlow) -> list[dict[str, Any]]:
    """Every action taken with a reason (a facilitator's override, rating, injected event,
    ending of the talks: whatever its type), in order: {n, round, action, events}."""
    rounds = action_rounds(flow)
    out = []
    for i, action in enumerate(flow.session.actions):
        if action.get("reason"):
            out.append(
                {
                    "n": i + 1,
                    "round": rounds[i],
                    "action": dict(action),
                    "events": list(flow.session.events[i + 1]),
                }
            )
    return out


def timeline(flow: GameFlow) -> list[dict[str, Any]]:
    """Every round Russia answered: its history row (package, stance, rules, sums,
    indicators) and what happened in it: `news`, `arguments` (the engine's argument and
    verdict events), `rebuttals`, `moves`, `interventions` and `russia` (the answer event
    with its terms). A round it did not answer where something happened (the talks ended
    in it, or it is under way) comes last, with `stance` None and the package and
    indicators as they are.

    Each engine event is listed once, in one place: an action taken with a reason (a
    facilitator's) is told with what it made happen, as the event's `step` (an argument
    the facilitator judged or rolled for, among the arguments; an event put in, among the
    news), and only the others (an override, a skip, the end of the talks) stand in
    `interventions`. Every listed event carries `at`: [its action's number (0: the
    opening), its place among that action's events]."""
    per: dict[int, dict[str, list[dict[str, Any]]]] = {}

    def bucket(n: int) -> dict[str, list[dict[str, Any]]]:
        return per.setdefault(
            n,
            {
                "news": [],
                "arguments": [],
                "rebuttals": [],
                "moves": [],
                "russia": [],
                "interventions": [],
            },
        )

    steps = {s["n"]: s for s in interventions(flow)}
    current, answered = 1, False
    for n_action, batch in enumerate(flow.session.events):
        step = steps.get(n_action)
        told = False  # whether the step is told with one of its events
        for k, e in enumerate(_plain_events(batch)):
            e["at"] = [n_action, k]
            kind = e.get("type")
            if kind == "round":
                current, answered = int(e["round"]), False
                continue
            if kind == "news":
                # news after Russia's answer opens the next round
                if step is not None and not told and step["action"].get("type") == "inject":
                    e["step"], told = step, True
                bucket(current + 1 if answered else current)["news"].append(e)
            elif kind in ("argument", "verdict"):
                if step is not None and not told:
                    e["step"], told = step, True
                bucket(current)["arguments"].append(e)
            elif kind == "rebuttal":
                bucket(current)["rebuttals"].append(e)
            elif kind == "move":
                bucket(current)["moves"].append(e)
            elif kind == "russia":
                bucket(current)["russia"].append(e)
                answered = True
        if step is not None and not told:
            bucket(step["round"])["interventions"].append(step)
    state = flow.state
    answered_rounds = {int(h["round"]): h for h in state["history"]}
    # a round Russia never answered (the talks ended in it, or it is under way) is kept
    # when anything happened in it: an argument, a move, an intervention
    unanswered = {
        n
        for n, b in per.items()
        if n not in answered_rounds
        and (
            b["arguments"]
            or b["rebuttals"]
            or b["moves"]
            or b["interventions"]
            or any("step" in e for e in b["news"])
        )
    }
    partial: dict[int, dict[str, Any]] = {
        n: {
            "round": n,
            "date": state["date"],
            "package": state["package"],
            "stance": None,
            "rules": [],
            "credibility": None,
            "acceptability": None,
            "threshold": None,
            "indicators": dict(state["indicators"]),
        }
        for n in unanswered
    }
    rows = []
    for n in sorted({**answered_rounds, **partial}):
        h = answered_rounds.get(n) or partial[n]
        b = bucket(n)
        rows.append(
            {
                **h,
                "news": b["news"],
                "arguments": b["arguments"],
                "rebuttals": b["rebuttals"],
                "moves": b["moves"],
                "russia": b["russia"][-1] if b["russia"] else {},
                "interventions": b["interventions"],
            }
        )
    return rows


def seats_in_order(flow: GameFlow) -> list[str]:
    """The human seats first, then the computer's (as the end screen lists them)."""
    return [*flow.humans, *(s for s in flow.engine.seats if s not in flow.humans)]


def ending(flow: GameFlow) -> dict[str, Any]:
    """What a game came to, in short (kept in a replay's save to compare the two endings):
    the outcome, the package on the table, the indicators, each seat's total."""
    state = flow.state
    outcome: Mapping[str, Any] = state.get("outcome") or {}
    scores: Mapping[str, Any] = state.get("scores") or {}
    return {
        "over": flow.session.over,
        "outcome": {
            "kind": str(outcome.get("kind", "")),
            "reason": str(outcome.get("reason", "")),
            "round": int(outcome.get("round") or state["round"]),
        },
        "round": int(state["round"]),
        "package": json.loads(json.dumps(state["package"])),
        "indicators": {str(k): int(v) for k, v in state["indicators"].items()},
        "scores": {str(s): float(v["total"]) for s, v in scores.items()},
    }


def log(flow: GameFlow) -> dict[str, Any]:
    """The whole game as data: the scenario, the seed, the seats, every action with the
    round it was taken in and its events, the history, the outcome and the scores."""
    s, state = flow.session, flow.state
    rounds = action_rounds(flow)
    name = getattr(flow, "name", None)
    replay_of = getattr(flow, "replay_of", None)
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "scenario": {
            "id": flow.engine.id,
            "title": dict(flow.book["title"]),
            "rounds": flow.engine.rounds,
        },
        "seed": s.seed,
        "seats": {
            seat: ("human" if seat in s.humans else "computer") for seat in flow.engine.seats
        },
        "humans": list(s.humans),
        "facilitator": flow.facilitator,
        "opening": list(s.events[0]),
        "actions": [
            {"n": i + 1, "round": rounds[i], "action": dict(a), "events": list(s.events[i + 1])}
            for i, a in enumerate(s.actions)
        ],
        "history": list(state["history"]),
        "phase": state["phase"],
        "outcome": state.get("outcome"),
        "epilogue": state.get("epilogue"),
        "indicators": dict(state["indicators"]),
        "scores": state.get("scores"),
        "replay_of": replay_of,
    }


CSV_COLUMNS = ("seat", "part", "label", "value", "weight", "points")
"""The gradebook's columns, as docs/teachers.md describes them to teachers."""

WEIGHTED = {"indicator": "indicator", "derived": "derived", "rounds": "rounds"}
"""Score part kinds worth their weight times what they read; the others are fixed points."""


def part_value(flow: GameFlow, part_id: str) -> tuple[str, str]:
    """What a score part reads at the end and its weight, as the engine scores it: an
    indicator, credibility or acceptability (0-100) or the rounds played, with the part's
    weight; a part worth fixed points reads "yes" (it is listed only when earned) and has
    no weight."""
    term = flow.score_terms.get(part_id, {})
    kind = term.get("kind")
    state = flow.state
    if kind not in WEIGHTED:
        return "yes", ""
    weight = float(term.get("weight", 1))
    if kind == "indicator":
        value = int(state["indicators"].get(term["indicator"], 0))
    elif kind == "rounds":
        value = int(state["round"])
    else:
        cred, acc = flow.engine.sums(state, state["package"])
        value = cred if term.get("name") == "credibility" else acc
    return str(value), f"{weight:g}"


def score_rows(flow: GameFlow, lang: str) -> list[list[str]]:
    """The gradebook's rows (`CSV_COLUMNS`): one per seat and part, then the seat's total;
    the engine's numbers as they are (a point for a decimal separator in either language),
    the labels in `lang`."""
    scores = flow.state.get("scores") or {}
    w = Words(lang)
    rows = [list(CSV_COLUMNS)]
    for seat in seats_in_order(flow):
        sc = scores.get(seat)
        if sc is None:
            continue
        for part_id, points in sc.get("parts", []):
            value, weight = part_value(flow, str(part_id))
            label = flow.label(str(part_id), lang)
            rows.append([seat, str(part_id), label, value, weight, _plain(points)])
        total = w.t("report.total_of", seat=vocab.seat_name(seat, lang))
        rows.append([seat, "total", total, "", "", _plain(sc["total"])])
    return rows


def _plain(value: Any) -> str:
    v = float(value)
    return str(int(v)) if v.is_integer() else repr(v)


def scores_csv(flow: GameFlow, lang: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(score_rows(flow, lang))
    return BOM + buf.getvalue()


# ---------------------------------------------------------------- the page


def html(flow: GameFlow, lang: str) -> str:
    """The debrief as one self-contained page in a language."""
    w = Words(lang)
    title = text(flow.book["title"], lang)
    name = getattr(flow, "name", None)
    heading = w.t("debrief.heading") + " · " + title
    meta = w.t(
        "report.meta",
        seed=flow.session.seed,
        seats=vocab.seat_list(list(flow.humans), lang),
        rounds=len(flow.state["history"]),
        total=flow.engine.rounds,
    )
    body = [
        f"<header><h1>{esc(name or heading)}</h1>",
        f"<p class='meta'>{esc(title if name else '')}{' · ' if name else ''}{esc(meta)}</p>",
        "</header>",
        _outcome(flow, w),
        _compare(flow, w),
        _rounds(flow, w),
        _indicators(flow, w),
        _path(flow, w),
        _scores(flow, w),
        _thesis(flow, w),
        _questions(flow, w),
    ]
    return page(heading, lang, "\n".join(b for b in body if b), css=CSS)


CSS = """
.round { border: 1px solid #999; border-radius: 4px; padding: .2rem .8rem .6rem;
         margin: .8rem 0; }
.rule, .factcheck, figure, li { break-inside: avoid; }
h3, h4 { break-after: avoid; }
.round h3 { margin-top: .5rem; }
.stance { font-weight: bold; }
.ids { white-space: nowrap; font-family: "DejaVu Sans Mono", monospace; font-size: .85rem; }
ul { margin: .2rem 0; padding-inline-start: 1.3rem; }
li { margin: .15rem 0; }
.rule { margin: .4rem 0; }
.n-factcheck { color: #7a4200; }
.factcheck { border: 1px solid #a60; background: #fff8ee; padding: .2rem .5rem;
             margin: .3rem 0; }
.ok { color: #164; } .bad { color: #a11; }
figure { margin: .6rem 0 1rem; }
figcaption { font-size: .9rem; color: #333; }
svg text { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", Tahoma, Arial,
           sans-serif; }
.score td.total, .score th.total { font-weight: bold; }
"""


NUMERIC = re.compile(r"[\d\s+\-−=.,×/%()]*\d[\d\s+\-−=.,×/%()]*")
"""A value that is a number or a sum (`5 + 5 − 2 = 8`): kept left to right in Arabic."""


def _say(w: Words, key: str, **fmt: object) -> str:
    """A catalogue string as HTML: escaped, each value isolated from the words around it
    (`<bdi>`), numbers and sums kept left to right, so that "+12.3" or a roll's sum is not
    turned around in Arabic, nor an English reason in an Arabic line."""
    marks = {k: f"\x00{i}\x00" for i, k in enumerate(fmt)}
    out = esc(w.t(key, **marks))
    for k, v in fmt.items():
        value = str(v)
        d = " dir='ltr'" if NUMERIC.fullmatch(value) else ""
        out = out.replace(marks[k], f"<bdi{d}>{esc(value)}</bdi>")
    return out


def _num(value: str) -> str:
    return f"<bdi dir='ltr'>{esc(value)}</bdi>"


def _li(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def _note_items(w: Words, flow: GameFlow, item: Any, *, interpretation: bool = True) -> list[str]:
    """An item's notes (invented, fact checks, interpretation) as the screens word them."""
    out = []
    for kind, words in ex.notes(w, flow.factchecks, item, interpretation=interpretation):
        sym, _ = ex.note_style(kind)
        out.append(f"<div class='note n-{kind}'>{esc(sym)} {esc(words)}</div>")
    return out


def _ids(items: Sequence[str]) -> str:
    return f"<bdi class='ids' dir='ltr'>{esc(ex.ids(items))}</bdi>"


def _outcome(flow: GameFlow, w: Words) -> str:
    state = flow.state
    outcome = state.get("outcome")
    if not outcome:
        return f"<p class='note'>{_say(w, 'report.not_over', n=state['round'])}</p>"
    kind = str(outcome.get("kind", ""))
    reason = str(outcome.get("reason", ""))
    parts = [
        f"<h2>{esc(vocab.outcome_label(kind, w.lang))}</h2>",
        f"<p>{esc(ex.reason_text(w, kind, reason))} "
        + esc(
            w.t(
                "after.ending.after_rounds",
                n=outcome.get("round", state["round"]),
                total=flow.engine.rounds,
            )
        )
        + "</p>",
    ]
    ep: Mapping[str, Any] = state.get("epilogue") or {}
    if ep:
        if not ep.get("deal"):
            parts.append(f"<p>{_say(w, 'after.ending.no_deal_epilogue')}</p>")
            parts += [f"<p>{esc(said)}</p>" for said in ex.war_words(w.t, ep)]
        else:
            years = int(flow.book["epilogue"]["years"])
            chance = float(ep.get("chance") or 0.0)
            parts.append(
                f"<p>{_say(w, 'after.ending.chance_is', pct=ex.pct(chance), years=years)}</p>"
            )
            hit = ep.get("aggression_year")
            said = (
                w.t("after.ending.attack_in", n=hit)
                if hit
                else w.t("after.ending.held", years=years)
            )
            parts.append(f"<p><strong>{esc(said)}</strong></p>")
    return "<section>" + "".join(parts) + "</section>"


# ------------------------------------------------------------ two endings


def compare_rows(flow: GameFlow, w: Words) -> tuple[list[str], list[list[str]]] | None:
    """After a replay, the ending it replays beside this game's (None otherwise): the header
    and the rows (the outcome, the final package, each indicator, each seat's total), the
    same on the debrief screen and on the page."""
    before: Mapping[str, Any] | None = getattr(flow, "replay_of", None)
    if not before:
        return None
    now = ending(flow)
    lang = w.lang
    head = [
        "",
        w.t("report.compare.before", n=before.get("from_round", "?")),
        w.t("report.compare.now"),
    ]

    def outcome(e: Mapping[str, Any]) -> str:
        kind = str(e.get("outcome", {}).get("kind", ""))
        if not e.get("over") or not kind:
            return w.t("report.compare.not_over", n=e.get("round", "?"))
        return (
            vocab.outcome_label(kind, lang)
            + " · "
            + w.t("after.debrief.round_n", n=e["outcome"].get("round", "?"))
        )

    def pkg(e: Mapping[str, Any]) -> str:
        items = vocab.package_items(e.get("package") or {}, lang, only_changed=True)
        sep = "؛ " if lang == "ar" else "; "
        return sep.join(f"{label}: {value}" for _, label, value in items) or w.t(
            "after.package.empty"
        )

    rows: list[list[str]] = [
        [w.t("report.compare.outcome"), outcome(before), outcome(now)],
        [w.t("report.compare.package"), pkg(before), pkg(now)],
    ]
    names = [i for i in vocab.INDICATORS if i in now["indicators"]]
    names += [i for i in now["indicators"] if i not in names]
    for i in names:
        old = before.get("indicators", {}).get(i)
        rows.append(
            [
                vocab.indicator_name(i, lang),
                str(old) if old is not None else "–",
                str(now["indicators"][i]),
            ]
        )
    for seat in seats_in_order(flow):
        b, n = before.get("scores", {}).get(seat), now["scores"].get(seat)
        rows.append(
            [
                w.t("report.compare.total_of", seat=vocab.seat_name(seat, lang)),
                ex.num(float(b)) if b is not None else "–",
                ex.num(float(n)) if n is not None else "–",
            ]
        )
    return head, rows


COMPARE_TEXT_ROWS = 2
"""The comparison's first rows (outcome, package) are words; the rest are numbers."""


def same_years(flow: GameFlow) -> bool:
    """A replay of this game meets the same years after a deal as the game itself (they roll
    from the seed's own generator): every game but one saved before save version 5."""
    return not getattr(flow.session, "old_random", False)


def compare_note_key(flow: GameFlow) -> str:
    """The note over the two endings after a replay: it says the years' luck was the same
    in both where it was (`same_years`)."""
    return "report.compare.note_years" if same_years(flow) else "report.compare.note"


def _compare(flow: GameFlow, w: Words) -> str:
    """After a replay: the ending it replays beside this one."""
    table_rows = compare_rows(flow, w)
    if table_rows is None:
        return ""
    head, rows = table_rows
    before = getattr(flow, "replay_of", None) or {}
    cells: list[list[object]] = [
        list(r) if i < COMPARE_TEXT_ROWS else [r[0], Raw(_num(r[1])), Raw(_num(r[2]))]
        for i, r in enumerate(rows)
    ]
    return (
        "<section id='compare'>"
        f"<h2>{_say(w, 'report.compare.heading')}</h2>"
        f"<p class='note'>{_say(w, compare_note_key(flow), n=before.get('from_round', '?'))}</p>"
        + table(head, cells)
        + "</section>"
    )


# ------------------------------------------------------------ round by round


def _rounds(flow: GameFlow, w: Words) -> str:
    lang = w.lang
    rows = timeline(flow)
    out = [
        "<section id='rounds'>",
        f"<h2>{_say(w, 'debrief.rounds')}</h2>",
    ]
    if not rows:
        out.append(f"<p>{_say(w, 'after.debrief.no_rounds')}</p>")
    quoted: set[str] = set()
    checked: set[str] = set()
    explained: dict[str, int] = {}
    for r in rows:
        n = int(r["round"])
        out.append(f"<article class='round' id='round-{n}'>")
        out.append(
            f"<h3>{_say(w, 'after.debrief.round_n', n=n)} · "
            f"{esc(vocab.date_words(str(r['date']), lang))}</h3>"
        )
        # the news
        news = []
        for e in r["news"]:
            ev = flow.events_by_id.get(str(e.get("event")), {})
            step = e.get("step")
            put_in = (
                "<br><span class='note'>"
                + _say(w, "report.injected", reason=str(step["action"].get("reason", "")))
                + "</span>"
                + (f"<br>{esc(step_changes(flow, w, step))}" if step_changes(flow, w, step) else "")
                if step
                else ""
            )
            news.append(
                esc(flow.label(str(e.get("event")), lang))
                + (f" ({_ids(ev.get('source', []))})" if ev.get("source") else "")
                + put_in
                + "".join(_note_items(w, flow, ev, interpretation=False))
            )
        if news:
            out.append(f"<h4>{_say(w, 'report.news')}</h4>" + _li(news))
        # the package
        items = vocab.package_items(r["package"], lang, only_changed=True)
        pk = [f"{esc(label)}: {esc(value)}" for _, label, value in items] or [
            _say(w, "after.package.empty")
        ]
        out.append(f"<h4>{_say(w, 'report.package')}</h4>" + _li(pk))
        # the arguments
        args = [_argument(flow, w, a) for a in r["arguments"]]
        args += [_rebuttal(flow, w, a) for a in r["rebuttals"]]
        out.append(f"<h4>{_say(w, 'debrief.arguments')}</h4>")
        out.append(_li(args) if args else f"<p>{_say(w, 'report.no_arguments')}</p>")
        # interventions
        steps = [_intervention(flow, w, s) for s in r["interventions"]]
        if steps:
            out.append(f"<h4>{_say(w, 'report.interventions')}</h4>" + _li(steps))
        # moves
        moves = [
            esc(
                w.t(
                    "after.answer.move",
                    seat=vocab.seat_name(str(e["seat"]), lang),
                    move=flow.label(str(e["move"]), lang),
                )
            )
            for e in r["moves"]
        ]
        out.append(f"<h4>{_say(w, 'report.moves')}</h4>")
        out.append(_li(moves) if moves else f"<p>{_say(w, 'report.no_moves')}</p>")
        # Russia's answer
        if r["stance"] is None:
            out.append(f"<h4>{_say(w, 'after.debrief.col_russia')}</h4>")
            out.append(f"<p>{_say(w, 'report.no_answer')}</p></article>")
            continue
        stance = str(r["stance"])
        out.append(f"<h4>{_say(w, 'after.debrief.col_russia')}</h4>")
        out.append(
            f"<p><span class='stance stance-{esc(stance)}'>"
            f"{esc(vocab.stance_label(stance, lang))}</span> · "
            f"{_say(w, 'after.debrief.cred', n=r['credibility'])} · "
            f"{_say(w, 'after.debrief.acc', n=r['acceptability'])} · "
            f"{_say(w, 'after.debrief.thr', n=r['threshold'])}</p>"
        )
        said = flow.statement(stance, list(r.get("rules", [])), lang)
        if said:
            out.append(f"<blockquote>{esc(ex.quote(w, said))}</blockquote>")
        for rid in r.get("rules", []):
            rid = str(rid)
            if rid in explained:
                out.append(_rule_again(flow, w, rid, explained[rid]))
            else:
                explained[rid] = n
                out.append(_rule(flow, w, rid, quoted, checked))
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)


def result_words(flow: GameFlow, w: Words, a: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """How an argument was decided, for the debrief screen and the page alike: the roll
    against its target; the facilitator's dice with the reason; or the facilitator's rating
    (or the class's vote) instead of the dice, with the reason. The catalogue key and its
    values."""
    lang = w.lang
    ok = bool(a.get("success"))
    result = vocab.result_label(ok, lang)
    reason = str(a.get("reason", ""))
    if a.get("type") == "verdict":
        rating = w.t(f"classroom.rating.{a.get('rating')}")
        votes = a.get("votes")
        if votes is not None:
            return "report.voted", {
                "n": str(sum(votes)),
                "rating": rating,
                "result": result,
                "reason": reason,
            }
        return "report.rated", {"rating": rating, "result": result, "reason": reason}
    roll = {"sum": ex.roll_sum(a), "target": str(a.get("target", "")), "result": result}
    if a.get("overridden"):
        return "report.dice_set", {**roll, "reason": reason}
    return "report.roll", roll


def step_changes(flow: GameFlow, w: Words, step: Mapping[str, Any] | None) -> str:
    """What an action taken with a reason changed, in a line ("" when nothing)."""
    if not step:
        return ""
    changes = [
        f"{ex.changed_name(w, flow, e)}: {ex.from_to(w, e['from'], e['to'])}"
        for e in step.get("events", [])
        if e.get("type") == "change" and "from" in e and "to" in e
    ]
    return ("؛ " if w.lang == "ar" else "; ").join(changes)


def _argument(flow: GameFlow, w: Words, a: Mapping[str, Any]) -> str:
    """An argument played (or judged by the facilitator): who to whom, the claim, how it was
    decided (with the facilitator's reason), its counter, what a judgement changed, its
    notes."""
    lang = w.lang
    card = flow.arguments.get(str(a["card"]), {})
    who = ex.from_to(
        w,
        vocab.seat_name(str(a["seat"]), lang),
        vocab.seat_name(str(card.get("to", a.get("to", ""))), lang),
    )
    ok = bool(a.get("success"))
    src = [str(p) for p in card.get("source", [])]
    key, fmt = result_words(flow, w, a)
    parts = [
        f"<strong>{esc(who)}</strong>: {esc(text(card.get('claim'), lang))}"
        + (f" ({_ids(src)})" if src else ""),
        f"<span class='{'ok' if ok else 'bad'}'>{_say(w, key, **fmt)}</span>",
    ]
    counter = a.get("counter")
    if counter:
        parts.append(_say(w, "report.countered", counter=flow.label(str(counter), lang)))
    changed = step_changes(flow, w, a.get("step"))
    if changed:
        parts.append(esc(changed))
    return "<br>".join(parts) + "".join(_note_items(w, flow, card))


def _rebuttal(flow: GameFlow, w: Words, e: Mapping[str, Any]) -> str:
    lang = w.lang
    card = flow.arguments.get(str(e["card"]), {})
    owner = ""
    for p in flow.state.get("played", []):
        if p.get("card") == e["card"]:
            owner = vocab.seat_name(str(p.get("seat")), lang)
    return esc(
        w.t(
            "after.answer.rebuttal",
            seat=vocab.seat_name(str(e["seat"]), lang),
            owner=owner,
            card=text(card.get("claim"), lang),
            sum=ex.roll_sum(e),
            target=e.get("target", ""),
            result=vocab.result_label(bool(e.get("success")), lang),
        )
    )


def intervention_words(
    flow: GameFlow, w: Words, step: Mapping[str, Any]
) -> tuple[str, dict[str, str], str]:
    """Any action taken with a reason, whatever its type (a facilitator's override, rating,
    injected event, ending of the talks...): the catalogue key and values of its line (what
    it was, on what, by whom, why) and what it changed ("" when nothing), for the debrief
    screen and the page alike."""
    lang = w.lang
    a = step["action"]
    kind = str(a.get("type", ""))
    key = f"report.action.{kind}"
    what = w.t(key) if i18n.has(key, lang) else kind
    subject = a.get("card") or a.get("event") or a.get("move") or ""
    if subject:
        what += " · " + flow.label(str(subject), lang)
    seat = a.get("by") or a.get("seat")
    if seat and seat in flow.engine.seats:
        what += " · " + vocab.seat_name(str(seat), lang)
    return (
        "report.intervention",
        {"what": what, "reason": str(a.get("reason", ""))},
        step_changes(flow, w, step),
    )


def _intervention(flow: GameFlow, w: Words, step: Mapping[str, Any]) -> str:
    key, fmt, changed = intervention_words(flow, w, step)
    line = _say(w, key, **fmt)
    return line + ("<br>" + esc(changed) if changed else "")


def _rule(flow: GameFlow, w: Words, rule_id: str, quoted: set[str], checked: set[str]) -> str:
    """A rule that fired, as the answer screen's card has it: its title, id and basis, its
    words, the invented tag, its interpretation, the paragraphs it cites (quoted once on
    the page) and their fact checks."""
    lang = w.lang
    rule = flow.rules.get(rule_id)
    if rule is None:
        return f"<p class='rule'>{esc(rule_id)}</p>"
    meta = f"<bdi class='ids'>{esc(rule_id)}</bdi>"
    basis = rule.get("basis") or ""
    if basis:
        meta += " · " + _say(w, f"answer.basis_values.{basis}")
    if rule.get("designer_gap"):
        meta += " · " + _say(w, "answer.designer_gap")
    if rule.get("model_ref"):
        meta += f" · <bdi class='ids'>{esc(rule['model_ref'])}</bdi>"
    src = [str(p) for p in rule.get("source", [])]
    out = [
        f"<div class='rule' id='rule-{esc(rule_id)}'>",
        f"<strong>{esc(text(rule.get('title'), lang))}</strong> <span class='note'>{meta}</span>",
    ]
    says = text(rule.get("says"), lang)
    if says:
        out.append(f"<blockquote>{esc(ex.quote(w, says))}</blockquote>")
    notes = _note_items(w, flow, {"invented": rule.get("invented")})
    interp = text(rule.get("interpretation"), lang)
    if interp:
        notes.append(f"<div class='note'>◇ {_say(w, 'common.interpretation', text=interp)}</div>")
    out += notes
    if src:
        out.append(f"<p class='note'>{_say(w, 'after.cites', ids='')}{_ids(src)}</p>")
        again = [p for p in src if p in quoted]
        for pid in src:
            if pid not in quoted:
                out.append(_paragraph(flow, w, pid, quoted))
        if again:
            links = ", ".join(f"<a href='#para-{esc(p)}'>{esc(p)}</a>" for p in again)
            out.append(
                f"<p class='note'><bdi class='ids'>{links}</bdi>: "
                f"{_say(w, 'report.quoted_above')}</p>"
            )
    fcs = [str(f) for f in rule.get("factcheck", []) or [] if f not in checked]
    for pid in src:
        fcs += [
            f.id for f in flow.factchecks.values() if f.paragraph == pid and f.id not in checked
        ]
    for f in dict.fromkeys(fcs):
        checked.add(f)
        out.append(_factcheck(flow, w, f))
    out.append("</div>")
    return "".join(out)


def _rule_again(flow: GameFlow, w: Words, rule_id: str, first: int) -> str:
    """A rule already explained in an earlier round: its title, id, words and paragraph
    ids, and where it was explained."""
    lang = w.lang
    rule = flow.rules.get(rule_id)
    if rule is None:
        return f"<p class='rule'>{esc(rule_id)}</p>"
    src = [str(p) for p in rule.get("source", [])]
    says = text(rule.get("says"), lang)
    return (
        f"<p class='rule again'><strong>{esc(text(rule.get('title'), lang))}</strong> "
        f"<span class='note'><bdi class='ids'>{esc(rule_id)}</bdi> · {_ids(src)}</span>"
        + (f"<br>{esc(ex.quote(w, says))}" if says else "")
        + f" <a class='note' href='#rule-{esc(rule_id)}'>"
        f"{_say(w, 'report.explained_in', n=first)}</a></p>"
    )


def _paragraph(flow: GameFlow, w: Words, pid: str, quoted: set[str]) -> str:
    words = flow.paragraph(pid, w.lang)
    if not words:
        return ""
    quoted.add(pid)
    out = [f"<blockquote id='para-{esc(pid)}'><span class='ids'>{esc(pid)}</span> {esc(words)}"]
    if w.lang == "ar":
        for corr in flow.corrections(pid):
            out.append(
                "<br><span class='note'>✎ "
                + esc(
                    w.t("article.correct_reading", right=corr["right"])
                    + " "
                    + w.t("article.instead_of", wrong=corr["wrong"])
                )
                + (f" {esc(text(corr.get('note'), w.lang))}" if corr.get("note") else "")
                + "</span>"
            )
    out.append("</blockquote>")
    return "".join(out)


def _factcheck(flow: GameFlow, w: Words, fc_id: str) -> str:
    fc = flow.factcheck(fc_id)
    if fc is None:
        return ""
    lang = w.lang
    return (
        "<div class='factcheck'>"
        f"<strong>⚠ {_say(w, 'common.factcheck')} · {esc(fc['paragraph'])}</strong><br>"
        f"{_say(w, 'article.factcheck_claim', claim=text(fc['claim'], lang))}<br>"
        f"<strong>{_say(w, 'article.factcheck_record', record=text(fc['record'], lang))}</strong>"
        "</div>"
    )


# ------------------------------------------------------------ charts


def opening_indicators(flow: GameFlow) -> dict[str, int]:
    """The indicators when the talks opened (round 1's news applied), as the debrief
    screen's chart starts."""
    s = flow.session
    state, _ = s.engine.new_game(s.seed, humans=s.humans)
    return {str(k): int(v) for k, v in state["indicators"].items()}


PALETTE = ("#1b7a3a", "#b3261e", "#1f5fae", "#8a5a00", "#6b3fa0", "#00838f", "#ad1457")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 4", "10 4", "4 2 1 2")
MARKS = ("circle", "square", "triangle", "diamond", "cross", "circle", "square")


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='4' fill='{colour}'/>"
    if kind == "square":
        return f"<rect x='{x - 4:.1f}' y='{y - 4:.1f}' width='8' height='8' fill='{colour}'/>"
    if kind == "triangle":
        return (
            f"<polygon points='{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}'"
            f" fill='{colour}'/>"
        )
    if kind == "diamond":
        return (
            f"<polygon points='{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f}"
            f" {x - 5:.1f},{y:.1f}' fill='{colour}'/>"
        )
    return (
        f"<path d='M{x - 4:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 4:.1f} M{x - 4:.1f},{y + 4:.1f}"
        f" L{x + 4:.1f},{y - 4:.1f}' stroke='{colour}' stroke-width='2.5'/>"
    )


def _svg_open(width: int, height: int, label: str) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}' role='img' aria-label='{esc(label)}'>"
        f"<rect x='0' y='0' width='{width}' height='{height}' fill='#fff'/>"
    )


def _indicators(flow: GameFlow, w: Words) -> str:
    lang, rtl = w.lang, w.rtl
    opening = opening_indicators(flow)
    hist = flow.state["history"]
    names = [i for i in vocab.INDICATORS if i in opening] + [
        i for i in opening if i not in vocab.INDICATORS
    ]
    xs = [w.t("after.debrief.start")] + [w.t("after.debrief.r", n=h["round"]) for h in hist]
    series = [[opening[n], *(int(h["indicators"].get(n, 0)) for h in hist)] for n in names]
    width, height = 760, 340
    left, right, top, bottom = 44, 24, 16, 40
    pw, ph = width - left - right, height - top - bottom
    steps = max(1, len(xs) - 1)

    def px(i: int) -> float:
        f = i / steps if len(xs) > 1 else 0.5
        return left + (1 - f) * pw if rtl else left + f * pw

    def py(v: float) -> float:
        return top + (1 - v / 100) * ph

    title = w.t("debrief.indicators_over_time")
    svg = [_svg_open(width, height, title)]
    for v in range(0, 101, 20):
        y = py(v)
        svg.append(
            f"<line x1='{left}' y1='{y:.1f}' x2='{left + pw}' y2='{y:.1f}' stroke='#ccc'/>"
            f"<text x='{left - 6 if not rtl else left + pw + 6}' y='{y + 4:.1f}' font-size='11' "
            f"text-anchor='{'end' if not rtl else 'start'}' fill='#333'>{v}</text>"
        )
    for i, x_label in enumerate(xs):
        svg.append(
            f"<text x='{px(i):.1f}' y='{top + ph + 18}' font-size='11' text-anchor='middle' "
            f"fill='#333'>{esc(x_label)}</text>"
        )
    for k, (name, vals) in enumerate(zip(names, series, strict=True)):
        colour, dash, mark = PALETTE[k % 7], DASHES[k % 7], MARKS[k % 7]
        pts = " ".join(f"{px(i):.1f},{py(v):.1f}" for i, v in enumerate(vals))
        svg.append(
            f"<polyline points='{pts}' fill='none' stroke='{colour}' stroke-width='2.2'"
            + (f" stroke-dasharray='{dash}'" if dash else "")
            + f"><title>{esc(vocab.indicator_name(name, lang))}</title></polyline>"
        )
        svg += [_marker(mark, px(i), py(v), colour) for i, v in enumerate(vals)]
    svg.append("</svg>")
    legend = [_legend_key(k) + esc(vocab.indicator_name(n, lang)) for k, n in enumerate(names)]
    head = [w.t("report.indicator"), *xs]
    rows = [
        [vocab.indicator_name(n, lang), *(str(v) for v in vals)]
        for n, vals in zip(names, series, strict=True)
    ]
    return (
        "<section id='indicators' class='page-break'>"
        f"<h2>{esc(title)}</h2>"
        f"<figure>{''.join(svg)}<figcaption>{' · '.join(legend)}<br>"
        f"{_say(w, 'after.debrief.end_of_round')}</figcaption></figure>"
        + table(head, rows, numeric=range(1, len(head)))
        + "</section>"
    )


def _legend_key(k: int) -> str:
    colour, dash, mark = PALETTE[k % 7], DASHES[k % 7], MARKS[k % 7]
    return (
        "<svg xmlns='http://www.w3.org/2000/svg' width='34' height='12' viewBox='0 0 34 12' "
        "aria-hidden='true'>"
        f"<line x1='1' y1='6' x2='33' y2='6' stroke='{colour}' stroke-width='2.2'"
        + (f" stroke-dasharray='{dash}'" if dash else "")
        + "/>"
        + _marker(mark, 17, 6, colour)
        + "</svg> "
    )


def _path(flow: GameFlow, w: Words) -> str:
    """Credibility (up) against acceptability to Moscow (across), round by round, with
    Russia's threshold: as the round screen's chart, the x axis running right to left in
    Arabic. A package over a red line counts as 0 acceptable (its stance says so)."""
    hist = flow.state["history"]
    if not hist:
        return ""
    rtl = w.rtl
    width, height = 560, 460
    left, right, top, bottom = 52, 24, 20, 48
    pw, ph = width - left - right, height - top - bottom

    def px(v: float) -> float:
        f = v / 100
        return left + (1 - f) * pw if rtl else left + f * pw

    def py(v: float) -> float:
        return top + (1 - v / 100) * ph

    title = w.t("report.path")
    svg = [_svg_open(width, height, title)]
    for v in range(0, 101, 20):
        svg.append(
            f"<line x1='{px(v):.1f}' y1='{top}' x2='{px(v):.1f}' y2='{top + ph}' stroke='#ddd'/>"
            f"<line x1='{left}' y1='{py(v):.1f}' x2='{left + pw}' y2='{py(v):.1f}' stroke='#ddd'/>"
            f"<text x='{px(v):.1f}' y='{top + ph + 16}' font-size='11' text-anchor='middle' "
            f"fill='#333'>{v}</text>"
            f"<text x='{left - 6 if not rtl else left + pw + 6}' y='{py(v) + 4:.1f}' "
            f"font-size='11' text-anchor='{'end' if not rtl else 'start'}' fill='#333'>{v}</text>"
        )
    svg.append(
        f"<text x='{left + pw / 2:.1f}' y='{height - 8}' font-size='12' text-anchor='middle' "
        f"fill='#111'>{_say(w, 'indicator.acceptability')} →</text>"
        if not rtl
        else f"<text x='{left + pw / 2:.1f}' y='{height - 8}' font-size='12' "
        f"text-anchor='middle' fill='#111'>← {_say(w, 'indicator.acceptability')}</text>"
    )
    ylab_x = 14 if not rtl else width - 14
    svg.append(
        f"<text x='{ylab_x}' y='{top + ph / 2:.1f}' font-size='12' text-anchor='middle' "
        f"fill='#111' transform='rotate(-90 {ylab_x} {top + ph / 2:.1f})'>"
        f"{_say(w, 'indicator.credibility')} →</text>"
    )
    # Russia's threshold: where it stood in the last round (and, faint, in the first)
    first, thr = int(hist[0]["threshold"]), int(hist[-1]["threshold"])
    for value, strong in ((first, False), (thr, True)) if first != thr else ((thr, True),):
        svg.append(
            f"<line x1='{px(value):.1f}' y1='{top}' x2='{px(value):.1f}' y2='{top + ph}' "
            f"stroke='{'#444' if strong else '#999'}' stroke-width='{2 if strong else 1}' "
            "stroke-dasharray='6 4'/>"
        )
        label = w.t("after.debrief.thr", n=value) + (
            ""
            if strong and first == thr
            else " · " + w.t("after.debrief.r", n=hist[-1 if strong else 0]["round"])
        )
        side = rtl != strong  # the two labels on either side of their lines
        svg.append(
            f"<text x='{px(value) + (-4 if side else 4):.1f}' y='{top + 12 + (0 if strong else 14)}' "
            f"font-size='11' text-anchor='{'end' if side else 'start'}' fill='#222'>"
            f"{esc(label)}</text>"
        )
    pts = [(px(float(h["acceptability"])), py(float(h["credibility"]))) for h in hist]
    if len(pts) > 1:
        svg.append(
            "<polyline points='"
            + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            + "' fill='none' stroke='#1f5fae' stroke-width='1.6'/>"
        )
    # one label per place: rounds that left the package where it was share it ("R1–R8")
    places: dict[tuple[int, int], list[int]] = {}
    for h in hist:
        key = (int(h["acceptability"]), int(h["credibility"]))
        places.setdefault(key, []).append(int(h["round"]))
    for h, (x, y) in zip(hist, pts, strict=True):
        stance = str(h["stance"])
        colour = {"accept": "#1b7a3a", "counter": "#8a5a00", "reject": "#b3261e"}.get(
            stance, "#1f5fae"
        )
        svg.append(
            _marker({"reject": "cross", "accept": "diamond"}.get(stance, "circle"), x, y, colour)
        )
    for (acc, cred), rounds in places.items():
        x, y = px(float(acc)), py(float(cred))
        svg.append(
            f"<text x='{x + (-8 if rtl else 8):.1f}' y='{y - 6:.1f}' font-size='11' "
            f"text-anchor='{'end' if rtl else 'start'}' fill='#111'>"
            f"{esc(_round_span(w, rounds))}</text>"
        )
    svg.append("</svg>")
    head = [
        w.t("after.debrief.col_round"),
        w.t("indicator.credibility"),
        w.t("indicator.acceptability"),
        w.t("round.threshold"),
        w.t("stance.label"),
    ]
    rows = [
        [
            w.t("after.debrief.r", n=h["round"]),
            h["credibility"],
            h["acceptability"],
            h["threshold"],
            vocab.stance_label(str(h["stance"]), w.lang),
        ]
        for h in hist
    ]
    return (
        "<section id='path'>"
        f"<h2>{esc(title)}</h2>"
        f"<figure>{''.join(svg)}<figcaption>{_say(w, 'after.debrief.sums_note')}</figcaption>"
        "</figure>" + table(head, rows, numeric=(1, 2, 3)) + "</section>"
    )


def _round_span(w: Words, rounds: Sequence[int]) -> str:
    """R1, R3, R5–R8: the rounds that share a point of the chart, runs joined."""
    runs: list[list[int]] = []
    for n in sorted(rounds):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = []
    for run in runs:
        a = w.t("after.debrief.r", n=run[0])
        parts.append(a if len(run) == 1 else a + "–" + w.t("after.debrief.r", n=run[-1]))
    return ", ".join(parts)


# ------------------------------------------------------------ scores, article, questions


def _scores(flow: GameFlow, w: Words) -> str:
    scores = flow.state.get("scores") or {}
    if not scores:
        return ""
    lang = w.lang
    out = [
        "<section id='scores'>",
        f"<h2>{_say(w, 'ending.scores')}</h2>",
        f"<p class='note'>{_say(w, 'after.ending.scores_note')}</p>",
        "<div class='cols'>",
    ]
    for seat in seats_in_order(flow):
        sc = scores.get(seat)
        if sc is None:
            continue
        by = w.t("after.ending.by_person" if seat in flow.humans else "after.ending.by_computer")
        rows: list[list[object]] = [
            [flow.label(str(p), lang), ex.signed(float(v))] for p, v in sc.get("parts", [])
        ]
        if not rows:
            rows.append([w.t("after.ending.no_points"), ""])
        body = table([w.t("report.part"), w.t("report.points")], rows, numeric=(1,))
        total = (
            f"<p class='total' data-seat='{esc(seat)}'><strong>{_say(w, 'report.total')}: "
            f"<bdi dir='ltr' class='score-total'>{esc(ex.num(float(sc['total'])))}</bdi>"
            "</strong></p>"
        )
        out.append(
            f"<section class='score' id='score-{esc(seat)}'>"
            f"<h3>{esc(vocab.seat_name(seat, lang))} <span class='note'>({esc(by)})</span></h3>"
            f"{total}{body}</section>"
        )
    out.append("</div>")
    sym, _ = ex.note_style("interpretation")
    out.append(f"<p class='note'>{esc(sym)} {_say(w, 'after.ending.weights_note')}</p>")
    out.append("</section>")
    return "".join(out)


def _thesis(flow: GameFlow, w: Words) -> str:
    d = flow.debrief
    if d is None:
        return ""
    src = [str(s) for s in d.source]
    return (
        "<section id='thesis'>"
        f"<h2>{_say(w, 'debrief.thesis')}</h2>"
        f"<p>{esc(text(d.thesis.model_dump(), w.lang))}</p>"
        f"<p class='note'>{_say(w, 'common.sources', ids='')}{_ids(src)}</p>"
        "</section>"
    )


def _questions(flow: GameFlow, w: Words) -> str:
    own = list(getattr(flow.bundle.scenario, "debrief", []) or [])
    common = list(flow.debrief.questions) if flow.debrief is not None else []
    out = ["<section id='questions'>", f"<h2>{_say(w, 'debrief.questions')}</h2>"]
    n = 0
    for group, qs in (
        ("after.debrief.this_scenario", own),
        ("after.debrief.every_scenario", common),
    ):
        if not qs:
            continue
        out.append(f"<h3>{_say(w, group)}</h3><ol start='{n + 1}'>")
        for q in qs:
            n += 1
            src = [str(s) for s in q.source]
            item = esc(text(q.text.model_dump(), w.lang))
            if src:
                item += (
                    f"<br><span class='note'>{_say(w, 'common.sources', ids='')}{_ids(src)}</span>"
                )
            for fc in getattr(q, "factcheck", []) or []:
                item += _factcheck(flow, w, str(fc))
            out.append(f"<li>{item}</li>")
        out.append("</ol>")
    out.append("</section>")
    return "".join(out)


# ---------------------------------------------------------------- writing


def companions(out: Path) -> tuple[Path, Path]:
    """The JSON and CSV files beside a page: `d.html` -> `d.json`, `d.csv`."""
    base = out.with_suffix("") if out.suffix.lower() in (".html", ".htm") else out
    return base.with_name(base.name + ".json"), base.with_name(base.name + ".csv")


def export(flow: GameFlow, out: Path, lang: str) -> list[Path]:
    """Write the page, the log and the scores (each atomically: a temporary file beside it,
    then renamed); raises OSError (its `filename` the file) when one cannot be written."""
    out = Path(out)
    json_path, csv_path = companions(out)
    files = [
        (out, html(flow, lang)),
        (json_path, json.dumps(log(flow), ensure_ascii=False, indent=1) + "\n"),
        (csv_path, scores_csv(flow, lang)),
    ]
    for path, body in files:
        write_text(path, body)
    return [p for p, _ in files]


def _umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def write_text(path: Path, body: str) -> None:
    """Write a file atomically (a temporary file of a short name in the same folder, synced,
    then renamed over it); an OSError names `path`, never the temporary file."""
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".guarantor-", suffix=".tmp")
        with contextlib.suppress(AttributeError, OSError):  # no fchmod on some systems
            os.fchmod(fd, 0o666 & ~_umask())  # a page to share: as any new file, not 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        e.filename = str(path)
        raise
    finally:
        if tmp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
