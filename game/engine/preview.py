"""What tabling would do, asked without tabling: the rule the screens show before a player acts.

    table_preview(engine, state)                        # the proposal under discussion
    table_preview(engine, state, package, agreed=[seat])  # a proposal about to be made

A proposal reaches Russia only when every seat has agreed to it (the `table` action,
GAME-DESIGN 3.7); otherwise the table is refused and the package on the table stays. The
preview reads the answers given so far: a seat that has not answered yet blocks it too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine.actions import REBUTTAL_TARGET, raised_objections
from game.engine.debate import best_counter
from game.engine.legal import counters
from game.engine.shapes import ObjectionRecord

if TYPE_CHECKING:
    from game.engine import Engine, State


@dataclass(frozen=True)
class TablePreview:
    blocking: list[ObjectionRecord]
    """The objections the seats raised against the proposal (`Engine.objections_to` entries)."""
    missing: list[str]
    """The seats that have not answered it, in seat order."""

    @property
    def refused(self) -> bool:
        """Tabling now would be refused (the package on the table stays)."""
        return bool(self.blocking or self.missing)

    def blocking_seats(self, order: Sequence[str]) -> list[str]:
        """The seats whose objections block it, each once, in `order`."""
        seats = {o["seat"] for o in self.blocking}
        return [s for s in order if s in seats]


def table_preview(
    engine: Engine,
    state: State,
    package: dict[str, Any] | None = None,
    agreed: Sequence[str] | None = None,
) -> TablePreview:
    """What tabling `package` (default: the proposal in the state) would meet now, with the
    seats in `agreed` behind it (default: the answers given to the proposal so far). With no
    proposal at all the package on the table is tabled again: nothing blocks it."""
    if package is None:
        package = state["draft"]
    if package is None:
        return TablePreview([], [])
    if agreed is None:
        answers: Mapping[str, Any] = state["answers"]
        blocking = raised_objections(engine, state)
    else:
        answers = dict.fromkeys(agreed, "agree")
        blocking = []
    missing = [s for s in engine.seats if s not in answers]
    return TablePreview(blocking, missing)


def attack_chance(epilogue: Mapping[str, Any], credibility: float) -> float:
    """The yearly chance of renewed aggression after a deal with this credibility (the
    epilogue's base x (1 - credibility/100) ^ exponent, GAME-DESIGN 3.9): what the signing
    screen shows before the years are rolled."""
    base, exponent = float(epilogue["base"]), float(epilogue["exponent"])
    return float(base * (1 - credibility / 100.0) ** exponent)


@dataclass(frozen=True)
class CounterOdds:
    """A seat's counter to an argument standing against it, before it is rolled."""

    card: str
    """The standing argument."""
    counter: Mapping[str, Any]
    """The counter-card the engine answers it with (the seat's strongest)."""
    strength: int
    """The argument's strength."""
    need: int
    """What 2d6 must reach: the target - the counter's strength + the argument's."""
    chance: float
    """The chance that 2d6 reaches it."""


def counter_odds(engine: Engine, state: Mapping[str, Any], seat: str) -> list[CounterOdds]:
    """The arguments standing against `seat` that it may counter now (`legal.counters`), each
    with the counter it would use and its chance: 2d6 + counter - argument >= the target."""
    out = []
    for card_id in counters(engine, state, seat):
        counter = best_counter(engine.counters, seat, card_id)
        if counter is None:
            continue
        strength = int(engine.arguments[card_id]["strength"])
        need = REBUTTAL_TARGET - int(counter["strength"]) + strength
        hits = sum(1 for a in range(1, 7) for b in range(1, 7) if a + b >= need)
        out.append(CounterOdds(card_id, counter, strength, need, hits / 36))
    return out
