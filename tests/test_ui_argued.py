"""A computer seat argues at a person, through the real App under SDL's dummy driver: the dialog
opens on the round screen, and each of the person's three answers (concede by mouse, counter
and let it stand by keyboard) goes to the engine, the roll shown by the debate screen; in
English and Arabic."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.content.loader import load, resolve
from game.engine.session import Session
from game.ui.app import App
from game.ui.scenes.argued import ArguedAtScene
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.round import RoundScene

from .conftest import click, press, title_app, widget

LEVELS = {"us": "normal", "ukraine": "normal"}


def _seed_where_washington_argues_at_europe() -> int:
    """The first seed of ground_troops where, Europe (a person) having passed its first turn,
    a computer seat at `normal` (Washington or Kyiv) argues at Europe before Europe's turn
    comes again."""
    from game.engine.game import Engine

    engine = Engine(load(resolve("ground_troops"), full=False, lint=False).book)
    for seed in range(1, 60):
        session = Session(engine, seed, ["europe"], levels=LEVELS)
        session.act({"type": "pass", "seat": "europe"})
        pending = session.state.get("pending")
        if pending and pending["to"] == "europe":
            return seed
    raise AssertionError("no seed in 1-59 has a computer seat argue at Europe at once")


@pytest.fixture(scope="module")
def seed() -> int:
    return _seed_where_washington_argues_at_europe()


def _argued_at(tmp_path: Any, content: Any, seed: int, lang: str) -> tuple[App, ArguedAtScene]:
    app = title_app(tmp_path, content, lang=lang)
    app.start_game(load(resolve("ground_troops")), ["europe"], seed, levels=LEVELS)
    for _ in range(6):  # past the briefing to the round screen
        if isinstance(app.top, RoundScene):
            break
        press(app, pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, RoundScene), app.top
    scene.flow.end_turn()
    scene.resume()
    app.render(force=True)
    dialog = app.top
    assert isinstance(dialog, ArguedAtScene), app.top
    return app, dialog


def _said(dialog: ArguedAtScene) -> str:
    return " ".join(words for words, _ in dialog._lines())


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_conceding_by_mouse(tmp_path: Any, content: Any, seed: int, lang: str) -> None:
    app, dialog = _argued_at(tmp_path, content, seed, lang)
    flow = dialog.flow
    card = dialog.pending["card"]
    said = _said(dialog)
    assert ("argues with you" in said) == (lang == "en")
    assert "{" not in said  # every placeholder filled
    app.render(force=True)
    click(app, widget(dialog, "concede").rect.center)
    assert app.top is not dialog  # answered (Washington may argue again: a new dialog)
    answers = [a for a in flow.session.actions if a["type"] == "respond"]
    assert answers[0] == {"type": "respond", "seat": "europe", "answer": "concede"}
    conceded = [e for e in flow.session.all_events() if e["type"] == "conceded"]
    assert conceded and conceded[0]["card"] == card
    assert flow.state.get("pending") is None or isinstance(app.top, ArguedAtScene)
    assert app.crashes == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_countering_by_keyboard_shows_the_roll(
    tmp_path: Any, content: Any, seed: int, lang: str
) -> None:
    app, dialog = _argued_at(tmp_path, content, seed, lang)
    flow = dialog.flow
    if not dialog.counters:
        pytest.skip("Europe has no counter to this card")
    press(app, pygame.K_1)
    assert isinstance(app.top, DebateScene)
    roll = app.top.result
    assert roll["answer"] == "counter" and roll["counter"] == dialog.counters[0]["id"]
    assert len(roll["dice"]) == 2
    for _ in range(3):
        if isinstance(app.top, DebateScene):
            press(app, pygame.K_RETURN)
    assert isinstance(app.top, (RoundScene, ArguedAtScene)) and app.top is not dialog
    answered = next(a for a in flow.session.actions if a["type"] == "respond")
    assert answered["answer"] == "counter"
    assert app.crashes == []


def test_letting_it_stand_by_keyboard_shows_the_roll(
    tmp_path: Any, content: Any, seed: int
) -> None:
    app, dialog = _argued_at(tmp_path, content, seed, "en")
    flow = dialog.flow
    press(app, pygame.K_ESCAPE)  # Esc opens the paragraph: the argument must be answered
    assert flow.state["pending"] is not None
    for _ in range(3):
        if isinstance(app.top, ArguedAtScene):
            break
        press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ArguedAtScene)
    press(app, pygame.K_s)
    assert isinstance(app.top, DebateScene)
    roll = app.top.result
    assert roll["answer"] == "stand" and roll["counter"] is None
    answered = next(a for a in flow.session.actions if a["type"] == "respond")
    assert answered["answer"] == "stand"
    assert app.crashes == []


def test_the_setup_screen_chooses_each_computer_seats_level(tmp_path: Any, content: Any) -> None:
    """The levels are chosen per seat; the game and its save keep them; `play --computer`
    (App.level) is the choice each computer seat starts with."""
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.setup import SetupScene

    app = title_app(tmp_path, content)
    app.level = "normal"
    press(app, pygame.K_n)
    setup = app.top
    assert isinstance(setup, SetupScene)
    assert setup.seats == {"europe": "human", "us": "normal", "ukraine": "normal"}
    press(app, pygame.K_END)  # the tutorial coaches step by step: its computer seats are easy
    assert setup.scenario is not None and setup.scenario.id == "tutorial"
    assert setup.seats == {"europe": "human", "us": "easy", "ukraine": "easy"}
    press(app, pygame.K_HOME)
    assert setup.seats == {"europe": "human", "us": "normal", "ukraine": "normal"}
    press(app, pygame.K_TAB, pygame.K_TAB)  # the list, Europe, then Washington's choice
    assert setup.ring.current.name == "seat.us"
    press(app, pygame.K_LEFT)  # one step stronger (the arrows follow the reading direction)
    assert setup.seats["us"] == "hard"
    click(app, widget(setup, "seat.ukraine").rect.center)  # a click moves on: weaker
    assert setup.seats["ukraine"] == "easy"
    press(app, pygame.K_s)
    assert isinstance(app.top, BriefingScene)
    flow = app.top.flow
    assert flow.session.levels == {"us": "hard", "ukraine": "easy"}
    assert flow.save_data()["computer"] == {"us": "hard", "ukraine": "easy"}
    from game.ui.flow import GameFlow

    path = flow.save()
    assert GameFlow.load(path).session.levels == {"us": "hard", "ukraine": "easy"}
    assert app.crashes == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_at_a_projectors_scale_every_answer_and_every_word_of_the_dialog_is_reachable(
    tmp_path: Any, content: Any, lang: str
) -> None:
    """At 2x in 1280x800 the dialog's text is taller than the window leaves it: it scrolls
    (End reaches its last line) in its own area, above the answers, whose labels are whole
    (before, the text under the window's edge was dropped, a half line was drawn under the
    buttons, and Concede and Let it stand were cut short in Arabic)."""
    from game.content.loader import load, resolve
    from game.ui.flow import GameFlow

    app = title_app(tmp_path, content, lang=lang, scale=2.0)
    b = load(resolve("weak_guarantee"), full=True, lint=False)
    levels = {"europe": "normal", "us": "normal"}
    title = app.top
    # the first game where a computer seat argues at Ukraine at once and Ukraine holds two
    # counters (the most answers the dialog shows)
    for seed in range(40):
        flow = GameFlow.new(b, ["ukraine"], seed, levels=levels)
        pending = flow.state["pending"]
        if pending is None or pending["to"] != "ukraine":
            continue
        app.push(RoundScene(app, flow))
        app.render(force=True)
        dialog = app.top
        if isinstance(dialog, ArguedAtScene) and len(dialog.counters) == 2:
            break
        while app.top is not title:
            app.pop()
    else:
        raise AssertionError("no seed in 0-39 argues at Ukraine with two counters in hand")
    buttons = [w for w in dialog.ring.widgets if w.visible]
    for i, w in enumerate(buttons):
        assert dialog.box.contains(w.rect), w.name
        assert not w.cut, w.name
        assert not w.rect.colliderect(dialog.doc.viewport), w.name
        assert not any(w.rect.colliderect(o.rect) for o in buttons[i + 1 :]), w.name
    shown = [blk.text for blk in dialog.doc.blocks]  # type: ignore[attr-defined]
    assert shown == [words for words, _ in dialog._lines()]
    assert sum("If it lands" in t for t in shown) <= 1
    view = dialog.doc.view
    assert view.max_offset > 0  # more text than room: it scrolls
    press(app, pygame.K_END)
    assert view.offset == view.max_offset
    assert app.top is dialog and flow.state["pending"] is not None  # scrolling answered nothing
    assert app.crashes == []


def test_play_seat_and_seed_without_a_scenario_start_the_setup_screen_with_them(
    tmp_path: Any, content: Any
) -> None:
    """`guarantor play --seat ukraine --seed 4242 --computer hard` opens the title screen (no
    scenario named): New game starts with Ukraine played by a person, the seed 4242 and the
    other seats at hard (before, the seat and the seed were dropped: Europe and a drawn seed)."""
    from game.ui.scenes.setup import SetupScene

    app = title_app(tmp_path, content)
    app.level, app.humans, app.seed = "hard", ["ukraine"], 4242
    press(app, pygame.K_n)
    setup = app.top
    assert isinstance(setup, SetupScene)
    assert setup.seats == {"europe": "hard", "us": "hard", "ukraine": "human"}
    assert setup.seed.value == 4242
    press(app, pygame.K_s)
    flow = app.top.flow
    assert flow.humans == ["ukraine"] and flow.session.seed == 4242
    assert app.crashes == []
