"""The class game on the teacher's own window (`guarantor host`): `GameFlow`'s interface over
the host's game, for the class view (F8) and the facilitator console (F9).

The host's server runs on an asyncio loop in a thread of its own and owns the game: the
window reads the host's state (each action replaces it whole, so a read is never half
done) and hands the facilitator's actions to the host's loop (`Host.facilitate`: the
engine applies them, the log keeps them, every machine hears them), waiting for the
answer. Nothing here touches pygame.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from game.engine import ActionError
from game.engine.game import Action, Event, State
from game.engine.session import all_events, events_of_round, undo_block, undo_refusal
from game.ui.flow import GameFlow

if TYPE_CHECKING:
    from game.net.host import Host

FACILITATE_WAIT = 10.0


class HostSession:
    """The part of `Session` the screens read, over a `Host`'s game."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.engine = host.api.engine
        self.seed = host.seed
        self.humans = list(host.api.seats)
        self.levels: dict[str, str] = {}
        self.rounds: int | None = None
        self.old_random = host.old_random

    @property
    def state(self) -> State:
        return cast(State, self.host.state)

    @property
    def actions(self) -> list[Action]:
        return cast(list[Action], self.host.log)

    @property
    def events(self) -> list[list[Event]]:
        return cast(list[list[Event]], self.host.events)

    @property
    def over(self) -> bool:
        return bool(self.state["phase"] == "over")

    @property
    def turn(self) -> str | None:
        return self.engine.current_player(self.state)

    def can_undo(self) -> bool:
        return False  # a seat takes back its own steps from its own machine

    def undo_block(self) -> dict[str, Any] | None:
        return undo_block(self.actions, self.humans) or {"reason": "nothing"}

    def undo_refusal(self) -> str | None:
        return undo_refusal(self.actions, self.humans) or "nothing to undo yet"

    def all_events(self) -> list[Event]:
        return all_events(list(self.events))

    def events_of_round(self, round_no: int) -> list[Event]:
        return events_of_round(list(self.events), round_no)

    def new_game(self) -> tuple[State, list[Event]]:
        return self.engine.new_game(self.seed, humans=self.humans, old_random=self.old_random)

    def replay_to_round(self, round_no: int) -> Any:
        raise ActionError("a class game is replayed from its save: guarantor play --load SAVE")


class HostFlow(GameFlow):
    """The host's game as the class view and the facilitator console read it."""

    remote = True
    """The host saves the game itself (after every action): the window never does."""

    def __init__(self, bundle: Any, host: Host) -> None:
        super().__init__(bundle, cast(Any, HostSession(host)), facilitator=True)
        self.host = host
        self.save_path = host.save_path
        self.home: Callable[[], None] | None = None
        """Back to the host's screen (`game_nav` goes there instead of a seat's round)."""

    @property
    def state(self) -> State:
        return cast(State, self.host.state)

    @property
    def current_seat(self) -> str:
        turn = self.engine.current_player(self.state)
        return str(turn) if turn is not None else self.humans[0]

    @property
    def hot_seat(self) -> bool:
        return False

    def actions_this_round(self) -> int:
        return 0

    def act(self, action: Action) -> list[Event]:
        """The facilitator's action, applied by the host on its own loop; its events, or
        ActionError with the engine's reason."""
        host = self.host
        loop: asyncio.AbstractEventLoop | None = getattr(host, "loop", None)
        if loop is None or loop.is_closed():
            raise ActionError("the class game is not being served")

        async def apply() -> list[Any]:
            return host.facilitate(dict(cast(Mapping[str, Any], action)))

        fut = asyncio.run_coroutine_threadsafe(apply(), loop)
        return cast(list[Event], fut.result(FACILITATE_WAIT))

    def save_data(self) -> dict[str, Any]:
        return self.host.save_data()

    def save(self, path: Path | None = None, *, durable: bool = True) -> Path:
        raise ValueError("the class game is saved by the host after every action")

    def autosave(self, *, durable: bool = True) -> Path | None:
        return None
