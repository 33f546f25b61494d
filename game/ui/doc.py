"""Screens as documents: blocks measured once per layout, drawn only where seen.

The toolkit every document screen is written with (the briefing, the debate, Russia's
answer, the signing, the ending, the debrief, saved games): text, headings, cards, columns,
tables, meters (`Meter`, the one meter, also `draw_meter`) and rows of buttons, in a
scrolling `DocView`, over an `ActionBar`. A scene builds a list of blocks in `layout()`
(the text is read from the catalogue then, so a language switch rebuilds them), hands them
to a `DocView`, and draws the view. Blocks know reading direction: "start" is left in English and right in Arabic.

    blocks = [Heading(scene, "Why"), Card(scene, [Text(scene, words, "body")], accent=c.bad)]
    self.doc.layout(viewport, blocks)
    ...
    self.doc.draw(surface)

Widgets (buttons) placed by a block are moved with the scroll and clipped to the viewport;
the scene adds them to its focus ring once (in `build()`), and a focused widget is
scrolled into view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pygame

from game.ui.layout import Size, at_end, at_start, row
from game.ui.text import Align, Colour, TextStyle, draw_line, draw_text, line_width, text_height
from game.ui.theme import Theme
from game.ui.widgets import Button, ScrollView, UIContext, Widget, rounded

_SCROLL_KEYS = frozenset(
    (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)
)


class Block:
    """A piece of a document: `measure(width)` once per layout, `draw()` at a position."""

    def __init__(self, ctx: UIContext) -> None:
        self.ctx = ctx
        self.w = 0
        self.h = 0
        self.after: int | None = None
        """The space under this block in a `Stack` (base pixels), instead of the stack's gap."""

    @property
    def th(self) -> Theme:
        return self.ctx.theme

    def then(self, after: int) -> Block:
        """This block with `after` base pixels under it in a `Stack` (not the stack's gap)."""
        self.after = after
        return self

    def measure(self, width: int) -> int:
        self.w = width
        self.h = 0
        return 0

    def inner(self) -> Sequence[Block]:
        """The blocks directly inside this one."""
        return ()

    def walk(self) -> Iterator[Block]:
        """This block and every block inside it, top first."""
        yield self
        for b in self.inner():
            yield from b.walk()

    def place(self, view: ScrollView, x: int, y: int) -> None:
        """Put this block's widgets at content position (x, y) of the view."""

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        """Draw with the top-left corner at screen position (x, y)."""


class Text(Block):
    """Wrapped text in a role's style; with a `bullet`, a symbol at the start side."""

    def __init__(
        self,
        ctx: UIContext,
        text: str,
        role: str = "body",
        *,
        lang: str | None = None,
        colour: Colour | None = None,
        align: Align = "start",
        bullet: str | None = None,
        bullet_colour: Colour | None = None,
        max_lines: int | None = None,
    ) -> None:
        super().__init__(ctx)
        self.text = text
        self.role = role
        self.lang = lang or ctx.lang
        self.colour = colour
        self.align = align
        self.bullet = bullet
        self.bullet_colour = bullet_colour
        self.max_lines = max_lines

    def style(self) -> TextStyle:
        s = self.th.text(self.role)
        return s.with_colour(self.colour) if self.colour else s

    def _indent(self) -> int:
        return self.th.px(22) if self.bullet else 0

    def measure(self, width: int) -> int:
        self.w = width
        self.h = text_height(
            self.text,
            self.style(),
            max(1, width - self._indent()),
            self.lang,
            max_lines=self.max_lines,
        )
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        ind = self._indent()
        rtl = self.ctx.rtl
        style = self.style()
        if self.bullet:
            bx = x + self.w - ind // 2 if rtl else x + ind // 2 - self.th.px(3)
            draw_line(
                surface,
                self.bullet,
                (bx, y + style.line_height // 2),
                style.with_colour(self.bullet_colour or self.th.c.accent),
                "en",
                anchor="center",
            )
        r = pygame.Rect(x if rtl else x + ind, y, max(1, self.w - ind), self.h)
        align: Align = self.align
        if align in ("start", "end"):  # the screen's reading direction, whatever the text's
            align = "right" if (align == "start") == rtl else "left"
        draw_text(surface, self.text, r, style, self.lang, align=align, max_lines=self.max_lines)


class Heading(Block):
    """A section heading: a short accent bar at the start side and a title."""

    def __init__(self, ctx: UIContext, text: str, role: str = "h2", note: str = "") -> None:
        super().__init__(ctx)
        self.text = text
        self.role = role
        self.note = note

    def measure(self, width: int) -> int:
        th = self.th
        self.w = width
        self.title_h = text_height(self.text, th.text(self.role), width, self.ctx.lang)
        self.note_h = (
            text_height(self.note, th.text("small"), width, self.ctx.lang) if self.note else 0
        )
        self.h = th.px(10) + self.title_h + (th.px(4) + self.note_h if self.note else 0)
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        th, c = self.th, self.th.c
        bar = at_start(pygame.Rect(x, y, self.w, th.px(3)), th.px(40), self.ctx.rtl)
        pygame.draw.rect(surface, c.accent, bar, border_radius=th.px(2))
        top = y + th.px(10)
        draw_text(
            surface, self.text, pygame.Rect(x, top, self.w, 0), th.text(self.role), self.ctx.lang
        )
        if self.note:
            draw_text(
                surface,
                self.note,
                pygame.Rect(x, top + self.title_h + th.px(4), self.w, 0),
                th.text("small"),
                self.ctx.lang,
            )


class Overline(Text):
    """A small section label in the accent colour, in capitals in English."""

    def __init__(self, ctx: UIContext, text: str) -> None:
        super().__init__(
            ctx,
            text.upper() if ctx.lang == "en" else text,
            "small_bold",
            colour=ctx.theme.c.accent,
        )


class Rule(Block):
    """A thin line across the column."""

    def measure(self, width: int) -> int:
        self.w, self.h = width, max(1, self.th.px(1))
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        pygame.draw.rect(surface, self.th.c.border, (x, y, self.w, self.h))


def draw_meter(
    surface: pygame.Surface,
    bar: pygame.Rect,
    value: float,
    theme: Theme,
    rtl: bool,
    colour: Colour | None = None,
    *,
    mark: float | None = None,
    ghost: float | None = None,
) -> None:
    """The one meter: a 0-100 bar filled from the start side; `ghost` outlines a value not
    counted and `mark` draws a tick (a threshold)."""
    if bar.width <= 0 or bar.height <= 0:
        return
    c = theme.c
    radius = bar.height // 2
    rounded(surface, bar, c.bg_deep, c.border, radius)
    if ghost is not None and ghost > 0:
        g = at_start(bar, round(bar.width * min(100.0, ghost) / 100), rtl)
        rounded(surface, g, None, c.text_faint, radius)
    w = round(bar.width * max(0.0, min(100.0, float(value))) / 100)
    if w > 0:
        rounded(surface, at_start(bar, max(w, theme.px(6)), rtl), colour or c.info, None, radius)
    if mark is not None:
        dx = int(bar.width * max(0.0, min(100.0, mark)) / 100)
        x = bar.right - dx if rtl else bar.left + dx
        top = bar.top - theme.px(4)
        pygame.draw.line(surface, c.text, (x, top), (x, bar.bottom + theme.px(2)), theme.px(2))


class Meter(Block):
    """A meter (`draw_meter`) `height` base pixels tall; a `mark` gets a pointer and its
    `mark_label` above the bar (a labelled threshold, not only a colour)."""

    def __init__(
        self,
        ctx: UIContext,
        value: float,
        *,
        colour: Colour | None = None,
        mark: float | None = None,
        ghost: float | None = None,
        mark_label: str = "",
        height: int = 14,
    ) -> None:
        super().__init__(ctx)
        self.value = value
        self.colour = colour
        self.mark = mark
        self.ghost = ghost
        self.mark_label = mark_label
        self.base_h = height

    def measure(self, width: int) -> int:
        th = self.th
        self.w = width
        self.h = th.px(self.base_h)
        if self.mark is not None:
            self.h += th.text("caption").line_height + th.px(4)
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        th, c, rtl = self.th, self.th.c, self.ctx.rtl
        bh = th.px(self.base_h)
        bar = pygame.Rect(x, y + self.h - bh, self.w, bh)
        draw_meter(surface, bar, self.value, th, rtl, self.colour, mark=self.mark, ghost=self.ghost)
        if self.mark is None:
            return
        dx = int(bar.width * max(0.0, min(100.0, self.mark)) / 100)
        mx = bar.right - dx if rtl else bar.left + dx
        top = bar.top - th.px(4)
        pygame.draw.polygon(
            surface,
            c.text,
            [
                (mx - th.px(5), top - th.px(2)),
                (mx + th.px(5), top - th.px(2)),
                (mx, top + th.px(4)),
            ],
        )
        lw = th.px(220)
        cx = min(max(mx, x + lw // 2), x + self.w - lw // 2)
        style = th.text("caption").with_colour(c.text_dim)
        draw_line(
            surface, self.mark_label, (cx, y), style, self.ctx.lang, anchor="midtop", max_width=lw
        )


class Stack(Block):
    """Blocks one under another with a gap."""

    def __init__(self, ctx: UIContext, children: Sequence[Block], gap: int = 10) -> None:
        super().__init__(ctx)
        self.children = [c for c in children if c is not None]
        self.gap = gap
        self.tops: list[int] = []

    def measure(self, width: int) -> int:
        g = self.th.px(self.gap)
        y = 0
        self.tops = []
        for i, c in enumerate(self.children):
            if i:
                prev = self.children[i - 1].after
                y += g if prev is None else self.th.px(prev)
            self.tops.append(y)
            y += c.measure(width)
        if self.children and self.children[-1].after is not None:
            y += self.th.px(self.children[-1].after)  # the space asked for under the last
        self.w, self.h = width, y
        return y

    def inner(self) -> Sequence[Block]:
        return self.children

    def place(self, view: ScrollView, x: int, y: int) -> None:
        for c, t in zip(self.children, self.tops, strict=True):
            c.place(view, x, y + t)

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        clip = surface.get_clip()
        for c, t in zip(self.children, self.tops, strict=True):
            if y + t > clip.bottom:
                break
            if y + t + c.h < clip.top:
                continue
            c.draw(surface, x, y + t)


class Box(Stack):
    """Blocks one under another inside a padding (`pad` at the sides, `pad_y` above and
    below); with `bleed`, the padding reaches out into the margin instead, so the blocks
    inside line up with the blocks around the box. Draws nothing itself."""

    def __init__(
        self,
        ctx: UIContext,
        children: Sequence[Block],
        *,
        pad: int = 18,
        pad_y: int | None = None,
        bleed: bool = False,
        gap: int = 10,
    ) -> None:
        super().__init__(ctx, children, gap)
        self.pad = pad
        self.pad_y = pad if pad_y is None else pad_y
        self.bleed = bleed

    def _pads(self) -> tuple[int, int]:
        return self.th.px(self.pad), self.th.px(self.pad_y)

    def _out(self) -> int:
        return self._pads()[0] if self.bleed else 0

    def measure(self, width: int) -> int:
        px, py = self._pads()
        inner = super().measure(max(1, width + 2 * self._out() - 2 * px))
        self.w, self.h = width, inner + 2 * py
        return self.h

    def place(self, view: ScrollView, x: int, y: int) -> None:
        px, py = self._pads()
        super().place(view, x - self._out() + px, y + py)

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        px, py = self._pads()
        super().draw(surface, x - self._out() + px, y + py)

    def outline(self, x: int, y: int) -> pygame.Rect:
        """The box's rect on screen with its top-left corner at (x, y) (a bleed included)."""
        out = self._out()
        return pygame.Rect(x - out, y, self.w + 2 * out, self.h)


class Card(Box):
    """A rounded panel around blocks, with an optional accent bar at the start side."""

    def __init__(
        self,
        ctx: UIContext,
        children: Sequence[Block],
        *,
        accent: Colour | None = None,
        fill: Colour | None = None,
        border: Colour | None = None,
        pad: int = 18,
        pad_y: int | None = None,
        bleed: bool = False,
        gap: int = 10,
    ) -> None:
        super().__init__(ctx, children, pad=pad, pad_y=pad_y, bleed=bleed, gap=gap)
        self.accent = accent
        self.fill = fill
        self.border = border

    def _pads(self) -> tuple[int, int]:
        px, py = super()._pads()
        return px + (self.th.px(6) if self.accent else 0), py

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        th, c = self.th, self.th.c
        r = self.outline(x, y)
        rounded(surface, r, self.fill or c.panel, self.border or c.border, th.radius)
        if self.accent:
            bar = at_start(r.inflate(0, -th.px(16)), th.px(4), self.ctx.rtl)
            bar.x += -th.px(6) if self.ctx.rtl else th.px(6)
            pygame.draw.rect(surface, self.accent, bar, border_radius=th.px(2))
        super().draw(surface, x, y)


class Columns(Block):
    """Blocks side by side in reading order (the first at the start side)."""

    def __init__(
        self,
        ctx: UIContext,
        cells: Sequence[tuple[Block, Size]],
        gap: int = 16,
        valign: str = "top",
    ) -> None:
        super().__init__(ctx)
        self.cells = list(cells)
        self.gap = gap
        self.valign = valign
        self.rects: list[pygame.Rect] = []

    def measure(self, width: int) -> int:
        rects = row(
            pygame.Rect(0, 0, width, 0),
            [s for _, s in self.cells],
            self.th.px(self.gap),
            self.ctx.rtl,
        )
        h = 0
        for (b, _), r in zip(self.cells, rects, strict=True):
            h = max(h, b.measure(max(1, r.width)))
        self.rects = []
        for (b, _), r in zip(self.cells, rects, strict=True):
            dy = (h - b.h) // 2 if self.valign == "middle" else 0
            self.rects.append(pygame.Rect(r.x, dy, r.width, b.h))
        self.w, self.h = width, h
        return h

    def inner(self) -> Sequence[Block]:
        return [b for b, _ in self.cells]

    def place(self, view: ScrollView, x: int, y: int) -> None:
        for (b, _), r in zip(self.cells, self.rects, strict=True):
            b.place(view, x + r.x, y + r.y)

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        for (b, _), r in zip(self.cells, self.rects, strict=True):
            b.draw(surface, x + r.x, y + r.y)


class Line(Block):
    """A label at the start side and a value at the end side, on one baseline (the label
    wraps if it must); the value is drawn left to right (numbers, ids)."""

    def __init__(
        self,
        ctx: UIContext,
        label: str,
        value: str,
        *,
        role: str = "body",
        value_role: str | None = None,
        colour: Colour | None = None,
        value_colour: Colour | None = None,
        note: str = "",
        value_lang: str = "en",
        rule_above: bool = False,
    ) -> None:
        super().__init__(ctx)
        self.label = label
        self.value = value
        self.role = role
        self.value_role = value_role or role
        self.colour = colour
        self.value_colour = value_colour
        self.note = note
        self.value_lang = value_lang
        self.rule_above = rule_above

    def _styles(self) -> tuple[TextStyle, TextStyle]:
        s = self.th.text(self.role)
        v = self.th.text(self.value_role)
        return (
            s.with_colour(self.colour) if self.colour else s,
            v.with_colour(self.value_colour) if self.value_colour else v,
        )

    def measure(self, width: int) -> int:
        th = self.th
        s, v = self._styles()
        self.vw = line_width(self.value, v, self.value_lang) + th.px(4)
        self.lw = max(1, width - self.vw - th.px(16))
        self.lh = text_height(self.label, s, self.lw, self.ctx.lang)
        self.nh = (
            text_height(self.note, th.text("caption"), self.lw, self.ctx.lang) if self.note else 0
        )
        top = th.px(8) if self.rule_above else 0
        self.top = top
        self.w, self.h = width, top + max(self.lh + self.nh, v.line_height)
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        th = self.th
        rtl = self.ctx.rtl
        s, v = self._styles()
        if self.rule_above:
            pygame.draw.rect(surface, th.c.border_hi, (x, y, self.w, max(1, th.px(1))))
        y += self.top
        full = pygame.Rect(x, y, self.w, self.h)
        lab = at_start(full, self.lw, rtl)
        draw_text(surface, self.label, pygame.Rect(lab.x, y, lab.width, 0), s, self.ctx.lang)
        if self.note:
            draw_text(
                surface,
                self.note,
                pygame.Rect(lab.x, y + self.lh, lab.width, 0),
                th.text("caption"),
                self.ctx.lang,
            )
        val = at_end(full, self.vw, rtl)
        cy = y + s.line_height // 2
        draw_line(
            surface,
            self.value,
            (val.left if rtl else val.right, cy),
            v,
            self.value_lang,
            anchor="midleft" if rtl else "midright",
        )


class Custom(Block):
    """A block drawn by a function: `height(width) -> int`, `paint(surface, rect)`."""

    def __init__(
        self,
        ctx: UIContext,
        height: Callable[[int], int],
        paint: Callable[[pygame.Surface, pygame.Rect], None],
    ) -> None:
        super().__init__(ctx)
        self.height = height
        self.paint = paint

    def measure(self, width: int) -> int:
        self.w, self.h = width, self.height(width)
        return self.h

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        self.paint(surface, pygame.Rect(x, y, self.w, self.h))


class Widgets(Block):
    """Buttons in a row at the start side (wrapping when they do not fit)."""

    def __init__(
        self,
        ctx: UIContext,
        widgets: Sequence[Widget],
        height: int | None = None,
        *,
        min_width: int = 0,
    ) -> None:
        super().__init__(ctx)
        self.widgets = [w for w in widgets if w.visible]
        self.base_h = height
        self.min_width = min_width
        self.rects: list[pygame.Rect] = []

    def _width(self, w: Widget) -> int:
        nat = w.natural_width() if isinstance(w, Button) else self.th.px(160)
        return max(self.th.px(self.min_width), nat)

    def measure(self, width: int) -> int:
        th = self.th
        h = th.px(self.base_h) if self.base_h else th.control_h
        gap = th.px(10)
        x, y = 0, 0
        self.rects = []
        for w in self.widgets:
            ww = min(self._width(w), width)
            if x and x + ww > width:
                x, y = 0, y + h + gap
            r = pygame.Rect(x, y, ww, h)
            if self.ctx.rtl:
                r.x = width - r.right
            self.rects.append(r)
            x += ww + gap
        self.w, self.h = width, (y + h if self.widgets else 0)
        return self.h

    def place(self, view: ScrollView, x: int, y: int) -> None:
        for w, r in zip(self.widgets, self.rects, strict=True):
            view.place(w, r.move(x, y))


class Table(Block):
    """Rows of cells under a header, columns in reading order (mirrored in Arabic); each
    cell is a list of blocks; rows are as tall as their tallest cell."""

    def __init__(
        self,
        ctx: UIContext,
        columns: Sequence[tuple[str, Size]],
        rows: Sequence[Sequence[Sequence[Block]]],
        *,
        gap: int = 14,
        pad: int = 10,
    ) -> None:
        super().__init__(ctx)
        self.columns = list(columns)
        self.rows = [[Stack(ctx, cell, gap=4) for cell in r] for r in rows]
        self.gap = gap
        self.pad = pad
        self.cols: list[pygame.Rect] = []
        self.row_tops: list[int] = []
        self.row_hs: list[int] = []

    def measure(self, width: int) -> int:
        th = self.th
        g, p = th.px(self.gap), th.px(self.pad)
        inner = pygame.Rect(p, 0, max(1, width - 2 * p), 0)
        self.cols = row(inner, [s for _, s in self.columns], g, self.ctx.rtl)
        head = th.text("small_bold")
        self.head_h = (
            max(
                (
                    text_height(t, head, max(1, c.width), self.ctx.lang)
                    for (t, _), c in zip(self.columns, self.cols, strict=True)
                ),
                default=0,
            )
            + 2 * p
        )
        y = self.head_h
        self.row_tops, self.row_hs = [], []
        for r in self.rows:
            h = max(
                (cell.measure(max(1, c.width)) for cell, c in zip(r, self.cols, strict=False)),
                default=0,
            )
            self.row_tops.append(y)
            self.row_hs.append(h + 2 * p)
            y += h + 2 * p
        self.w, self.h = width, y
        return y

    def inner(self) -> Sequence[Block]:
        return [cell for r in self.rows for cell in r]

    def place(self, view: ScrollView, x: int, y: int) -> None:
        p = self.th.px(self.pad)
        for r, top in zip(self.rows, self.row_tops, strict=True):
            for cell, c in zip(r, self.cols, strict=False):
                cell.place(view, x + c.x, y + top + p)

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        th, c = self.th, self.th.c
        p = th.px(self.pad)
        box = pygame.Rect(x, y, self.w, self.h)
        rounded(surface, box, c.panel, c.border, th.radius)
        head = pygame.Rect(x, y, self.w, self.head_h)
        pygame.draw.rect(
            surface,
            c.panel_hi,
            head,
            border_top_left_radius=th.radius,
            border_top_right_radius=th.radius,
        )
        style = th.text("small_bold").with_colour(c.accent)
        for (t, _), col in zip(self.columns, self.cols, strict=True):
            draw_text(surface, t, pygame.Rect(x + col.x, y + p, col.width, 0), style, self.ctx.lang)
        clip = surface.get_clip()
        for i, (r, top, h) in enumerate(zip(self.rows, self.row_tops, self.row_hs, strict=True)):
            ry = y + top
            if ry > clip.bottom:
                break
            if ry + h < clip.top:
                continue
            if i % 2:
                pygame.draw.rect(surface, c.bg_deep, (x + 1, ry, self.w - 2, h))
            pygame.draw.rect(surface, c.border, (x, ry, self.w, 1))
            for cell, col in zip(r, self.cols, strict=False):
                cell.draw(surface, x + col.x, ry + p)


class DocView:
    """A scrolling column of blocks. Keys: Up/Down, Page Up/Down, Home/End; the wheel
    over the view; a focused widget is scrolled into view (`ring.on_focus = view.reveal`)."""

    def __init__(self, ctx: UIContext, *, gutter: int = 14) -> None:
        self.ctx = ctx
        self.gutter = gutter
        """The room kept for the scrollbar at the end side (base pixels)."""
        self.view = ScrollView(ctx)
        self.blocks: list[Block] = []
        self.tops: list[int] = []
        self.x = 0
        self.width = 0

    @property
    def viewport(self) -> pygame.Rect:
        return self.view.viewport

    @property
    def offset(self) -> int:
        return self.view.offset

    def layout(self, viewport: pygame.Rect, blocks: Sequence[Block], gap: int = 14) -> None:
        th = self.ctx.theme
        offset = self.view.offset
        self.view.reset(viewport)
        bar = th.px(self.gutter)
        self.width = max(1, viewport.width - bar)
        self.x = viewport.left + (bar if self.ctx.rtl else 0)
        self.blocks = list(blocks)
        self.tops = []
        y = 0
        g = th.px(gap)
        for i, b in enumerate(self.blocks):
            if i:
                y += g
            self.tops.append(y)
            y += b.measure(self.width)
            b.place(self.view, self.x, self.tops[-1])
        self.view.extend(y + th.px(8) if y > viewport.height else y)
        self.view.offset = offset
        self.view.apply()

    def walk(self) -> Iterator[Block]:
        """Every block in the document, top first."""
        for b in self.blocks:
            yield from b.walk()

    def reveal(self, widget: Widget) -> bool:
        return self.view.reveal(widget)

    def scroll_by(self, dy: int) -> bool:
        return self.view.scroll_by(dy)

    def scroll_to(self, y: int) -> bool:
        return self.view.scroll_by(y - self.view.offset)

    def handle(self, event: pygame.event.Event) -> bool:
        th = self.ctx.theme
        if event.type == pygame.MOUSEWHEEL:
            return self.view.handle(event)
        if event.type != pygame.KEYDOWN:
            return False
        k = event.key
        if k not in _SCROLL_KEYS or self.view.max_offset == 0:
            return False  # nothing to scroll: the arrows move the focus
        line = th.px(60)
        page = max(line, self.viewport.height - th.px(60))
        if k == pygame.K_DOWN:
            self.scroll_by(line)
        elif k == pygame.K_UP:
            self.scroll_by(-line)
        elif k == pygame.K_PAGEDOWN:
            self.scroll_by(page)
        elif k == pygame.K_PAGEUP:
            self.scroll_by(-page)
        elif k == pygame.K_HOME:
            self.scroll_to(0)
        elif k == pygame.K_END:
            self.scroll_to(self.view.max_offset)
        return True

    def draw(self, surface: pygame.Surface) -> None:
        vp = self.viewport
        old = surface.get_clip()
        surface.set_clip(vp.clip(old))
        top = vp.top - self.view.offset
        for b, t in zip(self.blocks, self.tops, strict=True):
            y = top + t
            if y > vp.bottom:
                break
            if y + b.h < vp.top:
                continue
            b.draw(surface, self.x, y)
        surface.set_clip(old)
        self.view.draw_scrollbar(surface)


class ActionBar:
    """A document screen's action bar: a strip at the bottom of its body under a rule, with
    buttons at its end side (the main action last), others at its start side, and the key
    hints in the room between them (at most two lines; none when there is no room).

        self.actions = ActionBar(app, lambda: self.t("after.answer.keys"))
        self.actions.end(self.cont, min_width=260)
        main = self.actions.layout(body)    # the area above the bar
        ...
        self.actions.draw(surface)
    """

    def __init__(self, ctx: UIContext, hint: Callable[[], str] | None = None) -> None:
        self.ctx = ctx
        self.hint = hint
        self.groups: dict[str, tuple[list[Button], int, int]] = {}
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.hint_rect = pygame.Rect(0, 0, 0, 0)

    def end(self, *buttons: Button, min_width: int, part: int = 1) -> None:
        """Buttons (in reading order) at the end side, all as wide as the widest label
        needs, at least `min_width` base pixels, at most 1/`part` of the bar between them."""
        self.groups["end"] = (list(buttons), min_width, part)

    def start(self, *buttons: Button, min_width: int, part: int = 1) -> None:
        """Buttons at the start side, sized as for `end`."""
        self.groups["start"] = (list(buttons), min_width, part)

    def _place(self, side: str, share: bool = True) -> pygame.Rect | None:
        """Place a group's buttons at its side of the bar (`self.rect`); with `share`, the
        group takes at most 1/`part` of the bar, else the whole of it."""
        if side not in self.groups:
            return None
        th = self.ctx.theme
        buttons, min_w, part = self.groups[side]
        n = len(buttons)
        room = (self.rect.width - th.gap * (n - 1)) // (n * (part if share else 1))
        bw = min(max(th.px(min_w), *(b.natural_width() for b in buttons)), room)
        area = (at_end if side == "end" else at_start)(
            self.rect, n * bw + (n - 1) * th.gap, self.ctx.rtl
        )
        for b, cell in zip(buttons, row(area, [bw] * n, th.gap, self.ctx.rtl), strict=True):
            b.rect = cell
        return area

    def buttons(self) -> list[Button]:
        return [b for side in ("end", "start") for b in self.groups.get(side, ([], 0, 0))[0]]

    def _fits(self) -> bool:
        """Every button's whole label (and key) fits its place, and no two overlap."""
        bs = self.buttons()
        if any(b.natural_width() > b.rect.width for b in bs):
            return False
        return not any(a.rect.colliderect(b.rect) for i, a in enumerate(bs) for b in bs[i + 1 :])

    def layout_one_line(self, body: pygame.Rect) -> None:
        """The bar on one line: each group in its share, the key hints between them."""
        th = self.ctx.theme
        bar_h = th.control_h
        self.rect = pygame.Rect(body.left, body.bottom - bar_h, body.width, bar_h)
        end = self._place("end")
        start = self._place("start")
        if start is not None and end is not None:  # the room between the two groups
            left = min(start.right, end.right)
            right = max(start.left, end.left)
            self.hint_rect = pygame.Rect(
                left + th.pad, self.rect.top, max(0, right - left - 2 * th.pad), bar_h
            )
        else:
            used = (end or start or pygame.Rect(0, 0, 0, 0)).width
            side = at_end if end is None and start is not None else at_start
            self.hint_rect = side(self.rect, max(0, self.rect.width - used - th.pad), self.ctx.rtl)

    def layout(self, body: pygame.Rect) -> pygame.Rect:
        """Place the bar at the bottom of `body` and its buttons; return the area above.

        The buttons' labels are never cut: when they do not fit on one line with the key
        hints between them (a long label, Arabic, a projector's scale), the hints make way;
        when they still do not fit, each group takes a line of its own, and then each
        button (the bar grows upwards)."""
        th = self.ctx.theme
        bar_h = th.control_h
        self.layout_one_line(body)
        if not self._fits():
            # no hints: each group as wide as its labels need
            self.hint_rect = pygame.Rect(self.rect.left, self.rect.top, 0, 0)
            self._place("end", share=False)
            self._place("start", share=False)
        if not self._fits() and any(b.natural_width() > body.width for b in self.buttons()):
            # a label wider than the whole bar: no layout shows it whole; the buttons share
            # the bar as they did (and the hints keep their room)
            self.layout_one_line(body)
        elif not self._fits():
            # a line per group, then a line per button, the main action at the bottom
            lines: list[list[tuple[str, Button]]] = [
                [(side, b) for b in self.groups[side][0]]
                for side in ("start", "end")
                if side in self.groups
            ]
            if any(
                sum(b.natural_width() for _, b in ln) + th.gap * (len(ln) - 1) > body.width
                for ln in lines
            ):
                lines = [[item] for ln in lines for item in ln]
            height = len(lines) * bar_h + (len(lines) - 1) * th.gap
            top = body.bottom - height
            self.rect = pygame.Rect(body.left, top, body.width, height)
            for i, ln in enumerate(lines):
                y = top + i * (bar_h + th.gap)
                n = len(ln)
                place = at_end if ln[0][0] == "end" else at_start
                widest = max(b.natural_width() for b in self.buttons())
                area = place(
                    pygame.Rect(body.left, y, body.width, bar_h),
                    min(body.width, widest * n + th.gap * (n - 1)),
                    self.ctx.rtl,
                )
                bw = (area.width - th.gap * (n - 1)) // n
                for (_, b), cell in zip(ln, row(area, [bw] * n, th.gap, self.ctx.rtl), strict=True):
                    b.rect = cell
        return pygame.Rect(body.left, body.top, body.width, self.rect.top - body.top - th.px(14))

    def draw(self, surface: pygame.Surface) -> None:
        """The rule above the bar and the key hints (the buttons are drawn by the focus ring)."""
        th, c = self.ctx.theme, self.ctx.theme.c
        bar = self.rect
        pygame.draw.rect(surface, c.border, (bar.left, bar.top - th.px(8), bar.width, 1))
        hint = self.hint() if self.hint is not None else ""
        if not hint or self.hint_rect.width < th.px(120):  # no room: the buttons' keys say it
            return
        style = th.text("caption")
        if text_height(hint, style, self.hint_rect.width, self.ctx.lang) > 2 * style.line_height:
            return  # the hints are never cut short either: the buttons' keys say it
        both = "start" in self.groups and "end" in self.groups
        draw_text(
            surface,
            hint,
            self.hint_rect,
            th.text("caption"),
            self.ctx.lang,
            align="center" if both else "start",
            max_lines=2,
            valign="middle",
        )
