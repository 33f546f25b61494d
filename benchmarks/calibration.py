"""Calibration figures for the README and the design's checks:
`python benchmarks/calibration.py [GAMES] [--computer easy|normal|hard] [SEAT ...]`.

Plays every scenario with every scripted strategy for each seat through the real command
(`guarantor simulate --json`), the other seats played by the computer at the level given
(easy unless told), and prints one table row per run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import simulate  # noqa: E402  (the same run of the real command)

sys.path.insert(0, str(ROOT))
from game.content.loader import load, resolve  # noqa: E402
from game.engine import Engine  # noqa: E402
from game.engine.strategies import play  # noqa: E402
from game.engine.vocab import LEVELS  # noqa: E402

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge")
STRATEGIES = (
    "paper",
    "pledge",
    "air",
    "tripwire",
    "reassurance",
    "buy_off",
    "appease",
    "maximal",
    "random",
    "bargain",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("games", nargs="?", type=int, default=200)
    ap.add_argument("seats", nargs="*", default=["europe", "us", "ukraine"])
    ap.add_argument("--computer", choices=LEVELS, default="easy")
    args = ap.parse_args()
    games, seats, level = args.games, args.seats, args.computer
    for seat in seats:
        print(
            f"\nAs {seat}, {games} games each, the other seats {level}"
            " (deal / collapse / timeout; mean rounds played;"
            " renewed aggression after a deal; mean final territory;"
            " mean scores Europe / US / Ukraine)\n"
        )
        print(
            "| scenario | strategy | deal | collapse | timeout | rounds | aggression | territory"
            " | Europe | US | Ukraine |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for sid in SCENARIOS:
            for strategy in STRATEGIES:
                _, _, out = simulate(sid, seat, strategy, games, level)
                d: dict[str, Any] = out
                o, s = d["outcomes"], d["mean_scores"]
                rounds = sum(d["stances"].values()) / games
                print(
                    f"| {sid} | {strategy} | {o['deal']} | {o['collapse']} | {o['timeout']} | "
                    f"{rounds:.1f} | "
                    f"{d['aggression_after_deal']} | {d['mean_final']['territory']:.0f} | "
                    f"{s['europe']:.0f} | {s['us']:.0f} | {s['ukraine']:.0f} |"
                )
    by_outcome(games, level)
    return 0


def by_outcome(games: int, level: str = "easy") -> None:
    """Europe's score by how the talks ended, over every strategy's games as Europe: a deal
    that held five years, a deal Russia broke, no deal (GAME-DESIGN 3.9: failing is never a
    seat's best result)."""
    print(
        f"\nEurope's score by outcome, as Europe, every strategy, {games} games each,"
        f" the other seats {level} (games, mean; best game)\n"
    )
    print("| scenario | deal that held | deal Russia broke | no deal |")
    print("|---|---:|---:|---:|")
    for sid in SCENARIOS:
        engine = Engine(load(resolve(sid), full=False, lint=False).book)
        kinds: dict[str, list[float]] = {"held": [], "broken": [], "none": []}
        for strategy in STRATEGIES:
            for seed in range(games):
                state = play(engine, seed, "europe", strategy, level=level)[0]
                scores, outcome, epilogue = state["scores"], state["outcome"], state["epilogue"]
                assert scores is not None and outcome is not None  # a game played out
                total = float(scores["europe"]["total"])
                if outcome["kind"] != "deal":
                    kinds["none"].append(total)
                elif epilogue is None or epilogue["aggression_year"] is None:
                    kinds["held"].append(total)
                else:
                    kinds["broken"].append(total)
        cells = [
            f"{len(v)}, {sum(v) / len(v):.1f}; {max(v):.1f}" if v else "–" for v in kinds.values()
        ]
        print(f"| {sid} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
