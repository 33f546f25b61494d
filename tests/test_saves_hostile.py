"""Save files made to break the game: every one is a SaveError with one line, checked whole
before any of it is used, and the file is left as it was; writers take turns; a save says
when its scenario is not the one it was played with."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game import saves
from game.engine.strategies import play
from game.ui.flow import GameFlow

from .conftest import ROOT


@functools.cache
def tutorial_log() -> list[dict[str, Any]]:
    """Round 1 of the tutorial: Europe ends its turn, the computer's allies play, it tables."""
    from game.content.book import load_book
    from game.content.paths import resolve
    from game.engine import Engine
    from game.engine.session import Session

    s = Session(Engine(load_book(resolve("tutorial"))), 5, ["europe"])
    s.act({"type": "pass", "seat": "europe"})
    s.act({"type": "table", "seat": "europe"})
    return [dict(a) for a in s.actions]


def good(**extra: Any) -> dict[str, Any]:
    """A real save: a game of the tutorial played out, as JSON would give it back."""
    from game.content.paths import resolve

    path = resolve("tutorial")
    data = saves.make("tutorial", path, 5, ["europe"], tutorial_log())
    data.update({"facilitator": False, "turn": 0, "round": 2, **extra})
    out: dict[str, Any] = json.loads(json.dumps(data))
    return out


def with_(**changes: Any) -> bytes:
    return json.dumps(good(**changes)).encode()


def action(**a: Any) -> bytes:
    data = good()
    data["actions"] = [a]
    return json.dumps(data).encode()


HOSTILE: dict[str, tuple[bytes, str]] = {
    "deep": (b"[" * 100_000, "nested deeper than"),
    "deep_inside": (
        b'{"format": "guarantor-save", "version": 1, "x": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}",
        "nested deeper than",
    ),
    "huge_seed": (with_().replace(b'"seed": 5', b'"seed": ' + b"9" * 4301), "number"),
    "huge_in_action": (
        with_().replace(b'"seat": "europe"}', b'"seat": "europe", "dice": [' + b"1" * 4301 + b"]}"),
        "number",
    ),
    "infinity_turn": (with_().replace(b'"turn": 0', b'"turn": Infinity'), "number"),
    "nan_seed": (with_().replace(b'"seed": 5', b'"seed": NaN'), "number"),
    "turn_text": (with_(turn="x"), "turn"),
    "turn_null": (with_(turn=None), "turn"),
    "turn_too_big": (with_(turn=7), "turn"),
    "turn_float": (with_(turn=1.0), "turn"),
    "facilitator_no": (with_(facilitator="no"), "facilitator"),
    "old_random_text": (with_(old_random="yes"), "old_random"),
    "old_random_number": (with_(old_random=1), "old_random"),
    "version_true": (with_(version=True), "version"),
    "seed_text": (with_(seed="5"), "seed"),
    "seed_bool": (with_(seed=True), "seed"),
    "move_list": (action(type="move", seat="us", move=["us.sanctions"]), "actions.0.move"),
    "card_dict": (action(type="argue", seat="europe", card={"a": 1}), "actions.0.card"),
    "dice_text": (action(type="argue", seat="europe", card="x", dice="66"), "actions.0.dice"),
    "package_list": (action(type="propose", seat="europe", package=[1, 2]), "package"),
    "unknown_action": (action(type="explode", seat="europe"), "actions.0"),
    "action_not_a_dict": (with_(actions=[["table"]]), "actions.0"),
    "actions_dict": (with_(actions={"type": "table"}), "actions"),
    "humans_twice": (with_(humans=["europe", "europe"]), "humans"),
    "humans_empty": (with_(humans=[]), "humans"),
    "scenario_id_number": (with_(scenario={"id": 7}), "scenario.id"),
    "scenario_path_list": (with_(scenario={"id": "tutorial", "path": ["a"]}), "scenario.path"),
    "hash_not_hex": (with_(scenario={"id": "tutorial", "sha256": "zz"}), "scenario.sha256"),
    "unknown_field": (with_(cheat=True), "cheat"),
    "round_text": (with_(round="2"), "round"),
    "saved_at_number": (with_(saved_at=3), "saved_at"),
    "rounds_zero": (with_(rounds=0), "rounds"),
    "rounds_text": (with_(rounds="2"), "rounds"),
    "rounds_huge": (with_(rounds=10**6), "rounds"),
    "verdict_votes_text": (
        action(type="verdict", seat="facilitator", by="europe", card="x", votes="5", reason="r"),
        "actions.0.votes",
    ),
    "inject_no_reason": (action(type="inject", seat="facilitator", event="x"), "reason"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_save_is_one_line_and_is_not_touched(tmp_path: Path, name: str):
    body, said = HOSTILE[name]
    path = tmp_path / "autosave.json"
    path.write_bytes(body)
    with pytest.raises(saves.SaveError) as info:
        saves.read(path)
    line = str(info.value)
    assert said in line and "\n" not in line and len(line) < 400, line
    assert line.startswith(f"{path}: ")
    assert path.read_bytes() == body
    with pytest.raises(saves.SaveError):  # and opening it never gets further
        GameFlow.load(path)


def test_the_good_save_the_hostile_ones_are_made_from_opens():
    data = saves.upgrade(good())
    _, session = saves.open_session(data)
    assert session.actions == tutorial_log() and session.state["round"] == 2


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/urandom", "folder"])
def test_a_save_that_is_not_a_regular_file_answers_at_once(tmp_path: Path, special: str):
    path = tmp_path / "autosave.json"
    if special == "fifo":
        os.mkfifo(path)
    elif special == "folder":
        path.mkdir()
    else:
        path.symlink_to(special)
    with pytest.raises(saves.SaveError) as info:
        saves.read(path)
    assert info.value.key in ("not_regular", "folder")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/urandom"])
def test_a_scenario_path_that_is_not_a_regular_file_answers_at_once(tmp_path: Path, special: str):
    target = tmp_path / "scenario.yaml"
    if special == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(special)
    data = saves.upgrade(good(scenario={"id": "tutorial", "path": str(target), "sha256": ""}))
    path, notice = saves.find_scenario(data, "s.json")
    assert path.name == "tutorial.yaml" and notice is not None
    assert notice.key == "scenario_gone" and str(target) in str(notice)


def test_a_long_scenario_path_opens_the_game_and_says_its_file_is_gone(tmp_path: Path):
    long = str(tmp_path / ("x" * 300) / "tutorial.yaml")  # a name longer than a file's may be
    path = tmp_path / "s.json"
    path.write_bytes(with_(scenario={"id": "tutorial", "path": long, "sha256": ""}))
    flow = GameFlow.load(path)
    assert flow.notice is not None and flow.notice.key == "scenario_gone"
    assert flow.session.actions == tutorial_log()


# ---------------------------------------------------------------- the action log's cap


def test_the_cap_comes_from_the_scenario_schema_and_the_rules():
    from game.content.schema import Scenario
    from game.engine import game, vocab

    bounds = [m.le for m in Scenario.model_fields["rounds"].metadata if hasattr(m, "le")]
    assert bounds == [saves.MAX_ROUNDS]
    seats, laps = len(game.SEATS), vocab.MAX_LAPS
    # arguments, a move and counters to the arguments against each seat; a pass and a
    # computer's answer on each turn; a table, a walk-out, the signatures
    limited = seats * (2 * game.ARGUMENTS_PER_ROUND + 1) + seats * laps * 2 + 1 + 1 + seats
    assert limited == saves.ROUND_LIMITED < saves.MAX_ACTIONS_PER_ROUND
    assert saves.MAX_ACTIONS == saves.MAX_ROUNDS * saves.MAX_ACTIONS_PER_ROUND


def test_a_game_never_writes_a_log_it_could_not_open_again(tmp_path: Path):
    from game.content.loader import load, resolve
    from game.engine import ActionError

    flow = GameFlow.new(load(resolve("ground_troops"), full=True, lint=False), ["europe"], 2)
    flow.end_turn()  # the computer's allies play: lap 2
    flow.act({"type": "table", "seat": "europe"})  # Moscow says no: round 2
    proposals = 0
    with pytest.raises(ActionError, match="the most a round keeps"):
        while True:
            flow.act({"type": "propose", "seat": "europe", "package": {"observers": True}})
            proposals += 1
    assert proposals == saves.UNLIMITED_PER_ROUND == flow.actions_this_round()
    with pytest.raises(ActionError, match="the most a round keeps"):
        flow.undo()
    flow.end_turn()  # the round can still end
    flow.act({"type": "table", "seat": "europe"})
    assert flow.actions_this_round() == 0
    path = flow.save(tmp_path / "long.json")
    assert GameFlow.load(path).session.actions == flow.session.actions


def test_the_longest_real_game_is_far_below_the_cap(engines):
    longest = max(
        len(play(engines[sid], seed, "europe", strategy)[1])
        for sid in ("ground_troops", "weak_guarantee")
        for seed in range(5)
        for strategy in ("random", "reassurance")
    )
    assert 0 < longest * 10 < saves.MAX_ACTIONS


def test_a_log_over_the_cap_is_refused_with_its_length(tmp_path: Path):
    data = good(actions=[{"type": "agree", "seat": "europe"}] * (saves.MAX_ACTIONS + 1))
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    with pytest.raises(saves.SaveError) as info:
        saves.read(path)
    assert info.value.key == "too_long"
    assert f"{saves.MAX_ACTIONS + 1:,} actions" in str(info.value)


def test_a_save_of_440000_actions_is_refused_before_it_is_parsed(tmp_path: Path):
    data = good(actions=[{"type": "agree", "seat": "europe"}] * 440_000)
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    assert path.stat().st_size > saves.MAX_BYTES
    with pytest.raises(saves.SaveError) as info:
        saves.read(path)
    assert info.value.key == "too_large"


def test_a_full_save_of_the_most_actions_fits_in_the_size_limit():
    big = {
        "type": "propose",
        "seat": "ukraine",
        "package": {
            "troops": {"europe": 1_000_000, "us": 1_000_000},
            "air_support": "us_and_europe",
            "pledge": "binding_treaty",
            "nato_membership": False,
            "observers": True,
            "sanctions": "tighten",
            "recognition": "de_facto",
            "nato_posture": "unchanged",
        },
    }
    text = json.dumps(good(actions=[big] * saves.MAX_ACTIONS), ensure_ascii=False, indent=1)
    assert len(text.encode()) <= saves.MAX_BYTES


# ---------------------------------------------------------------- writers take turns

RACER = """
import sys
from pathlib import Path
from game import saves
path, seed = Path(sys.argv[1]), int(sys.argv[2])
saves.write(path, saves.make("tutorial", None, seed, ["europe"], []))
"""


def test_two_writers_with_a_damaged_file_in_place_never_lose_it(tmp_path: Path):
    script = tmp_path / "racer.py"
    script.write_text(RACER, encoding="utf-8")
    folder = tmp_path / "saves"
    folder.mkdir()
    path = folder / "autosave.json"
    for trial in range(12):
        for p in folder.iterdir():
            p.unlink()
        damaged = f'{{"format": "guarantor-save", "version": 1, "trial": {trial}, "scen'.encode()
        path.write_bytes(damaged)
        procs = [
            subprocess.Popen([sys.executable, str(script), str(path), str(seed)], cwd=ROOT)
            for seed in (1, 2)
        ]
        assert [p.wait(timeout=60) for p in procs] == [0, 0]
        kept = sorted(folder.glob("autosave-damaged-*.json"))
        assert [k.read_bytes() for k in kept] == [damaged], trial  # once, and only it
        assert saves.read(path)["seed"] in (1, 2)
        backup = saves.read(folder / "autosave.json.bak")  # the first writer's good save
        assert {backup["seed"], saves.read(path)["seed"]} == {1, 2}


# ---------------------------------------------------------------- its scenario


@pytest.fixture
def custom(tmp_path: Path) -> Path:
    """A teacher's copy of a shipped scenario (its shared files come from the shipped ones)."""
    path = tmp_path / "class" / "my_tutorial.yaml"
    path.parent.mkdir()
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", path)
    return path


def saved_with(custom: Path, tmp_path: Path) -> Path:
    data = saves.make("tutorial", custom, 5, ["europe"], tutorial_log())
    path = tmp_path / "game.json"
    saves.write(path, data)
    return path


def test_an_unchanged_scenario_opens_without_a_word(custom: Path, tmp_path: Path):
    flow = GameFlow.load(saved_with(custom, tmp_path))
    assert flow.notice is None and Path(flow.bundle.path) == custom


def test_an_edited_scenario_is_said(custom: Path, tmp_path: Path):
    path = saved_with(custom, tmp_path)
    custom.write_text(custom.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    flow = GameFlow.load(path)
    assert flow.notice is not None and flow.notice.key == "scenario_edited"
    assert str(custom) in str(flow.notice) and "\n" not in str(flow.notice)


def test_a_deleted_scenario_is_said_and_the_shipped_one_stands_in(custom: Path, tmp_path: Path):
    path = saved_with(custom, tmp_path)
    custom.unlink()
    flow = GameFlow.load(path)
    assert flow.notice is not None and flow.notice.key == "scenario_gone"
    assert Path(flow.bundle.path).name == "tutorial.yaml"


def test_a_path_that_now_holds_another_scenario_is_said(custom: Path, tmp_path: Path):
    path = saved_with(custom, tmp_path)
    shutil.copy(ROOT / "scenarios" / "weak_guarantee.yaml", custom)
    flow = GameFlow.load(path)
    assert flow.notice is not None and flow.notice.key == "scenario_other"
    assert flow.engine.id == "tutorial"  # never replayed as the other one


def test_a_shipped_scenario_whose_hash_differs_is_said(tmp_path: Path):
    data = good(scenario={"id": "tutorial", "path": None, "sha256": "0" * 16})
    path, notice = saves.find_scenario(saves.upgrade(data), "s.json")
    assert path.name == "tutorial.yaml" and notice is not None
    assert notice.key == "scenario_edited"


def test_a_lesson_longer_than_its_scenario_is_refused_in_one_line(tmp_path: Path):
    """A save's lesson length must fit its scenario (the tutorial has 3 rounds)."""
    path = tmp_path / "lesson.json"
    path.write_bytes(with_(rounds=5))
    with pytest.raises(saves.SaveError) as info:
        GameFlow.load(path)
    line = str(info.value)
    assert "1 to 3 rounds, not 5" in line and "\n" not in line, line
