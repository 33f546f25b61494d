"""What each scripted strategy (`strategies`) wants on the table; the legal actions'
candidate proposals (`legal`) include them, and the computer seats (`outlook`) weigh them and
the careful negotiator's candidates."""

from __future__ import annotations

from typing import Any

TARGETS: dict[str, dict[str, Any]] = {
    "paper": {"pledge": "assurances", "observers": True},
    "pledge": {"pledge": "article5_like", "observers": True},
    "air": {"air_support": "us", "pledge": "article5_like"},
    "reassurance": {
        "troops": {"europe": 20000, "us": 0},
        "air_support": "us",
        "pledge": "article5_like",
    },
    "tripwire": {
        "troops": {"europe": 4000, "us": 0},
        "air_support": "us",
        "pledge": "article5_like",
    },
    "buy_off": {
        "troops": {"europe": 15000, "us": 0},
        "air_support": "us",
        "pledge": "assurances",
        "recognition": "de_facto",
    },
    "appease": {
        "pledge": "assurances",
        "observers": True,
        "nato_posture": "pullback",
    },
    "maximal": {
        "troops": {"europe": 60000, "us": 10000},
        "air_support": "us_and_europe",
        "pledge": "binding_treaty",
        "nato_membership": True,
        "sanctions": "tighten",
    },
}
"""What each strategy wants on the table."""

BARGAIN_CANDIDATES: tuple[dict[str, Any], ...] = tuple(
    {"air_support": air, "pledge": pledge, "observers": True, "recognition": rec, "sanctions": sanc}
    for air in ("us_and_europe", "us", "europe", "none")
    for pledge in ("article5_like", "assurances")
    for rec in ("none", "de_facto")
    for sanc in ("keep", "ease")
)
"""The packages a careful negotiator weighs: no NATO-member troops, the strongest air cover
and pledge it can get, recognition and sanctions relief as its currency."""
