"""The round screen's panels: what the columns say, written into the scene's documents.

    panels = RoundPanels(scene)
    panels.write_tab(doc)        # the open tab: news, arguments, moves, package, overview
    panels.write_side_a(doc)     # the indicators and the parties
    panels.write_side_c(doc)     # the chart and what Russia would answer

The writers read the game through the scene's model (`game.ui.round_model`) and place the
scene's widgets (clause rows, cards, buttons) where the text leaves room for them; they
change nothing in the game. The scene (`game.ui.scenes.round`) owns the widgets, the layout
and the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import vocab
from game.ui.cards import Doc, Part, pill_width
from game.ui.chart import ChartWords, Point
from game.ui.flow import text as loc
from game.ui.layout import at_end, at_start
from game.ui.text import TextStyle, text_height
from game.ui.theme import Theme, signal
from game.ui.widgets import Widget

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.round import RoundScene


class RoundPanels:
    def __init__(self, scene: RoundScene) -> None:
        self.s = scene

    def write_tab(self, doc: Doc) -> None:
        {
            "news": self._news,
            "arguments": self._arguments,
            "moves": self._moves,
            "package": self._package,
            "overview": self._overview,
        }.get(self.s.tab, self._package)(doc)

    # The indicators (a fixed, short list) come before the parties (whose cards grow with
    # the allies' objections), so at 1280x800 every indicator is in sight; the parties
    # scroll (the wheel, or Tab to the column and the arrow keys).

    def write_side_a(self, doc: Doc) -> None:
        self._indicators(doc)
        doc.space(self.s.theme.px(10))
        self._parties(doc)

    def write_side_c(self, doc: Doc) -> None:
        self._chart(doc)
        if self.s.mode == "medium":
            doc.space(self.s.theme.px(16))
            self._indicators(doc)
            doc.space(self.s.theme.px(10))
            self._parties(doc)

    def _overview(self, doc: Doc) -> None:
        self._chart(doc)
        doc.space(self.s.theme.px(16))
        self._indicators(doc)
        doc.space(self.s.theme.px(10))
        self._parties(doc)

    def _place(
        self,
        doc: Doc,
        w: Widget,
        h: int,
        after: int | None = None,
        width: int | None = None,
        at: str = "start",
    ) -> None:
        w.visible = True
        doc.widget(w, h, width=width, at=at)
        doc.space(h + (self.s.theme.px(10) if after is None else after))

    # ---- news

    def _news(self, doc: Doc) -> None:
        th, c, f, lang = self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = self.s.state
        doc.heading(self.s.t("round.news_heading", date=vocab.date_words(st.get("date", ""), lang)))
        ans = st.get("answer")
        if ans:
            top, mark = doc.y, doc.begin()
            doc.space(th.px(10))
            _, col = signal("stance." + ans["stance"])
            doc.text(
                self.s.t("round.last_answer", stance=vocab.stance_label(ans["stance"], lang)),
                th.text("body_bold").with_colour(col),
            )
            doc.text(
                f.statement(ans["stance"], ans.get("rules", []), lang),
                "small",
                max_lines=4,
                after=th.px(10),
            )
            doc.end(mark, top)
            doc.space(th.px(12))
        news = st.get("news", [])
        if not news:
            doc.text(self.s.t("round.no_news"), "body_dim")
        for eid in news:
            e = f.events_by_id.get(eid, {})
            top, mark = doc.y, doc.begin()
            doc.space(th.px(10))
            doc.text(
                vocab.date_words(str(e.get("date", "")), lang),
                th.text("caption").with_colour(c.accent),
                after=th.px(2),
            )
            doc.text(loc(e.get("title"), lang), "body_bold", after=th.px(4))
            doc.text(loc(e.get("text"), lang), "small", after=th.px(6))
            src = e.get("source", [])
            if src:
                doc.text(
                    f"{signal('cited')[0]} " + self.s.t("common.sources", ids=",\u00a0".join(src)),
                    "caption",
                    after=th.px(10),
                )
            doc.end(mark, top)
            doc.space(th.px(10))
        if news:
            w = min(doc.width, max(th.px(240), self.s.news_link.natural_width()))
            self._place(doc, self.s.news_link, th.control_h, width=w)

    # ---- arguments

    def argument_parts(self, card_id: str) -> list[Part]:
        f, lang = self.s.flow, self.s.lang
        card = f.arguments.get(card_id, {})
        to = card.get("to", "")
        meta = self.s.t(
            "round.card_meta",
            to=vocab.seat_name(to, lang) if to in vocab.SEATS or to == "russia" else to,
            strength=card.get("strength", 0),
            relevance=card.get("relevance", 0),
            ref=card.get("evidence_ref", ""),
        )
        return [
            Part(
                self.s.t(
                    "round.card_to",
                    to=vocab.seat_name(to, lang) if to in vocab.SEATS or to == "russia" else to,
                ),
                "caption",
                self.s.theme.c.accent,
            ),
            Part(loc(card.get("claim"), lang), "body", max_lines=5),
            Part(meta, "small"),
        ]

    def _arguments(self, doc: Doc) -> None:
        th, f, lang = self.s.theme, self.s.flow, self.s.lang
        st = self.s.state
        doc.heading(self.s.t("round.tab.arguments"))
        left = self.s.model.arguments_left()
        self._status_line(
            doc,
            self.s.t(f"round.args_left.{min(left, 2)}")
            if left
            else self.s.t("round.no_arguments_left"),
            th.text("body_dim"),
            [self.s.t(f"round.args_left.{n}") for n in (1, 2)]
            + [self.s.t("round.no_arguments_left")],
        )
        if not self.s.short:
            doc.text(self.s.t("round.argument_help"), "caption", after=th.px(12))
        if not self.s.arg_cards:
            doc.text(self.s.t("round.hand_empty"), "body_dim", after=th.px(10))
        for card in self.s.arg_cards:
            self._place(doc, card, card.height_for(doc.width))
        played = [
            p
            for p in st.get("played", [])
            if p["round"] == st["round"] and p["seat"] == self.s.seat
        ]
        if played:
            doc.space(th.px(6))
            doc.heading(self.s.t("round.played_this_round"))
            for p in played:
                res = vocab.result_label(bool(p["success"]), lang)
                col = signal("result.success" if p["success"] else "result.failure")[1]
                doc.text(
                    f"{res} · {self.s.t('round.total', total=p['total'])}",
                    th.text("small_bold").with_colour(col),
                    after=th.px(2),
                )
                doc.text(f.label(p["card"], lang), "small", max_lines=2, after=th.px(10))

    # ---- moves

    def _effects_text(self, effects: list[dict[str, Any]]) -> str:
        from game.engine.conditions import effect_delta

        parts = []
        for e in effects:
            if e.get("kind") == "shift":
                d = (
                    effect_delta(e, self.s.state["indicators"])
                    if e.get("scale")
                    else int(e["delta"])
                )
                parts.append(f"{vocab.indicator_name(e['indicator'], self.s.lang)} {_signed(d)}")
            elif e.get("kind") == "position":
                parts.append(
                    f"{self.s.flow.label(e['position'], self.s.lang)} {_signed(int(e['delta']))}"
                )
        sep = "؛ " if self.s.lang == "ar" else "; "
        return sep.join(parts)

    def move_parts(self, move_id: str) -> list[Part]:
        f, lang = self.s.flow, self.s.lang
        m = f.moves.get(move_id, {})
        parts = [
            Part(loc(m.get("name"), lang), "body_bold"),
            Part(loc(m.get("text"), lang), "small", max_lines=4),
        ]
        eff = self._effects_text(list(m.get("effects", [])))
        if eff:
            lasting = int(m.get("lasting", 1))
            line = self.s.t("round.effects", effects=eff)
            if lasting > 1:
                line += " · " + self.s.t("round.lasting", n=lasting)
            parts.append(Part(line, "caption", self.s.theme.c.text_dim))
        return parts

    def _status_line(self, doc: Doc, text: str, style: TextStyle, every: list[str]) -> None:
        """A status line above cards, as tall as the tallest text it can become (in bold),
        so the cards under it stay where they were when it changes."""
        th = self.s.theme
        bold = th.text("body_bold")
        tallest = max(text_height(t, bold, doc.width, self.s.lang) for t in [text, *every])
        h = doc.text(text, style, after=0)
        doc.space(max(0, tallest - h) + th.px(4))

    def _moves(self, doc: Doc) -> None:
        th, f, lang = self.s.theme, self.s.flow, self.s.lang
        st = self.s.state
        doc.heading(self.s.t("round.tab.moves"))
        used = st["used"][self.s.seat]["move"]
        taken = [
            f"{signal('result.success')[0]} " + self.s.t("round.move_taken", move=f.label(m, lang))
            for m in [c.name[5:] for c in self.s.move_cards]
        ]
        if used:
            line = f"{signal('result.success')[0]} " + self.s.t(
                "round.move_taken", move=f.label(used, lang)
            )
            style = th.text("body_bold").with_colour(th.c.ok)
        else:
            line, style = self.s.t("round.one_move"), th.text("body_dim")
        self._status_line(doc, line, style, [*taken, self.s.t("round.one_move")])
        if not self.s.short:
            doc.text(self.s.t("round.move_help"), "caption", after=th.px(12))
        for card in self.s.move_cards:
            self._place(doc, card, card.height_for(doc.width))
        ongoing = [o for o in st.get("ongoing", []) if o.get("seat") == self.s.seat]
        if ongoing:
            doc.heading(self.s.t("round.under_way"))
            for o in ongoing:
                doc.text(
                    self.s.t("round.under_way_item", move=f.label(o["move"], lang), n=o["left"]),
                    "small",
                    after=th.px(4),
                )

    # ---- the package

    def _package(self, doc: Doc) -> None:
        th = self.s.theme
        if self.s.grid and self._package_grid(doc):
            self._package_status(doc)
            return
        doc.heading(self.s.t("round.tab.package"))
        # Nothing above the rows changes while the player builds: the proposal's status and
        # the "changed" legend come after the buttons, so the rows never move under the mouse.
        if not self.s.short:
            doc.text(self.s.t("round.package_help"), "small", after=th.px(10))
        for w in self.s.rows.values():
            self._place(doc, w, w.height_for(doc.width), after=th.px(6))
        doc.space(th.px(6))
        buttons = [self.s.propose, self.s.reset] + ([self.s.agree] if self.s.show_agree else [])
        ws = [max(th.px(140), b.natural_width()) for b in buttons]
        if sum(ws) + th.gap * (len(ws) - 1) <= doc.width:
            x = 0
            top = doc.y
            for b, w in zip(buttons, ws, strict=True):
                b.visible = True
                r = pygame.Rect(doc.x + x, top, w, th.control_h)
                if self.s.rtl:
                    r.x = doc.x + doc.width - x - w
                doc.view.place(b, r)
                x += w + th.gap
            doc.space(th.control_h + th.px(10))
        else:
            for b in buttons:
                self._place(doc, b, th.control_h, after=th.px(8))
        self._package_status(doc)

    def _package_status(self, doc: Doc) -> None:
        """Under the rows: the "changed" legend, who proposed and who agreed."""
        th, c, f, lang = self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = self.s.state
        if self.s.changed():
            doc.text(
                self.s.t("round.changed_legend"),
                th.text("caption").with_colour(c.accent_hi),
                after=th.px(6),
            )
        draft = st.get("draft")
        if draft is not None:
            by = st.get("draft_by", self.s.seat)
            agreed = st.get("agreed", [])
            waiting = [s for s in f.humans if s not in agreed]
            doc.text(
                self.s.t("round.proposed_by", seat=vocab.seat_name(by, lang)),
                th.text("body_bold").with_colour(c.accent_hi),
                after=th.px(2),
            )
            line = self.s.t(
                "round.agreed_by", seats=vocab.seat_list([s for s in f.humans if s in agreed], lang)
            )
            if waiting:
                line += " · " + self.s.t("round.waiting_for", seats=vocab.seat_list(waiting, lang))
            doc.text(line, "small", after=th.px(4))

    def _package_grid(self, doc: Doc) -> bool:
        """A projector's package: the clause rows in two columns (down the start column, then
        the end one) and Propose / Reset in the last cell, drawn at the largest scale, from
        the screen's down to 1x, at which all of it fits the column's height. False (and
        nothing placed) when it does not fit even at 1x: the usual list, which scrolls."""
        th = self.s.theme
        rows: list[Widget] = list(self.s.rows.values())
        buttons: list[Widget] = [self.s.propose, self.s.reset] + (
            [self.s.agree] if self.s.show_agree else []
        )
        room = doc.view.viewport.height - doc.y
        cols = 2
        cw = (doc.width - th.px(10)) // cols
        per = -(-(len(rows) + 1) // cols)  # the cells in a column, the buttons' cell counted
        scale = th.scale
        while scale >= 1.0:
            ctx = _Scaled(self.s.app, scale)
            sth = ctx.theme
            gap = sth.px(6)
            bw = [max(sth.px(110), _natural(b, ctx)) for b in buttons]
            bh = sth.control_h
            fits_cell = sum(bw) + sth.gap * (len(bw) - 1) <= cw
            cells: list[int] = [_height(r, ctx, cw) for r in rows]
            cells.append(bh if fits_cell else 0)
            heights = [
                max(cells[i + k * per] for k in range(cols) if i + k * per < len(cells))
                for i in range(per)
            ]
            total = sum(heights) + gap * (per - 1)
            if not fits_cell:
                total += gap + bh
            if total <= room:
                break
            scale -= 0.25
        else:
            for w in (*rows, *buttons):
                w.ctx = self.s.app
            return False
        for w in (*rows, *buttons):
            w.ctx = ctx
            w.visible = True
        tops = [doc.y + sum(heights[:i]) + gap * i for i in range(per)]
        for n, w in enumerate(rows):
            col, i = divmod(n, per)
            x = col * (doc.width - cw)
            r = pygame.Rect(doc.x + x, tops[i], cw, cells[n])
            if self.s.rtl:
                r.x = doc.x + doc.width - x - cw
            doc.view.place(w, r)
        if fits_cell:  # the cell shared out evenly: a greyed-out button says why in it
            spare = (cw - sum(bw) - sth.gap * (len(bw) - 1)) // len(bw)
            bw = [w + spare for w in bw]
            col, i = divmod(len(rows), per)
            left, top = col * (doc.width - cw), tops[i] + (heights[i] - bh) // 2
        else:
            left, top = 0, doc.y + total - bh
        for b, w in zip(buttons, bw, strict=True):
            r = pygame.Rect(doc.x + left, top, w, bh)
            if self.s.rtl:
                r.x = doc.x + doc.width - left - w
            doc.view.place(b, r)
            left += w + sth.gap
        doc.space(total)
        if self.s.changed() or self.s.state.get("draft") is not None:
            doc.space(th.px(8))  # the status under the grid may need the scroll wheel
        return True

    # ---- the parties

    def _parties(self, doc: Doc) -> None:
        th, c, f, lang = self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = self.s.state
        doc.heading(self.s.t("round.parties"))
        pill_style = th.text("caption").with_colour(c.text)
        for seat in ("russia", *f.engine.seats):
            top, mark = doc.y, doc.begin()
            doc.space(th.px(10))
            if seat == "russia":
                tag = self.s.t("round.rulebook")
            elif seat == self.s.seat:
                tag = self.s.t("round.you")
            else:
                tag = self.s.t(
                    "common.human" if st["seats"][seat] == "human" else "common.computer"
                )
            pw = pill_width(tag, pill_style, lang, th)
            name_y = doc.y
            doc.text(
                vocab.seat_name(seat, lang),
                "body_bold",
                width=doc.width - pw - th.px(8),
                after=th.px(2),
            )
            r = at_end(
                pygame.Rect(doc.x, name_y, doc.width, th.text("body_bold").line_height),
                pw,
                self.s.rtl,
            )
            doc.shape("pill", r, tag, seat == self.s.seat)
            if seat == "russia":
                self._russia(doc)
            else:
                self._ally(doc, seat)
            doc.space(th.px(8))
            doc.end(mark, top, border=c.accent_dim if seat == self.s.seat else None)
            doc.space(th.px(8))

    def _russia(self, doc: Doc) -> None:
        th, lang = self.s.theme, self.s.lang
        ans = self.s.state.get("answer")
        if ans:
            _, col = signal("stance." + ans["stance"])
            doc.text(
                self.s.t("round.last_stance", stance=vocab.stance_label(ans["stance"], lang)),
                th.text("small_bold").with_colour(col),
                after=th.px(2),
            )
        else:
            doc.text(self.s.t("round.no_answer_yet"), "small", after=th.px(2))
        doc.text(
            self.s.t("round.threshold_now", value=self.s.live.threshold), "caption", after=th.px(2)
        )

    def _ally(self, doc: Doc, seat: str) -> None:
        th, c, f, lang = self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = self.s.state
        mine = [o for o in self.s.objections if o["seat"] == seat]
        human = st["seats"][seat] == "human"
        if human and seat != self.s.seat and st.get("draft") is not None:
            agreed = seat in st.get("agreed", [])
            doc.text(
                f"{signal('result.success')[0]} " + self.s.t("round.has_agreed")
                if agreed
                else "⋯ " + self.s.t("round.not_agreed"),
                th.text("small_bold").with_colour(c.ok if agreed else c.text_dim),
                after=th.px(2),
            )
        if not mine:
            if not human:
                doc.text(
                    f"{signal('result.success')[0]} " + self.s.t("round.would_agree"),
                    th.text("small").with_colour(c.ok),
                    after=th.px(2),
                )
            elif seat == self.s.seat:
                doc.text(self.s.t("round.your_lines_ok"), "caption", after=th.px(2))
            return
        for o in mine:
            says = loc(f.objections.get(o["id"], {}).get("says"), lang)
            if o["red_line"]:
                head = f"{signal('result.failure')[0]} " + self.s.t("round.red_line")
                col = c.bad
            else:
                head = "◐ " + self.s.t("round.until_persuaded")
                col = c.warn
            if human:
                head = f"{signal('warning')[0]} " + (
                    self.s.t("round.your_line")
                    if seat == self.s.seat
                    else self.s.t("round.their_line")
                )
                col = c.warn
            doc.text(head, th.text("caption").with_colour(col), after=0)
            doc.text(says, "small", after=th.px(6))

    # ---- indicators

    def _indicators(self, doc: Doc) -> None:
        th, c, lang = self.s.theme, self.s.theme.c, self.s.lang
        st = self.s.state
        doc.heading(self.s.t("round.indicators"))
        changes = self.s.model.last_changes()
        top, mark = doc.y, doc.begin()
        doc.space(th.px(10))
        for name, value in st["indicators"].items():
            delta = changes.get(name, 0)
            sym = signal(
                "change.up" if delta > 0 else ("change.down" if delta < 0 else "change.none")
            )[0]
            change = f"{sym} {_signed(delta)}" if delta else sym
            # the label, then (at the end side) the change and the value, each in its box
            style = th.text("small").with_colour(c.text)
            vw, cw = th.px(36), th.px(58)
            row_top = doc.y
            h = doc.text(
                vocab.indicator_name(name, lang),
                style,
                width=doc.width - vw - cw - th.px(6),
                after=0,
            )
            line = pygame.Rect(doc.x, row_top, doc.width, style.line_height)
            doc.place_text(
                at_end(line, vw, self.s.rtl),
                str(value),
                th.text("small_bold"),
                lang="en",
                align="end",
            )
            doc.place_text(
                at_start(at_end(line, vw + cw, self.s.rtl), cw, self.s.rtl),
                change,
                th.text("small").with_colour(c.text if delta else c.text_dim),
                lang="en",
                align="center",
            )
            doc.y = row_top + max(h, style.line_height) + th.px(3)
            doc.meter(value, c.info, height=6, after=th.px(9))
        doc.text(self.s.t("round.indicator_legend"), "caption", after=th.px(8))
        doc.end(mark, top)

    # ---- the chart

    def chart_points(self) -> list[Point]:
        """The model's points with their labels in the screen's language."""
        labels = {
            "table": "round.chart_table",
            "table_and_draft": "round.chart_table_and_draft",
            "draft": "round.chart_draft",
        }
        return [
            Point(
                p.credibility,
                p.acceptability,
                self.s.t("round.chart_round", n=p.round)
                if p.kind == "past"
                else self.s.t(labels[p.kind]),
                "table" if p.kind == "table_and_draft" else p.kind,
                p.red_line,
                p.raw_acceptability,
            )
            for p in self.s.model.chart_points()
        ]

    def _chart(self, doc: Doc) -> None:
        th = self.s.theme
        doc.heading(self.s.t("round.chart"))
        verdict_first = self.s.mode != "wide"
        if verdict_first:  # a narrower window or a big scale: what Russia would say first
            self._verdict(doc)
            doc.space(th.px(10))
        h = min(int(doc.width * 0.82), th.px(330))
        h = max(min(h, doc.view.viewport.height - th.px(40)), th.px(240))
        doc.shape("chart", pygame.Rect(doc.x, doc.y, doc.width, h))
        doc.space(h + th.px(6))
        doc.text(self.s.t("round.chart_legend"), "caption", after=th.px(10))
        if not verdict_first:
            self._verdict(doc)
        d = self.s.live
        self.s.chart_words = ChartWords(
            x_axis=self.s.t("round.chart_x"),
            y_axis=self.s.t("round.chart_y"),
            threshold=self.s.t("round.threshold_value", value=d.threshold),
            accept_zone=self.s.t("round.zone_accept"),
            counter_zone=self.s.t("round.zone_counter"),
        )

    def _verdict(self, doc: Doc) -> None:
        """The draft's two sums and what Russia would answer if it were tabled now."""
        th, c, f, lang = self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        d = self.s.live
        top, mark = doc.y, doc.begin()
        doc.space(th.px(10))
        doc.value_row(
            self.s.t("indicator.credibility"), str(d.credibility), after=th.px(2), value_lang="en"
        )
        doc.value_row(
            self.s.t("round.acceptability_short"),
            str(d.acceptability),
            after=th.px(6),
            value_lang="en",
        )
        _, col = signal("stance." + d.stance)
        doc.text(
            self.s.t("round.if_tabled", stance=vocab.stance_label(d.stance, lang)),
            th.text("body_bold").with_colour(col),
            after=th.px(4),
        )
        for rid in d.rules:
            rule = f.rules.get(rid, {})
            if rule.get("stance"):
                doc.text(
                    f"{signal('result.failure')[0]} " + loc(rule.get("title"), lang),
                    th.text("small").with_colour(c.text),
                    after=th.px(2),
                )
        if d.demands:
            items = [
                f"{vocab.clause_label(k, lang)}: {vocab.clause_value(k, v, lang)}"
                for k, v in d.demands.items()
            ]
            sep = "؛ " if lang == "ar" else "; "
            doc.text(self.s.t("round.price", items=sep.join(items)), "small", after=th.px(2))
        seats = self.s.model.blocking_seats()
        if seats:
            doc.text(
                f"{signal('warning')[0]} "
                + self.s.t("round.allies_refuse", seats=vocab.seat_list(seats, lang)),
                th.text("small").with_colour(c.warn),
                after=th.px(2),
            )
        doc.space(th.px(8))
        doc.end(mark, top)


class _Scaled:
    """The app as a UI context at a smaller scale: widgets given it draw smaller."""

    def __init__(self, app: App, scale: float) -> None:
        self.app = app
        self.theme = Theme(scale, app.theme.palette)

    @property
    def lang(self) -> str:
        return self.app.lang

    @property
    def rtl(self) -> bool:
        return self.app.rtl

    def t(self, key: str, **fmt: Any) -> str:
        return self.app.t(key, **fmt)


def _natural(b: Widget, ctx: Any) -> int:
    old, b.ctx = b.ctx, ctx
    try:
        return int(b.natural_width())  # type: ignore[attr-defined]
    finally:
        b.ctx = old


def _height(r: Widget, ctx: Any, width: int) -> int:
    old, r.ctx = r.ctx, ctx
    try:
        return int(r.height_for(width))  # type: ignore[attr-defined]
    finally:
        r.ctx = old


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "0")
