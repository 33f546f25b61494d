"""Effects: what an event, a move, an argument or a rule does to the state.

Data names a `kind`; each kind has one function in a registry, as conditions do. Each
function changes the (already copied) state and tells what changed as events.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from game.engine.conditions import Data
from game.engine.shapes import Cause, Event, State


def effect_delta(e: Data, ind: Mapping[str, int]) -> int:
    """The integer change an effect makes now (scale read from the indicators)."""
    delta = float(e["delta"])
    scale = e.get("scale")
    if scale:
        delta += float(scale["factor"]) * ind.get(scale["indicator"], 0)
    return round(delta)


def _shift(state: State, e: Data, cause: Cause, events: list[Event]) -> None:
    """Move an indicator, clamped to 0-100."""
    name = e["indicator"]
    indicators = state["indicators"]
    before = indicators.get(name, 0)
    delta = effect_delta(e, indicators) if e.get("scale") else e["delta"]
    after = before + delta  # whole numbers: clamped without rounding
    after = 0 if after < 0 else 100 if after > 100 else after
    if after != before:
        indicators[name] = after
        events.append(
            {"type": "change", "indicator": name, "from": before, "to": after, "cause": cause}
        )


def _position(state: State, e: Data, cause: Cause, events: list[Event]) -> None:
    """Move an actor's flexible position, clamped to 0-100."""
    name = e["position"]
    positions = state["positions"]
    before = positions.get(name, 0)
    after = before + int(e["delta"])
    after = 0 if after < 0 else 100 if after > 100 else after
    if after != before:
        positions[name] = after
        events.append(
            {"type": "change", "position": name, "from": before, "to": after, "cause": cause}
        )


def _flag(state: State, e: Data, cause: Cause, events: list[Event]) -> None:
    """Set or clear a flag."""
    if e.get("set", True):
        state["flags"][e["flag"]] = True
    else:
        state["flags"].pop(e["flag"], None)
    events.append({"type": "flag", "flag": e["flag"], "set": e.get("set", True), "cause": cause})


Effect = Callable[[State, Data, Cause, list[Event]], None]

EFFECTS: dict[str, Effect] = {
    "shift": _shift,
    "position": _position,
    "flag": _flag,
}


def apply_effects(
    state: State, effects: Sequence[Mapping[str, Any]], cause: Cause, events: list[Event]
) -> None:
    """Apply effects in order to a state the caller owns, telling each change as an event."""
    for e in effects:
        EFFECTS[e["kind"]](state, e, cause, events)
