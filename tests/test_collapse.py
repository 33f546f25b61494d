"""Failing is never a seat's best result (GAME-DESIGN 3.9): a collapse (a walk-out, or
Washington's engagement run out) scores what follows a failed peace, the war going on with no
guarantee (the epilogue's `collapse` part), below the deals the talks reach and below playing
on to the end, for every scenario and seat, at any round."""

from __future__ import annotations

import statistics
from functools import cache

import pytest

from game.content.loader import load, resolve
from game.engine import Engine
from game.engine.drive import run
from game.engine.game import current_player
from game.engine.levels import make_player
from game.engine.outlook import leaving_value
from game.engine.shapes import State
from game.engine.strategies import play

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge")
SEEDS = range(4)


@cache
def engine_for(sid: str) -> Engine:
    return Engine(load(resolve(sid), full=False, lint=False).book)


def walk_outs(engine: Engine, seed: int) -> tuple[dict[str, dict[int, float]], State]:
    """A game the computer seats (easy) play to its end; at each seat's first turn of every
    round, the score that seat would get by walking out there (the real action applied). The
    walk-outs and the final state."""
    state, _ = engine.new_game(seed)
    players = {s: make_player(engine, s, "easy", seed) for s in engine.seats}
    out: dict[str, dict[int, float]] = {s: {} for s in engine.seats}
    while state["phase"] != "over":
        seat = current_player(state)
        assert seat is not None
        if state["phase"] == "talks" and state["round"] not in out[seat]:
            left, events = engine.apply(state, {"type": "walk_out", "seat": seat})
            assert left["outcome"] is not None and left["outcome"]["kind"] == "collapse"
            assert left["scores"] is not None
            out[seat][state["round"]] = left["scores"][seat]["total"]
            # what the computer seats weigh leaving at is the same score
            assert leaving_value(engine, state, seat) == pytest.approx(
                left["scores"][seat]["total"]
            )
            assert any(e["type"] == "epilogue" and e.get("war") for e in events)
        state, _ = engine.apply(state, players[seat].act(engine.view(state, seat)))
    return out, state


@pytest.mark.parametrize("sid", SCENARIOS)
def test_walking_out_is_never_a_seats_best_result(sid: str) -> None:
    engine = engine_for(sid)
    games = [walk_outs(engine, seed) for seed in SEEDS]
    # the deals the coached line (`bargain`, at each seat) and all-normal tables reach
    deals: dict[str, list[float]] = {s: [] for s in engine.seats}
    finals: list[State] = [final for _, final in games]
    for seat in engine.seats:
        for seed in SEEDS:
            state, _, _ = play(engine, seed, seat, "bargain")
            finals.append(state)
    for seed in SEEDS[:2]:
        state, _ = engine.new_game(seed)
        players = {
            s: make_player(engine, s, "normal", seed * 3 + i) for i, s in enumerate(engine.seats)
        }
        state, _, _ = run(engine, state, players, in_place=True)
        finals.append(state)
    for final in finals:
        assert final["outcome"] is not None and final["scores"] is not None
        if final["outcome"]["kind"] == "deal":
            for seat in engine.seats:
                deals[seat].append(final["scores"][seat]["total"])
    assert all(deals.values()), "the coached lines reach deals in every scenario"
    for seat in engine.seats:
        worst_deal = min(deals[seat])
        for left, _ in games:
            for r, score in left[seat].items():
                assert score < worst_deal, (sid, seat, r, score, worst_deal)
        # and below playing on to the end, on average over the seeds, from any round
        played_on = statistics.fmean(final["scores"][seat]["total"] for _, final in games)
        rounds = set.intersection(*(set(left[seat]) for left, _ in games))
        assert rounds
        for r in rounds:
            walked = statistics.fmean(left[seat][r] for left, _ in games)
            assert walked < played_on, (sid, seat, r, walked, played_on)


def test_a_collapse_shows_the_war_that_went_on() -> None:
    """The epilogue of a collapse says what the war took (and the score reads it): the land,
    Washington's engagement, the rounds that were left."""
    engine = engine_for("weak_guarantee")
    state, _ = engine.new_game(3)
    before = dict(state["indicators"])
    seat = current_player(state)
    assert seat is not None
    over, _ = engine.apply(state, {"type": "walk_out", "seat": seat})
    epi = over["epilogue"]
    assert epi is not None
    war = epi.get("war")
    assert war is not None
    data = engine.epilogue["collapse"]
    left = engine.rounds - state["round"]
    assert war["rounds_left"] == left
    lost = round(float(data["land_per_round"]) * left) + int(data["territory_loss"])
    assert war["territory"] == [before["territory"], before["territory"] - lost]
    assert over["indicators"]["territory"] == before["territory"] - lost
    assert over["indicators"]["us_engagement"] == int(data["us_engagement"])
    assert over["scores"] is not None
    parts = dict(over["scores"]["us"]["parts"])
    assert parts["score.us.soon"] == -3 * engine.rounds  # the war went on: every round counts
