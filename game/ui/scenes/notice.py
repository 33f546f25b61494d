"""A notice over the current screen: a heading, a few lines and OK (Enter or Esc closes it).

    app.push(settings_damaged(app, damage))     # the settings file was damaged (once, at launch)

The text is built from catalogue keys each time it is laid out, so it follows F2 (the
language) like every other screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui.layout import at_end, inset
from game.ui.scene import Scene
from game.ui.text import draw_text, ltr, text_height
from game.ui.theme import signal
from game.ui.widgets import Button, dim, rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.prefs import Damage


class NoticeScene(Scene):
    name = "notice"
    opaque = False
    back_button = False

    def __init__(self, app: App, heading: str, lines: Callable[[], list[str]]) -> None:
        self.heading_key = heading
        self.lines = lines
        super().__init__(app)

    def build(self) -> None:
        self.ok = Button(self.app, "common.ok", self.back, kind="primary", name="ok")
        self.ring.add(self.ok)
        self.ring.focus(self.ok)

    def back(self) -> bool:
        if self.app.top is self:
            self.app.pop()
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.back()
        return super().handle(event)

    def _heading(self) -> str:
        return f"{signal('warning')[0]} {self.t(self.heading_key)}"

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        w = min(rect.width - 2 * th.pad, th.px(680))
        inner_w = w - 2 * th.pad
        self.texts = self.lines()
        h = th.pad + text_height(self._heading(), th.text("h2"), inner_w, self.lang) + th.px(12)
        for line in self.texts:
            h += text_height(line, th.text("body"), inner_w, self.lang) + th.px(10)
        h += th.px(10) + th.control_h + th.pad
        self.card = pygame.Rect(0, 0, w, min(h, rect.height - 2 * th.pad))
        self.card.center = rect.center
        inner = inset(self.card, th.pad, th.pad)
        bar = pygame.Rect(inner.left, inner.bottom - th.control_h, inner.width, th.control_h)
        self.ok.rect = at_end(bar, max(th.px(160), self.ok.natural_width()), self.rtl)

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        dim(surface)
        rounded(surface, self.card, c.panel, c.border_hi, th.radius, 2)
        inner = inset(self.card, th.pad, th.pad)
        clip = surface.get_clip()
        surface.set_clip(
            inner.clip(
                pygame.Rect(inner.left, inner.top, inner.width, self.ok.rect.top - inner.top)
            )
        )
        y = inner.top
        y += draw_text(
            surface,
            self._heading(),
            pygame.Rect(inner.left, y, inner.width, 0),
            th.text("h2"),
            self.lang,
        )
        y += th.px(12)
        for line in self.texts:
            y += draw_text(
                surface,
                line,
                pygame.Rect(inner.left, y, inner.width, 0),
                th.text("body"),
                self.lang,
            )
            y += th.px(10)
        surface.set_clip(clip)
        self.ring.draw(surface)


def settings_damaged(app: App, damage: Damage) -> NoticeScene:
    """The settings file was damaged: what fell back to its default, and where the old file
    was kept (or that it was left as it was and will not be written over)."""

    def lines() -> list[str]:
        out: list[str] = []
        if damage.why:
            out.append(
                app.t("settings_damaged.all", why=app.t(f"settings_damaged.why.{damage.why}"))
            )
        else:
            names = [app.t(f"settings_damaged.names.{k}") for k in _named(damage.keys)]
            out.append(
                app.t("settings_damaged.some", names=app.t("settings_damaged.sep").join(names))
            )
        if damage.kept is not None:
            kept = damage.kept
            # the name and the folder apart: a line breaks between them, never inside a path
            out.append(
                app.t("settings_damaged.kept", name=ltr(kept.name), folder=ltr(str(kept.parent)))
            )
        else:
            out.append(app.t("settings_damaged.not_kept"))
        return out

    return NoticeScene(app, "settings_damaged.heading", lines)


def _named(keys: list[str]) -> list[str]:
    """The damaged keys as the catalogue names them: known settings by name, the rest
    (a newer version's keys, the version number) as "other saved choices", once."""
    from game.ui.prefs import KNOWN

    out = [k for k in KNOWN if k in keys]
    if any(k not in KNOWN for k in keys):
        out.append("other")
    return out
