"""Debate (GAME-DESIGN 3.8): 2d6 + strength + relevance - counter >= 7, every part shown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.engine.shapes import Resolution

TARGET = 7


def best_counter(
    counters: Sequence[Mapping[str, Any]], listener: str, card_id: str
) -> Mapping[str, Any] | None:
    """The listener's strongest counter-card to this argument (first wins a tie)."""
    best: Mapping[str, Any] | None = None
    for c in counters:
        if (
            c["by"] == listener
            and card_id in c["answers"]
            and (best is None or c["strength"] > best["strength"])
        ):
            best = c
    return best


def resolve(
    card: Mapping[str, Any], counter: Mapping[str, Any] | None, dice: tuple[int, int]
) -> Resolution:
    """The full, open resolution of one argument."""
    c_strength = int(counter["strength"]) if counter else 0
    total = dice[0] + dice[1] + int(card["strength"]) + int(card["relevance"]) - c_strength
    return {
        "card": card["id"],
        "to": card["to"],
        "counter": counter["id"] if counter else None,
        "dice": [dice[0], dice[1]],
        "strength": int(card["strength"]),
        "relevance": int(card["relevance"]),
        "counter_strength": c_strength,
        "total": total,
        "target": TARGET,
        "success": total >= TARGET,
    }
