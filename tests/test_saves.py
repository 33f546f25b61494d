"""Sessions (the action log, undo within a round, replay) and save files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import saves
from game.engine import ActionError
from game.engine.session import Session
from game.engine.strategies import play


@pytest.fixture
def session(engines) -> Session:
    return Session(engines["article5_pledge"], 9, ["ukraine"])


def test_undo_within_a_round_until_the_package_is_tabled(session: Session):
    assert session.state["turn"] == "ukraine"  # the computer's Europe and US played first
    before = session.state
    session.do({"type": "propose", "seat": "ukraine", "package": {"pledge": "binding_treaty"}})
    move = session.engine.available_moves(session.state, "ukraine")[0]
    session.do({"type": "move", "seat": "ukraine", "move": move})
    assert session.can_undo()
    assert session.undo()["type"] == "move"
    assert session.undo()["type"] == "propose"
    assert session.state == before and not session.can_undo()
    assert [a["type"] for a in session.actions[-4:]] == ["propose", "move", "undo", "undo"]
    session.act({"type": "pass", "seat": "ukraine"})
    assert session.state["turn"] == "ukraine" and session.state["lap"] == 2
    session.act({"type": "table", "seat": "ukraine"})
    assert not session.can_undo()
    with pytest.raises(ActionError, match="nothing to undo: the package has been tabled"):
        session.undo()
    table = next(a for a in reversed(session.actions) if a["type"] == "table")
    assert session.undo_block() == {"reason": "tabled", "action": table}


def test_undo_cannot_re_roll_an_argument(session: Session):
    """Once an argument's dice are rolled the roll stands: undo is refused with the reason,
    and what came before the roll cannot be taken back either."""
    assert session.undo_block() == {"reason": "nothing"}
    with pytest.raises(ActionError, match="nothing to undo yet"):
        session.undo()
    start = len(session.actions)
    session.do({"type": "propose", "seat": "ukraine", "package": {"pledge": "binding_treaty"}})
    card = session.state["hands"]["ukraine"][0]
    session.do({"type": "argue", "seat": "ukraine", "card": card})
    rolled = session.last("argument")
    assert rolled is not None
    after = session.state
    assert not session.can_undo()
    assert session.undo_refusal() == (
        f"the dice have been rolled for {card}: a roll stands and cannot be undone"
    )
    with pytest.raises(ActionError, match="a roll stands"):
        session.undo()
    assert session.undo_block() == {"reason": "roll", "action": session.actions[-1]}
    assert session.state == after and len(session.actions) == start + 2
    # an action after the roll can be undone, but only back to the roll
    move = session.engine.available_moves(session.state, "ukraine")[0]
    session.do({"type": "move", "seat": "ukraine", "move": move})
    session.undo()
    with pytest.raises(ActionError, match="a roll stands"):
        session.undo()
    # replaying the log (a save loaded) rolls the very same dice, and undoes the same move
    again = Session(session.engine, session.seed, session.humans, session.actions)
    assert again.last("argument") == rolled and again.state == session.state
    assert not again.can_undo()


def test_undo_before_the_roll_leaves_the_dice_as_they_were(engines):
    """Taking back a move before arguing changes nothing about the dice the argument gets."""
    engine = engines["ground_troops"]
    plain = Session(engine, 5, ["europe"])
    tried = Session(engine, 5, ["europe"])
    move = engine.available_moves(tried.state, "europe")[0]
    tried.do({"type": "move", "seat": "europe", "move": move})
    tried.undo()
    card = plain.state["hands"]["europe"][0]
    for s in (plain, tried):
        s.do({"type": "argue", "seat": "europe", "card": card})
    assert plain.last("argument") == tried.last("argument")
    assert plain.state == tried.state


def test_an_illegal_action_does_not_enter_the_log(session: Session):
    logged = list(session.actions)
    for wrong in ({"type": "sign", "seat": "ukraine"}, {"type": "pass", "seat": "europe"}):
        with pytest.raises(ActionError):
            session.do(wrong)
    assert session.actions == logged


def test_replay_from_any_round(engines):
    engine = engines["ground_troops"]
    final, log, _ = play(engine, 4, "europe", "reassurance")
    whole = Session(engine, 4, ["europe"], log)
    assert whole.state == final
    branch = whole.replay_to_round(3)
    assert branch.state["round"] == 3 and branch.state["phase"] == "talks"
    assert branch.actions == log[: len(branch.actions)]
    assert [h["round"] for h in branch.state["history"]] == [1, 2]


def test_a_save_replays_to_the_same_state(engines, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GUARANTOR_CACHE_DIR", str(tmp_path / "cache"))
    engine = engines["weak_guarantee"]
    final, log, _ = play(engine, 2, "us", "pledge")
    path = tmp_path / "game.json"
    saves.write(path, saves.make("weak_guarantee", None, 2, ["us"], log))
    data = saves.read(path)
    _, session = saves.open_session(data, str(path))
    assert session.state == final


def test_writing_keeps_the_previous_save_as_a_backup(tmp_path: Path):
    path = tmp_path / "game.json"
    saves.write(path, saves.make("tutorial", None, 1, ["europe"], []))
    saves.write(
        path, saves.make("tutorial", None, 1, ["europe"], [{"type": "table", "seat": "europe"}])
    )
    assert len(saves.read(path)["actions"]) == 1
    assert saves.read(path.with_name("game.json.bak"))["actions"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json", "game.json.bak"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (
            b'{"format": "guarantor-save", "version": 1, "scen',
            "damaged save (cut off or changed at line 1",
        ),
        (b"\xff\xfe\x00", "not a Guarantor save (not text)"),
        (b'{"hello": "world"}', "not a Guarantor save"),
        (b"[1, 2, 3]", "not a Guarantor save"),
        (
            b'{"format": "guarantor-save", "version": 99}',
            "saved by a newer Guarantor (save version 99",
        ),
        (
            b'{"format": "guarantor-save", "version": 1, "scenario": {"id": "x"}, "seed": 1, "humans": ["russia"], "actions": []}',
            "damaged save (its humans.0 part",
        ),
    ],
)
def test_a_bad_save_gets_one_line_and_is_not_touched(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(saves.SaveError) as info:
        saves.read(path)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert path.read_bytes() == content


def test_a_save_whose_scenario_changed_says_so(engines, tmp_path: Path):
    data = saves.make(
        "weak_guarantee",
        None,
        1,
        ["europe"],
        [{"type": "argue", "seat": "europe", "card": "arg.gone"}],
    )
    with pytest.raises(saves.SaveError, match="the scenario has changed since this game was saved"):
        saves.open_session(json.loads(json.dumps(data)), "old.json")


WRITER = """
import sys
from pathlib import Path
from game import saves
path = Path(sys.argv[1])
actions = []
i = 0
print("ready", flush=True)
while True:
    i += 1
    actions.append({"type": "argue", "seat": "europe", "card": "arg.x" + str(i) + "x" * (i % 150)})
    saves.write(path, saves.make("weak_guarantee", None, i, ["europe"], actions))
"""


def test_a_save_killed_at_any_moment_leaves_the_save_or_its_backup(tmp_path: Path):
    import random
    import signal
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    rng = random.Random(20251129)
    path = tmp_path / "game.json"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    loaded = 0
    for _ in range(25):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.08))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not path.exists():
            continue  # killed before the first save finished: nothing was promised yet
        try:
            data = saves.read(path)
        except saves.SaveError:
            data = saves.read(path.with_name("game.json.bak"))
        assert data["actions"] and data["seed"] == len(data["actions"])
        loaded += 1
        leftovers = [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
        for p in leftovers:  # a temporary file a kill left behind is never the save itself
            p.unlink()
    assert loaded >= 20


FROZEN = sorted((Path(__file__).parent / "fixtures" / "saves").glob("v*.json"))


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.name)
def test_every_frozen_old_save_still_opens(path: Path):
    """One save frozen per format version: each is migrated step by step to the current
    version and replays. Add a frozen save whenever VERSION goes up."""
    data = saves.read(path)
    assert data["version"] == saves.VERSION
    _, session = saves.open_session(data, str(path))
    if data.get("turnless_log"):  # the human seats' actions, with the turns filled in around them
        people = [a for a in session.actions if a["seat"] in data["humans"]]
        assert [a for a in people if a["type"] != "pass"] == data["actions"]
    else:
        assert session.actions == data["actions"]


def test_a_version_1_hot_seat_save_replays_to_the_same_round(tmp_path: Path):
    """Written by the game before it kept turns: Europe and the US in hot-seat, two rounds
    tabled by the US, Europe's two arguments in round 3 and the US on turn. Its turns are
    filled in (passes, the computer's Ukraine), and it opens where it was left; saved again,
    it is a version 2 save that opens the same."""
    path = Path(__file__).parent / "fixtures" / "saves" / "v1-hotseat.json"
    data = saves.read(path)
    assert data["turnless_log"]
    _, session = saves.open_session(data, str(path))
    st = session.state
    assert (st["round"], st["phase"], st["turn"]) == (3, "talks", "us")
    assert [
        (h["round"], h["package"]["pledge"], h["package"]["troops"]) for h in st["history"]
    ] == [
        (1, "assurances", {"europe": 0, "us": 0}),
        (2, "assurances", {"europe": 0, "us": 0}),
    ]
    assert st["used"]["europe"]["arguments"] == 2
    assert st["hands"]["europe"] == ["arg.minsk_observers", "arg.coalition_not_nato"]
    assert {a["seat"] for a in session.actions if a["type"] == "move"} >= {"ukraine"}
    again = tmp_path / "again.json"
    assert data["old_random"] and session.old_random  # saved before version 5
    saves.write(
        again,
        saves.make(
            "weak_guarantee",
            None,
            data["seed"],
            data["humans"],
            session.actions,
            {"old_random": True},
        ),
    )
    fresh = saves.read(again)
    assert fresh["version"] == saves.VERSION and not fresh.get("turnless_log")
    assert saves.open_session(fresh, str(again))[1].state == st


def test_there_is_a_frozen_save_and_a_migration_for_every_old_version():
    versions = {int(p.name.split("-")[0][1:]) for p in FROZEN}
    assert versions == set(range(1, saves.VERSION + 1))
    assert set(saves.MIGRATIONS) == set(range(1, saves.VERSION))


def test_a_damaged_save_is_never_overwritten(tmp_path: Path):
    path = tmp_path / "autosave.json"
    saves.write(path, saves.make("tutorial", None, 1, ["europe"], []))
    saves.write(path, saves.make("tutorial", None, 2, ["europe"], []))
    path.write_bytes(b'{"format": "guarantor-save", "vers')
    saves.write(path, saves.make("tutorial", None, 3, ["europe"], []))
    kept = sorted(tmp_path.glob("autosave-damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"format": "guarantor-save", "vers'
    assert saves.read(path)["seed"] == 3
    assert saves.read(tmp_path / "autosave.json.bak")["seed"] == 1  # the good backup survives


def test_every_save_problem_is_said_in_both_languages():
    import re

    from game.ui import i18n
    from game.ui.scenes.load import say

    from .conftest import ROOT

    used = set()
    for path in (ROOT / "game/saves.py", ROOT / "game/ui/flow.py"):
        used |= set(
            re.findall(r'SaveError\(\s*[^,]+,\s*"([a-z_]+)"', path.read_text(encoding="utf-8"))
        )
    assert {"missing", "cut_off", "newer", "changed", "no_scenario"} <= used
    for key in used:
        for lang in ("en", "ar"):
            assert i18n.has(f"after.saves_error.{key}", lang), (key, lang)
    err = saves.SaveError("x.json", "cut_off", "damaged save (...)", line=1, column=5)
    assert (
        say(err, lambda k, **f: i18n.t(k, "ar", **f))
        == "ملف حفظ تالف (مقطوع أو مُعدَّل عند السطر 1، العمود 5)"
    )
    assert str(err) == "x.json: damaged save (...)"
