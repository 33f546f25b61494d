"""The round screen's own widgets (its content is written as `game.ui.doc` blocks).

- `ClauseRow`: one clause of the package builder, a `Row` like the settings' controls: a
  cycle of choices, a stepper over fixed steps, or an on/off switch with its value in words;
  disabled with a note when locked.
- `CardButton`: a `Button` drawn as a card (an argument, a move): text parts, and its label
  as an action chip at the end; disabled with a note.
- `Tabs`: a segmented strip of tabs with digit key chips.
- `pill()`: a small rounded label.

All text goes through `game.ui.text`; every widget mirrors in Arabic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from game.ui.layout import at_start, inset
from game.ui.text import Colour, TextStyle, draw_line, draw_text, line_width, text_height
from game.ui.theme import Theme, mix
from game.ui.widgets import (
    Button,
    Label,
    Row,
    UIContext,
    Widget,
    backward_key,
    forward_key,
    keycap,
    keycap_width,
    resolve,
    rounded,
)

# ---------------------------------------------------------------- drawing helpers


def pill(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    style: TextStyle,
    lang: str,
    theme: Theme,
    *,
    fill: Colour | None = None,
    border: Colour | None = None,
    anchor: str = "midleft",
) -> pygame.Rect:
    """A small rounded label ("You", "Person", "P16") placed by an anchor; returns its rect."""
    pad = theme.px(8)
    w = line_width(text, style, lang) + 2 * pad
    h = style.line_height + theme.px(2)
    r = pygame.Rect(0, 0, w, h)
    setattr(r, anchor, pos)
    rounded(surface, r, fill, border, h // 2)
    draw_line(surface, text, r.center, style, lang, anchor="center")
    return r


def pill_width(text: str, style: TextStyle, lang: str, theme: Theme) -> int:
    return line_width(text, style, lang) + 2 * theme.px(8)


"""The round screen's name for a `Button` with a key chip (kept until that screen moves to
`game.ui.doc`)."""


# ---------------------------------------------------------------- the package builder's rows


class ClauseRow(Row):
    """One clause: its label at the start side, its value at the end side; a `Row` like
    the other controls (the same end buttons and switch), with a wrapped label.

    kind "cycle": ‹ value › (the arrows along the row step through the options, wrapping);
    "steps": − value + over ordered steps (no wrap; + / − keys, Home / End);
    "toggle": a switch and the value in words. Enter, Space or a click go to the next value.
    `marked()` True draws "✎" before the label (changed from the package on the table).
    """

    def __init__(
        self,
        ctx: UIContext,
        label: Label,
        options: Sequence[tuple[Any, Label]],
        value: Any,
        *,
        kind: str = "cycle",
        on_change: Callable[[Any], Any] | None = None,
        note: Label | None = None,
        marked: Callable[[], bool] | None = None,
        enabled: bool = True,
        name: str = "",
    ) -> None:
        super().__init__(ctx, label, enabled=enabled, name=name)
        self.options = list(options)
        self.kind = kind
        self.on_change = on_change
        self.note = note
        self.marked = marked
        self.index = 0
        self.set_value(value)

    # ---------------------------------------------------------------- value

    @property
    def value(self) -> Any:
        return self.options[self.index][0] if self.options else None

    def set_value(self, value: Any) -> None:
        """Show `value` without telling anyone (syncing from the game state)."""
        for i, (v, _) in enumerate(self.options):
            if v == value:
                self.index = i
                return

    def set_index(self, i: int) -> bool:
        if not self.options or not self.enabled:
            return False
        n = len(self.options)
        i = max(0, min(n - 1, i)) if self.kind == "steps" else i % n
        if i == self.index:
            return False
        self.index = i
        if self.on_change is not None:
            self.on_change(self.value)
        return True

    def activate(self) -> None:
        if self.kind == "steps" and self.index == len(self.options) - 1:
            self.set_index(0)
        else:
            self.set_index((self.index + 1) % max(1, len(self.options)))

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        k = event.key
        if k == forward_key(self.ctx) or k in (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS):
            self.set_index(self.index + 1)
            return True
        if k == backward_key(self.ctx) or k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.set_index(self.index - 1)
            return True
        if k == pygame.K_HOME:
            self.set_index(0)
            return True
        if k == pygame.K_END:
            self.set_index(len(self.options) - 1)
            return True
        return super().on_key(event)

    # ---------------------------------------------------------------- geometry

    def row_pad(self) -> int:
        return self.theme.px(12)

    def value_share(self, inner_w: int) -> int:
        th = self.theme
        return min(max(th.px(150), int(inner_w * 0.56)), th.px(320))

    def _label_text(self) -> str:
        text = resolve(self.label, self.ctx)
        return f"✎ {text}" if self.marked is not None and self.marked() else text

    def height_for(self, width: int) -> int:
        """The row's height at a width: the same whatever its value and its mark, so rows
        below never move while a player changes this one (a click then lands where aimed)."""
        th = self.theme
        inner_w = width - 2 * th.px(12)
        lw = max(1, inner_w - self.value_share(inner_w) - th.gap)
        label = resolve(self.label, self.ctx)
        if self.marked is not None:
            label = f"✎ {label}"
        h = text_height(label, th.text("small_bold"), lw, self.ctx.lang, max_lines=2)
        if self.note and not self.enabled:
            h += th.text("caption").line_height
        values = [resolve(text, self.ctx) for _, text in self.options] or [""]
        vh = max(
            th.px(34),
            *(
                text_height(
                    v, th.text("small_bold"), self._value_text_w(width), self.ctx.lang, max_lines=2
                )
                for v in values
            ),
        )
        return max(h, vh) + th.px(14)

    def _arrows(self) -> tuple[pygame.Rect, pygame.Rect]:
        return self.end_buttons(30)

    def _value_text(self) -> str:
        return resolve(self.options[self.index][1], self.ctx) if self.options else ""

    def _value_text_w(self, width: int | None = None) -> int:
        th = self.theme
        inner_w = max(1, (width if width is not None else self.rect.width) - 2 * th.px(12))
        vw = self.value_share(inner_w)
        if self.kind == "toggle":
            return max(1, vw - th.px(48) - th.gap)
        return max(1, vw - 2 * th.px(30) - th.px(8))

    def click(self, pos: tuple[int, int]) -> None:
        if self.kind == "toggle":
            self.activate()
            return
        back, fwd = self._arrows()
        if back.inflate(8, 8).collidepoint(pos):
            self.set_index(self.index - 1)
        elif fwd.inflate(8, 8).collidepoint(pos):
            self.set_index(self.index + 1)
        else:
            self.activate()

    # ---------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible or self.rect.width <= 0:
            return
        th, c = self.theme, self.theme.c
        rtl, lang = self.ctx.rtl, self.ctx.lang
        self.draw_panel(surface, th.px(8))
        marked = self.marked is not None and self.marked()
        if marked:
            bar = at_start(self.rect, th.px(4), rtl).inflate(0, -th.px(12))
            pygame.draw.rect(surface, c.accent, bar, border_radius=th.px(2))
        lab = self.label_rect()
        style = th.text("small_bold")
        if not self.enabled:
            style = style.with_colour(c.text_dim)
        elif marked:
            style = style.with_colour(c.accent_hi)
        text = self._label_text()
        lh = text_height(text, style, lab.width, lang, max_lines=2)
        note = resolve(self.note, self.ctx) if self.note and not self.enabled else ""
        nh = th.text("caption").line_height if note else 0
        top = lab.centery - (lh + nh) // 2
        draw_text(
            surface, text, pygame.Rect(lab.left, top, lab.width, lh), style, lang, max_lines=2
        )
        if note:
            draw_line(
                surface,
                "⊘ " + note,
                (lab.right if rtl else lab.left, top + lh),
                th.text("caption"),
                lang,
                anchor="topright" if rtl else "topleft",
                max_width=lab.width,
            )
        vr = self.value_rect()
        vs = th.text("small_bold").with_colour(c.text if self.enabled else c.disabled)
        if self.kind == "toggle":
            track = self.draw_switch(surface, (44, 24), bool(self.value))
            tw = max(1, vr.width - track.width - th.gap)
            tr = at_start(vr, tw, rtl)
            h = text_height(self._value_text(), vs, tw, lang, max_lines=2)
            draw_text(
                surface,
                self._value_text(),
                pygame.Rect(tr.left, vr.centery - h // 2, tw, h),
                vs,
                lang,
                max_lines=2,
                align="end",
            )
            return
        back, fwd = self._arrows()
        steps = self.kind == "steps"
        syms = ("−", "+") if steps else (("›", "‹") if rtl else ("‹", "›"))
        self.draw_end_button(surface, back, syms[0], self.enabled and (not steps or self.index > 0))
        last = len(self.options) - 1
        self.draw_end_button(
            surface, fwd, syms[1], self.enabled and (not steps or self.index < last)
        )
        tw = max(1, vr.width - back.width - fwd.width - th.px(8))
        h = text_height(self._value_text(), vs, tw, lang, max_lines=2)
        draw_text(
            surface,
            self._value_text(),
            pygame.Rect(vr.centerx - tw // 2, vr.centery - h // 2, tw, h),
            vs,
            lang,
            align="center",
            max_lines=2,
        )


# ---------------------------------------------------------------- cards


@dataclass
class Part:
    """One piece of a card's text."""

    text: str
    role: str = "small"
    colour: Colour | None = None
    max_lines: int | None = None
    lang: str | None = None


class CardButton(Button):
    """A button drawn as a card: text parts stacked, and its label as an action chip
    ("Play ▸" with its key) at the end of the last line; its note when disabled. Enter,
    Space, a click or the shortcut press it."""

    def __init__(
        self,
        ctx: UIContext,
        parts: Callable[[], list[Part]],
        on_click: Callable[[], Any] | None = None,
        *,
        action: Label | None = None,
        shortcut: str | None = None,
        enabled: bool = True,
        note: Label | None = None,
        accent: Colour | None = None,
        name: str = "",
    ) -> None:
        super().__init__(
            ctx,
            action or "",
            on_click,
            shortcut=shortcut,
            kind="card",
            enabled=enabled,
            note=note,
            name=name,
        )
        self.parts = parts
        self.accent = accent

    def _style(self, p: Part) -> TextStyle:
        s = self.theme.text(p.role)
        if not self.enabled and p.role in ("body_bold", "small_bold", "body"):
            s = s.with_colour(self.theme.c.text_dim)
        elif p.colour is not None:
            s = s.with_colour(p.colour)
        return s

    def _pad(self) -> int:
        return self.theme.px(14)

    def height_for(self, width: int) -> int:
        th = self.theme
        w = max(1, width - 2 * self._pad() - th.px(6))
        h = self._pad()
        for p in self.parts():
            h += text_height(
                p.text, self._style(p), w, p.lang or self.ctx.lang, max_lines=p.max_lines
            )
            h += th.px(4)
        h += th.px(26) + self._pad() - th.px(4)
        return h

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible or self.rect.width <= 0:
            return
        th, c = self.theme, self.theme.c
        rtl, lang = self.ctx.rtl, self.ctx.lang
        fill = c.raised if self.hovered and self.enabled else c.panel_hi
        if not self.enabled:
            fill = mix(c.panel, c.bg, 0.3)
        rounded(surface, self.rect, fill, c.border_hi if self.hovered else c.border, th.radius)
        bar = at_start(self.rect, th.px(4), rtl).inflate(0, -th.px(16))
        pygame.draw.rect(
            surface,
            (self.accent or c.accent) if self.enabled else c.disabled,
            bar,
            border_radius=th.px(2),
        )
        pad = self._pad()
        inner = inset(self.rect, pad, pad)
        inner.width -= th.px(6)
        if not rtl:
            inner.x += th.px(6)
        y = inner.top
        for p in self.parts():
            y += draw_text(
                surface,
                p.text,
                pygame.Rect(inner.left, y, inner.width, 0),
                self._style(p),
                p.lang or lang,
                max_lines=p.max_lines,
            ) + th.px(4)
        # the action chip at the end side of the bottom line
        cy = self.rect.bottom - pad - th.px(11)
        if self.enabled:
            label = self.text()
            style = th.text("small_bold").with_colour(c.accent_hi)
            x = inner.left if rtl else inner.right
            key = self.key_shown()
            if key:
                kw = keycap_width(key, th)
                kx = x + kw // 2 if rtl else x - kw // 2
                keycap(surface, (kx, cy), key, th)
                x = x + kw + th.px(8) if rtl else x - kw - th.px(8)
            if label:
                arrow = "◂" if rtl else "▸"
                draw_line(
                    surface,
                    f"{label} {arrow}",
                    (x, cy),
                    style,
                    lang,
                    anchor="midleft" if rtl else "midright",
                )
        elif self.note:
            draw_line(
                surface,
                resolve(self.note, self.ctx),
                (inner.left if rtl else inner.right, cy),
                th.text("caption"),
                lang,
                anchor="midleft" if rtl else "midright",
                max_width=inner.width,
            )


# ---------------------------------------------------------------- tabs


class Tabs(Widget):
    """Tabs in a row (start first), each with a digit key chip; the arrows along the row
    change the tab, as do a click and the digits (the scene routes those)."""

    def __init__(
        self,
        ctx: UIContext,
        items: Sequence[tuple[str, Label]],
        *,
        index: int = 0,
        on_change: Callable[[str], Any] | None = None,
        badge: Callable[[str], str] | None = None,
        name: str = "tabs",
    ) -> None:
        super().__init__(ctx, name=name)
        self.items = list(items)
        self.index = index
        self.on_change = on_change
        self.badge = badge

    @property
    def key(self) -> str:
        return self.items[self.index][0]

    def select(self, i: int) -> bool:
        if not self.items:
            return False
        i = max(0, min(len(self.items) - 1, i))
        if i == self.index:
            return False
        self.index = i
        if self.on_change is not None:
            self.on_change(self.key)
        return True

    def select_key(self, key: str) -> bool:
        for i, (k, _) in enumerate(self.items):
            if k == key:
                return self.select(i)
        return False

    def _label(self, i: int) -> str:
        key, label = self.items[i]
        text = resolve(label, self.ctx)
        extra = self.badge(key) if self.badge else ""
        return f"{text} ({extra})" if extra else text

    def _natural(self, i: int, chips: bool) -> int:
        th = self.theme
        w = line_width(self._label(i), th.text("small_bold"), self.ctx.lang) + th.px(20)
        if chips:
            w += keycap_width(str(i + 1), th) + th.px(6)
        return w

    def show_chips(self) -> bool:
        n = len(self.items)
        gap = self.theme.px(4)
        need = sum(self._natural(i, True) for i in range(n)) + gap * (n - 1)
        return need <= self.rect.width

    def cells(self) -> list[pygame.Rect]:
        """Cells as wide as their labels need, the spare width shared out; start first."""
        n = max(1, len(self.items))
        gap = self.theme.px(4)
        chips = self.show_chips()
        nat = [self._natural(i, chips) for i in range(len(self.items))] or [1]
        free = self.rect.width - gap * (n - 1)
        total = sum(nat)
        if total <= free:
            extra = (free - total) // n
            widths = [w + extra for w in nat]
        else:
            widths = [max(1, free * w // total) for w in nat]
        out = []
        x = self.rect.left
        for w in widths:
            r = pygame.Rect(x, self.rect.top, w, self.rect.height)
            if self.ctx.rtl:
                r.x = self.rect.left + (self.rect.right - r.right)
            out.append(r)
            x += w + gap
        return out

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == forward_key(self.ctx):
            return self.select(self.index + 1) or True
        if event.key == backward_key(self.ctx):
            return self.select(self.index - 1) or True
        return False

    def click(self, pos: tuple[int, int]) -> None:
        for i, r in enumerate(self.cells()):
            if r.collidepoint(pos):
                self.select(i)

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible or self.rect.width <= 0:
            return
        th, c = self.theme, self.theme.c
        rtl, lang = self.ctx.rtl, self.ctx.lang
        rounded(surface, self.rect.inflate(th.px(6), th.px(6)), c.bg_deep, c.border, th.radius)
        chips = self.show_chips()
        for i, cell in enumerate(self.cells()):
            sel = i == self.index
            if sel:
                rounded(surface, cell, c.raised, c.border_hi, th.px(8))
                line = pygame.Rect(
                    cell.left + th.px(10), cell.bottom - th.px(4), cell.width - th.px(20), th.px(3)
                )
                pygame.draw.rect(surface, c.accent, line, border_radius=th.px(2))
            text = self._label(i)
            style = th.text("small_bold" if sel else "small").with_colour(
                c.text if sel else c.text_dim
            )
            kw = keycap_width(str(i + 1), th) + th.px(6) if chips else 0
            avail = max(1, cell.width - th.px(12) - kw)
            tw = min(line_width(text, style, lang), avail)
            x0 = cell.centerx - (kw + tw) // 2
            k = pygame.Rect(x0, cell.top, kw, cell.height)
            t = pygame.Rect(x0 + kw, cell.top, tw, cell.height)
            if rtl:
                k.x = cell.left + (cell.right - k.right)
                t.x = cell.left + (cell.right - t.right)
            if chips:
                keycap(
                    surface,
                    (k.centerx - th.px(3) if not rtl else k.centerx + th.px(3), k.centery),
                    str(i + 1),
                    th,
                )
            draw_line(surface, text, t.center, style, lang, anchor="center", max_width=tw + 2)
