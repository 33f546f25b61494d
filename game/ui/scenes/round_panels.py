"""The round screen's panels: what the columns say, as measured blocks (`game.ui.doc`).

    panels = RoundPanels(scene)
    panels.tab(width, height)       # the open tab: news, arguments, moves, package, overview
    panels.side_a(width, height)    # the indicators and the parties
    panels.side_c(width, height)    # the chart and what Russia would answer

Each writer returns the blocks of one column, for a content `width` and a viewport `height`;
the scene lays them out in a `DocView`. The writers read the game through the scene's model
(`game.ui.round_model`) and place the scene's widgets (clause rows, cards, buttons) in
blocks; they change nothing in the game. The scene (`game.ui.scenes.round`) owns the
widgets, the layout and the input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pygame

from game.engine import debate
from game.engine.actions import REBUTTAL_TARGET
from game.engine.preview import CounterOdds
from game.ui import explain, vocab
from game.ui.cards import ClauseRow, Part, pill, pill_width
from game.ui.chart import ChartWords, Point, draw_chart
from game.ui.doc import Block, Custom, Stack, Text, draw_meter
from game.ui.flow import text as loc
from game.ui.layout import at_end, at_start
from game.ui.text import (
    Colour,
    TextStyle,
    draw_line,
    draw_text,
    line_width,
    ltr,
    text_height,
)
from game.ui.theme import Theme, signal
from game.ui.widgets import ScrollView, UIContext, Widget, resolve, rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.round import RoundScene


# ---------------------------------------------------------------- the blocks the round needs


class _Styled(Text):
    """Text in a given style (a role's style with a colour, say)."""

    def __init__(
        self, ctx: UIContext, text: str, style: TextStyle, *, max_lines: int | None = None
    ) -> None:
        super().__init__(ctx, text, max_lines=max_lines)
        self._style = style

    def style(self) -> TextStyle:
        return self._style


class Pad(Block):
    """A block with room at the start and end sides (base units)."""

    def __init__(self, ctx: UIContext, child: Block, start: int, end: int) -> None:
        super().__init__(ctx)
        self.child = child
        self.start = start
        self.end = end

    def _x(self) -> int:
        return self.th.px(self.end if self.ctx.rtl else self.start)

    def measure(self, width: int) -> int:
        inner = max(1, width - self.th.px(self.start) - self.th.px(self.end))
        self.w, self.h = width, self.child.measure(inner)
        return self.h

    def place(self, view: ScrollView, x: int, y: int) -> None:
        self.child.place(view, x + self._x(), y)

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        self.child.draw(surface, x + self._x(), y)


class Panel(Stack):
    """A rounded panel behind its blocks, reaching 12 (base) past them on both sides."""

    def __init__(
        self, ctx: UIContext, children: Sequence[Block], border: Colour | None = None
    ) -> None:
        super().__init__(ctx, children, gap=0)
        self.border = border

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        th = self.th
        r = pygame.Rect(x - th.px(12), y, self.w + 2 * th.px(12), self.h)
        rounded(surface, r, th.c.panel, self.border or th.c.border, th.radius)
        super().draw(surface, x, y)


class Place(Block):
    """One widget, at the start side, as tall as `height(width)`; `width(w)` narrows it."""

    def __init__(
        self,
        ctx: UIContext,
        widget: Widget,
        height: Callable[[int], int],
        width: Callable[[int], int] | None = None,
    ) -> None:
        super().__init__(ctx)
        self.widget = widget
        self.height = height
        self.width = width

    def measure(self, width: int) -> int:
        self.ww = min(width, self.width(width)) if self.width else width
        self.w, self.h = width, self.height(self.ww)
        return self.h

    def place(self, view: ScrollView, x: int, y: int) -> None:
        self.widget.visible = True
        view.place(self.widget, at_start(pygame.Rect(x, y, self.w, self.h), self.ww, self.ctx.rtl))


class Buttons(Block):
    """Buttons side by side from the start side when they fit (each at least 140 wide),
    else one under another."""

    def __init__(self, ctx: UIContext, buttons: Sequence[Any]) -> None:
        super().__init__(ctx)
        self.buttons = list(buttons)

    def measure(self, width: int) -> int:
        th = self.th
        ws = [max(th.px(140), int(b.natural_width())) for b in self.buttons]
        self.rects: list[pygame.Rect] = []
        if sum(ws) + th.gap * (len(ws) - 1) <= width:
            x = 0
            for w in ws:
                r = pygame.Rect(x, 0, w, th.control_h)
                if self.ctx.rtl:
                    r.x = width - x - w
                self.rects.append(r)
                x += w + th.gap
            h = th.control_h + th.px(10)
        else:
            h = 0
            for _ in ws:
                self.rects.append(pygame.Rect(0, h, width, th.control_h))
                h += th.control_h + th.px(8)
        self.w, self.h = width, h
        return h

    def place(self, view: ScrollView, x: int, y: int) -> None:
        for b, r in zip(self.buttons, self.rects, strict=True):
            b.visible = True
            view.place(b, r.move(x, y))


class Grid(Block):
    """Widgets in cells laid out by the writer (`cells`: rects in the block)."""

    def __init__(self, ctx: UIContext, cells: Sequence[tuple[Widget, pygame.Rect]], h: int):
        super().__init__(ctx)
        self.cells = list(cells)
        self.base_h = h

    def measure(self, width: int) -> int:
        self.w, self.h = width, self.base_h
        return self.h

    def place(self, view: ScrollView, x: int, y: int) -> None:
        for w, r in self.cells:
            w.visible = True
            rr = r.move(x, y)
            if self.ctx.rtl:
                rr.x = x + self.w - r.right
            view.place(w, rr)


class StatusLine(Block):
    """A line above cards, as tall as the tallest text it can become (in bold), so the
    cards under it stay where they are when it changes."""

    def __init__(self, ctx: UIContext, text: str, style: TextStyle, every: list[str]) -> None:
        super().__init__(ctx)
        self.text = _Styled(ctx, text, style)
        self.every = [text, *every]

    def measure(self, width: int) -> int:
        th = self.th
        bold = th.text("body_bold")
        tallest = max(text_height(t, bold, width, self.ctx.lang) for t in self.every)
        h = self.text.measure(width)
        self.w, self.h = width, h + max(0, tallest - h) + th.px(4)
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        self.text.draw(surface, x, y)


class EndLine(Block):
    """Wrapped text at the start side and, on its first line, something drawn at the end
    side in `end_w` (a pill, a value): a seat's name and its tag, an indicator's name and
    its change and value."""

    def __init__(
        self,
        ctx: UIContext,
        text: str,
        style: TextStyle,
        end_w: int,
        paint: Callable[[pygame.Surface, pygame.Rect], None],
        *,
        gap: int = 8,
        after: int = 0,
        min_line: TextStyle | None = None,
    ) -> None:
        super().__init__(ctx)
        self.label = _Styled(ctx, text, style)
        self.style = style
        self.end_w = end_w
        self.paint = paint
        self.gap = gap
        self.space_after = after
        self.min_line = min_line

    def measure(self, width: int) -> int:
        th = self.th
        h = self.label.measure(max(1, width - self.end_w - th.px(self.gap)))
        if self.min_line is not None:
            h = max(h, self.min_line.line_height)
        self.w, self.h = width, h + th.px(self.space_after)
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        rtl = self.ctx.rtl
        lw = self.label.w
        self.label.draw(surface, x + self.w - lw if rtl else x, y)
        line = pygame.Rect(x, y, self.w, self.style.line_height)
        self.paint(surface, at_end(line, self.end_w, rtl))


def find_text(block: Block, words: str, x: int = 0, y: int = 0) -> pygame.Rect | None:
    """Where a text block saying `words` is, in the column's content coordinates."""
    if isinstance(block, Text) and block.text == words:
        return pygame.Rect(x, y, block.w, block.h)
    if isinstance(block, EndLine):
        return find_text(block.label, words, x, y)
    if isinstance(block, StatusLine):
        return find_text(block.text, words, x, y)
    if isinstance(block, Pad):
        return find_text(block.child, words, x + block._x(), y)
    if isinstance(block, Stack):
        for c, t in zip(block.children, block.tops, strict=True):
            found = find_text(c, words, x, y + t)
            if found is not None:
                return found
    return None


class _Writer:
    """Blocks one under another, said the way the panels read: text, space, a heading, a
    panel of blocks."""

    def __init__(self, ctx: UIContext, width: int, first: list[bool] | None = None) -> None:
        self.ctx = ctx
        self.width = width
        self.blocks: list[Block] = []
        self.first = first if first is not None else [True]
        """Nothing drawn yet in the column (a heading then needs no room above it)."""

    @property
    def th(self) -> Theme:
        return self.ctx.theme

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        self.first[0] = False

    def space(self, base: int) -> None:
        if base:
            self.blocks.append(Block(self.ctx).then(base))  # an empty block: room only

    def text(
        self,
        text: str,
        role: str | TextStyle = "body",
        *,
        after: int = 4,
        max_lines: int | None = None,
    ) -> None:
        if not text:
            return
        style = self.th.text(role) if isinstance(role, str) else role
        self.add(_Styled(self.ctx, text, style, max_lines=max_lines))
        self.space(after)

    def heading(self, text: str) -> None:
        if not self.first[0]:
            self.space(6)
        style = self.th.text("small_bold").with_colour(self.th.c.accent)
        self.text(text.upper() if self.ctx.lang == "en" else text, style, after=8)

    def panel(self) -> _Writer:
        """A writer for the inside of a panel; `close(inner)` puts the panel here."""
        return _Writer(self.ctx, self.width, self.first)

    def close(self, inner: _Writer, border: Colour | None = None) -> None:
        self.add(Panel(self.ctx, inner.blocks, border))

    def value_row(self, label: str, value: str, *, after: int = 4) -> None:
        """A label at the start side and a number at the end side."""
        th = self.th
        style = th.text("small").with_colour(th.c.text)
        vs = th.text("small_bold")
        vw = max(th.px(44), line_width(value, vs, "en") + th.px(6))

        def paint(surface: pygame.Surface, r: pygame.Rect) -> None:
            draw_text(surface, value, r, vs, "en", align="end", max_lines=1)

        self.add(EndLine(self.ctx, label, style, vw, paint, after=after, min_line=style))

    def meter(self, value: float, colour: Colour, height: int, after: int) -> None:
        th, rtl = self.th, self.ctx.rtl

        def paint(surface: pygame.Surface, r: pygame.Rect) -> None:
            draw_meter(
                surface, pygame.Rect(r.x, r.y, r.width, th.px(height)), value, th, rtl, colour
            )

        self.add(Custom(self.ctx, lambda w: th.px(height) + th.px(after), paint))


OPTION_NOTES = (("pledge", "binding_treaty", "package.invented_option.pledge.binding_treaty"),)
"""Clause options the article does not have: (clause, value, the catalogue key of the note)."""


class RoundPanels:
    def __init__(self, scene: RoundScene) -> None:
        self.s = scene
        self.chart_words: ChartWords | None = None
        self._previews_of: object = None
        self._previews: dict[str, dict[str, Any] | None] = {}

    def _writer(self, width: int) -> _Writer:
        return _Writer(self.s.app, width)

    @staticmethod
    def _done(w: _Writer) -> list[Block]:
        return [Block(w.ctx).then(2), *w.blocks]

    # ------------------------------------------------------------ the columns

    def tab(self, width: int, height: int) -> list[Block]:
        """The open tab's column."""
        w = self._writer(width)
        {
            "news": self._news,
            "arguments": self._arguments,
            "moves": self._moves,
            "package": lambda w: self._package(w, height),
            "overview": lambda w: self._overview(w, height),
        }.get(self.s.tab, lambda w: self._package(w, height))(w)  # type: ignore[no-untyped-call]
        return self._done(w)

    # The indicators (a fixed, short list) come before the parties (whose cards grow with
    # the allies' objections), so at 1280x800 every indicator is in sight; the parties
    # scroll (the wheel, or Tab to the column and the arrow keys).

    def side_a(self, width: int, height: int) -> list[Block]:
        w = self._writer(width)
        self._indicators(w)
        w.space(10)
        self._parties(w)
        return self._done(w)

    def side_c(self, width: int, height: int) -> list[Block]:
        w = self._writer(width)
        self._chart(w, height)
        if self.s.mode == "medium":
            w.space(16)
            self._indicators(w)
            w.space(10)
            self._parties(w)
        return self._done(w)

    def _overview(self, w: _Writer, height: int) -> None:
        self._chart(w, height)
        w.space(16)
        self._indicators(w)
        w.space(10)
        self._parties(w)

    # ---- news

    def _news(self, w: _Writer) -> None:
        s, th, c, f, lang = self.s, self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = s.state
        w.heading(s.t("round.news_heading", date=vocab.date_words(st.get("date", ""), lang)))
        ans = st.get("answer")
        if ans:
            p = w.panel()
            p.space(10)
            _, col = signal("stance." + ans["stance"])
            p.text(
                s.t("round.last_answer", stance=vocab.stance_label(ans["stance"], lang)),
                th.text("body_bold").with_colour(col),
            )
            p.text(
                f.statement(ans["stance"], ans.get("rules", []), lang),
                "small",
                max_lines=4,
                after=10,
            )
            # words the game put in Moscow's mouth say so (the rule cards of the answer, too)
            if any(f.rules.get(r, {}).get("invented") for r in ans.get("rules", [])):
                for b in explain.note_blocks(s, f.factchecks, {"invented": True}):
                    p.add(b)
                    p.space(10)
            w.close(p)
            w.space(12)
        news = st.get("news", [])
        if not news:
            w.text(s.t("round.no_news"), "body_dim")
        for eid in news:
            e = f.events_by_id.get(eid, {})
            p = w.panel()
            p.space(10)
            p.text(
                vocab.date_words(str(e.get("date", "")), lang),
                th.text("caption").with_colour(c.accent),
                after=2,
            )
            p.text(loc(e.get("title"), lang), "body_bold", after=4)
            p.text(loc(e.get("text"), lang), "small", after=6)
            for b in explain.note_blocks(s, f.factchecks, e):
                p.add(b)
                p.space(6)
            src = e.get("source", [])
            if src:
                p.text(
                    f"{signal('cited')[0]} " + s.t("common.sources", ids=",\u00a0".join(src)),
                    "caption",
                    after=10,
                )
            w.close(p)
            w.space(10)
        if news:
            link = s.news_link
            w.add(
                Place(
                    w.ctx,
                    link,
                    lambda _: th.control_h,
                    lambda _: max(th.px(240), link.natural_width()),
                )
            )
            w.space(10)

    # ---- arguments

    def argument_parts(self, card_id: str) -> list[Part]:
        s, f, lang = self.s, self.s.flow, self.s.lang
        card = f.arguments.get(card_id, {})
        to = card.get("to", "")
        to_name = vocab.seat_name(to, lang) if to in vocab.SEATS or to == "russia" else to
        meta = s.t(
            "round.card_meta",
            to=to_name,
            strength=card.get("strength", 0),
            relevance=card.get("relevance", 0),
            ref=card.get("evidence_ref", ""),
        )
        parts = [
            Part(s.t("round.card_to", to=to_name), "caption", s.theme.c.accent),
            Part(loc(card.get("claim"), lang), "body", max_lines=5),
            *explain.note_parts(s, f.factchecks, card),
            Part(meta, "small"),
        ]
        p = self.card_preview(card_id)
        if p is None:
            return parts
        parts.append(
            Part(s.t("round.card_chance", chance=round(100 * p["odds"]["chance"])), "small_bold")
        )
        for m in p["moves"]:
            parts.append(
                Part(
                    s.t(
                        "round.card_moves",
                        position=f.label(m["position"], lang),
                        at=m["at"],
                        after=m["after"],
                        threshold=m["threshold"],
                    ),
                    "small",
                )
            )
        for w in p["warnings"]:
            says = loc(f.engine.objection_data(w["objection"]).get("says"), lang)
            parts.append(
                Part(
                    s.t("round.card_warning", seat=vocab.seat_name(w["seat"], lang), says=says),
                    "small",
                    signal("warning")[1],
                )
            )
        return parts

    def counter_parts(self, odds: CounterOdds) -> list[Part]:
        """A standing argument the seat may counter: who argued what, the counter it would
        use, and the chance of the roll."""
        s, f, lang = self.s, self.s.flow, self.s.lang
        card = f.arguments.get(odds.card, {})
        by = [p["seat"] for p in s.state.get("played", []) if p.get("card") == odds.card]
        who = vocab.seat_name(by[-1], lang) if by else ""
        claim = loc(card.get("claim"), lang)
        return [
            Part(s.t("round.counter_by", seat=who, claim=claim), "body", max_lines=4),
            Part(
                s.t("round.counter_with", text=loc(odds.counter.get("text"), lang)),
                "small",
                max_lines=4,
            ),
            Part(
                s.t(
                    "round.counter_chance",
                    chance=round(100 * odds.chance),
                    # the sum reads left to right in either language
                    sum=ltr(
                        f"2d6 + {int(odds.counter['strength'])} − {odds.strength}"
                        f" ≥ {REBUTTAL_TARGET}"
                    ),
                ),
                "small_bold",
            ),
        ]

    def card_preview(self, card_id: str) -> dict[str, Any] | None:
        """What the card would do now (the engine's `debate.preview`), asked once per state:
        its chance, the positions it moves and whether it cuts against the seat's own package."""
        st = self.s.state
        now = (id(st), len(self.s.flow.session.actions))
        if self._previews_of != now:
            self._previews_of, self._previews = now, {}
        if card_id not in self._previews:
            try:
                self._previews[card_id] = debate.preview(
                    self.s.flow.engine, st, self.s.seat, card_id
                )
            except (KeyError, ValueError):  # a card the engine no longer knows: no preview
                self._previews[card_id] = None
        return self._previews[card_id]

    def _cards(self, w: _Writer, cards: Sequence[Any]) -> None:
        for card in cards:
            w.add(Place(w.ctx, card, card.height_for))
            w.space(10)

    def _arguments(self, w: _Writer) -> None:
        s, th, f, lang = self.s, self.s.theme, self.s.flow, self.s.lang
        st = s.state
        w.heading(s.t("round.tab.arguments"))
        left = s.model.arguments_left()
        every = [s.t(f"round.args_left.{n}") for n in (1, 2)] + [s.t("round.no_arguments_left")]
        now = s.t(f"round.args_left.{min(left, 2)}") if left else s.t("round.no_arguments_left")
        w.add(StatusLine(w.ctx, now, th.text("body_dim"), every))
        if not s.short:
            w.text(s.t("round.argument_help"), "caption", after=12)
        if s.counter_cards:
            w.heading(s.t("round.standing_against"))
            if not s.short:
                w.text(s.t("round.standing_help", target=REBUTTAL_TARGET), "caption", after=12)
            self._cards(w, s.counter_cards)
            w.space(6)
        if not s.arg_cards:
            w.text(s.t("round.hand_empty"), "body_dim", after=10)
        self._cards(w, s.arg_cards)
        played = [
            p for p in st.get("played", []) if p["round"] == st["round"] and p["seat"] == s.seat
        ]
        if played:
            w.space(6)
            w.heading(s.t("round.played_this_round"))
            for p in played:
                res = vocab.result_label(bool(p["success"]), lang)
                col = signal("result.success" if p["success"] else "result.failure")[1]
                how = (
                    s.t("classroom.judged", rating=s.t(f"classroom.rating.{p['verdict']}"))
                    if p.get("verdict")
                    else s.t("round.total", total=p["total"])
                )
                w.text(
                    f"{res} · {how}",
                    th.text("small_bold").with_colour(col),
                    after=2,
                )
                w.text(f.label(p["card"], lang), "small", max_lines=2, after=4)
                # a recap: the figures' corrections and the invented tag, not the reading
                card = f.arguments.get(p["card"], {})
                for b in explain.note_blocks(s, f.factchecks, card, interpretation=False):
                    w.add(b)
                    w.space(4)
                w.space(6)

    # ---- moves

    def _effects_text(self, effects: list[dict[str, Any]]) -> str:
        from game.engine.effects import effect_delta

        s = self.s
        parts = []
        for e in effects:
            if e.get("kind") == "shift":
                d = effect_delta(e, s.state["indicators"]) if e.get("scale") else int(e["delta"])
                parts.append(f"{vocab.indicator_name(e['indicator'], s.lang)} {_signed(d)}")
            elif e.get("kind") == "position":
                parts.append(f"{s.flow.label(e['position'], s.lang)} {_signed(int(e['delta']))}")
        sep = "؛ " if s.lang == "ar" else "; "
        return sep.join(parts)

    def move_parts(self, move_id: str) -> list[Part]:
        s, f, lang = self.s, self.s.flow, self.s.lang
        m = f.moves.get(move_id, {})
        parts = [
            Part(loc(m.get("name"), lang), "body_bold"),
            Part(loc(m.get("text"), lang), "small", max_lines=4),
        ]
        eff = self._effects_text(list(m.get("effects", [])))
        if eff:
            lasting = int(m.get("lasting", 1))
            line = s.t("round.effects", effects=eff)
            if lasting > 1:
                line += " · " + s.t("round.lasting", n=lasting)
            parts.append(Part(line, "caption", s.theme.c.text_dim))
        return parts

    def _moves(self, w: _Writer) -> None:
        s, th, f, lang = self.s, self.s.theme, self.s.flow, self.s.lang
        st = s.state
        w.heading(s.t("round.tab.moves"))
        used = st["used"][s.seat]["move"]
        done = signal("result.success")[0]
        taken = [
            f"{done} " + s.t("round.move_taken", move=f.label(m, lang))
            for m in [c.name[5:] for c in s.move_cards]
        ]
        if used:
            line = f"{done} " + s.t("round.move_taken", move=f.label(used, lang))
            style = th.text("body_bold").with_colour(th.c.ok)
        else:
            line, style = s.t("round.one_move"), th.text("body_dim")
        w.add(StatusLine(w.ctx, line, style, [*taken, s.t("round.one_move")]))
        if not s.short:
            w.text(s.t("round.move_help"), "caption", after=12)
        self._cards(w, s.move_cards)
        ongoing = [o for o in st.get("ongoing", []) if o.get("seat") == s.seat]
        if ongoing:
            w.heading(s.t("round.under_way"))
            for o in ongoing:
                w.text(
                    s.t("round.under_way_item", move=f.label(o["move"], lang), n=o["left"]),
                    "small",
                    after=4,
                )

    # ---- the package

    def _package(self, w: _Writer, height: int) -> None:
        s = self.s
        if s.grid and self._package_grid(w, height):
            self._package_status(w)
            return
        w.heading(s.t("round.tab.package"))
        # Nothing above the rows changes while the player builds: the proposal's status and
        # the "changed" legend come after the buttons, so the rows never move under the mouse.
        if not s.short:
            w.text(s.t("round.package_help"), "small", after=10)
        for row in s.rows.values():
            w.add(Place(w.ctx, row, row.height_for))
            w.space(6)
        w.space(6)
        w.add(Buttons(w.ctx, [s.propose, s.reset] + ([s.agree] if s.show_agree else [])))
        self._package_status(w)

    def _package_status(self, w: _Writer) -> None:
        """Under the rows: the "changed" legend, who proposed and who agreed."""
        s, th, c, f, lang = self.s, self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = s.state
        if s.changed():
            w.text(
                s.t("round.changed_legend"), th.text("caption").with_colour(c.accent_hi), after=6
            )
        if st.get("draft") is not None:
            by = st.get("draft_by", s.seat)
            answers = st["answers"]
            waiting = [x for x in f.engine.seats if x not in answers]
            w.text(
                s.t("round.proposed_by", seat=vocab.seat_name(by, lang)),
                th.text("body_bold").with_colour(c.accent_hi),
                after=2,
            )
            line = s.t(
                "round.agreed_by",
                seats=vocab.seat_list(
                    [x for x in f.engine.seats if answers.get(x) == "agree"], lang
                ),
            )
            if waiting:
                line += " · " + s.t("round.waiting_for", seats=vocab.seat_list(waiting, lang))
            w.text(line, "small", after=4)
        # an option the game adds to the article's menu says so while it is in the builder or
        # on the table: under the rows (never between them: the rows stay put under the
        # mouse), and only then (a projector's grid keeps its room)
        for clause, value, key in OPTION_NOTES:
            shown = {s.model.draft.get(clause), st["package"].get(clause)}
            if value not in shown:
                continue
            sym, col = explain.note_style("invented")
            w.space(4)
            w.text(f"{sym} {s.t(key)}", th.text("caption").with_colour(col), after=4)

    def _package_grid(self, w: _Writer, height: int) -> bool:
        """A projector's package: the clause rows in columns (down the start column, then
        the next), Propose / Reset (/ Agree) in the last cell or, when they do not fit one, in
        a row under the grid. The rows are drawn at the largest scale, from the screen's
        down to 1x, and in the fewest columns (two or three), at which all of it fits the
        column's height with no clause's name or value cut short; failing that, again with
        less padding in each row. False (and nothing placed) when nothing fits: the usual
        list, which scrolls."""
        s, th = self.s, self.s.theme
        rows: list[Widget] = list(s.rows.values())
        buttons: list[Widget] = [s.propose, s.reset]
        if s.show_agree:
            buttons.append(s.agree)
        room = height - th.px(2)
        gx = th.px(10)
        found = None
        tries = [(tight, th.scale - 0.25 * k) for tight in (0, 8) for k in range(5)]
        for tight, scale in tries:  # the rows' own padding, then less of it (8 at 1x)
            if scale < 1.0 or found is not None:
                continue
            ctx = _Scaled(s.app, scale)
            sth = ctx.theme
            for cols in (2, 3):
                cw = (w.width - gx * (cols - 1)) // cols
                if not all(_uncut(r, ctx, cw) for r in rows):
                    continue
                gap = sth.px(6)
                bw = [max(sth.px(110), _natural(b, ctx)) for b in buttons]
                bh = sth.control_h
                fits_cell = sum(bw) + sth.gap * (len(bw) - 1) <= cw
                cells: list[int] = [_height(r, ctx, cw) - sth.px(tight) for r in rows]
                if fits_cell:
                    cells.append(bh)
                per = -(-len(cells) // cols)  # the cells in a column
                heights = [
                    max(cells[i + k * per] for k in range(cols) if i + k * per < len(cells))
                    for i in range(per)
                ]
                total = sum(heights) + gap * (per - 1)
                if not fits_cell:
                    total += gap + bh
                if total <= room:
                    found = (ctx, cols, cw, gap, bw, bh, fits_cell, cells, per, heights, total)
                    break
        if found is None:
            for x in (*rows, *buttons):
                x.ctx = s.app
            return False
        ctx, cols, cw, gap, bw, bh, fits_cell, cells, per, heights, total = found
        sth = ctx.theme
        for x in (*rows, *buttons):
            x.ctx = ctx
        tops = [sum(heights[:i]) + gap * i for i in range(per)]
        placed: list[tuple[Widget, pygame.Rect]] = []
        for n, x in enumerate(rows):
            col, i = divmod(n, per)
            placed.append((x, pygame.Rect(col * (cw + gx), tops[i], cw, cells[n])))
        # the room shared out: a greyed-out button says why in it
        spare = ((cw if fits_cell else w.width) - sum(bw) - sth.gap * (len(bw) - 1)) // len(bw)
        bw = [b + max(0, spare) for b in bw]
        if fits_cell:
            col, i = divmod(len(rows), per)
            left, top = col * (cw + gx), tops[i] + (heights[i] - bh) // 2
        else:
            left, top = 0, total - bh
        for b, bwidth in zip(buttons, bw, strict=True):
            placed.append((b, pygame.Rect(left, top, bwidth, bh)))
            left += bwidth + sth.gap
        w.add(Grid(w.ctx, placed, total))
        if s.changed() or s.state.get("draft") is not None:
            w.space(8)  # the status under the grid may need the scroll wheel
        return True

    # ---- the parties

    def _parties(self, w: _Writer) -> None:
        s, th, c, f, lang = self.s, self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = s.state
        w.heading(s.t("round.parties"))
        pill_style = th.text("caption").with_colour(c.text)
        for seat in ("russia", *f.engine.seats):
            p = w.panel()
            p.space(10)
            if seat == "russia":
                tag = s.t("round.rulebook")
            elif seat == s.seat:
                tag = s.t("round.you")
            else:
                tag = s.t("common.human" if st["seats"][seat] == "human" else "common.computer")
            me = seat == s.seat

            def paint(
                surface: pygame.Surface, r: pygame.Rect, tag: str = tag, me: bool = me
            ) -> None:
                style = th.text("caption").with_colour(c.on_accent if me else c.text)
                pill(
                    surface,
                    tag,
                    r.center,
                    style,
                    lang,
                    th,
                    fill=c.accent if me else c.panel_hi,
                    border=None if me else c.border,
                    anchor="center",
                )

            pw = pill_width(tag, pill_style, lang, th)
            p.add(EndLine(w.ctx, vocab.seat_name(seat, lang), th.text("body_bold"), pw, paint))
            p.space(2)
            if seat == "russia":
                self._russia(p)
            else:
                self._ally(p, seat)
            p.space(8)
            w.close(p, border=c.accent_dim if me else None)
            w.space(8)

    def _russia(self, w: _Writer) -> None:
        s, th, lang = self.s, self.s.theme, self.s.lang
        ans = s.state.get("answer")
        if ans:
            _, col = signal("stance." + ans["stance"])
            w.text(
                s.t("round.last_stance", stance=vocab.stance_label(ans["stance"], lang)),
                th.text("small_bold").with_colour(col),
                after=2,
            )
        else:
            w.text(s.t("round.no_answer_yet"), "small", after=2)
        w.text(s.t("round.threshold_now", value=s.live.threshold), "caption", after=2)

    def _ally(self, w: _Writer, seat: str) -> None:
        s, th, c, f, lang = self.s, self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        st = s.state
        mine = [o for o in s.objections if o["seat"] == seat]
        human = st["seats"][seat] == "human"
        done = signal("result.success")[0]
        if human and seat != s.seat and st.get("draft") is not None:
            agreed = st["answers"].get(seat) == "agree"
            w.text(
                f"{done} " + s.t("round.has_agreed") if agreed else "⋯ " + s.t("round.not_agreed"),
                th.text("small_bold").with_colour(c.ok if agreed else c.text_dim),
                after=2,
            )
        if not mine:
            if not human:
                w.text(
                    f"{done} " + s.t("round.would_agree"),
                    th.text("small").with_colour(c.ok),
                    after=2,
                )
            elif seat == s.seat:
                w.text(s.t("round.your_lines_ok"), "caption", after=2)
            return
        for o in mine:
            says = loc(f.objections.get(o["id"], {}).get("says"), lang)
            if o["red_line"]:
                head = f"{signal('result.failure')[0]} " + s.t("round.red_line")
                col = c.bad
            else:
                head = "◐ " + s.t("round.until_persuaded")
                col = c.warn
            if human:
                head = f"{signal('warning')[0]} " + (
                    s.t("round.your_line") if seat == s.seat else s.t("round.their_line")
                )
                col = c.warn
            w.text(head, th.text("caption").with_colour(col), after=0)
            w.text(says, "small", after=6)

    # ---- indicators

    def _indicators(self, w: _Writer) -> None:
        s, th, c, lang = self.s, self.s.theme, self.s.theme.c, self.s.lang
        w.heading(s.t("round.indicators"))
        changes = s.model.last_changes()
        p = w.panel()
        p.space(10)
        style = th.text("small").with_colour(c.text)
        vw, cw = th.px(36), th.px(58)
        for name, value in s.state["indicators"].items():
            delta = changes.get(name, 0)
            sym = signal(
                "change.up" if delta > 0 else ("change.down" if delta < 0 else "change.none")
            )[0]
            change = f"{sym} {_signed(delta)}" if delta else sym
            change_style = th.text("small").with_colour(c.text if delta else c.text_dim)

            # the label, then (at the end side) the change and the value, each in its box
            def paint(
                surface: pygame.Surface,
                r: pygame.Rect,
                value: int = value,
                change: str = change,
                change_style: TextStyle = change_style,
            ) -> None:
                rtl = s.rtl
                draw_text(
                    surface,
                    str(value),
                    at_end(r, vw, rtl),
                    th.text("small_bold"),
                    "en",
                    align="end",
                    max_lines=1,
                )
                box = at_start(r, cw, rtl)
                draw_line(surface, change, box.center, change_style, "en", anchor="center")

            p.add(
                EndLine(
                    w.ctx,
                    vocab.indicator_name(name, lang),
                    style,
                    vw + cw,
                    paint,
                    gap=6,
                    after=3,
                    min_line=style,
                )
            )
            p.meter(value, c.info, height=6, after=9)
        p.text(s.t("round.indicator_legend"), "caption", after=8)
        w.close(p)

    # ---- the chart

    def chart_points(self) -> list[Point]:
        """The model's points with their labels in the screen's language: the draft is
        "your draft" once this seat changed it; another seat's proposal, untouched, is named
        for that seat ("Proposed by United States")."""
        s = self.s
        labels = {
            "table": s.t("round.chart_table"),
            "table_and_draft": s.t("round.chart_table_and_draft"),
            "draft": s.t("round.chart_draft"),
        }
        by = s.state.get("draft_by")
        if by is not None and by != s.seat and not s.model.changed():
            labels["draft"] = s.t("round.proposed_by", seat=vocab.seat_name(str(by), s.lang))
        return [
            Point(
                p.credibility,
                p.acceptability,
                s.t("round.chart_round", n=p.round) if p.kind == "past" else labels[p.kind],
                "table" if p.kind == "table_and_draft" else p.kind,
                p.red_line,
                p.raw_acceptability,
            )
            for p in s.model.chart_points()
        ]

    def _chart(self, w: _Writer, height: int) -> None:
        s, th = self.s, self.s.theme
        w.heading(s.t("round.chart"))
        verdict_first = s.mode != "wide"
        if verdict_first:  # a narrower window or a big scale: what Russia would say first
            self._verdict(w)
            w.space(10)
        d = s.live
        words = ChartWords(
            x_axis=s.t("round.chart_x"),
            y_axis=s.t("round.chart_y"),
            threshold=s.t("round.threshold_value", value=d.threshold),
            accept_zone=s.t("round.zone_accept"),
            counter_zone=s.t("round.zone_counter"),
        )
        self.chart_words = words

        def chart_h(width: int) -> int:
            h = min(int(width * 0.82), th.px(330))
            return max(min(h, height - th.px(40)), th.px(240))

        def paint(surface: pygame.Surface, r: pygame.Rect) -> None:
            draw_chart(
                surface,
                r,
                th,
                s.lang,
                threshold=s.live.threshold,
                counter_margin=int(s.flow.engine.threshold.get("counter_margin", 15)),
                points=self.chart_points(),
                words=words,
            )

        w.add(Custom(w.ctx, chart_h, paint))
        w.space(6)
        w.text(s.t("round.chart_legend"), "caption", after=10)
        if not verdict_first:
            self._verdict(w)

    def _verdict(self, w: _Writer) -> None:
        """The draft's two sums and what Russia would answer if it were tabled now."""
        s, th, c, f, lang = self.s, self.s.theme, self.s.theme.c, self.s.flow, self.s.lang
        d = s.live
        p = w.panel()
        p.space(10)
        p.value_row(s.t("indicator.credibility"), str(d.credibility), after=2)
        p.value_row(s.t("round.acceptability_short"), str(d.acceptability), after=6)
        _, col = signal("stance." + d.stance)
        p.text(
            s.t("round.if_tabled", stance=vocab.stance_label(d.stance, lang)),
            th.text("body_bold").with_colour(col),
            after=4,
        )
        for rid in d.rules:
            rule = f.rules.get(rid, {})
            if rule.get("stance"):
                p.text(
                    f"{signal('result.failure')[0]} " + loc(rule.get("title"), lang),
                    th.text("small").with_colour(c.text),
                    after=2,
                )
                # its invented tag and fact checks, as wherever a rule is shown (the reading
                # is on Russia's answer)
                for b in explain.note_blocks(s, f.factchecks, rule, interpretation=False):
                    p.add(b)
                    p.space(2)
        if d.demands:
            items = [
                f"{vocab.clause_label(k, lang)}: {vocab.clause_value(k, v, lang)}"
                for k, v in d.demands.items()
            ]
            sep = "؛ " if lang == "ar" else "; "
            p.text(s.t("round.price", items=sep.join(items)), "small", after=2)
        seats = s.model.blocking_seats()
        if seats:
            p.text(
                f"{signal('warning')[0]} "
                + s.t("round.allies_refuse", seats=vocab.seat_list(seats, lang)),
                th.text("small").with_colour(c.warn),
                after=2,
            )
        p.space(8)
        w.close(p)


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


def _uncut(r: Widget, ctx: Any, width: int) -> bool:
    """A clause row at a width and a scale shows its whole name and every value (each in
    the two lines the row gives it), nothing cut short."""
    if not isinstance(r, ClauseRow):
        return True
    old, r.ctx = r.ctx, ctx
    try:
        th = ctx.theme
        style = th.text("small_bold")
        inner = width - 2 * r.row_pad()
        lw = max(1, inner - r.value_share(inner) - th.gap)
        label = "✎ " + resolve(r.label, ctx)
        if text_height(label, style, lw, ctx.lang) > 2 * style.line_height:
            return False
        vw = r._value_text_w(width)
        return all(
            text_height(resolve(t, ctx), style, vw, ctx.lang) <= 2 * style.line_height
            for _, t in r.options
        )
    finally:
        r.ctx = old


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "0")
