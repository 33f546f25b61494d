"""A whole hot-seat lesson through the screens (GAME-DESIGN 7): three teams at one keyboard
and a facilitator, on the real App under SDL's dummy driver, every step a key press.

The teams play a lesson-length game from the title screen to the debrief. In round 2 the
facilitator, from the console (F9), puts in a scenario event and judges an argument
instead of the dice, each with a reason; the interventions change how the game ends (the
same game without them ends otherwise). Each seat's private words are markers (its private
objectives, red lines and flexible positions, the cards it was dealt): none ever reaches
the class view (F8, opened on every turn) or another seat's handout. At the end the
debrief screen tells both interventions once, with their reasons; its export (X) is
parsed, the interventions on the page too; the CSV's totals are the scores on the screen.
In English and in Arabic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

import game.ui.text as text_mod
from game.engine import ActionError
from game.report import debrief, handouts
from game.ui import explain as ex
from game.ui import vocab
from game.ui.content import Content
from game.ui.doc import Line
from game.ui.scene import Scene
from game.ui.scenes.class_view import ClassViewScene
from game.ui.scenes.facilitator import FacilitatorScene

from .conftest import press
from .test_debrief_export import parse, read_csv
from .test_ui_after import words
from .test_ui_game import STEPS, Driver, make_app, tab_to

SCENARIO = "weak_guarantee"
SEED = 7
SEATS = ("europe", "us", "ukraine")
INJECT_REASON = "news that the class asked about"
VERDICT_REASON = "the class found it strong"
LATE_EVENT = "event.baltic_alarm"


def mark(content: Content) -> dict[str, list[str]]:
    """Each seat's private words replaced by markers in the scenario the game and the
    handouts are made from: {seat: its markers}."""
    info = next(s for s in content.scenarios() if s.id == SCENARIO)
    bundle = content.bundle(info.path)
    book = bundle.book
    markers: dict[str, list[str]] = {s: [] for s in SEATS}
    for seat in SEATS:
        actor = book["actors"][seat]
        m = f"PRIVATE objectives of {seat} zq"
        actor["private_objectives"] = {"en": m, "ar": m}
        markers[seat].append(m)
        for o in [*actor.get("red_lines", []), *actor.get("flexible", [])]:
            m = f"PRIVATE line {o['id']} of {seat} zq"
            o["says"] = {"en": m, "ar": m}
            markers[seat].append(m)
    dealt = handouts.deal(bundle, SEED).state["hands"]
    for seat in SEATS:
        for card in dealt[seat]:
            if sum(card in dealt[s] for s in SEATS) > 1:
                continue  # a card dealt to two seats is private to neither alone
            m = f"PRIVATE card {card} of {seat} zq"
            book["arguments"][card]["claim"] = {"en": m, "ar": m}
            markers[seat].append(m)
    return markers


class Lesson(Driver):
    """The whole-game driver (keyboard), set up for a lesson of three teams with a
    facilitator; the facilitator steps in once in round 2; the class view is opened on
    every turn and what it drew is kept."""

    def __init__(self, app: Any, drawn: list[str]) -> None:
        super().__init__(app, "keyboard")
        self.drawn = drawn
        self.class_views: list[tuple[str, set[str]]] = []
        self.stepped_in = False

    def on_setup(self, scene: Scene) -> None:
        assert scene.scenario.id == SCENARIO
        for seat in ("us", "ukraine"):
            tab_to(self.app, lambda w, s=seat: w.name == f"seat.{s}")
            press(self.app, pygame.K_RETURN)  # Enter moves the choice on: a person
        seed = tab_to(self.app, lambda w: w.name == "seed")
        press(self.app, pygame.K_HOME, *[pygame.K_PLUS] * (SEED - 1))
        assert seed.value == SEED
        press(self.app, pygame.K_TAB)
        if not scene.facilitator.value:
            press(self.app, pygame.K_f)
        press(self.app, pygame.K_l)
        assert scene.humans == list(SEATS) and scene.facilitator.value
        assert scene.length.value == "lesson"
        self.set_up = True
        press(self.app, pygame.K_s)

    def on_round(self, scene: Scene) -> None:
        flow = scene.flow
        self.class_view(flow)
        if flow.state["round"] == 2 and not self.stepped_in:
            self.step_in(flow)
        super().on_round(scene)

    def class_view(self, flow: Any) -> None:
        """F8 on the projector, then back: what it drew, and the cards in hands then."""
        self.drawn.clear()
        press(self.app, pygame.K_F8)
        assert isinstance(self.app.top, ClassViewScene)
        self.app.render(force=True)
        for details in (False, True):
            if details:
                press(self.app, pygame.K_d)
                self.app.render(force=True)
        hands = {c for s in SEATS for c in flow.state["hands"][s]}
        self.class_views.append(("\n".join(self.drawn), hands))
        press(self.app, pygame.K_F8)
        assert not isinstance(self.app.top, ClassViewScene)

    def type(self, words: str) -> None:
        for ch in words:
            k = pygame.K_SPACE if ch == " " else pygame.key.key_code(ch)
            pygame.event.post(
                pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=ch, scancode=0)
            )
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        self.app.pump()

    def step_in(self, flow: Any) -> None:
        """F9: a reason typed, an event put in; another reason, the seat on turn's first
        card judged strong; Esc back to the game."""
        self.stepped_in = True
        press(self.app, pygame.K_F9)
        console = self.app.top
        assert isinstance(console, FacilitatorScene)
        before = len(flow.session.actions)
        assert console.ring.current is not console.reason  # the room's keys work at once
        tab_to(self.app, lambda w: w.name == "reason")  # the reason, by keyboard
        assert console.ring.current is console.reason
        self.type(INJECT_REASON)
        assert console.reason.text == INJECT_REASON
        # an event of a later week than the lesson's last (NATO's Baltic alarm: unity up)
        tab_to(self.app, lambda w: w.name == f"event.{LATE_EVENT}" and w.enabled)
        press(self.app, pygame.K_RETURN)
        console.ring.focus(console.reason)
        self.type(VERDICT_REASON)
        assert console.card is not None
        tab_to(self.app, lambda w: w.name == "rate.strong")
        press(self.app, pygame.K_RETURN)
        kinds = [a["type"] for a in flow.session.actions[before:]]
        assert kinds == ["inject", "verdict"], (kinds, console.message)
        press(self.app, pygame.K_ESCAPE)
        assert self.app.top.name in ("round", "handoff")


def without_interventions(flow: Any) -> dict[str, Any] | None:
    """How the same game ends with every action but the facilitator's: its ending, or
    None when its actions stop being legal (the game went another way)."""
    engine = flow.engine
    state, _ = flow.session.new_game()
    for a in flow.session.actions:
        if a.get("seat") == "facilitator":
            continue
        try:
            state, _ = engine.apply(state, a)
        except ActionError:
            return None
    return {
        "outcome": state.get("outcome"),
        "scores": {s: v["total"] for s, v in (state.get("scores") or {}).items()},
    }


def screen_totals(scene: Any, lang: str) -> dict[str, str]:
    """Each seat's total as the debrief screen's score cards show it."""
    names = {vocab.seat_name(s, lang): s for s in SEATS}
    out: dict[str, str] = {}
    for b in scene.doc.walk():
        if isinstance(b, Line) and b.label in names and b.role == "h3":
            out[names[b.label]] = b.value
    return out


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = text_mod.render_visual

    def record(vis: str, font: Any, colour: Any) -> pygame.Surface:
        seen.append(vis)
        return real(vis, font, colour)

    monkeypatch.setattr(text_mod, "render_visual", record)
    return seen


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_whole_hot_seat_lesson_with_a_facilitator_through_the_screens(
    tmp_path: Path, lang: str, drawn: list[str]
) -> None:
    content = Content()  # its own: the scenario's words are marked in place
    markers = mark(content)
    every = {m for ms in markers.values() for m in ms}
    app = make_app(tmp_path, content, lang)
    driver = Lesson(app, drawn)
    for _ in range(STEPS):
        assert app.crashes == [], app.crashes[0]
        if app.top.name == "debrief":
            break
        driver.step()
    else:
        raise AssertionError(f"no debrief after {STEPS} steps: {driver.seen[-12:]}")
    scene = app.top
    flow = scene.flow
    assert flow.session.over and flow.humans == list(SEATS) and flow.facilitator
    assert flow.rounds < flow.engine.rounds  # the lesson's length
    for screen in ("setup", "briefing", "handoff", "round", "answer", "ending"):
        assert screen in driver.seen, (screen, driver.seen)
    assert driver.stepped_in

    # the interventions changed how the game ended
    actual = {
        "outcome": flow.state["outcome"],
        "scores": {s: v["total"] for s, v in flow.state["scores"].items()},
    }
    assert without_interventions(flow) != actual

    # no private word on the class view: only cards already played may show there
    assert len(driver.class_views) >= 3 * flow.rounds
    for text, hands in driver.class_views:
        assert text, "the class view drew nothing"
        for m in every:
            card = m.split()[2] if m.startswith("PRIVATE card") else None
            if card is None or card in hands:
                assert m not in text, m
        assert "PRIVATE objectives" not in text and "PRIVATE line" not in text

    # ... nor on another seat's handout (each seat's own page has its own)
    info = next(s for s in content.scenarios() if s.id == SCENARIO)
    pages = handouts.build(content.bundle(info.path), lang, SEED)
    for seat in SEATS:
        page = pages[handouts.seat_file(seat)]
        assert f"PRIVATE objectives of {seat} zq" in page
        for other in SEATS:
            if other != seat:
                leaked = [m for m in markers[other] if m in page]
                assert leaked == [], (seat, other, leaked)

    # the debrief screen tells each intervention once, with its reason
    said = words(scene) + "\n" + "\n".join(str(getattr(b, "text", "")) for b in scene.doc.walk())
    shown = "\n".join(str(getattr(b, "text", "")) for b in scene.doc.walk())
    assert shown.count(INJECT_REASON) == 1 and shown.count(VERDICT_REASON) == 1, said[:400]
    # its export (X): the page in the game's language, with both; the CSV's totals
    press(app, pygame.K_x)
    assert scene.exported is not None and scene.exported[0], scene.exported
    out = scene.export_path()
    page = parse(out.read_text(encoding="utf-8"))
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag == {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}
    rounds = page.text("rounds")
    assert rounds.count(INJECT_REASON) == 1 and rounds.count(VERDICT_REASON) == 1
    w = debrief.Words(lang)
    assert w.t("classroom.rating.strong") in rounds
    rows = read_csv(out.with_suffix(".csv"))
    totals = {r["seat"]: r["points"] for r in rows if r["part"] == "total"}
    on_screen = screen_totals(scene, lang)
    assert set(on_screen) == set(SEATS) == set(totals)
    for seat in SEATS:
        assert on_screen[seat] == ex.num(float(totals[seat])), seat
        assert float(totals[seat]) == flow.state["scores"][seat]["total"]
    assert app.crashes == []
