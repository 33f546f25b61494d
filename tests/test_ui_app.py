"""The app under SDL's dummy driver, driven by posted events: navigation by keyboard only
and by mouse only, every screen in both languages, settings, crashes, random input."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import argparse
import json
import random
import threading
import time

import pygame
import pytest

from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.article import ArticleScene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.error import ErrorScene
from game.ui.scenes.glossary import GlossaryScene, search
from game.ui.scenes.help import HelpScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.title import TitleScene

from .conftest import char, click, key, press, table, widget


@pytest.fixture
def app(tmp_path, content):
    a = App(
        size=(1280, 800),
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        content=content,
    )
    a.level = "easy"  # the computer seats as before levels
    a.title()
    a.render(force=True)
    pygame.event.clear()
    yield a
    assert a.crashes == [], a.crashes


def test_constructible_headless_and_idle_does_not_redraw(app):
    assert isinstance(app.top, TitleScene)
    assert app.render() is False  # nothing changed: no frame
    press(app, pygame.K_DOWN)
    assert app.frames >= 2


def test_keyboard_only_title_setup_back(app):
    press(app, pygame.K_RETURN)  # "New game" has the focus
    assert isinstance(app.top, SetupScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    press(app, pygame.K_n)  # its shortcut letter
    assert isinstance(app.top, SetupScene)
    press(app, pygame.K_ESCAPE)
    # Tab and arrows move the focus; Enter presses the focused button
    press(app, pygame.K_TAB)  # past the two disabled ones: the tutorial as an opener
    assert app.top.ring.current.name == "tutorial_first"
    press(app, pygame.K_DOWN)
    assert app.top.ring.current.name == "glossary"
    press(app, pygame.K_UP, pygame.K_UP)
    assert app.top.ring.current.name == "new_game"
    press(app, pygame.K_TAB, pygame.K_TAB, pygame.K_RETURN)
    assert isinstance(app.top, GlossaryScene)


def test_mouse_only_title_setup_back(app):
    click(app, widget(app.top, "new_game").rect.center)
    assert isinstance(app.top, SetupScene)
    click(app, widget(app.top, "back").rect.center)
    assert isinstance(app.top, TitleScene)


def test_setup_to_game_by_keyboard(app):
    press(app, pygame.K_n)
    setup = app.top
    assert setup.humans == ["europe"]
    press(app, pygame.K_DOWN)  # the scenario list has the focus: the second scenario
    assert setup.scenario.id == "ground_troops"
    press(app, pygame.K_TAB)  # to Europe's seat: make it the computer's
    assert setup.ring.current.name == "seat.europe"
    press(app, pygame.K_RIGHT)
    assert setup.humans == [] and not widget(setup, "start").enabled
    press(app, pygame.K_s)  # Start is disabled: nothing happens
    assert app.top is setup
    press(app, pygame.K_TAB, pygame.K_RIGHT)  # the US is played by a person
    assert setup.humans == ["us"]
    seed = widget(setup, "seed")
    seed.set(1234)
    press(app, pygame.K_s)
    game = app.top
    assert isinstance(game, BriefingScene) and game.seat == "us"
    state = game.flow.state
    assert state["seats"]["us"] == "human" and game.flow.session.seed == 1234
    assert state["scenario"] == "ground_troops"
    press(app, pygame.K_ESCAPE, pygame.K_y)  # leave the talks (saved): back to the title
    assert isinstance(app.top, TitleScene) and len(app.stack) == 1


def test_no_human_seat_is_refused(app):
    press(app, pygame.K_n)
    setup = app.top
    for seat in list(setup.seats):
        setup.seat_widgets[seat].set_index(1)
    assert setup.humans == []
    setup.start()
    assert app.top is setup


def test_global_keys(app):
    press(app, pygame.K_F3)
    assert isinstance(app.top, GlossaryScene)
    press(app, pygame.K_F4)
    assert isinstance(app.top, ArticleScene)
    press(app, pygame.K_F4)
    assert isinstance(app.top, GlossaryScene)
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScene)
    press(app, pygame.K_ESCAPE, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    press(app, pygame.K_ESCAPE)  # the title stays
    assert isinstance(app.top, TitleScene)
    press(app, pygame.K_EQUALS, mod=pygame.KMOD_CTRL)
    assert app.theme.scale == 1.25
    press(app, pygame.K_0, mod=pygame.KMOD_CTRL)
    assert app.theme.scale == 1.0
    press(app, pygame.K_F11)
    assert app.settings.fullscreen
    press(app, pygame.K_F11)
    assert not app.settings.fullscreen


def test_language_switch_mirrors_the_layout(app):
    press(app, pygame.K_n)
    setup = app.top
    back = widget(setup, "back")
    assert back.rect.centerx < 640
    press(app, pygame.K_F2)
    assert app.lang == "ar" and app.rtl
    assert back.rect.centerx > 640  # the Back button moved to the right
    assert setup.list.rect.centerx > 640  # and the scenario list too
    press(app, pygame.K_F2)
    assert app.lang == "en" and back.rect.centerx < 640


def test_settings_persist_and_a_damaged_file_is_ignored(tmp_path, content):
    cfg = tmp_path / "cfg"
    a = App(size=(1280, 800), config_dir=cfg, data_dir=tmp_path, content=content)
    a.set_lang("ar")
    a.set_scale(1.5)
    files = sorted(p.name for p in cfg.iterdir())
    assert files == ["settings.json"]  # written atomically: no temporary file left
    data = json.loads((cfg / "settings.json").read_text(encoding="utf-8"))
    assert data["lang"] == "ar" and data["scale"] == 1.5
    b = App(size=(1280, 800), config_dir=cfg, data_dir=tmp_path, content=content)
    assert b.lang == "ar" and b.theme.scale == 1.5
    for junk in ("{not json", "[]", '{"lang": "xx", "scale": "big", "fullscreen": 3}', "\x00\xff"):
        (cfg / "settings.json").write_text(junk, encoding="utf-8", errors="ignore")
        c = App(size=(1280, 800), config_dir=cfg, data_dir=tmp_path, content=content)
        assert c.lang == "en" and c.theme.scale == 1.0 and c.settings.fullscreen is False


class Broken(Scene):
    name = "broken"

    def handle(self, event):
        raise KeyError("P99")


def test_a_crash_shows_the_error_screen_and_writes_a_report(app, tmp_path):
    app.push(Broken(app))
    press(app, pygame.K_SPACE)
    assert [s.name for s in app.stack] == ["title", "error"]
    info = app.crashes.pop()
    assert info.what == "KeyError: 'P99'" and info.where == "broken.handle"
    assert info.path is not None and info.path.parent == tmp_path / "data" / "crashes"
    assert "Traceback" in info.path.read_text(encoding="utf-8")
    err = app.top
    assert isinstance(err, ErrorScene)
    assert not any("Traceback" in t for _, t in err._paragraphs())
    press(app, pygame.K_RETURN)
    assert [s.name for s in app.stack] == ["title"]


def test_glossary_search_in_both_languages(app, content):
    entries = content.glossary()
    assert search(entries, "deterrence")[0].id == "gloss.deterrence"
    assert "gloss.deterrence" in [e.id for e in search(entries, "الردع")]
    assert "gloss.deterrence" in [e.id for e in search(entries, "ردع")]
    assert search(entries, "zzzz") == []
    press(app, pygame.K_g)
    g = app.top
    for ch in "article 5":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.pump()
    assert g.search.text == "article 5"
    assert g.list.selected.id in ("gloss.article5", "gloss.article5_like")
    press(app, pygame.K_RETURN)  # opens the article at the term's first paragraph
    art = app.top
    assert isinstance(art, ArticleScene)
    assert art.target == g.list.selected.source[0]
    press(app, pygame.K_ESCAPE)
    assert app.top is g
    press(app, pygame.K_ESCAPE)  # clears the search first
    assert g.search.text == "" and app.top is g


def test_article_opens_at_a_paragraph_and_scrolls(app):
    app.open_article("P16", highlight=["P16", "P17"])
    art = app.top
    app.render(force=True)
    b = next(b for b in art.blocks if b.id == "P16")
    assert abs(art.offset - b.top) < 20
    assert art.blocks[art.paras[art.current]].id == "P16"
    press(app, pygame.K_n)
    assert art.blocks[art.paras[art.current]].id == "P17"
    press(app, pygame.K_END)
    assert art.offset == art.max_offset
    press(app, pygame.K_HOME)
    assert art.offset == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False))
    app.pump()
    assert art.offset > 0


SCENES = [
    ("title", lambda a: TitleScene(a)),
    ("setup", lambda a: SetupScene(a)),
    ("glossary", lambda a: GlossaryScene(a)),
    ("article", lambda a: ArticleScene(a, paragraph="P10")),
    ("settings", lambda a: SettingsScene(a)),
    ("help", lambda a: HelpScene(a)),
]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    "size,scale", [((1280, 800), 1.0), ((800, 560), 1.0), ((1920, 1080), 1.5), ((1280, 800), 2.0)]
)
def test_every_scene_renders(tmp_path, content, lang, size, scale):
    a = App(
        size=size,
        lang=lang,
        scale=scale,
        config_dir=tmp_path,
        data_dir=tmp_path,
        persist=False,
        content=content,
    )
    a.level = "easy"  # the computer seats as before levels
    for name, make in SCENES:
        a.title()
        if name != "title":
            a.push(make(a))
        assert a.render(force=True)
        for w in a.top.ring.widgets:  # nothing placed outside the window
            if w.visible and w.rect.width and w.clip is None:
                assert a.screen.get_rect().contains(w.rect), (name, w.name, w.rect)
    a.title()
    press(a, pygame.K_n)
    a.top.start()
    assert isinstance(a.top, BriefingScene) and a.render(force=True)
    from game.ui.crash import CrashInfo

    a.push(ErrorScene(a, CrashInfo("ValueError: x", "round.draw", None)))
    assert a.render(force=True)
    assert a.crashes == []


def test_random_input_raises_nothing(tmp_path, content):
    """A seeded storm of keys, text, clicks, wheel and resizes over every screen."""
    a = App(size=(1280, 800), config_dir=tmp_path, data_dir=tmp_path, content=content)
    a.title()
    rng = random.Random(20250815)
    keys = [
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
        pygame.K_DELETE,
        pygame.K_F1,
        pygame.K_F2,
        pygame.K_F3,
        pygame.K_F4,
        pygame.K_F11,
        pygame.K_EQUALS,
        pygame.K_MINUS,
        pygame.K_0,
    ]
    keys += [pygame.key.key_code(c) for c in "ncglashqrfdtpjk"]
    seen: set[str] = set()
    for _ in range(3000):
        r = rng.random()
        if r < 0.45:
            k = rng.choice(keys)
            if k == pygame.K_q and rng.random() < 0.9:
                continue
            mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
            ev = key(k, mod, char(k))
        elif r < 0.55:
            ev = pygame.event.Event(
                pygame.TEXTINPUT, text=rng.choice(["a", "ر", "5", " ", "ضمانة", "NATO"])
            )
        elif r < 0.85:
            w, h = a.screen.get_size()
            pos = (rng.randrange(w), rng.randrange(h))
            t = rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION])
            ev = (
                pygame.event.Event(t, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
                if t == pygame.MOUSEMOTION
                else pygame.event.Event(t, pos=pos, button=rng.choice([1, 1, 1, 3]))
            )
        elif r < 0.97:
            ev = pygame.event.Event(
                pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False
            )
        else:
            size = rng.choice([(800, 560), (1280, 800), (1920, 1080)])
            pygame.display.set_mode(size, pygame.RESIZABLE)
            ev = pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
        pygame.event.post(ev)
        a.pump()
        if not a.running:  # Quit was chosen: carry on from a fresh title screen
            a.running = True
            a.title()
        seen.add(a.top.name)
        assert a.crashes == [], a.crashes[0]
        assert a.stack
    assert {"title", "setup", "glossary", "article", "settings", "help"} <= seen


def test_the_busiest_screens_redraw_only_on_change(app):
    """Frame times are measured in benchmarks/ui_bench.py, not in a timed test."""
    for make in (lambda: SetupScene(app), lambda: ArticleScene(app, paragraph="P10")):
        app.title()
        app.push(make())
        app.render(force=True)
        for i in range(120):
            app.feed([key(pygame.K_DOWN if i % 3 else pygame.K_TAB)])
            app.render(force=True)
        assert app.crashes == []
        assert app.render() is False


def _post_later(delay: float, *events: pygame.event.Event) -> threading.Thread:
    def go() -> None:
        time.sleep(delay)
        for e in events:
            pygame.event.post(e)

    t = threading.Thread(target=go, daemon=True)
    t.start()
    return t


def test_the_loop_waits_for_events_and_uses_almost_no_cpu(app):
    """`run()` sleeps in `pygame.event.wait` while nothing happens."""
    t = _post_later(1.0, pygame.event.Event(pygame.QUIT))
    cpu, wall = time.process_time(), time.perf_counter()
    frames = app.frames
    assert app.run() == 0
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    t.join()
    assert wall >= 0.9
    assert cpu < 0.25 * wall, f"{cpu:.2f} s of CPU in {wall:.2f} s idle"
    assert app.frames - frames <= 2  # the first frame, and nothing while idle


def test_play_command_opens_a_game(tmp_path, monkeypatch):
    from game.ui import app as app_mod
    from game.ui import prefs

    monkeypatch.setattr(prefs, "config_dir", lambda: tmp_path / "cfg")
    monkeypatch.setattr(prefs, "data_dir", lambda: tmp_path / "data")
    seen = {}
    real_run = app_mod.App.run

    def run(self):
        seen["stack"] = [s.name for s in self.stack]
        seen["lang"] = self.lang
        _post_later(0.2, pygame.event.Event(pygame.QUIT))
        return real_run(self)

    monkeypatch.setattr(app_mod.App, "run", run)
    args = argparse.Namespace(
        scenario="tutorial",
        seat=["ukraine"],
        lang="ar",
        seed=3,
        scale=1.5,
        fullscreen=False,
        load=None,
    )
    assert app_mod.run(args) == 0
    assert seen == {"stack": ["title", "briefing"], "lang": "ar"}
    bad = argparse.Namespace(
        scenario="tutorial", seat=None, lang=None, seed=None, scale=3.0, fullscreen=False, load=None
    )
    assert app_mod.run(bad) == 2


class BrokenDraw(Scene):
    name = "broken_draw"

    def draw(self, surface):
        raise ZeroDivisionError("division by zero")


def test_a_crash_while_drawing_and_a_broken_error_screen(app, monkeypatch):
    app.push(BrokenDraw(app))
    app.render()
    assert [s.name for s in app.stack] == ["title", "error"]
    assert app.crashes.pop().where == "broken_draw.draw"

    def fail(self, surface):
        raise RuntimeError("the error screen fails too")

    monkeypatch.setattr(ErrorScene, "draw", fail)
    app.push(BrokenDraw(app))
    app.render()  # falls back to plain text: no exception escapes
    assert app._fatal is not None
    app.crashes.clear()
    monkeypatch.undo()
    press(app, pygame.K_RETURN)  # Enter goes back to the title screen
    assert app._fatal is None and [s.name for s in app.stack] == ["title"]


def test_a_crash_in_a_game_keeps_the_game_in_the_report_and_the_autosave(app, tmp_path):
    import json

    from game import saves
    from game.content.loader import load, resolve

    app.start_game(load(resolve("article5_pledge")), ["ukraine"], 12, False)
    flow = next(s.flow for s in reversed(app.stack) if getattr(s, "flow", None) is not None)
    table(flow, "ukraine")  # every action autosaves the game
    autosave = flow.save_path
    assert autosave is not None and autosave.parent == tmp_path / "data" / "saves"
    assert saves.read(autosave)["actions"] == flow.session.actions
    app.push(Broken(app))
    press(app, pygame.K_SPACE)
    info = app.crashes.pop()
    report = info.path.read_text(encoding="utf-8").splitlines()
    at = report.index("game (a save; scenario, seed, seats and action log):")
    game = json.loads(report[at + 1])
    assert game["scenario"]["id"] == "article5_pledge" and game["seed"] == 12
    assert game["actions"] == flow.session.actions
    assert [s.name for s in app.stack] == ["title", "error"]
    assert saves.read(autosave)["actions"] == flow.session.actions  # the autosave survived


def test_help_scrolls_when_its_keys_do_not_fit(app):
    from game.ui.scenes.help import KEYS

    app.set_scale(2.0)
    press(app, pygame.K_F1)
    h = app.top
    assert isinstance(h, HelpScene)
    app.render(force=True)
    assert len(h.columns) == 1
    visible = (h.columns[0].height - 2 * app.theme.pad) // h.row_h
    assert visible < len(KEYS)  # at 2x in 1280x800 they do not all fit
    press(app, pygame.K_END)
    assert h.offset == h.max_offset() > 0
    # the last key's row is then inside the panel
    last_top = h.columns[0].top + app.theme.pad + (len(KEYS) - 1) * h.row_h - h.offset
    assert last_top + h.row_h <= h.columns[0].bottom
    press(app, pygame.K_HOME)
    assert h.offset == 0
    pygame.mouse.set_pos(h.columns[0].center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    app.pump()
    assert h.offset > 0
