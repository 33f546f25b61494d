"""The engine's player interface as the network uses it (turns, legal actions, views, players).

This is the ONE place where the network meets the engine. It calls the engine's own
`current_player`, `Engine.legal_actions`, `Engine.view` and `make_player` when the engine
has them; until then it derives them here from the engine of today, following the agreed
design of the player interface:

- the seats take turns in the scenario's order; a round opens with the first seat's turn,
  lap 1; `pass` hands the turn on, and after the last seat the lap grows;
- `table` is legal on one's turn from lap 2 on; the round is tabled by itself (as the first
  seat) when every seat passes in a row from lap 2 on, and at the end of lap 3;
- in the signing phase the turn goes round the seats that have not answered yet;
- `override` (the facilitator) is not bound to the turn; any other action by a seat not on
  turn is refused (`ActionError("it is us's turn, not europe's")`);
- a view is the state without the generator, the seed, the decks and other seats' hands:
  the seat's own `hand` and `deck_size`, every seat's `hand_sizes`.

Every seat of a class game is played by a machine (a team or a computer player on it), so
the engine sees every seat as "human"; turn bookkeeping lives in the state itself (`turn`,
`lap`, `quiet`, plain data) and the log holds the `pass` actions, so a save replays.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, cast

from game.engine import ActionError, Engine
from game.engine import package as pkg
from game.engine.rulebook import ARGUMENTS_PER_ROUND

State = dict[str, Any]
View = dict[str, Any]
Action = dict[str, Any]
Event = dict[str, Any]

MAX_LAPS = 3
"""A round ends at the latest when the turn has gone round the table this many times."""

PRIVATE = frozenset({"rng", "seed", "decks", "hands", "back"})
"""State fields that no view ever holds (a seat gets its own hand as `hand`)."""

_engine_mod = importlib.import_module("game.engine")
NATIVE = hasattr(_engine_mod, "current_player") and hasattr(Engine, "view")
"""Whether the engine has the player interface itself (then nothing below is derived)."""


class Player(Protocol):
    def act(self, view: View) -> Action: ...


def levels() -> tuple[str, ...]:
    """The computer players' levels that exist (`easy`, then `normal` and `hard` as they come)."""
    if NATIVE:
        with contextlib.suppress(ImportError):
            known = getattr(importlib.import_module("game.engine.players"), "LEVELS", None)
            if known:
                return tuple(str(x) for x in known)
    return ("easy",)


class SeatAPI:
    """A scenario's engine with turns, views and players, for a class game."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.seats: tuple[str, ...] = tuple(engine.seats)

    # ------------------------------------------------------------ a game

    def new_game(self, seed: int) -> State:
        """The opening state, every seat played by a machine of the class."""
        state, _ = self.engine.new_game(seed, humans=list(self.seats))
        s = cast(State, state)
        if not NATIVE:
            _open_turns(s, self.seats)
        return s

    def replay(
        self, seed: int, actions: Sequence[Mapping[str, Any]], passes: Sequence[int] = ()
    ) -> tuple[State, list[Action]]:
        """The state after a saved game and its whole log; ActionError names the first action
        that fails. `passes` (see `split_log`) puts the turns' ends back in their places."""
        state = self.new_game(seed)
        log: list[Action] = []
        where = sorted(set(passes))
        if where and where[-1] >= len(actions) + len(where):
            raise ActionError(f"a pass at {where[-1]} is past the end of the log")
        pending = iter(actions)
        for i in range(len(actions) + len(where)):
            if where and i == where[0]:
                where.pop(0)
                action: Action = {"type": "pass", "seat": self.current_player(state)}
            else:
                action = dict(next(pending))
            try:
                state, _ = self.apply(state, action)
            except ActionError as e:
                raise ActionError(
                    f"action {i + 1} of the log ({action.get('type')}) no longer applies: {e}"
                ) from e
            log.append(action)
        return state, log

    def split_log(self, log: Sequence[Mapping[str, Any]]) -> tuple[list[Action], list[int]]:
        """A log as a save holds it: the engine's actions, and where the passes stood (until
        the engine has `pass` itself, a save's actions are the engine's)."""
        if NATIVE:
            return [dict(a) for a in log], []
        actions = [dict(a) for a in log if a.get("type") != "pass"]
        return actions, [i for i, a in enumerate(log) if a.get("type") == "pass"]

    # ------------------------------------------------------------ the interface

    def current_player(self, state: Mapping[str, Any]) -> str | None:
        """The seat whose turn it is, or None when the talks are over."""
        if NATIVE:
            fn = _engine_mod.current_player
            return cast("str | None", fn(state))
        if state["phase"] == "over":
            return None
        if state["phase"] == "signing":
            humans = [s for s in self.seats if state["seats"].get(s) == "human"]
            return next((s for s in humans if s not in state["signed"]), None)
        return cast("str | None", state.get("turn"))

    def view(self, state: Mapping[str, Any], seat: str | None) -> View:
        """What a seat may see (`seat=None`: the public view, for the class and observers)."""
        if NATIVE:
            return cast(View, cast(Any, self.engine).view(state, seat))
        v: View = {k: val for k, val in state.items() if k not in PRIVATE}
        v["turn"] = self.current_player(state)
        v["hand_sizes"] = {s: len(h) for s, h in state["hands"].items()}
        if seat is not None:
            v["seat"] = seat
            v["hand"] = list(state["hands"].get(seat, []))
            v["deck_size"] = len(state["decks"].get(seat, []))
        return v

    def legal_actions(self, state_or_view: Mapping[str, Any], seat: str) -> list[Action]:
        """Every action the seat may take now; empty when it is not its turn."""
        if NATIVE:
            return cast(list[Action], self.engine.legal_actions(cast(Any, state_or_view), seat))
        v = state_or_view
        if self.current_player(v) != seat:
            return []
        if v["phase"] == "signing":
            return [{"type": "sign", "seat": seat}, {"type": "refuse", "seat": seat}]
        hand = v["hand"] if "hand" in v else v["hands"][seat]
        out: list[Action] = []
        if v["used"][seat]["arguments"] < ARGUMENTS_PER_ROUND:
            out += [
                {"type": "argue", "seat": seat, "card": c}
                for c in hand
                if seat in self.engine.arguments[c]["by"]
            ]
        out += [
            {"type": "move", "seat": seat, "move": m}
            for m in self.engine.available_moves(cast(Any, v), seat)
        ]
        out += [{"type": "propose", "seat": seat, "package": p} for p in self._candidates(v)]
        if v["draft"] is not None and seat not in v["agreed"]:
            out.append({"type": "agree", "seat": seat})
        if v.get("lap", 1) >= 2:
            out.append({"type": "table", "seat": seat})
        out.append({"type": "pass", "seat": seat})
        out.append({"type": "walk_out", "seat": seat})
        return out

    def apply(
        self, state: Mapping[str, Any], action: Mapping[str, Any]
    ) -> tuple[State, list[Event]]:
        """The next state and its events; ActionError (with the reason) when the action is not
        legal now, out-of-turn actions included. The given state is left as it was."""
        if NATIVE:
            new, events = self.engine.apply(cast(Any, state), cast(Any, action))
            return cast(State, new), cast(list[Event], events)
        return self._apply(cast(State, state), action)

    def levels(self) -> tuple[str, ...]:
        return levels()

    def player(self, seat: str, level: str, seed: int) -> Player:
        """A computer player for a seat (`level` one of `levels()`)."""
        if level not in self.levels():
            raise ValueError(
                f"no computer player of level {level!r}; levels: {', '.join(self.levels())}"
            )
        if NATIVE:
            players = importlib.import_module("game.engine.players")
            return cast(Player, players.make_player(self.engine, seat, level, seed))
        return _EasyPlayer(self, seat)

    # ------------------------------------------------------------ derived (until the engine has them)

    def _candidates(self, v: Mapping[str, Any]) -> list[pkg.Package]:
        """A fixed set of packages to propose: each scripted strategy's target, the locked
        clauses as tabled; none equal to the draft or the package on the table."""
        targets: dict[str, Any] = importlib.import_module("game.engine.strategies").TARGETS
        out: list[pkg.Package] = []
        base = v["draft"] if v["draft"] is not None else v["package"]
        for want in targets.values():
            p = pkg.normalise(dict(want))
            for clause in self.engine.locked:
                p[clause] = pkg.copy(v["package"])[clause]
            if p != base and p != v["package"] and p not in out:
                out.append(p)
        return out

    def _apply(self, state: State, action: Mapping[str, Any]) -> tuple[State, list[Event]]:
        kind = action.get("type") if isinstance(action, Mapping) else None
        if kind != "override":
            turn = self.current_player(state)
            seat = action.get("seat") if isinstance(action, Mapping) else None
            if turn is None:
                over = state["outcome"]["kind"] if state.get("outcome") else "over"
                raise ActionError(f"the talks are over ({over}); {kind} is not possible")
            if seat not in self.seats:
                raise ActionError(f"unknown seat {seat!r}; seats: {', '.join(self.seats)}")
            if seat != turn:
                raise ActionError(f"it is {turn}'s turn, not {seat}'s")
        if kind == "pass":
            if state["phase"] != "talks":
                raise ActionError("Russia has accepted: each seat must sign or refuse")
            return self._pass(state)
        if kind == "table" and state.get("lap", 1) < 2:
            raise ActionError(
                "the package can be tabled from lap 2 on (every seat has had its say)"
            )
        before = (state["round"], state["phase"])
        new, events = self.engine.apply(cast(Any, state), cast(Any, action))
        s = cast(State, new)
        if (s["round"], s["phase"]) != before:
            _open_turns(s, self.seats)
        elif kind != "override":
            s["quiet"] = 0
        return s, cast(list[Event], events)

    def _pass(self, state: State) -> tuple[State, list[Event]]:
        s = dict(state)
        i = self.seats.index(s["turn"]) + 1
        lap = int(s.get("lap", 1))
        # only passes from lap 2 on count: lap 1 is every seat's first say
        quiet = int(s.get("quiet", 0)) + 1 if lap >= 2 else 0
        events: list[Event] = [{"type": "pass", "seat": s["turn"]}]
        wrapped = i >= len(self.seats)
        if wrapped:
            i = 0
            lap += 1
        s["turn"], s["lap"], s["quiet"] = self.seats[i], lap, quiet
        passed_lap = lap - 1 if wrapped else lap
        if quiet >= len(self.seats) or (wrapped and passed_lap >= MAX_LAPS):
            first = self.seats[0]
            s["turn"], s["lap"] = first, max(lap, 2)
            new, more = self.engine.apply(cast(Any, s), {"type": "table", "seat": first})
            t = cast(State, new)
            _open_turns(t, self.seats)
            return t, events + cast(list[Event], more)
        return s, events


def _open_turns(state: State, seats: Sequence[str]) -> None:
    state["turn"] = seats[0] if state["phase"] == "talks" else None
    state["lap"] = 1
    state["quiet"] = 0


class _EasyPlayer:
    """Today's computer behaviour, for a seat on its turn (until the engine has its players):
    the first move of its policy, one argument a round, agree to a draft it does not object
    to, table from lap 2 when every seat has agreed (or there is no draft), else pass; sign
    unless one of its objections holds."""

    def __init__(self, api: SeatAPI, seat: str) -> None:
        self.api, self.seat = api, seat

    def act(self, view: View) -> Action:
        api, seat = self.api, self.seat
        legal = api.legal_actions(view, seat)
        if not legal:
            raise ActionError(f"it is not {seat}'s turn")
        kinds = {a["type"]: a for a in legal}
        if view["phase"] == "signing":
            objections = api.engine.objections_to(cast(Any, view), view["package"], seat)
            return kinds["refuse"] if objections else kinds["sign"]
        policy = api.engine.actors[seat].get("policy", [])
        moves = [a for a in legal if a["type"] == "move"]
        for move_id in policy:
            for a in moves:
                if a["move"] == move_id:
                    return a
        if view["used"][seat]["arguments"] == 0 and "argue" in kinds:
            return kinds["argue"]
        if "agree" in kinds and not api.engine.objections_to(cast(Any, view), view["draft"], seat):
            return kinds["agree"]
        if "table" in kinds and (
            view["draft"] is None or all(s in view["agreed"] for s in api.seats)
        ):
            return kinds["table"]
        return kinds["pass"]
