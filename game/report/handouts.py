"""Printable handouts for a class (GAME-DESIGN 7): one private page per seat and a teacher's
sheet, each a self-contained HTML page (`game.report.page`), plus an index linking them.

    docs = build(bundle, "ar", seed=1)      # {"europe.html": "<!DOCTYPE html>...", ...}
    write(folder, docs)

A seat's page holds what that team may know and nothing of another seat's: its situation,
what it says in public and what it privately wants (each part of its score with its weight),
its red lines and where it can be moved (with the reasons, the positions that lift them and
their opening values), its moves, its opening hand, dealt as the engine deals it for the seed
when every seat is played by people, and the glossary terms its page uses. The teacher's
sheet has the lesson's timings, Russia's answer in the opening state to the package on the
table and to each scripted strategy's package (`game.engine.strategies.TARGETS`), computed by
the engine with the rules that fired and the paragraphs they cite, the discussion
questions, and the seats' red lines side by side.

Every claim keeps its notes (fact checks, interpretation, "Invented for the game") in the
words the screens use (`game.ui.notes`). Arabic pages are right to left.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from game.engine import debate
from game.engine import package as pkg
from game.engine.strategies import TARGETS
from game.report.page import direction, esc, page, table
from game.ui import content as ui_content
from game.ui import i18n, vocab
from game.ui.flow import GameFlow
from game.ui.notes import notes, text_of

DEFAULT_SEED = 1
"""The seed the hands are dealt for unless `--seed` says otherwise (as `simulate`'s)."""

LESSON_MINUTES = 45
OPENER_MINUTES = 5
"""The tutorial as a five-minute opener (GAME-DESIGN 7)."""
BRIEFING_MINUTES = 4
ROUND_MINUTES = 8
"""A round of a lesson: what three teams need at the classroom minutes `game.report.lesson`
assumes for each step (measured over whole lesson-length games: `benchmarks/lesson.py`)."""
ENDING_MINUTES = 3
LESSON_ROUNDS = ui_content.LESSON_ROUNDS
"""The rounds a 45-minute lesson has room for (one number with the setup screen's Lesson
length, `game.ui.content`)."""
ROUND_STEPS = (("news", 1), ("debate", 3), ("package", 3), ("answer", 1))
"""A round's minutes, step by step (they add up to ROUND_MINUTES)."""

PRINT_CSS = """
@page { margin: 8mm; }
.banner { border: 2px solid #333; padding: .3rem .6rem; font-weight: bold; margin: .4rem 0 1rem; }
.card { border: 1px solid #999; border-radius: 4px; padding: .35rem .6rem; margin: .5rem 0; }
.card p { margin: .2rem 0; }
.quote { font-style: italic; }
.src { font-size: .85rem; color: #444; }
.note { margin: .15rem 0; }
.note::before { content: "◇ "; }
.note.factcheck::before { content: "⚠ "; }
.note.invented::before { content: "✎ "; }
dl.gloss dt { font-weight: bold; margin-top: .35rem; }
dl.gloss dd { margin: 0 0 .2rem; margin-inline-start: 1rem; }
ul.gloss { list-style: none; padding-inline-start: 0; margin: .2rem 0; }
ul.gloss li { display: inline; }
ul.gloss li + li::before { content: " · "; }
ul.plain { padding-inline-start: 1.2rem; margin: .3rem 0; }
.cols ul.plain { list-style: none; padding-inline-start: 0; }
.teacher .cols > section { flex: 1 1 0; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; }
nav ul { font-size: 1.15rem; }
@media print {
  body { font-size: 7.5pt; line-height: 1.2; }
  h1 { font-size: 14pt; } h2 { font-size: 10.5pt; margin: .6rem 0 .2rem; }
  h3 { font-size: 9.5pt; margin: .4rem 0 .15rem; }
  p { margin: .2em 0; }
  .note, .src, .tag, td .note { font-size: .92em; }
  .meta { margin: 0 0 .3rem; }
  .banner { margin: .2rem 0 .5rem; }
  .seat .cols2 { column-count: 3; column-gap: .8rem; }
  main.seat { break-after: page; }
  .seat h2 { break-after: avoid; }
  .card, .keep { break-inside: avoid; }
  .card { margin: .3rem 0; padding: .2rem .45rem; }
  table { margin: .2rem 0 .4rem; }
  th, td { padding: .1rem .3rem; }
  dl.gloss dt { margin-top: .15rem; }
  .teacher .rules { column-count: 2; column-gap: 1rem; }
  .teacher table.russia { font-size: .92em; }
}
table.russia { font-size: .9rem; }
table.russia td { overflow-wrap: anywhere; }
"""


@dataclass(frozen=True)
class Sheet:
    """What the pages are made from: the game as dealt for the seed, and the language."""

    flow: GameFlow
    lang: str
    seed: int
    said: set[str] = field(default_factory=set, compare=False)
    """The notes a seat's page has given already (a fact check is given once a page)."""

    def t(self, key: str, **fmt: Any) -> str:
        return i18n.t(key, self.lang, **fmt)

    def text(self, value: Any) -> str:
        return text_of(value, self.lang)

    @property
    def scenario(self) -> Any:
        return self.flow.bundle.scenario


def seat_file(seat: str) -> str:
    return f"{seat}.html"


TEACHER_FILE = "teacher.html"
INDEX_FILE = "index.html"


def deal(bundle: Any, seed: int) -> GameFlow:
    """The game as it opens for `seed` with every seat played by people (the hands dealt)."""
    return GameFlow.new(bundle, humans=list(bundle.book.get("seats", vocab.SEATS)), seed=seed)


def build(bundle: Any, lang: str, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """Every page by file name: the seats' pages, the teacher's sheet, the index."""
    s = Sheet(deal(bundle, seed), lang, seed)
    out = {seat_file(seat): seat_page(s, seat) for seat in s.flow.engine.seats}
    out[TEACHER_FILE] = teacher_page(s)
    out[INDEX_FILE] = index_page(s)
    return out


def write(folder: Path, docs: Mapping[str, str]) -> list[Path]:
    """Each page written whole (a temporary file renamed into place), in order; raises
    OSError (with the file's name) when one cannot be written, leaving no part-file."""
    written: list[Path] = []
    for name, doc in docs.items():
        target = folder / name
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(doc)
            os.replace(tmp, target)
        except OSError as e:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            e.filename = str(target)
            raise
        written.append(target)
    return written


# ---------------------------------------------------------------- small pieces


def _p(words: str, cls: str = "") -> str:
    return f'<p class="{cls}">{esc(words)}</p>' if cls else f"<p>{esc(words)}</p>"


def note_html(
    s: Sheet, item: Any, *, interpretation: bool = True, seen: set[str] | None = None
) -> str:
    """An item's notes, one paragraph each, in the screens' words; a note already in `seen`
    (said a row above in the same table) is not said again."""
    checks = s.flow.factchecks
    out = []
    for kind, words in notes(s.lang, checks, item, interpretation=interpretation):
        if seen is not None:
            if words in seen:
                continue
            seen.add(words)
        out.append(f'<p class="note {kind}">{esc(words)}</p>')
    return "".join(out)


INTERPRETED = "◇"
"""Marks, on a seat's page, what carries the designer's reading where the article is silent
(the reading itself is in the game, beside the same item; the page keeps to one sheet)."""


def seat_notes(s: Sheet, item: Any, *, seen: set[str] | None = None) -> str:
    """An item's notes on a seat's page: its fact checks and invented tag in full; its
    interpretation only marked (`interpreted`)."""
    return note_html(s, item, interpretation=False, seen=s.said if seen is None else seen)


def interpreted(s: Sheet, item: Any) -> str:
    """ " ◇" when the item has an interpretation (the designer's reading), else ""."""
    found = notes(s.lang, s.flow.factchecks, item)
    return f" {INTERPRETED}" if any(kind == "interpretation" for kind, _ in found) else ""


def sources(s: Sheet, ids: Iterable[str]) -> str:
    ids = [str(i) for i in ids]
    if not ids:
        return ""
    words = s.t("common.sources", ids=",\u00a0".join(ids))
    return f'<p class="src">{esc(words)}</p>'


def _clause_words(s: Sheet, package: Mapping[str, Any]) -> list[str]:
    return [
        f"{label}: {value}"
        for _, label, value in vocab.package_items(package, s.lang, only_changed=True)
    ]


def package_html(s: Sheet, package: Mapping[str, Any]) -> str:
    items = _clause_words(s, package)
    if not items:
        return _p(s.t("briefing.empty_package"))
    return '<ul class="plain">' + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


OPS = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "=", "ne": "≠"}


def _position_terms(cond: Any) -> list[tuple[str, str, int]]:
    """(position, op, value) of each comparison of a position in a condition."""
    if not cond:
        return []
    kind = cond.get("kind")
    if kind in ("all", "any"):
        return [x for c in cond["of"] for x in _position_terms(c)]
    if kind == "not":
        return _position_terms(cond.get("cond"))
    if kind == "position":
        return [(str(cond["position"]), str(cond["op"]), int(cond["value"]))]
    return []


def weight_words(s: Sheet, part: Mapping[str, Any]) -> str:
    """How a part of a seat's score counts: "0.6 × Credibility" or "10 points"."""
    kind = part.get("kind")
    if kind in ("indicator", "derived", "rounds"):
        if kind == "indicator":
            measure = vocab.indicator_name(str(part["indicator"]), s.lang)
        elif kind == "derived":
            measure = vocab.indicator_name(str(part["name"]), s.lang)
        else:
            measure = s.t("handouts.rounds_played")
        w = float(part.get("weight", 1))
        return s.t("handouts.weight_of", weight=f"{w:g}", measure=measure)
    return s.t("handouts.points", n=f"{float(part.get('points', 0)):g}")


# ---------------------------------------------------------------- the glossary a page needs


def _stem(word: str) -> str:
    for suffix in ("ing", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:5]


def _tokens(words: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", words.lower())


def term_keys(term: str) -> list[tuple[str, ...]]:
    """The word stems that show a glossary term is used (from its English name): the name
    without its brackets, what is in them, each side of a slash; a name dated in brackets
    ("Budapest Memorandum (1994)") is also known by its first word."""
    plain = re.sub(r"[\"“”‘’']", "", term)
    outside = re.sub(r"\([^)]*\)", " ", plain)
    inside = re.findall(r"\(([^)]*)\)", plain)
    phrases = [p for part in (outside, *inside) for p in part.split("/")]
    if any(re.search(r"\d{4}", i) for i in inside) and outside.split():
        phrases.append(outside.split()[0])
    keys: list[tuple[str, ...]] = []
    for phrase in phrases:
        toks = _tokens(phrase)
        if toks and not all(t.isdigit() for t in toks):
            keys.append(tuple(_stem(t) for t in toks))
    return keys


def uses_term(words: Sequence[str], keys: Iterable[tuple[str, ...]]) -> bool:
    """Whether a run of words (lower-case tokens) holds one of a term's keys in order."""
    for key in keys:
        n = len(key)
        for i in range(len(words) - n + 1):
            if all(words[i + j].startswith(key[j]) for j in range(n)):
                return True
    return False


def glossary_for(s: Sheet, english: Iterable[str]) -> list[Any]:
    """The glossary entries the English texts of a page use, in the glossary's order (the
    same terms in both languages, so a bilingual class shares one list)."""
    words = _tokens(" ".join(english))
    return [g for g in s.flow.glossary if uses_term(words, term_keys(g.term.en))]


# ---------------------------------------------------------------- a seat's page


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def plain_text(html: str) -> str:
    """The words of an HTML fragment."""
    p = _Plain()
    p.feed(html)
    p.close()
    return " ".join(p.chunks)


def seat_page(s: Sheet, seat: str) -> str:
    """A seat's page; its glossary has the terms its English words use (the same terms in
    both languages)."""
    s = Sheet(s.flow, s.lang, s.seed)  # its own notes said
    head, body = seat_head(s, seat), seat_body(s, seat)
    english = body if s.lang == "en" else seat_body(Sheet(s.flow, "en", s.seed), seat)
    english_head = head if s.lang == "en" else seat_head(Sheet(s.flow, "en", s.seed), seat)
    words = plain_text("".join([*english_head, *english]))
    body.append(glossary_html(s, glossary_for(s, [words])))
    doc = "\n".join(head) + f'\n<div class="cols2">\n{"".join(body)}\n</div>'
    name = vocab.seat_name(seat, s.lang, long=True)
    title = s.t("handouts.seat_title", seat=name) + " · " + s.text(s.flow.book["title"])
    return page(
        title, s.lang, f'<main class="seat" id="{esc(seat)}">\n{doc}\n</main>', css=PRINT_CSS
    )


def seat_head(s: Sheet, seat: str) -> list[str]:
    f, lang = s.flow, s.lang
    name = vocab.seat_name(seat, lang, long=True)
    return [
        f"<h1>{esc(s.t('handouts.seat_title', seat=name))}</h1>",
        _p(
            " · ".join(
                [
                    s.text(f.book["title"]),
                    s.t("common.rounds", n=f.engine.rounds),
                    s.t("handouts.seed_line", seed=s.seed),
                    s.t("app.source_line"),
                ]
            ),
            "meta",
        ),
        f'<p class="banner">{esc(s.t("handouts.for_eyes_of", seat=vocab.seat_name(seat, lang)))}</p>',
        _p(s.t("handouts.interpreted"), "src"),
    ]


def seat_body(s: Sheet, seat: str) -> list[str]:
    """A seat's page below its heading, the glossary aside."""
    f = s.flow
    actor = f.actors[seat]
    body: list[str] = []
    brief = (s.scenario.briefings or {}).get(seat)
    if brief is not None:
        body.append(f"<h2>{esc(s.t('briefing.situation'))}</h2>")
        body.append(_p(s.text(brief.situation) + interpreted(s, brief)))
        body.append(seat_notes(s, brief))
    body.append(f"<h2>{esc(s.t('briefing.on_the_table'))}</h2>")
    body.append(package_html(s, f.state["package"]))
    body.append(f"<h2>{esc(s.t('briefing.public_position'))}</h2>")
    body.append(_p(s.text(actor.get("public_position"))))
    body.append(f"<h2>{esc(s.t('briefing.objectives'))}</h2>")
    body.append(_p(s.text(actor.get("private_objectives"))))
    if brief is not None and brief.objectives:
        body.append(_p(s.t("briefing.in_this_scenario") + " " + s.text(brief.objectives)))
    body.append(score_html(s, seat))
    body.append(red_lines_html(s, seat))
    body.append(flexible_html(s, seat))
    body.append(moves_html(s, seat))
    body.append(hand_html(s, seat))
    return body


def score_html(s: Sheet, seat: str) -> str:
    parts = s.flow.actors[seat].get("score", [])
    if not parts:
        return ""
    rows = []
    for part in parts:
        rows.append(
            "<tr>"
            f"<td>{esc(s.text(part.get('label')) + interpreted(s, part))}"
            f"{seat_notes(s, part)}</td>"
            f'<td class="num">{esc(weight_words(s, part))}</td>'
            "</tr>"
        )
    return (
        f"<h3>{esc(s.t('handouts.score_parts'))}</h3>"
        f"<table><thead><tr><th>{esc(s.t('handouts.part'))}</th>"
        f'<th class="num">{esc(s.t("handouts.counts"))}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>" + _p(s.t("after.ending.weights_note"), "note")
    )


def red_lines_html(s: Sheet, seat: str) -> str:
    red = s.flow.actors[seat].get("red_lines", [])
    if not red:
        return ""
    out = [f"<h2>{esc(s.t('briefing.red_lines'))}</h2>", _p(s.t("handouts.red_lines_help"))]
    for o in red:
        out.append(
            '<div class="keep">'
            + _p("✗ " + s.text(o.get("says")) + interpreted(s, o))
            + sources(s, o.get("source", []))
            + seat_notes(s, o)
            + "</div>"
        )
    return "".join(out)


def flexible_html(s: Sheet, seat: str) -> str:
    f = s.flow
    actor = f.actors[seat]
    flex = actor.get("flexible", [])
    positions = actor.get("positions", [])
    if not flex and not positions:
        return ""
    out = [f"<h2>{esc(s.t('briefing.conditions'))}</h2>", _p(s.t("briefing.conditions_help"))]
    for o in flex:
        lifts = [
            s.t(
                "handouts.lifts_when",
                position=f.label(pos, s.lang),
                op=OPS.get(op, op),
                value=value,
                at=f.state["positions"].get(pos, 0),
            )
            for pos, op, value in _position_terms(o.get("unless"))
        ]
        out.append(
            '<div class="keep">'
            + _p("◐ " + s.text(o.get("says")) + interpreted(s, o))
            + "".join(_p(x, "src") for x in lifts)
            + sources(s, o.get("source", []))
            + seat_notes(s, o)
            + "</div>"
        )
    if positions:
        out.append(f"<h3>{esc(s.t('briefing.flexible'))}</h3>")
        out.append(_p(s.t("briefing.flexible_help"), "src"))
        out.append(
            table(
                [s.t("handouts.position"), s.t("handouts.now")],
                [
                    [s.text(p.get("label")), f.state["positions"].get(p["id"], p.get("start", 0))]
                    for p in positions
                ],
                numeric=[1],
            )
        )
    return "".join(out)


def moves_html(s: Sheet, seat: str) -> str:
    moves = s.flow.actors[seat].get("moves", [])
    if not moves:
        return ""
    out = [f"<h2>{esc(s.t('briefing.moves'))}</h2>", _p(s.t("handouts.moves_help"))]
    for m in moves:
        lasting = int(m.get("lasting", 1))
        extra = " " + s.t("handouts.lasting", n=lasting) if lasting > 1 else ""
        out.append(
            '<div class="keep">'
            + f"<p><strong>{esc(s.text(m.get('name')))}</strong>: "
            + f"{esc(s.text(m.get('text')) + extra + interpreted(s, m))}</p>"
            + sources(s, m.get("source", []))
            + seat_notes(s, m)
            + "</div>"
        )
    return "".join(out)


def _listener(s: Sheet, to: str) -> str:
    return vocab.seat_name(to, s.lang) if to in (*vocab.SEATS, "russia") else to


def hand_html(s: Sheet, seat: str) -> str:
    f = s.flow
    hand = f.state["hands"][seat]
    out = [
        f"<h2>{esc(s.t('handouts.hand', seed=s.seed))}</h2>",
        _p(s.t("handouts.hand_help", seed=s.seed, n=len(hand)), "src"),
    ]
    if not hand:
        out.append(_p(s.t("handouts.no_cards")))
    for card_id in hand:
        out.append(card_html(s, seat, card_id))
    return "".join(out)


def card_html(s: Sheet, seat: str, card_id: str) -> str:
    f = s.flow
    card = f.arguments[card_id]
    to = _listener(s, str(card.get("to", "")))
    ref = str(card.get("evidence_ref", ""))
    parts = [
        _p(s.t("round.card_to", to=to), "src"),
        f"<p><strong>{esc(s.text(card.get('claim')))}</strong>{esc(interpreted(s, card))}</p>",
        seat_notes(s, card),
        f'<p class="quote">{esc(s.t("after.quote", q=s.text(card.get("evidence"))))} ({esc(ref)})</p>',
    ]
    p = debate.preview(f.engine, f.state, seat, card_id)
    chance = s.t(
        "handouts.card_chance",
        chance=round(100 * p["odds"]["chance"]),
        strength=card.get("strength", 0),
        relevance=card.get("relevance", 0),
    )
    parts.append(_p(chance, "src"))
    for m in p["moves"]:
        parts.append(
            _p(
                s.t(
                    "round.card_moves",
                    position=f.label(m["position"], s.lang),
                    at=m["at"],
                    after=m["after"],
                    threshold=m["threshold"],
                ),
                "src",
            )
        )
    for sh in p["shifts"]:
        name = vocab.indicator_name(str(sh["indicator"]), s.lang)
        parts.append(_p(f"{name}: " + s.t("after.from_to", a=sh["at"], b=sh["after"]), "src"))
    return f'<div class="card" id="{esc(card_id)}">{"".join(parts)}</div>'


def glossary_html(s: Sheet, entries: Sequence[Any]) -> str:
    """The glossary terms the page uses, each with its name in the other language; their
    definitions are in the game's glossary (F3): the page keeps to one sheet."""
    if not entries:
        return ""
    other = i18n.other(s.lang)
    items = []
    for g in entries:
        items.append(
            f"<li><strong>{esc(s.text(g.term))}</strong>"
            f' (<bdi lang="{other}" dir="{direction(other)}">{esc(text_of(g.term, other))}</bdi>)'
            f"{esc(interpreted(s, g))}{seat_notes(s, g)}</li>"
        )
    return (
        f"<h2>{esc(s.t('glossary.heading'))}</h2>"
        + _p(s.t("handouts.glossary_note"), "src")
        + f'<ul class="gloss">{"".join(items)}</ul>'
    )


# ---------------------------------------------------------------- the teacher's sheet


@dataclass(frozen=True)
class Probe:
    """One package put to Russia in the opening state, and its answer."""

    key: str
    """"opening" or a strategy's name."""
    package: pkg.Package
    stance: str
    credibility: int
    acceptability: int
    threshold: int
    rules: list[str]
    demands: dict[str, Any]
    objections: list[Mapping[str, Any]]


def opening_probes(flow: GameFlow) -> list[Probe]:
    """Russia's answer in the opening state to the package on the table and to each
    strategy's target package (clauses the scenario locks stay as tabled), as the engine
    computes it, with the allies' objections to each."""
    engine, state = flow.engine, flow.state
    wanted: list[tuple[str, pkg.Package]] = [("opening", pkg.copy(state["package"]))]
    for name, target in TARGETS.items():
        p = pkg.normalise(dict(target))
        for clause in engine.locked:
            p[clause] = pkg.copy(state["package"])[clause]
        wanted.append((name, p))
    out = []
    for key, p in wanted:
        v = engine.assess(state, p)
        out.append(
            Probe(
                key,
                p,
                v.stance,
                v.credibility,
                v.acceptability,
                v.threshold,
                list(v.rules),
                dict(v.demands),
                list(engine.objections_to(state, p)),
            )
        )
    return out


def probe_name(s: Sheet, key: str) -> str:
    return s.t("handouts.opening_package") if key == "opening" else s.t(f"handouts.strategy.{key}")


def teacher_page(s: Sheet) -> str:
    f, lang = s.flow, s.lang
    sc = s.scenario
    out = [
        f"<h1>{esc(s.t('handouts.teacher_title'))}: {esc(s.text(f.book['title']))}</h1>",
        _p(
            " · ".join(
                [
                    s.t("common.rounds", n=f.engine.rounds),
                    s.t("handouts.seats", seats=vocab.seat_list(list(f.engine.seats), lang)),
                    s.t("handouts.seed_line", seed=s.seed),
                ]
            ),
            "meta",
        ),
        _p(s.t("handouts.teacher_private"), "banner"),
        _p(s.text(sc.summary)),
        note_html(s, sc),
        f"<h2>{esc(s.t('handouts.seed_heading'))}</h2>",
        _p(s.t("handouts.seed_help", seed=s.seed)),
        f'<p dir="ltr"><code>guarantor play --scenario {esc(f.engine.id)} --seed {s.seed} '
        + " ".join(f"--seat {esc(x)}" for x in f.engine.seats)
        + "</code></p>",
        lesson_html(s),
        russia_html(s),
        questions_html(s),
        red_lines_side_by_side(s),
        _p(s.t("app.source_line"), "src"),
    ]
    title = s.t("handouts.teacher_title") + " · " + s.text(f.book["title"])
    return page(
        title, lang, '<main class="teacher">\n' + "\n".join(out) + "\n</main>", css=PRINT_CSS
    )


def lesson_plan(rounds: int) -> list[tuple[int, int, str, int]]:
    """The 45-minute lesson as (from minute, to minute, step, rounds): the tutorial opener,
    the briefings, as many rounds as fit (at most the scenario's), the ending, and the
    debrief in the minutes left."""
    played = min(rounds, LESSON_ROUNDS)
    steps = [
        ("opener", OPENER_MINUTES, 0),
        ("briefing", BRIEFING_MINUTES, 0),
        ("rounds", ROUND_MINUTES * played, played),
        ("ending", ENDING_MINUTES, 0),
    ]
    used = sum(m for _, m, _ in steps)
    steps.append(("debrief", LESSON_MINUTES - used, 0))
    out, at = [], 0
    for step, minutes, n in steps:
        out.append((at, at + minutes, step, n))
        at += minutes
    return out


def lesson_html(s: Sheet) -> str:
    rounds = s.flow.engine.rounds
    plan = lesson_plan(rounds)
    rows = []
    tutorial = getattr(s.scenario, "archetype", "") == "tutorial"
    for start, end, step, n in plan:
        key = "opener_tutorial" if step == "opener" and tutorial else step
        what = s.t(f"handouts.lesson.{key}", n=n, total=rounds)
        rows.append([f"{start}–{end}", what])
    per_round = ", ".join(s.t(f"handouts.round_step.{k}", n=m) for k, m in ROUND_STEPS)
    out = [
        f"<h2>{esc(s.t('handouts.lesson_heading', n=LESSON_MINUTES))}</h2>",
        table([s.t("handouts.minutes"), s.t("handouts.what")], rows),
        _p(s.t("handouts.round_steps", steps=per_round)),
    ]
    if rounds > LESSON_ROUNDS:
        out.append(_p(s.t("handouts.more_rounds", total=rounds, n=LESSON_ROUNDS)))
    return "".join(out)


def russia_html(s: Sheet) -> str:
    f, lang = s.flow, s.lang
    probes = opening_probes(f)
    head = [
        s.t("handouts.col_package"),
        s.t("handouts.col_clauses"),
        s.t("stance.label"),
        s.t("handouts.col_sums"),
        s.t("answer.rules"),
        s.t("handouts.col_allies"),
    ]
    rows = []
    for p in probes:
        rules = [
            f"{r} [{', '.join(str(x) for x in f.rule(r).get('source', []))}]" for r in p.rules
        ] or [s.t("answer.no_rules")]
        if p.demands and p.stance == "counter":
            rules.append(
                s.t("answer.demands")
                + ": "
                + "; ".join(
                    f"{vocab.clause_label(k, lang)}: {vocab.clause_value(k, v, lang)}"
                    for k, v in p.demands.items()
                )
            )
        allies = [
            f"{vocab.seat_name(str(o['seat']), lang)}: {f.label(str(o['id']), lang)}"
            + (f" ({s.t('handouts.red_line')})" if o["red_line"] else "")
            for o in p.objections
        ] or [s.t("handouts.no_objection")]
        name = probe_name(s, p.key)
        rows.append(
            "<tr>"
            f'<td data-probe="{esc(p.key)}"><strong>{esc(name)}</strong>'
            + ("" if p.key == "opening" else f"<br><code>{esc(p.key)}</code>")
            + "</td>"
            f"<td>{'<br>'.join(esc(c) for c in _clause_words(s, p.package)) or esc(s.t('briefing.empty_package'))}</td>"
            f'<td data-stance="{esc(p.stance)}"><strong>{esc(vocab.stance_word(p.stance, lang))}</strong></td>'
            f'<td class="num">{esc(s.t("handouts.sums", cred=p.credibility, acc=p.acceptability, threshold=p.threshold))}</td>'
            f'<td data-rules="{esc(" ".join(p.rules))}">{"<br>".join(esc(r) for r in rules)}</td>'
            f"<td>{'<br>'.join(esc(a) for a in allies)}</td>"
            "</tr>"
        )
    opening = probes[0]
    accepted = [probe_name(s, p.key) for p in probes if p.stance == "accept"]
    out = [
        f"<h2>{esc(s.t('handouts.russia_heading'))}</h2>",
        _p(
            s.t(
                "handouts.russia_help",
                date=vocab.date_words(f.state.get("date", ""), lang),
                momentum=f.state["indicators"].get("momentum", 0),
            )
        ),
        '<p dir="ltr"><code>guarantor simulate --scenario '
        + esc(f.engine.id)
        + " --seat SEAT --strategy NAME</code></p>",
        _p(
            s.t("handouts.accepted", packages=", ".join(accepted))
            if accepted
            else s.t("handouts.accepted_none")
        ),
        f'<p class="keep" id="opening-answer">{esc(s.t("handouts.opening_answer", stance=vocab.stance_word(opening.stance, lang)))}</p>',
        '<table class="russia"><thead><tr>'
        + "".join(f"<th>{esc(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>",
        _p(s.t("after.answer.sums_note"), "note"),
    ]
    fired = list(dict.fromkeys(r for p in probes for r in p.rules))
    if fired:
        out.append(f'<h3>{esc(s.t("handouts.rules_heading"))}</h3><div class="rules">')
        for r in fired:
            rule = f.rule(r)
            basis = rule.get("basis") or ""
            meta = r + (" · " + s.t(f"answer.basis_values.{basis}") if basis else "")
            out.append(
                f'<div class="card" id="rule-{esc(r)}">'
                f"<p><strong>{esc(s.text(rule.get('title')))}</strong> "
                f'<span class="src">{esc(meta)}</span></p>'
                + (_p(s.t("after.quote", q=s.text(rule.get("says")))) if rule.get("says") else "")
                + note_html(s, rule)
                + sources(s, rule.get("source", []))
                + "</div>"
            )
        out.append("</div>")
    return "".join(out)


def questions_html(s: Sheet) -> str:
    f = s.flow
    own = list(getattr(s.scenario, "debrief", []) or [])
    common = list(f.debrief.questions) if f.debrief is not None else []
    out = [f"<h2>{esc(s.t('debrief.questions'))}</h2>"]
    n = 0
    for group, qs in (
        ("after.debrief.this_scenario", own),
        ("after.debrief.every_scenario", common),
    ):
        if not qs:
            continue
        out.append(f"<h3>{esc(s.t(group))}</h3>")
        out.append(f'<ol start="{n + 1}">')
        for q in qs:
            n += 1
            out.append(
                f"<li>{esc(s.text(q.text))}" + sources(s, q.source) + note_html(s, q) + "</li>"
            )
        out.append("</ol>")
    return "".join(out)


def red_lines_side_by_side(s: Sheet) -> str:
    f, lang = s.flow, s.lang
    cols = []
    for seat in f.engine.seats:
        actor = f.actors[seat]
        items = [
            f"<li>✗ {esc(s.text(o.get('says')))}{sources(s, o.get('source', []))}</li>"
            for o in actor.get("red_lines", [])
        ] or [f"<li>{esc(s.t('common.none'))}</li>"]
        flex = [f"<li>◐ {esc(s.text(o.get('says')))}</li>" for o in actor.get("flexible", [])]
        cols.append(
            f'<section><h3>{esc(vocab.seat_name(seat, lang))}</h3><ul class="plain">'
            + "".join(items)
            + "</ul>"
            + (
                f"<p><strong>{esc(s.t('briefing.conditions'))}</strong></p>"
                f'<ul class="plain">{"".join(flex)}</ul>'
                if flex
                else ""
            )
            + "</section>"
        )
    return (
        f'<h2>{esc(s.t("handouts.red_lines_heading"))}</h2><div class="cols">{"".join(cols)}</div>'
    )


# ---------------------------------------------------------------- the index


def index_page(s: Sheet) -> str:
    f, lang = s.flow, s.lang
    links = [
        (seat_file(seat), s.t("handouts.seat_title", seat=vocab.seat_name(seat, lang, long=True)))
        for seat in f.engine.seats
    ]
    links.append((TEACHER_FILE, s.t("handouts.teacher_title")))
    items = "".join(f'<li><a href="{esc(href)}">{esc(words)}</a></li>' for href, words in links)
    body = (
        f"<h1>{esc(s.t('handouts.index_title'))}: {esc(s.text(f.book['title']))}</h1>"
        + _p(s.t("handouts.seed_line", seed=s.seed), "meta")
        + f"<nav><ul>{items}</ul></nav>"
        + _p(s.t("handouts.print_help"))
    )
    return page(
        s.t("handouts.index_title") + " · " + s.text(f.book["title"]), lang, body, css=PRINT_CSS
    )
