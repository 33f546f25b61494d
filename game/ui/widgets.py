"""Widgets and the focus ring: mouse and keyboard alike (GAME-DESIGN 5).

Every widget takes the UI context (the `App`: its `theme`, `lang`, `rtl` and `t()`), has a
`rect` that the scene's `layout()` sets, `handle(event) -> bool` (True when it used the
event or its look changed) and `draw(surface)`. Labels are catalogue keys (translated at
draw time, so a language switch needs no rebuild), literal strings, or callables.

The `FocusRing` owns a screen's widgets: Tab / Shift+Tab move focus, the arrows move
within a list or change a value (and otherwise move focus), Enter / Space press the
focused control, a letter shown on a button presses it, the mouse hovers and clicks.
The focused widget always has a visible outline. In Arabic left and right swap meaning
("forward" is to the left) and widgets draw mirrored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

import pygame

from game.ui import i18n
from game.ui.layout import at_end, at_start, inset
from game.ui.text import (
    Anchor,
    Colour,
    TextStyle,
    direction,
    draw_line,
    draw_text,
    fits,
    line_width,
    text_height,
    wrap,
)
from game.ui.theme import Theme, mix

T = TypeVar("T")
Label = str | Callable[[], str]


class UIContext(Protocol):
    @property
    def theme(self) -> Theme: ...

    @property
    def lang(self) -> str: ...

    @property
    def rtl(self) -> bool: ...

    def t(self, key: str, **fmt: Any) -> str: ...


def resolve(label: Label | None, ctx: UIContext) -> str:
    """A label's text now: a callable is called; a catalogue key is translated."""
    if label is None:
        return ""
    if callable(label):
        return str(label())
    if "." in label and i18n.has(label):
        return ctx.t(label)
    return label


# ---------------------------------------------------------------- drawing helpers


def rounded(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: Colour | None,
    border: Colour | None = None,
    radius: int = 8,
    width: int = 1,
) -> None:
    if rect.width <= 0 or rect.height <= 0:
        return
    if fill is not None:
        pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width=width, border_radius=radius)


_dims: dict[tuple[int, int, int], pygame.Surface] = {}


def dim(surface: pygame.Surface, alpha: int = 170) -> None:
    """Darken everything drawn so far (under an overlay); the veil is cached per size."""
    size = surface.get_size()
    veil = _dims.get((*size, alpha))
    if veil is None:
        veil = pygame.Surface(size, pygame.SRCALPHA)
        veil.fill((4, 8, 16, alpha))
        _dims.clear()
        _dims[(*size, alpha)] = veil
    surface.blit(veil, (0, 0))


def focus_outline(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
    """The visible focus ring: an accent outline just outside the widget."""
    w = theme.focus_w
    r = rect.inflate(2 * w + 2, 2 * w + 2)
    pygame.draw.rect(surface, theme.c.focus, r, width=w, border_radius=theme.radius + w)


def keycap(surface: pygame.Surface, center: tuple[int, int], key: str, theme: Theme) -> pygame.Rect:
    """A small key chip ("N") that shows a shortcut."""
    style = theme.text("key")
    label = key.upper() if len(key) == 1 else key
    w = max(theme.px(22), line_width(label, style, "en") + theme.px(10))
    h = theme.px(22)
    r = pygame.Rect(0, 0, w, h)
    r.center = center
    rounded(surface, r, theme.c.bg_deep, theme.c.border_hi, theme.px(5))
    draw_line(surface, label, r.center, style, "en", anchor="center")
    return r


def magnifier(
    surface: pygame.Surface, center: tuple[int, int], r: int, colour: Colour, width: int
) -> None:
    """A search icon drawn with lines (the font has no magnifier glyph)."""
    cx, cy = center[0] - r // 3, center[1] - r // 3
    pygame.draw.circle(surface, colour, (cx, cy), r, width)
    d = int(r * 0.72)
    pygame.draw.line(surface, colour, (cx + d, cy + d), (cx + d + r, cy + d + r), width + 1)


def keycap_width(key: str, theme: Theme) -> int:
    style = theme.text("key")
    label = key.upper() if len(key) == 1 else key
    return max(theme.px(22), line_width(label, style, "en") + theme.px(10))


def _scancode_of(letter: str) -> int | None:
    if len(letter) == 1 and "a" <= letter <= "z":
        return 4 + ord(letter) - ord("a")  # SDL scancodes A..Z, independent of keyboard layout
    if len(letter) == 1 and "1" <= letter <= "9":
        return 30 + ord(letter) - ord("1")
    return None


def matches_shortcut(event: pygame.event.Event, letter: str) -> bool:
    """A key press of `letter` with no Ctrl/Alt/Meta, on any keyboard layout."""
    if event.type != pygame.KEYDOWN:
        return False
    mods = getattr(event, "mod", 0)
    if mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return False
    letter = letter.lower()
    if getattr(event, "unicode", "").lower() == letter:
        return True
    sc = _scancode_of(letter)
    if sc is not None and getattr(event, "scancode", None) == sc:
        return True
    return bool(getattr(event, "key", None) == pygame.key.key_code(letter))


def forward_key(ctx: UIContext) -> int:
    """The arrow that means "next/increase" along a row: right, or left in Arabic."""
    return pygame.K_LEFT if ctx.rtl else pygame.K_RIGHT


def backward_key(ctx: UIContext) -> int:
    return pygame.K_RIGHT if ctx.rtl else pygame.K_LEFT


def _pos(event: pygame.event.Event) -> tuple[int, int]:
    p = getattr(event, "pos", None)
    if isinstance(p, (tuple, list)) and len(p) == 2:
        return int(p[0]), int(p[1])
    return (-1, -1)


# ---------------------------------------------------------------- the base widget


class Widget:
    """A rectangle that draws itself and may take focus and input."""

    focusable = True
    captures_text = False
    """True for text fields: while focused, letter keys are text, not shortcuts."""

    def __init__(
        self,
        ctx: UIContext,
        *,
        shortcut: str | None = None,
        enabled: bool = True,
        visible: bool = True,
        name: str = "",
    ) -> None:
        self.ctx = ctx
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.shortcut = shortcut.lower() if shortcut else None
        self.enabled = enabled
        self.visible = visible
        self.name = name or type(self).__name__
        self.focused = False
        self.hovered = False
        self.pressed = False
        self.clip: pygame.Rect | None = None
        """Set by a `ScrollView`: the widget is only seen (and clicked) inside this rect."""

    @property
    def theme(self) -> Theme:
        return self.ctx.theme

    def can_focus(self) -> bool:
        return (
            self.focusable
            and self.enabled
            and self.visible
            and self.rect.width > 0
            and self.rect.height > 0
        )

    def hit(self, pos: tuple[int, int]) -> bool:
        if self.clip is not None and not self.clip.collidepoint(pos):
            return False
        return self.visible and self.rect.collidepoint(pos)

    def handle(self, event: pygame.event.Event) -> bool:
        """Mouse input over the widget; keys come through `on_key` while focused."""
        if not self.visible or not self.enabled:
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
            if self.hit(_pos(event)):
                self.pressed = True
                return True
        elif event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
            was = self.pressed
            self.pressed = False
            if was and self.hit(_pos(event)):
                self.click(_pos(event))
                return True
            return was
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        """A key while focused; True if used. Enter and Space activate by default."""
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_SPACE,
        ):
            self.activate()
            return True
        return False

    def click(self, pos: tuple[int, int]) -> None:
        self.activate()

    def activate(self) -> None:
        """What Enter, Space, a click or the shortcut letter does."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the widget inside `rect`."""


# ---------------------------------------------------------------- concrete widgets


class Button(Widget):
    """A button: a label, an optional shortcut letter shown as a key chip, and an action.

    kind: "primary" (accent fill, the main action), "secondary", "ghost" (outline only),
    "menu" (start-aligned label, for the title menu), "small" (a compact link inside text:
    "Open P15 in the article"). `note` is shown, small, when the button is disabled (why it
    cannot be used).

    `chip` ("Enter", "Ctrl+Z") is the key shown when it is not (only) the `shortcut` letter:
    the scene handles that key, while the letter still works through the focus ring. With
    `show_chip` False (a tight row) no key is drawn.
    """

    def __init__(
        self,
        ctx: UIContext,
        label: Label,
        on_click: Callable[[], Any] | None = None,
        *,
        shortcut: str | None = None,
        kind: str = "secondary",
        enabled: bool = True,
        note: Label | None = None,
        chip: str | None = None,
        name: str = "",
    ) -> None:
        super().__init__(ctx, shortcut=shortcut, enabled=enabled, name=name)
        self.label = label
        self.on_click = on_click
        self.kind = kind
        self.note = note
        self.chip = chip
        self.show_chip = True
        self.cut = False
        """Whether the last `draw` had to cut the label (or a disabled button's note) with
        an ellipsis: a layout that gives a button less room than its words is a defect
        (the tests walk every screen for it)."""

    def activate(self) -> None:
        if self.enabled and self.on_click is not None:
            self.on_click()

    def text(self) -> str:
        return resolve(self.label, self.ctx)

    def key_shown(self) -> str | None:
        """The key drawn on the button: its chip, else its shortcut letter."""
        if not self.show_chip:
            return None
        return self.chip or self.shortcut

    def natural_width(self) -> int:
        th = self.theme
        key = self.key_shown()
        if self.kind == "small":
            w = line_width(self.text(), th.text("small_bold"), self.ctx.lang) + th.px(28)
            return w + (keycap_width(key, th) + th.px(8) if key else 0)
        w = line_width(self.text(), th.text("button"), self.ctx.lang) + 2 * th.pad
        if key:
            w += keycap_width(key, th) + th.gap
        return w + th.px(6)

    def _note_lines(self, note: str, style: TextStyle, room: int) -> list[str]:
        """A disabled button's note in lines no wider than `room`: one line, else two when
        the button is tall enough for them; none when it cannot be shown whole (a note cut
        to "Nothin…" says nothing)."""
        lang = self.ctx.lang
        if room < self.theme.px(20):
            return []
        if fits(note, style.font, room):
            return [note]
        lines = wrap(note, style.font, room - 2, lang)
        whole = all(fits(x, style.font, room) for x in lines)
        if len(lines) == 2 and whole and 2 * style.line_height <= self.rect.height - 4:
            return lines
        return []

    def _draw_small(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        fill = c.raised if self.hovered else c.panel_hi
        rounded(surface, self.rect, fill, c.border_hi if self.hovered else c.border, th.px(8))
        style = th.text("small_bold").with_colour(c.accent_hi)
        key = self.key_shown()
        if key:
            kw = keycap_width(key, th)
            chip = at_end(self.rect.inflate(-th.px(12), 0), kw, self.ctx.rtl)
            keycap(surface, chip.center, key, th)
            area = at_start(self.rect, self.rect.width - kw - th.px(12), self.ctx.rtl)
        else:
            area = self.rect
        room = max(1, area.width - th.px(12))
        self.cut = not fits(self.text(), style.font, room)
        draw_line(
            surface,
            self.text(),
            area.center,
            style,
            self.ctx.lang,
            anchor="center",
            max_width=room,
        )

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible or self.rect.width <= 0:
            return
        self.cut = False
        if self.kind == "small":
            self._draw_small(surface)
            return
        th, c = self.theme, self.theme.c
        rtl = self.ctx.rtl
        primary = self.kind == "primary"
        if not self.enabled:
            fill: Colour | None = mix(c.panel, c.bg, 0.3)
            border: Colour | None = c.panel_hi
            colour = c.disabled
        elif primary:
            fill = c.accent_hi if self.hovered else c.accent
            if self.pressed:
                fill = mix(c.accent, c.bg, 0.25)
            border = None
            colour = c.on_accent
        elif self.kind == "ghost":
            fill = c.panel_hi if self.hovered else None
            border = c.border
            colour = c.text
        else:
            fill = c.raised if self.hovered else c.panel_hi
            if self.pressed:
                fill = c.panel
            border = c.border_hi if self.hovered else c.border
            colour = c.text
        rounded(surface, self.rect, fill, border, th.radius)
        if self.kind == "menu" and self.enabled and (self.focused or self.hovered):
            bar = at_start(self.rect, th.px(4), rtl).inflate(0, -th.px(14))
            pygame.draw.rect(surface, c.accent, bar, border_radius=th.px(2))
        style = th.text("button").with_colour(colour)
        inner = inset(self.rect, th.pad, 0)
        # the key chip (or the note of a disabled button) at the end side
        end_w = 0
        key = self.key_shown()
        if key and self.enabled:
            kw = keycap_width(key, th)
            chip = at_end(inner, kw, rtl)
            col = c.on_accent if primary else c.text_dim
            r = keycap(surface, chip.center, key, th)
            if primary:
                pygame.draw.rect(surface, col, r, width=1, border_radius=th.px(5))
            end_w = kw + th.gap
        elif self.note and not self.enabled:
            # the note takes only the room the label leaves: the label is never cut for it
            note = resolve(self.note, self.ctx)
            ns = th.text("caption")
            room = inner.width - line_width(self.text(), style, self.ctx.lang) - th.gap - th.px(4)
            most = min(inner.width * 3 // 5, room) - th.px(4)
            lines = self._note_lines(note, ns, most)
            if lines:  # shown whole (on one line, or two when the button is tall enough)
                nw = max(line_width(x, ns, self.ctx.lang) for x in lines) + th.px(4)
                nr = at_end(inner, nw, rtl)
                lh = ns.line_height
                top = nr.centery - lh * len(lines) // 2
                for i, line in enumerate(lines):
                    draw_line(
                        surface,
                        line,
                        (nr.right if rtl is False else nr.left, top + i * lh + lh // 2),
                        ns,
                        self.ctx.lang,
                        anchor="midright" if not rtl else "midleft",
                    )
                end_w = nw + th.gap
        label_area = pygame.Rect(inner)
        label_area.width = max(0, inner.width - end_w)
        if rtl:
            label_area.x = inner.right - label_area.width
        text = self.text()
        full_w = line_width(text, style, self.ctx.lang)
        if self.kind == "menu":
            self.cut = not fits(text, style.font, label_area.width)
            anchor: Anchor = "midright" if rtl else "midleft"
            x = label_area.right if rtl else label_area.left
            draw_line(
                surface,
                text,
                (x, label_area.centery),
                style,
                self.ctx.lang,
                anchor=anchor,
                max_width=label_area.width,
            )
        else:
            # centred in the whole button when there is room, else in the label area
            area = inner if full_w + 2 * end_w <= inner.width else label_area
            self.cut = not fits(text, style.font, area.width)
            draw_line(
                surface,
                text,
                area.center,
                style,
                self.ctx.lang,
                anchor="center",
                max_width=area.width,
            )


class ListView(Widget, Generic[T]):
    """A vertical list with one selected row; arrows, Home/End, Page Up/Down, the wheel
    and clicks select; Enter (or a click on the selected row) activates."""

    def __init__(
        self,
        ctx: UIContext,
        items: Sequence[T] = (),
        *,
        label: Callable[[T], str] = str,
        sublabel: Callable[[T], str] | None = None,
        on_select: Callable[[T], Any] | None = None,
        on_activate: Callable[[T], Any] | None = None,
        draw_row: Callable[[pygame.Surface, pygame.Rect, T, bool, bool], None] | None = None,
        row_height: int | None = None,
        label_lines: int = 1,
        name: str = "",
    ) -> None:
        super().__init__(ctx, name=name)
        self.label_lines = max(1, label_lines)
        self.items: list[T] = list(items)
        self.index = 0 if self.items else -1
        self.scroll = 0
        self.label = label
        self.sublabel = sublabel
        self.on_select = on_select
        self.on_activate = on_activate
        self.draw_row = draw_row
        self.base_row_height = row_height
        self._activate_on_up = False

    @property
    def row_h(self) -> int:
        th = self.theme
        if self.base_row_height:
            return th.px(self.base_row_height)
        h = th.text("body").line_height * self.label_lines + th.px(16)
        if self.sublabel:
            h += th.text("small").line_height
        return h

    @property
    def selected(self) -> T | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def set_items(self, items: Sequence[T], keep: bool = True) -> None:
        old = self.selected
        self.items = list(items)
        if keep and old is not None and old in self.items:
            self.index = self.items.index(old)
        else:
            self.index = 0 if self.items else -1
            self.scroll = 0
        self._clamp_scroll()
        self.reveal()

    def select(self, index: int, notify: bool = True) -> bool:
        if not self.items:
            self.index = -1
            return False
        index = max(0, min(len(self.items) - 1, index))
        changed = index != self.index
        self.index = index
        self.reveal()
        if changed and notify and self.on_select is not None:
            self.on_select(self.items[index])
        return changed

    def _max_scroll(self) -> int:
        return max(0, len(self.items) * self.row_h - self.rect.height)

    def _clamp_scroll(self) -> None:
        self.scroll = max(0, min(self._max_scroll(), self.scroll))

    def reveal(self) -> None:
        """Scroll so the selected row is visible."""
        if self.index < 0 or self.rect.height <= 0:
            return
        top = self.index * self.row_h
        if top < self.scroll or self.row_h >= self.rect.height:
            self.scroll = top
        elif top + self.row_h > self.scroll + self.rect.height:
            self.scroll = top + self.row_h - self.rect.height
        self._clamp_scroll()

    def activate(self) -> None:
        if self.selected is not None and self.on_activate is not None:
            self.on_activate(self.selected)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN or not self.items:
            return super().on_key(event) if self.on_activate else False
        page = max(1, self.rect.height // max(1, self.row_h) - 1)
        k = event.key
        if k == pygame.K_UP:
            self.select(self.index - 1)
        elif k == pygame.K_DOWN:
            self.select(self.index + 1)
        elif k == pygame.K_HOME:
            self.select(0)
        elif k == pygame.K_END:
            self.select(len(self.items) - 1)
        elif k == pygame.K_PAGEUP:
            self.select(self.index - page)
        elif k == pygame.K_PAGEDOWN:
            self.select(self.index + page)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.on_activate:
            self.activate()
        else:
            return False
        return True

    def row_at(self, pos: tuple[int, int]) -> int:
        if not self.rect.collidepoint(pos):
            return -1
        i = (pos[1] - self.rect.top + self.scroll) // max(1, self.row_h)
        return i if 0 <= i < len(self.items) else -1

    def handle(self, event: pygame.event.Event) -> bool:
        if not self.visible or not self.enabled:
            return False
        if event.type == pygame.MOUSEWHEEL:
            before = self.scroll
            self.scroll -= int(getattr(event, "y", 0)) * self.row_h
            self._clamp_scroll()
            return self.scroll != before
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) in (4, 5):
            return False  # old-style wheel buttons arrive as MOUSEWHEEL too
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
            i = self.row_at(_pos(event))
            if i >= 0:
                self.pressed = True
                if i == self.index and self.on_activate is not None:
                    self._activate_on_up = True
                else:
                    self._activate_on_up = False
                    self.select(i)
                return True
            return False
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
            was = self.pressed
            self.pressed = False
            if was and self._activate_on_up and self.row_at(_pos(event)) == self.index:
                self._activate_on_up = False
                self.activate()
            return was
        return False

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible or self.rect.width <= 0 or self.rect.height <= 0:
            return
        th, c = self.theme, self.theme.c
        self._clamp_scroll()
        old_clip = surface.get_clip()
        surface.set_clip(self.rect.clip(old_clip))
        rh = self.row_h
        first = self.scroll // max(1, rh)
        last = min(len(self.items), (self.scroll + self.rect.height) // max(1, rh) + 1)
        rtl = self.ctx.rtl
        for i in range(first, last):
            r = pygame.Rect(
                self.rect.left, self.rect.top + i * rh - self.scroll, self.rect.width, rh
            )
            sel = i == self.index
            item = self.items[i]
            if self.draw_row is not None:
                self.draw_row(surface, r, item, sel, self.focused)
                continue
            cell = r.inflate(-th.px(4), -th.px(4))
            if sel:
                rounded(surface, cell, c.raised if self.focused else c.panel_hi, None, th.px(8))
                bar = at_start(cell, th.px(4), rtl).inflate(0, -th.px(10))
                pygame.draw.rect(surface, c.accent, bar, border_radius=th.px(2))
            text_r = inset(cell, th.px(16), th.px(8))
            style = th.text("body_bold" if sel else "body")
            if self.label_lines > 1:  # centre the block vertically in its row
                block = text_height(
                    self.label(item), style, text_r.width, self.ctx.lang, max_lines=self.label_lines
                )
                if self.sublabel:
                    block += th.text("small").line_height
                text_r.y += max(0, (text_r.height - block) // 2)
            if self.label_lines > 1:
                used = draw_text(
                    surface,
                    self.label(item),
                    text_r,
                    style,
                    self.ctx.lang,
                    max_lines=self.label_lines,
                )
            else:
                draw_line(
                    surface,
                    self.label(item),
                    (text_r.right if rtl else text_r.left, text_r.top),
                    style,
                    self.ctx.lang,
                    anchor="topright" if rtl else "topleft",
                    max_width=text_r.width,
                )
                used = style.line_height
            if self.sublabel:
                y = text_r.top + used
                draw_line(
                    surface,
                    self.sublabel(item),
                    (text_r.right if rtl else text_r.left, y),
                    th.text("small"),
                    self.ctx.lang,
                    anchor="topright" if rtl else "topleft",
                    max_width=text_r.width,
                )
        surface.set_clip(old_clip)
        scrollbar(surface, self.rect, self.scroll, len(self.items) * rh, th, rtl)


def scrollbar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    offset: int,
    content_h: int,
    theme: Theme,
    rtl: bool,
) -> pygame.Rect | None:
    """A thin scroll indicator at the end side of `rect` when the content overflows."""
    if content_h <= rect.height or rect.height <= 0:
        return None
    w = theme.px(4)
    track = at_end(rect, w, rtl)
    h = max(theme.px(24), rect.height * rect.height // content_h)
    y = rect.top + (rect.height - h) * offset // max(1, content_h - rect.height)
    thumb = pygame.Rect(track.left, y, w, h)
    pygame.draw.rect(surface, theme.c.panel_hi, track, border_radius=w // 2)
    pygame.draw.rect(surface, theme.c.border_hi, thumb, border_radius=w // 2)
    return thumb


class Row(Widget):
    """A control drawn as a row: its label at the start side, its value at the end side.

    The pieces every row control is made of: the panel, the label and value areas, the two
    square buttons at the ends of the value (‹ ›, − +) and the on/off switch."""

    def __init__(
        self, ctx: UIContext, label: Label, *, help: Label | None = None, **kw: Any
    ) -> None:
        super().__init__(ctx, **kw)
        self.label = label
        self.help = help
        self.label_cut = False
        """Whether the last `draw_frame` cut the row's label or left part of its help out."""

    def value_width(self) -> int:
        return self.theme.px(240)

    def row_pad(self) -> int:
        """The room between the row's edges and its label and value."""
        return self.theme.pad

    def value_share(self, inner_w: int) -> int:
        """The value's width in a row whose inside is `inner_w` wide."""
        return min(self.value_width(), inner_w // 2)

    def value_rect(self) -> pygame.Rect:
        inner = inset(self.rect, self.row_pad(), 0)
        return at_end(inner, self.value_share(inner.width), self.ctx.rtl)

    def label_rect(self) -> pygame.Rect:
        th = self.theme
        inner = inset(self.rect, self.row_pad(), 0)
        vr = self.value_rect()
        return at_start(inner, max(0, inner.width - vr.width - th.gap), self.ctx.rtl)

    def end_buttons(self, size: int) -> tuple[pygame.Rect, pygame.Rect]:
        """Squares (at most `size` base pixels) at the start and end of the value."""
        vr = self.value_rect()
        b = min(self.theme.px(size), vr.height - self.theme.px(8))
        back = at_start(vr, b, self.ctx.rtl)
        fwd = at_end(vr, b, self.ctx.rtl)
        return (
            pygame.Rect(back.left, vr.centery - b // 2, b, b),
            pygame.Rect(fwd.left, vr.centery - b // 2, b, b),
        )

    def draw_panel(self, surface: pygame.Surface, radius: int) -> None:
        c = self.theme.c
        fill = c.panel_hi if self.hovered and self.enabled else c.panel
        rounded(surface, self.rect, fill, c.border, radius)

    def draw_end_button(self, surface: pygame.Surface, r: pygame.Rect, sym: str, ok: bool) -> None:
        """One of the value's end buttons; `ok` False: greyed (at a limit, or disabled)."""
        th, c = self.theme, self.theme.c
        rounded(
            surface, r, c.raised if ok else c.panel, c.border_hi if ok else c.panel_hi, th.px(8)
        )
        style = th.text("h3").with_colour(c.text if ok else c.disabled)
        draw_line(surface, sym, r.center, style, "en", anchor="center")

    def draw_switch(self, surface: pygame.Surface, size: tuple[int, int], on: bool) -> pygame.Rect:
        """An on/off switch (`size` in base pixels) at the end side of the value, its knob
        at the end side when on; returns the track."""
        th, c, rtl = self.theme, self.theme.c, self.ctx.rtl
        vr = self.value_rect()
        sw, sh = th.px(size[0]), th.px(size[1])
        track = at_end(vr, sw, rtl)
        track = pygame.Rect(track.left, vr.centery - sh // 2, sw, sh)
        lit = on and self.enabled
        rounded(
            surface, track, c.accent if lit else c.bg_deep, None if lit else c.border_hi, sh // 2
        )
        kx = track.right - sh // 2 if on != rtl else track.left + sh // 2
        knob = c.on_accent if lit else c.text_dim
        pygame.draw.circle(surface, knob, (kx, track.centery), sh // 2 - th.px(4))
        return track

    def height_for(self, width: int) -> int:
        """The row height that shows the label and its wrapped help whole, in the label's
        room as `draw_frame` will have it (what the value leaves, `value_share`)."""

        th = self.theme
        inner_w = width - 2 * self.row_pad()
        lab_w = max(1, inner_w - self.value_share(inner_w) - th.gap)
        h = th.text("body").line_height
        if self.help:
            h += text_height(resolve(self.help, self.ctx), th.text("caption"), lab_w, self.ctx.lang)
        return max(th.control_h, h + th.px(20))

    def draw_frame(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_panel(surface, th.radius)
        lab = self.label_rect()
        rtl = self.ctx.rtl
        style = th.text("body") if self.enabled else th.text("body").with_colour(c.disabled)
        lang = self.ctx.lang
        anchor_x = lab.right if rtl else lab.left
        label = resolve(self.label, self.ctx)
        self.label_cut = not fits(label, style.font, lab.width)
        if self.help:
            help_text = resolve(self.help, self.ctx)
            hs = th.text("caption")
            hh = text_height(help_text, hs, lab.width, lang)
            top = lab.centery - (style.line_height + hh) // 2
            # what the row's height leaves for its help: the lines below it are not drawn
            self.label_cut |= style.line_height + hh > self.rect.height
            draw_line(
                surface,
                resolve(self.label, self.ctx),
                (anchor_x, top),
                style,
                lang,
                anchor="topright" if rtl else "topleft",
                max_width=lab.width,
            )
            draw_text(
                surface,
                help_text,
                pygame.Rect(lab.left, top + style.line_height, lab.width, hh),
                hs,
                lang,
            )
        else:
            draw_line(
                surface,
                resolve(self.label, self.ctx),
                (anchor_x, lab.centery),
                style,
                lang,
                anchor="midright" if rtl else "midleft",
                max_width=lab.width,
            )


class Toggle(Row):
    """On/off, shown as a switch AND a word (never colour alone)."""

    def __init__(
        self,
        ctx: UIContext,
        label: Label,
        value: bool = False,
        on_change: Callable[[bool], Any] | None = None,
        *,
        help: Label | None = None,
        shortcut: str | None = None,
        name: str = "",
    ) -> None:
        super().__init__(ctx, label, help=help, shortcut=shortcut, name=name)
        self.value = value
        self.on_change = on_change

    def value_width(self) -> int:
        return self.theme.px(124)

    def activate(self) -> None:
        self.value = not self.value
        if self.on_change is not None:
            self.on_change(self.value)

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible:
            return
        self.draw_frame(surface)
        th, c = self.theme, self.theme.c
        rtl = self.ctx.rtl
        vr = self.value_rect()
        track = self.draw_switch(surface, (48, 26), self.value)
        word = self.ctx.t("common.on" if self.value else "common.off")
        style = th.text("body_bold" if self.value else "body").with_colour(
            c.text if self.value else c.text_dim
        )
        gap = th.gap
        if rtl:
            draw_line(
                surface,
                word,
                (track.right + gap, vr.centery),
                style,
                self.ctx.lang,
                anchor="midleft",
            )
        else:
            draw_line(
                surface,
                word,
                (track.left - gap, vr.centery),
                style,
                self.ctx.lang,
                anchor="midright",
            )


class Stepper(Row):
    """A number changed in steps: − and + buttons (mirrored in Arabic), the arrows along
    the row, − / + keys, Page Up/Down for big steps, Home/End for the limits."""

    def __init__(
        self,
        ctx: UIContext,
        label: Label,
        value: float,
        *,
        minimum: float,
        maximum: float,
        step: float = 1,
        big_step: float | None = None,
        fmt: Callable[[float], str] | None = None,
        on_change: Callable[[float], Any] | None = None,
        help: Label | None = None,
        wide: int = 240,
        name: str = "",
    ) -> None:
        super().__init__(ctx, label, help=help, name=name)
        self.wide = wide
        self.value = value
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.big_step = big_step or step * 10
        self.fmt = fmt or (lambda v: i18n.number(v))
        self.on_change = on_change

    def value_width(self) -> int:
        return self.theme.px(self.wide)

    def set(self, value: float) -> bool:
        value = max(self.minimum, min(self.maximum, value))
        if isinstance(self.step, int) and isinstance(self.minimum, int):
            value = round(value)
        else:
            value = round(value, 6)
        if value == self.value:
            return False
        self.value = value
        if self.on_change is not None:
            self.on_change(value)
        return True

    def _buttons(self) -> tuple[pygame.Rect, pygame.Rect]:
        return self.end_buttons(38)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        k = event.key
        if k == forward_key(self.ctx) or k in (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS):
            self.set(self.value + self.step)
        elif k == backward_key(self.ctx) or k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.set(self.value - self.step)
        elif k == pygame.K_PAGEUP:
            self.set(self.value + self.big_step)
        elif k == pygame.K_PAGEDOWN:
            self.set(self.value - self.big_step)
        elif k == pygame.K_HOME:
            self.set(self.minimum)
        elif k == pygame.K_END:
            self.set(self.maximum)
        else:
            return False
        return True

    def click(self, pos: tuple[int, int]) -> None:
        minus, plus = self._buttons()
        if minus.inflate(8, 8).collidepoint(pos):
            self.set(self.value - self.step)
        elif plus.inflate(8, 8).collidepoint(pos):
            self.set(self.value + self.step)

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible:
            return
        self.draw_frame(surface)
        th = self.theme
        minus, plus = self._buttons()
        self.draw_end_button(surface, minus, "−", self.value > self.minimum)
        self.draw_end_button(surface, plus, "+", self.value < self.maximum)
        vr = self.value_rect()
        draw_line(
            surface,
            self.fmt(self.value),
            vr.center,
            th.text("body_bold"),
            self.ctx.lang,
            anchor="center",
            max_width=max(1, vr.width - minus.width - plus.width - th.gap),
        )


class Choice(Row, Generic[T]):
    """Cycle through options: ‹ value › at the end side; the arrows along the row go to the
    next or previous option; Enter, Space or a click go to the next."""

    def __init__(
        self,
        ctx: UIContext,
        label: Label,
        options: Sequence[tuple[T, Label]],
        value: T | None = None,
        *,
        on_change: Callable[[T], Any] | None = None,
        help: Label | None = None,
        shortcut: str | None = None,
        wide: int = 240,
        name: str = "",
    ) -> None:
        super().__init__(ctx, label, help=help, shortcut=shortcut, name=name)
        self.options = list(options)
        values = [v for v, _ in self.options]
        self.index = values.index(value) if value in values else 0
        self.on_change = on_change
        self.wide = wide
        self.cut = False
        """Whether the last `draw` cut the option shown (see `Button.cut`)."""

    def value_width(self) -> int:
        return self.theme.px(self.wide)

    def natural_width(self) -> int:
        """The width that shows the label and the longest option whole."""
        th, lang = self.theme, self.ctx.lang
        longest = max(
            (line_width(resolve(x, self.ctx), th.text("body_bold"), lang) for _, x in self.options),
            default=0,
        )
        arrows = 2 * min(th.px(34), th.control_h)
        label = line_width(resolve(self.label, self.ctx), th.text("body"), lang)
        return label + th.gap + longest + arrows + th.px(8) + 2 * self.row_pad() + th.px(4)

    def value_share(self, inner_w: int) -> int:
        """Room for the longest option between the arrows when the row's label leaves it
        (a narrow row at a projector's scale), never less than the usual share."""
        th, lang = self.theme, self.ctx.lang
        usual = super().value_share(inner_w)
        # a row is never lower than a control: before it is placed (`height_for`), count
        # the arrows as they will be drawn
        arrows = 2 * min(th.px(34), max(self.rect.height, th.control_h))
        font = th.text("body_bold")
        longest = max(
            (line_width(resolve(x, self.ctx), font, lang) for _, x in self.options), default=0
        )
        need = longest + arrows + th.px(8)
        if need <= usual:
            return usual
        label = line_width(resolve(self.label, self.ctx), th.text("body"), lang)
        return max(usual, min(need, inner_w - label - th.gap))

    @property
    def value(self) -> T:
        return self.options[self.index][0]

    def set_index(self, i: int) -> None:
        if not self.options:
            return
        i %= len(self.options)
        if i != self.index:
            self.index = i
            if self.on_change is not None:
                self.on_change(self.value)

    def activate(self) -> None:
        self.set_index(self.index + 1)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == forward_key(self.ctx):
            self.set_index(self.index + 1)
            return True
        if event.key == backward_key(self.ctx):
            self.set_index(self.index - 1)
            return True
        return super().on_key(event)

    def _arrows(self) -> tuple[pygame.Rect, pygame.Rect]:
        vr = self.value_rect()
        b = min(self.theme.px(34), vr.height)
        back = at_start(vr, b, self.ctx.rtl)
        fwd = at_end(vr, b, self.ctx.rtl)
        return back, fwd

    def click(self, pos: tuple[int, int]) -> None:
        back, _ = self._arrows()
        self.set_index(self.index + (-1 if back.collidepoint(pos) else 1))

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible:
            return
        self.draw_frame(surface)
        th, c = self.theme, self.theme.c
        back, fwd = self._arrows()
        rtl = self.ctx.rtl
        style = th.text("h3").with_colour(c.accent)
        draw_line(surface, "›" if rtl else "‹", back.center, style, "en", anchor="center")
        draw_line(surface, "‹" if rtl else "›", fwd.center, style, "en", anchor="center")
        vr = self.value_rect()
        label = resolve(self.options[self.index][1], self.ctx) if self.options else ""
        room = max(1, vr.width - back.width - fwd.width)
        self.cut = not fits(label, th.text("body_bold").font, room)
        draw_line(
            surface,
            label,
            vr.center,
            th.text("body_bold"),
            self.ctx.lang,
            anchor="center",
            max_width=room,
        )


class TextInput(Widget):
    """A one-line text field (the glossary search): typed text, Backspace, Ctrl+Backspace
    (clear), Esc clears it when not empty. The caret stays at the logical end."""

    captures_text = True

    def __init__(
        self,
        ctx: UIContext,
        placeholder: Label = "",
        *,
        text: str = "",
        on_change: Callable[[str], Any] | None = None,
        max_len: int = 80,
        search_icon: bool = True,
        name: str = "",
    ) -> None:
        super().__init__(ctx, name=name)
        self.placeholder = placeholder
        self.text = text
        self.on_change = on_change
        self.max_len = max_len
        self.search_icon = search_icon

    def set_text(self, text: str) -> None:
        text = "".join(ch for ch in text if ch.isprintable())[: self.max_len]
        if text != self.text:
            self.text = text
            if self.on_change is not None:
                self.on_change(text)

    def type_text(self, event: pygame.event.Event) -> bool:
        """Take a TEXTINPUT event (a scene may route typing here without focus)."""
        if event.type == pygame.TEXTINPUT:
            s = getattr(event, "text", "")
            if s:
                self.set_text(self.text + s)
                return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            return self.type_text(event)
        if event.type != pygame.KEYDOWN:
            return False
        k = event.key
        if k == pygame.K_BACKSPACE:
            if getattr(event, "mod", 0) & pygame.KMOD_CTRL:
                self.set_text("")
            else:
                self.set_text(self.text[:-1])
            return True
        if k == pygame.K_ESCAPE and self.text:
            self.set_text("")
            return True
        if k == pygame.K_DELETE:
            self.set_text("")
            return True
        # letters arrive as TEXTINPUT; their KEYDOWN must not trigger shortcuts
        uni = getattr(event, "unicode", "")
        return (
            bool(uni)
            and uni.isprintable()
            and not (
                getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META)
            )
        )

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible:
            return
        th, c = self.theme, self.theme.c
        rtl = self.ctx.rtl
        rounded(
            surface,
            self.rect,
            c.bg_deep,
            c.border_hi if (self.focused or self.hovered) else c.border,
            th.radius,
            width=max(1, th.px(1)),
        )
        inner = inset(self.rect, th.pad, 0)
        icon_w = th.px(22) + th.gap if self.search_icon else 0
        ir = at_start(inner, icon_w, rtl)
        if self.search_icon:
            magnifier(
                surface, at_start(ir, th.px(22), rtl).center, th.px(7), c.text_dim, max(2, th.px(2))
            )
        tr = pygame.Rect(inner)
        tr.width = max(0, inner.width - icon_w)
        if not rtl:
            tr.x = ir.right
        text = self.text

        if text:
            style = th.text("body")
            fitted = text
            if line_width(fitted, style, self.ctx.lang) > tr.width - th.px(6):
                # keep the end of what was typed visible
                while fitted and line_width("…" + fitted, style, self.ctx.lang) > tr.width - th.px(
                    6
                ):
                    fitted = fitted[1:]
                fitted = "…" + fitted
            r = draw_line(
                surface,
                fitted,
                (tr.right if rtl else tr.left, tr.centery),
                style,
                self.ctx.lang,
                anchor="midright" if rtl else "midleft",
            )
            text_rtl = direction(text, self.ctx.lang) == "R"
            caret_x = r.left - th.px(2) if text_rtl else r.right + th.px(2)
        else:
            ph = resolve(self.placeholder, self.ctx)
            draw_line(
                surface,
                ph,
                (tr.right if rtl else tr.left, tr.centery),
                th.text("body_dim"),
                self.ctx.lang,
                anchor="midright" if rtl else "midleft",
                max_width=tr.width,
            )
            caret_x = tr.right if rtl else tr.left
        if self.focused:
            h = th.text("body").line_height - th.px(6)
            pygame.draw.line(
                surface,
                c.accent,
                (caret_x, self.rect.centery - h // 2),
                (caret_x, self.rect.centery + h // 2),
                max(2, th.px(2)),
            )


# ---------------------------------------------------------------- the focus ring


class FocusRing:
    """A screen's widgets in tab order, and which one has the focus."""

    def __init__(self, ctx: UIContext) -> None:
        self.ctx = ctx
        self.widgets: list[Widget] = []
        self.current: Widget | None = None
        self.on_focus: Callable[[Widget], Any] | None = None
        """Called when the focus moves to a widget (a scene scrolls it into view)."""
        self.default: Widget | None = None
        """The screen's main button: Enter presses it even when a link has the focus (Space
        presses the focused widget)."""

    def add(self, *widgets: Widget) -> Widget:
        for w in widgets:
            self.widgets.append(w)
        return widgets[-1]

    def clear(self) -> None:
        self.widgets.clear()
        self.current = None

    def focusable(self) -> list[Widget]:
        return [w for w in self.widgets if w.can_focus()]

    def focus(self, widget: Widget | None, *, reveal: bool = True) -> bool:
        """Move the focus to `widget`. With `reveal` (the keyboard) the scene scrolls it into
        view; a press of the mouse focuses without scrolling, so that the widget stays under
        the pointer and the release lands on it (a click on a widget half in view is never
        lost)."""
        if widget is self.current:
            return False
        if self.current is not None:
            self.current.focused = False
        self.current = widget
        if widget is not None:
            widget.focused = True
            if reveal and self.on_focus is not None:
                self.on_focus(widget)
        return True

    def focus_first(self) -> None:
        items = self.focusable()
        self.focus(items[0] if items else None)

    def ensure(self) -> None:
        """Keep the focus on a widget that can take it (after a layout or a change). When the
        focused widget can no longer take it (a button just pressed went grey), the focus
        goes on to the next one in tab order, not back to the top of the screen."""
        cur = self.current
        if cur is not None and cur.can_focus() and cur in self.widgets:
            return
        if cur is not None and cur in self.widgets:
            i = self.widgets.index(cur)
            for w in self.widgets[i + 1 :] + self.widgets[:i]:
                if w.can_focus():
                    self.focus(w)
                    return
        self.focus_first()

    def default_button(self) -> Widget | None:
        """The button Enter presses wherever the focus is: `default`, else a button that
        shows "Enter" as its key."""
        for w in [self.default, *self.widgets]:
            if w is None or not (w.visible and w.enabled):
                continue
            if w is self.default or getattr(w, "chip", None) == "Enter":
                return w
        return None

    def move(self, step: int) -> bool:
        items = self.focusable()
        if not items:
            return False
        if self.current not in items:
            return self.focus(items[0 if step > 0 else -1])
        i = items.index(self.current)
        return self.focus(items[(i + step) % len(items)])

    def by_shortcut(self, event: pygame.event.Event) -> Widget | None:
        for w in self.widgets:
            if w.shortcut and w.enabled and w.visible and matches_shortcut(event, w.shortcut):
                return w
        return None

    def handle(self, event: pygame.event.Event) -> bool:
        """Route one event; True if it changed anything (the scene then redraws)."""
        et = event.type
        if et == pygame.MOUSEMOTION:
            pos = _pos(event)
            changed = False
            for w in self.widgets:
                h = w.hit(pos) and w.enabled
                if h != w.hovered:
                    w.hovered = h
                    changed = True
            return changed
        if et in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            used = False
            pos = _pos(event)
            for w in reversed(self.widgets):
                if (w.hit(pos) or w.pressed) and w.handle(event):
                    if et == pygame.MOUSEBUTTONDOWN and w.can_focus():
                        self.focus(w, reveal=False)
                    used = True
                    break
            if et == pygame.MOUSEBUTTONUP:
                for w in self.widgets:
                    w.pressed = False
            return used
        if et == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            return any(w.hit(pos) and w.handle(event) for w in reversed(self.widgets))
        if et == pygame.TEXTINPUT:
            if self.current is not None and self.current.captures_text:
                return self.current.on_key(event)
            return False
        if et != pygame.KEYDOWN:
            return False
        mods = getattr(event, "mod", 0)
        key = getattr(event, "key", 0)
        if key == pygame.K_TAB and not mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return self.move(-1 if mods & pygame.KMOD_SHIFT else 1)
        self.ensure()
        cur = self.current
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not (cur and cur.captures_text):
            main = self.default_button()
            if main is not None:
                if main.can_focus():
                    self.focus(main)
                main.activate()
                return True
        if cur is not None and cur.on_key(event):
            return True
        if key in (pygame.K_UP,) or key == backward_key(self.ctx):
            return self.move(-1)
        if key in (pygame.K_DOWN,) or key == forward_key(self.ctx):
            return self.move(1)
        if cur is not None and cur.captures_text:
            return False
        target = self.by_shortcut(event)
        if target is not None:
            if target.can_focus():
                self.focus(target)
            target.activate()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        old = surface.get_clip()
        for w in self.widgets:
            if not w.visible:
                continue
            if w.clip is not None:
                if not w.clip.colliderect(w.rect):
                    continue
                surface.set_clip(w.clip.clip(old))
            w.draw(surface)
            if w.clip is not None:
                surface.set_clip(old)
        cur = self.current
        if cur is not None and cur.visible and cur.can_focus():
            if cur.clip is not None:
                surface.set_clip(
                    cur.clip.inflate(
                        2 * self.ctx.theme.focus_w + 4, 2 * self.ctx.theme.focus_w + 4
                    ).clip(old)
                )
            focus_outline(surface, cur.rect, self.ctx.theme)
            surface.set_clip(old)


class ScrollStop(Widget):
    """A focus stop for a scrolled panel with nothing else to focus (a column of text): Tab
    reaches it, the focus outline goes round the panel, and the arrows, Page Up / Page Down
    and Home / End scroll it. Its rect is the panel's viewport."""

    def __init__(self, ctx: UIContext, view: ScrollView, *, name: str = "") -> None:
        super().__init__(ctx, name=name or "panel")
        self.view = view

    def can_focus(self) -> bool:
        return super().can_focus() and self.view.max_offset > 0

    def handle(self, event: pygame.event.Event) -> bool:
        return False  # the mouse scrolls a panel with the wheel; a click focuses nothing

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        page = max(1, self.view.viewport.height * 4 // 5)
        line = self.theme.px(48)
        step = {
            pygame.K_UP: -line,
            pygame.K_DOWN: line,
            pygame.K_PAGEUP: -page,
            pygame.K_PAGEDOWN: page,
            pygame.K_HOME: -(10**7),
            pygame.K_END: 10**7,
        }.get(event.key)
        if step is None:
            return False
        self.view.scroll_by(step)
        return True  # used even at the end, so Up / Down do not move the focus away


class ScrollView:
    """A viewport over content taller than it: place widgets (and drawn blocks) in content
    coordinates, `apply()` moves them by the scroll offset and clips them to the viewport.
    The wheel over the viewport scrolls; a focused widget is scrolled into view."""

    def __init__(self, ctx: UIContext) -> None:
        self.ctx = ctx
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.content_h = 0
        self.offset = 0
        self.items: list[tuple[Widget, pygame.Rect]] = []

    def reset(self, viewport: pygame.Rect) -> None:
        self.viewport = pygame.Rect(viewport)
        self.items.clear()
        self.content_h = 0

    def place(self, widget: Widget, rect: pygame.Rect) -> None:
        """`rect` in content coordinates: x as on screen, y from the viewport's top."""
        self.items.append((widget, pygame.Rect(rect)))
        self.content_h = max(self.content_h, rect.bottom)

    def extend(self, bottom: int) -> None:
        self.content_h = max(self.content_h, bottom)

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.viewport.height)

    def to_screen(self, rect: pygame.Rect) -> pygame.Rect:
        return rect.move(0, self.viewport.top - self.offset)

    def apply(self) -> None:
        self.offset = max(0, min(self.max_offset, self.offset))
        for w, r in self.items:
            w.rect = self.to_screen(r)
            w.clip = self.viewport

    def scroll_by(self, dy: int) -> bool:
        before = self.offset
        self.offset = max(0, min(self.max_offset, self.offset + dy))
        if self.offset != before:
            self.apply()
            return True
        return False

    def reveal(self, widget: Widget) -> bool:
        for w, r in self.items:
            if w is widget:
                pad = self.ctx.theme.px(12)
                if r.top - pad < self.offset:
                    return self.scroll_by(r.top - pad - self.offset)
                if r.bottom + pad > self.offset + self.viewport.height:
                    return self.scroll_by(r.bottom + pad - self.offset - self.viewport.height)
        return False

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.viewport.collidepoint(pygame.mouse.get_pos()):
            return self.scroll_by(-int(getattr(event, "y", 0)) * self.ctx.theme.px(48))
        return False

    def draw_scrollbar(self, surface: pygame.Surface) -> None:
        scrollbar(surface, self.viewport, self.offset, self.content_h, self.ctx.theme, self.ctx.rtl)
