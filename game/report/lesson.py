"""Does a lesson fit 45 minutes? A whole lesson-length game, measured (GAME-DESIGN 7).

Three scripted teams play a game of the setup screen's Lesson length through the real
engine (`GameFlow.act`, the actions a person's clicks send): Europe wants a reassurance
force, the United States air support only, Ukraine an Article 5-like pledge
(`game.engine.strategies`). On its first turn of a round each team takes its strategy's
steps (arguments, a move, a proposal); on a later turn it answers the draft and passes, or
tables it once every team has had its say; each signs or refuses as its strategy says.

What is measured: the steps the game goes through (turns, arguments, proposals, Russia's
answers, the signing), counted from the engine's own turn order. What is assumed: the
minutes each step takes in a classroom (`MINUTES`, design numbers, not a measurement of a
class: a class that talks longer needs the facilitator's round timer), and the minutes of
the parts outside the game (the tutorial opener, the briefings, the ending, the debrief:
`game.report.handouts.lesson_plan`). The estimate is the steps at those minutes plus those
parts; `benchmarks/lesson.py` prints it, and draws every screen of the game through the
real App headless besides, to time the machine too.

    r = play("ground_troops", seed=7)       # the lesson's own length
    r.class_minutes, r.steps, r.outcome
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.engine import ActionError, rng
from game.engine.strategies import STRATEGIES

MINUTES: dict[str, float] = {
    "turn": 1.5,  # a team's first turn of a round: it talks it over and makes its clicks
    "later_turn": 0.5,  # a later turn: it agrees to (or objects to) the draft, passes or tables
    "argue": 1.0,  # besides: an argument read aloud to the room, and the roll
    "move": 0.0,  # a click during the turn's talk
    "propose": 0.0,  # made in the turn's talk; the class reads the draft on the class view
    "agree": 0.0,
    "object": 0.0,
    "table": 0.0,
    "pass": 0.0,
    "answer": 1.0,  # Russia's answer read out in short on the class view (details: D)
    "sign": 0.5,
    "refuse": 0.5,
}
"""A step's classroom minutes (ASSUMED: design numbers, see the module's notes)."""

TEAMS = {"europe": "reassurance", "us": "air", "ukraine": "pledge"}
"""The scripted teams: each seat's strategy."""

SEED = 7
"""The seed of the figure in the teachers' guides (the guides' example seed)."""


@dataclass
class Lesson:
    """A measured lesson-length game and its classroom estimate."""

    scenario: str
    seed: int
    rounds: int
    of: int
    outcome: str
    outcome_round: int
    steps: dict[str, int] = field(default_factory=dict)
    in_rounds: float = 0.0
    """The rounds' minutes: the steps at `MINUTES`."""
    outside: float = 0.0
    """The plan's minutes outside the rounds (opener, briefings, ending, debrief)."""

    @property
    def class_minutes(self) -> float:
        return round(self.in_rounds + self.outside, 1)

    @property
    def round_minutes(self) -> float:
        return round(self.in_rounds / max(1, self.rounds), 1)


def play(
    scenario: str,
    seed: int = SEED,
    length: int | None = None,
    show: Callable[[str, Any], None] | None = None,
) -> Lesson:
    """Play a whole lesson-length game of `scenario` with the three scripted teams (its
    lesson's rounds, or `length`), counting its steps. `show(screen, flow)` is called at
    each point a screen would be drawn ("briefing", "round", "answer", "signing",
    "ending", "debrief"), for a caller that draws them."""
    from game.content.loader import load, resolve
    from game.report import handouts
    from game.ui.content import Content
    from game.ui.flow import GameFlow

    info = next(s for s in Content().scenarios() if s.id == scenario)
    lesson = length if length is not None else info.lesson_rounds
    bundle = load(resolve(scenario), full=True, lint=False)
    flow = GameFlow.new(
        bundle,
        list(TEAMS),
        seed,
        facilitator=True,
        rounds=lesson if lesson < info.rounds else None,
    )
    shown: Callable[[str, Any], None] = show or (lambda _screen, _flow: None)
    steps: Counter[str] = Counter()
    own = {s: [rng.own_stream(seed * 4 + i, 0x5EED)] for i, s in enumerate(TEAMS)}

    def plan(seat: str) -> Any:
        def now() -> Any:
            return flow.engine.view(flow.state, seat)

        return STRATEGIES[TEAMS[seat]](flow.engine, now, seat, own[seat])

    for seat in flow.humans:
        shown("briefing", seat)
    while not flow.session.over:
        if flow.state["phase"] == "signing":
            shown("signing", flow)
            decision = next(iter(plan(flow.current_seat)))
            flow.act(decision)
            steps[decision["type"]] += 1
            continue
        round_no = flow.state["round"]
        played: set[str] = set()
        events: list[Any] = []
        for _ in range(60):
            if flow.state["round"] != round_no or flow.state["phase"] != "talks":
                break
            seat = flow.current_seat
            shown("round", flow)
            if seat not in played:
                played.add(seat)
                steps["turn"] += 1
                for action in plan(seat):
                    if action["type"] in ("table", "pass") or flow.current_seat != seat:
                        break
                    try:
                        events += flow.act(action)
                    except ActionError:
                        break  # not legal now (a second move, an answer given): next step
                    steps[action["type"]] += 1
            else:
                steps["later_turn"] += 1
            if flow.current_seat != seat or flow.state["round"] != round_no:
                continue
            answers = flow.state.get("answers") or {}
            if flow.state["draft"] is not None and seat not in answers:
                events += flow.act({"type": "agree", "seat": seat})
                steps["agree"] += 1
            kind = "table" if flow.state["lap"] >= 2 else "pass"
            events += flow.act({"type": kind, "seat": seat})  # type: ignore[typeddict-item]
            steps[kind] += 1
        shown("answer", events)
        steps["answer"] += 1
    shown("ending", flow)
    shown("debrief", flow)
    parts = {step: end - start for start, end, step, _ in handouts.lesson_plan(info.rounds)}
    outcome: Any = flow.state["outcome"] or {}
    return Lesson(
        scenario=scenario,
        seed=seed,
        rounds=flow.rounds,
        of=info.rounds,
        outcome=str(outcome["kind"]),
        outcome_round=int(outcome["round"]),
        steps=dict(sorted(steps.items())),
        in_rounds=sum(MINUTES.get(k, 0.0) * n for k, n in steps.items()),
        outside=float(sum(m for step, m in parts.items() if step != "rounds")),
    )
