"""The computer levels against each other: `python benchmarks/tournament.py [GAMES] [--jobs N]`.

For every scenario and seat, each level (`easy`, `normal`, `hard`) plays that seat in GAMES
seeded games (200 unless given; seeds 0 to GAMES-1, the same for every level) while the two
other seats are played by `easy` computer players (the engine's EasyPlayer: it counters,
makes its policy's move, agrees or objects to drafts by its objections, tables from lap 2,
signs unless an objection holds; it never argues or proposes). Nobody is human.

Prints, per scenario and seat, each level's mean score for that seat with its 95% confidence
interval (mean +- 1.96 standard errors), its deals out of GAMES, the paired differences of
each level over the one below it (the mean per-seed difference, the same seeds giving the same
deal of the cards and the same opening, with its 95% interval), and whether the bar holds:
`hard` > `normal` > `easy` (means in that order; "clear" when every paired interval is above
zero as well). `--seat`, `--scenario` and `--levels` narrow
the run; `--jobs` plays games in that many processes.
"""

from __future__ import annotations

import argparse
import itertools
import math
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
SEATS = ("europe", "us", "ukraine")

_ENGINES: dict[str, Engine] = {}


def engine_for(sid: str) -> Engine:
    if sid not in _ENGINES:
        _ENGINES[sid] = Engine(load(resolve(sid), full=False, lint=False).book)
    return _ENGINES[sid]


def game(sid: str, seat: str, level: str, seed: int) -> tuple[float, str]:
    """One game: `seat` at `level`, the other seats `easy`, nobody human."""
    engine = engine_for(sid)
    state, _ = engine.new_game(seed)
    players = {
        s: make_player(engine, s, level if s == seat else "easy", seed * 3 + i)
        for i, s in enumerate(engine.seats)
    }
    state, _, _ = run(engine, state, players, in_place=True)
    assert state["scores"] is not None and state["outcome"] is not None
    return float(state["scores"][seat]["total"]), state["outcome"]["kind"]


def _batch(args: tuple[str, str, str, list[int]]) -> list[tuple[float, str]]:
    sid, seat, level, seeds = args
    return [game(sid, seat, level, s) for s in seeds]


def interval(xs: list[float]) -> tuple[float, float]:
    """The mean and the half-width of its 95% confidence interval."""
    mean = statistics.fmean(xs)
    if len(xs) < 2:
        return mean, math.inf
    return mean, 1.96 * statistics.stdev(xs) / math.sqrt(len(xs))


def paired(better: list[float], worse: list[float]) -> tuple[float, float]:
    """The mean per-seed difference of two levels' scores (the same seeds, so the deal of
    the cards and the opening are shared) and the half-width of its 95% interval."""
    return interval([b - w for b, w in zip(better, worse, strict=True)])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("games", nargs="?", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--scenario", action="append", choices=SCENARIOS)
    ap.add_argument("--seat", action="append", choices=SEATS)
    ap.add_argument("--levels", nargs="+", choices=LEVELS, default=list(LEVELS))
    args = ap.parse_args()
    scenarios = args.scenario or list(SCENARIOS)
    seats = args.seat or list(SEATS)
    started = time.perf_counter()
    print(
        f"{args.games} games per scenario, seat and level (seeds 0-{args.games - 1}); the seat"
        " at the level, the two other seats easy; mean score, 95% interval, deals\n"
    )
    head = " | ".join(f"{lv}" for lv in args.levels)
    steps = [f"{b} − {a}" for a, b in itertools.pairwise(args.levels)]
    print(f"| scenario | seat | {head} | " + " | ".join(steps) + " | bar |")
    print("|---|---|" + "---:|" * (len(args.levels) + len(steps)) + "---|")
    failures = cleared = 0
    chunk = max(1, args.games // (4 * max(1, args.jobs)))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for sid in scenarios:
            for seat in seats:
                means: list[float] = []
                cells: list[str] = []
                scores: list[list[float]] = []
                for level in args.levels:
                    seeds = list(range(args.games))
                    jobs = [
                        (sid, seat, level, seeds[i : i + chunk])
                        for i in range(0, len(seeds), chunk)
                    ]
                    results = [r for batch in pool.map(_batch, jobs) for r in batch]
                    xs = [x for x, _ in results]
                    scores.append(xs)
                    deals = sum(1 for _, kind in results if kind == "deal")
                    mean, half = interval(xs)
                    means.append(mean)
                    cells.append(f"{mean:.1f} ± {half:.1f} ({deals} deals)")
                ok = all(a < b for a, b in itertools.pairwise(means))
                failures += not ok
                clear = True
                for lo, hi in itertools.pairwise(scores):
                    diff, half = paired(hi, lo)
                    clear = clear and diff - half > 0
                    cells.append(f"{diff:+.1f} ± {half:.1f}")
                verdict = "holds, clear" if ok and clear else "holds" if ok else "NOT"
                cleared += ok and clear
                print(f"| {sid} | {seat} | " + " | ".join(cells) + f" | {verdict} |")
                sys.stdout.flush()
    print(
        f"\n{failures} of {len(scenarios) * len(seats)} rows miss the bar by the means;"
        f" {cleared} hold it with every paired interval clear of zero;"
        f" {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
