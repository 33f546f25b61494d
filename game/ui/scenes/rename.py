"""Renaming a saved game (the load screen's Rename, N): a field with the game's name, Save
writes it into the save (the previous save kept as its backup), Esc or Cancel leaves it as
it was. A save that cannot be written says why and keeps the dialog open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import saves
from game.safeio import os_reason
from game.ui.layout import inset, row
from game.ui.scenes.confirm import ConfirmScene
from game.ui.text import draw_text, ltr, text_height
from game.ui.widgets import Button, TextInput

if TYPE_CHECKING:
    from game.ui.app import App


class RenameScene(ConfirmScene):
    name = "rename"

    def __init__(
        self,
        app: App,
        path: Path,
        current: str | None,
        done: Callable[[], Any],
        describe: Callable[[saves.SaveError], str] | None = None,
    ) -> None:
        """`describe` words a save's problem in the player's language (the load screen's)."""
        self.describe = describe or (lambda e: e.detail)
        self.path = Path(path)
        self.current = current or ""
        self.done = done
        self.error = ""
        super().__init__(
            app,
            app.t("names.rename_heading"),
            app.t("names.rename_body", file=ltr(self.path.name)),
            app.t("names.rename_save"),
            self.save,
            shortcut="s",
        )

    def build(self) -> None:
        super().build()
        self.field = TextInput(
            self.app,
            "setup.name_placeholder",
            text=self.current,
            max_len=saves.MAX_NAME,
            search_icon=False,
            name="new_name",
        )
        self.no = Button(self.app, "common.cancel", self.back, kind="secondary", name="cancel")
        self.ring.clear()
        self.ring.add(self.field, self.no, self.yes)
        self.ring.focus(self.field)

    def _confirm(self) -> None:
        self.save()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back()
        if (
            event.type == pygame.KEYDOWN
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
            and self.ring.current is self.field
        ):
            self.save()
            return True
        return super().handle(event)

    def save(self) -> None:
        from game.ui.scenes.save_failed import why

        try:
            saves.rename(self.path, self.field.text)
        except saves.SaveError as e:
            self.error = self.t("names.rename_failed", problem=self.describe(e))
        except OSError as e:
            self.error = self.t("names.rename_failed", problem=why(self.app, e.errno, os_reason(e)))
        else:
            self.app.pop()
            self.done()
            return
        self._layout_key = None
        self.dirty = True

    def back(self) -> bool:
        self.app.pop()
        return True

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        w = min(rect.width - 2 * th.pad, th.px(640))
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
