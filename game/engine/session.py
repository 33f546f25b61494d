"""A game in progress: the engine, the seed, the seats and the log of every action.

The log is the game: a save is the scenario, the seed, the human seats and the actions, and
loading replays them. Undo replays all but the last action, and is allowed only within the
round and before the package is tabled (so Russia's answer and the dice that led to it
cannot be taken back). A facilitator's override is an action like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from game.engine.game import Action, ActionError, Engine, Event
from game.engine.vocab import FINAL_ACTIONS

FINAL = FINAL_ACTIONS
"""Actions that close a step of the round: nothing before them can be undone."""


class Session:
    def __init__(
        self,
        engine: Engine,
        seed: int,
        humans: Sequence[str],
        actions: Iterable[Action] = (),
    ) -> None:
        self.engine = engine
        self.seed = seed
        self.humans = list(humans)
        self.state, opening = engine.new_game(seed, humans=self.humans)
        self.actions: list[Action] = []
        self.events: list[list[Event]] = [opening]
        """Events per action, the opening's first."""
        self._undo_floor = 0
        for i, action in enumerate(actions):
            try:
                self.do(action)
            except ActionError as e:
                raise ActionError(
                    f"action {i + 1} of the log ({action.get('type')}) no longer applies: {e}"
                ) from e

    # ------------------------------------------------------------ playing

    def do(self, action: Action) -> list[Event]:
        """Apply an action; the log grows only when it was legal."""
        own = cast(Action, dict(action))  # the log keeps its own copy
        self.state, events = self.engine.apply(self.state, own)
        self.actions.append(cast(Action, dict(action)))
        self.events.append(events)
        if action["type"] in FINAL:
            self._undo_floor = len(self.actions)
        return events

    @property
    def over(self) -> bool:
        return bool(self.state["phase"] == "over")

    def can_undo(self) -> bool:
        return len(self.actions) > self._undo_floor

    def undo(self) -> Action:
        """Take back the last action of this round (before the package is tabled)."""
        if not self.can_undo():
            raise ActionError("nothing to undo: the package has been tabled since")
        last = self.actions[-1]
        self._replay(self.actions[:-1])
        return last

    def _replay(self, actions: list[Action]) -> None:
        state, opening = self.engine.new_game(self.seed, humans=self.humans)
        events: list[list[Event]] = [opening]
        floor = 0
        for i, a in enumerate(actions):
            state, ev = self.engine.apply(state, a)
            events.append(ev)
            if a["type"] in FINAL:
                floor = i + 1
        self.state, self.actions, self.events, self._undo_floor = (
            state,
            list(actions),
            events,
            floor,
        )

    def replay_to_round(self, round_no: int) -> Session:
        """A new session at the start of a round, to try another choice from there."""
        cut = 0
        state, _ = self.engine.new_game(self.seed, humans=self.humans)
        for i, a in enumerate(self.actions):
            if state["round"] >= round_no:
                break
            state, _ = self.engine.apply(state, a)
            cut = i + 1
        return Session(self.engine, self.seed, self.humans, self.actions[:cut])

    # ------------------------------------------------------------ reading

    def all_events(self) -> list[Event]:
        return [e for batch in self.events for e in batch]

    def events_of_round(self, round_no: int) -> list[Event]:
        """Everything that happened in a round, in order (news, debate, moves, answer)."""
        out: list[Event] = []
        current = 1
        for e in self.all_events():
            if e["type"] == "round":
                current = e["round"]
            if current == round_no:
                out.append(e)
        return out

    def last(self, kind: str) -> Event | None:
        """The most recent event of a type."""
        for batch in self.events[::-1]:
            for e in batch[::-1]:
                if e["type"] == kind:
                    return e
        return None

    def summary(self) -> dict[str, Any]:
        return {
            "scenario": self.engine.id,
            "seed": self.seed,
            "humans": list(self.humans),
            "round": self.state["round"],
            "phase": self.state["phase"],
            "actions": len(self.actions),
        }
