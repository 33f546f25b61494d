"""Scripted players for the human seat in `guarantor simulate` and in tests.

A strategy reads its seat's view and yields the actions it takes this round: arguments, a
move, a proposal, ending with `table`. `StrategyPlayer` plays one as a player
(`players.Player`): in lap 1 it plays the round's actions and passes instead of tabling
(the other seats answer first), and from lap 2 it tables. It uses its own generator (a plain
int, seeded from the game's seed) so that it never touches the game's dice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from game.engine import package as pkg
from game.engine import rng
from game.engine.drive import run, run_quiet
from game.engine.game import ARGUMENTS_PER_ROUND, Action, Engine, Event, State
from game.engine.players import Player, make_player, respond
from game.engine.shapes import Readable, View
from game.engine.targets import BARGAIN_CANDIDATES
from game.engine.targets import TARGETS as TARGETS  # where the strategies aim: read by handouts too

Now = Callable[[], View]
Plan = Callable[[Engine, Now, str, list[int]], Iterator[Action]]
"""A strategy yields its actions one at a time, reading the live state through `now()`."""

CONCEDES = {
    "paper": True,
    "pledge": True,
    "air": True,
    "reassurance": False,
    "tripwire": False,
    "buy_off": False,
    "appease": True,
    "maximal": False,
}
"""Whether the strategy pays the price Russia names when it counters."""

SIGNS_FROM = {
    "paper": 0,
    "pledge": 0,
    "air": 0,
    "reassurance": 40,
    "tripwire": 20,
    "buy_off": 40,
    "appease": 0,
    "maximal": 60,
}
"""The least credibility a strategy signs for when Russia accepts."""


_FULL: dict[str, pkg.Package] = {}
"""Wanted packages in full, by their repr (packages are never changed in place)."""


def _respecting_locks(engine: Engine, state: Readable, want: dict[str, Any]) -> pkg.Package:
    """The wanted package in full (unnamed clauses at their defaults), locked clauses as tabled."""
    if not engine.locked:
        key = repr(want)
        full = _FULL.get(key)
        if full is None:
            full = _FULL[key] = pkg.normalise(want)
        return full
    out = pkg.normalise(want)  # clause by clause, from the tabled one
    for clause in engine.locked:
        out[clause] = pkg.copy(state["package"])[clause]
    return out


def _wanted(engine: Engine, state: Readable, seat: str, target: pkg.Package) -> set[str]:
    """The positions that, moved up, would lift another seat's objection to the target."""
    wanted: set[str] = set()
    for o in engine.objections_to(state, target):
        if o["seat"] != seat and not o["red_line"]:
            wanted |= _positions_in(engine.objection_data(o["id"]).get("unless"))
    return wanted


def _best_card(engine: Engine, state: View, seat: str, wanted: set[str]) -> str | None:
    """The card that helps most: one that moves a position blocking the target the right
    way, else one that lowers Russia's confidence; never one that works against the target."""

    def gain(card_id: str) -> float:
        total = 0.0
        for e in engine.arguments[card_id]["effects"]:
            if e["kind"] == "position" and e["position"] in wanted:
                total += 2 * e["delta"]
            elif e["kind"] == "shift" and e["indicator"] == "momentum":
                total -= e["delta"]
        return total

    scored = [(gain(c), engine.arguments[c]["strength"], c) for c in state["hand"]]
    useful = [x for x in scored if x[0] > 0]
    return max(useful)[2] if useful else None


def _positions_in(cond: Any) -> set[str]:
    if not cond:
        return set()
    if cond["kind"] in ("all", "any"):
        return set().union(*(_positions_in(c) for c in cond["of"]))
    if cond["kind"] == "not":
        return _positions_in(cond["cond"])
    return {cond["position"]} if cond["kind"] == "position" else set()


def _scripted(name: str) -> Plan:
    def plan(engine: Engine, now: Now, seat: str, own_rng: list[int]) -> Iterator[Action]:
        state = now()
        if state["phase"] == "signing":
            answer = state["answer"]  # Russia has accepted: its answer is on record
            ok = answer is not None and answer["credibility"] >= SIGNS_FROM[name]
            yield {"type": "sign" if ok else "refuse", "seat": seat}
            return
        want = dict(TARGETS[name])
        last = state.get("answer")
        if CONCEDES[name] and last and last["stance"] == "counter":
            want.update(last["demands"])
        target = _respecting_locks(engine, state, want)
        hand = state["hand"]
        if hand:
            moves_positions = any(
                e["kind"] == "position" for c in hand for e in engine.arguments[c]["effects"]
            )
            wanted = _wanted(engine, state, seat, target) if moves_positions else set()
            for _ in range(ARGUMENTS_PER_ROUND):
                card = _best_card(engine, now(), seat, wanted)
                if card is None:
                    break
                yield {"type": "argue", "seat": seat, "card": card}
        moves = engine.available_moves(now(), seat)
        policy = [m for m in engine.actors[seat].get("policy", []) if m in moves]
        if policy:
            yield {"type": "move", "seat": seat, "move": policy[0]}
        if target != now()["package"]:
            yield {"type": "propose", "seat": seat, "package": target}
        yield {"type": "table", "seat": seat}

    return plan


_RANDOM_OPTIONS: tuple[tuple[Any, ...], ...] = (
    (0, 0, 0, 3000, 15000, 20000, 40000),  # troops.europe
    (0, 0, 0, 0, 0, 5000),  # troops.us
    (False, False, False, True),  # nato_membership
    (False, True),  # observers
    *pkg.CHOICES.values(),
)
"""What the random strategy picks a package's clauses from, in the order it picks them."""


def _random_package(engine: Engine, state: View, own_rng: list[int]) -> pkg.Package:
    own_rng[0], (europe, us, nato, observers, *chosen) = rng.picks(own_rng[0], _RANDOM_OPTIONS)
    want: dict[str, Any] = {
        "troops": {"europe": europe, "us": us},
        "nato_membership": nato,
        "observers": observers,
    }
    want.update(zip(pkg.CHOICES, chosen, strict=True))
    return _respecting_locks(engine, state, want)


def _random(engine: Engine, now: Now, seat: str, own_rng: list[int]) -> Iterator[Action]:
    if now()["phase"] == "signing":
        own_rng[0], coin = rng.randint(own_rng[0], 0, 3)
        yield {"type": "refuse" if coin == 0 else "sign", "seat": seat}
        return
    own_rng[0], n_args = rng.randint(own_rng[0], 0, ARGUMENTS_PER_ROUND)
    for _ in range(n_args):
        hand = now()["hand"]
        if not hand:
            break
        own_rng[0], i = rng.randint(own_rng[0], 0, len(hand) - 1)
        yield {"type": "argue", "seat": seat, "card": hand[i]}
    moves = engine.available_moves(now(), seat)
    own_rng[0], take = rng.randint(own_rng[0], 0, len(moves))
    if take:
        yield {"type": "move", "seat": seat, "move": moves[take - 1]}
    own_rng[0], propose = rng.randint(own_rng[0], 0, 3)
    if propose:
        yield {"type": "propose", "seat": seat, "package": _random_package(engine, now(), own_rng)}
    yield {"type": "table", "seat": seat}


def _bargain(engine: Engine, now: Now, seat: str, own_rng: list[int]) -> Iterator[Action]:
    """A careful negotiator who reads the chart: of the packages every ally would table, the
    most credible one Russia would accept now; failing that, the one closest to Russia's
    threshold. It argues at whoever blocks its first choice and wears down Russia's
    confidence with moves that do not cost US engagement."""
    state = now()
    if state["phase"] == "signing":
        yield {"type": "sign", "seat": seat}
        return
    best_accept: tuple[int, pkg.Package] | None = None
    best_gap: tuple[int, int, pkg.Package] | None = None
    first = _respecting_locks(engine, state, BARGAIN_CANDIDATES[0])
    for want in BARGAIN_CANDIDATES:
        p = _respecting_locks(engine, state, want)
        if engine.objections_to(state, p):
            continue
        verdict = engine.assess(state, p)
        if verdict.stance == "accept":
            if best_accept is None or verdict.credibility > best_accept[0]:
                best_accept = (verdict.credibility, p)
        else:
            gap = verdict.acceptability - verdict.threshold
            if best_gap is None or (gap, verdict.credibility) > best_gap[:2]:
                best_gap = (gap, verdict.credibility, p)
    target = best_accept[1] if best_accept else best_gap[2] if best_gap else first
    if state["hand"]:
        wanted = _wanted(engine, state, seat, first)
        for _ in range(ARGUMENTS_PER_ROUND):
            card = _best_card(engine, now(), seat, wanted)
            if card is None:
                break
            yield {"type": "argue", "seat": seat, "card": card}
    for move in engine.available_moves(now(), seat):
        effects = engine.moves[move]["effects"]
        lowers = any(
            e["kind"] == "shift" and e["indicator"] == "momentum" and e["delta"] < 0
            for e in effects
        )
        costly = any(
            e["kind"] == "shift" and e["indicator"] == "us_engagement" and e["delta"] < 0
            for e in effects
        )
        if lowers and not costly:
            yield {"type": "move", "seat": seat, "move": move}
            break
    if target != now()["package"]:
        yield {"type": "propose", "seat": seat, "package": target}
    yield {"type": "table", "seat": seat}


STRATEGIES: dict[str, Plan] = {name: _scripted(name) for name in TARGETS}
STRATEGIES["bargain"] = _bargain
STRATEGIES["random"] = _random


class StrategyPlayer:
    """A scripted strategy as a player: each round it plays the plan's actions in lap 1 and
    passes where the plan tables (every seat answers first); from lap 2 it tables."""

    def __init__(self, engine: Engine, seat: str, strategy: str, seed: int) -> None:
        self.engine, self.seat = engine, seat
        self.plan = STRATEGIES[strategy]
        self.own_rng = [rng.own_stream(seed, 0x5EED)]  # (apart from any other seed's)
        self.view: View | None = None
        self.key: tuple[int, str] | None = None
        self.steps: Iterator[Action] = iter(())

    def _now(self) -> View:
        assert self.view is not None
        return self.view

    def act(self, view: View) -> Action:
        self.view = view
        if view.get("pending"):
            answer = respond(self.engine, view, self.seat)
            if answer is not None:  # a computer seat argued at it: the plan goes on after
                return answer
        key = (view["round"], view["phase"])
        if key != self.key:
            self.key = key
            self.steps = self.plan(self.engine, self._now, self.seat, self.own_rng)
        action = next(self.steps, None)
        if view["phase"] == "signing":
            return action or {"type": "sign", "seat": self.seat}
        if action is None or action["type"] == "table":
            self.steps = iter(())  # the round's plan is played: table from lap 2
            return {"type": "table" if view["lap"] >= 2 else "pass", "seat": self.seat}
        return action


def players_for(
    engine: Engine, seed: int, seat: str, strategy: str, level: str = "easy"
) -> dict[str, Player]:
    """The strategy for `seat`, the computer (at `level`) for the others."""
    out: dict[str, Player] = {
        s: make_player(engine, s, level, seed * 31 + i)
        for i, s in enumerate(engine.seats)
        if s != seat
    }
    out[seat] = StrategyPlayer(engine, seat, strategy, seed)
    return out


def play(
    engine: Engine, seed: int, seat: str, strategy: str, level: str = "easy"
) -> tuple[State, list[Action], list[Event]]:
    """One whole game: the final state, the action log (every seat's) and every event; the
    other seats played by the computer at `level`."""
    state, events = engine.new_game(seed, humans=[seat])
    # this game owns its states: applied in place
    players = players_for(engine, seed, seat, strategy, level)
    state, log, more = run(engine, state, players, in_place=True)
    events.extend(more)
    return state, log, events


def play_quiet(
    engine: Engine, seed: int, seat: str, strategy: str, level: str = "easy"
) -> tuple[State, list[Action]]:
    """`play` telling nothing (`Engine.step`): the same final state and action log, without
    the events (`guarantor simulate`)."""
    state, _ = engine.new_game(seed, humans=[seat])
    players = players_for(engine, seed, seat, strategy, level)
    return run_quiet(engine, state, players)
