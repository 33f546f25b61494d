"""The scenario format: pydantic v2 models, `extra="forbid"` everywhere.

These models check the *shape* of each file. Cross-references (an argument that
names an unknown actor, a rule that can never fire, text missing in one
language) are checked afterwards by `game.content.lint` over the whole
scenario. The engine never sees these models: the loader hands it
`model_dump()` output, plain dicts and lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from game.engine.vocab import (
    SEATS,
    ActorId,
    AirSupport,
    Derived,
    ForcedStance,
    NatoPosture,
    Op,
    OutcomeKind,
    PackageClause,
    Pledge,
    Recognition,
    Sanctions,
    ScoreKind,
    Seat,
    Stance,
)
from game.engine.vocab import ReadClause as Clause

# ---------------------------------------------------------------- basics

SourceId = Annotated[
    str,
    StringConstraints(pattern=r"^(P(0[1-9]|[12][0-9]|3[0-3])|H[1-4])$"),
]
"""A paragraph (P01-P33) or heading (H1-H4) of the article."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]
"""A stable dotted identifier, lower case: `russia.no_nato_troops`."""

Basis = Literal["explicit", "implied", "hedged"]
"""What the text supports: it says so, it follows directly, or the author hedges it (GAME-DESIGN
3.5). Where the text is silent on the rule itself, `designer_gap` says so."""

# Numbers: every numeric field has a range that makes sense for what it counts, so that
# whatever validates can run (no 1e308 that overflows, no NaN that compares false).
Soldiers = Annotated[int, Field(ge=0, le=1_000_000)]
"""Troops of one side (the package caps each side at a million)."""
Level = Annotated[int, Field(ge=-1000, le=1000)]
"""A value compared with an indicator, a position or a sum (those run 0-100)."""
RoundNo = Annotated[int, Field(ge=0, le=1000)]
Delta = Annotated[int, Field(ge=-100, le=100)]
"""A change to an indicator or position (they run 0-100)."""
Points = Annotated[float, Field(ge=-100, le=100)]
"""Points a term adds to credibility or acceptability (they run 0-100)."""
Factor = Annotated[float, Field(ge=-10, le=10)]
"""A multiplier of an indicator (0-100)."""
Scalar = bool | Annotated[int, Field(ge=-1, le=2_000_001)] | str
"""A clause's value: a choice, true or false, or a number of soldiers (troops.total up to
two million; -1 and 2000001 allow `gt`/`lt` at the edges)."""

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)


def _date_text(value: Any) -> Any:
    """A date is written as text (2025-08-15), never as a number of seconds."""
    if isinstance(value, str | dt.date) and not isinstance(value, dt.datetime):
        return value
    raise PydanticCustomError("date_type", "Input should be a valid date")


def _date_in_range(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise PydanticCustomError(
            "date_range",
            f"must be between {FIRST_DATE.isoformat()} and {LAST_DATE.isoformat()}"
            " (the rounds must stay within the calendar)",
        )
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_date_text),
    AfterValidator(_date_in_range),
    Field(strict=False),
]
"""A date between 1900 and 2100: a scenario's rounds (at most 30 of 60 days) stay well
inside the calendar."""


class Strict(BaseModel):
    """Numbers and booleans are taken strictly: `"5000"` is not a number, `true` is not
    one soldier, `"yes"` is not true; NaN and infinities are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Text(Strict):
    """A text in both languages. A missing language is a lint problem, not a shape error,
    so that a teacher can draft in one language and still run the checks."""

    en: str = ""
    ar: str = ""


class Sourced(Strict):
    """Content that cites the article: the paragraphs it rests on, the designer's reading
    where the text does not say it outright, and the fact checks of any figure it repeats."""

    source: list[SourceId]
    interpretation: Text | None = None
    factcheck: list[Id] = []


# ---------------------------------------------------------------- the package (GAME-DESIGN 3.3)


class Troops(Strict):
    europe: Soldiers = 0
    us: Soldiers = 0


class Package(Strict):
    """What the Western side tables. Omitted keys take these values."""

    troops: Troops = Troops()
    air_support: AirSupport = "none"
    pledge: Pledge = "none"
    nato_membership: bool = False
    observers: bool = False
    sanctions: Sanctions = "keep"
    recognition: Recognition = "none"
    nato_posture: NatoPosture = "unchanged"


# ---------------------------------------------------------------- conditions (a discriminated union on `kind`)


class ClauseCond(Strict):
    """Compare a clause of the package on the table: `{kind: clause, clause: troops.europe, op: gt, value: 0}`."""

    kind: Literal["clause"]
    clause: Clause
    op: Op
    value: Scalar | list[Scalar]


class IndicatorCond(Strict):
    """Compare an indicator of the state: `{kind: indicator, indicator: momentum, op: ge, value: 60}`."""

    kind: Literal["indicator"]
    indicator: Id
    op: Op
    value: Level | list[Level]


class DerivedCond(Strict):
    """Compare credibility or acceptability of the package on the table."""

    kind: Literal["derived"]
    name: Derived
    op: Op
    value: Level


class PositionCond(Strict):
    """Compare an actor's flexible position (0-100), such as `us.air_support`."""

    kind: Literal["position"]
    position: Id
    op: Op
    value: Level


class RoundCond(Strict):
    """Compare the round number (1 is the opening round)."""

    kind: Literal["round"]
    op: Op
    value: RoundNo | list[RoundNo]


class FlagCond(Strict):
    """True when the flag is set (events, moves and rules set flags; the engine sets a few)."""

    kind: Literal["flag"]
    flag: Id


class AllCond(Strict):
    kind: Literal["all"]
    of: list[Condition]


class AnyCond(Strict):
    kind: Literal["any"]
    of: list[Condition]


class NotCond(Strict):
    kind: Literal["not"]
    cond: Condition


class OpeningPackageCond(Strict):
    """True while the package is the one the scenario opened with, every clause as it was
    (a clause changed and changed back again counts as unchanged)."""

    kind: Literal["opening_package"]


class AlwaysCond(Strict):
    kind: Literal["always"]


Condition = Annotated[
    ClauseCond
    | IndicatorCond
    | DerivedCond
    | PositionCond
    | RoundCond
    | FlagCond
    | AllCond
    | AnyCond
    | NotCond
    | OpeningPackageCond
    | AlwaysCond,
    Field(discriminator="kind"),
]

AllCond.model_rebuild()
AnyCond.model_rebuild()
NotCond.model_rebuild()


# ---------------------------------------------------------------- effects


class Scale(Strict):
    """Adds `factor * indicator` (rounded) to an effect's delta."""

    indicator: Id
    factor: Factor


class ShiftEffect(Strict):
    """Move an indicator: `{kind: shift, indicator: territory, delta: -1}`; results are clamped 0-100."""

    kind: Literal["shift"]
    indicator: Id
    delta: Delta
    scale: Scale | None = None


class PositionEffect(Strict):
    """Move an actor's flexible position."""

    kind: Literal["position"]
    position: Id
    delta: Delta


class FlagEffect(Strict):
    kind: Literal["flag"]
    flag: Id
    set: bool = True


Effect = Annotated[ShiftEffect | PositionEffect | FlagEffect, Field(discriminator="kind")]


# ---------------------------------------------------------------- credibility and acceptability (3.4)


class TermBase(Sourced):
    id: Id
    label: Text
    when: Condition | None = None
    """The term counts only while this holds."""
    scale: Scale | None = None
    """Multiply the term's points by `factor * indicator / 100` (plus 1 - factor): US reliability."""


class TableTerm(TermBase):
    """Points by the value of one clause: `{kind: table, clause: pledge, points: {assurances: 2}}`."""

    kind: Literal["table"]
    clause: Clause
    points: dict[str, Points]


class CurveTerm(TermBase):
    """Points as a piecewise-linear curve over a numeric clause, flat past the last point."""

    kind: Literal["curve"]
    clause: Clause
    curve: Annotated[
        list[
            Annotated[tuple[Annotated[int, Field(ge=0, le=2_000_000)], Points], Field(strict=False)]
        ],
        Field(min_length=1, max_length=100),
    ]


class ConstTerm(TermBase):
    """Fixed points (while `when` holds)."""

    kind: Literal["const"]
    points: Points


class IndicatorTerm(TermBase):
    """`factor * (indicator - pivot)` points."""

    kind: Literal["indicator"]
    indicator: Id
    factor: Factor
    pivot: Annotated[int, Field(ge=0, le=100)] = 50


Term = Annotated[TableTerm | CurveTerm | ConstTerm | IndicatorTerm, Field(discriminator="kind")]


class Formula(Strict):
    base: Annotated[float, Field(ge=-100, le=200)] = 0
    terms: list[Term] = []


class TermsFile(Strict):
    """`scenarios/common/terms.yaml`: the shared sums. A scenario may replace terms by id."""

    credibility: Formula
    acceptability: Formula


# ---------------------------------------------------------------- Russia (3.5)


class Rule(Sourced):
    id: Id
    model_ref: str | None = None
    """The candidate rule in the design notes it comes from (R01-R19)."""
    title: Text
    when: Condition
    stance: ForcedStance | None = None
    """A rule that holds Russia's stance at least this far from accepting when it fires (red
    lines: `reject`; `counter`: Russia signs nothing yet). Most rules only explain."""
    on: list[Stance] | None = None
    """Fire only when Russia's stance ends up as one of these."""
    demands: Package | None = None
    """What Russia asks for in return (shown as its price when it counters)."""
    demand_clauses: list[str] = []
    """Which clauses of `demands` Russia names (the rest are defaults)."""
    effects: list[Effect] = []
    says: Text
    basis: Basis
    invented: bool = False
    """The words in `says` are the game's: the text does not put them in the speaker's mouth."""
    designer_gap: bool = False
    """The text is silent on this rule: it is the designers' choice, explained in
    `interpretation` (the design notes' "designer gap"); `basis` then grades only the premise
    in the cited paragraphs that the choice builds on."""


class Threshold(Strict):
    """Russia accepts when acceptability >= base + per_momentum * (momentum - 50)."""

    base: Annotated[float, Field(ge=-100, le=200)] = 55
    per_momentum: Factor = 0.4
    counter_margin: Annotated[float, Field(ge=0, le=100)] = 15
    source: list[SourceId] = ["P03"]
    interpretation: Text | None = None
    """The numbers are a designer's: the text gives the direction (P03), not the values."""


class Statements(Strict):
    """What Russia says for each stance, before the words of the rules that fired."""

    accept: Text
    counter: Text
    stall: Text
    reject: Text


class RulesFile(Strict):
    threshold: Threshold = Threshold()
    statements: Statements
    rules: list[Rule]


# ---------------------------------------------------------------- actors and allies (3.1, 3.6)


class Objection(Sourced):
    """A clause an actor refuses. With `unless`, it is a flexible position that arguments can move;
    without, it is a red line."""

    id: Id
    when: Condition
    unless: Condition | None = None
    says: Text


class Position(Sourced):
    id: Id
    label: Text
    start: Annotated[int, Field(ge=0, le=100)]


class Move(Sourced):
    """A seat's own move outside the package (3.7 step 3)."""

    id: Id
    name: Text
    text: Text
    when: Condition | None = None
    effects: list[Effect]
    lasting: Annotated[int, Field(ge=1, le=10)] = 1
    """Rounds over which the effects repeat (this one included)."""


class ScoreTerm(Sourced):
    """One part of a seat's score (3.9). `kind` says what it reads."""

    id: Id
    label: Text
    kind: ScoreKind
    indicator: Id | None = None
    name: Derived | None = None
    outcome: list[OutcomeKind] | None = None
    when: Condition | None = None
    flag: Id | None = None
    weight: Factor = 1
    points: Annotated[float, Field(ge=-1000, le=1000)] = 0
    peace_holds: bool = False
    """Counts only while the peace holds: a deal, and no renewed aggression after it."""


class Actor(Strict):
    id: ActorId
    name: Text
    public_position: Text
    private_objectives: Text
    source: list[SourceId]
    red_lines: list[Objection] = []
    flexible: list[Objection] = []
    positions: list[Position] = []
    moves: list[Move] = []
    policy: list[Id] = []
    """Moves a computer seat takes, first available first."""
    score: list[ScoreTerm] = []


class ActorsFile(Strict):
    actors: list[Actor]


class SeatScale(Strict):
    """What is a poor, fair or good score for one seat in one scenario (measured)."""

    poor: Annotated[float, Field(ge=-1000, le=1000)]
    """Below this the score is poor (the lower half of the measured games)."""
    good: Annotated[float, Field(ge=-1000, le=1000)]
    """Above this the score is good (the top fifth)."""

    @model_validator(mode="after")
    def _ordered(self) -> SeatScale:
        if self.poor > self.good:
            raise ValueError(f"poor ({self.poor}) must not be above good ({self.good})")
        return self


class ScalesFile(Strict):
    """`common/scales.yaml`, written by `benchmarks/scales.py`: each seat's scale by scenario."""

    games: Annotated[int, Field(ge=1, le=1_000_000)]
    scales: dict[Id, dict[Seat, SeatScale]]


# ---------------------------------------------------------------- debate (3.8)


class Argument(Sourced):
    id: Id
    by: list[ActorId]
    """Who can play it."""
    to: ActorId
    """Who it addresses."""
    claim: Text
    evidence: Text
    """A short quote (Arabic as given in the article) or gloss (English)."""
    evidence_ref: SourceId
    warrant: Text
    strength: Annotated[int, Field(ge=0, le=3)]
    relevance: Annotated[int, Field(ge=0, le=2)]
    """How closely it touches the listener's own objectives."""
    effects: list[Effect]


class Counter(Sourced):
    id: Id
    by: ActorId
    answers: list[Id]
    """Argument ids this counter answers."""
    text: Text
    strength: Annotated[int, Field(ge=0, le=3)]
    invented: bool = False
    """The speaker never said this in the text: the game puts the words in its mouth."""


class ArgumentsFile(Strict):
    arguments: list[Argument]
    counters: list[Counter] = []


# ---------------------------------------------------------------- events, glossary, article, fact checks


class Event(Sourced):
    id: Id
    date: Date
    title: Text
    text: Text
    effects: list[Effect] = []
    invented: bool = False
    """Made up for the game to illustrate the text: no such event was reported."""


class EventsFile(Strict):
    events: list[Event]


class GlossaryEntry(Strict):
    id: Id
    term: Text
    definition: Text
    source: list[SourceId]
    factcheck: list[Id] = []


class GlossaryFile(Strict):
    glossary: list[GlossaryEntry]


class Correction(Strict):
    """A known translation error: `wrong` occurs verbatim in the Arabic paragraph."""

    wrong: str
    right: str
    note: Text


class Paragraph(Strict):
    id: SourceId
    section: Text | None = None
    ar: str
    """The Arabic text exactly as given."""
    en: str
    """The project's English gloss (never the English original's sentences)."""
    corrections: list[Correction] = []


class ArticleFile(Strict):
    title: Text
    author: Text
    licence: Text
    paragraphs: list[Paragraph]


class FactCheck(Strict):
    id: Id
    paragraph: SourceId
    figures: list[str]
    """Figures as they appear in the text (`72`, `65000`): content that shows one must cite this check."""
    claim: Text
    record: Text
    source: list[SourceId]


class FactChecksFile(Strict):
    factchecks: list[FactCheck]


class DebriefQuestion(Strict):
    id: Id
    text: Text
    source: list[SourceId]
    factcheck: list[Id] = []


class DebriefFile(Strict):
    thesis: Text
    questions: list[DebriefQuestion]
    source: list[SourceId]


class EpilogueStory(Sourced):
    """A precedent told in the epilogue when its condition holds on the final package."""

    id: Id
    when: Condition
    outcome: list[OutcomeKind] | None = None
    """Tell it only after these outcomes (default: any)."""
    text: Text


class CollapseEpilogue(Sourced):
    """What follows a collapse (a walk-out, or Washington's engagement run out): the war goes
    on with no guarantee. Design numbers, each said in the interpretation."""

    land_per_round: Annotated[float, Field(ge=0, le=20)] = 3
    """Land Russia takes in each round that was left."""
    territory_loss: Annotated[int, Field(ge=0, le=100)] = 10
    """Then the renewed offensive, with nothing to deter it."""
    us_engagement: Annotated[int, Field(ge=0, le=100)] = 0
    """Washington's engagement after the talks are gone (at most what it was)."""


class Epilogue(Strict):
    """Each of `years` years: chance of renewed aggression = base * (1 - credibility/100) ** exponent."""

    years: Annotated[int, Field(ge=1, le=20)] = 5
    base: Annotated[float, Field(ge=0, le=1)] = 0.5
    exponent: Annotated[float, Field(gt=0, le=5)] = 1.5
    territory_loss: Annotated[int, Field(ge=0, le=100)] = 10
    """Land Kyiv loses when the aggression comes."""
    collapse: CollapseEpilogue = CollapseEpilogue(source=["P16", "P17", "P18", "P30"])
    """What follows a collapse."""
    stories: list[EpilogueStory] = []
    source: list[SourceId] = ["P16", "P17", "P18", "P28", "P29"]
    interpretation: Text | None = None
    """The odds and the land lost are design numbers: the text gives precedents, not odds."""


class EpilogueFile(Strict):
    epilogue: Epilogue


# ---------------------------------------------------------------- the scenario


class Briefing(Strict):
    situation: Text
    objectives: Text | None = None
    """Scenario-specific private objectives, shown under the actor's own."""
    source: list[SourceId] = []
    """The paragraphs the briefing draws on (optional: the scenario's own `source` covers it)."""
    factcheck: list[Id] = []


CoachAction = Literal["news", "argue", "move", "package", "table", "answer"]
"""What completes a coached step: `news` leaving the week's news for another tab (having
read it), `argue` playing an argument, `move` making a move, `package` changing a clause
of the package (or proposing), `table` tabling the package, `answer` reading Russia's
answer and going on (shown on the answer screen; the others on the round screen)."""


class CoachStep(Strict):
    """One step a tutorial coaches: the hint shown until the player does `done_by`."""

    done_by: CoachAction
    text: Text


class Start(Strict):
    date: Date = dt.date(2025, 8, 15)
    indicators: dict[Id, Annotated[int, Field(ge=0, le=100)]]
    positions: dict[Id, Annotated[int, Field(ge=0, le=100)]] = {}
    flags: list[Id] = []


class RuleOverrides(Strict):
    disable: list[Id] = []
    add: list[Rule] = []
    replace: list[Rule] = []


class TermOverrides(Strict):
    credibility: list[Term] = []
    acceptability: list[Term] = []


class Scenario(Strict):
    id: Id
    title: Text
    summary: Text
    archetype: Literal["weak", "troops", "air", "pledge", "tutorial"]
    source: list[SourceId]
    rounds: Annotated[int, Field(ge=1, le=30)]
    lesson_rounds: Annotated[int, Field(ge=1, le=30)] | None = None
    """The rounds of a 45-minute lesson (GAME-DESIGN 7), at most `rounds`; when absent a
    lesson plays min(rounds, 4)."""
    days_per_round: Annotated[int, Field(ge=1, le=60)] = 7
    seats: list[Seat] = list(SEATS)
    default_seat: Seat = "europe"
    start: Start
    package: Package
    locked: list[PackageClause] = []
    threshold: Threshold | None = None
    briefings: dict[Seat, Briefing]
    events: list[Event] = []
    arguments: list[Argument] = []
    counters: list[Counter] = []
    rules: RuleOverrides = RuleOverrides()
    terms: TermOverrides = TermOverrides()
    debrief: list[DebriefQuestion] = []
    coach: list[CoachStep] = []
    """A tutorial's coached steps, in order: the round screen shows the first one not done
    (the answer screen the first `answer` step not done), each until the player does it."""
    interpretation: Text | None = None
    factcheck: list[Id] = []

    @model_validator(mode="after")
    def _lesson_fits(self) -> Scenario:
        if self.lesson_rounds is not None and self.lesson_rounds > self.rounds:
            raise ValueError(
                f"lesson_rounds ({self.lesson_rounds}) is more than the scenario's rounds"
                f" ({self.rounds})"
            )
        return self


def json_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files, for editors."""
    return Scenario.model_json_schema()
