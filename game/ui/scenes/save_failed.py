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

from game import saves
from game.safeio import os_reason
from game.ui.scenes.confirm import ConfirmScene, FieldDialog
from game.ui.text import ltr
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


class SaveFailedScene(FieldDialog):
    name = "save_failed"

    def __init__(
        self, app: App, flow: GameFlow, problem: str, then: Callable[[], Any] | None = None
    ) -> None:
        self.flow = flow
        self.then = then
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

    width_px = 680

    def make_field(self) -> TextInput:
        return TextInput(
            self.app,
            "saving.place",
            text=str(suggested_folder(self.flow)),
            max_len=1000,
            search_icon=False,
            name="place",
        )

    def make_cancel(self) -> Button:
        return Button(
            self.app,
            "saving.leave_unsaved" if self.then else "saving.go_on",
            self.back,
            kind="secondary",
            name="cancel",
        )

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
            self.failed(self.t("saving.still_failed", problem=why(self.app, e.errno, os_reason(e))))
            return
        except saves.SaveError as e:
            self.failed(self.t("saving.still_failed", problem=ltr(e.detail)))
            return
        self.app.pop()
        if self.then is not None:
            self.then()

    def back(self) -> bool:
        self.app.pop()
        if self.then is not None:
            self.then()
        return True


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
