"""When a game cannot be saved (a read-only folder, a full disk): say so, offer a place to
save it instead, and let the game go on either way. Nothing is thrown away: the game stays
in memory, and every later action tries its save again.

    save_failed(app, flow)                    over the game screen, after an autosave failed
    save_failed(app, flow, then=app.title)    when leaving: saved elsewhere, or left unsaved
"""

from __future__ import annotations

import errno
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
    from game.ui.flow import GameFlow


_WHY = {
    errno.ENOSPC: "no_space",
    errno.EDQUOT: "no_space",
    errno.EFBIG: "no_space",
    errno.EROFS: "read_only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOTDIR: "not_folder",
    errno.EEXIST: "not_folder",
    errno.ENOENT: "not_found",
    errno.ENAMETOOLONG: "name_too_long",
    errno.EISDIR: "is_folder",
}


def why(app: App, number: int | None, fallback: str) -> str:
    """An operating system's error in the player's language (`saving.why.KEY`)."""
    key = _WHY.get(number) if number is not None else None
    return app.t(f"saving.why.{key}") if key else fallback


def suggested_folder(flow: GameFlow) -> Path:
    """Somewhere else to save: the home folder (or the working one), not the failing one."""
    failing = flow.save_path.parent if flow.save_path else flow.save_dir
    for folder in (Path.home(), Path.cwd()):
        if folder != failing:
            return folder
    return Path.home()


def target_for(text: str, flow: GameFlow) -> Path:
    """The file a typed place names: a folder gets a fresh readable name inside it."""
    path = Path(text.strip()).expanduser()
    if path.is_dir():
        return saves.fresh_name(path, flow.engine.id)
    return path if path.suffix == ".json" else path.with_name(path.name + ".json")


class SaveFailedScene(ConfirmScene):
    name = "save_failed"

    def __init__(
        self, app: App, flow: GameFlow, problem: str, then: Callable[[], Any] | None = None
    ) -> None:
        self.flow = flow
        self.then = then
        self.error = ""
        where = flow.save_path or flow.save_dir or ""
        super().__init__(
            app,
            app.t("saving.failed_heading"),
            app.t(
                "saving.failed_body",
                problem=why(app, flow.save_errno, problem),
                path=ltr(str(where)),
            ),
            app.t("saving.save_here"),
            self.save_here,
            shortcut="s",
            danger=True,
        )

    def build(self) -> None:
        super().build()
        self.field = TextInput(
            self.app,
            "saving.place",
            text=str(suggested_folder(self.flow)),
            max_len=1000,
            search_icon=False,
            name="place",
        )
        self.no = Button(
            self.app,
            "saving.leave_unsaved" if self.then else "saving.go_on",
            self.back,
            kind="secondary",
            name="cancel",
        )
        self.ring.clear()
        self.ring.add(self.field, self.no, self.yes)
        self.ring.focus(self.field)

    def _confirm(self) -> None:
        self.save_here()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back()  # Esc leaves the dialog (the field's text stays as it is)
        if (
            event.type == pygame.KEYDOWN
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
            and self.ring.current is self.field
        ):
            self.save_here()  # Enter in the field saves there
            return True
        return super().handle(event)

    def save_here(self) -> None:
        target = target_for(self.field.text, self.flow)
        if target.exists():
            self.app.push(
                ConfirmScene(
                    self.app,
                    self.t("saving.overwrite_heading"),
                    self.t("saving.overwrite_body", path=ltr(str(target))),
                    self.t("saving.overwrite"),
                    lambda: self._write(target),
                    danger=True,
                )
            )
            return
        self._write(target)

    def _write(self, target: Path) -> None:
        try:
            self.flow.save(target)
        except OSError as e:
            self.error = self.t("saving.still_failed", problem=why(self.app, e.errno, os_reason(e)))
            self._layout_key = None
            self.dirty = True
            return
        except saves.SaveError as e:
            self.error = self.t("saving.still_failed", problem=ltr(e.detail))
            self._layout_key = None
            self.dirty = True
            return
        self.app.pop()
        if self.then is not None:
            self.then()

    def back(self) -> bool:
        self.app.pop()
        if self.then is not None:
            self.then()
        return True

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        w = min(rect.width - 2 * th.pad, th.px(680))
        inner_w = w - 2 * th.pad
        h = th.pad
        h += text_height(self._title(), th.text("h2"), inner_w, self.lang) + th.px(12)
        h += text_height(self.body, th.text("body"), inner_w, self.lang) + th.px(16)
        h += th.control_h + th.px(12)
        if self.error:
            h += text_height(self.error, th.text("small_bold"), inner_w, self.lang) + th.px(12)
        h += th.control_h + th.pad
        self.card = pygame.Rect(0, 0, w, min(h, rect.height - 2 * th.pad))
        self.card.center = rect.center
        inner = inset(self.card, th.pad, th.pad)
        bar = pygame.Rect(inner.left, inner.bottom - th.control_h, inner.width, th.control_h)
        cancel, ok = row(bar, [0.45, None], th.gap, self.rtl)
        self.no.rect, self.yes.rect = cancel, ok
        below = bar.top - th.px(12)
        if self.error:
            below -= text_height(self.error, th.text("small_bold"), inner_w, self.lang) + th.px(12)
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


def save_failed(
    app: App, flow: GameFlow, then: Callable[[], Any] | None = None, *, force: bool = False
) -> bool:
    """Show the dialog when the game's last save failed and it has not been shown for this
    failure yet (or `force`); True when it was shown."""
    problem = flow.save_problem
    if problem is None or (flow.save_problem_shown and not force):
        return False
    flow.save_problem_shown = True
    app.push(SaveFailedScene(app, flow, problem, then))
    return True
