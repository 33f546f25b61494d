"""Speed figures for the README: `make bench` (or `python benchmarks/bench.py`).

Measured here, not in timed tests (which are flaky on shared machines):

1. The bar: `guarantor simulate --strategy random` (the other seats `easy`), whole games a
   second on one core, start-up included - the real command in a fresh process pinned to one
   core (where the system allows it), its wall time and the CPU time it used (user + system:
   a busy machine inflates it less than the wall time), for every scenario and seat.
   `--simulate` prints only this table; `--games N` plays N games a run (2,000 unless
   given); `--at DIR` measures another checkout of the game (to compare before and after).
2. A few scripted strategies, and the start-up alone.
3. Loading a scenario: reading its files, checking their shape and linting the whole, in a
   warm process (median of several runs) and the engine-only load that `simulate` uses.
4. Hostile scenario text (GAME-DESIGN 9: answered within a second): the slowest of a few runs
   of each input the tests in tests/test_yamlload.py refuse.
5. Saves: hostile save files (refused before any of them is used) and the largest save a game
   can write (`saves.MAX_ACTIONS` actions), read, checked and replayed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
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


def _one_core() -> None:
    """In the child: run on one core (the first this process may use), where the system
    lets a process choose."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def simulate(
    sid: str,
    seat: str,
    strategy: str,
    games: int,
    computer: str = "easy",
    at: Path = ROOT,
) -> tuple[float, float, dict[str, object]]:
    """`guarantor simulate ... --json` in a fresh process on one core, run in the checkout
    `at`: its wall time (start-up included), the CPU time it used, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
        cwd=at,
        check=True,
        preexec_fn=_one_core,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, json.loads(out.stdout)


def bar_table(games: int, at: Path = ROOT) -> None:
    """The bar: `simulate --strategy random`, easy seats, `games` games, every scenario and
    seat, with the load average before and after (a shared machine slows every figure). Each
    scenario is simulated once before, untimed, so that its rulebook comes from the cache as
    it does for a user (the first run after an edit compiles it), and the code is compiled to
    bytecode first (without it every run compiles every module again: 0.05-0.1 s)."""
    # the code compiled to bytecode, as an installed copy is (pip does it; `make test` too),
    # whatever PYTHONDONTWRITEBYTECODE says; each rulebook compiled into the cache
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(at / "game")], check=True)
    for sid in (*SCENARIOS, "tutorial"):
        simulate(sid, "europe", "random", 1, at=at)
    print(f"Load average before: {os.getloadavg()[0]:.1f}\n")
    print(
        f"| simulate --strategy random, the others easy, {games:,} games | rounds/game"
        " | wall (start-up included) | games/s | CPU time | games/s of CPU | digest |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    walls, cpus = [], []
    for sid in (*SCENARIOS, "tutorial"):
        for seat in ("europe", "us", "ukraine"):
            wall, cpu, data = simulate(sid, seat, "random", games, at=at)
            walls.append(games / wall)
            cpus.append(games / cpu)
            print(
                f"| {sid} as {seat} | {data['mean_rounds']} | {wall:.2f} s"
                f" | {games / wall:,.0f} | {cpu:.2f} s | {games / cpu:,.0f}"
                f" | {str(data['digest'])[:12]} |"
            )
            sys.stdout.flush()
    print(
        f"\nGames a second: wall {min(walls):,.0f}-{max(walls):,.0f}"
        f" (median {statistics.median(walls):,.0f}), CPU {min(cpus):,.0f}-{max(cpus):,.0f}"
        f" (median {statistics.median(cpus):,.0f}); load average after:"
        f" {os.getloadavg()[0]:.1f}"
    )


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
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--simulate", action="store_true", help="only the bar's table")
    ap.add_argument("--games", type=int, default=2000, help="games a run (2,000)")
    ap.add_argument("--at", type=Path, default=ROOT, help="another checkout to measure")
    args = ap.parse_args()
    print(
        f"Machine: {platform.machine()}, Python {platform.python_version()},"
        f" {os.cpu_count()} cores; each run one process on one core\n"
    )
    bar_table(args.games, args.at)
    if args.simulate:
        return 0
    print("\n| simulate | games | wall time (start-up included) | games/s | rounds/game |")
    print("|---|---:|---:|---:|---:|")
    for sid in SCENARIOS:
        for seat, strategy in PLAYS:
            wall, _, data = simulate(sid, seat, strategy, args.games, at=args.at)
            rate = args.games / wall
            print(
                f"| {sid} as {seat}, {strategy} | {args.games} | {wall:.2f} s | {rate:,.0f}"
                f" | {data['mean_rounds']} |"
            )
    wall, cpu, _ = simulate("ground_troops", "europe", "random", 1, at=args.at)
    print(f"\nStart-up alone (simulate, 1 game): {wall:.2f} s wall, {cpu:.2f} s CPU\n")
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
