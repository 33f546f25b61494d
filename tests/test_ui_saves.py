"""Saves as the player meets them, through the real App: hostile files in the saves folder
never stop the title screen, Continue opens the game last left where it was left, a save can
be deleted, a failed save offers another place while the game goes on, a changed scenario
is said before a game opens, and crash reports are private and hold no typed text."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pygame
import pytest

from game import saves
from game.content.loader import load, resolve
from game.ui.app import App
from game.ui.scenes.load import LoadScene, say
from game.ui.scenes.round_dialogs import ConfirmScene, confirm_leave
from game.ui.scenes.save_failed import SaveFailedScene
from game.ui.shots import paper_with_a_price

from .conftest import ROOT, click, key, press, table, widget
from .test_ui_after import make_app, words


def saves_dir(tmp: Path) -> Path:
    return tmp / "data" / "saves"


def game_of(app: App) -> Any:
    return next(s.flow for s in reversed(app.stack) if getattr(s, "flow", None) is not None)


def start(app: App, sid: str = "ground_troops", seats: list[str] | None = None, seed: int = 7):
    app.start_game(load(resolve(sid), full=True, lint=False), seats or ["europe"], seed, False)
    app.render(force=True)
    while app.top is not None and app.top.name in ("briefing", "handoff"):
        press(app, pygame.K_RETURN)
    return game_of(app)


def type_text(app: App, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.pump()


HOSTILE = {
    "deep": b"[" * 100_000,
    "huge_int": b'{"format": "guarantor-save", "version": 1, "seed": ' + b"7" * 4301 + b"}",
    "turn_text": None,  # made from a real save below
    "move_list": None,
}


def hostile(name: str, tmp: Path) -> bytes:
    body = HOSTILE[name]
    if body is not None:
        return body
    from game.ui.flow import GameFlow

    flow = GameFlow.new(load(resolve("tutorial"), full=True, lint=False), ["europe"], 3)
    data = json.loads(json.dumps(flow.save_data()))
    if name == "turn_text":
        data["turn"] = "x"
    else:
        data["actions"] = [{"type": "move", "seat": "us", "move": ["us.x"]}]
    return json.dumps(data).encode()


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("as_autosave", [True, False])
def test_a_hostile_save_never_stops_the_title_and_is_listed_as_damaged(
    tmp_path, content, name, as_autosave
):
    folder = saves_dir(tmp_path)
    folder.mkdir(parents=True)
    body = hostile(name, tmp_path)
    path = folder / ("autosave.json" if as_autosave else "class 3b.json")
    path.write_bytes(body)
    a = make_app(tmp_path, content)
    assert a.top.name == "title" and a.crashes == []
    assert not widget(a.top, "continue").enabled and widget(a.top, "load").enabled
    press(a, pygame.K_c)  # greyed out: nothing happens, nothing breaks
    assert a.top.name == "title"
    press(a, pygame.K_l)
    scene = a.top
    assert isinstance(scene, LoadScene) and [e.path for e in scene.entries] == [path]
    e = scene.entry
    assert e is not None and not e.ok and e.error
    a.render(force=True)
    said = words(scene)
    assert say(e.problem, a.t) in said and "Damaged save" in said
    assert path.read_bytes() == body and a.crashes == []


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/urandom"])
def test_a_special_file_named_like_a_save_is_listed_and_never_read(tmp_path, content, special):
    folder = saves_dir(tmp_path)
    folder.mkdir(parents=True)
    path = folder / "autosave.json"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(special)
    a = make_app(tmp_path, content)
    assert not widget(a.top, "continue").enabled
    press(a, pygame.K_l)
    e = a.top.entry
    assert e is not None and not e.ok and "not a save file" in e.error
    assert a.crashes == []


# ---------------------------------------------------------------- Continue


def test_continue_opens_the_game_last_left_where_it_was_left(tmp_path, content):
    a = make_app(tmp_path, content)
    troops = start(a, "ground_troops")
    table(troops, "europe")  # round 1 ends
    a.title()
    paper = start(a, "weak_guarantee", ["ukraine"], seed=3)
    assert paper.save_path != troops.save_path  # its own save: nothing overwritten
    paper.act({"type": "propose", "seat": "ukraine", "package": {"observers": True}})
    left = list(paper.session.actions)
    confirm_leave(a, paper)
    a.render(force=True)
    press(a, pygame.K_y)  # Save and leave
    assert a.top.name == "title" and widget(a.top, "continue").enabled
    press(a, pygame.K_c)
    again = game_of(a)
    assert again.engine.id == "weak_guarantee" and again.session.actions == left
    assert again.state["draft"] is not None  # mid-round, as it was left
    a.title()
    press(a, pygame.K_l)
    scene = a.top
    names = [e.path.name for e in scene.entries]
    assert names[0] == paper.save_path.name  # the game last played comes first
    assert all(n.startswith(("weak-guarantee-", "ground-troops-")) for n in names)
    scene.list.select(names.index(troops.save_path.name))
    press(a, pygame.K_o)
    assert game_of(a).engine.id == "ground_troops"
    confirm_leave(a, game_of(a))
    press(a, pygame.K_y)
    press(a, pygame.K_c)  # now the troops game is the one last left
    assert game_of(a).engine.id == "ground_troops" and game_of(a).state["round"] == 2
    assert a.crashes == []


def test_a_hot_seat_turn_is_resumed_at_the_same_seat(tmp_path, content):
    a = make_app(tmp_path, content)
    flow = start(a, "ground_troops", ["europe", "us"])
    flow.end_turn()  # Europe has played its turn: the US is next
    a.title()
    press(a, pygame.K_c)
    assert game_of(a).current_seat == "us"


# ---------------------------------------------------------------- deleting


def test_a_save_is_deleted_from_the_load_screen_after_a_question(tmp_path, content):
    a = make_app(tmp_path, content)
    flow = start(a, "tutorial")
    table(flow, "europe")
    flow.save()  # a second write keeps a backup
    path = flow.save_path
    assert path.with_name(path.name + ".bak").exists()
    a.title()
    press(a, pygame.K_l)
    scene = a.top
    press(a, pygame.K_d)
    assert isinstance(a.top, ConfirmScene)
    press(a, pygame.K_ESCAPE)  # cancelled: nothing deleted
    assert a.top is scene and path.exists()
    press(a, pygame.K_d)
    press(a, pygame.K_d)
    assert a.top is scene and not path.exists()
    assert not path.with_name(path.name + ".bak").exists()
    assert scene.entries == [] and a.crashes == []


# ---------------------------------------------------------------- a save that fails


def test_a_failed_autosave_offers_another_place_and_the_game_goes_on(tmp_path, content):
    a = make_app(tmp_path, content)
    saves_dir(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    saves_dir(tmp_path).write_bytes(b"")  # the saves folder cannot be made: saving fails
    flow = start(a, "tutorial")
    assert flow.save_problem is not None  # the first autosave failed; the game is on
    assert isinstance(a.top, SaveFailedScene)
    a.render(force=True)
    assert "could not be saved" in a.top.heading
    press(a, pygame.K_ESCAPE)  # go on without saving
    while a.top.name in ("briefing", "handoff"):
        press(a, pygame.K_RETURN)
    assert a.top.name == "round" and a.crashes == []
    table(flow, "europe")  # fails again: said once, not every step
    a.pump()
    assert a.top.name != "save_failed" and flow.save_problem is not None
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    confirm_leave(a, flow)
    press(a, pygame.K_y)  # Save and leave: the save fails, so it asks where
    dialog = a.top
    assert isinstance(dialog, SaveFailedScene)
    dialog.field.set_text("")
    type_text(a, str(elsewhere))
    click(a, widget(dialog, "confirm").rect.center)
    assert a.top.name == "title"
    (saved,) = elsewhere.glob("tutorial-*.json")
    assert saves.read(saved)["actions"] == flow.session.actions
    assert a.crashes == []


def test_a_finished_game_that_cannot_be_saved_is_offered_another_place(tmp_path, content):
    a = make_app(tmp_path, content)
    saves_dir(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    saves_dir(tmp_path).write_bytes(b"")
    flow = start(a, "weak_guarantee", ["ukraine"], seed=3)
    press(a, pygame.K_ESCAPE)  # go on without saving
    while a.top.name in ("briefing", "handoff"):
        press(a, pygame.K_RETURN)
    paper_with_a_price(flow)  # paper with Moscow's price, until Moscow accepts (round 3)
    flow.act({"type": "sign", "seat": "ukraine"})  # the game is over: its save fails again
    assert flow.session.over
    a.pump()
    dialog = a.top
    assert isinstance(dialog, SaveFailedScene)  # said again for the finished game
    dialog.field.set_text(str(tmp_path))
    press(a, pygame.K_RETURN)  # Enter in the field saves there
    (saved,) = tmp_path.glob("weak-guarantee-*.json")
    assert saves.read(saved)["actions"] == flow.session.actions
    assert a.top is not dialog and a.crashes == []


def test_a_save_here_that_fails_again_says_so_and_asks_before_replacing(tmp_path, content):
    a = make_app(tmp_path, content)
    saves_dir(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    saves_dir(tmp_path).write_bytes(b"")
    flow = start(a, "tutorial")
    dialog = a.top
    assert isinstance(dialog, SaveFailedScene)
    dialog.field.set_text(str(saves_dir(tmp_path) / "inside-a-file.json"))
    dialog.save_here()
    a.render(force=True)
    assert a.top is dialog and "did not work either" in dialog.error
    existing = tmp_path / "mine.json"
    existing.write_text("keep", encoding="utf-8")
    dialog.field.set_text(str(existing))
    dialog.save_here()
    assert isinstance(a.top, ConfirmScene) and a.top is not dialog
    press(a, pygame.K_ESCAPE)
    assert existing.read_text(encoding="utf-8") == "keep"
    dialog.save_here()
    press(a, pygame.K_y)
    assert saves.read(existing)["actions"] == flow.session.actions
    assert a.top.name == "round" and flow.save_problem is None


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from game import saves
from game.content.loader import load, resolve
from game.ui.flow import GameFlow
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
folder = Path(sys.argv[1])
flow = GameFlow.new(load(resolve("tutorial"), full=True, lint=False), ["europe"], 3, save_dir=folder)
flow.end_turn()  # the others have their say (lap 2)
flow.save()
before = flow.save_path.read_bytes()
resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))
flow.act({"type": "table", "seat": "europe"})
print(flow.save_problem)
print(flow.save_path.read_bytes() == before)
"""


def test_a_full_disk_keeps_the_last_save_and_says_why(tmp_path):
    script = tmp_path / "full.py"
    script.write_text(FULL_DISK, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "saves")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    problem, kept = r.stdout.strip().splitlines()
    assert problem and problem != "None" and kept == "True"
    assert not list((tmp_path / "saves").glob(".*.tmp"))


# ---------------------------------------------------------------- a changed scenario


def test_a_changed_scenario_is_said_before_the_game_opens(tmp_path, content):
    custom = tmp_path / "class" / "mine.yaml"
    custom.parent.mkdir()
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", custom)
    a = make_app(tmp_path, content)
    flow = start(a, str(custom))
    table(flow, "europe")
    a.title()
    custom.write_text(custom.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    press(a, pygame.K_c)
    ask = a.top
    assert isinstance(ask, ConfirmScene) and "may have changed" in ask.heading
    assert str(custom) in ask.body
    press(a, pygame.K_ESCAPE)  # cancel: back to the title, nothing opened
    assert a.top.name == "title"
    press(a, pygame.K_c)
    press(a, pygame.K_o)  # open anyway
    assert game_of(a).session.actions == flow.session.actions
    assert a.crashes == []


def test_play_load_says_a_changed_scenario_in_one_line(tmp_path, monkeypatch, capsys):
    import argparse

    from game.ui import app as app_mod
    from game.ui import prefs
    from game.ui.flow import GameFlow

    monkeypatch.setattr(prefs, "config_dir", lambda: tmp_path / "cfg")
    monkeypatch.setattr(prefs, "data_dir", lambda: tmp_path / "data")
    custom = tmp_path / "mine.yaml"
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", custom)
    flow = GameFlow.new(load(custom, full=True, lint=False), ["europe"], 3)
    path = flow.save(tmp_path / "game.json")
    custom.unlink()
    seen: dict[str, Any] = {}
    monkeypatch.setattr(
        app_mod.App, "run", lambda self: seen.setdefault("stack", [s.name for s in self.stack])
    )
    args = argparse.Namespace(
        scenario=None, seat=None, lang="en", seed=None, scale=None, fullscreen=False, load=str(path)
    )
    app_mod.run(args)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(custom) in err[0] and "is gone" in err[0]
    assert seen["stack"] == ["title", "confirm"]  # the window asks before the game opens


# ---------------------------------------------------------------- crash reports


def test_a_crash_report_is_private_and_holds_no_typed_text(tmp_path, content):
    from game.ui.scene import Scene

    class Boom(Scene):
        name = "boom"

        def handle(self, event: pygame.event.Event) -> bool:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
                raise KeyError("boom")
            return super().handle(event)

    a = make_app(tmp_path, content)
    press(a, pygame.K_g)  # the glossary: type a search
    type_text(a, "my secret words")
    pygame.event.post(key(pygame.K_x, 0, "x"))
    a.pump()
    a.push(Boom(a))
    press(a, pygame.K_F5)
    info = a.crashes.pop()
    assert info.path is not None
    mode = stat.S_IMODE(info.path.stat().st_mode)
    assert mode == 0o600
    report = info.path.read_text(encoding="utf-8")
    assert "KeyError" in report and "recent events:" in report
    assert "secret" not in report and "'x'" not in report
    assert f"'key': {pygame.K_x}" not in report


CRASH_FULL = """
import resource, signal, sys
from pathlib import Path
from game.ui import crash
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))
try:
    raise KeyError("x" * 500)
except KeyError as e:
    print(crash.write_report(Path(sys.argv[1]), e, "test"))
"""


def test_a_crash_report_on_a_full_disk_is_none_and_leaves_no_empty_file(tmp_path):
    script = tmp_path / "crash.py"
    script.write_text(CRASH_FULL, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "None"
    assert list((tmp_path / "data" / "crashes").iterdir()) == []
