"""The tutorial through the real App under SDL's dummy driver: its coach line shows the
hint of each step of the round in turn (read the news, play an argument, make a move,
change the package, table it, read Russia's answer) as the player does each by keyboard, in
English and in Arabic; a scenario without a coach shows none; and one key does not end the
tutorial in a deal (Russia signs nothing in its first two rounds, nor the opening package)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from typing import Any

import pygame
import pytest

from game.ui import text as text_mod
from game.ui.app import App
from game.ui.scenes.answer import AnswerScene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.round import RoundScene
from game.ui.scenes.setup import SetupScene

from .conftest import press, title_app, widget


@pytest.fixture
def drawn(monkeypatch) -> set[str]:
    """Every line of text that reached the screen (in visual order, shaped)."""
    seen: set[str] = set()
    real = text_mod.render_visual

    def record(vis: str, font: Any, colour: Any) -> pygame.Surface:
        seen.add(vis)
        return real(vis, font, colour)

    monkeypatch.setattr(text_mod, "render_visual", record)
    return seen


def make_app(tmp_path, content, lang: str) -> App:
    app: App = title_app(tmp_path, content, lang)
    return app


def begin(app: App, scenario: str) -> RoundScene:
    """Title -> setup (the scenario chosen with the arrow keys) -> briefing -> the round."""
    press(app, pygame.K_n)
    setup = app.top
    assert isinstance(setup, SetupScene)
    for _ in range(10):
        if setup.scenario.id == scenario:
            break
        press(app, pygame.K_DOWN)
    assert setup.scenario.id == scenario
    widget(setup, "seed").set(7)
    press(app, pygame.K_s)
    assert isinstance(app.top, BriefingScene)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    return r


def hint_lines(app: App, lang: str) -> set[str]:
    """Every coach line the tutorial could draw, as drawn (shaped, in visual order)."""
    info = next(s for s in app.content.scenarios() if s.id == "tutorial")
    bundle = app.content.bundle(info.path)
    steps = list(bundle.scenario.coach)
    assert steps
    return {
        text_mod.shape(
            app.t("round.coach", n=i + 1, total=len(steps), hint=getattr(s.text, lang)), lang
        )
        for i, s in enumerate(steps)
    }


def coached(r: Any, steps: list[Any], i: int, lang: str, drawn: set[str]) -> None:
    """The screen shows step i's hint (from the scenario's data), and only it."""
    drawn.clear()
    r.app.render(force=True)
    hint = r.coach_hint()
    words = getattr(steps[i].text, lang)
    assert words and words in hint, (i, hint)
    assert r.coach_rect.height > 0
    assert text_mod.shape(hint, lang) in drawn, (i, hint)
    for j, other in enumerate(steps):  # no other step's hint on screen
        if j != i:
            assert getattr(other.text, lang) not in hint


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_tutorial_coaches_each_step_in_order(tmp_path, content, drawn, lang):
    app = make_app(tmp_path, content, lang)
    r = begin(app, "tutorial")
    flow = r.flow
    steps = list(flow.bundle.scenario.coach)
    assert [s.done_by for s in steps] == ["news", "argue", "move", "package", "table", "answer"]
    # 1. the news: shown until the player leaves the news tab
    assert r.tab == "news"
    coached(r, steps, 0, lang, drawn)
    press(app, pygame.K_1, pygame.K_TAB)  # staying on the news does not finish the step
    coached(r, steps, 0, lang, drawn)
    press(app, pygame.K_2)
    assert r.tab == "arguments"
    # 2. an argument
    coached(r, steps, 1, lang, drawn)
    press(app, pygame.K_TAB)
    assert r.ring.current.name.startswith("arg.")
    press(app, pygame.K_RETURN)
    for _ in range(3):  # the first key may only skip the dice
        if isinstance(app.top, DebateScene):
            press(app, pygame.K_RETURN)
    assert app.top is r and flow.state["used"]["europe"]["arguments"] == 1
    # 3. a move
    coached(r, steps, 2, lang, drawn)
    press(app, pygame.K_3, pygame.K_TAB)
    assert r.ring.current.name.startswith("move.")
    press(app, pygame.K_RETURN)
    assert flow.state["used"]["europe"]["move"] is not None
    # 4. the package: one clause changed
    coached(r, steps, 3, lang, drawn)
    press(app, pygame.K_4, pygame.K_TAB)
    assert r.ring.current.name == "clause.troops.europe"
    press(app, pygame.K_LEFT if lang == "ar" else pygame.K_RIGHT)  # "+" is at the left in Arabic
    assert r.changed() == ["troops"]
    # 5. end the turn (T in lap 1): the allies answer; then table it (T in lap 2)
    coached(r, steps, 4, lang, drawn)
    press(app, pygame.K_t)
    heard = app.top
    assert isinstance(heard, RoundScene) and heard is not r and flow.lap == 2
    coached(heard, steps, 4, lang, drawn)
    press(app, pygame.K_t)
    answer = app.top
    assert isinstance(answer, AnswerScene) and flow.state["round"] == 2
    # 6. Russia's answer
    coached(answer, steps, 5, lang, drawn)
    press(app, pygame.K_RETURN)
    r2 = app.top
    assert isinstance(r2, RoundScene) and r2 is not heard
    # every step done: no coach line any more
    drawn.clear()
    app.render(force=True)
    assert r2.coach_hint() == "" and r2.coach_rect.height == 0
    assert not drawn & hint_lines(app, lang)
    assert app.crashes == [], app.crashes


def test_steps_done_out_of_order_leave_the_first_one_not_done(tmp_path, content, drawn):
    """A move made before any argument: the hint stays on the argument until one is played,
    then goes past the move, already made."""
    app = make_app(tmp_path, content, "en")
    r = begin(app, "tutorial")
    steps = list(r.flow.bundle.scenario.coach)
    press(app, pygame.K_3, pygame.K_TAB, pygame.K_RETURN)
    assert r.flow.state["used"]["europe"]["move"] is not None
    coached(r, steps, 1, "en", drawn)  # the news was left for the Moves tab; no argument yet
    press(app, pygame.K_2, pygame.K_TAB, pygame.K_RETURN)
    for _ in range(3):
        if isinstance(app.top, DebateScene):
            press(app, pygame.K_RETURN)
    coached(r, steps, 3, "en", drawn)


def test_undoing_a_move_brings_its_step_back(tmp_path, content, drawn):
    app = make_app(tmp_path, content, "en")
    r = begin(app, "tutorial")
    steps = list(r.flow.bundle.scenario.coach)
    press(app, pygame.K_2, pygame.K_TAB, pygame.K_RETURN)
    for _ in range(3):
        if isinstance(app.top, DebateScene):
            press(app, pygame.K_RETURN)
    press(app, pygame.K_3, pygame.K_TAB, pygame.K_RETURN)
    coached(r, steps, 3, "en", drawn)
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert r.flow.state["used"]["europe"]["move"] is None
    coached(r, steps, 2, "en", drawn)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_scenario_without_a_coach_shows_no_coach_line(tmp_path, content, drawn, lang):
    app = make_app(tmp_path, content, lang)
    r = begin(app, "ground_troops")
    assert list(r.flow.bundle.scenario.coach) == []
    lines = hint_lines(app, lang)
    for keys in ((), (pygame.K_2,), (pygame.K_4,)):
        press(app, *keys)
        drawn.clear()
        app.render(force=True)
        assert r.coach_hint() == "" and r.coach_rect.height == 0
        assert not drawn & lines
    press(app, pygame.K_t, pygame.K_t)  # the turn ends; then, in lap 2, the package is tabled
    answer = app.top
    assert isinstance(answer, AnswerScene)
    drawn.clear()
    app.render(force=True)
    assert answer.coach_hint() == "" and answer.coach_rect.height == 0
    assert not drawn & lines


def test_one_key_does_not_win_the_tutorial(tmp_path, content):
    """Tabling the package as it stands (T) every round gets no deal: Russia signs nothing in
    its first two rounds, nor ever the package the talks opened with, so the tutorial runs out
    of rounds; Enter alone never leaves the round."""
    app = make_app(tmp_path, content, "en")
    r = begin(app, "tutorial")
    flow = r.flow
    for _ in range(5):
        press(app, pygame.K_RETURN)
    assert app.top is r and flow.state["round"] == 1 and not flow.session.actions
    for round_no in (1, 2, 3):
        assert isinstance(app.top, RoundScene) and flow.state["round"] == round_no
        press(app, pygame.K_t)  # lap 1: the turn ends, the allies play
        assert isinstance(app.top, RoundScene) and flow.lap == 2
        press(app, pygame.K_t)
        answer = app.top
        assert isinstance(answer, AnswerScene)
        assert answer.russia["stance"] != "accept", round_no
        if round_no < 3:
            assert flow.state["phase"] == "talks"
            press(app, pygame.K_RETURN)
    assert flow.state["phase"] == "over"
    assert flow.state["outcome"]["kind"] == "timeout", flow.state["outcome"]
    assert app.crashes == [], app.crashes
