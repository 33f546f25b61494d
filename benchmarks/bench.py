"""Speed figures for the README: `make bench` (or `python benchmarks/bench.py`).

Measured here, not in timed tests (which are flaky on shared machines):

1. `guarantor simulate`: whole games a second on one core, start-up included - the wall time
   of the real command in a fresh process, divided into the number of games.
2. Loading a scenario: reading its files, checking their shape and linting the whole, in a
   warm process (median of several runs) and the engine-only load that `simulate` uses.
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.loader import load, resolve  # noqa: E402

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge")
PLAYS = (("europe", "random"), ("us", "pledge"), ("ukraine", "reassurance"))


def simulate(sid: str, seat: str, strategy: str, games: int) -> tuple[float, dict[str, object]]:
    started = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "simulate",
            "--scenario",
            sid,
            "--seat",
            seat,
            "--strategy",
            strategy,
            "--games",
            str(games),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started, json.loads(out.stdout)


def load_times(sid: str, runs: int = 7) -> tuple[float, float]:
    path = resolve(sid)
    load(path)  # warm the imports
    full, play = [], []
    for _ in range(runs):
        t = time.perf_counter()
        load(path)
        full.append(time.perf_counter() - t)
        t = time.perf_counter()
        load(path, full=False, lint=False)
        play.append(time.perf_counter() - t)
    return statistics.median(full), statistics.median(play)


def main() -> int:
    print(
        f"Machine: {platform.machine()}, Python {platform.python_version()}, one process, one core\n"
    )
    print("| simulate | games | wall time (start-up included) | games/s | rounds/game |")
    print("|---|---:|---:|---:|---:|")
    for sid in SCENARIOS:
        for seat, strategy in PLAYS:
            wall, data = simulate(sid, seat, strategy, 2000)
            rate = 2000 / wall
            print(
                f"| {sid} as {seat}, {strategy} | 2000 | {wall:.2f} s | {rate:,.0f} | {data['mean_rounds']} |"
            )
    wall, _ = simulate("ground_troops", "europe", "random", 1)
    print(f"\nStart-up alone (simulate, 1 game): {wall:.2f} s\n")
    print("| scenario | load + shape check + lint | engine-only load |")
    print("|---|---:|---:|")
    for sid in (*SCENARIOS, "tutorial"):
        full, play = load_times(sid)
        print(f"| {sid} | {full * 1000:.0f} ms | {play * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
