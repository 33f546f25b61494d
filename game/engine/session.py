"""A game in progress: the engine, the seed, the seats and the log of every action.

The log is the game: a save is the scenario, the seed, the human seats and the actions, and
loading replays them. Undo replays all but the last action, and is allowed only within the
round, before the package is tabled and before any dice are rolled: once an argument is
played its roll stands (GAME-DESIGN 3.8), so undo cannot re-roll, and Russia's answer
cannot be taken back. A facilitator's override is an action like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from game.engine.game import Action, ActionError, Engine, Event
from game.engine.vocab import FINAL_ACTIONS

FINAL = FINAL_ACTIONS
"""Actions that close a step of the round or roll dice: nothing before them can be undone."""


def undo_floor(actions: Sequence[Action]) -> int:
    """How many actions of a log can no longer be undone: all up to the last one in FINAL."""
    for i in range(len(actions) - 1, -1, -1):
        if actions[i].get("type") in FINAL:
            return i + 1
    return 0


def undo_block(actions: Sequence[Action]) -> dict[str, Any] | None:
    """Why the last action of a log cannot be undone, as data for a screen to say in its own
    language: {"reason": "nothing" | "roll" | "tabled" | "answered" | "over", "action": the
    action that stands (absent for "nothing")}; None when it can be undone."""
    if not actions:
        return {"reason": "nothing"}
    if len(actions) > undo_floor(actions):
        return None
    last = dict(actions[-1])
    kind = last.get("type")
    reason = {"argue": "roll", "table": "tabled", "sign": "answered", "refuse": "answered"}
    return {"reason": reason.get(str(kind), "over"), "action": last}


def undo_refusal(actions: Sequence[Action]) -> str | None:
    """Why the last action of a log cannot be undone (one English line), or None."""
    block = undo_block(actions)
    if block is None:
        return None
    last = block.get("action", {})
    return {
        "nothing": "nothing to undo yet",
        "roll": f"the dice have been rolled for {last.get('card')}: a roll stands and cannot be undone",
        "tabled": "nothing to undo: the package has been tabled since",
        "answered": f"nothing to undo: {last.get('seat')} has answered Russia's acceptance",
        "over": "nothing to undo: the talks are over",
    }[block["reason"]]


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

    def undo_refusal(self) -> str | None:
        """Why undo is refused now (a roll stands, the package is tabled...), or None."""
        return None if self.can_undo() else undo_refusal(self.actions)

    def undo_block(self) -> dict[str, Any] | None:
        """`undo_block` of the log: the reason as data, for a screen to word; None if allowed."""
        return None if self.can_undo() else undo_block(self.actions)

    def undo(self) -> Action:
        """Take back the last action of this round, if no dice have been rolled since and the
        package has not been tabled since; otherwise ActionError says why."""
        why = self.undo_refusal()
        if why is not None:
            raise ActionError(why)
        last = self.actions[-1]
        self._replay(self.actions[:-1])
        return last

    def _replay(self, actions: list[Action]) -> None:
        state, opening = self.engine.new_game(self.seed, humans=self.humans)
        events: list[list[Event]] = [opening]
        for a in actions:
            state, ev = self.engine.apply(state, a)
            events.append(ev)
        self.state, self.actions, self.events, self._undo_floor = (
            state,
            list(actions),
            events,
            undo_floor(actions),
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
