"""The years after a deal roll from the game's own seed (common random numbers): two games with
the same seed meet the same years' luck whatever was played in them, so a replay with other
choices, or another level at a seat, shows what the choices did. Games saved before save
version 5 rolled their years from the dice's generator and keep the endings they had. Real
scenarios, the real engine, real save files (tests/fixtures/saves: `endings-v4.json` is what
the code before this change gave the two version 4 games). A class game's host:
tests/test_net_saves.py."""

from __future__ import annotations

import itertools
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from game import saves
from game.content.loader import load, resolve
from game.engine import Engine, rng
from game.engine.drive import run
from game.engine.game import YEARS, view
from game.engine.shapes import Action, State
from game.engine.strategies import play, players_for
from game.net.seat_api import PRIVATE, SeatAPI
from game.ui.flow import GameFlow

FIXTURES = Path(__file__).parent / "fixtures" / "saves"
ENDING = ("outcome", "epilogue", "indicators", "scores")


@cache
def engine_for(sid: str) -> Engine:
    return Engine(load(resolve(sid), full=True, lint=False).book)


def rolls(state: State) -> list[float]:
    epi = state["epilogue"]
    assert epi is not None
    return [y["roll"] for y in epi["years"]]


def replayed(engine: Engine, seed: int, humans: list[str], log: list[Action], **kw: Any) -> State:
    state, _ = engine.new_game(seed, humans=humans, **kw)
    for a in log:
        state, _ = engine.apply(state, a)
    return state


def endings(name: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return out


def ending_of(state: Any) -> dict[str, Any]:
    return {k: state[k] for k in ENDING}


def play_old(engine: Engine, seed: int, seat: str, strategy: str) -> State:
    """`play` with the generators of a game saved before version 5 (`old_random`: the dice
    seeded from the seed as it is, the years rolled from the dice)."""
    state, _ = engine.new_game(seed, humans=[seat], old_random=True)
    final, _, _ = run(engine, state, players_for(engine, seed, seat, strategy), in_place=True)
    return final


# ---------------------------------------------------------------- the same seed, other choices


def test_the_same_seed_meets_the_same_years_whatever_was_played() -> None:
    """Two strategies at one seat, the same seed: other actions, other dice, both a deal;
    the years' rolls are the same up to the shorter epilogue. Played with the generators of
    before version 5 (the years on the dice), the same two lines meet other years."""
    engine = engine_for("ground_troops")
    pairs = 0
    apart_before = 0
    for seed in range(1, 9):
        a, log_a, _ = play(engine, seed, "ukraine", "paper")
        b, log_b, _ = play(engine, seed, "ukraine", "bargain")
        if not (
            a["epilogue"] and a["epilogue"]["deal"] and b["epilogue"] and b["epilogue"]["deal"]
        ):
            continue
        assert log_a != log_b
        n = min(len(rolls(a)), len(rolls(b)))
        assert n >= 1 and rolls(a)[:n] == rolls(b)[:n], seed
        pairs += 1
    assert pairs >= 3
    for seed in range(1, 9):
        old_a = play_old(engine, seed, "ukraine", "paper")
        old_b = play_old(engine, seed, "ukraine", "bargain")
        if not (old_a["epilogue"] and old_a["epilogue"]["deal"]):
            continue
        if not (old_b["epilogue"] and old_b["epilogue"]["deal"]):
            continue
        n = min(len(rolls(old_a)), len(rolls(old_b)))
        if old_a["rng"] != old_b["rng"]:  # the dice went other ways in the two games ...
            apart_before += rolls(old_a)[:n] != rolls(old_b)[:n]  # ... and so did the years
    assert apart_before >= 1  # the years used to follow the dice: the change is seen here


def test_another_level_at_the_other_seats_meets_the_same_years() -> None:
    """The tournament's comparison: one seed, the other seats `easy` and then `normal`."""
    engine = engine_for("article5_pledge")
    compared = 0
    for seed in range(1, 7):
        a, log_a, _ = play(engine, seed, "europe", "bargain", level="easy")
        b, log_b, _ = play(engine, seed, "europe", "bargain", level="normal")
        if not (
            a["epilogue"] and a["epilogue"]["deal"] and b["epilogue"] and b["epilogue"]["deal"]
        ):
            continue
        if log_a == log_b:
            continue
        n = min(len(rolls(a)), len(rolls(b)))
        assert rolls(a)[:n] == rolls(b)[:n], seed
        compared += 1
    assert compared >= 1


def test_a_replay_meets_the_same_years() -> None:
    """`Session.replay_to_round` (the ending screen's "replay from round N") with another
    line for Ukraine: other actions, other dice, a deal again, the same years' rolls."""
    from game.engine.session import Session
    from game.engine.strategies import players_for

    engine = engine_for("ground_troops")
    seed = 2

    def play_on(session: Session, strategy: str) -> None:
        players = players_for(engine, seed, "ukraine", strategy)
        while not session.over:
            seat = session.turn
            assert seat is not None
            session.act(dict(players[seat].act(engine.view(session.state, seat))))

    first = Session(engine, seed, ["ukraine"])
    play_on(first, "bargain")
    again = first.replay_to_round(1)
    play_on(again, "paper")
    assert again.actions != first.actions and again.state["rng"] != first.state["rng"]
    assert first.state["epilogue"] and first.state["epilogue"]["deal"]
    assert again.state["epilogue"] and again.state["epilogue"]["deal"]
    n = min(len(rolls(first.state)), len(rolls(again.state)))
    assert n >= 1 and rolls(first.state)[:n] == rolls(again.state)[:n]
    # a game with the generators of before version 5 is replayed with them
    old = Session(engine, seed, ["ukraine"], old_random=True)
    play_on(old, "bargain")
    back = old.replay_to_round(1)
    assert back.old_random
    assert back.state == Session(engine, seed, ["ukraine"], old_random=True).state
    assert back.state != first.replay_to_round(1).state  # (other dice, other hands)


# ---------------------------------------------------------------- other seeds, other years


def test_other_seeds_meet_other_years_and_neighbours_share_no_stream() -> None:
    """Each seed its own years: the first rolls of seeds 0..199 are all different, and no
    seed's years are a neighbour's shifted by a draw (the dice's `seed_state(s + 1)` is
    `seed_state(s)` one step on: the years' generator must not share a stream so)."""
    firsts: list[tuple[float, ...]] = []
    for seed in range(200):
        g = rng.own_stream(seed, YEARS)
        draws = []
        for _ in range(8):
            g, x = rng.random(g)
            draws.append(x)
        firsts.append(tuple(draws))
    assert len(set(firsts)) == len(firsts)
    for a, b in itertools.pairwise(firsts):
        assert not set(a) & set(b)
    # and apart from the dice of the same seed
    for seed in range(50):
        dice = rng.seed_state(seed)
        seen = set()
        for _ in range(64):
            dice, x = rng.random(dice)
            seen.add(x)
        assert not seen & set(firsts[seed])
    # two real games: the same play (a seat's strategy), other seeds, other years
    engine = engine_for("article5_pledge")
    years = {
        tuple(rolls(s))
        for seed in range(1, 7)
        for s in [play(engine, seed, "ukraine", "paper")[0]]
        if s["epilogue"] and s["epilogue"]["deal"]
    }
    assert len(years) >= 4


# ---------------------------------------------------------------- never seen


def test_no_view_holds_the_years_generator() -> None:
    """At the start, during the talks and after the epilogue rolled (the generator moved):
    no seat's view, nor the public one, holds it; nor the class game's views."""
    engine = engine_for("article5_pledge")
    final, log, _ = play(engine, 1, "europe", "bargain")
    assert final["epilogue"] and final["epilogue"]["deal"]
    assert final.get("years_rng") is not None
    start, _ = engine.new_game(1, humans=["europe"])
    assert final["years_rng"] != start["years_rng"]  # the years rolled from it
    middle = replayed(engine, 1, ["europe"], log[: len(log) // 2])
    for state in (start, middle, final):
        for seat in [*engine.seats, None]:
            v = view(state, seat)
            assert "years_rng" not in v and str(state["years_rng"]) not in json.dumps(v)
    assert "years_rng" in PRIVATE
    api = SeatAPI(engine)
    s = api.new_game(1)
    for seat in [*api.seats, None]:
        assert not PRIVATE & set(api.view(s, seat))


def test_a_state_made_up_from_a_view_rolls_its_years_from_its_dice() -> None:
    """A player's sampled state (no `years_rng`: it cannot know it) still ends: the years
    roll from its own dice; its view has nothing private either."""
    engine = engine_for("article5_pledge")
    _, log, _ = play(engine, 1, "europe", "bargain")
    before = replayed(engine, 1, ["europe"], log[:-1])
    made_up: Any = dict(before)
    del made_up["years_rng"]
    after, _ = engine.apply(made_up, log[-1])
    assert after["epilogue"] and after["epilogue"]["deal"] and "years_rng" not in after
    assert after["rng"] != made_up["rng"]
    assert not set(PRIVATE) & set(view(after, None))


# ---------------------------------------------------------------- saves written before


def test_a_version_4_save_replays_to_the_ending_it_had() -> None:
    """Written by `simulate --save-dir` before version 5: migrated, marked, and replayed to
    the very epilogue and scores the code of the time gave it (endings-v4.json), where the
    same log with its own years' generator ends otherwise."""
    data = saves.read(FIXTURES / "v4-deal.json")
    assert data["version"] == saves.VERSION == 5 and data["old_random"] is True
    _, session = saves.open_session(data)
    assert session.old_random
    was = endings("endings-v4.json")["v4-deal.json"]
    assert ending_of(session.state) == was
    flow = GameFlow.load(FIXTURES / "v4-deal.json")  # what `play --load` opens
    assert ending_of(flow.state) == was
    new = saves.open_session({**data, "old_random": False})[1].state
    assert rolls(new) != [y["roll"] for y in was["epilogue"]["years"]]


def test_a_version_5_save_replays_to_its_ending() -> None:
    """The game of the same seed (and scenario, seat and strategy) written by version 5:
    another game, its generators the seed's own streams. Its log read with the generators of
    a version 4 save no longer applies (other dice dealt other hands)."""
    data = saves.read(FIXTURES / "v5-deal.json")
    assert not data.get("old_random")
    _, session = saves.open_session(data)
    assert ending_of(session.state) == endings("endings-v5.json")["v5-deal.json"]
    old = saves.read(FIXTURES / "v4-deal.json")
    assert data["seed"] == old["seed"] and data["humans"] == old["humans"]
    assert data["scenario"]["id"] == old["scenario"]["id"]
    assert data["actions"] != old["actions"]
    with pytest.raises(saves.SaveError) as e:
        saves.open_session({**data, "old_random": True})
    assert e.value.key == "changed" and "no longer applies" in str(e.value)


def test_an_old_game_played_on_and_saved_again_keeps_its_years(tmp_path: Path) -> None:
    """A version 4 save of a game in progress (the finished one's log before its last
    round), opened, played on to the same end and saved: a version 5 save, still marked,
    that opens to the ending of the time; opened again, the same."""
    data = json.loads((FIXTURES / "v4-deal.json").read_text(encoding="utf-8"))
    log = data["actions"]
    cut = max(i for i, a in enumerate(log) if a["type"] == "table")  # the last round's table
    cut = max(i for i, a in enumerate(log[:cut]) if a["type"] == "table") + 1
    path = tmp_path / "old.json"
    path.write_text(json.dumps({**data, "actions": log[:cut]}), encoding="utf-8")
    flow = GameFlow.load(path, save_dir=tmp_path)
    assert not flow.session.over and flow.session.old_random
    while not flow.session.over:
        i = len(flow.session.actions)
        a = log[i]
        assert a["seat"] in flow.humans, a  # the computer's own actions are played for it
        flow.act(dict(a))
    assert flow.session.actions == log
    was = endings("endings-v4.json")["v4-deal.json"]
    assert ending_of(flow.state) == was
    flow.save()
    again = saves.read(path)
    assert again["version"] == saves.VERSION and again["old_random"] is True
    assert ending_of(GameFlow.load(path).state) == was
    # a replay of it from a round keeps the years of the time too
    assert flow.session.replay_to_round(2).old_random


def test_a_version_4_reader_refuses_a_version_5_save_as_newer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version 5 save written by this code, read as a reader of version 4 reads (its
    `upgrade`, the same code with VERSION 4): "saved by a newer Guarantor", not damage."""
    path = tmp_path / "new.json"
    shutil.copy(FIXTURES / "v5-deal.json", path)
    monkeypatch.setattr(saves, "VERSION", 4)
    monkeypatch.setattr(saves, "MIGRATIONS", {k: v for k, v in saves.MIGRATIONS.items() if k < 4})
    with pytest.raises(saves.SaveError) as e:
        saves.read(path)
    assert e.value.key == "newer" and "save version 5" in str(e.value)
    assert "reads up to 4" in str(e.value)
