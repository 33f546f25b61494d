"""The classroom screens on the real App (SDL's dummy driver): the facilitator's console and
its interventions in the debrief, the class view (public only), a lesson's length, and saves
that keep both."""

from __future__ import annotations

import statistics
from typing import Any

import pygame
import pytest

import game.ui.text as text_mod
from game.content.loader import load, resolve
from game.engine import Engine
from game.engine.facilitator import interventions
from game.ui import classroom
from game.ui.content import LESSON_ROUNDS
from game.ui.flow import GameFlow
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.class_view import ClassViewScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.facilitator import FacilitatorScene, PauseScene, VoteScene
from game.ui.scenes.round import RoundScene
from game.ui.scenes.setup import SetupScene

from .conftest import click, press, title_app, widget


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """Every line of text that reached the screen (in visual order, shaped)."""
    seen: list[str] = []
    real = text_mod.render_visual

    def record(vis: str, font: Any, colour: Any) -> pygame.Surface:
        seen.append(vis)
        return real(vis, font, colour)

    monkeypatch.setattr(text_mod, "render_visual", record)
    return seen


def begin(
    app: Any, scenario: str, *, facilitator: bool, lesson: bool = False, seed: int = 7
) -> RoundScene:
    """Title -> setup (scenario by the arrow keys, the seed typed in, F for facilitator mode,
    L for a lesson's length) -> briefing -> the round."""
    press(app, pygame.K_n)
    setup = app.top
    assert isinstance(setup, SetupScene)
    for _ in range(10):
        if setup.scenario.id == scenario:
            break
        press(app, pygame.K_DOWN)
    assert setup.scenario.id == scenario
    widget(setup, "seed").set(seed)
    press(app, pygame.K_TAB)  # away from the list, whose letters search it
    if setup.facilitator.value != facilitator:
        press(app, pygame.K_f)
    if lesson:
        press(app, pygame.K_l)
        assert setup.length.value == "lesson"
    press(app, pygame.K_s)
    assert isinstance(app.top, BriefingScene)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    return r


def end_round(flow: GameFlow) -> None:
    """The people on turn pass until every seat has had its say, then table (the computer
    seats play their own turns)."""
    r = flow.state["round"]
    for _ in range(30):
        if flow.state["round"] != r or flow.state["phase"] != "talks":
            return
        kind = "table" if flow.state["lap"] >= 2 else "pass"
        flow.act({"type": kind, "seat": flow.current_seat})
    raise AssertionError("the round did not end")


def console(app: Any) -> FacilitatorScene:
    press(app, pygame.K_F9)
    c = app.top
    assert isinstance(c, FacilitatorScene)
    return c


def debrief_text(scene: DebriefScene) -> str:
    return "\n".join(str(getattr(b, "text", "")) for b in scene.doc.walk())


# ---------------------------------------------------------------- the console


def test_the_console_is_only_for_a_facilitator_game(tmp_path, content):
    app = title_app(tmp_path, content)
    press(app, pygame.K_F9)
    assert app.top.name == "title"
    begin(app, "weak_guarantee", facilitator=False)
    press(app, pygame.K_F9)
    assert isinstance(app.top, RoundScene), "no console in a game without facilitator mode"
    press(app, pygame.K_F10)
    assert not widget(app.top, "console").visible
    assert widget(app.top, "class_view").visible


def first_card_moving_a_position(scenario: str) -> int:
    """The first seed of 1-30 whose game deals the person playing Europe, first in hand, an
    argument that shifts a position (the card the console offers to judge)."""
    engine = Engine(load(resolve(scenario), full=False, lint=False).book)
    for seed in range(1, 31):
        state, _ = engine.new_game(seed, humans=["europe"])
        card = engine.arguments[state["hands"]["europe"][0]]
        if any(e["kind"] == "position" for e in card["effects"]):
            return seed
    raise AssertionError("no seed of 1-30 deals Europe a first card that moves a position")


def test_a_verdict_and_the_end_of_the_talks_change_the_game_and_show_in_the_debrief(
    tmp_path, content, drawn
):
    app = title_app(tmp_path, content)
    seed = first_card_moving_a_position("weak_guarantee")
    r = begin(app, "weak_guarantee", facilitator=True, seed=seed)
    flow = r.flow
    assert flow.humans == ["europe"] and flow.state["seed"] == seed
    card = flow.state["hands"]["europe"][0]
    before = dict(flow.state["positions"])
    c = console(app)
    assert c.card == card
    press(app, pygame.K_TAB)  # leave the reason field empty: nothing happens without a reason
    widget(c, "rate.strong").activate()
    assert flow.session.actions == []
    assert c.bad and c.message == app.t("classroom.need_reason")
    assert c.ring.current is c.reason
    c.reason.set_text("The class found it convincing")
    c.ring.focus(widget(c, "rate.strong"))
    press(app, pygame.K_RETURN)
    assert flow.session.actions[-1]["type"] == "verdict"
    assert flow.state["positions"] != before, "a strong verdict moves the listener"
    assert card not in flow.state["hands"]["europe"]
    assert app.find(RoundScene) is not None
    c.reason.set_text("The bell is about to ring")
    c.ring.focus(widget(c, "end_talks"))
    press(app, pygame.K_RETURN)
    assert flow.state["phase"] == "over"
    assert flow.state["outcome"]["reason"] == "facilitator_ends"
    d = app.top
    assert isinstance(d, DebriefScene)
    words = debrief_text(d)
    assert "The facilitator's interventions" in words
    # each told once, in its round's row, with its reason
    assert words.count("The class found it convincing") == 1
    assert words.count("The bell is about to ring") == 1
    assert "Interventions: 2 (in rounds 1)" in words
    # drawn, once scrolled to
    head = next(
        b for b in d.doc.walk() if getattr(b, "text", "") == "The facilitator's interventions"
    )
    top = next(t for b, t in zip(d.doc.blocks, d.doc.tops, strict=True) if head in b.walk())
    d.doc.scroll_to(top)
    drawn.clear()
    app.render(force=True)
    assert "The facilitator's interventions" in drawn


def test_a_class_vote_counts_hands_by_key_and_decides(tmp_path, content):
    app = title_app(tmp_path, content)
    r = begin(app, "weak_guarantee", facilitator=True)
    c = console(app)
    c.reason.set_text("the class voted")
    c.ring.focus(widget(c, "vote"))
    press(app, pygame.K_RETURN)
    v = app.top
    assert isinstance(v, VoteScene)
    press(app, pygame.K_1, pygame.K_2, pygame.K_2, pygame.K_5, pygame.K_BACKSPACE, pygame.K_1)
    assert v.votes == [2, 2, 0, 0, 0]
    click(app, widget(v, "mark.3").rect.center)
    assert v.votes == [2, 2, 1, 0, 0]
    press(app, pygame.K_RETURN)
    assert app.top is c
    last = r.flow.session.actions[-1]
    assert last["type"] == "verdict" and last["votes"] == [2, 2, 1, 0, 0]
    assert r.flow.state["played"][-1]["verdict"] == "fails"


def test_inject_skip_pause_and_the_timer(tmp_path, content, monkeypatch, drawn):
    clock = [1000.0]
    monkeypatch.setattr(classroom, "now", lambda: clock[0])
    app = title_app(tmp_path, content)
    r = begin(app, "weak_guarantee", facilitator=True)
    flow = r.flow
    c = console(app)
    event = next(w for w in c.ring.widgets if w.name == "event.event.summer_offensive")
    c.reason.set_text("raise the stakes")
    c.ring.focus(event)  # scrolled into view
    app.render(force=True)
    click(app, event.rect.center)
    assert "event.summer_offensive" in flow.state["news"]
    assert not any(w.name == "event.event.summer_offensive" for w in c.ring.widgets)
    # the timer: off by default; on, it counts down and shows on the game screens
    d = classroom.desk(flow)
    assert not d.timer_on
    c.ring.focus(widget(c, "timer"))
    press(app, pygame.K_RETURN)
    assert d.timer_on and d.left_ms == d.minutes * 60_000
    clock[0] += 75  # a minute and a quarter pass
    app.render(force=True)
    assert d.left_ms == d.minutes * 60_000 - 75_000
    press(app, pygame.K_MINUS)
    assert d.left_ms == d.minutes * 60_000 - 135_000
    # pause covers the screen and stops the clock
    c.ring.focus(widget(c, "pause"))
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, PauseScene) and d.paused
    left = d.left_ms
    clock[0] += 30  # half a minute passes while paused
    app.render(force=True)
    assert d.left_ms == left
    press(app, pygame.K_SPACE)
    assert not d.paused and isinstance(app.top, RoundScene)
    clock[0] += 5
    drawn.clear()
    app.render(force=True)
    assert d.left_ms == left - 5_000 == d.minutes * 60_000 - 140_000
    s = d.left_ms // 1000
    assert f"Time left {s // 60}:{s % 60:02d}" in drawn, "the countdown shows on the game screen"
    # skip: Russia answers now
    c = console(app)
    c.reason.set_text("time is up")
    c.ring.focus(widget(c, "skip"))
    press(app, pygame.K_RETURN)
    assert app.top.name == "answer"
    assert flow.state["round"] == 2 or flow.state["phase"] != "talks"
    kinds = [i["type"] for i in interventions(flow.session.actions, flow.session.events)]
    assert kinds == ["inject", "skip"]


# ---------------------------------------------------------------- the class view


def marked_flow(scenario: str) -> tuple[GameFlow, list[str]]:
    """A hot-seat game of all three seats whose private words are markers: each seat's
    private objectives, red lines and flexible positions, and the claim of every card in a
    hand."""
    bundle = load(resolve(scenario), full=True, lint=False)
    flow = GameFlow.new(bundle, ["europe", "us", "ukraine"], seed=5)
    markers: list[str] = []
    for seat in flow.engine.seats:
        actor = flow.actors[seat]
        m = f"PRIVATE objectives of {seat} zq"
        actor["private_objectives"] = {"en": m, "ar": m}
        markers.append(m)
        for o in [*actor.get("red_lines", []), *actor.get("flexible", [])]:
            m = f"PRIVATE line {o['id']} zq"
            o["says"] = {"en": m, "ar": m}
            markers.append(m)
        for card in flow.state["hands"][seat]:
            m = f"PRIVATE card {card} zq"
            flow.arguments[card]["claim"] = {"en": m, "ar": m}
            markers.append(m)
    return flow, markers


@pytest.mark.parametrize("details", [False, True])
def test_the_class_view_never_shows_private_words(tmp_path, content, drawn, details):
    flow, markers = marked_flow("ground_troops")
    end_round(flow)  # Russia's first answer
    assert flow.state["answer"] is not None and flow.state["phase"] == "talks"
    table = flow.state["package"]
    assert flow.current_seat == "europe"
    flow.act({"type": "propose", "seat": "europe", "package": {**table, "observers": True}})
    flow.act({"type": "pass", "seat": "europe"})
    flow.act({"type": "agree", "seat": "us"})
    app = title_app(tmp_path, content)
    app.push(RoundScene(app, flow))
    view = ClassViewScene(app, flow)
    view.details = details
    app.push(view)
    drawn.clear()
    app.render(force=True)
    text = "\n".join(drawn)
    # it drew the class view, or Russia's answer in full with its rules
    if details:
        assert "Russia's answer in full" in text and "Russia has not answered" not in text
    else:
        assert "On the table" in text and "Indicators" in text
    assert markers and "PRIVATE" not in text and "zq" not in text
    if details:  # the whole answer scrolls, and stays public
        press(app, pygame.K_PAGEDOWN)
        assert view.offset == min(view.max_offset, 6 * view.theme.px(60))
        drawn.clear()
        app.render(force=True)
        assert "zq" not in "\n".join(drawn)
    # the same markers do reach the screen where they belong: the briefing
    app.push(BriefingScene(app, flow, "europe", then=lambda: None))
    drawn.clear()
    app.render(force=True)
    assert any("PRIVATE objectives of europe zq" in line for line in drawn)


def test_the_class_view_reads_the_public_view_only():
    from game.ui.class_view_model import public_view

    flow, _ = marked_flow("weak_guarantee")
    view = public_view(flow.state)
    assert not {"hands", "decks", "rng", "seed", "back", "years_rng"} & set(view)
    assert view["hand_sizes"] == {s: len(h) for s, h in flow.state["hands"].items()}
    assert view["indicators"] == flow.state["indicators"]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_class_view_and_the_console_draw_in_both_languages_and_scales(
    tmp_path, content, lang, scale
):
    app = title_app(tmp_path, content, lang=lang, scale=scale)
    begin(app, "ground_troops", facilitator=True) if lang == "en" else None
    if lang == "ar":
        bundle = load(resolve("ground_troops"), full=True, lint=False)
        flow = GameFlow.new(bundle, ["europe"], seed=7, facilitator=True)
        app.push(RoundScene(app, flow))
    press(app, pygame.K_F8)
    assert isinstance(app.top, ClassViewScene)
    press(app, pygame.K_d)
    assert app.top.details
    press(app, pygame.K_F8)
    assert isinstance(app.top, RoundScene)
    app.settings.extra["high_contrast"] = True
    press(app, pygame.K_F8)
    assert app.top.theme.c.bg == (0, 0, 0)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_F9)
    assert isinstance(app.top, FacilitatorScene)
    app.render(force=True)
    assert not app.crashes


# ---------------------------------------------------------------- a lesson's length


def test_a_lesson_game_ends_after_its_rounds_and_its_save_keeps_length_and_interventions(
    tmp_path, content
):
    app = title_app(tmp_path, content)
    r = begin(app, "weak_guarantee", facilitator=True, lesson=True)
    flow = r.flow
    info = next(s for s in content.scenarios() if s.id == "weak_guarantee")
    assert flow.rounds == info.lesson_rounds == min(info.rounds, LESSON_ROUNDS) < info.rounds
    c = console(app)
    c.reason.set_text("well argued")
    widget(c, "rate.weak").activate()
    press(app, pygame.K_ESCAPE)
    # save and load: the length and the intervention come back
    path = flow.save(tmp_path / "lesson.json")
    again = GameFlow.load(path)
    assert again.rounds == flow.rounds
    assert again.state == flow.state
    assert interventions(again.session.actions, again.session.events) == interventions(
        flow.session.actions, flow.session.events
    )
    # the talks end after the lesson's rounds (Russia never signs this paper in time)
    for _ in range(20):
        if flow.state["phase"] == "over":
            break
        if flow.state["phase"] == "signing":
            flow.act({"type": "refuse", "seat": flow.current_seat})
        else:
            end_round(flow)
    assert flow.state["phase"] == "over"
    assert flow.state["round"] <= flow.rounds
    assert flow.state["outcome"]["round"] <= info.lesson_rounds


def test_the_tutorial_is_offered_as_an_opener(tmp_path, content):
    app = title_app(tmp_path, content)
    press(app, pygame.K_t)
    setup = app.top
    assert isinstance(setup, SetupScene)
    assert setup.scenario.id == "tutorial"
    assert setup.ring.current is setup.start_button


def test_hidden_rules_stay_off_russias_answer_and_the_class_view(tmp_path, content, drawn):
    app = title_app(tmp_path, content)
    r = begin(app, "ground_troops", facilitator=True)
    flow = r.flow
    c = console(app)
    c.ring.focus(widget(c, "rules"))
    press(app, pygame.K_RETURN)
    assert classroom.desk(flow).rules_hidden
    c.reason.set_text("guess why")
    c.ring.focus(widget(c, "skip"))
    press(app, pygame.K_RETURN)
    answer = app.top
    assert answer.name == "answer"
    titles = [flow.label(rid, "en") for rid in flow.state["answer"]["rules"]]
    assert titles, "Russia gave its reasons"
    hidden = app.t("classroom.cv.rules_hidden")
    for show in (None, pygame.K_F8):
        if show is not None:
            press(app, show)
            press(app, pygame.K_d)  # the answer in full
        drawn.clear()
        app.render(force=True)
        text = "\n".join(drawn)
        assert hidden in text
        assert not any(t in text for t in titles)
    press(app, pygame.K_F8)
    c = console(app)
    c.ring.focus(widget(c, "rules"))
    press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)
    drawn.clear()
    app.render(force=True)
    assert any(t[:20] in "\n".join(drawn) for t in titles), "shown again"


def test_the_class_view_is_large_type_and_its_high_contrast_theme_is_high_contrast(
    tmp_path, content, monkeypatch
):
    """At 1280x800 every word of the class view is at least 16 px (the chart's labels and
    the key chips; its own words 20 px and more), where the round screen goes down to 12,
    and its middle size is at least 1.4 times the round screen's; the high contrast theme
    keeps every text colour at 7:1 or more on its background."""
    from game.ui.theme import HIGH_CONTRAST, contrast

    sizes: list[tuple[str, int]] = []
    real = text_mod.render_visual

    def record(vis: str, font: Any, colour: Any) -> pygame.Surface:
        sizes.append((vis, font.point_size))
        return real(vis, font, colour)

    monkeypatch.setattr(text_mod, "render_visual", record)
    flow, _ = marked_flow("ground_troops")
    end_round(flow)
    app = title_app(tmp_path, content)
    app.push(RoundScene(app, flow))
    sizes.clear()
    app.render(force=True)
    assert min(s for _, s in sizes) <= 13  # the round screen: its captions and key chips
    round_middle = statistics.median(s for _, s in sizes)
    app.push(ClassViewScene(app, flow))
    sizes.clear()
    app.render(force=True)
    assert min(s for _, s in sizes) >= 16
    assert statistics.median(s for _, s in sizes) >= 1.4 * round_middle
    c = HIGH_CONTRAST
    for name in ("text", "text_dim", "text_faint", "accent", "accent_hi", "ok", "bad", "info"):
        assert contrast(getattr(c, name), c.bg) >= 7, name


def test_the_mouse_alone_gives_a_reason_and_intervenes(tmp_path, content):
    app = title_app(tmp_path, content)
    r = begin(app, "weak_guarantee", facilitator=True)
    c = console(app)
    click(app, widget(c, "preset.class").rect.center)
    assert c.reason.text == "The class decided"
    b = widget(c, "rate.weak")
    c.doc.reveal(b)
    app.render(force=True)
    click(app, b.rect.center)
    last = r.flow.session.actions[-1]
    assert last["type"] == "verdict" and last["rating"] == "weak"
    assert last["reason"] == "The class decided"


def test_the_timer_starts_at_a_round_of_the_lesson_plan():
    from game.report import handouts

    # the talks of a round of the plan: its minutes less Russia's answer
    assert (
        handouts.ROUND_MINUTES - dict(handouts.ROUND_STEPS)["answer"] == classroom.DEFAULT_MINUTES
    )
    assert handouts.LESSON_ROUNDS == LESSON_ROUNDS  # one number for the sheets and the game
