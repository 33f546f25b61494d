"""The game screens (briefing, hand-off, round, debate) under SDL's dummy driver, driven by
posted events: a whole turn by keyboard only and by mouse only, hot-seat hand-offs, every
screen in both languages without missing glyphs or untranslated keys, errors as messages,
a seeded storm of random input, and the round screen's frame time."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import random
import re
from typing import Any

import pygame
import pytest

from game.content.loader import load, resolve
from game.ui import i18n
from game.ui import text as text_mod
from game.ui.app import App
from game.ui.doc import Text
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.round import RoundScene
from game.ui.scenes.round_dialogs import ConfirmScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.title import TitleScene

from .conftest import char, click, key, press, title_app, wheel, widget

MINE = (BriefingScene, HandoffScene, RoundScene, DebateScene, ConfirmScene)


@pytest.fixture
def app(tmp_path, content):
    a = title_app(tmp_path, content)
    yield a
    assert a.crashes == [], a.crashes


@pytest.fixture
def tabled(monkeypatch) -> list[list[dict[str, Any]]]:
    """`game_nav.after_table` (Russia's answer, another screen) records the table's events
    and goes on to the next turn, so these tests stay on the screens built here."""
    seen: list[list[dict[str, Any]]] = []

    def after_table(app: App, flow: Any, events: list[dict[str, Any]]) -> None:
        seen.append(events)
        if flow.state["phase"] == "talks":
            game_nav.turn(app, flow)
        else:
            app.title()

    monkeypatch.setattr(game_nav, "after_table", after_table)
    monkeypatch.setattr(game_nav, "finish", lambda app, flow: app.title())
    return seen


def click_widget(app: App, scene: RoundScene, name: str) -> None:
    """Scroll the widget's column with the wheel until it is in view, then click it."""
    w = widget(scene, name)
    view = scene._view_of(w)
    for _ in range(40):
        app.render()
        if view is None or view.viewport.contains(w.rect):
            break
        wheel(app, view.viewport.center, -1 if w.rect.top > view.viewport.top else 1)
    assert w.visible and w.enabled, name
    click(app, w.rect.center)


def start_by_keyboard(app: App, us_human: bool = False) -> None:
    """Title -> setup (ground troops, Europe played by a person) -> briefing."""
    press(app, pygame.K_n)
    setup = app.top
    assert isinstance(setup, SetupScene)
    press(app, pygame.K_DOWN)
    assert setup.scenario.id == "ground_troops"
    widget(setup, "seed").set(4242)
    if us_human:
        press(app, pygame.K_TAB, pygame.K_TAB)
        assert setup.ring.current.name == "seat.us"
        press(app, pygame.K_RIGHT)
    press(app, pygame.K_s)
    if us_human:  # hot-seat: even the first private briefing waits behind a hand-off
        h = app.top
        assert isinstance(h, HandoffScene) and h.seat == "europe", h.name
        said = " ".join(t for _, t in h._lines())
        assert "Only Europe should see" in said and "last player" not in said
        press(app, pygame.K_RETURN)
    assert isinstance(app.top, BriefingScene)


def close_debate(app: App) -> DebateScene:
    d = app.top
    assert isinstance(d, DebateScene)
    for _ in range(3):  # the first key may only skip the dice animation
        if not isinstance(app.top, DebateScene):
            break
        press(app, pygame.K_RETURN)
    assert not isinstance(app.top, DebateScene)
    return d


# ---------------------------------------------------------------- whole turns


def test_keyboard_only_turn(app, tabled):
    start_by_keyboard(app)
    briefing = app.top
    assert briefing.seat == "europe"
    press(app, pygame.K_RETURN)  # Begin
    r = app.top
    assert isinstance(r, RoundScene) and r.seat == "europe"
    flow = r.flow
    # the package: tab 4, Tab to the first clause, more European troops, US air support
    press(app, pygame.K_4)
    assert r.tab == "package"
    press(app, pygame.K_TAB)
    assert r.ring.current.name == "clause.troops.europe"
    press(app, pygame.K_RIGHT)
    assert r.draft["troops"]["europe"] == 20_000
    press(app, pygame.K_TAB, pygame.K_TAB)
    assert r.ring.current.name == "clause.air_support"
    press(app, pygame.K_RIGHT, pygame.K_RIGHT)
    assert r.draft["air_support"] == "us"
    assert r.live.credibility > r.table_live.credibility  # the chart's draft point moved up
    press(app, pygame.K_p)  # Propose
    assert flow.state["draft"]["air_support"] == "us"
    assert flow.state["answers"] == {"europe": "agree"}
    assert flow.session.actions[-1]["type"] == "propose"
    # an argument: tab 2, Tab to the first card, Enter: the debate overlay
    press(app, pygame.K_2)
    press(app, pygame.K_TAB)
    card = r.ring.current
    assert card.name.startswith("arg.")
    press(app, pygame.K_RETURN)
    d = close_debate(app)
    assert d.result["type"] == "argument" and d.result["card"] == card.name[4:]
    assert app.top is r and flow.state["used"]["europe"]["arguments"] == 1
    # a move: tab 3, Tab to the first move that can be made, Enter
    press(app, pygame.K_3, pygame.K_TAB)
    assert r.ring.current.name.startswith("move.")
    move = r.ring.current.name[5:]
    press(app, pygame.K_RETURN)
    assert flow.state["used"]["europe"]["move"] == move
    # undo takes the move back (Ctrl+Z)
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert flow.state["used"]["europe"]["move"] is None
    assert flow.state["used"]["europe"]["arguments"] == 1
    # T in lap 1 ends the turn: the computer's allies play, and say what they did
    assert r.main.shortcut == "t" and not r.last_seat
    press(app, pygame.K_t)
    r2 = app.top
    assert isinstance(r2, RoundScene) and r2 is not r and r2.seat == "europe"
    assert flow.lap == 2 and tabled == [] and r2.last_seat
    assert set(flow.state["answers"]) == {"europe", "us", "ukraine"}
    assert "United States" in r2.message and "Ukraine" in r2.message
    # from lap 2, T tables: Russia answers
    press(app, pygame.K_t)
    assert len(tabled) == 1
    assert {"russia", "round"} <= {e["type"] for e in tabled[0]}
    assert flow.state["round"] == 2
    assert isinstance(app.top, RoundScene) and app.top is not r2


def test_mouse_only_turn(app, tabled):
    click(app, widget(app.top, "new_game").rect.center)
    setup = app.top
    assert isinstance(setup, SetupScene)
    click(app, widget(setup, "start").rect.center)
    assert isinstance(app.top, BriefingScene)
    click(app, widget(app.top, "begin").rect.center)
    r = app.top
    assert isinstance(r, RoundScene)
    flow = r.flow
    # the package tab, then the + of European troops and the › of the pledge
    click(app, r.tabs.cells()[3].center)
    assert r.tab == "package"
    app.render()
    row = widget(r, "clause.troops.europe")
    click(app, row._arrows()[1].center)
    pledge = widget(r, "clause.pledge")
    before = pledge.value
    app.render()
    click(app, pledge._arrows()[1].center)
    assert pledge.value != before and r.draft["pledge"] == pledge.value
    click_widget(app, r, "propose")
    assert flow.session.actions[-1]["type"] == "propose"
    # an argument, and the overlay closed with its button
    click(app, r.tabs.cells()[1].center)
    app.render()
    card = next(w for w in r.arg_cards if w.enabled)
    click(app, card.rect.center)
    d = app.top
    assert isinstance(d, DebateScene)
    click(app, d.close.rect.center)  # skips the dice when they still roll
    if isinstance(app.top, DebateScene):
        click(app, d.close.rect.center)
    assert app.top is r and flow.state["used"][r.seat]["arguments"] == 1
    # a move, undone by the Undo button
    click(app, r.tabs.cells()[2].center)
    app.render()
    mv = next(w for w in r.move_cards if w.enabled)
    click(app, mv.rect.center)
    assert flow.state["used"][r.seat]["move"] == mv.name[5:]
    click(app, r.undo.rect.center)
    assert flow.state["used"][r.seat]["move"] is None
    # end the turn (lap 1), then table (lap 2)
    click(app, r.main.rect.center)
    r2 = app.top
    assert isinstance(r2, RoundScene) and r2 is not r and not tabled
    click(app, r2.main.rect.center)
    assert len(tabled) == 1 and any(e["type"] == "russia" for e in tabled[0])


def test_hot_seat_hands_over_between_seats(app, tabled):
    start_by_keyboard(app, us_human=True)
    b = app.top
    assert b.seat == "europe" and b.flow.hot_seat
    press(app, pygame.K_RETURN)
    h = app.top
    assert isinstance(h, HandoffScene) and h.seat == "us"
    # nothing private on the hand-off screen: no objectives, no red lines, no cards
    flow = h.flow
    shown = " ".join(t for _, t in h._lines())
    for seat in ("europe", "us"):
        actor = flow.actors[seat]
        assert actor["private_objectives"]["en"] not in shown
        for o in actor.get("red_lines", []):
            assert o["says"]["en"] not in shown
    assert not any(c in shown for c in flow.state["hands"]["europe"])
    app.render(force=True)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, BriefingScene) and app.top.seat == "us"
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, HandoffScene) and app.top.seat == "europe"
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene) and r.seat == "europe" and not r.last_seat
    assert r.main.shortcut == "e"
    # Europe proposes and ends its turn; the US sees the proposal and agrees
    r.tabs.select_key("package")
    r.rows["observers"].activate()
    press(app, pygame.K_e)
    assert flow.state["draft"]["observers"] is True
    h = app.top
    assert isinstance(h, HandoffScene) and h.seat == "us"
    press(app, pygame.K_RETURN)
    r2 = app.top
    assert isinstance(r2, RoundScene) and r2.seat == "us" and not r2.last_seat
    r2.tabs.select_key("package")
    app.render(force=True)
    assert r2.agree.visible and r2.agree.enabled
    press(app, pygame.K_a)
    assert flow.state["answers"]["europe"] == flow.state["answers"]["us"] == "agree"
    press(app, pygame.K_e)  # the computer's Ukraine answers; lap 2 begins with Europe
    assert isinstance(app.top, HandoffScene) and app.top.seat == "europe"
    press(app, pygame.K_RETURN)
    r3 = app.top
    assert isinstance(r3, RoundScene) and r3.seat == "europe" and r3.last_seat
    assert r3.main.shortcut == "t"
    press(app, pygame.K_t)
    assert len(tabled) == 1
    kinds = [e["type"] for e in tabled[0]]
    assert "tabled" in kinds and flow.state["package"]["observers"] is True
    # the next round starts with the first seat again, behind a hand-off
    assert isinstance(app.top, HandoffScene) and app.top.seat == "europe"


def test_errors_save_walk_out_and_leave(app, tabled, tmp_path):
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    # an engine ActionError is a one-line message, never a crash
    r.play_argument("arg.no_such_card")
    assert r.message_kind == "error" and r.message.startswith("Not possible")
    app.render(force=True)
    assert app.top is r
    # nothing to undo yet
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert r.message_kind == "error"
    # save (Ctrl+S) and say where
    press(app, pygame.K_s, mod=pygame.KMOD_CTRL)
    saves = list((tmp_path / "data" / "saves").glob("*.json"))
    assert saves and r.message_kind == "ok" and saves[0].name in r.message
    # walk out asks first; Esc cancels; W then Y walks out
    press(app, pygame.K_w)
    assert isinstance(app.top, ConfirmScene)
    assert app.top.ring.current.name == "cancel"  # Enter alone never walks out
    press(app, pygame.K_ESCAPE)
    assert app.top is r and r.flow.state["phase"] == "talks"
    press(app, pygame.K_w, pygame.K_y)
    assert r.flow.state["phase"] == "over"
    assert r.flow.state["outcome"]["reason"] == "europe_walks_out"
    # leaving a game (Esc) asks, saves and goes to the title screen
    app.title()
    start_by_keyboard(app)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ConfirmScene)
    press(app, pygame.K_y)
    assert isinstance(app.top, TitleScene) and len(app.stack) == 1


# ---------------------------------------------------------------- every screen, both languages

KEY_LIKE = re.compile(r"^(round|briefing|handoff|debate|common|package|stance)\.[a-z0-9_.]+$")


def _screens(a: App) -> list[tuple[str, Any]]:
    """Every screen built here, shown in turn on `a`, as (name, scene)."""
    bundle = a.content.bundle(a.content.scenarios()[1].path)
    a.start_game(bundle, ["europe", "ukraine"], 11)
    out: list[tuple[str, Any]] = [("handoff", a.top)]
    a.top.go()
    out.append(("briefing", a.top))
    a.top.go()
    a.top.go()
    a.top.go()
    a.top.go()
    r = a.top
    assert isinstance(r, RoundScene)
    for tab in [k for k, _ in r.tabs.items]:
        r.tabs.select_key(tab)
        out.append((f"round.{tab}", r))
        a.render(force=True)
    r.tabs.select_key("package")
    r.rows["troops.us"].set_index(3)
    r.rows["recognition"].set_index(1)
    out.append(("round.draft", r))
    a.render(force=True)
    r.play_argument(r.state["hands"]["europe"][0])
    out.append(("debate.rolling", a.top))
    a.render(force=True)
    a.top.skip()
    out.append(("debate", a.top))
    a.render(force=True)
    a.top.back()
    r.ask_walk_out()
    out.append(("confirm", a.top))
    a.render(force=True)
    a.top.back()
    return out


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    "size,scale", [((1280, 800), 1.0), ((1280, 800), 1.5), ((1920, 1080), 2.0), ((800, 560), 1.0)]
)
def test_every_screen_renders_without_missing_glyphs(
    tmp_path, content, monkeypatch, lang, size, scale
):
    drawn: set[tuple[str, str]] = set()
    real = text_mod.render_visual

    def record(vis: str, font: Any, colour: Any) -> pygame.Surface:
        drawn.add((vis, text_mod._font_key(font)[0]))
        return real(vis, font, colour)

    monkeypatch.setattr(text_mod, "render_visual", record)
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
    a.title()
    for name, scene in _screens(a):
        a.render(force=True)
        for w in scene.ring.widgets:  # nothing placed outside the window
            if w.visible and w.rect.width and w.clip is None:
                assert a.screen.get_rect().contains(w.rect), (name, w.name, w.rect)
    assert a.crashes == [], a.crashes
    missing = {
        vis: text_mod.missing_glyphs(vis, path=text_mod.FONT_DIR / face)
        for vis, face in drawn
        if face in (text_mod.REGULAR, text_mod.BOLD)
    }
    assert {k: v for k, v in missing.items() if v} == {}
    leaked = [vis for vis, _ in drawn if KEY_LIKE.match(vis.strip())]
    assert leaked == [], "untranslated catalogue keys on screen"
    if lang == "ar":  # Arabic was drawn (shaped into presentation forms)
        assert any(re.search("[\ufe70-\ufeff]", vis) for vis, _ in drawn)


def test_arabic_mirrors_the_round_screen(app, tabled):
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    press(app, pygame.K_4)
    app.render()
    en_first_tab = r.tabs.cells()[0].centerx
    en_undo, en_main = r.undo.rect.centerx, r.main.rect.centerx
    assert en_undo < en_main
    press(app, pygame.K_F2)
    app.render()
    assert app.lang == "ar"
    assert r.tabs.cells()[0].centerx > en_first_tab  # the first tab is at the right
    assert r.undo.rect.centerx > r.main.rect.centerx  # the action bar mirrors
    row = r.rows["troops.europe"]
    back, fwd = row._arrows()
    assert fwd.centerx < back.centerx  # "+" on the left in Arabic
    press(app, pygame.K_1)  # the tabs have the focus: Left goes forward in Arabic
    assert r.tab == "news" and r.ring.current is r.tabs
    press(app, pygame.K_LEFT)
    assert r.tab == "arguments"


# ---------------------------------------------------------------- robustness and speed


def test_random_input_over_the_game_screens_raises_nothing(tmp_path, content, monkeypatch):
    """A seeded storm of keys, clicks, wheel and resizes over briefing, hand-off, round,
    debate and dialogs (in hot-seat), restarting a game whenever it leaves them."""
    monkeypatch.setattr(game_nav, "after_table", lambda a, f, ev: game_nav.after_answer(a, f))
    monkeypatch.setattr(game_nav, "finish", lambda a, f: a.title())
    monkeypatch.setattr(
        game_nav,
        "after_answer",
        lambda a, f: game_nav.turn(a, f) if f.state["phase"] == "talks" else a.title(),
    )
    a = App(size=(1280, 800), config_dir=tmp_path, data_dir=tmp_path, content=content)
    a.settings.animations = True
    bundle = content.bundle(content.scenarios()[0].path)
    rng = random.Random(20250815)

    def new_game() -> None:
        a.title()
        a.start_game(
            bundle,
            rng.choice([["europe"], ["us"], ["europe", "us", "ukraine"]]),
            rng.randrange(1, 999),
        )

    new_game()
    keys = [
        pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_UP,
        pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
        pygame.K_HOME, pygame.K_END, pygame.K_F2, pygame.K_EQUALS, pygame.K_MINUS,
        pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5,
    ]  # fmt: skip
    keys += [pygame.key.key_code(c) for c in "partewycozs"]
    seen: set[str] = set()
    for _ in range(2500):
        r = rng.random()
        if r < 0.5:
            k = rng.choice(keys)
            mod = rng.choice([0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
            if k in (pygame.K_EQUALS, pygame.K_MINUS):
                mod = pygame.KMOD_CTRL
            ev = key(k, mod, char(k))
        elif r < 0.85:
            w, h = a.screen.get_size()
            pos = (rng.randrange(w), rng.randrange(h))
            pygame.mouse.set_pos(pos)
            t = rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION])
            ev = (
                pygame.event.Event(t, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
                if t == pygame.MOUSEMOTION
                else pygame.event.Event(t, pos=pos, button=1)
            )
        elif r < 0.98:
            w, h = a.screen.get_size()
            pygame.mouse.set_pos((rng.randrange(w), rng.randrange(h)))
            ev = pygame.event.Event(
                pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False
            )
        else:
            size = rng.choice([(800, 560), (1280, 800), (1920, 1080)])
            pygame.display.set_mode(size, pygame.RESIZABLE)
            ev = pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
        pygame.event.post(ev)
        a.pump()
        assert a.crashes == [], a.crashes[0]
        top = a.top
        assert top is not None and top.name != "error"
        seen.add(top.name)
        if not isinstance(top, MINE) and not (
            isinstance(top, Scene) and top.name in ("glossary", "article", "help", "settings")
        ):
            new_game()
    assert {"round", "debate", "confirm", "handoff", "briefing"} <= seen, seen


def test_the_round_screen_redraws_only_on_change(app, tabled):
    """Frame times are measured in benchmarks/ui_bench.py, not in a timed test."""
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    cycle = [
        pygame.K_4,
        pygame.K_TAB,
        pygame.K_RIGHT,
        pygame.K_RIGHT,
        pygame.K_TAB,
        pygame.K_DOWN,
        pygame.K_1,
        pygame.K_2,
        pygame.K_3,
    ]
    app.render(force=True)
    for i in range(150):
        app.feed([key(cycle[i % len(cycle)])])
        app.render(force=True)
    assert app.crashes == []
    assert app.top is r
    # and nothing is drawn while nothing changes
    assert app.render() is False


def test_focus_stays_near_after_propose_and_back_to_the_proposal(app, tabled):
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    press(app, pygame.K_4, pygame.K_TAB, pygame.K_RIGHT)
    assert r.changed()
    tab_to_name(app, "propose")
    press(app, pygame.K_RETURN)
    assert r.flow.state["draft"] is not None
    assert r.ring.current is r.main, r.ring.current.name  # on to Table, not to Back
    # a change, then Back to the proposal: the focus goes back to the rows
    r.ring.focus(widget(r, "clause.troops.europe"))
    press(app, pygame.K_RIGHT)
    tab_to_name(app, "reset")
    press(app, pygame.K_RETURN)
    assert not r.changed()
    assert r.ring.current.name.startswith("clause."), r.ring.current.name


def tab_to_name(app: App, name: str) -> None:
    for _ in range(80):
        if app.top.ring.current is not None and app.top.ring.current.name == name:
            return
        press(app, pygame.K_TAB)
    raise AssertionError(name)


def test_a_button_that_greys_out_passes_the_focus_on_not_back_to_the_top(app):
    from game.ui.widgets import Button, FocusRing

    ring = FocusRing(app)
    a, b, c = (Button(app, "common.ok", None, name=n) for n in "abc")
    for w in (a, b, c):
        w.rect = pygame.Rect(0, 0, 10, 10)
    ring.add(a, b, c)
    ring.focus(b)
    b.enabled = False
    ring.ensure()
    assert ring.current is c


def test_enter_closes_the_debate_even_with_the_paragraph_link_in_focus(app, tabled):
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    press(app, pygame.K_2, pygame.K_TAB, pygame.K_RETURN)
    d = app.top
    assert isinstance(d, DebateScene)
    for _ in range(3):  # skip the dice
        if not d.animating:
            break
        press(app, pygame.K_SPACE)
    assert d.article.visible
    d.ring.focus(d.article)
    press(app, pygame.K_RETURN)
    assert app.top is r  # closed, the article not reopened
    assert app.crashes == []


def chip(app: App, key: str) -> tuple[int, int]:
    app.render(force=True)
    hits = dict((k, r) for r, k in app.top.footer_hits)
    assert key in hits, (key, list(hits))
    return hits[key].center


@pytest.mark.parametrize(("lang", "scale"), [("en", 1.0), ("ar", 2.0)])
def test_every_footer_chip_is_a_button_during_a_game(tmp_path, content, tabled, lang, scale):
    from game.ui.scenes.article import ArticleScene
    from game.ui.scenes.glossary import GlossaryScene
    from game.ui.scenes.help import HelpScene
    from game.ui.scenes.settings import SettingsScene

    a = title_app(tmp_path, content, lang, scale)
    start_by_keyboard(a)
    press(a, pygame.K_RETURN)
    r = a.top
    assert isinstance(r, RoundScene)
    for label, kind in (
        ("F1", HelpScene),
        ("F3", GlossaryScene),
        ("F4", ArticleScene),
        ("F10", SettingsScene),
    ):
        click(a, chip(a, label))
        assert isinstance(a.top, kind), label
        click(a, chip(a, "Esc"))  # the back chip closes it again
        assert a.top is r, label
    if scale == 1.0:  # at 2x the chips Settings covers make room for the others
        click(a, chip(a, "F2"))
        assert a.lang != lang
        click(a, chip(a, "Ctrl +/−"))
        assert isinstance(a.top, SettingsScene) and a.top.ring.current.name == "scale"
        click(a, chip(a, "Esc"))
    # the settings reached from the game change the size, and the game goes on under them
    click(a, chip(a, "F10"))
    s = a.top
    before = a.theme.scale
    s.ring.focus(next(w for w in s.ring.widgets if w.name == "scale"))
    press(a, pygame.K_MINUS if scale > 1 else pygame.K_EQUALS)
    assert a.theme.scale != before
    press(a, pygame.K_ESCAPE)
    assert a.top is r and a.crashes == []
    a.render(force=True)


def test_the_rows_stay_put_so_repeated_clicks_land_and_troops_step_evenly(app, tabled):
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    press(app, pygame.K_4)
    app.render(force=True)
    rows = {name: pygame.Rect(w.rect) for name, w in r.rows.items()}
    troops = r.rows["troops.europe"]
    start = troops.value
    assert start == 15_000
    minus = troops._arrows()[0].center
    seen = []
    for _ in range(3):  # a player clicks "−" three times at the same place
        click(app, minus)
        seen.append(r.draft["troops"]["europe"])
        # nothing above moved the rows: every row is where it was
        assert {n: pygame.Rect(w.rect) for n, w in r.rows.items()} == rows
    assert seen == [10_000, 5_000, 0]
    # a proposal (its status line) does not move them in their column either
    click(app, troops._arrows()[1].center)
    v = r.views[0]
    before = {n: w.rect.move(0, v.offset) for n, w in r.rows.items()}
    press(app, pygame.K_p)
    assert r.flow.state["draft"] is not None
    app.render(force=True)
    assert {n: w.rect.move(0, v.offset) for n, w in r.rows.items()} == before


def hover(app: App, w: Any) -> None:
    scene = app.top
    view = scene._view_of(w) if isinstance(scene, RoundScene) else None
    for _ in range(40):
        app.render()
        if view is None or view.viewport.contains(w.rect):
            break
        wheel(app, view.viewport.center, -1 if w.rect.top > view.viewport.top else 1)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=w.rect.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.pump()


def test_end_turn_propose_and_end_and_table_say_what_they_do(app, tabled):
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene) and not r.last_seat  # lap 1: every seat has its say
    press(app, pygame.K_4)
    app.render(force=True)
    hover(app, r.main)
    end = r._message()[0]
    assert r.main.text().startswith("End my turn") and "United States plays next" in end
    click(app, r.rows["observers"].rect.center)
    assert r.changed()
    hover(app, r.propose)
    propose = r._message()[0]
    assert "Nothing goes to Russia yet" in propose
    hover(app, r.main)
    both = r._message()[0]
    assert r.main.text() == "Propose and end my turn" and "your changes go to United States" in both
    assert len({end, propose, both}) == 3
    # the keyboard gets the same line for the button in focus
    hover(app, r.tabs)
    r.ring.focus(r.propose)
    assert r._message()[0] == propose
    # lap 2: the main button tables
    press(app, pygame.K_t)
    r2 = app.top
    assert isinstance(r2, RoundScene) and r2 is not r and r2.last_seat
    app.render(force=True)
    hover(app, r2.main)
    assert r2.main.text().startswith("Table") and "Russia answers it now" in r2._message()[0]


def _text_rect(r: RoundScene, words: str) -> tuple[Any, pygame.Rect]:
    return r.text_rect(words)


def test_every_indicator_is_in_sight_and_the_side_panels_scroll_by_keyboard(app, tabled):
    from game.ui import vocab
    from game.ui.widgets import ScrollStop

    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene) and r.mode == "wide"
    app.render(force=True)
    # at 1280x800 every indicator is on screen without scrolling
    for name in r.state["indicators"]:
        view, rect = _text_rect(r, vocab.indicator_name(name, "en"))
        assert view.offset == 0 and rect.bottom <= view.viewport.height, name
    # Tab reaches each side column that has more than it shows; the keys scroll it
    stops = []
    for _ in range(80):
        press(app, pygame.K_TAB)
        cur = r.ring.current
        if isinstance(cur, ScrollStop) and cur not in stops:
            stops.append(cur)
        if cur is r.main:
            break
    scrolling = [s for s in r.stops if s.view.max_offset > 0]
    assert scrolling and stops == scrolling
    for stop in stops:
        r.ring.focus(stop)
        press(app, pygame.K_DOWN)
        assert stop.view.offset > 0 and r.ring.current is stop
        press(app, pygame.K_END)
        assert stop.view.offset == stop.view.max_offset
        press(app, pygame.K_PAGEUP, pygame.K_HOME)
        assert stop.view.offset == 0
    # the parties (below the indicators) are reached that way
    view, rect = _text_rect(r, vocab.seat_name(r.flow.engine.seats[-1], "en"))
    stop = next(s for s in stops if s.view is view)
    r.ring.focus(stop)
    press(app, pygame.K_END)
    assert rect.top - view.offset < view.viewport.height


@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_a_projector_at_1280x800_keeps_the_height_for_the_round(tmp_path, content, scale):
    """At 1.5-2x in 1280x800 the header and the tab row share one row, so the round's
    content keeps the height; the setup screen shows several scenarios and every seat."""
    a = App(
        size=(1280, 800),
        scale=scale,
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        content=content,
        persist=False,
    )
    a.level = "easy"  # the computer seats as before levels
    a.title()
    press(a, pygame.K_n)
    setup = a.top
    assert isinstance(setup, SetupScene)
    a.render(force=True)
    seats = [w for w in setup.seat_widgets.values() if w.visible]
    assert len(seats) == 3
    for w in seats:  # every seat in sight without scrolling
        assert setup.view.offset == 0 and setup.view.viewport.contains(w.rect), w.name
    assert setup.list.rect.height >= 2 * setup.list.row_h  # more than one scenario in sight
    a.start_game(load(resolve("ground_troops")), ["europe"], 5)
    press(a, pygame.K_RETURN)
    r = a.top
    assert isinstance(r, RoundScene) and r.compact
    a.render(force=True)
    centre = r.views[0].viewport
    assert centre.height >= 0.4 * a.screen.get_height(), centre  # it was about 250 pixels
    assert r.tabs.rect.top < r.title_rect.top < centre.top
    assert a.screen.get_rect().contains(r.tabs.rect)
    verdict = r.t("round.if_tabled", stance=vocab_stance(r))
    if r.mode == "medium":  # what Russia would answer is in sight beside the tabs
        view, rect = _text_rect(r, verdict)
        assert rect.bottom <= view.viewport.height
    else:  # no chart on screen: the message line says it on every tab
        for tab in ("news", "arguments", "moves", "package"):
            r.tabs.select_key(tab)
            assert r._message()[0].startswith(verdict), tab
    assert a.crashes == []


def vocab_stance(r: RoundScene) -> str:
    from game.ui import vocab

    return vocab.stance_label(r.live.stance, r.lang)


def test_the_footer_under_an_overlay_acts_on_the_overlay(app, tabled):
    from game.ui.scenes.glossary import GlossaryScene

    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    press(app, pygame.K_2, pygame.K_TAB, pygame.K_RETURN)
    d = app.top
    assert isinstance(d, DebateScene)
    app.render(force=True)
    hits = {k: rect for rect, k in r.footer_hits}
    click(app, hits["F3"].center)
    assert isinstance(app.top, GlossaryScene)
    press(app, pygame.K_ESCAPE)
    assert app.top is d
    app.render(force=True)
    click(app, hits["Esc"].center)  # closes the debate, not the game
    assert app.top is r and app.crashes == []


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_debate_text_never_lies_under_the_roll(tmp_path, content, scale):
    a = App(
        size=(1280, 800),
        scale=scale,
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        content=content,
        persist=False,
    )
    a.title()
    a.start_game(load(resolve("ground_troops")), ["europe"], 5)
    press(a, pygame.K_RETURN)
    r = a.top
    r.play_argument(r.state["hands"]["europe"][0])
    d = a.top
    assert isinstance(d, DebateScene)
    d.skip()
    a.render(force=True)
    assert d.doc.viewport.bottom <= d.roll_rect.top, (d.doc.viewport, d.roll_rect)
    assert d.roll_rect.bottom <= d.close.rect.top or d.roll_rect.bottom <= d.result_rect.top
    if d.tight:  # the result is then in the scrolled text
        texts = [b.text for b in d.doc.walk() if isinstance(b, Text)]
        assert any(t == d._result_lines()[0][0] for t in texts)
    assert a.crashes == []


def test_the_status_lines_above_the_cards_do_not_move_them(app, tabled):
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    press(app, pygame.K_3)
    app.render(force=True)
    v = r.views[0]
    first = r.move_cards[0]
    top = first.rect.top + v.offset
    card = next(c for c in r.move_cards if c.enabled)
    card.activate()
    app.render(force=True)
    assert r.state["used"]["europe"]["move"]
    assert r.move_cards[0].rect.top + v.offset == top
    press(app, pygame.K_2)
    app.render(force=True)
    first = r.arg_cards[0]
    top = first.rect.top + v.offset
    first.activate()  # the debate opens; the hand loses the card played
    while isinstance(app.top, DebateScene):
        press(app, pygame.K_RETURN)
    app.render(force=True)
    assert r.arg_cards[0].rect.top + v.offset == top


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_a_projector_shows_the_whole_package_without_scrolling(tmp_path, content, lang, scale):
    """At 1.5-2x in 1280x800 the package tab shows every clause, Propose and Reset, and what
    Russia would answer (the message line, which has room for all of it), unscrolled."""
    a = title_app(tmp_path, content, lang, scale)
    a.start_game(load(resolve("ground_troops")), ["europe", "ukraine"], 5)
    for _ in range(8):  # the hand-off and the briefing, to the round
        if isinstance(a.top, RoundScene):
            break
        press(a, pygame.K_RETURN)
    r = a.top
    assert isinstance(r, RoundScene) and r.compact
    for step in ("start", "changed"):
        if step == "changed":  # a changed clause: the rows stay in sight
            r.set_clause("observers", not r.draft["observers"])
        r.tabs.select_key("package")
        a.render(force=True)
        view = r.views[0]
        assert view.offset == 0
        if step == "start":  # nothing below the grid: nothing to scroll to
            assert view.max_offset == 0
        for w in [*r.rows.values(), r.propose, r.reset]:
            assert w.visible and view.viewport.contains(w.rect), (step, w.name, w.rect)
        for w in (r.undo, r.save, r.walk, r.main):
            assert a.screen.get_rect().contains(w.rect), w.name
        text, _ = r._message()
        verdict = r.t("round.if_tabled", stance=vocab_stance(r))
        assert text.startswith(verdict), text
        style = r.theme.text("small_bold")
        assert text_mod.text_height(text, style, r.msg_rect.width, r.lang) <= r.msg_rect.height
    # a click on a clause in the grid changes it, and the row stays where it was
    row = r.rows["pledge"]
    before, rect = row.value, pygame.Rect(row.rect)
    click(a, row._arrows()[1].center)
    assert row.value != before and row.rect == rect
    # the next seat at the same computer sees the proposal with Agree beside Propose and Reset
    press(a, pygame.K_e)
    for _ in range(4):
        if isinstance(a.top, RoundScene) and a.top is not r:
            break
        press(a, pygame.K_RETURN)
    u = a.top
    assert isinstance(u, RoundScene) and u.seat == "ukraine" and u.show_agree
    u.tabs.select_key("package")
    a.render(force=True)
    view = u.views[0]
    assert view.offset == 0
    for w in [*u.rows.values(), u.propose, u.reset, u.agree]:
        assert w.visible and view.viewport.contains(w.rect), (w.name, w.rect)
    assert a.crashes == []


def test_argument_cards_show_their_chance_what_they_move_and_a_warning(app, tabled):
    """Each card in the hand says its exact chance (the engine's), the position it moves from
    where to where against the listener's threshold, and warns when it cuts against the
    seat's own package (GAME-DESIGN 3.8; issue: a debate whose choices matter)."""
    from game.engine import debate

    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    press(app, pygame.K_2)
    app.render(force=True)
    hand = r.state["hands"][r.seat]
    assert hand
    warned = 0
    for card_id in hand:
        texts = [p.text for p in r.panels.argument_parts(card_id)]
        p = debate.preview(r.flow.engine, r.state, r.seat, card_id)
        assert f"Chance it lands: {round(100 * p['odds']['chance'])}%" in texts
        for m in p["moves"]:
            assert any(f"{m['at']} → {m['after']}" in t and str(m["threshold"]) in t for t in texts)
        warnings = [t for t in texts if t.startswith("⚠ Cuts against your own package")]
        assert len(warnings) == len(p["warnings"])
        warned += len(warnings)
    # a paper draft of Europe's own: a card that lowers Kyiv's readiness to sign it warns
    r.flow.act({"type": "propose", "seat": r.seat, "package": {"pledge": "assurances"}})
    r.sync(reset_draft=True)
    after = [debate.preview(r.flow.engine, r.state, r.seat, c) for c in r.state["hands"][r.seat]]
    for p in after:
        texts = [x.text for x in r.panels.argument_parts(p["card"])]
        cuts = [t for t in texts if t.startswith("⚠ Cuts against your own package")]
        assert len(cuts) == len(p["warnings"])


def test_undo_says_why_it_is_refused_a_roll_stands(app, tabled):
    """Undo is refused after a roll, and the screen says so (not "nothing to undo"), in the
    message and on the disabled button, in both languages; the other reasons likewise."""
    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    flow = r.flow
    # nothing done yet
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert r.message == app.t("round.undo_refused.nothing") and r.message_kind == "error"
    # an argument: its roll stands
    press(app, pygame.K_2, pygame.K_TAB, pygame.K_RETURN)
    close_debate(app)
    assert flow.state["used"]["europe"]["arguments"] == 1
    assert flow.undo_block() is not None and flow.undo_block()["reason"] == "roll"
    app.render(force=True)
    assert not r.undo.enabled
    assert app.t(r.undo.note) == "a roll stands"
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert flow.state["used"]["europe"]["arguments"] == 1  # nothing was taken back
    assert r.message.startswith("A roll stands: undo stops at the dice")
    assert r._message() == (r.message, "error")
    assert "Nothing to undo" not in r.message
    # pointed at, the disabled Undo says why too
    assert r.describe(r.undo) == r.message
    # a move after the roll can be undone, and then the roll stands again
    press(app, pygame.K_3, pygame.K_TAB, pygame.K_RETURN)
    assert flow.state["used"]["europe"]["move"] is not None
    assert r.undo.enabled
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert flow.state["used"]["europe"]["move"] is None and r.message_kind == "ok"
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert r.message.startswith("A roll stands")
    # in Arabic
    press(app, pygame.K_F2)
    assert app.lang == "ar"
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert r.message == app.t("round.undo_refused.roll") and "النرد" in r.message
    assert app.t(r.undo.note) == "الرمية تبقى"
    app.render(force=True)
    press(app, pygame.K_F2)
    # the turn ended (lap 1): nothing of the new turn to undo
    press(app, pygame.K_t)
    r1 = app.top
    assert isinstance(r1, RoundScene) and r1 is not r and flow.lap == 2
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert r1.message == app.t("round.undo_refused.nothing")
    # tabled: the next round starts with the table standing
    press(app, pygame.K_t)
    r2 = app.top
    assert isinstance(r2, RoundScene) and r2 is not r1
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert r2.message == app.t("round.undo_refused.tabled")
    assert r2.message.startswith("Nothing to undo since the package was tabled")
    # the talks over: walked out
    press(app, pygame.K_w, pygame.K_y)
    assert flow.state["phase"] == "over" and r2.model.undo_reason() == "over"
    # every reason the engine gives has words and a note in both languages
    for lang in ("en", "ar"):
        for reason in ("nothing", "roll", "tabled", "answered", "over"):
            for kind in ("undo_refused", "undo_note"):
                assert i18n.has(f"round.{kind}.{reason}", lang), (lang, kind, reason)
