"""How the game's screens follow one another. Each function replaces the current game
screen (the game sits on the stack over the title screen; glossary, article, help and
settings open over it and close back to it).

    start(app, flow)            briefing for each human seat (hand-off between them), then the round
    turn(app, flow)             the round screen for `flow.current_seat` (hand-off first in hot-seat)
    after_table(app, flow, ev)  Russia's answer and the consequences (the `table` action's events)
    after_answer(app, flow)     signing, the end, or the next round's turn
    finish(app, flow)           the end and the epilogue; then the debrief

The scene classes are imported when needed, so each screen's module stands alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow


def _show(app: App, scene: Any) -> None:
    """Replace the game screen on top (or push it over the title/setup screens)."""
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    top = app.top
    if top is None or isinstance(top, (TitleScene, SetupScene)):
        app.push(scene)
    else:
        app.replace(scene)


def start(app: App, flow: GameFlow) -> None:
    from game.ui.scenes.briefing import BriefingScene

    seats = list(flow.humans)
    flow.autosave()  # a new game is saved at once: Continue opens it even before a step

    def brief(i: int) -> Callable[[], None]:
        def go() -> None:
            if i >= len(seats):
                turn(app, flow)
                return
            scene = BriefingScene(app, flow, seats[i], then=brief(i + 1))
            # every private view in hot-seat, the first briefing too, follows a hand-off
            handoff(app, flow, seats[i], lambda: _show(app, scene))

        return go

    brief(0)()


def handoff(app: App, flow: GameFlow, seat: str, then: Callable[[], None]) -> None:
    """In hot-seat, a screen that hides the last seat's private view until the next player
    is ready; with one human seat, straight on."""
    if not flow.hot_seat:
        then()
        return
    from game.ui.scenes.handoff import HandoffScene

    _show(app, HandoffScene(app, flow, seat, then=then))


def turn(app: App, flow: GameFlow) -> None:
    from game.ui.scenes.round import RoundScene

    seat = flow.current_seat
    handoff(app, flow, seat, lambda: _show(app, RoundScene(app, flow)))


def after_table(app: App, flow: GameFlow, events: list[dict[str, Any]]) -> None:
    from game.ui.scenes.answer import AnswerScene

    _show(app, AnswerScene(app, flow, events))


def after_answer(app: App, flow: GameFlow) -> None:
    phase = flow.state["phase"]
    if phase == "over":
        finish(app, flow)
    elif phase == "signing":
        from game.ui.scenes.signing import SigningScene

        seat = flow.current_seat
        handoff(app, flow, seat, lambda: _show(app, SigningScene(app, flow)))
    else:
        turn(app, flow)


def finish(app: App, flow: GameFlow) -> None:
    from game.ui.scenes.ending import EndingScene

    _show(app, EndingScene(app, flow))


def debrief(app: App, flow: GameFlow) -> None:
    from game.ui.scenes.debrief import DebriefScene

    _show(app, DebriefScene(app, flow))
