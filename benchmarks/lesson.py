"""Does a lesson fit 45 minutes? `python benchmarks/lesson.py [SCENARIO ...] [--seed N]`.

Plays a whole lesson-length game (the setup screen's "Lesson" length) with the three seats
played by scripted teams through the real engine (`game.report.lesson.play`), and draws
every screen the game goes through on the real App headless (SDL's dummy driver): each
team's briefing, the round screen on each turn, Russia's answer and the class view's short
answer after each round, the signing, the ending and the debrief.

It prints, per scenario, against the 45-minute plan of the teacher's sheets
(`game.report.handouts.lesson_plan`):

- MEASURED: the steps the game went through (the engine's turn order: turns, arguments,
  proposals, Russia's answers), and the machine's seconds for the screens and the engine;
- ASSUMED: the classroom minutes of each step (`game.report.lesson.MINUTES`: design
  numbers, not a measurement of a class) and of the parts outside the game (the opener,
  the briefings, the ending, the debrief: the plan's minutes);
- the estimate: the steps at those minutes plus those parts, and a round's minutes
  against the plan's.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MAIN = ["weak_guarantee", "ground_troops", "air_support_only", "article5_pledge"]


def run(scenario: str, seed: int, length: int | None) -> tuple[Any, float, int]:
    """The lesson, with every screen drawn on a real App: (the lesson, seconds, screens)."""
    from game.report import lesson
    from game.ui.app import App
    from game.ui.content import Content
    from game.ui.scenes.answer import AnswerScene
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.class_view import ClassViewScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.ending import EndingScene
    from game.ui.scenes.round import RoundScene
    from game.ui.scenes.signing import SigningScene

    tmp = Path(tempfile.mkdtemp(prefix="lesson-"))
    app = App(size=(1280, 800), config_dir=tmp, data_dir=tmp, persist=False, content=Content())
    app.settings.animations = False
    app.title()
    screens = 0
    flow: Any = None

    def draw(scene: Any) -> None:
        nonlocal screens
        app.reset(scene)
        app.render(force=True)
        screens += 1

    def show(screen: str, what: Any) -> None:
        nonlocal flow
        if screen == "round":
            flow = what
            draw(RoundScene(app, flow))
        elif screen == "briefing":
            pending.append(what)
        elif screen == "answer":
            draw(AnswerScene(app, flow, what))
            draw(ClassViewScene(app, flow))  # the short answer on the projector
        elif screen == "signing":
            flow = what
            draw(SigningScene(app, what))
        elif screen == "ending":
            draw(EndingScene(app, what))
        elif screen == "debrief":
            draw(DebriefScene(app, what))
        if flow is not None:
            while pending:
                draw(BriefingScene(app, flow, pending.pop(0), then=lambda: None))

    pending: list[str] = []
    started = time.perf_counter()
    result = lesson.play(scenario, seed, length, show=show)
    return result, time.perf_counter() - started, screens


def main() -> int:
    from game.report import lesson

    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("scenarios", nargs="*", default=MAIN)
    ap.add_argument("--seed", type=int, default=lesson.SEED)
    ap.add_argument("--rounds", type=int, help="another lesson length than the setup screen's")
    args = ap.parse_args()
    from game.report.handouts import ROUND_MINUTES

    print("assumed minutes a step:", {k: v for k, v in lesson.MINUTES.items() if v})
    for sid in args.scenarios:
        r, seconds, screens = run(sid, args.seed, args.rounds)
        print(
            f"{r.scenario}: {r.rounds} of {r.of} rounds, {r.outcome} in round {r.outcome_round};"
            f" {r.class_minutes} class minutes (the plan: 45); a round {r.round_minutes}"
            f" minutes (the plan: {ROUND_MINUTES}); {screens} screens and the engine in"
            f" {seconds:.2f} s"
        )
        print(f"  measured steps: {r.steps}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
