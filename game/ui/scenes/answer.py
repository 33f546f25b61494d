"""Russia's answer, and why (GAME-DESIGN 3.5, 3.7 steps 5-6, 5).

The stance, big, as a word and a symbol; what Russia says; then "why": each rule that
fired with its words, its basis, its interpretation, the paragraphs it cites (quoted in the
chosen language, with a button to each in the article) and its fact checks; the two sums
term by term against Russia's threshold (and why a red line counts as 0); who refused what
when the allies would not table the package; Russia's price when it counters; every change
with its cause; and the next round's date and news.

`AnswerScene(app, flow, events)`: `events` are what the `table` action returned. Enter (or
the Continue button) goes on with `game_nav.after_answer`. Nothing here changes the game.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import classroom, coach, vocab
from game.ui import explain as ex
from game.ui.doc import (
    ActionBar,
    Block,
    Card,
    Columns,
    DocView,
    Heading,
    Line,
    Meter,
    Stack,
    Text,
)
from game.ui.flow import text
from game.ui.layout import at_end, row
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.scenes.facilitator import intervention_line
from game.ui.text import Colour, draw_line
from game.ui.theme import signal
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow

Event = Mapping[str, Any]


class AnswerScene(Scene):
    name = "answer"
    back_button = False

    def __init__(self, app: App, flow: GameFlow, events: Sequence[Event]) -> None:
        self.flow = flow
        self.events = list(events)
        self._read()
        super().__init__(app)

    # ------------------------------------------------------------ what happened

    def _read(self) -> None:
        ev = self.events
        self.russia: Event = next(
            (e for e in ev if e["type"] == "russia"),
            {
                "stance": "stall",
                "credibility": 0,
                "acceptability": 0,
                "raw_acceptability": 0,
                "threshold": 0,
                "momentum": int(self.flow.state["indicators"].get("momentum", 50)),
                "rules": [],
                "demands": {},
                "credibility_terms": [],
                "acceptability_terms": [],
            },
        )
        split = next((i for i, e in enumerate(ev) if e["type"] == "round"), len(ev))
        self.now = ev[:split]
        table = self._table_batch()
        if table:  # the table's own events: the seats' turns before it are "before the table"
            first = next((i for i, e in enumerate(self.now) if e is table[0]), 0)
            self.now = self.now[first:]
        self.next_round: Event | None = ev[split] if split < len(ev) else None
        self.later = ev[split + 1 :]
        self.momentum = int(self.russia.get("momentum", 50))  # what Russia's threshold used
        hist = self.flow.state["history"]
        self.round_no = int(hist[-1]["round"]) if hist else int(self.flow.state["round"])
        self.date = str(hist[-1]["date"]) if hist else str(self.flow.state.get("date", ""))
        self.package = hist[-1]["package"] if hist else self.flow.state["package"]
        self.rule_ids = [str(r["id"]) for r in self.russia.get("rules", [])]

    def _first(self, kind: str, events: Sequence[Event] | None = None) -> Event | None:
        return next((e for e in (events or self.events) if e["type"] == kind), None)

    # ------------------------------------------------------------ widgets

    def build(self) -> None:
        self.cont = Button(
            self.app,
            self._continue_label,
            self.go_on,
            chip="Enter",
            kind="primary",
            name="continue",
        )
        self.ring.add(self.cont)
        self.coach_rect = pygame.Rect(0, 0, 0, 0)
        """The tutorial's coach line, above the action bar (no height outside a tutorial)."""
        self.actions = ActionBar(self.app, lambda: self.t("after.answer.keys"))
        self.actions.end(self.cont, min_width=260)
        self.ring.default = self.cont
        self.links = ex.Links(self)
        self.doc = DocView(self.app)
        self.side = DocView(self.app)
        self.ring.on_focus = self._reveal
        self.ring.focus(self.cont)

    def _reveal(self, w: Any) -> None:
        self.doc.reveal(w)

    def _continue_label(self) -> str:
        phase = self.flow.state["phase"]
        if phase == "over":
            return self.t("after.answer.to_end")
        if phase == "signing":
            return self.t("after.answer.to_signing")
        return self.t("after.answer.to_round", n=self.flow.state["round"])

    def go_on(self) -> None:
        coach.mark(self.flow, "answer")  # a tutorial: Russia's answer read
        game_nav.after_answer(self.app, self.flow)

    def coach_hint(self) -> str:
        """The tutorial's hint for reading the answer ("" outside a tutorial)."""
        return coach.line(self.flow, "answer", self.lang, self.t)

    def back(self) -> bool:
        return True  # Russia's answer cannot be taken back; Enter goes on

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.go_on()  # wherever the focus is: Space opens a focused link
            return True
        if self.doc.handle(event):
            return True
        if event.type == pygame.MOUSEWHEEL and self.side.viewport.collidepoint(
            pygame.mouse.get_pos()
        ):
            return self.side.handle(event)
        return super().handle(event)

    # ------------------------------------------------------------ layout

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "answer.heading")
        body = f.body
        main = self.actions.layout(body)
        self.coach_rect = pygame.Rect(main.left, main.bottom, main.width, 0)
        if coach.current(self.flow, "answer") is not None:  # a tutorial: the coach line
            h = th.text("small_bold").line_height + th.px(8)
            self.coach_rect = pygame.Rect(main.left, main.bottom - h, main.width, h)
            main = pygame.Rect(main.left, main.top, main.width, max(0, main.height - h - th.px(6)))
        summary = self._summary()
        side_w = min(max(int(main.width * 0.4), th.px(360)), th.px(500))
        two = main.width - side_w >= th.px(520)
        # the whole summary if it fits; else as many rules as fit, and "n more" ("Why" has
        # them all); else the stance and the numbers alone
        inner_w = side_w - th.px(14)
        if two and Stack(self, summary, gap=14).measure(inner_w) > main.height:
            for k in range(len(self.rule_ids) - 1, -1, -1):
                shorter = [*summary[:2], self._rules_card(k)] if k else summary[:2]
                if Stack(self, shorter, gap=14).measure(inner_w) <= main.height:
                    summary = shorter
                    break
            two = Stack(self, summary, gap=14).measure(inner_w) <= main.height
        self.two = two
        self.detail_w = main.width - (side_w + th.px(28) if two else 0) - th.px(14)
        details = self._details()
        if two:
            left, right = row(main, [side_w, None], th.px(28), self.rtl)
            self.side.layout(left, summary)
            self.doc.layout(right, details)
        else:
            self.side.layout(pygame.Rect(main.left, main.top, 0, 0), [])
            head: list[Block] = summary[:2]
            if main.width >= th.px(760):
                head = [Columns(self, [(summary[0], 0.42), (summary[1], None)], valign="middle")]
            self.doc.layout(main, [*head, *self._statement(), *details])

    # ------------------------------------------------------------ the summary

    def _summary(self) -> list[Block]:
        """The start column: the stance, the two numbers against the threshold, and the
        rules that fired in short."""
        c, lang = self.theme.c, self.lang
        r = self.russia
        stance = str(r["stance"])
        out: list[Block] = [ex.stance_badge(self, stance)]
        cred, acc, thr = int(r["credibility"]), int(r["acceptability"]), int(r["threshold"])
        raw = int(r.get("raw_acceptability", acc))
        meters: list[Block] = [
            Line(
                self,
                self.t("indicator.credibility"),
                self.t("common.of_100", value=cred),
                role="small_bold",
                value_role="small_bold",
                value_lang=lang,
            ),
            Meter(self, cred, colour=c.info),
            Line(
                self,
                self.t("indicator.acceptability"),
                self.t("common.of_100", value=acc),
                role="small_bold",
                value_role="small_bold",
                value_lang=lang,
            ),
            Meter(
                self,
                acc,
                colour=c.accent,
                mark=thr,
                ghost=raw if stance == "reject" else None,
                mark_label=self.t("round.threshold_value", value=thr),
            ),
        ]
        if stance == "reject":
            meters.append(Text(self, self.t("after.answer.red_line_short", raw=raw), "caption"))
        out.append(Card(self, meters, gap=6))
        out.append(self._rules_card(len(self.rule_ids)))
        return out

    def _rules_hidden(self) -> bool:
        """The facilitator hides Russia's rules for now (the class is to guess them)."""
        return self.flow.facilitator and classroom.desk(self.flow).rules_hidden

    def _rules_card(self, shown: int) -> Block:
        """The rules that fired, by title (the first `shown`, and how many more)."""
        c, lang = self.theme.c, self.lang
        rules: list[Block] = [
            Text(self, self.t("answer.rules"), "small_bold", colour=c.accent),
        ]
        if self._rules_hidden():
            rules.append(Text(self, self.t("classroom.cv.rules_hidden"), "small"))
            return Card(self, rules, gap=6)
        for rid in self.rule_ids[:shown]:
            rule = self.flow.rules.get(rid, {})
            st = rule.get("stance")
            sym, colour = signal("stance." + st) if st else ("•", c.text_dim)
            rules.append(
                Text(
                    self,
                    text(rule.get("title"), lang),
                    "small",
                    colour=c.text,
                    bullet=sym,
                    bullet_colour=colour,
                )
            )
        more = len(self.rule_ids) - shown
        if more > 0:
            rules.append(Text(self, self.t("after.answer.more_rules", n=more), "caption"))
        if not self.rule_ids:
            rules.append(Text(self, self.t("answer.no_rules"), "small"))
        return Card(self, rules, gap=6)

    def _statement(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        stance = str(self.russia["stance"])
        says = self.flow.statement(stance, self.rule_ids, lang)
        return [
            Card(
                self,
                [
                    Text(self, self.t("after.answer.russia_says"), "small_bold", colour=c.accent),
                    Text(self, ex.quote(self, says), "reading"),
                ],
                accent=signal("stance." + stance)[1],
                gap=6,
            ),
            Card(
                self,
                [
                    Text(self, self.t("after.answer.package"), "small_bold", colour=c.accent),
                    *ex.package_blocks(self, self.package, changed_only=True),
                ]
                if vocab.package_items(self.package, lang, only_changed=True)
                else [
                    Text(self, self.t("after.answer.package"), "small_bold", colour=c.accent),
                    Text(self, self.t("after.package.empty"), "small"),
                ],
                gap=4,
            ),
        ]

    # ------------------------------------------------------------ the details

    def _details(self) -> list[Block]:
        out: list[Block] = []
        if self.two:
            out += self._statement()
        out += self._allies()
        out += self._price()
        out += self._sums()
        out += self._why()
        out += self._consequences()
        out += self._next()
        return out

    def _allies(self) -> list[Block]:
        """The proposal that was not tabled: who refused which clause, and why."""
        c, lang = self.theme.c, self.lang
        refused = self._first("refused", self.now)
        not_signed = self._first("not_signed", self.now)
        out: list[Block] = []
        if refused:
            items: list[Block] = [
                Text(self, self.t("after.answer.not_tabled"), "body"),
            ]
            for o in refused.get("objections", []):
                items.append(self._objection(o))
            missing = list(refused.get("not_agreed", []))
            if missing:
                items.append(
                    Text(
                        self,
                        self.t("after.answer.not_agreed", seats=vocab.seat_list(missing, lang)),
                        "small_bold",
                        bullet=signal("warning")[0],
                        bullet_colour=c.warn,
                    )
                )
            items.append(
                Text(self, self.t("after.answer.answered_table"), "small", colour=c.text_dim)
            )
            out += [
                Heading(self, self.t("after.answer.allies")),
                Card(self, items, accent=c.warn, gap=8),
            ]
        if not_signed:
            items = [Text(self, self.t("after.answer.not_signed"), "body")]
            for o in not_signed.get("objections", []):
                items.append(self._objection(o))
            out += [
                Heading(self, self.t("after.answer.no_signature")),
                Card(self, items, accent=c.warn, gap=8),
            ]
        return out

    def _objection(self, o: Event) -> Block:
        c, lang = self.theme.c, self.lang
        data = self.flow.objections.get(str(o.get("id")), {})
        kind = self.t("after.answer.red_line" if o.get("red_line") else "after.answer.flexible")
        seat = vocab.seat_name(str(o.get("seat")), lang)
        parts: list[Block] = [
            Text(
                self,
                f"{seat} · {kind}",
                "small_bold",
                bullet=signal("result.failure")[0],
                bullet_colour=c.bad,
            ),
            Text(self, ex.quote(self, text(data.get("says"), lang)), "small", colour=c.text),
        ]
        interp = text(data.get("interpretation"), lang)
        if interp:
            parts.append(Text(self, self.t("common.interpretation", text=interp), "caption"))
        src = [str(s) for s in o.get("source", [])]
        if src:
            parts.append(Text(self, self.t("common.sources", ids=ex.ids(src)), "caption"))
        return Stack(self, parts, gap=4)

    def _why(self) -> list[Block]:
        c = self.theme.c
        out: list[Block] = [
            Heading(self, self.t("answer.why"), note=self.t("after.answer.why_note")),
        ]
        if self._rules_hidden():
            out.append(Text(self, self.t("classroom.cv.rules_hidden"), "body_dim"))
            return out
        if not self.rule_ids:
            out.append(Text(self, self.t("answer.no_rules"), "body_dim"))
            return out
        quoted: set[str] = set()
        checked: set[str] = set()
        for rid in self.rule_ids:
            rule = self.flow.rules.get(rid, {})
            accent = signal("stance." + rule["stance"])[1] if rule.get("stance") else c.border_hi
            out.append(ex.rule_card(self, self.flow, rid, self.links, quoted, checked, accent))
        return out

    def _sums(self) -> list[Block]:
        th, c = self.theme, self.theme.c
        r = self.russia
        stance = str(r["stance"])
        book = self.flow.book
        cred_base = float(book["credibility"].get("base", 0))
        acc_base = float(book["acceptability"].get("base", 0))
        raw = int(r.get("raw_acceptability", r["acceptability"]))
        tdat = book["threshold"]
        cred_card = Card(
            self,
            [
                Text(self, self.t("indicator.credibility"), "h3"),
                Text(self, self.t("indicator.help.credibility"), "caption"),
                *ex.sum_blocks(
                    self,
                    self.flow,
                    "credibility",
                    cred_base,
                    r.get("credibility_terms", []),
                    float(r["credibility"]),
                ),
            ],
            gap=6,
        )
        acc_items: list[Block] = [
            Text(self, self.t("indicator.acceptability"), "h3"),
            Text(self, self.t("indicator.help.acceptability"), "caption"),
            *ex.sum_blocks(
                self,
                self.flow,
                "acceptability",
                acc_base,
                r.get("acceptability_terms", []),
                float(raw),
            ),
            Line(
                self,
                self.t("round.threshold"),
                str(r["threshold"]),
                role="body_bold",
                value_role="body_bold",
                colour=c.accent,
                value_colour=c.accent,
                note=self.t(
                    "after.sums.threshold_formula",
                    base=ex.num(float(tdat["base"])),
                    per=ex.num(float(tdat["per_momentum"])),
                    momentum=self.momentum,
                )
                + " "
                + self.t("common.sources", ids=ex.ids(tdat.get("source", [])))
                + self._threshold_moved(tdat, int(r["threshold"])),
            ),
        ]
        forced = [
            rid for rid in self.rule_ids if self.flow.rules.get(rid, {}).get("stance") is not None
        ]
        names = "; ".join(self.flow.label(rid, self.lang) for rid in forced)
        acc = int(r["acceptability"])
        thr = int(r["threshold"])
        margin = ex.num(float(tdat.get("counter_margin", 0)))
        if stance == "reject":
            verdict = self.t("after.sums.verdict_reject", rules=names, raw=raw)
        elif forced:
            verdict = self.t(
                "after.sums.verdict_forced",
                rules=names,
                stance=vocab.stance_word(stance, self.lang),
            )
        else:
            verdict = self.t(f"after.sums.verdict_{stance}", a=acc, t=thr, m=margin)
        sym, colour = signal("stance." + stance)
        acc_items.append(
            Text(self, verdict, "body_bold", colour=colour, bullet=sym, bullet_colour=colour)
        )
        acc_card = Card(self, acc_items, gap=6)
        out: list[Block] = [
            Heading(self, self.t("after.answer.sums"), note=self.t("after.answer.sums_note")),
        ]
        if self.detail_w >= th.px(900):
            out.append(Columns(self, [(cred_card, None), (acc_card, None)], gap=16))
        else:
            out += [cred_card, acc_card]
        return out

    def _threshold_moved(self, tdat: Mapping[str, Any], after: int) -> str:
        """Why the threshold differs from the one the round screen showed: what moved
        Russia's momentum when the package was tabled, before Moscow answered."""
        from game.engine.russia import threshold

        r_index = next((i for i, e in enumerate(self.events) if e is self.russia), 0)
        moved = [
            e
            for e in self.events[:r_index]
            if e["type"] == "change" and e.get("indicator") == "momentum"
        ]
        m1 = self.momentum
        m0 = m1 - sum(int(e["to"]) - int(e["from"]) for e in moved)
        before = threshold(tdat, m0)
        if before == after:
            return ""
        causes: list[str] = []
        for e in moved:
            words = self._cause_words(e.get("cause"), {str(x.get("move")) for x in self.now})
            if words and words not in causes:
                causes.append(words)
        return " " + self.t(
            "after.sums.threshold_moved",
            before=before,
            after=after,
            m0=m0,
            m1=m1,
            causes="; ".join(causes),
        )

    def _price(self) -> list[Block]:
        demands = dict(self.russia.get("demands") or {})
        if not demands:
            return []
        c, lang = self.theme.c, self.lang
        who = [rid for rid in self.rule_ids if self.flow.rules.get(rid, {}).get("demands")]
        items: list[Block] = [Text(self, self.t("after.answer.price_intro"), "body")]
        for clause, value in demands.items():
            items.append(
                Line(
                    self,
                    vocab.clause_label(clause, lang),
                    vocab.clause_value(clause, value, lang),
                    role="body",
                    value_role="body_bold",
                    value_lang=lang,
                    value_colour=c.accent_hi,
                )
            )
        if who:
            items.append(
                Text(
                    self,
                    self.t(
                        "after.answer.price_by",
                        rules="; ".join(self.flow.label(r, lang) for r in who),
                    ),
                    "caption",
                )
            )
        return [Heading(self, self.t("answer.demands")), Card(self, items, accent=c.warn, gap=8)]

    def _table_batch(self) -> list[Event] | None:
        """The events of the action that tabled (the batch of the game's record that holds
        Russia's answer), or None when these events are not in the record."""
        for b in reversed(self.flow.session.events):
            if any(e is self.russia for e in b):
                return list(b)
        return None

    def _before_table(self) -> list[list[Event]]:
        """The batches of events of this week's actions before the table (arguments, moves,
        proposals, answers and counters of every seat), from the game's record."""
        batches = self.flow.session.events
        idx = next((i for i, b in enumerate(batches) if any(e is self.russia for e in b)), None)
        if idx is None:
            idx = next((i for i, b in enumerate(batches) if b is self.events), None)
        if idx is None:
            idx = next((i for i, b in enumerate(batches) if b == self.events), len(batches))
        start = idx
        while start > 1 and not any(e["type"] == "round" for e in batches[start - 1]):
            start -= 1
        return [list(b) for b in batches[start:idx]]

    def _mover(self, cause: Mapping[str, Any] | None) -> str | None:
        """The seat whose move or argument caused a change (from the id's seat prefix)."""
        if not cause:
            return None
        kind, value = next(iter(cause.items()))
        if kind != "move":
            return None
        seat = str(value).split(".", 1)[0]
        return seat if seat in self.flow.actors else None

    def _cause_words(self, cause: Mapping[str, Any] | None, started: set[str]) -> str:
        """The cause of a change; a move names its seat, and one started in an earlier
        week says it is under way."""
        seat = self._mover(cause)
        if cause and seat is not None:
            mid = str(next(iter(cause.values())))
            if mid not in started:
                return self.t(
                    "after.answer.move_on",
                    seat=vocab.seat_name(seat, self.lang),
                    move=self.flow.label(mid, self.lang),
                )
            return self.t(
                "after.answer.move",
                seat=vocab.seat_name(seat, self.lang),
                move=self.flow.label(mid, self.lang),
            )
        return ex.cause_text(self, self.flow, cause)

    def _argued_by(self, card: str) -> str:
        """The seat that played an argument (the latest time it was played)."""
        for p in reversed(self.flow.state.get("played", [])):
            if p.get("card") == card:
                return str(p.get("seat", ""))
        by = self.flow.arguments.get(card, {}).get("by") or [""]
        return str(by[0])

    def _roll_lines(self, e: Event, key: str, **fmt: Any) -> list[Block]:
        """A roll (an argument, or a counter to one) in one line with its result, then the
        card's fact checks and invented tag."""
        lang = self.lang
        ok = bool(e.get("success"))
        bullet_colour, colour = self._roll_colour(str(e["seat"]), ok)
        line = Text(
            self,
            self.t(
                key,
                seat=vocab.seat_name(str(e["seat"]), lang),
                card=self.flow.label(str(e["card"]), lang),
                target=e.get("target", ""),
                result=vocab.result_label(ok, lang),
                **fmt,
            ),
            "small",
            colour=colour,
            bullet=signal("result.success" if ok else "result.failure")[0],
            bullet_colour=bullet_colour,
        )
        notes = ex.note_blocks(
            self,
            self.flow.factchecks,
            self.flow.arguments.get(str(e["card"]), {}),
            interpretation=False,
        )
        return [line, *notes]

    def _roll_colour(self, seat: str, ok: bool) -> tuple[Colour, Colour]:
        """A roll of a seat played at this computer in green or red; another seat's in the
        neutral colour (its line says whose it is)."""
        c = self.theme.c
        if seat in self.flow.humans:
            return (c.ok if ok else c.bad), c.text
        return c.info, c.text_dim

    def _event_items(self, events: Sequence[Event], started: set[str]) -> list[Block]:
        """Each action once, with the changes it caused under it (the cause is named once;
        a change from another cause names its own)."""
        c, lang = self.theme.c, self.lang
        items: list[Block] = []
        said: Any = object()
        for e in events:
            kind = e["type"]
            if kind == "move":
                started.add(str(e["move"]))
                items.append(
                    Text(
                        self,
                        self.t(
                            "after.answer.move",
                            seat=vocab.seat_name(str(e["seat"]), lang),
                            move=self.flow.label(str(e["move"]), lang),
                        ),
                        "small_bold",
                        bullet=ex.arrow(self),
                        bullet_colour=c.info,
                    )
                )
                said = {"move": e["move"]}
            elif kind == "argument":
                items += self._roll_lines(
                    e,
                    "after.answer.argued",
                    to=vocab.seat_name(str(e.get("to", "")), lang),
                    sum=ex.roll_sum(e),
                )
                said = {"argument": e["card"]}
            elif kind == "rebuttal":
                d = e.get("dice") or [0, 0]
                items += self._roll_lines(
                    e,
                    "after.answer.rebuttal",
                    owner=vocab.seat_name(self._argued_by(str(e["card"])), lang),
                    sum=f"{d[0]} + {d[1]} + {e['counter_strength']} − {e['strength']} = {e['total']}",
                )
                said = {"rebuttal": e["card"]}
            elif kind == "change":
                cause = e.get("cause")
                line = ex.change_line(self, self.flow, e)
                if cause == said:
                    line.note = ""
                else:
                    line.note = self.t("round.cause", cause=self._cause_words(cause, started))
                    said = cause
                items.append(line)
            elif kind == "flag" and e.get("set", True):
                words = ex.flag_text(self, str(e["flag"]))
                if words:
                    cause = ex.cause_text(self, self.flow, e.get("cause"))
                    items.append(
                        Text(
                            self,
                            f"{words} ({cause})" if cause else words,
                            "small_bold",
                            bullet=signal("warning")[0],
                            bullet_colour=c.warn,
                        )
                    )
            elif kind in ("verdict", "intervention"):
                words = intervention_line(self, self.flow, e)
                if words:
                    items.append(Text(self, words, "small_bold", bullet="⚑", bullet_colour=c.info))
            elif kind == "no_deal":
                items.append(Text(self, self.t("after.answer.no_deal"), "small", colour=c.text_dim))
        return items

    def _consequences(self) -> list[Block]:
        """What changed this week and why: first what the seats did before tabling (their
        arguments and moves, with what each moved), then what happened at the table."""
        before: list[Block] = []
        for batch in self._before_table():
            before += self._event_items(batch, set())
        now = self._event_items(self.now, set())
        out: list[Block] = [
            Heading(self, self.t("round.changes"), note=self.t("after.answer.changes_note"))
        ]
        if before:
            out.append(
                Card(self, [Text(self, self.t("after.answer.before_table"), "h3"), *before], gap=10)
            )
        if not now:
            now.append(Text(self, self.t("after.answer.nothing_changed"), "small"))
        if before:
            now.insert(0, Text(self, self.t("after.answer.at_table"), "h3"))
        out.append(Card(self, now, gap=10))
        return out

    def _next(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        state = self.flow.state
        outcome = self._first("outcome")
        if outcome is not None:
            kind = str(outcome["kind"])
            return [
                Heading(self, self.t(f"outcome.heading.{kind}")),
                Card(
                    self,
                    [
                        Text(self, vocab.outcome_label(kind, lang), "h3"),
                        Text(self, ex.reason_text(self, kind, str(outcome["reason"])), "body"),
                    ],
                    accent=signal("outcome." + kind)[1],
                ),
            ]
        if state["phase"] == "signing":
            return [
                Heading(self, self.t("after.answer.signing_next")),
                Card(
                    self,
                    [
                        Text(
                            self,
                            self.t(
                                "after.answer.signing_who",
                                seats=vocab.seat_list(list(self.flow.humans), lang),
                            ),
                            "body",
                        )
                    ],
                    accent=c.ok,
                ),
            ]
        if self.next_round is None:
            return []
        n = int(self.next_round["round"])
        head = self.t(
            "after.answer.next_round",
            n=n,
            total=self.flow.rounds,
            date=vocab.date_words(str(self.next_round["date"]), lang),
        )
        items: list[Block] = []
        news = [e for e in self.later if e["type"] == "news"]
        for e in news:
            ev = self.flow.events_by_id.get(str(e["event"]), {})
            parts: list[Block] = [
                Text(self, text(ev.get("title"), lang), "h3"),
                Text(
                    self,
                    vocab.date_words(str(e.get("date", "")), lang)
                    + " · "
                    + self.t("common.sources", ids=ex.ids(ev.get("source", []))),
                    "caption",
                ),
                Text(self, text(ev.get("text"), lang), "body"),
            ]
            for ch in self.later:
                if ch["type"] == "change" and (ch.get("cause") or {}).get("event") == e["event"]:
                    parts.append(ex.change_line(self, self.flow, ch))
            items.append(Card(self, parts, accent=c.info, gap=6))
        if not news:
            items.append(Text(self, self.t("round.no_news"), "body_dim"))
        return [Heading(self, head, note=self.t("round.news")), *items]

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        self.draw_frame(surface)
        f = self.frame
        assert f is not None
        where = self.t(
            "after.answer.where",
            n=self.round_no,
            total=self.flow.rounds,
            date=vocab.date_words(self.date, self.lang),
        )
        w = min(th.px(420), f.header.width // 2)
        r = at_end(f.header, w, self.rtl)
        draw_line(
            surface,
            where,
            (r.left if self.rtl else r.right, f.header.centery),
            th.text("small"),
            self.lang,
            anchor="midleft" if self.rtl else "midright",
            max_width=w,
        )
        if self.two:
            self.side.draw(surface)
        self.doc.draw(surface)
        if self.coach_rect.height:
            coach.draw(self, surface, self.coach_rect, self.coach_hint())
        self.actions.draw(surface)
        self.ring.draw(surface)
