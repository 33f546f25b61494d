"""No two seeds share their dice. Every generator of a game (the dice, which also shuffle the
people's decks; each computer seat's deck; the years after a deal) and every scripted player's
own is a stream of the seed mixed with a salt (`rng.own_stream`). Before save version 5 the
dice's state was `seed_state(seed)`, and `seed_state(s + 1)` is `seed_state(s)` one step on:
seed s + 1 rolled seed s's dice one draw later, so a batch of seeded games (`simulate`, the
tournament, the calibration) was far less varied than it looked. A save of version 4 or older
keeps the old generators (`old_random`) and replays as it was: tests/test_epilogue_years.py."""

from __future__ import annotations

import itertools
from functools import cache

from game.content.loader import load, resolve
from game.engine import Engine, rng
from game.engine.drive import run
from game.engine.game import COMPUTER_DECKS, DICE, YEARS
from game.engine.strategies import StrategyPlayer, players_for

SEEDS = range(200)
DRAWS = 32


@cache
def engine_for(sid: str) -> Engine:
    return Engine(load(resolve(sid), full=False, lint=False).book)


def draws(state: int, n: int = DRAWS) -> tuple[int, ...]:
    out = []
    for _ in range(n):
        state, bits = rng.next_u64(state)
        out.append(bits)
    return tuple(out)


def test_the_old_seeding_gave_neighbouring_seeds_one_stream() -> None:
    """What version 5 mends, shown: seed s + 1's dice were seed s's, one draw on."""
    for seed in range(20):
        assert draws(rng.seed_state(seed + 1))[:-1] == draws(rng.seed_state(seed))[1:]


def test_no_two_seeds_or_generators_share_a_stream() -> None:
    """The first draws of every generator of every seed 0-199 (the dice, three computer
    decks, the years, a scripted player's own) are all different from each other's: no
    stream is another's shifted by a few draws."""
    seen: dict[int, tuple[str, int]] = {}
    for seed in SEEDS:
        streams = {
            "dice": rng.own_stream(seed, DICE),
            "years": rng.own_stream(seed, YEARS),
            **{f"deck{i}": rng.own_stream(seed * 8 + i, COMPUTER_DECKS) for i in range(3)},
            "strategy": rng.own_stream(seed, 0x5EED),
        }
        for name, state in streams.items():
            for bits in draws(state):
                assert bits not in seen, (name, seed, seen.get(bits))
                seen[bits] = (name, seed)


def test_a_new_game_uses_its_seeds_own_streams_and_an_old_one_the_old() -> None:
    engine = engine_for("ground_troops")
    for seed in range(5):
        new, _ = engine.new_game(seed, humans=["europe"])
        old, _ = engine.new_game(seed, humans=["europe"], old_random=True)
        assert new["years_rng"] == rng.own_stream(seed, YEARS)
        assert old["years_rng"] is None
        # Europe's deck was shuffled by the dice's generator: from the seed's own stream
        _, deck = rng.shuffled(rng.own_stream(seed, DICE), engine.decks["europe"])
        assert new["hands"]["europe"] == deck[: len(new["hands"]["europe"])]
        _, deck = rng.shuffled(rng.seed_state(seed), engine.decks["europe"])
        assert old["hands"]["europe"] == deck[: len(old["hands"]["europe"])]
    player = StrategyPlayer(engine, "europe", "random", 7)
    assert player.own_rng == [rng.own_stream(7, 0x5EED)]


def dice_of(events: list[dict[str, object]]) -> list[int]:
    """Every die a game rolled, in order (each die is one draw of the dice's generator)."""
    out: list[int] = []
    for e in events:
        dice = e.get("dice")
        if isinstance(dice, list):
            out.extend(int(d) for d in dice)
    return out


def shifted_pairs(sid: str, old_random: bool) -> tuple[int, int]:
    """Of the games of seeds 1-40 (Europe plays `random`, the others `easy`), how many pairs
    of neighbours rolled dice that are one stream a draw apart, out of the pairs compared."""
    engine = engine_for(sid)
    rolled = []
    for seed in range(1, 41):
        state, events = engine.new_game(seed, humans=["europe"], old_random=old_random)
        players = players_for(engine, seed, "europe", "random")
        _, _, more = run(engine, state, players, in_place=True)
        rolled.append(dice_of([*events, *more]))  # type: ignore[list-item]
    compared = shifted = 0
    for a, b in itertools.pairwise(rolled):
        n = min(len(a) - 1, len(b), 12)
        if n >= 4:
            compared += 1
            shifted += a[1 : n + 1] == b[:n]
    return shifted, compared


def test_neighbouring_seeds_roll_dice_of_their_own() -> None:
    """Real games: with the old seeding most neighbouring seeds rolled the same dice a draw
    apart; with each seed's own stream none does."""
    shifted, compared = shifted_pairs("weak_guarantee", old_random=True)
    assert compared >= 20 and shifted >= compared // 2, (shifted, compared)
    shifted, compared = shifted_pairs("weak_guarantee", old_random=False)
    assert compared >= 20 and shifted == 0, (shifted, compared)
