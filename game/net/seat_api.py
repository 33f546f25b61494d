"""The engine's player interface as the network uses it: the ONE place where the network
meets the engine (`current_player`, `Engine.legal_actions`, `Engine.view`, the players).

Every seat of a class game is played by a machine (a team, or a computer player on it), so
the engine sees every seat as "human" and no seat is played inside the host.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, cast

from game.engine import ActionError, Engine, current_player
from game.engine.session import record_events

State = dict[str, Any]
View = dict[str, Any]
Action = dict[str, Any]
Event = dict[str, Any]

PRIVATE = frozenset({"rng", "seed", "decks", "hands", "back", "years_rng"})
"""State fields that no view ever holds (a seat gets its own hand as `hand`)."""


class Player(Protocol):
    def act(self, view: View) -> Action: ...


def levels() -> tuple[str, ...]:
    """The computer players' levels that exist (`easy`, then `normal` and `hard` as they come)."""
    players = importlib.import_module("game.engine.players")
    return tuple(str(x) for x in players.LEVELS)


class SeatAPI:
    """A scenario's engine with turns, views and players, for a class game."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.seats: tuple[str, ...] = tuple(engine.seats)

    def new_game(self, seed: int, rounds: int | None = None, *, old_random: bool = False) -> State:
        """The opening state, every seat played by a machine of the class; `rounds`: a
        lesson's fewer rounds (None: the scenario's); `old_random`: a game saved before
        save version 5, which draws its random numbers as it did then (`Engine.new_game`)."""
        state, _ = self.engine.new_game(
            seed, humans=list(self.seats), rounds=rounds, old_random=old_random
        )
        return cast(State, state)

    def replay(
        self,
        seed: int,
        actions: Sequence[Mapping[str, Any]],
        rounds: int | None = None,
        *,
        old_random: bool = False,
    ) -> tuple[State, list[Action]]:
        """The state after a saved game's log, and the log; ActionError names the first
        action that fails."""
        state, log, _, _ = self.replay_events(seed, actions, rounds, old_random=old_random)
        return state, log

    def replay_events(
        self,
        seed: int,
        actions: Sequence[Mapping[str, Any]],
        rounds: int | None = None,
        *,
        old_random: bool = False,
    ) -> tuple[State, list[Action], list[list[Event]], list[int]]:
        """`replay`, with the events: the opening's batch first, then one batch per action
        (`game.engine.session.Session.events`: an undone action's batch is emptied), and
        the actions an `undo` would take back now (`record_events` goes on with them)."""
        start, opening = self.engine.new_game(
            seed, humans=list(self.seats), rounds=rounds, old_random=old_random
        )
        state = cast(State, start)
        batches: list[list[Event]] = [cast(list[Event], opening)]
        undoable: list[int] = []
        log: list[Action] = []
        for i, a in enumerate(actions):
            action = dict(a)
            try:
                state, events = self.apply(state, action)
            except ActionError as e:
                raise ActionError(
                    f"action {i + 1} of the log ({action.get('type')}) no longer applies: {e}"
                ) from e
            record_events(batches, undoable, action, events)
            log.append(action)
        return state, log, batches, undoable

    def current_player(self, state: Mapping[str, Any]) -> str | None:
        return current_player(cast(Any, state))

    def view(self, state: Mapping[str, Any], seat: str | None) -> View:
        return cast(View, self.engine.view(cast(Any, state), seat))

    def legal_actions(self, state_or_view: Mapping[str, Any], seat: str) -> list[Action]:
        return cast(list[Action], self.engine.legal_actions(cast(Any, state_or_view), seat))

    def apply(
        self, state: Mapping[str, Any], action: Mapping[str, Any]
    ) -> tuple[State, list[Event]]:
        new, events = self.engine.apply(cast(Any, state), cast(Any, action))
        return cast(State, new), cast(list[Event], events)

    def levels(self) -> tuple[str, ...]:
        return levels()

    def player(self, seat: str, level: str, seed: int) -> Player:
        if level not in levels():
            raise ValueError(
                f"no computer player of level {level!r}; levels: {', '.join(levels())}"
            )
        players = importlib.import_module("game.engine.players")
        return cast(Player, players.make_player(self.engine, seat, level, seed))
