"""The spread of argument odds: `python benchmarks/debate_odds.py [GAMES]`.

Lists the exact chance (GAME-DESIGN 3.8, `game.engine.debate.chance`) of every card x playing
seat in the opening state of every scenario, then of every argument actually played over
simulated games (each seat human in turn, with every scripted strategy), and prints the share
of plays under 40%, 40-70% and over 70%, for the README.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.book import load_book  # noqa: E402
from game.content.paths import resolve  # noqa: E402
from game.engine import debate  # noqa: E402
from game.engine.game import Engine  # noqa: E402
from game.engine.strategies import play  # noqa: E402

SCENARIOS = ("tutorial", "weak_guarantee", "ground_troops", "air_support_only", "article5_pledge")
STRATEGIES = (
    "paper",
    "pledge",
    "air",
    "tripwire",
    "reassurance",
    "buy_off",
    "maximal",
    "bargain",
    "random",
)


def band(p: float) -> str:
    return "under 40%" if p < 0.4 else "40-70%" if p <= 0.7 else "over 70%"


def spread(chances: list[float]) -> str:
    n = len(chances) or 1
    c = Counter(band(p) for p in chances)
    mean = sum(chances) / n
    parts = [f"{k} {100 * c[k] / n:.0f}%" for k in ("under 40%", "40-70%", "over 70%")]
    return (
        f"{len(chances)} plays: " + ", ".join(parts) + f"; mean {100 * mean:.0f}%, "
        f"min {100 * min(chances, default=0):.0f}%, max {100 * max(chances, default=0):.0f}%"
    )


def main() -> int:
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    opening: list[float] = []
    print("Opening state: every card x playing seat\n")
    print("| scenario | card | seat | to | chance | modifiers |")
    print("|---|---|---|---|---:|---|")
    engines = {}
    for sid in SCENARIOS:
        engine = Engine(load_book(resolve(sid)))
        engines[sid] = engine
        state, _ = engine.new_game(1, humans=list(engine.seats))
        for card_id in sorted(engine.arguments):
            card = engine.arguments[card_id]
            for seat in card["by"]:
                if seat not in engine.seats:
                    continue
                odds = debate.chance(engine, state, seat, card_id)
                opening.append(odds.chance)
                mods = " ".join(f"{m['name']} {m['value']:+d}" for m in odds.modifiers)
                print(
                    f"| {sid} | {card_id} | {seat} | {odds.to} | {100 * odds.chance:.0f}% | {mods} |"
                )
    played: list[float] = []
    for sid in SCENARIOS[1:]:
        engine = engines[sid]
        for seat in engine.seats:
            for strategy in STRATEGIES:
                for g in range(games):
                    _, _, events = play(engine, g, seat, strategy)
                    played += [e["chance"] for e in events if e["type"] == "argument"]
    print("\nSpread in the opening states:", spread(opening))
    print(f"Spread over simulated games ({games} per scenario, seat and strategy):", spread(played))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
