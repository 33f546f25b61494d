"""How the talks end: the outcome, the epilogue's years and each seat's score (GAME-DESIGN 3.9).

Each kind of score part has one function in a registry, as conditions and effects do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.engine import rng
from game.engine.conditions import clamp
from game.engine.rulebook import Rulebook
from game.engine.shapes import Epilogue, Event, SeatScore, State, War, Year
from game.engine.vocab import OutcomeKind


def finish(
    book: Rulebook, state: State, kind: OutcomeKind, reason: str, events: list[Event]
) -> None:
    """End the talks: the outcome, then the epilogue (which may roll dice), then the scores."""
    state["phase"] = "over"
    state["turn"] = None
    state["outcome"] = {"kind": kind, "reason": reason, "round": state["round"]}
    events.append({"type": "outcome", "kind": kind, "reason": reason})
    epi = epilogue(book, state, kind)
    state["epilogue"] = epi
    events.append({"type": "epilogue", **epi})
    final = scores(book, state)
    state["scores"] = final
    events.append({"type": "scores", "scores": final})


def epilogue(book: Rulebook, state: State, kind: OutcomeKind) -> Epilogue:
    """The years after the talks. After a deal, each year rolls for renewed aggression, more
    likely the less credible the guarantee; the stories that fit the final package are told.
    The years roll from their own generator (`years_rng`, from the game's seed alone: the
    same seed meets the same years whatever was played), or from the dice's (`rng`) in a
    game saved before save version 5, where `years_rng` is None. Changes that generator
    and, when the aggression comes, the state's territory."""
    deal = kind == "deal"
    ctx, cred, _ = book.summed(state)
    stories = [
        s["id"]
        for cond, s in book.stories
        if cond(ctx) and (not s.get("outcome") or kind in s["outcome"])
    ]
    if not deal:
        out: Epilogue = {
            "deal": False,
            "credibility": cred,
            "chance": None,
            "aggression_year": None,
            "years": [],
            "stories": stories,
        }
        if kind == "collapse":
            out["war"] = war_goes_on(book.epilogue, state, int(state["rounds"]))
        return out
    ep = book.epilogue
    chance = float(ep["base"]) * (1 - cred / 100.0) ** float(ep["exponent"])
    years: list[Year] = []
    hit: int | None = None
    own = state.get("years_rng")
    for year in range(1, int(ep["years"]) + 1):
        if own is None:
            state["rng"], x = rng.random(state["rng"])
        else:
            own, x = rng.random(own)
            state["years_rng"] = own
        attacked = x < chance
        years.append({"year": year, "roll": round(x, 4), "attack": attacked})
        if attacked:
            hit = year
            loss = int(ep.get("territory_loss", 0))
            before = state["indicators"].get("territory", 0)
            state["indicators"]["territory"] = clamp(before - loss)
            years[-1]["territory"] = [before, state["indicators"]["territory"]]
            break
    return {
        "deal": True,
        "credibility": cred,
        "chance": round(chance, 4),
        "aggression_year": hit,
        "years": years,
        "stories": stories,
    }


def war_goes_on(epilogue: Mapping[str, Any], state: State, rounds: int) -> War:
    """What follows a collapse (the epilogue's `collapse` part, design numbers): the war goes
    on for the rounds that were left, Russia taking land each, then the renewed offensive with
    nothing to deter it; Washington's engagement falls. Changes the state's indicators; what
    changed, for the ending to tell."""
    data: Mapping[str, Any] = epilogue.get("collapse") or {}
    left = max(0, rounds - int(state["round"]))
    ind = state["indicators"]
    war: War = {"rounds_left": left}
    if "territory" in ind:
        before = int(ind["territory"])
        taken = round(float(data.get("land_per_round", 3)) * left) + int(
            data.get("territory_loss", 10)
        )
        ind["territory"] = clamp(before - taken)
        war["territory"] = [before, ind["territory"]]
    if "us_engagement" in ind:
        before = int(ind["us_engagement"])
        ind["us_engagement"] = min(before, clamp(int(data.get("us_engagement", 0))))
        war["us_engagement"] = [before, ind["us_engagement"]]
    return war


# ---------------------------------------------------------------- scores


@dataclass(frozen=True, slots=True)
class Facts:
    """What a score part may read at the end of the talks."""

    state: State
    credibility: int
    acceptability: int
    outcome: str | None
    aggression: bool


def _indicator(t: Mapping[str, Any], f: Facts) -> float:
    return float(t.get("weight", 1)) * int(f.state["indicators"].get(t["indicator"], 0))


def _derived(t: Mapping[str, Any], f: Facts) -> float:
    v = f.credibility if t["name"] == "credibility" else f.acceptability
    return float(t.get("weight", 1)) * v


def _outcome(t: Mapping[str, Any], f: Facts) -> float:
    return float(t.get("points", 0)) if f.outcome in (t.get("outcome") or []) else 0.0


def _aggression(t: Mapping[str, Any], f: Facts) -> float:
    return float(t.get("points", 0)) if f.aggression else 0.0


def _rounds(t: Mapping[str, Any], f: Facts) -> float:
    """The rounds the war went on through the talks: after a collapse, the rounds that were
    left count too (the war did not stop when the talks did)."""
    epi = f.state["epilogue"]
    left = int((epi.get("war") or {}).get("rounds_left", 0)) if epi else 0
    return float(t.get("weight", 1)) * (int(f.state["round"]) + left)


def _flag(t: Mapping[str, Any], f: Facts) -> float:
    return float(t.get("points", 0)) if t.get("flag") in f.state["flags"] else 0.0


def _clause(t: Mapping[str, Any], f: Facts) -> float:
    """A clause part: its condition (checked before) held, so its points count."""
    return float(t.get("points", 0))


ScorePart = Callable[[Mapping[str, Any], Facts], float]

SCORES: dict[str, ScorePart] = {
    "indicator": _indicator,
    "derived": _derived,
    "outcome": _outcome,
    "clause": _clause,
    "aggression": _aggression,
    "rounds": _rounds,
    "flag": _flag,
}


def scores(
    book: Rulebook, state: State, seats: Sequence[str] | None = None
) -> dict[str, SeatScore]:
    """Each seat's score on its own objectives, with every part shown (3.9); only those of
    `seats` when given (a computer seat weighing its own, many times a decision)."""
    ctx, cred, acc = book.summed(state)
    outcome = state["outcome"]["kind"] if state["outcome"] else None
    epi = state["epilogue"]
    aggression = (outcome is not None and outcome != "deal") or (
        epi is not None and epi["aggression_year"] is not None
    )
    facts = Facts(state, cred, acc, outcome, aggression)
    out: dict[str, SeatScore] = {}
    for seat in book.seats if seats is None else seats:
        parts: list[list[Any]] = []
        for t in book.actors[seat].get("score", []):
            if t.get("outcome") and t["kind"] != "outcome" and outcome not in t["outcome"]:
                continue
            if t.get("peace_holds") and aggression:
                continue  # an end to the fighting that did not last counts for nothing
            if not book.score_conds[(seat, t["id"])](ctx):
                continue
            v = SCORES[t["kind"]](t, facts)
            if v:
                parts.append([t["id"], round(v, 1)])
        out[seat] = {"total": round(sum(v for _, v in parts), 1), "parts": parts}
    return out
