"""Whole games through the real screens, driven only by posted input events: from the title
screen to the debrief, once by keyboard alone and once by mouse alone, in English and in
Arabic; and a seeded storm of random input over every game screen that must raise nothing.

The driver reads the screen (which scene is on top, which widget has the focus, where a
button is) to decide what to press, as a player looking at the screen would; everything it
does to the game goes through key presses and mouse clicks."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.content.loader import load, resolve
from game.ui.app import App
from game.ui.content import Content
from game.ui.flow import GameFlow
from game.ui.scene import Scene
from game.ui.shots import paper_with_a_price

from .conftest import char, click, key, press, table, wheel

STEPS = 600


def make_app(tmp: Path, content: Content, lang: str = "en") -> App:
    a = App(
        size=(1280, 800),
        lang=lang,
        config_dir=tmp / "config",
        data_dir=tmp / "data",
        content=content,
        persist=False,
    )
    a.level = "easy"  # the computer seats as before levels
    a.settings.animations = False
    a.rng.seed(2025)  # the seed the setup screen offers
    a.title()
    a.render(force=True)
    pygame.event.clear()
    return a


# ---------------------------------------------------------------- input


def find(scene: Scene, name: str) -> Any:
    return next((w for w in scene.ring.widgets if w.name == name), None)


def find_prefix(scene: Scene, prefix: str) -> Any:
    return next(
        (w for w in scene.ring.widgets if w.name.startswith(prefix) and w.enabled and w.visible),
        None,
    )


def tab_to(app: App, match: Callable[[Any], bool], limit: int = 200) -> Any:
    """Press Tab until the focused widget matches; the widget."""
    for _ in range(limit):
        cur = app.top.ring.current
        if cur is not None and match(cur):
            return cur
        press(app, pygame.K_TAB)
    raise AssertionError(f"no focusable widget matches on {app.top.name}")


def visible_point(app: App, w: Any) -> tuple[int, int] | None:
    """A point of the widget that a click would reach (inside its scroll view's clip)."""
    r = w.rect.clip(w.clip) if w.clip is not None else w.rect
    r = r.clip(app.screen.get_rect())
    if r.width <= 2 or r.height <= 2:
        return None
    return r.center


def click_widget(app: App, w: Any) -> None:
    """Click a widget, scrolling its view with the wheel first when it is out of sight."""
    for _ in range(60):
        p = visible_point(app, w)
        if p is not None:
            click(app, p)
            return
        view = w.clip or app.screen.get_rect()
        wheel(app, view.center, -1 if w.rect.top > view.bottom else 1)
    raise AssertionError(f"{w.name} cannot be reached on {app.top.name}")


def reveal(app: App, w: Any) -> None:
    """Turn the wheel until the widget is wholly in sight. (A press on a widget half out of
    sight focuses it, and the focus scrolls it wholly into sight, away from under the mouse,
    so the release misses it: a click there is lost.)"""
    for _ in range(60):
        view = w.clip or app.screen.get_rect()
        if view.contains(w.rect):
            return
        wheel(app, view.center, -1 if w.rect.bottom > view.bottom else 1)
    raise AssertionError(f"{w.name} cannot be brought wholly into sight on {app.top.name}")


# ---------------------------------------------------------------- a whole game


class Driver:
    """Plays the screen on top: what to press (keyboard) or click (mouse) next."""

    def __init__(self, app: App, mode: str) -> None:
        self.app = app
        self.mode = mode
        self.seen: list[str] = []
        self.argued: set[tuple[int, str]] = set()
        self.set_up = False
        self.refused = False

    def key_or_click(self, keys: tuple[int, ...], widget: Any) -> None:
        if self.mode == "keyboard":
            press(self.app, *keys)
        else:
            assert widget is not None
            click_widget(self.app, widget)

    def step(self) -> None:
        app = self.app
        scene = app.top
        name = scene.name
        if not self.seen or self.seen[-1] != name:
            self.seen.append(name)
        handler = getattr(self, "on_" + name, None)
        assert handler is not None, f"no way to play the {name} screen"
        handler(scene)

    def on_title(self, scene: Scene) -> None:
        self.key_or_click((pygame.K_n,), find(scene, "new_game"))

    def on_setup(self, scene: Scene) -> None:
        assert not self.set_up, "back at the setup screen"
        self.set_up = True
        # the first scenario (paper guarantees), Europe and Ukraine played by people
        assert scene.scenario.id == "weak_guarantee" and scene.humans == ["europe"]
        if self.mode == "keyboard":
            tab_to(self.app, lambda w: w.name == "seat.ukraine")
            press(self.app, pygame.K_RETURN)  # Enter moves the choice on: a person
            seed = tab_to(self.app, lambda w: w.name == "seed")
            press(self.app, pygame.K_HOME)  # the smallest seed: 1, then up to 9 with "+"
            press(self.app, *[pygame.K_PLUS] * 8)
            assert seed.value == 9  # a game where Moscow accepts, so the signing is played
            press(self.app, pygame.K_s)
        else:
            click_widget(self.app, find(scene, "seat.ukraine"))
            click_widget(self.app, find(scene, "start"))
        assert scene.humans == ["europe", "ukraine"]

    def on_briefing(self, scene: Scene) -> None:
        self.key_or_click((pygame.K_RETURN,), find(scene, "begin"))

    def on_handoff(self, scene: Scene) -> None:
        self.key_or_click((pygame.K_RETURN,), find(scene, "ready"))

    def on_debate(self, scene: Scene) -> None:
        self.key_or_click((pygame.K_RETURN,), find(scene, "close"))

    def on_answer(self, scene: Scene) -> None:
        if self.mode == "keyboard":
            # read on first: scroll down and back up, then go on
            press(self.app, pygame.K_PAGEDOWN, pygame.K_END, pygame.K_HOME)
            tab_to(self.app, lambda w: w.name == "continue")
            press(self.app, pygame.K_RETURN)
        else:
            wheel(self.app, scene.doc.viewport.center, -3)
            click_widget(self.app, find(scene, "continue"))

    def on_signing(self, scene: Scene) -> None:
        if not self.refused:  # the first time, refuse: the talks go on for another week
            self.refused = True
            self.key_or_click((pygame.K_r,), find(scene, "refuse"))
            return
        self.key_or_click((pygame.K_s,), find(scene, "sign"))

    def on_ending(self, scene: Scene) -> None:
        self.key_or_click((pygame.K_d,), find(scene, "debrief"))

    def on_round(self, scene: Scene) -> None:
        flow = scene.flow
        turn = (flow.state["round"], scene.seat)
        if scene.model.can_agree:  # another seat's proposal: agree to it (Package tab)
            if self.mode == "keyboard":
                press(self.app, pygame.K_4, pygame.K_a)
            else:
                click(self.app, scene.tabs.cells()[3].center)
                agree = find(scene, "agree")
                reveal(self.app, agree)
                click(self.app, agree.rect.center)
            assert not scene.model.can_agree
            return
        if (
            turn not in self.argued
            and flow.state["package"]["recognition"] == "none"
            and flow.state["draft"] is None
            and scene.seat == flow.humans[0]
        ):
            # Moscow never signs the paper draft unchanged: add its price, de facto
            # recognition, in the builder (Propose then goes with the end of the turn)
            if self.mode == "keyboard":
                press(self.app, pygame.K_4)
                tab_to(self.app, lambda w: w.name == "clause.recognition")
                press(self.app, pygame.K_LEFT if self.app.rtl else pygame.K_RIGHT)
            else:
                click(self.app, scene.tabs.cells()[3].center)
                row = find(scene, "clause.recognition")
                reveal(self.app, row)
                # a click on the label goes to the next value (the value's ends step back
                # and forth)
                x = row.rect.right - 20 if self.app.rtl else row.rect.left + 20
                click(self.app, (x, row.rect.centery))
            assert scene.model.draft["recognition"] == "de_facto"
        if turn not in self.argued and flow.state["hands"][scene.seat]:
            # one argument a turn: the Arguments tab, a card, then the debate
            self.argued.add(turn)
            if self.mode == "keyboard":
                press(self.app, pygame.K_2)
                tab_to(self.app, lambda w: w.name.startswith("arg.") and w.enabled)
                press(self.app, pygame.K_RETURN)
            else:
                tabs = scene.tabs
                click(self.app, tabs.cells()[1].center)
                card = find_prefix(scene, "arg.")
                if card is None:
                    return
                click_widget(self.app, card)
            return
        if self.mode == "keyboard":
            tab_to(self.app, lambda w: w.name == "main")
            press(self.app, pygame.K_RETURN)
        else:
            click_widget(self.app, find(scene, "main"))


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_a_whole_game_from_the_title_to_the_debrief(tmp_path, content, mode, lang):
    app = make_app(tmp_path, content, lang)
    driver = Driver(app, mode)
    for _ in range(STEPS):
        assert app.crashes == [], app.crashes[0]
        if app.top.name == "debrief":
            break
        driver.step()
    else:
        raise AssertionError(f"no debrief after {STEPS} steps: {driver.seen[-12:]}")
    assert app.crashes == []
    flow = app.top.flow
    assert flow.session.over and flow.humans == ["europe", "ukraine"]
    if mode == "keyboard":
        assert flow.session.seed == 9  # set with the Home and + keys on the seed
    assert any(a["type"] == "argue" for a in flow.session.actions)
    for screen in ("title", "setup", "briefing", "handoff", "round", "debate", "answer", "ending"):
        assert screen in driver.seen, (screen, driver.seen)
    assert "signing" in driver.seen and driver.refused
    assert any(a["type"] == "refuse" for a in flow.session.actions)
    assert flow.state["round"] >= 2
    # the game was autosaved as it went: Continue opens it at its end
    app.title()
    app.render(force=True)
    cont = find(app.top, "continue")
    assert cont.enabled
    if mode == "keyboard":
        press(app, pygame.K_c)
    else:
        click(app, cont.rect.center)
    assert app.top.name == "ending"
    assert app.top.flow.session.actions == flow.session.actions
    assert app.crashes == []


# ---------------------------------------------------------------- random input


def _bundle(sid: str, cache: dict[str, Any] = {}) -> Any:  # noqa: B006
    if sid not in cache:
        cache[sid] = load(resolve(sid), full=True, lint=False)
    return cache[sid]


def _screens(app: App) -> dict[str, Callable[[], None]]:
    """Each game screen, opened fresh on a new game (over the title screen)."""
    from game.ui.scenes import game_nav
    from game.ui.scenes.answer import AnswerScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.ending import EndingScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.signing import SigningScene
    from game.ui.shots import play_out

    def troops() -> GameFlow:
        return GameFlow.new(
            _bundle("ground_troops"),
            ["europe", "ukraine"],
            seed=5,
            save_dir=Path(app.data_dir) / "saves",
        )

    def paper() -> GameFlow:
        flow = GameFlow.new(
            _bundle("weak_guarantee"), ["ukraine"], seed=3, save_dir=Path(app.data_dir) / "saves"
        )
        paper_with_a_price(flow)
        return flow

    def start() -> None:
        game_nav.start(app, troops())

    def round_() -> None:
        game_nav.turn(app, troops())

    def debate() -> None:
        from game.ui.scenes.debate import DebateScene

        flow = troops()
        game_nav.turn(app, flow)
        events = flow.act(
            {"type": "argue", "seat": "europe", "card": flow.state["hands"]["europe"][0]}
        )
        app.push(DebateScene(app, flow, events))

    def answer() -> None:
        flow = troops()
        events = table(flow, "ukraine")
        app.push(AnswerScene(app, flow, events))

    def signing() -> None:
        app.push(SigningScene(app, paper()))

    def ending() -> None:
        flow = paper()
        flow.act({"type": "sign", "seat": "ukraine"})
        app.push(EndingScene(app, flow))

    def debrief() -> None:
        flow = troops()
        play_out(flow, "tripwire")
        app.push(DebriefScene(app, flow))

    def load_() -> None:
        app.push(LoadScene(app))

    return {
        "briefing": start,
        "round": round_,
        "debate": debate,
        "answer": answer,
        "signing": signing,
        "ending": ending,
        "debrief": debrief,
        "load": load_,
    }


BASE_KEYS = [
    pygame.K_TAB,
    pygame.K_RETURN,
    pygame.K_SPACE,
    pygame.K_ESCAPE,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_PAGEUP,
    pygame.K_PAGEDOWN,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_BACKSPACE,
    pygame.K_F1,
    pygame.K_F2,
    pygame.K_F3,
    pygame.K_F4,
    pygame.K_F11,
    pygame.K_EQUALS,
    pygame.K_MINUS,
    pygame.K_0,
]


def _keys() -> list[int]:
    """Every key the storm presses (the letters after pygame is up: key_code needs it)."""
    return BASE_KEYS + [pygame.key.key_code(c) for c in "abcdegilnoprstwyz1234"]


def _random_events(rng: random.Random, app: App) -> Iterator[pygame.event.Event]:
    keys = _keys()
    while True:
        r = rng.random()
        if r < 0.5:
            k = rng.choice(keys)
            mod = rng.choice([0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
            yield key(k, mod, char(k))
        elif r < 0.85:
            w, h = app.screen.get_size()
            pos = (rng.randrange(w), rng.randrange(h))
            t = rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION])
            yield (
                pygame.event.Event(t, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
                if t == pygame.MOUSEMOTION
                else pygame.event.Event(t, pos=pos, button=rng.choice([1, 1, 1, 3]))
            )
        elif r < 0.97:
            yield pygame.event.Event(
                pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False
            )
        else:
            size = rng.choice([(800, 560), (1280, 800), (1920, 1080)])
            pygame.display.set_mode(size, pygame.RESIZABLE)
            yield pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])


def test_random_input_over_every_game_screen_raises_nothing(tmp_path, content):
    app = make_app(tmp_path, content)
    rng = random.Random(20250818)
    screens = _screens(app)
    events = _random_events(rng, app)
    seen: set[str] = set()
    per_screen = 400
    for name, open_ in screens.items():
        app.title()
        open_()
        app.render(force=True)
        assert app.crashes == [], (name, app.crashes)
        for _ in range(per_screen):
            pygame.event.post(next(events))
            app.pump()
            if not app.running:  # Quit (Ctrl+Q) was chosen: carry on
                app.running = True
            if len(app.stack) == 1:  # back at the title: open the screen again
                open_()
            seen.add(app.top.name)
            assert app.crashes == [], (name, app.crashes[0])
    assert {"briefing", "round", "debate", "answer", "signing", "ending", "debrief", "load"} <= seen
