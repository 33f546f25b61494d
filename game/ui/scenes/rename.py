"""Renaming a saved game (the load screen's Rename, N): a field with the game's name, Save
writes it into the save (the previous save kept as its backup), Esc or Cancel leaves it as
it was. A save that cannot be written says why and keeps the dialog open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import saves
from game.safeio import os_reason
from game.ui.scenes.confirm import FieldDialog
from game.ui.text import ltr
from game.ui.widgets import TextInput

if TYPE_CHECKING:
    from game.ui.app import App


class RenameScene(FieldDialog):
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
        super().__init__(
            app,
            app.t("names.rename_heading"),
            app.t("names.rename_body", file=ltr(self.path.name)),
            app.t("names.rename_save"),
            self.save,
            shortcut="s",
        )

    def make_field(self) -> TextInput:
        return TextInput(
            self.app,
            "setup.name_placeholder",
            text=self.current,
            max_len=saves.MAX_NAME,
            search_icon=False,
            name="new_name",
        )

    def save(self) -> None:
        from game.ui.scenes.save_failed import why

        try:
            saves.rename(self.path, self.field.text)
        except saves.SaveError as e:
            self.failed(self.t("names.rename_failed", problem=self.describe(e)))
        except OSError as e:
            self.failed(self.t("names.rename_failed", problem=why(self.app, e.errno, os_reason(e))))
        else:
            self.app.pop()
            self.done()
