"""Small overlays and helpers shared by the game screens: a confirmation dialog (walk out,
leave the talks) and leaving a game for the title screen (saved first)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.safeio import os_reason
from game.ui.scenes.confirm import ConfirmScene as ConfirmScene  # re-exported
from game.ui.scenes.save_failed import save_failed
from game.ui.text import ltr

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow


def confirm_leave(app: App, flow: GameFlow) -> None:
    """Esc or Back on a game screen: ask, then save and go to the title screen."""

    def leave() -> None:
        if getattr(flow, "remote", False):  # a class game: the host keeps it; the seat
            app.title()  # comes back with its token
            return
        try:
            flow.save()
        except (OSError, ValueError) as e:  # the disk failed: offer another place first
            flow.save_problem = os_reason(e) if isinstance(e, OSError) else str(e)
            flow.save_errno = e.errno if isinstance(e, OSError) else None
            save_failed(app, flow, then=app.title, force=True)
            return
        app.title()

    # a class game's team saves nothing: the teacher's computer keeps the game, and the
    # team comes back to it by joining again
    remote = "net.leave" if getattr(flow, "remote", False) else "round.leave"
    app.push(
        ConfirmScene(
            app,
            app.t("round.leave_heading"),
            app.t(f"{remote}_body"),
            app.t(f"{remote}_confirm"),
            leave,
            shortcut="y",
        )
    )


def saved_message(app: App, path: Any) -> str:
    return app.t("round.saved", path=ltr(str(path)))
