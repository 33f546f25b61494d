"""The game's fixed vocabulary, declared once (GAME-DESIGN 3.1-3.9).

Seats, actors, the package's clauses and their values, Russia's stances, the outcomes, the
phases and the action types. Each is a `Literal` type, for strict typing and for the content
schema (pydantic reads the same types), and a tuple of its values in their order, for code
that lists them. The schema, the screens, the command line, saves and lint take them from
here; a test ties the schema's types to these.
"""

from __future__ import annotations

from typing import Literal, get_args

Seat = Literal["europe", "us", "ukraine"]
"""A seat at the Western table: a human or the computer plays it."""
SEATS: tuple[Seat, ...] = get_args(Seat)

ActorId = Literal["europe", "us", "ukraine", "russia"]
"""Everyone in the talks: the seats and Russia, which the computer always plays."""
ACTORS: tuple[ActorId, ...] = get_args(ActorId)

Controller = Literal["human", "computer"]
"""Who plays a seat."""

Level = Literal["easy", "normal", "hard"]
"""How well a computer seat plays (`game.engine.levels`), weakest first."""
LEVELS: tuple[Level, ...] = get_args(Level)

Stance = Literal["accept", "counter", "stall", "reject"]
"""Russia's answer to a package. Later is further from a deal."""
STANCES: tuple[Stance, ...] = get_args(Stance)

ForcedStance = Literal["reject", "stall", "counter"]
"""The stances a rule may hold Russia's answer at (at least that far from accepting: a red
line holds it at `reject`)."""

OutcomeKind = Literal["deal", "collapse", "timeout"]
OUTCOMES: tuple[OutcomeKind, ...] = get_args(OutcomeKind)

Phase = Literal["talks", "signing", "over"]
PHASES: tuple[Phase, ...] = get_args(Phase)

ActionType = Literal[
    "argue",
    "move",
    "propose",
    "agree",
    "object",
    "counter",
    "respond",
    "table",
    "pass",
    "walk_out",
    "sign",
    "refuse",
    "undo",
    "override",
    "inject",
    "verdict",
    "skip",
    "end_talks",
]
ACTION_TYPES: tuple[ActionType, ...] = get_args(ActionType)

FACILITATOR_ACTIONS: frozenset[ActionType] = frozenset(
    {"override", "inject", "verdict", "skip", "end_talks"}
)
"""A facilitator's interventions (game.engine.facilitator): not bound to the turn, each
with a reason."""

FINAL_ACTIONS: frozenset[ActionType] = frozenset(
    {
        "table",
        "sign",
        "refuse",
        "walk_out",
        "argue",
        "respond",
        "counter",
        "pass",
        "override",
        "inject",
        "verdict",
        "skip",
        "end_talks",
    }
)
"""Actions that close a step of the round, roll dice or end a turn: nothing before them can
be undone (an argument's roll stands, GAME-DESIGN 3.8; a pass hands the turn on; a
facilitator's intervention stands). The
others (`move`, `propose`, `agree`, `object`) can be taken back by `undo` on the same turn."""

MAX_LAPS = 3
"""A round's turn goes round the table at most this many times; at the end of the last lap
the package is tabled (a round always ends)."""

# ---------------------------------------------------------------- the package (3.3)

TroopSeat = Literal["europe", "us"]
"""Who may send troops (the `troops` clause maps each to a number of soldiers)."""
TROOP_SEATS: tuple[TroopSeat, ...] = get_args(TroopSeat)

AirSupport = Literal["none", "europe", "us", "us_and_europe"]
Pledge = Literal["none", "assurances", "article5_like", "binding_treaty"]
"""In order of strength."""
Sanctions = Literal["keep", "ease", "lift", "tighten"]
Recognition = Literal["none", "de_facto", "de_jure"]
NatoPosture = Literal["unchanged", "pullback"]

ChoiceClause = Literal["air_support", "pledge", "sanctions", "recognition", "nato_posture"]
"""Clauses that take one of a few words."""
FlagClause = Literal["nato_membership", "observers"]
"""Clauses that are true or false."""

PackageClause = Literal[
    "troops",
    "air_support",
    "pledge",
    "nato_membership",
    "observers",
    "sanctions",
    "recognition",
    "nato_posture",
]
"""The package's clauses in their order (a scenario may lock any of them)."""
PACKAGE_CLAUSES: tuple[PackageClause, ...] = get_args(PackageClause)

CHOICES: dict[str, tuple[str, ...]] = {
    "air_support": get_args(AirSupport),
    "pledge": get_args(Pledge),
    "sanctions": get_args(Sanctions),
    "recognition": get_args(Recognition),
    "nato_posture": get_args(NatoPosture),
}
"""The words each choice clause (`ChoiceClause`) takes."""
FLAG_CLAUSES: tuple[FlagClause, ...] = get_args(FlagClause)

ReadClause = Literal[
    "troops.europe",
    "troops.us",
    "troops.total",
    "air_support",
    "pledge",
    "nato_membership",
    "observers",
    "sanctions",
    "recognition",
    "nato_posture",
]
"""Clauses as a condition or term reads them: troops split by who sends them, and
`troops.total` (europe + us)."""
READ_CLAUSES: tuple[ReadClause, ...] = get_args(ReadClause)

Derived = Literal["credibility", "acceptability"]
"""The two sums Russia weighs (3.4)."""

ScoreKind = Literal["indicator", "derived", "outcome", "clause", "aggression", "rounds", "flag"]
"""What one part of a seat's score reads (3.9)."""

Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in"]
"""How a condition compares what it reads with its value."""
