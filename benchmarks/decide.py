"""How long a computer seat takes to decide: `python benchmarks/decide.py [GAMES]`.

For each level, every scenario and every seat: GAMES seeded games (5 unless given) with that
seat played at the level and the others `easy`; every decision the seat takes is timed
(`player.act(view)`): the processor time it used (`time.process_time`, one core: what a
decision costs, whatever else the machine is doing) and the wall time. The busiest rounds are
the decisions with the most legal actions (the top quarter of them: a draft on the desk, a
full hand, moves open). Prints p50 / p95 / max in milliseconds, over all decisions and over
the busiest, processor time first and wall time after.
The design's bar: a `hard` seat decides within 250 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.loader import load, resolve  # noqa: E402
from game.engine import Engine  # noqa: E402
from game.engine.game import current_player, view  # noqa: E402
from game.engine.levels import LEVELS, make_player  # noqa: E402

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge")
SEATS = ("europe", "us", "ukraine")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def timings(level: str, games: int) -> list[tuple[int, float, float]]:
    """(legal actions, processor seconds, wall seconds) of every decision the levelled seat
    took."""
    out: list[tuple[int, float, float]] = []
    for sid in SCENARIOS:
        engine = Engine(load(resolve(sid), full=False, lint=False).book)
        for seat in SEATS:
            for seed in range(games):
                state, _ = engine.new_game(seed)
                players = {
                    s: make_player(engine, s, level if s == seat else "easy", seed * 3 + i)
                    for i, s in enumerate(engine.seats)
                }
                while (who := current_player(state)) is not None:
                    v = view(state, who)
                    if who == seat:
                        n = len(engine.legal_actions(v, who))
                        c, t = time.process_time(), time.perf_counter()
                        action = players[who].act(v)
                        out.append((n, time.process_time() - c, time.perf_counter() - t))
                    else:
                        action = players[who].act(v)
                    state, _ = engine.apply(state, action)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("games", nargs="?", type=int, default=5)
    ap.add_argument("--levels", nargs="+", choices=LEVELS, default=list(LEVELS))
    args = ap.parse_args()
    print(
        f"{platform.machine()}, Python {platform.python_version()}, one process;"
        f" {args.games} games per scenario and seat\n"
    )
    print(
        "| level | decisions | p50 | p95 | max | busiest (legal actions) | p50 | p95 | max |"
        " wall p50 | wall p95 | wall max |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for level in args.levels:
        ts = timings(level, args.games)
        cpu = [c * 1000 for _, c, _ in ts]
        wall = [w * 1000 for _, _, w in ts]
        cut = pct([n for n, _, _ in ts], 75)
        busy = [c * 1000 for n, c, _ in ts if n >= cut]
        print(
            f"| {level} | {len(cpu)} | {pct(cpu, 50):.1f} | {pct(cpu, 95):.1f} |"
            f" {max(cpu):.1f} | {len(busy)} (≥ {cut}) | {pct(busy, 50):.1f} |"
            f" {pct(busy, 95):.1f} | {max(busy):.1f} | {pct(wall, 50):.1f} |"
            f" {pct(wall, 95):.1f} | {max(wall):.1f} |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
