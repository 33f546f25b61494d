"""The package: what the Western side tables (GAME-DESIGN 3.3). Plain dicts.

The vocabulary is fixed (declared in `game.engine.vocab`); `normalise` fills omitted keys with their defaults
and rejects unknown keys and values with a message that names them.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from game.engine import vocab
from game.engine.shapes import Package as Package  # re-exported: the package's shape

CHOICES = vocab.CHOICES
FLAGS = vocab.FLAG_CLAUSES
TROOPS = vocab.TROOP_SEATS
CLAUSES = vocab.PACKAGE_CLAUSES

PLEDGE_ORDER = CHOICES["pledge"]


def default() -> Package:
    return {
        "troops": {"europe": 0, "us": 0},
        "air_support": "none",
        "pledge": "none",
        "nato_membership": False,
        "observers": False,
        "sanctions": "keep",
        "recognition": "none",
        "nato_posture": "unchanged",
    }


class PackageError(ValueError):
    """A package with an unknown key or value; the message names it."""


def normalise(raw: dict[str, Any]) -> Package:
    """A full package from a partial one; unknown keys or values raise PackageError."""
    if not isinstance(raw, dict):
        raise PackageError(f"a package must be a mapping of clauses, not {type(raw).__name__}")
    out = default()  # filled key by key from checked values below
    for key, value in raw.items():
        if key == "troops":
            if not isinstance(value, dict):
                raise PackageError("troops must be a mapping like {europe: 0, us: 0}")
            for who, n in value.items():
                if who not in TROOPS:
                    raise PackageError(f"unknown troops key {who!r}; expected one of: europe, us")
                if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 1_000_000:
                    raise PackageError(f"troops.{who} must be a whole number 0-1000000, not {n!r}")
                out["troops"][who] = n
        elif key in CHOICES:
            if value not in CHOICES[key]:
                raise PackageError(f"{key}: {value!r} is not one of: {', '.join(CHOICES[key])}")
            out[key] = value
        elif key in FLAGS:
            if not isinstance(value, bool):
                raise PackageError(f"{key} must be true or false, not {value!r}")
            out[key] = value
        else:
            raise PackageError(f"unknown clause {key!r}; the clauses are: {', '.join(CLAUSES)}")
    return out


def flat(package: Package) -> dict[str, Any]:
    """The clauses as conditions read them, with `troops.total`."""
    troops = package["troops"]
    view = {k: v for k, v in package.items() if k != "troops"}
    view["troops.europe"] = troops["europe"]
    view["troops.us"] = troops["us"]
    view["troops.total"] = troops["europe"] + troops["us"]
    return view


_OTHERS = itemgetter(*(k for k in CLAUSES if k != "troops"))


def key(package: Package) -> tuple[Any, ...]:
    """The package's clauses as one hashable value: equal packages, equal keys."""
    troops = package["troops"]
    others: tuple[Any, ...] = _OTHERS(package)
    return (troops["europe"], troops["us"], *others)


def copy(package: Package) -> Package:
    out = package.copy()
    out["troops"] = package["troops"].copy()
    return out


def changed_clauses(old: Package, new: Package) -> list[str]:
    return [k for k in CLAUSES if old[k] != new[k]]
