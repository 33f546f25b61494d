"""Effects: what an event, a move, an argument or a rule does to the state.

Data names a `kind`; each kind has one compiler in a registry, as conditions do, and the
rulebook compiles every effect of a scenario once. A compiled effect changes the (already
copied) state and tells what changed as events.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from game.engine.conditions import Data
from game.engine.shapes import MUTED, Cause, Event, State


def effect_delta(e: Data, ind: Mapping[str, int]) -> int:
    """The integer change an effect makes now (scale read from the indicators)."""
    delta = float(e["delta"])
    scale = e.get("scale")
    if scale:
        delta += float(scale["factor"]) * ind.get(scale["indicator"], 0)
    return round(delta)


def _shift(e: Data) -> Compiled:
    """Move an indicator, clamped to 0-100 (a scaled delta reads an indicator when it runs)."""
    name = e["indicator"]
    delta = e["delta"]
    scaled = bool(e.get("scale"))

    def shift(state: State, cause: Cause, events: list[Event]) -> None:
        indicators = state["indicators"]
        before = indicators.get(name, 0)
        change = effect_delta(e, indicators) if scaled else delta
        after = before + change  # whole numbers: clamped without rounding
        after = 0 if after < 0 else 100 if after > 100 else after
        if after != before:
            indicators[name] = after
            if events is not MUTED:
                events.append(
                    {
                        "type": "change",
                        "indicator": name,
                        "from": before,
                        "to": after,
                        "cause": cause,
                    }
                )

    return shift


def _position(e: Data) -> Compiled:
    """Move an actor's flexible position, clamped to 0-100."""
    name = e["position"]
    delta = int(e["delta"])

    def position(state: State, cause: Cause, events: list[Event]) -> None:
        positions = state["positions"]
        before = positions.get(name, 0)
        after = before + delta
        after = 0 if after < 0 else 100 if after > 100 else after
        if after != before:
            positions[name] = after
            if events is not MUTED:
                events.append(
                    {
                        "type": "change",
                        "position": name,
                        "from": before,
                        "to": after,
                        "cause": cause,
                    }
                )

    return position


def _flag(e: Data) -> Compiled:
    """Set or clear a flag."""
    flag = e["flag"]
    on = bool(e.get("set", True))
    told = e.get("set", True)

    def set_flag(state: State, cause: Cause, events: list[Event]) -> None:
        if on:
            state["flags"][flag] = True
        else:
            state["flags"].pop(flag, None)
        events.append({"type": "flag", "flag": flag, "set": told, "cause": cause})

    return set_flag


Compiled = Callable[[State, Cause, list[Event]], None]
"""An effect ready to run on a state the caller owns, telling what it changed as events."""

EFFECTS: dict[str, Callable[[Data], Compiled]] = {
    "shift": _shift,
    "position": _position,
    "flag": _flag,
}
"""One compiler per kind of effect."""


def compile_effects(effects: Sequence[Mapping[str, Any]]) -> tuple[Compiled, ...]:
    """Effects compiled once (the rulebook does this for everything in a scenario)."""
    return tuple(EFFECTS[e["kind"]](e) for e in effects)


def run_effects(
    state: State, effects: tuple[Compiled, ...], cause: Cause, events: list[Event]
) -> None:
    """Apply compiled effects in order."""
    for run in effects:
        run(state, cause, events)


def apply_effects(
    state: State, effects: Sequence[Mapping[str, Any]], cause: Cause, events: list[Event]
) -> None:
    """Apply effects given as data (made up as the game goes, as a rebuttal's undoing)."""
    run_effects(state, compile_effects(effects), cause, events)
