"""The debrief (GAME-DESIGN 3.9, 5, 7): every round in a table (the date, the package in
short, the arguments and their rolls, the moves, Russia's stance with its rules, the
credibility, acceptability and threshold); the indicators over time as a line chart (each
line labelled and marked, not colour-only) and the two sums against the threshold; what the
article argues; the discussion questions, the scenario's and the common ones, each with
its paragraphs. It scrolls; Esc goes back to the ending (or to the game, mid-game).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import saves
from game.ui import explain as ex
from game.ui import vocab
from game.ui.doc import (
    ActionBar,
    Block,
    Card,
    Columns,
    Custom,
    DocView,
    Heading,
    Stack,
    Table,
    Text,
    Widgets,
)
from game.ui.flow import text
from game.ui.layout import at_end
from game.ui.linechart import MARKERS, Series, chart_height, draw_linechart
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.scenes.facilitator import interventions_blocks
from game.ui.text import Colour, draw_line, ltr
from game.ui.theme import signal
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow

EXTRA_COLOURS: tuple[Colour, ...] = ((196, 160, 255), (120, 220, 220), (240, 150, 200))


class DebriefScene(Scene):
    name = "debrief"
    back_button = False

    def __init__(self, app: App, flow: GameFlow) -> None:
        self.flow = flow
        self.exported: tuple[bool, str] | None = None
        """The last export: (written, what to say)."""
        self.rows = flow.history()
        from game.report.debrief import timeline

        self.timeline = {int(row["round"]): row for row in timeline(flow)}
        self.opening = self._opening()
        super().__init__(app)

    def _opening(self) -> dict[str, int]:
        """The indicators when the talks opened (round 1's news applied)."""
        s = self.flow.session
        state, _ = s.new_game()
        return dict(state["indicators"])

    # ------------------------------------------------------------ widgets

    def build(self) -> None:
        app = self.app
        over = self.flow.session.over
        self.back_btn = Button(
            app,
            "after.debrief.to_ending" if over else "after.debrief.to_game",
            self.back,
            shortcut="e" if over else "g",
            kind="secondary",
            name="to_ending",
        )
        self.title_btn = Button(
            app, "after.ending.to_title", self.app.title, shortcut="t", kind="ghost", name="title"
        )
        self.export_btn = Button(
            app, "report.export", self.export, shortcut="x", kind="secondary", name="export"
        )
        self.ring.add(self.export_btn, self.back_btn, self.title_btn)
        self.actions = ActionBar(
            self.app, lambda: self.t("report.export_keys") + " · " + self.t("after.debrief.keys")
        )
        self.actions.end(self.back_btn, min_width=240, part=2)
        self.actions.start(self.title_btn, min_width=150, part=3)
        self.links = ex.Links(self)
        self.doc = DocView(app)
        self.ring.on_focus = self.doc.reveal
        self.ring.focus(self.back_btn)

    # ------------------------------------------------------------ export

    def export_path(self) -> Path:
        """Where the debrief is written: beside the game's save (named after it), else in
        the saves folder."""
        flow = self.flow
        if flow.save_path is not None:
            return flow.save_path.with_name(flow.save_path.stem + "-debrief.html")
        fresh = saves.fresh_name(flow.save_dir or saves.saves_dir(), flow.engine.id)
        return fresh.with_name(fresh.stem + "-debrief.html")

    def export(self) -> None:
        """Write the debrief as a page (with its JSON and CSV beside it) and say where; a
        folder that cannot be written is said, with why, and nothing else changes."""
        from game.report import debrief as report
        from game.safeio import os_reason
        from game.ui.scenes.save_failed import why

        path = self.export_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written = report.export(self.flow, path, self.lang)
        except OSError as e:
            self.exported = (
                False,
                self.t(
                    "report.export_failed",
                    path=ltr(str(path)),
                    problem=why(self.app, e.errno, os_reason(e)),
                ),
            )
        else:
            self.exported = (
                True,
                self.t(
                    "report.exported",
                    path=ltr(str(written[0])),
                    json=ltr(written[1].name),
                    csv=ltr(written[2].name),
                ),
            )
        self._layout_key = None
        self.dirty = True
        self.doc.scroll_to(0)

    def back(self) -> bool:
        if self.flow.session.over:
            game_nav.finish(self.app, self.flow)
        else:
            game_nav.turn(self.app, self.flow)
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if self.doc.handle(event):
            return True
        return super().handle(event)

    # ------------------------------------------------------------ layout

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "debrief.heading")
        body = f.body
        main = self.actions.layout(body)
        self.wide = main.width >= th.px(980)
        self.main_w = main.width
        blocks = [
            *self._exported(),
            *self._compare(),
            *self._rounds(),
            *interventions_blocks(self, self.flow),
            *self._scores(),
            *self._charts(),
            *self._thesis(),
            *self._questions(),
        ]
        self.doc.layout(main, blocks)

    def _exported(self) -> list[Block]:
        """The export (X): what it writes and, once done, where it went (or why not). In the
        document, not the action bar, so that the bar keeps room for its two buttons'
        whole labels at a projector's scale."""
        c = self.theme.c
        parts: list[Block] = [
            Text(self, self.t("report.export_help"), "small"),
            Widgets(self, [self.export_btn]),
        ]
        accent = None
        if self.exported is not None:
            ok, words = self.exported
            sym = signal("result.success" if ok else "warning")[0]
            accent = c.ok if ok else c.bad
            parts.append(
                Text(self, words, "small_bold", colour=accent, bullet=sym, bullet_colour=accent)
            )
        return [Card(self, parts, accent=accent, gap=8)]

    def _compare(self) -> list[Block]:
        """After a replay: the ending it replays and this game's, side by side."""
        from game.report import debrief as report

        found = report.compare_rows(self.flow, report.Words(self.lang))
        if found is None:
            return []
        head, rows = found
        before = self.flow.replay_of or {}
        cols: list[tuple[str, Any]] = [(head[0], 0.28), (head[1], None), (head[2], None)]
        cells = [
            [[Text(self, cell, "small_bold" if k == 0 else "small")] for k, cell in enumerate(r)]
            for r in rows
        ]
        return [
            Heading(
                self,
                self.t("report.compare.heading"),
                note=self.t(report.compare_note_key(self.flow), n=before.get("from_round", "?")),
            ),
            Table(self, cols, cells),
        ]

    # ------------------------------------------------------------ round by round

    def _rounds(self) -> list[Block]:
        out: list[Block] = [
            Heading(
                self,
                self.t("debrief.rounds"),
                note=self.t(
                    "after.debrief.rounds_note",
                    title=text(self.flow.book["title"], self.lang),
                    seed=self.flow.session.seed,
                ),
            )
        ]
        if not self.rows:
            out.append(Card(self, [Text(self, self.t("after.debrief.no_rounds"), "body")]))
            return out + self._unanswered()
        cells = [self._cells(r) for r in self.rows]
        if self.wide:
            cols: list[tuple[str, Any]] = [
                (self.t("after.debrief.col_round"), 0.1),
                (self.t("debrief.packages"), 0.23),
                (self.t("debrief.arguments"), 0.24),
                (self.t("after.debrief.col_russia"), None),
                (self.t("after.debrief.col_sums"), 0.11),
            ]
            out.append(Table(self, cols, cells))
        else:
            heads = [
                self.t("debrief.packages"),
                self.t("debrief.arguments"),
                self.t("after.debrief.col_russia"),
                self.t("after.debrief.col_sums"),
            ]
            th = self.theme
            for r in cells:
                halves: list[list[Block]] = [[], []]
                for k, (head, cell) in enumerate(zip(heads, r[1:], strict=True)):
                    half = halves[k // 2]
                    half.append(Text(self, head, "small_bold", colour=self.theme.c.accent))
                    half += cell
                if self.main_w >= th.px(600):
                    body: list[Block] = [
                        Columns(
                            self,
                            [
                                (Stack(self, halves[0], gap=6), None),
                                (Stack(self, halves[1], gap=6), None),
                            ],
                            gap=24,
                        )
                    ]
                else:
                    body = [*halves[0], *halves[1]]
                out.append(Card(self, [Stack(self, r[0], gap=2), *body], gap=10))
        return out + self._unanswered()

    def _interventions(self, n: int) -> list[Block]:
        """The round's actions taken with a reason (the facilitator's) that are not told
        with an argument: an event put in, an override, a skip, the end of the talks; each
        with what it changed, worded as the printed debrief words it. (An argument the
        facilitator judged is told once, among the arguments.)"""
        from game.report.debrief import Words, intervention_words

        c = self.theme.c
        row = self.timeline.get(n, {})
        steps = [e["step"] for e in row.get("news", []) if e.get("step")]
        out: list[Block] = []
        for step in [*steps, *row.get("interventions", [])]:
            key, fmt, changed = intervention_words(self.flow, Words(self.lang), step)
            out.append(
                Text(
                    self,
                    self.t(key, **fmt),
                    "caption",
                    colour=c.warn,
                    bullet="⚑",
                    bullet_colour=c.warn,
                )
            )
            if changed:
                out.append(Text(self, changed, "caption"))
        return out

    def _arguments(self, n: int) -> list[Block]:
        """A round's arguments (each with its roll, or the facilitator's verdict or dice
        with the reason and what it changed), the other interventions, the moves: every
        event once, as the printed debrief has them (`game.report.debrief.timeline`)."""
        from game.report.debrief import Words, result_words, step_changes

        c, lang = self.theme.c, self.lang
        w = Words(lang)
        row = self.timeline.get(n, {})
        out: list[Block] = []
        for a in row.get("arguments", []):
            ok = bool(a.get("success"))
            _, colour = signal("result.success" if ok else "result.failure")
            card = self.flow.arguments.get(str(a["card"]), {})
            out.append(
                Text(
                    self,
                    ex.from_to(
                        self,
                        vocab.seat_name(str(a["seat"]), lang),
                        vocab.seat_name(str(card.get("to", "")), lang),
                    )
                    + ": "
                    + text(card.get("claim"), lang),
                    "small",
                    colour=c.text,
                    max_lines=2,
                )
            )
            # a recap: the figures' corrections and the invented tag, not the reading
            out += ex.note_blocks(self, self.flow.factchecks, card, interpretation=False)
            key, fmt = result_words(self.flow, w, a)
            out.append(Text(self, self.t(key, **fmt), "caption", colour=colour))
            changed = step_changes(self.flow, w, a.get("step"))
            if changed:
                out.append(Text(self, changed, "caption"))
        out += self._interventions(n)
        for e in row.get("moves", []):
            out.append(
                Text(
                    self,
                    self.t(
                        "after.answer.move",
                        seat=vocab.seat_name(str(e["seat"]), lang),
                        move=self.flow.label(str(e["move"]), lang),
                    ),
                    "caption",
                    bullet=ex.arrow(self),
                    bullet_colour=c.info,
                )
            )
        return out

    def _unanswered(self) -> list[Block]:
        """Rounds Russia did not answer where something happened (the talks ended in them,
        or one is under way): their interventions, so that every one appears."""
        out: list[Block] = []
        for n, row in sorted(self.timeline.items()):
            if row.get("stance") is not None:
                continue
            items = self._arguments(n)
            if not items:
                continue
            out.append(
                Card(
                    self,
                    [
                        Text(self, self.t("after.debrief.round_n", n=n), "body_bold"),
                        Text(self, self.t("report.no_answer"), "small"),
                        *items,
                    ],
                    gap=6,
                )
            )
        return out

    def _cells(self, r: dict[str, Any]) -> list[list[Block]]:
        c, lang = self.theme.c, self.lang
        n = int(r["round"])
        when: list[Block] = [
            Text(self, self.t("after.debrief.round_n", n=n), "body_bold"),
            Text(self, vocab.date_words(str(r["date"]), lang), "caption"),
        ]
        items = vocab.package_items(r["package"], lang, only_changed=True)
        package: list[Block] = (
            [Text(self, f"{label}: {value}", "small", colour=c.text) for _, label, value in items]
            if items
            else [Text(self, self.t("after.package.empty"), "small")]
        )
        args = self._arguments(n)
        if not args:
            args.append(Text(self, self.t("after.debrief.no_arguments"), "caption"))
        stance = str(r["stance"])
        colour = signal("stance." + stance)[1]
        russia: list[Block] = [
            Text(self, vocab.stance_label(stance, lang), "body_bold", colour=colour),
        ]
        for rid in r.get("rules", []):
            rule = self.flow.rules.get(rid, {})
            src = ex.ids(rule.get("source", []))
            russia.append(
                Text(
                    self,
                    f"{text(rule.get('title'), lang)} ({src})",
                    "caption",
                    colour=c.text_dim,
                    bullet="•",
                    bullet_colour=colour if rule.get("stance") else c.text_faint,
                )
            )
            # the invented tag and fact checks stand beside a rule wherever it is named
            russia += ex.note_blocks(self, self.flow.factchecks, rule, interpretation=False)
        sums: list[Block] = [
            Text(self, self.t("after.debrief.cred", n=r["credibility"]), "small", colour=c.info),
            Text(self, self.t("after.debrief.acc", n=r["acceptability"]), "small", colour=c.accent),
            Text(self, self.t("after.debrief.thr", n=r["threshold"]), "small", colour=c.text),
        ]
        return [when, package, args, russia, sums]

    # ------------------------------------------------------------ charts

    def _charts(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        names = [i for i in vocab.INDICATORS if i in self.opening] + [
            i for i in self.opening if i not in vocab.INDICATORS
        ]
        colours: dict[str, Colour] = {
            "territory": c.ok,
            "momentum": c.bad,
            "us_engagement": c.info,
            "unity": c.accent,
            "blame": EXTRA_COLOURS[0],
            "us_burden": EXTRA_COLOURS[1],
        }
        series: list[Series] = []
        for i, name in enumerate(names):
            vals: list[float | None] = [float(self.opening.get(name, 0))]
            vals += [float(r["indicators"].get(name, 0)) for r in self.rows]
            series.append(
                Series(
                    vocab.indicator_name(name, lang),
                    tuple(vals),
                    colours.get(name, EXTRA_COLOURS[i % len(EXTRA_COLOURS)]),
                    MARKERS[i % len(MARKERS)],
                    dashed=i >= 4,
                )
            )
        xs = [self.t("after.debrief.start")] + [
            self.t("after.debrief.r", n=r["round"]) for r in self.rows
        ]
        sums = [
            Series(
                self.t("indicator.credibility"),
                tuple(float(r["credibility"]) for r in self.rows),
                c.info,
                "circle",
            ),
            Series(
                self.t("indicator.acceptability"),
                tuple(float(r["acceptability"]) for r in self.rows),
                c.accent,
                "square",
            ),
            Series(
                self.t("round.threshold"),
                tuple(float(r["threshold"]) for r in self.rows),
                c.text_dim,
                "diamond",
                dashed=True,
            ),
        ]
        rxs = [self.t("after.debrief.r", n=r["round"]) for r in self.rows]
        out: list[Block] = [
            Heading(
                self,
                self.t("debrief.indicators_over_time"),
                note=self.t("after.debrief.chart_note"),
            ),
            Card(self, [self._chart(xs, series, self.t("after.debrief.end_of_round"))]),
        ]
        if self.rows:
            out += [
                Heading(
                    self,
                    self.t("after.debrief.sums_over_time"),
                    note=self.t("after.debrief.sums_note"),
                ),
                Card(self, [self._chart(rxs, sums, "")]),
            ]
        return out

    def _chart(self, xs: Sequence[str], series: Sequence[Series], note: str) -> Custom:
        th = self.theme

        def height(width: int) -> int:
            return chart_height(th, len(series)) + th.px(20)

        def paint(surface: pygame.Surface, r: pygame.Rect) -> None:
            draw_linechart(surface, r, th, self.lang, xs, series, note=note)

        return Custom(self, height, paint)

    # ------------------------------------------------------------ the article

    def _scores(self) -> list[Block]:
        """Once the talks are over: each seat's score, read against its scale."""
        from game.ui.scenes.ending import score_cards

        scores = self.flow.state.get("scores") or {}
        if not scores:
            return []
        return [
            Heading(self, self.t("ending.scores"), note=self.t("after.ending.scores_note")),
            *score_cards(self, self.flow, scores),
        ]

    def _thesis(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        d = self.flow.debrief
        if d is None:
            return []
        src = [str(s) for s in d.source]
        return [
            Heading(self, self.t("debrief.thesis")),
            Card(
                self,
                [
                    Text(self, text(d.thesis.model_dump(), lang), "reading"),
                    Text(self, self.t("common.sources", ids=ex.ids(src)), "caption"),
                    Widgets(self, [self.links.get(("thesis", p), p, src) for p in src], height=34),
                ],
                accent=c.accent,
                gap=8,
            ),
        ]

    def _questions(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        own = list(getattr(self.flow.bundle.scenario, "debrief", []) or [])
        common = list(self.flow.debrief.questions) if self.flow.debrief is not None else []
        out: list[Block] = [
            Heading(self, self.t("debrief.questions"), note=self.t("after.debrief.questions_note"))
        ]
        n = 0
        for group, qs in (
            ("after.debrief.this_scenario", own),
            ("after.debrief.every_scenario", common),
        ):
            if not qs:
                continue
            out.append(Text(self, self.t(group), "small_bold", colour=c.accent))
            for q in qs:
                n += 1
                src = [str(s) for s in q.source]
                parts: list[Block] = [
                    Text(self, f"{n}. {text(q.text.model_dump(), lang)}", "body"),
                    Text(self, self.t("common.sources", ids=ex.ids(src)), "caption"),
                ]
                for fc in getattr(q, "factcheck", []) or []:
                    b = ex.factcheck_block(self, self.flow, fc)
                    if b is not None:
                        parts.append(b)
                if src:
                    parts.append(
                        Widgets(self, [self.links.get((q.id, src[0]), src[0], src)], height=34)
                    )
                out.append(Card(self, parts, gap=6))
        return out

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        self.draw_frame(surface)
        f = self.frame
        assert f is not None
        w = min(th.px(520), f.header.width // 2)
        r = at_end(f.header, w, self.rtl)
        draw_line(
            surface,
            text(self.flow.book["title"], self.lang),
            (r.left if self.rtl else r.right, f.header.centery),
            th.text("small"),
            self.lang,
            anchor="midleft" if self.rtl else "midright",
            max_width=w,
        )
        self.doc.draw(surface)
        self.actions.draw(surface)
        self.ring.draw(surface)
