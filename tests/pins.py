"""Pinned games: what `simulate` reports and everything the engine tells, for every scenario,
seat and strategy (the other seats `easy`), and a few games against `normal` and `hard`:
`simulate`'s digest, a hash of all else it reports, and every action, event and final state.

Speed work must not change a single game: the same seed gives the same actions, the same
events in the same order with the same keys, and the same final state. `tests/test_digests.py`
checks the games against `tests/golden/pins.json`. A change that is MEANT to alter the games
(a new rule, other scores, a new turn order) regenerates the file, after reading why the games
changed:

    python tests/pins.py --write      # rewrite tests/golden/pins.json
    python tests/pins.py              # list the plays that differ from it (exit 1 if any)
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("GUARANTOR_CACHE_DIR", tempfile.mkdtemp(prefix="guarantor-cache-"))

PINS = ROOT / "tests" / "golden" / "pins.json"
SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge", "tutorial")
SEED = 11
GAMES = 6
"""Games per play in `simulate`'s digest (seeds SEED..SEED+GAMES-1)."""
TOLD = 2
"""Games per play whose every action, event and final state are hashed."""
LEVELLED = (("normal", "random", 2, 1), ("hard", "random", 1, 1))
"""(level of the other seats, strategy, simulate games, told games): every scenario, the
first seat."""


def simulate_digest(
    sid: str, seat: str, strategy: str, games: int, level: str = "easy", seed: int = SEED
) -> str:
    """`guarantor simulate ... --json`'s digest, run in this process."""
    return simulate_report(sid, seat, strategy, games, level, seed)[0]


def simulate_report(
    sid: str, seat: str, strategy: str, games: int, level: str = "easy", seed: int = SEED
) -> tuple[str, str]:
    """`guarantor simulate ... --json` run in this process: its digest, and a hash of all it
    reports but the time it took (outcomes, means, rules fired, actions a game...)."""
    from game.cli import main

    argv = ["simulate", "--scenario", sid, "--seat", seat, "--strategy", strategy]
    argv += ["--games", str(games), "--seed", str(seed), "--computer", level, "--json"]
    real, sys.stdout = sys.stdout, io.StringIO()
    try:
        code = main(argv)
        out = sys.stdout.getvalue()
    finally:
        sys.stdout = real
    assert code == 0, f"simulate {' '.join(argv)} ended with {code}"
    report = json.loads(out)
    del report["seconds"]
    told = json.dumps(report, sort_keys=True).encode("utf-8")
    return str(report["digest"]), hashlib.sha256(told).hexdigest()


def told_digest(engine: Any, seat: str, strategy: str, games: int, level: str = "easy") -> str:
    """Every action, every event (keys in order) and the whole final state of `games` games."""
    from game.engine.strategies import play

    h = hashlib.sha256()
    for seed in range(SEED, SEED + games):
        state, log, events = play(engine, seed, seat, strategy, level=level)
        h.update(json.dumps([log, events, state], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def engines() -> dict[str, Any]:
    from game.content.book import load_book
    from game.content.paths import resolve
    from game.engine import Engine

    return {sid: Engine(load_book(resolve(sid))) for sid in SCENARIOS}


def compute(engines: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Every pinned play's two digests, by "scenario seat strategy level"."""
    from game.engine.strategies import STRATEGIES

    got: dict[str, dict[str, str]] = {}
    for sid in SCENARIOS:
        engine = engines[sid]
        for seat in engine.seats:
            for name in sorted(STRATEGIES):
                digest, report = simulate_report(sid, seat, name, GAMES)
                got[f"{sid} {seat} {name} easy"] = {
                    "simulate": digest,
                    "report": report,
                    "told": told_digest(engine, seat, name, TOLD),
                }
        seat = engine.seats[0]
        for level, name, games, told in LEVELLED:
            digest, report = simulate_report(sid, seat, name, games, level)
            got[f"{sid} {seat} {name} {level}"] = {
                "simulate": digest,
                "report": report,
                "told": told_digest(engine, seat, name, told, level),
            }
    return got


def read() -> dict[str, dict[str, str]]:
    return dict(json.loads(PINS.read_text(encoding="utf-8")))


def write(got: dict[str, dict[str, str]]) -> None:
    PINS.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def differences(got: dict[str, dict[str, str]], want: dict[str, dict[str, str]]) -> list[str]:
    """The plays whose digests differ, and those only on one side."""
    return sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {PINS.name}")
    args = parser.parse_args(argv)
    got = compute(engines())
    if args.write:
        write(got)
        print(f"wrote {len(got)} pinned plays to {PINS.relative_to(ROOT)}")
        return 0
    changed = differences(got, read())
    for k in changed:
        print(f"changed: {k}")
    print(f"{len(changed)} of {len(got)} pinned plays changed")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
