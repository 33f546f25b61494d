"""Class saves: a game named for its class on the setup screen ("9B Tuesday"), listed by
that name and its date on the load screen, renamed there, and resumed where it was left.
The real App under SDL's dummy driver, real save files, both languages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pygame
import pytest

from game import saves
from game.ui.flow import GameFlow
from game.ui.scenes.load import LoadScene
from game.ui.scenes.rename import RenameScene
from game.ui.scenes.setup import SetupScene

from .conftest import click, press, table, title_app, widget
from .test_debrief_export import bundle

FROZEN_V1 = Path(__file__).parent / "fixtures" / "saves" / "v1-tutorial.json"


def type_text(app, words: str) -> None:
    app.feed([pygame.event.Event(pygame.TEXTINPUT, text=ch) for ch in words])


# ---------------------------------------------------------------- the save file


def test_a_name_is_kept_checked_and_named_in_the_file(tmp_path):
    flow = GameFlow.new(bundle("tutorial"), ["europe"], seed=5, save_dir=tmp_path)
    flow.name = "9B Tuesday"
    table(flow, "europe")
    assert flow.save_path is not None
    assert flow.save_path.name.startswith("9b-tuesday-tutorial-")
    assert saves.read(flow.save_path)["name"] == "9B Tuesday"
    again = GameFlow.load(flow.save_path)
    assert again.name == "9B Tuesday" and again.state["round"] == flow.state["round"]
    # an Arabic name stays in the save; the file name keeps to the scenario and the time
    other = GameFlow.new(bundle("tutorial"), ["europe"], seed=5, save_dir=tmp_path)
    other.name = "التاسع ب الثلاثاء"
    table(other, "europe")
    assert other.save_path is not None and other.save_path.name.startswith("tutorial-")
    assert saves.read(other.save_path)["name"] == "التاسع ب الثلاثاء"


@pytest.mark.parametrize(
    "name",
    ["", "   ", "a\nb", "tab\there", "x" * (saves.MAX_NAME + 1), 7, ["9B"]],
    ids=["empty", "spaces", "newline", "tab", "too long", "a number", "a list"],
)
def test_a_bad_name_in_a_save_is_one_line(tmp_path, name):
    data = json.loads(FROZEN_V1.read_text(encoding="utf-8"))
    data["name"] = name
    path = tmp_path / "named.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(saves.SaveError) as e:
        saves.read(path)
    assert e.value.key == "damaged" and e.value.fmt["part"] == "name"
    assert "\n" not in str(e.value)


def test_renaming_an_old_save_keeps_its_game_and_its_backup(tmp_path):
    path = tmp_path / "old.json"
    shutil.copy(FROZEN_V1, path)
    before = saves.read(path)
    data = saves.rename(path, "  9B   Tuesday ")
    assert data["name"] == "9B Tuesday" and data["version"] == saves.VERSION
    after = saves.read(path)
    assert after["actions"] == before["actions"] and after["seed"] == before["seed"]
    assert json.loads((tmp_path / "old.json.bak").read_text(encoding="utf-8"))["version"] == 1
    assert "name" not in saves.rename(path, "   ")  # no name again
    assert "name" not in saves.read(path)


def test_renaming_a_damaged_save_changes_nothing(tmp_path):
    path = tmp_path / "cut.json"
    body = FROZEN_V1.read_bytes()[:120]
    path.write_bytes(body)
    with pytest.raises(saves.SaveError):
        saves.rename(path, "9B")
    assert path.read_bytes() == body and sorted(p.name for p in tmp_path.iterdir()) == ["cut.json"]


def test_fresh_names_are_readable_and_never_taken(tmp_path):
    a = saves.fresh_name(tmp_path, "ground_troops", 0, name="9B Tuesday / group 2")
    assert a.name.startswith("9b-tuesday-group-2-ground-troops-")
    a.write_text("{}")
    b = saves.fresh_name(tmp_path, "ground_troops", 0, name="9B Tuesday / group 2")
    assert b != a and b.stem == a.stem + "-2"
    assert saves.slug("../../etc/passwd") == "etc-passwd"
    assert saves.slug("الصف التاسع") == ""


# ---------------------------------------------------------------- the screens


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_name_a_game_on_setup_find_it_by_name_rename_it_and_resume_it(tmp_path, content, lang):
    app = title_app(tmp_path, content, lang=lang)
    setup = SetupScene(app)
    app.push(setup)
    app.render(force=True)
    field = widget(setup, "game_name")
    click(app, field.rect.center)  # the mouse puts the caret in the field
    assert setup.ring.current is field
    name = "9B Tuesday" if lang == "en" else "التاسع ب الثلاثاء"
    type_text(app, name + "s")  # a letter typed there is text, not the Start shortcut
    press(app, pygame.K_BACKSPACE)
    assert field.text == name and app.top is setup
    click(app, widget(setup, "start").rect.center)
    flow = app.top.flow
    assert flow.name == name
    table(flow, flow.humans[0])  # round 1 ends: autosaved
    assert flow.save_path is not None and saves.read(flow.save_path)["name"] == name
    round_now = flow.state["round"]

    app.title()
    load = LoadScene(app)
    app.push(load)
    app.render(force=True)
    entry = load.list.selected
    assert entry is not None and entry.path == flow.save_path
    assert load._label(entry) == name
    sub = load._sublabel(entry)
    title = load._title_of(entry.data)
    assert title in sub and load._when(entry.data, entry) in sub  # its scenario and date

    # rename by keyboard: N, the name, Enter
    press(app, pygame.K_n)
    dialog = app.top
    assert isinstance(dialog, RenameScene) and dialog.field.text == name
    press(app, pygame.K_BACKSPACE, mod=pygame.KMOD_CTRL)
    type_text(app, "9C")
    press(app, pygame.K_RETURN)
    assert app.top is load
    assert saves.read(flow.save_path)["name"] == "9C"
    assert load._label(load.list.selected) == "9C"
    # Esc leaves the name as it was; the mouse opens the dialog too
    click(app, widget(load, "rename").rect.center)
    assert isinstance(app.top, RenameScene)
    type_text(app, " extra")
    press(app, pygame.K_ESCAPE)
    assert app.top is load and saves.read(flow.save_path)["name"] == "9C"

    # open: the named game resumes where it was left, and keeps its name
    press(app, pygame.K_o)
    resumed = app.top.flow
    assert resumed.name == "9C" and resumed.state["round"] == round_now
    assert resumed.session.actions == flow.session.actions
    table(resumed, resumed.humans[0])
    assert saves.read(flow.save_path)["name"] == "9C"
    assert app.crashes == []


def test_the_setup_field_takes_as_long_a_name_as_a_save_keeps():
    from game.ui.scenes import setup

    assert setup.MAX_NAME == saves.MAX_NAME
