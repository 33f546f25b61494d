"""How the game's screens follow one another. Each function replaces the current game
screen (the game sits on the stack over the title screen; glossary, article, help and
settings open over it and close back to it).

    start(app, flow)            briefing for each human seat (hand-off between them), then the round
    turn(app, flow)             the round screen for `flow.current_seat` (hand-off first in hot-seat)
    after_table(app, flow, ev)  Russia's answer and the consequences (the `table` action's events)
    after_answer(app, flow)     signing, the end, or the next round's turn
    finish(app, flow)           the end and the epilogue; then the debrief

This module imports no screen: the screens import it to go on, so it finds them through
the app (`app.screens`, built in `game.ui.screens`), and no import goes round in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow


@dataclass(frozen=True)
class Screens:
    """The screen classes the game goes through, by their part in it."""

    title: Any
    setup: Any
    briefing: Any
    handoff: Any
    round: Any
    answer: Any
    signing: Any
    ending: Any
    debrief: Any


def _show(app: App, scene: Any) -> None:
    """Replace the game screen on top (or push it over the title/setup screens)."""
    top = app.top
    if top is None or isinstance(top, (app.screens.title, app.screens.setup)):
        app.push(scene)
    else:
        app.replace(scene)


def start(app: App, flow: GameFlow) -> None:
    seats = list(flow.humans)
    flow.autosave()  # a new game is saved at once: Continue opens it even before a step

    def brief(i: int) -> Callable[[], None]:
        def go() -> None:
            if i >= len(seats):
                turn(app, flow)
                return
            scene = app.screens.briefing(app, flow, seats[i], then=brief(i + 1))
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
    _show(app, app.screens.handoff(app, flow, seat, then=then))


def _home(flow: GameFlow) -> bool:
    """A game whose screens have a home of their own (the host's screen of a class game,
    where no seat plays): back there instead of a seat's round."""
    home = getattr(flow, "home", None)
    if home is None:
        return False
    home()
    return True


def turn(app: App, flow: GameFlow) -> None:
    if _home(flow):
        return
    seat = flow.current_seat
    handoff(app, flow, seat, lambda: _show(app, app.screens.round(app, flow)))


def after_table(app: App, flow: GameFlow, events: Sequence[Mapping[str, Any]]) -> None:
    _show(app, app.screens.answer(app, flow, events))


def after_answer(app: App, flow: GameFlow) -> None:
    phase = flow.state["phase"]
    if phase != "over" and _home(flow):
        return
    if phase == "over":
        finish(app, flow)
    elif phase == "signing":
        seat = flow.current_seat
        handoff(app, flow, seat, lambda: _show(app, app.screens.signing(app, flow)))
    else:
        turn(app, flow)


def finish(app: App, flow: GameFlow) -> None:
    _show(app, app.screens.ending(app, flow))


def debrief(app: App, flow: GameFlow) -> None:
    _show(app, app.screens.debrief(app, flow))
