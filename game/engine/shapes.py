"""The shapes of the engine's plain data: the state, the actions and the events.

They are TypedDicts: at run time plain dicts and lists (JSON as they stand), under strict
typing checked key by key, so a misspelt key is an error before anything runs. An action
comes from outside (a screen, a save, a script), so `Engine.apply` still checks every
action it is given and refuses a wrong one with an ActionError.
"""

# no `from __future__ import annotations` here: the shapes are read at run time too (which
# keys are required), and that needs the annotations evaluated

from collections.abc import Iterable, Mapping
from typing import Any, Literal, NotRequired, TypedDict

from game.engine.vocab import (
    Controller,
    OutcomeKind,
    Phase,
    Stance,
)

Package = dict[str, Any]
"""A full package of clauses, as `package.normalise` makes it (GAME-DESIGN 3.3)."""

Answer = Literal["agree"] | list[str]
"""A seat's answer to the draft: `"agree"`, or the ids of the objections it raised."""

Cause = dict[str, str]
"""What caused a change: `{"argument": id}`, `{"move": id}`, `{"rule": id}`, `{"event": id}`,
`{"rebuttal": id}`, `{"refusal": seat}` or `{"override": reason}`."""

# ---------------------------------------------------------------- the state


class Used(TypedDict):
    """What a seat has done this round."""

    arguments: int
    move: str | None


class Ongoing(TypedDict):
    """A lasting move: its effects repeat for `left` more rounds."""

    move: str
    seat: str
    left: int


class Played(TypedDict):
    """An argument played, for the debrief."""

    round: int
    seat: str
    card: str
    counter: str | None
    dice: list[int]
    total: int
    success: bool
    verdict: NotRequired[str]
    """Judged by the facilitator instead of the dice: strong, weak or fails."""


class Pending(TypedDict):
    """A computer seat's argument at a person, awaiting the person's answer (`respond`)."""

    seat: str
    card: str
    to: str


class Outcome(TypedDict):
    kind: OutcomeKind
    reason: str
    round: int


class Year(TypedDict):
    """One year of the epilogue: the roll, and whether the aggression came."""

    year: int
    roll: float
    attack: bool
    territory: NotRequired[list[int]]
    """Before and after, in the year the aggression came."""


class War(TypedDict, total=False):
    """After a collapse, the war that went on (the epilogue's `collapse` part): the rounds
    that were left, and `[before, after]` of the land Kyiv held and of Washington's
    engagement."""

    rounds_left: int
    territory: list[int]
    us_engagement: list[int]


class Epilogue(TypedDict):
    deal: bool
    credibility: int
    chance: float | None
    aggression_year: int | None
    years: list[Year]
    stories: list[str]
    war: NotRequired[War]


class SeatScore(TypedDict):
    total: float
    parts: list[list[Any]]
    """`[part id, points]` for each part that counted."""


class AnswerRecord(TypedDict):
    """Russia's last answer, as the state keeps it."""

    stance: Stance
    credibility: int
    acceptability: int
    threshold: int
    rules: list[str]
    demands: dict[str, Any]


class HistoryEntry(TypedDict):
    """One finished round."""

    round: int
    date: str
    package: Package
    stance: Stance
    credibility: int
    acceptability: int
    threshold: int
    rules: list[str]
    indicators: dict[str, int]


class State(TypedDict):
    """A game at one moment. `Engine.new_game` makes one; `Engine.apply` makes the next."""

    scenario: str
    seed: int
    rng: int
    """The dice's generator (`rng`): the whole of it is this integer."""
    years_rng: NotRequired[int | None]
    """The generator of the epilogue's years (`outcome.epilogue`), seeded from the game's
    seed alone so that the same seed meets the same years' luck whatever was played; None
    (or absent, in a state a player makes up from its view) when the years roll from `rng`,
    as in a game saved before save version 5. Never in a view."""
    round: int
    phase: Phase
    turn: str | None
    """The seat whose turn it is (None once the talks are over)."""
    lap: int
    """How many times the turn has gone round the table this round (1 to MAX_LAPS)."""
    quiet: int
    """How many turns in a row ended in a pass with nothing else done since (from lap 2)."""
    back: "State | None"
    """The state before the last action that can be undone on this turn (`undo`), or None.
    Never in a view, never in a save (a save is the action log)."""
    seats: dict[str, Controller]
    indicators: dict[str, int]
    positions: dict[str, int]
    flags: dict[str, bool]
    package: Package
    """The package on the table."""
    draft: Package | None
    """The package proposed this round, if any."""
    draft_by: NotRequired[str]
    answers: dict[str, Answer]
    """Each seat's answer to the draft, once per draft (the proposer's is "agree")."""
    used: dict[str, Used]
    hands: dict[str, list[str]]
    decks: dict[str, list[str]]
    played: list[Played]
    standing: list[str]
    """Arguments that landed and have not been answered yet."""
    ongoing: list[Ongoing]
    news: list[str]
    answer: AnswerRecord | None
    history: list[HistoryEntry]
    signed: list[str]
    outcome: Outcome | None
    epilogue: Epilogue | None
    scores: dict[str, SeatScore] | None
    pending: NotRequired[Pending | None]
    """A computer seat's argument at a person awaiting its answer; the turn is the
    person's until it answers, then goes back to the seat that argued."""
    date: str
    """The date of the round (ISO)."""
    rounds: int
    """How many rounds this game has: the scenario's, or fewer for a lesson."""
    injected: NotRequired[list[str]]
    """Events a facilitator brought forward (`facilitator`): not told again on their date."""


# ---------------------------------------------------------------- actions


class ArgueAction(TypedDict):
    type: Literal["argue"]
    seat: str
    card: str
    dice: NotRequired[list[int]]
    """A facilitator's override of the roll, logged with the action."""
    reason: NotRequired[str]


class MoveAction(TypedDict):
    type: Literal["move"]
    seat: str
    move: str


class ProposeAction(TypedDict):
    type: Literal["propose"]
    seat: str
    package: Package | Mapping[str, Any]
    """A package, in full or in part (omitted clauses take their defaults)."""


class SeatAction(TypedDict):
    """An action with nothing but its seat."""

    type: Literal["agree", "table", "pass", "walk_out", "sign", "refuse", "undo"]
    seat: str


class RespondAction(TypedDict):
    """A person answers a computer seat's argument (`pending`): concede, counter (naming
    one of its counters to the card) or stand."""

    type: Literal["respond"]
    seat: str
    answer: Literal["concede", "counter", "stand"]
    counter: NotRequired[str]


class ObjectAction(TypedDict):
    """A seat's answer to the draft: it objects, naming its objections that hold."""

    type: Literal["object"]
    seat: str
    objections: list[str]


class CounterAction(TypedDict):
    """A seat answers an argument that landed against it and still stands (a roll)."""

    type: Literal["counter"]
    seat: str
    card: str


class OverrideAction(TypedDict):
    """A facilitator sets indicators or positions directly, with a reason."""

    type: Literal["override"]
    seat: NotRequired[str]
    reason: str
    set: dict[str, int]


class InterventionAction(TypedDict):
    """A facilitator's intervention (`game.engine.facilitator`), with a reason."""

    type: Literal["inject", "verdict", "skip", "end_talks"]
    seat: NotRequired[str]
    reason: str
    event: NotRequired[str]
    by: NotRequired[str]
    card: NotRequired[str]
    rating: NotRequired[str]
    votes: NotRequired[list[int]]


Action = (
    ArgueAction
    | MoveAction
    | ProposeAction
    | SeatAction
    | ObjectAction
    | RespondAction
    | CounterAction
    | OverrideAction
    | InterventionAction
)
"""What a seat does. `Engine.apply` checks any mapping it is given against these."""

RawAction = Mapping[str, Any]
"""An action as it arrives (from a screen, a save, a script): not yet checked."""

# ---------------------------------------------------------------- events


class ObjectionRecord(TypedDict):
    """A seat refuses a package: a red line, or a flexible position not yet moved."""

    seat: str
    id: str
    red_line: bool
    source: list[str]


class NewsEvent(TypedDict):
    type: Literal["news"]
    event: str
    date: str


class RoundEvent(TypedDict):
    type: Literal["round"]
    round: int
    date: str


ChangeFields = TypedDict("ChangeFields", {"from": int, "to": int, "cause": Cause})
"""A change's values (`from` is a Python keyword, hence this form)."""


class IndicatorChangeEvent(ChangeFields):
    type: Literal["change"]
    indicator: str


class PositionChangeEvent(ChangeFields):
    type: Literal["change"]
    position: str


class FlagEvent(TypedDict):
    type: Literal["flag"]
    flag: str
    set: bool
    cause: Cause


class Resolution(TypedDict):
    """The open resolution of one argument (GAME-DESIGN 3.8): every part of the sum."""

    card: str
    to: str
    counter: str | None
    dice: list[int]
    strength: int
    relevance: int
    counter_strength: int
    modifiers: list[dict[str, Any]]
    """Every modifier by name ({"name", "value", ...details}), in order; the values add up
    to `modifier` (game.engine.debate)."""
    modifier: int
    chance: float
    """The chance it had before the roll (of the 36 rolls of 2d6)."""
    total: int
    target: int
    success: bool


class ArgumentEvent(Resolution):
    """An argument played, and how it went."""

    type: Literal["argument"]
    seat: str
    overridden: bool
    reason: NotRequired[str]
    answer: NotRequired[Literal["counter", "stand"]]
    """A person's answer to a computer seat's argument, when it was one."""


class ArguedAtEvent(TypedDict):
    """A computer seat argues at a person: the argument awaits the person's answer."""

    type: Literal["argued_at"]
    seat: str
    card: str
    to: str


class ConcededEvent(TypedDict):
    """A person gave way to a computer seat's argument: it lands without a roll."""

    type: Literal["conceded"]
    seat: str
    card: str
    by: str


class MoveEvent(TypedDict):
    type: Literal["move"]
    seat: str
    move: str


class ProposalEvent(TypedDict):
    type: Literal["proposal"]
    seat: str
    package: Package
    changed: list[str]
    objections: list[ObjectionRecord]


class SeatEvent(TypedDict):
    """A seat agreed, passed, undid its last action, signed or refused to sign."""

    type: Literal["agree", "pass", "undone", "signed", "refused_to_sign"]
    seat: str


class ObjectEvent(TypedDict):
    type: Literal["object"]
    seat: str
    objections: list[ObjectionRecord]


class TurnEvent(TypedDict):
    """The turn passes to a seat (`lap` grows when it comes round to the first seat)."""

    type: Literal["turn"]
    seat: str
    lap: int


class RebuttalEvent(TypedDict):
    type: Literal["rebuttal"]
    seat: str
    card: str
    counter: str
    dice: list[int]
    counter_strength: int
    strength: int
    total: int
    target: int
    success: bool


class TabledEvent(TypedDict):
    type: Literal["tabled"]
    seat: str
    package: Package


class RefusedEvent(TypedDict):
    """Allies would not table the proposal: the package on the table stays."""

    type: Literal["refused"]
    seat: str
    objections: list[ObjectionRecord]
    not_agreed: list[str]


class RussiaEvent(TypedDict):
    """Russia's answer with every reason (see `russia.Answer`)."""

    type: Literal["russia"]
    stance: Stance
    credibility: int
    acceptability: int
    raw_acceptability: int
    threshold: int
    momentum: int
    """The momentum Russia's threshold was computed from."""
    rules: list[dict[str, Any]]
    """`{"id": rule, "source": [paragraphs]}` for each rule that fired."""
    demands: dict[str, Any]
    credibility_terms: list[list[Any]]
    acceptability_terms: list[list[Any]]


class NotSignedEvent(TypedDict):
    type: Literal["not_signed"]
    objections: list[ObjectionRecord]


class SigningEvent(TypedDict):
    type: Literal["signing"]
    seats: list[str]


class NoDealEvent(TypedDict):
    type: Literal["no_deal"]
    rules: list[str]


class OutcomeEvent(TypedDict):
    type: Literal["outcome"]
    kind: OutcomeKind
    reason: str


class EpilogueEvent(Epilogue):
    type: Literal["epilogue"]


class InterventionEvent(TypedDict):
    """A facilitator stepped in (the action's own events follow)."""

    type: Literal["intervention"]
    action: str
    reason: str


class VerdictEvent(TypedDict):
    """An argument judged by the facilitator or a class vote instead of the dice."""

    type: Literal["verdict"]
    seat: str
    card: str
    to: str
    rating: str
    success: bool
    reason: str
    votes: NotRequired[list[int]]


class ScoresEvent(TypedDict):
    type: Literal["scores"]
    scores: dict[str, SeatScore]


Event = (
    NewsEvent
    | RoundEvent
    | IndicatorChangeEvent
    | PositionChangeEvent
    | FlagEvent
    | ArgumentEvent
    | MoveEvent
    | ProposalEvent
    | SeatEvent
    | ObjectEvent
    | ArguedAtEvent
    | ConcededEvent
    | TurnEvent
    | RebuttalEvent
    | TabledEvent
    | RefusedEvent
    | RussiaEvent
    | NotSignedEvent
    | SigningEvent
    | NoDealEvent
    | OutcomeEvent
    | EpilogueEvent
    | ScoresEvent
    | InterventionEvent
    | VerdictEvent
)
"""What happened, in order; each has a `type`."""


class Muted(list[Event]):
    """A list of events that keeps none: `Engine.step` hands `MUTED` to the handlers, which
    then skip building what only the events tell (the state changes all the same)."""

    def append(self, event: Event) -> None:
        pass

    def extend(self, events: Iterable[Event]) -> None:
        pass

    def __iadd__(self, events: Iterable[Event]) -> "Muted":  # type: ignore[override,misc]
        return self


MUTED = Muted()
"""The one muted list of events (handlers compare with it: `events is MUTED`)."""


# ---------------------------------------------------------------- what a seat sees


class View(TypedDict):
    """What one seat (or, with `seat` None, anyone watching) may know of a game: everything
    public, the seat's own hand and the size of its deck, and the size of each hand. Never
    the generators, the seed, the order of any deck, another seat's hand or the undo state
    (`Engine.view` makes one; it shares the state's parts, so it is cheap and read-only)."""

    scenario: str
    seat: str | None
    round: int
    date: str
    phase: Phase
    turn: str | None
    lap: int
    quiet: int
    seats: dict[str, Controller]
    indicators: dict[str, int]
    positions: dict[str, int]
    flags: dict[str, bool]
    package: Package
    draft: Package | None
    draft_by: NotRequired[str]
    answers: dict[str, Answer]
    used: dict[str, Used]
    played: list[Played]
    standing: list[str]
    ongoing: list[Ongoing]
    news: list[str]
    answer: AnswerRecord | None
    history: list[HistoryEntry]
    signed: list[str]
    outcome: Outcome | None
    epilogue: Epilogue | None
    scores: dict[str, SeatScore] | None
    pending: NotRequired[Pending | None]
    """A computer seat's argument at a person awaiting its answer; the turn is the
    person's until it answers, then goes back to the seat that argued."""
    hand: list[str]
    """The seat's own cards (none in the public view)."""
    deck_size: int
    """How many cards are left in the seat's deck (0 in the public view)."""
    hand_sizes: dict[str, int]
    """How many cards each seat holds."""
    can_undo: bool
    """The seat on turn may take back its last action (`undo`): public, as the action is."""


Readable = State | View
"""What the rulebook's questions read: a state, or a seat's view of it."""
