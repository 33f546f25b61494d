"""What a state is worth to a seat, and a whole state rebuilt from a seat's view.

The computer seats above `easy` (game.engine.levels) judge an action by the state it leads
to, from their own objectives (`actors.yaml`'s `score`, read through `Engine.scores`):

- a finished game is worth its score; a deal is worth its score over the epilogue's chance of
  renewed aggression (the expectation, not one roll of it);
- an unfinished one is worth its outlook: the deal the seat could get, weighed by how likely
  Russia is to take it and how far the allies are from agreeing to it, against the score the
  seat gets if the talks run out. Each part of it is a score the engine computes, on a state
  changed as the talks would change it (a deal on the package; the rounds run out with Russia
  taking land and Washington losing patience). The constants below are the outlook's own
  design numbers, not the game's.

`determinise` turns a seat's view (what the seat may see: no other hand, no deck order, no
random generator) into a whole state the engine can apply actions to: the cards the seat has
not seen are dealt at random to the other hands and decks, and the dice get a fresh generator.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from game.engine import package as pkg
from game.engine import rng
from game.engine.game import Engine
from game.engine.legal import single_changes
from game.engine.outcome import war_goes_on
from game.engine.shapes import Epilogue, Package, State
from game.engine.targets import BARGAIN_CANDIDATES, TARGETS

# ---------------------------------------------------------------- the outlook's design numbers

LAND_PER_ROUND = 2.3
"""Territory Russia takes in a round without a deal (its rule: 1 + 0.02 x momentum, about 2.3
at the usual momentum of 65)."""
PATIENCE_PER_ROUND = 3
"""US engagement lost in a round without a deal (`us.impatience`)."""
GAP_SCALE = 4.0
"""How sharply the chance of Russia accepting rises with acceptability above its threshold."""
ROUND_GAIN = 1.5
"""Acceptability points a round still to play is worth (moves and arguments wear Russia's
confidence down, its price can be paid)."""
FIRST_ACCEPT_ROUND = 3
"""Russia signs nothing in the first two rounds (`russia.opening_weeks`)."""
REACH_RANGE = 40.0
"""A flexible objection this many points from lifting makes a package out of reach."""
LATER = 0.85
"""A package still to be agreed is worth this share of one that is on its way to Russia."""
WISH = 0.1
"""What bringing the allies closer to the package a seat's interests want most is worth, as
a share of that package's gain over no deal, whatever Russia says of it now: a seat argues
for what it wants, not only for what Moscow would take today."""


@dataclass(frozen=True, slots=True)
class Prospect:
    """What one package is worth to a seat now: the deal, and the chance of it."""

    package: Package
    deal: float
    """The seat's expected score if Russia accepted it and it were signed now."""
    chance: float
    """How likely Russia is to accept it before the rounds run out (0 when its red lines
    forbid it)."""
    reach: float
    """How close the allies are to agreeing to it (1: nobody objects; 0: a red line)."""


def final_value(engine: Engine, state: State, seat: str) -> float:
    """A finished game's worth to the seat: its score; for a deal, its expectation over the
    epilogue's roll (the land lost to renewed aggression given back before it is weighed)."""
    outcome = state["outcome"]
    epi = state["epilogue"]
    if outcome is None or outcome["kind"] != "deal" or epi is None:
        scores = state["scores"] or engine.scores(state)
        return float(scores[seat]["total"])
    before = dict(state["indicators"])
    for year in epi["years"]:
        if "territory" in year:
            before["territory"] = int(year["territory"][0])
    base = cast(State, {**state, "indicators": before})
    return deal_value(engine, base, seat, state["package"])


def aggression_chance(engine: Engine, credibility: int) -> float:
    """The chance of renewed aggression in the years after a deal at this credibility."""
    ep = engine.epilogue
    yearly = float(ep["base"]) * (1 - credibility / 100.0) ** float(ep["exponent"])
    return float(1 - (1 - yearly) ** int(ep["years"]))


def deal_value(engine: Engine, state: State, seat: str, package: Package) -> float:
    """The seat's expected score if Russia accepted `package` in this state and it were
    signed: the deal's score, weighed over whether the peace holds."""
    credibility, _ = engine.sums(state, package)
    q = aggression_chance(engine, credibility)
    epi: dict[str, Any] = {
        "deal": True,
        "credibility": credibility,
        "chance": None,
        "aggression_year": None,
        "years": [],
        "stories": [],
    }
    deal = cast(
        State,
        {
            **state,
            "package": package,
            "phase": "over",
            "outcome": {"kind": "deal", "reason": "russia_accepts", "round": state["round"]},
            "epilogue": epi,
        },
    )
    held = float(engine.scores(deal, seat)[seat]["total"])
    if q <= 0:
        return held
    loss = int(engine.epilogue.get("territory_loss", 0))
    ind = dict(state["indicators"])
    ind["territory"] = max(0, ind.get("territory", 0) - loss)
    broken = cast(
        State,
        {**deal, "indicators": ind, "epilogue": {**epi, "aggression_year": 1}},
    )
    return (1 - q) * held + q * float(engine.scores(broken, seat)[seat]["total"])


def no_deal_value(engine: Engine, state: State, seat: str) -> float:
    """The seat's score if the talks run out from here: Russia keeps taking land, Washington
    keeps losing patience (to a collapse, when its engagement runs out), round after round."""
    left = max(0, engine.rounds - state["round"] + 1)
    ind = dict(state["indicators"])
    if "territory" in ind:
        ind["territory"] = max(0, round(ind["territory"] - LAND_PER_ROUND * left))
    kind = "timeout"
    last = engine.rounds
    if "us_engagement" in ind:
        engaged = ind["us_engagement"]
        if engaged - PATIENCE_PER_ROUND * left <= 0:
            kind = "collapse"
            last = min(engine.rounds, state["round"] + engaged // PATIENCE_PER_ROUND)
        ind["us_engagement"] = max(0, engaged - PATIENCE_PER_ROUND * left)
    end = cast(
        State,
        {
            **state,
            "indicators": ind,
            "round": last,
            "phase": "over",
            "outcome": {"kind": kind, "reason": "rounds_out", "round": last},
            "epilogue": None,
        },
    )
    if kind == "collapse":
        end["epilogue"] = collapse_epilogue(engine, end)
    return float(engine.scores(end, seat)[seat]["total"])


def collapse_epilogue(engine: Engine, end: State) -> Epilogue:
    """The epilogue of a collapse in `end` (its indicators changed as the war goes on)."""
    return {
        "deal": False,
        "credibility": 0,
        "chance": None,
        "aggression_year": None,
        "years": [],
        "stories": [],
        "war": war_goes_on(engine.epilogue, end, engine.rounds),
    }


def leaving_value(engine: Engine, state: State, seat: str) -> float:
    """What walking out now is worth to the seat: the talks collapse, and what follows a
    collapse follows (the epilogue's `collapse` part: the war goes on without a guarantee)."""
    end = cast(
        State,
        {
            **state,
            "indicators": dict(state["indicators"]),
            "phase": "over",
            "outcome": {"kind": "collapse", "reason": f"{seat}_walks_out", "round": state["round"]},
        },
    )
    end["epilogue"] = collapse_epilogue(engine, end)
    return float(engine.scores(end, seat)[seat]["total"])


def accept_chance(engine: Engine, state: State, package: Package, settled: bool = False) -> float:
    """How likely Russia is to accept the package before the talks end: none when its red
    lines hold it at `reject`; otherwise rising with acceptability over the threshold, and
    with the rounds left to wear its confidence down or pay its price.

    `settled` weighs, in the opening weeks (when Moscow signs nothing whatever its sums say,
    `russia.opening_weeks`), the answer it would give once they are over; without it, a
    package Russia's sums already take reads there as one it will never sign (the rule that
    holds it at naming its price is taken for a lasting one)."""
    if settled and state["round"] < FIRST_ACCEPT_ROUND:
        state = cast(State, {**state, "round": FIRST_ACCEPT_ROUND})
    answer = engine.assess(state, package)
    if answer.stance == "reject":
        return 0.0
    if answer.stance == "counter" and (
        answer.raw_acceptability >= answer.threshold or pkg.flat(package) == engine.opening_flat
    ):
        # a rule holds Russia at naming its price whatever its sums say (the package the talks
        # opened with, unchanged, is never signed): the package as it is will not be taken
        return 0.0
    left = engine.rounds - max(state["round"], FIRST_ACCEPT_ROUND)
    if left < 0:
        return 0.0
    gap = answer.raw_acceptability - answer.threshold
    if answer.stance == "accept":
        gap = max(gap, 0)
    x = (gap + ROUND_GAIN * left) / GAP_SCALE
    return 1 / (1 + math.exp(-x))


def reach(engine: Engine, state: State, package: Package) -> float:
    """How close every seat is to agreeing to the package: 1 when nobody objects, 0 when a
    red line forbids it, and less the further each flexible objection is from lifting."""
    out = 1.0
    for o in engine.objections_to(state, package):
        if o["red_line"]:
            return 0.0
        out *= max(0.0, 1 - _distance(engine, state, o["id"]) / REACH_RANGE)
    return out


def _distance(engine: Engine, state: State, objection: str) -> float:
    """How far the position an objection waits on is from lifting it (the shortest way)."""
    unless = engine.objection_data(objection).get("unless")
    best = REACH_RANGE
    for pos, op, value in _position_tests(unless):
        at = state["positions"].get(pos, 0)
        if op in ("ge", "gt"):
            best = min(best, max(0, value + (op == "gt") - at))
        elif op in ("le", "lt"):
            best = min(best, max(0, at - value + (op == "lt")))
    return float(best)


def _position_tests(cond: Any) -> Iterable[tuple[str, str, int]]:
    if not isinstance(cond, Mapping):
        return
    if cond.get("kind") == "position":
        yield str(cond["position"]), str(cond["op"]), int(cond["value"])
    for sub in cond.get("of") or ():
        yield from _position_tests(sub)
    if isinstance(cond.get("cond"), Mapping):
        yield from _position_tests(cond["cond"])


def prospect(
    engine: Engine, state: State, seat: str, package: Package, settled: bool = False
) -> Prospect:
    return Prospect(
        package,
        deal_value(engine, state, seat, package),
        accept_chance(engine, state, package, settled),
        reach(engine, state, package),
    )


def on_its_way(engine: Engine, state: State) -> Package:
    """The package that would go to Russia if the draft were tabled now: the draft when no
    seat has objected to it (from the state's answers, or, for a seat that has not answered,
    from its objections in the data), else the package on the table."""
    draft = state.get("draft")
    if draft is None:
        return state["package"]
    answers = cast(Mapping[str, Any], state.get("answers") or {})
    if any(a != "agree" for a in answers.values()):
        return state["package"]
    silent = {s for s in engine.seats if s not in answers}
    if silent and any(o["seat"] in silent for o in engine.objections_to(state, draft)):
        return state["package"]
    return draft


def world_key(state: State) -> tuple[Any, ...]:
    """What a package's prospects read of a state: equal keys, equal prospects."""
    return (
        state["round"],
        tuple(state["indicators"].values()),
        tuple(state["positions"].values()),
        tuple(sorted(k for k, v in state["flags"].items() if v)),
    )


def value(
    engine: Engine,
    state: State,
    seat: str,
    targets: Sequence[Package] = (),
    memo: dict[Any, Any] | None = None,
    wishes: Sequence[Package] = (),
    settled: bool = False,
) -> float:
    """The state's worth to the seat (see the module's description). `targets` are the
    packages the seat is working toward, beyond the one on its way to Russia; `wishes` the
    ones its interests want whatever Russia says now (`aims`), worth a little for how
    close the allies are to them. `memo` (a dict
    the caller keeps for one decision) spares computing a package's prospects twice in the
    same world. `settled`: Russia's chances read past its opening weeks (`accept_chance`)."""
    if state["phase"] == "over":
        return final_value(engine, state, seat)
    if state["phase"] == "signing":
        return deal_value(engine, state, seat, state["package"])
    memo = {} if memo is None else memo
    world = world_key(state)

    def look(p: Package) -> Prospect:
        key = (repr(p), world, settled)
        got = memo.get(key)
        if got is None:
            got = memo[key] = prospect(engine, state, seat, p, settled)
        return cast(Prospect, got)

    none = memo.get(("none", world))
    if none is None:
        none = memo[("none", world)] = no_deal_value(engine, state, seat)
    now = look(on_its_way(engine, state))
    best = now.chance * now.deal + (1 - now.chance) * none
    for target in targets:
        p = look(target)
        hope = p.reach * p.chance
        worth = none + LATER * hope * (p.deal - none)
        best = max(best, worth)
    for wish in wishes:
        p = look(wish)
        best += WISH * max(0.0, p.reach * (p.deal - none))
    return best


# ---------------------------------------------------------------- the packages a seat weighs


def candidate_packages(engine: Engine, state: State) -> list[Package]:
    """The packages a computer seat weighs as targets: the package on the table and the draft,
    each of their one-clause changes (`legal.single_changes`), the scripted strategies' targets
    and the careful negotiator's (with the locked clauses as tabled), and each of those with the
    price Russia last named paid."""
    wants: list[dict[str, Any]] = [*TARGETS.values(), *BARGAIN_CANDIDATES]
    out: list[Package] = []
    seen: set[str] = set()

    def add(p: Package) -> None:
        key = repr(sorted(pkg.flat(p).items()))
        if key not in seen:
            seen.add(key)
            out.append(p)

    tabled = state["package"]
    for base in (tabled, state.get("draft")):
        if base is not None:
            for p in single_changes(engine, base):
                add(p)
    for want in wants:
        p = pkg.normalise(dict(want))
        for clause in engine.locked:
            p[clause] = pkg.copy(tabled)[clause]
        add(p)
    add(tabled)
    if state.get("draft") is not None:
        add(cast(Package, state["draft"]))
    answer = state.get("answer")
    if answer and answer.get("demands"):
        for base in list(out):
            paid = {**pkg.copy(base), **answer["demands"]}
            if all(paid[c] == base[c] for c in engine.locked):
                add(paid)
    return out


def aims(
    engine: Engine, state: State, seat: str, count: int = 2
) -> tuple[list[Package], list[Package]]:
    """What the seat works toward now, from the candidate packages:

    - its targets: the `count` packages most worth working toward (see `value`): the deal's
      gain over no deal, weighed by how likely Russia is to take it and how close the allies
      are to agreeing to it;
    - its wishes, which it argues for a little at whoever stands in their way (see WISH): the
      package its interests want most whatever Russia says of it now (the largest gain over no
      deal among those no red line forbids), and the deal Russia would most likely take that
      some ally still objects to (the largest gain weighed by Russia's chance)."""
    none = no_deal_value(engine, state, seat)
    scored: list[tuple[float, int, Package]] = []
    wish: tuple[float, int, Package] | None = None
    blocked: tuple[float, int, Package] | None = None
    for i, p in enumerate(candidate_packages(engine, state)):
        close = reach(engine, state, p)
        if close <= 0:
            continue
        gain = deal_value(engine, state, seat, p) - none
        if gain <= 0:
            continue
        if wish is None or (gain, -i) > wish[:2]:
            wish = (gain, -i, p)
        likely = accept_chance(engine, state, p)
        if likely > 0:
            scored.append((close * likely * gain, -i, p))
            if close < 1 and (blocked is None or (likely * gain, -i) > blocked[:2]):
                blocked = (likely * gain, -i, p)
    scored.sort(reverse=True)
    wishes = [w[2] for w in (wish, blocked) if w is not None]
    return [p for _, _, p in scored[:count]], wishes


# ---------------------------------------------------------------- a whole state from a view

VIEW_ONLY = ("seat", "hand", "deck_size", "hand_sizes", "can_undo")
"""Keys a view has that a state does not."""


def determinise(engine: Engine, view: Mapping[str, Any], seat: str | None, seed: int) -> State:
    """A whole state consistent with what the seat sees: its own hand as it is, every other
    hand and every deck dealt at random (seeded by `seed`) from the cards the seat has not
    seen, and the dice a fresh generator. Hidden parts are never read: the result depends only
    on the view and the seed."""
    state: dict[str, Any] = {k: v for k, v in view.items() if k not in VIEW_ONLY}
    r = rng.seed_state(seed)
    state["rng"] = rng.seed_state(seed ^ 0x0D1CE)
    state["seed"] = seed
    state["back"] = None
    played: dict[str, set[str]] = {}
    for p in view.get("played", ()):
        played.setdefault(p["seat"], set()).add(p["card"])
    sizes: Mapping[str, int] = view.get("hand_sizes") or {}
    hands: dict[str, list[str]] = {}
    decks: dict[str, list[str]] = {}
    for s in engine.seats:
        if s == seat:
            own = list(view.get("hand") or [])
            pool = [c for c in engine.decks[s] if c not in played.get(s, set()) and c not in own]
            r, pool = rng.shuffled(r, pool)
            hands[s] = own
            decks[s] = pool[: int(view.get("deck_size") or 0)]
            continue
        pool = [c for c in engine.decks[s] if c not in played.get(s, set())]
        r, pool = rng.shuffled(r, pool)
        k = int(sizes.get(s, 0))
        hands[s], decks[s] = pool[:k], pool[k:]
    state["hands"] = hands
    state["decks"] = decks
    return cast(State, state)
