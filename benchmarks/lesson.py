"""Does a lesson fit 45 minutes? `python benchmarks/lesson.py [SCENARIO ...] [--seed N]`.

Plays a whole lesson-length game (the setup screen's "Lesson" length) with the three seats
played by scripted teams, through the real screens headless (SDL's dummy driver): each
team's round screen on its turn, Russia's answer after each round, the signing, the ending
and the debrief, each drawn once. Every action is the engine's, through `GameFlow.act`.

It prints, per scenario, against the 45-minute plan of the teacher's sheets
(`game.report.handouts.lesson_plan`: the opener, the briefings, rounds of ROUND_MINUTES, the
ending, the debrief):

- the time in class: the steps the game went through, each at a classroom cost in minutes
  (the table below: design numbers, not measurements of a class; change them to your
  class's pace), plus the opener, the briefings, the ending and the debrief as planned; and
  the minutes a round needs at these costs against the plan's;
- the machine's time: the seconds the screens and the engine took for the whole game
  (what a slow school computer adds to the class's time: nothing you would notice).

The teams: Europe wants a reassurance force, the United States air support only, Ukraine an
Article 5-like pledge (`game.engine.strategies`); each argues and proposes on its turn, the
teams agree to the last proposal, the last team tables it; each signs or refuses as its
strategy says.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MINUTES: dict[str, float] = {
    "turn": 1.5,  # a team talks it over on its turn and makes its choices (its clicks)
    "argue": 1.0,  # besides: an argument made aloud to the room, and the roll
    "move": 0.0,  # a click during the turn's talk
    "propose": 0.5,  # a proposal explained to the room
    "agree": 0.0,
    "table": 0.0,
    "pass": 0.0,
    "answer": 1.5,  # Russia's answer read out in short on the class view
    "sign": 0.5,
    "refuse": 0.5,
}
"""A step of a round's cost in minutes (design numbers: see the module's notes); the
opener, the briefings, the ending and the debrief take the plan's minutes."""

TEAMS = {"europe": "reassurance", "us": "air", "ukraine": "pledge"}


def play(scenario: str, seed: int, length: int | None = None) -> dict[str, object]:
    from game.content.loader import load, resolve
    from game.engine import ActionError, rng
    from game.engine.strategies import STRATEGIES
    from game.report import handouts
    from game.ui.app import App
    from game.ui.content import LESSON_ROUNDS, Content
    from game.ui.flow import GameFlow
    from game.ui.scenes.answer import AnswerScene
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.class_view import ClassViewScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.ending import EndingScene
    from game.ui.scenes.round import RoundScene
    from game.ui.scenes.signing import SigningScene

    content = Content()
    info = next(s for s in content.scenarios() if s.id == scenario)
    lesson = length if length is not None else info.lesson_rounds
    rounds = lesson if lesson < info.rounds else None
    bundle = load(resolve(scenario), full=True, lint=False)
    tmp = Path(tempfile.mkdtemp(prefix="lesson-"))
    app = App(size=(1280, 800), config_dir=tmp, data_dir=tmp, persist=False, content=content)
    app.settings.animations = False
    app.title()
    started = time.perf_counter()
    flow = GameFlow.new(bundle, list(TEAMS), seed, facilitator=True, rounds=rounds)
    steps: Counter[str] = Counter()
    screens = 0

    def show(scene: object) -> None:
        nonlocal screens
        app.reset(scene)  # type: ignore[arg-type]
        app.render(force=True)
        screens += 1

    for seat in flow.humans:
        show(BriefingScene(app, flow, seat, then=lambda: None))
    own = {s: [rng.seed_state(seed ^ i ^ 0x5EED)] for i, s in enumerate(TEAMS)}
    while not flow.session.over:
        if flow.state["phase"] == "signing":
            show(SigningScene(app, flow))
            seat = flow.current_seat
            plan = STRATEGIES[TEAMS[seat]](
                flow.engine, lambda s=seat: flow.engine.view(flow.state, s), seat, own[seat]
            )
            decision = next(iter(plan))
            flow.act(decision)
            steps[decision["type"]] += 1
            continue
        round_no = flow.state["round"]
        events: list[Any] = []
        played: set[str] = set()
        # the engine's turn order: each team on its turn takes its strategy's steps once a
        # round, answers the draft, then passes; from the second lap the team on turn tables
        for _ in range(60):
            if flow.state["round"] != round_no or flow.state["phase"] != "talks":
                break
            seat = flow.current_seat
            show(RoundScene(app, flow))
            steps["turn"] += 1
            if seat not in played:
                played.add(seat)
                plan = STRATEGIES[TEAMS[seat]](
                    flow.engine, lambda s=seat: flow.engine.view(flow.state, s), seat, own[seat]
                )
                for action in plan:
                    if action["type"] in ("table", "pass") or flow.current_seat != seat:
                        break
                    try:
                        events += flow.act(action)
                    except ActionError:
                        break  # not legal now (a second move, an answer given): next step
                    steps[action["type"]] += 1
            if flow.current_seat != seat or flow.state["round"] != round_no:
                continue
            answers = flow.state.get("answers") or {}
            if flow.state["draft"] is not None and seat not in answers:
                events += flow.act({"type": "agree", "seat": seat})
                steps["agree"] += 1
            kind = "table" if flow.state["lap"] >= 2 else "pass"
            events += flow.act({"type": kind, "seat": seat})
            steps[kind] += 1
        show(AnswerScene(app, flow, events))
        show(ClassViewScene(app, flow))  # the short answer on the projector
        steps["answer"] += 1
        assert flow.state["round"] > round_no or flow.state["phase"] != "talks"
    show(EndingScene(app, flow))
    show(DebriefScene(app, flow))
    seconds = time.perf_counter() - started
    plan = {step: end - start for start, end, step, _ in handouts.lesson_plan(info.rounds)}
    in_rounds = sum(MINUTES[k] * n for k, n in steps.items())
    minutes = in_rounds + sum(m for step, m in plan.items() if step != "rounds")
    return {
        "scenario": scenario,
        "rounds": f"{flow.rounds} of {info.rounds}"
        + ("" if info.lesson is not None or length else f" (at most {LESSON_ROUNDS})"),
        "outcome": f"{flow.state['outcome']['kind']} in round {flow.state['outcome']['round']}",
        "steps": dict(sorted(steps.items())),
        "screens": screens,
        "class_minutes": round(minutes, 1),
        "round_minutes": round(in_rounds / flow.rounds, 1),
        "plan_round_minutes": handouts.ROUND_MINUTES,
        "machine_seconds": round(seconds, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", default=["weak_guarantee", "ground_troops"])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, help="another lesson length than the setup screen's")
    args = ap.parse_args()
    for sid in args.scenarios:
        r = play(sid, args.seed, args.rounds)
        print(
            f"{r['scenario']}: {r['rounds']} rounds, {r['outcome']}; "
            f"{r['class_minutes']} class minutes (the plan: 45); "
            f"a round {r['round_minutes']} minutes (the plan: {r['plan_round_minutes']}); "
            f"{r['screens']} screens and the engine in {r['machine_seconds']} s"
        )
        print(f"  steps: {r['steps']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
