"""The game: one `Engine` per scenario, one `apply(state, action) -> (state, events)`.

The state is plain, JSON-serialisable data (dicts, lists, ints, strings); the
random generator's state is an integer inside it. The engine is the scenario's
compiled rulebook (`rulebook.Rulebook`, which never changes once built) with the
two entry points below; the action handlers are in `actions`, effects in `effects`,
the ending and the scores in `outcome`. `apply` never mutates the state it is given.

Actions are dicts with a `type` (their shapes, and the events', are in `shapes`):

    {"type": "argue",    "seat": "europe", "card": "arg.budapest", "dice": [3, 4]?}
    {"type": "move",     "seat": "us", "move": "us.sanctions"}
    {"type": "propose",  "seat": "europe", "package": {...}}
    {"type": "agree",    "seat": "ukraine"}
    {"type": "table",    "seat": "europe"}        # ends the round: Russia answers
    {"type": "walk_out", "seat": "us"}
    {"type": "sign",     "seat": "ukraine"}       # after Russia accepts: every human seat signs
    {"type": "refuse",   "seat": "ukraine"}       # ... or refuses, and the talks go on
    {"type": "override", "seat": "facilitator", "reason": "...", "set": {"momentum": 40}}

`dice` on `argue` is a facilitator's override of the roll; it is logged with
the action like everything else.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine import outcome, rng
from game.engine import package as pkg
from game.engine.actions import HANDLERS, ActionError, open_round
from game.engine.rulebook import ARGUMENTS_PER_ROUND, HAND_SIZE, Rulebook
from game.engine.shapes import Action, Event, SeatScore, State
from game.engine.vocab import SEATS

__all__ = [
    "ARGUMENTS_PER_ROUND",
    "HAND_SIZE",
    "SEATS",
    "Action",
    "ActionError",
    "Engine",
    "Event",
    "State",
]


class Engine(Rulebook):
    """A scenario's compiled rulebook with its two entry points: `new_game` and `apply`."""

    # ------------------------------------------------------------ start

    def new_game(
        self, seed: int, humans: list[str] | tuple[str, ...] = ()
    ) -> tuple[State, list[Event]]:
        """The opening state (round 1's news applied) and its events."""
        for seat in humans:
            if seat not in self.seats:
                raise ActionError(
                    f"unknown seat {seat!r} in scenario {self.id}; seats: {', '.join(self.seats)}"
                )
        start = self.book["start"]
        positions: dict[str, int] = {}
        for seat in self.seats:
            for p in self.actors[seat].get("positions", []):
                positions[p["id"]] = int(p["start"])
        positions.update(start.get("positions", {}))
        state: State = {
            "scenario": self.id,
            "seed": seed,
            "rng": rng.seed_state(seed),
            "round": 1,
            "phase": "talks",
            "seats": {s: ("human" if s in humans else "computer") for s in self.seats},
            "indicators": dict(start["indicators"]),
            "positions": positions,
            "flags": {f: True for f in start.get("flags", [])},
            "package": pkg.copy(self.book["package"]),
            "draft": None,
            "agreed": [],
            "used": {s: {"arguments": 0, "move": None} for s in self.seats},
            "hands": {s: [] for s in self.seats},
            "decks": {s: [] for s in self.seats},
            "played": [],
            "standing": [],
            "ongoing": [],
            "news": [],
            "answer": None,
            "history": [],
            "signed": [],
            "outcome": None,
            "epilogue": None,
            "scores": None,
            "date": "",  # the round's date: set as the round opens, below
        }
        events: list[Event] = []
        for seat in humans:
            state["rng"], deck = rng.shuffled(state["rng"], self.decks[seat])
            state["decks"][seat] = deck
        open_round(self, state, events)
        return state, events

    # ------------------------------------------------------------ the one entry point

    def apply(
        self, state: State, action: Action, *, in_place: bool = False
    ) -> tuple[State, list[Event]]:
        """The next state and what happened. Raises ActionError for an illegal action.

        The state given is left as it was, unless `in_place`: a caller that owns the state and
        never looks back at it (the batch simulator) may skip the copy; the result is the same,
        but after an ActionError such a state may be half changed and must be dropped."""
        if not (type(action) is dict or isinstance(action, Mapping)) or "type" not in action:
            raise ActionError(f"an action is a mapping with a 'type', not {action!r}")
        kind = action["type"]
        handler = HANDLERS.get(kind)
        if handler is None:
            raise ActionError(f"unknown action type {kind!r}; known: {', '.join(HANDLERS)}")
        phase = state["phase"]
        if phase == "over":
            over = state["outcome"]["kind"] if state["outcome"] else "over"
            raise ActionError(f"the talks are over ({over}); {kind} is not possible")
        if kind != "override" and (phase == "signing") != (kind in ("sign", "refuse")):
            raise ActionError(
                "Russia has accepted: each human seat must sign or refuse"
                if phase == "signing"
                else f"{kind} is only possible after Russia accepts"
            )
        new = state if in_place else _copy(state)
        events: list[Event] = []
        handler(self, new, action, events)
        return new, events

    # ------------------------------------------------------------ reading the end

    def scores(self, state: State) -> dict[str, SeatScore]:
        """Each seat's score on its own objectives in this state, every part shown (3.9)."""
        return outcome.scores(self, state)


def _copy(s: State) -> State:
    """A copy deep enough that handlers can change it freely; finished entries are shared."""
    n = s.copy()
    n["indicators"] = dict(s["indicators"])
    n["positions"] = dict(s["positions"])
    n["flags"] = dict(s["flags"])
    n["seats"] = dict(s["seats"])
    # packages are replaced whole, never changed in place, so they are shared
    n["used"] = {k: v.copy() for k, v in s["used"].items()}
    n["hands"] = {k: list(v) for k, v in s["hands"].items()}
    n["decks"] = {k: list(v) for k, v in s["decks"].items()}
    n["agreed"] = list(s["agreed"])
    return n
