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
from game.ui.widgets import Button, TextInput, dim, rounded

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


class FieldDialog(ConfirmScene):
    """A question with one text field above its two buttons, and a line under the field for
    why the last try failed (a save elsewhere, a new name). Enter in the field confirms, Esc
    goes back; a subclass builds `field` and `no` in `build` and calls `failed` to say why."""

    width_px = 640
    """The card's width at scale 1 (narrower when the window is)."""

    error = ""

    def build(self) -> None:
        super().build()
        self.field = self.make_field()
        self.no = self.make_cancel()
        self.ring.clear()
        self.ring.add(self.field, self.no, self.yes)
        self.ring.focus(self.field)

    def make_field(self) -> TextInput:
        raise NotImplementedError

    def make_cancel(self) -> Button:
        return Button(self.app, "common.cancel", self.back, kind="secondary", name="cancel")

    def _confirm(self) -> None:
        self.on_confirm()  # the dialog stays until the action says it worked

    def failed(self, message: str) -> None:
        """Say why the action did not work, under the field (the dialog stays)."""
        self.error = message
        self._layout_key = None
        self.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back()  # Esc leaves the dialog (the field's text stays as it is)
        if (
            event.type == pygame.KEYDOWN
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
            and self.ring.current is self.field
        ):
            self._confirm()  # Enter in the field confirms
            return True
        return super().handle(event)

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        w = min(rect.width - 2 * th.pad, th.px(self.width_px))
        inner_w = w - 2 * th.pad
        h = th.pad
        h += text_height(self._title(), th.text("h2"), inner_w, self.lang) + th.px(12)
        h += text_height(self.body, th.text("body"), inner_w, self.lang) + th.px(16)
        h += th.control_h + th.px(12)
        err_h = (
            text_height(self.error, th.text("small_bold"), inner_w, self.lang) + th.px(12)
            if self.error
            else 0
        )
        h += err_h + th.control_h + th.pad
        self.card = pygame.Rect(0, 0, w, min(h, rect.height - 2 * th.pad))
        self.card.center = rect.center
        inner = inset(self.card, th.pad, th.pad)
        bar = pygame.Rect(inner.left, inner.bottom - th.control_h, inner.width, th.control_h)
        cancel, ok = row(bar, [0.45, None], th.gap, self.rtl)
        self.no.rect, self.yes.rect = cancel, ok
        below = bar.top - th.px(12) - err_h
        self.field.rect = pygame.Rect(inner.left, below - th.control_h, inner.width, th.control_h)
        self.error_top = self.field.rect.bottom + th.px(12)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.error:
            inner = inset(self.card, self.theme.pad, self.theme.pad)
            draw_text(
                surface,
                self.error,
                pygame.Rect(inner.left, self.error_top, inner.width, 0),
                self.theme.text("small_bold").with_colour(self.theme.c.bad),
                self.lang,
            )
