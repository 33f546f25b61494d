"""Computer seats that negotiate (issue 10): whole tables of `normal` seats converge on a
deal, as negotiators do, instead of each re-proposing its own package or waiting in silence
over a draft it dislikes."""

from __future__ import annotations

from functools import cache

import pytest

from game.content.loader import load, resolve
from game.engine import Engine
from game.engine.drive import run
from game.engine.levels import NormalPlayer, make_player
from game.engine.outlook import determinise

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge")
SEEDS = range(20)
"""Tables of three `normal` seats reach a deal in 70-90% of games (`benchmarks/tables.py`);
the test asks it of at least 60% of these 20 (14 to 18 measured), and checks every game's
proposals."""


@cache
def engine_for(sid: str) -> Engine:
    return Engine(load(resolve(sid), full=False, lint=False).book)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_a_table_of_normal_seats_reaches_a_deal(sid: str) -> None:
    engine = engine_for(sid)
    deals = 0
    for seed in SEEDS:
        state, _ = engine.new_game(seed)
        players = {
            s: make_player(engine, s, "normal", seed * 3 + i) for i, s in enumerate(engine.seats)
        }
        end, log, _ = run(engine, state, players, in_place=True)
        assert end["outcome"] is not None
        deals += end["outcome"]["kind"] == "deal"
        # nobody puts its own package over a draft it has agreed to, nor proposes more than
        # a draft and an amendment a round
        agreed: set[str] = set()
        per_round: dict[tuple[int, str], int] = {}
        replay, _ = engine.new_game(seed)
        for a in log:
            rnd, at = replay["round"], (replay["round"], replay["phase"])
            replay, _ = engine.apply(replay, a, in_place=True)
            if (replay["round"], replay["phase"]) != at:
                agreed = set()  # a new round (or the signing): a new table
                continue
            if a["type"] == "agree":
                agreed.add(a["seat"])
            elif a["type"] == "propose":
                assert a["seat"] not in agreed, (sid, seed, a)
                key = (rnd, a["seat"])
                per_round[key] = per_round.get(key, 0) + 1
                assert per_round[key] <= 2
                agreed = set()
            elif a["type"] == "table":
                agreed = set()
    assert deals >= 12, (sid, deals)


def test_a_normal_seat_agrees_to_a_draft_worth_the_table_and_amends_one_it_would_lose_by() -> None:
    """On its turn, with a draft before it and no objection of its own holding: a draft worth
    at least the package on the table to it gets its agreement; a worse one an amendment that
    every other seat would agree to, by its estimate."""
    engine = engine_for("weak_guarantee")
    state, _ = engine.new_game(2)
    seat = state["turn"]
    assert seat is not None
    player = NormalPlayer(engine, seat, 7)
    v = engine.view(state, seat)
    world = determinise(engine, v, seat, 1)
    proposed = player.proposal(world, player.worth(world, world["package"]))
    assert proposed is not None  # something beats the unchanged opening package, for all
    assert not engine.objections_to(world, proposed)
    for s in engine.seats:
        assert player.worth(world, proposed, s) >= player.worth(world, world["package"], s) - 0.5
    # the next seat is given that draft: it agrees (worth at least the table to it too)
    after, _ = engine.apply(state, {"type": "propose", "seat": seat, "package": proposed})
    after, _ = engine.apply(after, {"type": "pass", "seat": seat})
    nxt = after["turn"]
    assert nxt is not None and nxt != seat
    other = NormalPlayer(engine, nxt, 11)
    first = other.act(engine.view(after, nxt))
    holds = engine.objections_to(after, proposed, nxt)
    assert first["type"] == ("object" if holds else "agree"), first
