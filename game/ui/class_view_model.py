"""What the class view may show: the game's PUBLIC view, and nothing else (GAME-DESIGN 7).

The class view is for a projector: every seat's public position, the package on the table,
the chart and the indicators. Private information (briefings, objectives, the hands, the
decks, the dice's generator) never reaches it, because it is drawn only from
`public_view(state)`, which keeps the public fields by name (an allow-list: a field added
to the state later stays private until it is listed here).

`public_view` is the engine's public view (`Engine.view(state, None)`, the design of the
player interface), narrowed to the fields below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.engine.game import view as engine_view

PUBLIC_FIELDS: tuple[str, ...] = (
    "scenario",
    "round",
    "rounds",
    "date",
    "phase",
    "turn",
    "lap",
    "quiet",
    "indicators",
    "positions",
    "flags",
    "package",
    "draft",
    "draft_by",
    "agreed",
    "answers",
    "used",
    "played",
    "standing",
    "ongoing",
    "news",
    "injected",
    "answer",
    "history",
    "signed",
    "outcome",
    "epilogue",
    "scores",
    "seats",
    "pending",
)
"""The state's public fields (the design's list for `view(state, None)`, and this game's
length and the events a facilitator brought forward). Never: `hands`, `decks`, `rng`,
`seed`, `back`."""


def public_view(state: Mapping[str, Any]) -> dict[str, Any]:
    """The public part of a game's state: what anyone in the room may see. Other seats'
    hands are given only as their sizes (`hand_sizes`). The engine's public view, kept to
    the fields listed above (an allow-list on top of the engine's deny-list)."""
    public = engine_view(state, None)  # type: ignore[arg-type]
    view = {k: public[k] for k in PUBLIC_FIELDS if k in public}  # type: ignore[literal-required]
    # a class game's machine holds a view, not the hands: the sizes the host sent stand
    view["hand_sizes"] = dict(state.get("hand_sizes") or public["hand_sizes"])
    return view
