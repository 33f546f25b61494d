"""Speed figures for the README: `make bench` (or `python benchmarks/bench.py`).

Measured here, not in timed tests (which are flaky on shared machines):

1. `guarantor simulate`: whole games a second on one core, start-up included - the wall time
   of the real command in a fresh process, divided into the number of games.
2. Loading a scenario: reading its files, checking their shape and linting the whole, in a
   warm process (median of several runs) and the engine-only load that `simulate` uses.
3. Hostile scenario text (GAME-DESIGN 9: answered within a second): the slowest of a few runs
   of each input the tests in tests/test_yamlload.py refuse.
4. Saves: hostile save files (refused before any of them is used) and the largest save a game
   can write (`saves.MAX_ACTIONS` actions), read, checked and replayed.
"""

from __future__ import annotations

import contextlib
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


def simulate(
    sid: str, seat: str, strategy: str, games: int, computer: str = "easy"
) -> tuple[float, dict[str, object]]:
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
            "--computer",
            computer,
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


def hostile_times(runs: int = 3) -> list[tuple[str, float]]:
    from game.content.problems import ContentError
    from game.content.schema import Scenario
    from game.content.yamlload import load_text, validate

    cases: list[tuple[str, str | bytes]] = [
        ("2 MiB of brackets", "a: " + "[" * (2 * 1024 * 1024)),
        ("a million nested [", "[" * 1_000_000),
        ("a million nested {a:", "{a: " * 250_000),
        ("400,000 list items", "a: [" + "1," * 400_000 + "]"),
        ("20,000 duplicate keys", "a: 1\n" * 20_000),
        (
            "invalid UTF-8 everywhere",
            b"a: " + b"\xff" * 1000 + b"\n" + b"b: \xfe\xfe x \xc3\n" * 5000,
        ),
        ("24,000 wrong values", "id: 5\nsource: [" + "x, " * 24_000 + "]\n"),
    ]
    out = []
    for name, text in cases:
        worst = 0.0
        for _ in range(runs):
            t = time.perf_counter()
            with contextlib.suppress(ContentError):
                validate(Scenario, load_text(text, "t.yaml"))
            worst = max(worst, time.perf_counter() - t)
        out.append((name, worst))
    return out


def save_times(runs: int = 3) -> list[tuple[str, float]]:
    import os
    import tempfile

    from game import saves
    from game.content.paths import resolve as scenario
    from game.ui.flow import GameFlow

    folder = Path(tempfile.mkdtemp(prefix="guarantor-bench-"))
    base = saves.make("tutorial", scenario("tutorial"), 5, ["europe"], [])
    agree = {"type": "agree", "seat": "europe"}
    cases: list[tuple[str, bytes | None]] = [
        ("100,000 nested [", b"[" * 100_000),
        (
            "a 4,301-digit seed",
            json.dumps(base).replace('"seed": 5', '"seed": ' + "7" * 4301).encode(),
        ),
        ("440,000 actions (14 MiB)", json.dumps({**base, "actions": [agree] * 440_000}).encode()),
        ("a FIFO named like a save", None),
    ]
    out = []
    for name, body in cases:
        path = folder / "hostile.json"
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        if body is None:
            os.mkfifo(path)
        else:
            path.write_bytes(body)
        worst = 0.0
        for _ in range(runs):
            t = time.perf_counter()
            with contextlib.suppress(saves.SaveError):
                saves.read(path)
            worst = max(worst, time.perf_counter() - t)
        out.append((name, worst))
    log = []
    for i in range(saves.MAX_ACTIONS // 2):
        log += [
            {"type": "propose", "seat": "europe", "package": {"observers": i % 2 == 0}},
            agree,
        ]
    path = folder / "largest.json"
    saves.write(path, {**base, "actions": log})
    worst = 0.0
    for _ in range(runs):
        t = time.perf_counter()
        GameFlow.load(path)
        worst = max(worst, time.perf_counter() - t)
    out.append((f"the largest save a game writes ({len(log):,} actions), opened", worst))
    return out


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
    print("\n| hostile scenario text | slowest of 3 |")
    print("|---|---:|")
    for name, worst in hostile_times():
        print(f"| {name} | {worst * 1000:.0f} ms |")
    print("\n| save file | slowest of 3 |")
    print("|---|---:|")
    for name, worst in save_times():
        print(f"| {name} | {worst * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
