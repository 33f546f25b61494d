"""The base class of every screen, and the standard frame (header, body, footer).

A scene:

    class MyScene(Scene):
        name = "my"

        def build(self) -> None:            # once: create widgets, add them to self.ring
            self.ok = self.ring.add(Button(self.app, "common.ok", self.app.pop, shortcut="o"))

        def layout(self, rect) -> None:     # whenever size, scale or language changed
            self.frame = self.standard_frame(rect, "setup.heading")
            self.ok.rect = ...

        def draw(self, surface) -> None:
            self.draw_frame(surface)        # background, header, footer
            self.ring.draw(surface)         # widgets and the focus outline

The app calls `layout()` lazily before `handle()`/`draw()` whenever the window size, the
UI scale or the language changed; `handle(event) -> bool` returns True when something
changed (the app then redraws). Set `self.dirty = True` for changes that come from
elsewhere. `update(dt_ms) -> bool` runs while it returns True (animations); otherwise the
loop sleeps until the next event. Scenes draw state and turn input into engine actions;
they never edit the state themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.layout import at_end, at_start, mirror
from game.ui.text import draw_line, draw_text, line_width
from game.ui.theme import Theme
from game.ui.widgets import Button, FocusRing, keycap, keycap_width, rounded

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass
class Frame:
    """The standard regions of a screen."""

    header: pygame.Rect
    body: pygame.Rect
    footer: pygame.Rect
    title: str = ""


COMPACT_HEIGHT = 620
"""Window heights (in 1x pixels) below which the standard header is compact."""


class Scene:
    name = "scene"
    opaque = True
    """False for overlays: the scene below is drawn first."""
    back_button = True
    """The standard frame shows a Back button at the start of the header."""
    compact_header = False

    @property
    def title_role(self) -> str:
        return "h2" if self.compact_header else "h1"

    def __init__(self, app: App) -> None:
        self.app = app
        self.dirty = True
        self.ring = FocusRing(app)
        self._layout_key: tuple[Any, ...] | None = None
        self.frame: Frame | None = None
        self._back: Button | None = None
        self.build()

    # ------------------------------------------------------------ lifecycle

    def build(self) -> None:
        """Create the widgets (once)."""

    def enter(self) -> None:
        """Pushed on the stack."""

    def leave(self) -> None:
        """Removed from the stack."""

    def pause(self) -> None:
        """Another scene was pushed over this one."""

    def resume(self) -> None:
        """The scene over this one was popped."""
        self.dirty = True

    def layout(self, rect: pygame.Rect) -> None:
        """Place the widgets in `rect` (the window)."""

    def ensure_layout(self) -> None:
        key = (self.app.screen.get_size(), self.app.theme.scale, self.app.lang)
        if key != self._layout_key:
            self._layout_key = key
            self.layout(self.app.screen.get_rect())
            self.ring.ensure()
            self.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        return self.ring.handle(event)

    def update(self, dt_ms: int) -> bool:
        """Advance animations; return True while still animating."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        self.ring.draw(surface)

    def back(self) -> bool:
        """Esc: leave this screen. Returns False when there is nowhere to go back to."""
        if len(self.app.stack) > 1:
            self.app.pop()
            return True
        return False

    # ------------------------------------------------------------ helpers

    def t(self, key: str, **fmt: Any) -> str:
        return self.app.t(key, **fmt)

    @property
    def theme(self) -> Theme:
        return self.app.theme

    @property
    def rtl(self) -> bool:
        return self.app.rtl

    @property
    def lang(self) -> str:
        return self.app.lang

    def standard_frame(self, rect: pygame.Rect, title_key: str = "") -> Frame:
        """Header (title, Back button), body and footer (key hints) for a window rect;
        adds the Back button to the focus ring the first time."""
        th = self.theme
        m = th.margin if rect.width >= th.px(900) else th.pad
        # a large scale in a small window (a projector at 1.5-2x in 1280x800): a lower
        # header, so the screen's content keeps the height
        self.compact_header = rect.height < th.px(COMPACT_HEIGHT)
        header_h = th.text(self.title_role).line_height + th.px(16 if self.compact_header else 36)
        footer_h = th.text("caption").line_height + th.px(20)
        header = pygame.Rect(rect.left + m, rect.top + th.px(12), rect.width - 2 * m, header_h)
        footer = pygame.Rect(rect.left + m, rect.bottom - footer_h, rect.width - 2 * m, footer_h)
        body = pygame.Rect(
            rect.left + m,
            header.bottom + th.px(8),
            rect.width - 2 * m,
            max(0, footer.top - header.bottom - th.px(16)),
        )
        if self.back_button:
            if self._back is None:
                self._back = Button(self.app, "common.back", self.back, kind="ghost", name="back")
                self._back.shortcut = None
                self.ring.widgets.insert(0, self._back)
            bw = max(th.px(120), self._back.natural_width() + th.px(8))
            bw = min(bw, max(th.px(60), header.width // 4))
            r = at_start(header, bw, self.rtl)
            self._back.rect = pygame.Rect(
                r.left, header.centery - th.control_h // 2, r.width, th.control_h
            )
        self.frame = Frame(header, body, footer, title_key)
        return self.frame

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.blit(self.app.background(), (0, 0))

    def draw_frame(self, surface: pygame.Surface, title: str | None = None) -> None:
        """Background, the header's title and accent rule, the footer's key hints."""
        self.draw_background(surface)
        f = self.frame
        if f is None:
            return
        th, c = self.theme, self.theme.c
        text = title if title is not None else (self.t(f.title) if f.title else "")
        title_area = pygame.Rect(f.header)
        if self._back is not None:
            used = self._back.rect.width + th.pad
            title_area.width = max(0, f.header.width - used)
            if not self.rtl:
                title_area.x = f.header.left + used
        if text:
            draw_text(
                surface,
                text,
                title_area,
                th.text(self.title_role),
                self.lang,
                max_lines=1,
                valign="middle",
            )
        rule = pygame.Rect(f.header.left, f.header.bottom, f.header.width, max(1, th.px(1)))
        pygame.draw.rect(surface, c.border, rule)
        accent = at_start(rule, min(th.px(96), rule.width), self.rtl)
        accent.height = max(2, th.px(3))
        accent.y -= accent.height // 2
        pygame.draw.rect(surface, c.accent, accent)
        self.draw_footer(surface)

    FOOTER: tuple[tuple[str, str], ...] = (
        ("F1", "footer.keys"),
        ("F2", "footer.language"),
        ("F3", "footer.glossary"),
        ("F4", "footer.article"),
        ("F10", "footer.settings"),
        ("F11", "footer.fullscreen"),
        ("Ctrl +/−", "footer.size"),
    )
    FOOTER_SPARE = ("Ctrl +/−", "F11", "F2")
    """Left out first when the footer is too narrow: Settings (F10) does what they do."""

    def footer_items(self) -> list[tuple[str, str]]:
        """The key hints in the footer: (key, label), in reading order."""
        items = [(k, self.t(v)) for k, v in self.FOOTER]
        if self.back_button:
            items.insert(0, ("Esc", self.t("footer.back")))
        return items

    def footer_action(self, key: str) -> Callable[[], Any] | None:
        """What a click on a footer chip does: what its key does."""
        app = self.app

        def settings(focus: str | None = None) -> Callable[[], Any]:
            return lambda: app.open_settings(focus)

        return {
            "Esc": self.back,
            "F1": app.open_help,
            "F2": app.toggle_lang,
            "F3": app.open_glossary,
            "F4": app.open_article,
            "F10": settings(),
            "F11": app.toggle_fullscreen,
            "Ctrl +/−": settings("scale"),
        }.get(key)

    footer_hits: list[tuple[pygame.Rect, str]]
    footer_hover: str | None = None

    def footer_at(self, pos: tuple[int, int]) -> str | None:
        """The key of the clickable footer chip at `pos` (as last drawn), if any."""
        hits: list[tuple[pygame.Rect, str]] = getattr(self, "footer_hits", [])
        for r, key in hits:
            if r.collidepoint(pos) and self.footer_action(key) is not None:
                return key
        return None

    def draw_footer(self, surface: pygame.Surface) -> None:
        """Key chips and their words, centred, in reading order; each one a button (a click
        does what the key does). When the window is too narrow the ones Settings covers are
        left out first, then the last ones."""

        f = self.frame
        self.footer_hits = []
        if f is None:
            return
        th = self.theme
        from game.ui import classroom

        reserve = classroom.timer_width(self.app)  # a facilitator's countdown at the end
        net = getattr(self.app, "net", None)
        if net is not None:  # a class game's status (whose turn, a host away) at the start
            reserve = max(reserve, net.width())
        if reserve:  # the chips stay centred and make way for it
            f = Frame(f.header, f.body, f.footer.inflate(-2 * reserve, 0), f.title)
        style = th.text("caption")
        gap, sep = th.px(6), th.px(20)
        items = self.footer_items()

        def width(item: tuple[str, str]) -> int:
            return keycap_width(item[0], th) + gap + line_width(item[1], style, self.lang)

        def total(xs: list[tuple[str, str]]) -> int:
            return sum(width(x) for x in xs) + sep * max(0, len(xs) - 1)

        for spare in self.FOOTER_SPARE:
            if total(items) <= f.footer.width:
                break
            items = [x for x in items if x[0] != spare]
        while items and total(items) > f.footer.width:
            items = items[:-1]
        x = f.footer.centerx - total(items) // 2
        cy = f.footer.centery
        for key, label in items:
            w = width((key, label))
            cell = mirror(pygame.Rect(x, f.footer.top, w, f.footer.height), f.footer, self.rtl)
            if self.footer_action(key) is not None:
                hit = cell.inflate(th.px(12), -th.px(4))
                self.footer_hits.append((hit, key))
                if self.footer_hover == key:
                    rounded(surface, hit, th.c.panel_hi, th.c.border, th.radius)
            kw = keycap_width(key, th)
            kr = at_start(cell, kw, self.rtl)
            keycap(surface, kr.center, key, th)
            lr = at_end(cell, w - kw - gap, self.rtl)
            draw_line(
                surface,
                label,
                (lr.left if not self.rtl else lr.right, cy),
                style,
                self.lang,
                anchor="midleft" if not self.rtl else "midright",
            )
            x += w + sep


def section_title(surface: pygame.Surface, scene: Scene, text: str, rect: pygame.Rect) -> int:
    """A small upper section heading in accent colour; returns the height used."""
    th = scene.theme
    style = th.text("small_bold").with_colour(th.c.accent)
    h = draw_text(surface, text, rect, style, scene.lang, max_lines=2)
    return h + th.px(6)
