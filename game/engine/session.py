"""A game in progress: the engine, the seed, the seats and the log of every action.

The log is the game: a save is the scenario, the seed, the human seats and the actions
(every seat's, the computer's too), and loading replays them. The session runs the computer
seats' players (`players.make_player`, level easy) whenever one of them is on turn, so a
person always finds a human seat on turn. Undo is the engine's `undo` action, logged like
any other: it takes back the last move, proposal or answer to a proposal of the seat on
turn; a roll (an argument, a counter) stands (GAME-DESIGN 3.8), and so do a pass, a tabling
and an answer to Russia. A facilitator's override is an action like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from game.engine.drive import MAX_STEPS
from game.engine.game import Action, ActionError, Engine, Event, State
from game.engine.players import Player, make_player
from game.engine.vocab import FINAL_ACTIONS

FINAL = FINAL_ACTIONS

E = TypeVar("E")
"""An event as a session keeps it (the engine's typed events, or plain dicts off the wire)."""
"""Actions that close a step of the round, roll dice or end a turn: nothing before them can
be undone."""

LEVEL = "easy"
"""The computer seats' level unless told otherwise (`levels`); a log saved before there were
levels was played at this one."""


def standing(actions: Sequence[Action]) -> list[Action]:
    """The actions of a log that still stand: each `undo` takes back the one before it."""
    out: list[Action] = []
    for a in actions:
        if a.get("type") == "undo":
            if out:
                out.pop()
        else:
            out.append(a)
    return out


def undo_block(
    actions: Sequence[Action], people: Sequence[str] | None = None
) -> dict[str, Any] | None:
    """Why the last action of a log cannot be undone, as data for a screen to say in its own
    language: {"reason": "nothing" | "roll" | "tabled" | "answered" | "over", "action": the
    action that stands (absent for "nothing")}; None when it can be undone. With `people`,
    the last action of those seats (the computer's came after: they are not a person's)."""
    kept = standing(actions)
    if people is not None:
        kept = [a for a in kept if a.get("seat") in people]
    if not kept:
        return {"reason": "nothing"}
    last = dict(kept[-1])
    kind = str(last.get("type"))
    if kind not in FINAL:
        return None
    reason = {
        "argue": "roll",
        "counter": "roll",
        "table": "tabled",
        "sign": "answered",
        "refuse": "answered",
        "walk_out": "over",
    }.get(kind)
    if reason is None:  # a pass (the turn went on) or an override: nothing of this turn
        return {"reason": "nothing"}
    return {"reason": reason, "action": last}


def undo_refusal(actions: Sequence[Action], people: Sequence[str] | None = None) -> str | None:
    """Why the last action of a log cannot be undone (one English line), or None."""
    block = undo_block(actions, people)
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


def record_events(
    batches: list[list[E]], undoable: list[int], action: Mapping[str, Any], events: Sequence[E]
) -> None:
    """Keep an action's events: one batch per action after the opening's; an `undo` empties
    the batch of the action it took back (it did not happen); `undoable` is the indices of
    the actions an undo would take back now. Every kind of session keeps its log so (one
    machine, and a class game's host)."""
    kind = action.get("type")
    if kind == "undo":
        if undoable:
            batches[undoable.pop() + 1] = []
    elif kind in FINAL:
        undoable.clear()
    else:
        undoable.append(len(batches) - 1)
    batches.append(list(events))


def all_events(batches: Iterable[list[Event]]) -> list[Event]:
    """A game's events in order, from its batches (the opening's, then one per action)."""
    return [e for batch in batches for e in batch]


def events_of_round(batches: Iterable[list[Event]], round_no: int) -> list[Event]:
    """Everything that happened in a round, in order (news, debate, moves, answer): the
    reading every kind of session shares (one machine, a host, a team's machine)."""
    out: list[Event] = []
    current = 1
    for e in all_events(batches):
        if e["type"] == "round":
            current = e["round"]
        if current == round_no:
            out.append(e)
    return out


class Session:
    def __init__(
        self,
        engine: Engine,
        seed: int,
        humans: Sequence[str],
        actions: Iterable[Action] = (),
        levels: Mapping[str, str] | None = None,
        rounds: int | None = None,
        *,
        old_random: bool = False,
    ) -> None:
        self.engine = engine
        self.seed = seed
        self.humans = list(humans)
        self.levels = {
            s: str((levels or {}).get(s, LEVEL)) for s in engine.seats if s not in self.humans
        }
        """Each computer seat's level (`game.engine.levels`)."""
        self.rounds = rounds
        """A lesson's fewer rounds (None: the scenario's)."""
        self.old_random = old_random
        """The game draws its random numbers as a game saved before save version 5 did
        (`Engine.new_game`): kept so that it replays as it was."""
        self.state, opening = self.new_game()
        self.actions: list[Action] = []
        self.events: list[list[Event]] = [opening]
        """Events per action, the opening's first (an undone action's are emptied)."""
        self.players: dict[str, Player] = {
            s: make_player(engine, s, level, seed * 31 + i)
            for i, (s, level) in enumerate(self.levels.items())
        }
        """The computer seats' players."""
        self._undoable: list[int] = []
        """Indices in the log of the actions `undo` would take back, the last one last."""
        for i, action in enumerate(actions):
            try:
                self.do(action)
            except ActionError as e:
                raise ActionError(
                    f"action {i + 1} of the log ({action.get('type')}) no longer applies: {e}"
                ) from e
        self.advance()

    def new_game(self) -> tuple[State, list[Event]]:
        """This game's opening state and events (its seed, seats, length and years' dice)."""
        return self.engine.new_game(
            self.seed,
            humans=self.humans,
            rounds=self.rounds,
            old_random=self.old_random,
        )

    # ------------------------------------------------------------ playing

    def do(self, action: Action) -> list[Event]:
        """Apply one action; the log grows only when it was legal."""
        own = cast(Action, dict(action))  # the log keeps its own copy
        self.state, events = self.engine.apply(self.state, own)
        self._log(cast(Action, dict(action)), events)
        return events

    def _log(self, action: Action, events: list[Event]) -> None:
        record_events(self.events, self._undoable, action, events)
        self.actions.append(action)

    def advance(self) -> list[Event]:
        """The computer seats play until a human seat is on turn (or the talks are over):
        their actions join the log; their events are returned."""
        out: list[Event] = []
        steps = 0
        while True:
            seat = self.engine.current_player(self.state)
            player = self.players.get(seat) if seat is not None else None
            if player is None:
                return out
            steps += 1
            if steps > MAX_STEPS:
                raise ActionError(f"{seat}'s player keeps acting without the round moving on")
            out += self.do(player.act(self.engine.view(self.state, seat)))

    def act(self, action: Action) -> list[Event]:
        """A person's action, then the computer seats' until a person is on turn again: the
        events of all of them, in order."""
        events = self.do(action)
        return events + self.advance()

    @property
    def over(self) -> bool:
        return bool(self.state["phase"] == "over")

    @property
    def turn(self) -> str | None:
        """The seat on turn (None when the talks are over)."""
        return self.engine.current_player(self.state)

    def can_undo(self) -> bool:
        return self.state.get("back") is not None

    def undo_refusal(self) -> str | None:
        """Why undo is refused now (a roll stands, the package is tabled...), or None."""
        if self.can_undo():
            return None
        return undo_refusal(self.actions, self.humans) or "nothing to undo yet"

    def undo_block(self) -> dict[str, Any] | None:
        """`undo_block` of the log: the reason as data, for a screen to word; None if allowed."""
        if self.can_undo():
            return None
        return undo_block(self.actions, self.humans) or {"reason": "nothing"}

    def undo(self) -> Action:
        """Take back the last move, proposal or answer of the seat on turn (the engine's
        `undo` action, logged); otherwise ActionError says why."""
        why = self.undo_refusal()
        if why is not None:
            raise ActionError(why)
        last = self.actions[self._undoable[-1]]
        self.do({"type": "undo", "seat": str(self.state["turn"])})
        return last

    def replay_to_round(self, round_no: int) -> Session:
        """A new session at the start of a round, to try another choice from there. The
        years after a deal roll from the seed's own generator (`Engine.new_game`), so the
        replay meets the same years' luck as the game it replays: where their endings differ,
        the years' dice did not make the difference (a game saved before save version 5
        keeps its years on the dice)."""
        cut = 0
        state, _ = self.new_game()
        for i, a in enumerate(self.actions):
            if state["round"] >= round_no:
                break
            state, _ = self.engine.apply(state, a)
            cut = i + 1
        return Session(
            self.engine,
            self.seed,
            self.humans,
            self.actions[:cut],
            levels=self.levels,
            rounds=self.rounds,
            old_random=self.old_random,
        )

    # ------------------------------------------------------------ reading

    def all_events(self) -> list[Event]:
        return all_events(self.events)

    def events_of_round(self, round_no: int) -> list[Event]:
        """Everything that happened in a round, in order (news, debate, moves, answer)."""
        return events_of_round(self.events, round_no)

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
            "rounds": self.state["rounds"],
            "actions": len(self.actions),
        }


def fill_turns(
    engine: Engine, seed: int, humans: Sequence[str], actions: Sequence[Action], turn: int = 0
) -> list[Action]:
    """A log written before the engine kept turns (save version 1: the human seats' actions
    only, each round ending with a human seat's `table`), as the engine plays it now: the
    computer seats' actions and the passes the turn order needs put in, so that the game
    replays to the same round. `turn` is the old save's human seat on turn (an index into
    `humans`). ActionError when an action no longer applies."""
    people = list(humans)
    # a log of version 1 or 2: its game drew its random numbers as before version 5
    state, _ = engine.new_game(seed, humans=people, old_random=True)
    players = {s: make_player(engine, s, LEVEL, seed) for s in engine.seats if s not in people}
    out: list[Action] = []

    def step(a: Action) -> None:
        nonlocal state
        state, _ = engine.apply(state, a)
        out.append(a)

    def computers() -> None:
        for _ in range(MAX_STEPS):
            seat = engine.current_player(state)
            if seat is None or seat in people:
                return
            step(players[seat].act(engine.view(state, seat)))

    def pass_until(seat: Any, lap: int = 1) -> bool:
        """The human seats on turn pass (the computer's play) until it is `seat`'s turn in
        lap `lap` or later; False when the round or the phase changed first."""
        at = (state["round"], state["phase"])
        for _ in range(MAX_STEPS):
            computers()
            if (state["round"], state["phase"]) != at:
                return False
            if state["turn"] == seat and state["lap"] >= lap:
                return True
            step({"type": "pass", "seat": str(state["turn"])})
        return False

    for i, old in enumerate(actions):
        a = cast(Action, dict(old))
        kind, seat = a["type"], a.get("seat")
        if kind == "override":
            step(a)
            continue
        computers()
        if state["phase"] == "over":
            break
        if kind == "table":
            # tabled once every seat has had its say (lap 2): if the round ends before
            # (the computer tabled), the old table has happened
            if pass_until(seat, lap=2):
                step(a)
            continue
        if kind in ("sign", "refuse"):
            if state["phase"] == "signing" and pass_until(seat):
                step(a)
            continue
        if state["phase"] != "talks" or not pass_until(seat):
            raise ActionError(f"action {i + 1} of the old log ({kind}) no longer applies")
        if kind == "agree" and seat in state["answers"]:
            continue  # version 1 let a seat agree twice
        step(a)
    computers()
    if state["phase"] == "talks" and 0 <= turn < len(people):
        pass_until(people[turn])
    return out
