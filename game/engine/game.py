"""The game: one `Engine` per scenario, one `apply(state, action) -> (state, events)`
(and `step(state, action) -> state`, the same applied in place telling nothing, for a batch
of games or a search that reads only the states).

The state is plain, JSON-serialisable data (dicts, lists, ints, strings); the
random generator's state is an integer inside it. The engine is the scenario's
compiled rulebook (`rulebook.Rulebook`, which never changes once built) with the
two entry points below; the action handlers are in `actions`, effects in `effects`,
the ending and the scores in `outcome`. `apply` never mutates the state it is given.

Actions are dicts with a `type` (their shapes, and the events', are in `shapes`):

    {"type": "argue",    "seat": "europe", "card": "arg.budapest", "dice": [3, 4]?}
    {"type": "move",     "seat": "us", "move": "us.sanctions"}
    {"type": "propose",  "seat": "europe", "package": {...}}
    {"type": "agree",    "seat": "ukraine"}       # to the draft, once per draft ...
    {"type": "object",   "seat": "us", "objections": ["us.no_us_troops"]}  # ... or object
    {"type": "counter",  "seat": "us", "card": "arg.x"}  # answer an argument standing against it
    {"type": "respond",  "seat": "europe", "answer": "concede" | "counter" | "stand",
     "counter": "counter.x"?}   # a person answers a computer seat's argument (`pending`)
    {"type": "undo",     "seat": "europe"}        # take back the last move/proposal/answer
    {"type": "pass",     "seat": "europe"}        # ends the turn: the next seat plays
    {"type": "table",    "seat": "europe"}        # from lap 2, ends the round: Russia answers
    {"type": "walk_out", "seat": "us"}
    {"type": "sign",     "seat": "ukraine"}       # after Russia accepts: every seat signs
    {"type": "refuse",   "seat": "ukraine"}       # ... or refuses, and the talks go on
    {"type": "override", "seat": "facilitator", "reason": "...", "set": {"momentum": 40}}
    {"type": "inject" | "verdict" | "skip" | "end_talks", "reason": "...", ...}
                                                  # a facilitator's: see `facilitator`

Every action but `override` (the facilitator's, at any time) is taken by the seat whose turn
it is (`current_player`; the turn order is in `actions`). `dice` on `argue` is a facilitator's
override of the roll; it is logged with the action like everything else.

`view(state, seat)` is what one seat may know (`shapes.View`); `legal_actions(view, seat)`
lists what it may do, reading only the view; players (`players`) act on views, and a driver
(`drive`) runs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from game.engine import outcome, rng
from game.engine import package as pkg
from game.engine.actions import HANDLERS, ActionError, open_round
from game.engine.facilitator import HANDLERS as FACILITATOR_HANDLERS
from game.engine.legal import legal_actions
from game.engine.rulebook import ARGUMENTS_PER_ROUND, HAND_SIZE, Rulebook
from game.engine.shapes import MUTED, Action, Event, Readable, SeatScore, State, View
from game.engine.vocab import FACILITATOR_ACTIONS, FINAL_ACTIONS, SEATS

HANDLERS.update(FACILITATOR_HANDLERS)
"""The facilitator's interventions join the table of handlers (they build on its own)."""

__all__ = [
    "ARGUMENTS_PER_ROUND",
    "HAND_SIZE",
    "SEATS",
    "Action",
    "ActionError",
    "Engine",
    "Event",
    "State",
    "View",
    "current_player",
    "view",
]


_TALKS = {
    kind: handler
    for kind, handler in HANDLERS.items()
    if kind not in FACILITATOR_ACTIONS and kind not in ("sign", "refuse")
}
"""The handlers of a seat's actions in the talks (not the signing, not the facilitator's)."""


def current_player(state: Readable) -> str | None:
    """The seat whose turn it is, or None when the talks are over."""
    return state["turn"] if state["phase"] != "over" else None


_PRIVATE = ("rng", "seed", "hands", "decks", "back", "years_rng")
"""The state's parts no view holds."""


def view(state: State, seat: str | None) -> View:
    """What `seat` may know of the game (None: anyone watching). It shares the state's parts
    (a shallow view, cheap enough for every turn of a batch): read it, never change it."""
    v: dict[str, Any] = state.copy()  # type: ignore[assignment]
    del v["rng"], v["seed"], v["hands"], v["decks"], v["back"]  # _PRIVATE
    v.pop("years_rng", None)  # (a state a player makes up from a view has none)
    hands = state["hands"]
    v["seat"] = seat
    v["hand_sizes"] = dict(zip(hands, map(len, hands.values()), strict=True))
    hand = hands.get(seat) if seat is not None else None
    if hand is not None:
        v["hand"] = hand
        v["deck_size"] = len(state["decks"][seat])  # type: ignore[index]
    else:
        v["hand"] = []
        v["deck_size"] = 0
    v["can_undo"] = state["back"] is not None
    return v  # type: ignore[return-value]  # (no call to cast: a view is made every turn)


COMPUTER_DECKS = 0xC0DEC0DE
"""Mixed into the seed for a computer seat's deck (each seat's own generator): a game's dice and
its people's cards are as they were before the computer seats held cards, so old saves replay
the same."""


DICE = 0xD1CE5
"""Mixed with the seed for the dice's generator (`rng.own_stream`), which also shuffles the
people's decks: games with neighbouring seeds roll dice of their own (before save version 5,
seed s + 1 rolled seed s's dice one draw on, so a batch of seeded games was far less varied
than it looked)."""
YEARS = 0x7EA25
"""Mixed with the seed for the epilogue's years (`rng.own_stream`): their rolls come from a
generator of their own, so a game with the same seed meets the same years' luck whatever was
played (a replay with other choices, another level at a seat)."""


class Engine(Rulebook):
    """A scenario's compiled rulebook with its two entry points: `new_game` and `apply`."""

    # ------------------------------------------------------------ start

    def new_game(
        self,
        seed: int,
        humans: list[str] | tuple[str, ...] = (),
        rounds: int | None = None,
        *,
        old_random: bool = False,
    ) -> tuple[State, list[Event]]:
        """The opening state (round 1's news applied) and its events. `rounds`: a shorter
        game than the scenario's (a lesson, GAME-DESIGN 7), 1 to the scenario's rounds.
        `old_random`: the game draws its random numbers as every game saved before save
        version 5 did, so that such a save replays as it was: the dice's generator seeded
        from the seed as it stands (`rng.seed_state`, whose neighbouring seeds share one
        stream a draw apart) and the epilogue's years rolled from the dice's generator.
        Otherwise each of the game's generators (the dice, each computer seat's deck, the
        years) is a stream of its own, the seed mixed with a salt (`rng.own_stream`): no two
        seeds' games share their dice, and the same seed meets the same years whatever was
        played."""
        if rounds is not None and (type(rounds) is not int or not 1 <= rounds <= self.rounds):
            raise ActionError(
                f"a game of scenario {self.id} has 1 to {self.rounds} rounds, not {rounds!r}"
            )
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
            "rng": rng.seed_state(seed) if old_random else rng.own_stream(seed, DICE),
            "years_rng": None if old_random else rng.own_stream(seed, YEARS),
            "round": 1,
            "phase": "talks",
            "seats": {s: ("human" if s in humans else "computer") for s in self.seats},
            "indicators": dict(start["indicators"]),
            "positions": positions,
            "flags": {f: True for f in start.get("flags", [])},
            "package": pkg.copy(self.book["package"]),
            "draft": None,
            "answers": {},
            "pending": None,
            "turn": self.seats[0],
            "lap": 1,
            "quiet": 0,
            "back": None,
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
            "rounds": rounds or self.rounds,
        }
        events: list[Event] = []
        for seat in humans:
            state["rng"], deck = rng.shuffled(state["rng"], self.decks[seat])
            state["decks"][seat] = deck
        for i, seat in enumerate(self.seats):
            if seat not in humans:  # a generator of its own: the dice and people's cards stay
                deal = (
                    rng.seed_state((seed * 8 + i) ^ COMPUTER_DECKS)
                    if old_random
                    else rng.own_stream(seed * 8 + i, COMPUTER_DECKS)
                )
                _, state["decks"][seat] = rng.shuffled(deal, self.decks[seat])
        open_round(self, state, events)
        return state, events

    # ------------------------------------------------------------ the one entry point

    def apply(
        self, state: State, action: Action, *, in_place: bool = False
    ) -> tuple[State, list[Event]]:
        """The next state and what happened. Raises ActionError for an illegal action.

        The state given is left as it was, unless `in_place`: a caller that owns the state and
        never looks back at it (the batch simulator) may skip the copy; the result is the same,
        but after an ActionError such a state may be half changed and must be dropped. An
        in-place state keeps no undo state (`back`), so `undo` is not possible on it."""
        events: list[Event] = []
        return self._act(state, action, in_place, events), events

    def step(self, state: State, action: Action) -> State:
        """`apply(state, action, in_place=True)` telling nothing: the same next state, with no
        events built (a batch of games or a search that reads only the states). The state
        given is changed; after an ActionError it must be dropped."""
        return self._act(state, action, True, MUTED)

    def _act(self, state: State, action: Action, in_place: bool, events: list[Event]) -> State:
        """`apply` and `step`: the one way an action changes a game."""
        handler = _TALKS.get(action.get("type")) if type(action) is dict else None
        if (
            handler is None
            or state["phase"] != "talks"
            or action.get("seat") != state["turn"]
            or state.get("pending")
        ):
            # every check, where the common case above (a seat's own move in the talks, on
            # its turn, with no argument waiting) needs none
            if (type(action) is not dict and not isinstance(action, Mapping)) or (
                "type" not in action
            ):
                raise ActionError(f"an action is a mapping with a 'type', not {action!r}")
            kind = action["type"]
            handler = HANDLERS.get(kind)
            self._check(state, action, kind, handler, state["phase"])
            if kind == "undo":
                back = self._undo(state)
                events.append({"type": "undone", "seat": str(action.get("seat"))})
                return back
            assert handler is not None
        else:
            kind = action["type"]
        new = state if in_place else _copy(state)
        handler(self, new, action, events)
        if kind != "pass":
            new["quiet"] = 0  # a seat did something: the next quiet lap starts afresh
        new["back"] = None if in_place or kind in FINAL_ACTIONS else state
        return new

    def _check(self, state: State, action: Action, kind: Any, handler: Any, phase: str) -> None:
        """Every check of an action before its handler's own (`_act`)."""
        if handler is None and kind != "undo":
            raise ActionError(
                f"unknown action type {kind!r}; known: {', '.join([*HANDLERS, 'undo'])}"
            )
        if phase == "over":
            over = state["outcome"]["kind"] if state["outcome"] else "over"
            raise ActionError(f"the talks are over ({over}); {kind} is not possible")
        if kind not in FACILITATOR_ACTIONS:
            seat = action.get("seat")
            if seat != state["turn"]:
                if seat not in self.seats:
                    raise ActionError(f"unknown seat {seat!r}; seats: {', '.join(self.seats)}")
                raise ActionError(f"it is {state['turn']}'s turn, not {seat}'s")
            pending = state.get("pending")
            if pending and kind != "respond":
                raise ActionError(
                    f"{pending['seat']}'s argument {pending['card']} awaits {seat}'s answer:"
                    " respond (concede, counter or stand)"
                )
            if kind == "undo":
                return
            if (phase == "signing") != (kind == "sign" or kind == "refuse"):
                raise ActionError(
                    "Russia has accepted: each seat must sign or refuse"
                    if phase == "signing"
                    else f"{kind} is only possible after Russia accepts"
                )

    def _undo(self, state: State) -> State:
        back = state.get("back")
        if back is None:
            raise ActionError(
                "nothing to undo: a roll, a pass, a tabling and an answer to Russia stand"
            )
        return back

    # ------------------------------------------------------------ seats and their views

    def current_player(self, state: Readable) -> str | None:
        """The seat whose turn it is, or None when the talks are over."""
        return current_player(state)

    def view(self, state: State, seat: str | None) -> View:
        """What a seat may know (`view`); `seat` None is the public view."""
        return view(state, seat)

    def legal_actions(self, state_or_view: State | View, seat: str) -> list[Action]:
        """Every action `seat` may take now, reading only what its view holds (so a state
        and the seat's view of it give the same list); empty when it is not its turn.
        Proposals are a documented set of candidates (`legal.candidate_packages`): any other
        well-formed package is a legal proposal too."""
        if "hands" in state_or_view:
            return legal_actions(self, view(cast(State, state_or_view), seat), seat)
        return legal_actions(self, state_or_view, seat)

    # ------------------------------------------------------------ reading the end

    def scores(self, state: State, seat: str | None = None) -> dict[str, SeatScore]:
        """Each seat's score on its own objectives in this state, every part shown (3.9);
        only `seat`'s when given."""
        return outcome.scores(self, state, None if seat is None else (seat,))


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
    n["answers"] = dict(s["answers"])  # each answer is replaced whole, never changed
    return n
