"""A question over the current screen: the confirming button and Cancel (Esc). Its own
module so that the dialogs built on it (`round_dialogs`, `save_failed`) import it without
importing each other."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.layout import inset, row
from game.ui.scene import Scene
from game.ui.text import draw_text, text_height
from game.ui.theme import signal
from game.ui.widgets import Button, dim, rounded

if TYPE_CHECKING:
    from game.ui.app import App


class ConfirmScene(Scene):
    """A question over the current screen: the confirming button and Cancel (Esc).
    Cancel has the focus first, so Enter alone never does something that cannot be undone."""

    name = "confirm"
    opaque = False
    back_button = False

    def __init__(
        self,
        app: App,
        heading: str,
        body: str,
        confirm_label: str,
        on_confirm: Callable[[], Any],
        *,
        shortcut: str = "y",
        danger: bool = False,
    ) -> None:
        self.heading = heading
        self.body = body
        self.confirm_label = confirm_label
        self.on_confirm = on_confirm
        self.shortcut = shortcut
        self.danger = danger
        super().__init__(app)

    def build(self) -> None:
        self.yes = Button(
            self.app,
            lambda: self.confirm_label,
            self._confirm,
            shortcut=self.shortcut,
            kind="primary",
            name="confirm",
        )
        self.no = Button(self.app, "common.cancel", self.back, kind="secondary", name="cancel")
        self.ring.add(self.no, self.yes)
        self.ring.focus(self.no)

    def _confirm(self) -> None:
        self.app.pop()
        self.on_confirm()

    def back(self) -> bool:
        self.app.pop()
        return True

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        w = min(rect.width - 2 * th.pad, th.px(620))
        inner_w = w - 2 * th.pad
        h = th.pad
        h += text_height(self._title(), th.text("h2"), inner_w, self.lang) + th.px(12)
        h += text_height(self.body, th.text("body"), inner_w, self.lang) + th.px(20)
        h += th.control_h + th.pad
        self.card = pygame.Rect(0, 0, w, min(h, rect.height - 2 * th.pad))
        self.card.center = rect.center
        inner = inset(self.card, th.pad, th.pad)
        bar = pygame.Rect(inner.left, inner.bottom - th.control_h, inner.width, th.control_h)
        cancel, ok = row(bar, [0.4, None], th.gap, self.rtl)
        self.no.rect, self.yes.rect = cancel, ok

    def _title(self) -> str:
        return f"{signal('warning')[0]} {self.heading}" if self.danger else self.heading

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        dim(surface)
        rounded(surface, self.card, c.panel, c.bad if self.danger else c.border_hi, th.radius, 2)
        inner = inset(self.card, th.pad, th.pad)
        y = inner.top
        style = th.text("h2").with_colour(c.bad) if self.danger else th.text("h2")
        y += draw_text(
            surface, self._title(), pygame.Rect(inner.left, y, inner.width, 0), style, self.lang
        )
        y += th.px(12)
        draw_text(
            surface,
            self.body,
            pygame.Rect(inner.left, y, inner.width, 0),
            th.text("body"),
            self.lang,
        )
        self.ring.draw(surface)
