"""Whole tables of computer seats: `python benchmarks/tables.py [GAMES] [--levels L ...] [--jobs N]`.

Every seat of every scenario is played by the computer at one level (`normal`, `hard`, or
`easy`), nobody human, in GAMES seeded games (50 unless given; seeds 0 to GAMES-1). Prints,
per scenario and level, how many games end in a deal, a collapse (a walk-out, or Washington's
engagement run out) and a timeout, with the mean round the talks ended in and each seat's
mean score: whether seats that negotiate converge on a deal.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.loader import load, resolve  # noqa: E402
from game.engine import Engine  # noqa: E402
from game.engine.drive import run  # noqa: E402
from game.engine.levels import LEVELS, make_player  # noqa: E402

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge")

_ENGINES: dict[str, Engine] = {}


def engine_for(sid: str) -> Engine:
    if sid not in _ENGINES:
        _ENGINES[sid] = Engine(load(resolve(sid), full=False, lint=False).book)
    return _ENGINES[sid]


def game(sid: str, level: str, seed: int) -> tuple[str, str, int, dict[str, float]]:
    """One game, every seat at `level`: the outcome, its reason, its round, the scores."""
    engine = engine_for(sid)
    state, _ = engine.new_game(seed)
    players = {s: make_player(engine, s, level, seed * 3 + i) for i, s in enumerate(engine.seats)}
    state, _, _ = run(engine, state, players, in_place=True)
    assert state["outcome"] is not None and state["scores"] is not None
    out = state["outcome"]
    scores = {s: float(state["scores"][s]["total"]) for s in engine.seats}
    return out["kind"], out["reason"], int(out["round"]), scores


def _batch(args: tuple[str, str, list[int]]) -> list[tuple[str, str, int, dict[str, float]]]:
    sid, level, seeds = args
    return [game(sid, level, s) for s in seeds]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("games", nargs="?", type=int, default=50)
    ap.add_argument("--levels", nargs="+", choices=LEVELS, default=["normal", "hard"])
    ap.add_argument("--scenario", action="append", choices=SCENARIOS)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    started = time.perf_counter()
    print(
        f"{args.games} games per scenario and level (seeds 0-{args.games - 1}), every seat"
        " at the level\n"
    )
    print(
        "| scenario | level | deal | collapse | timeout | ends in round | Europe | US | Ukraine |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    chunk = max(1, args.games // (2 * max(1, args.jobs)))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for sid in args.scenario or SCENARIOS:
            for level in args.levels:
                seeds = list(range(args.games))
                jobs = [(sid, level, seeds[i : i + chunk]) for i in range(0, len(seeds), chunk)]
                results = [r for batch in pool.map(_batch, jobs) for r in batch]
                count = {
                    k: sum(1 for r in results if r[0] == k) for k in ("deal", "collapse", "timeout")
                }
                ends = statistics.fmean(r[2] for r in results)
                means = [
                    statistics.fmean(r[3][s] for r in results) for s in ("europe", "us", "ukraine")
                ]
                print(
                    f"| {sid} | {level} | {count['deal']} | {count['collapse']} | {count['timeout']}"
                    f" | {ends:.1f} | " + " | ".join(f"{m:.1f}" for m in means) + " |"
                )
                sys.stdout.flush()
    print(f"\n{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
