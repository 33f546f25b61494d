"""A person counters an argument standing against their seat, from the round screen, through
the real App under SDL's dummy driver: the argument is listed with the counter the engine
would use and its chance, a click or the K key counters it, and the debate screen shows the
roll as it shows every roll; in English and Arabic."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.content.loader import load, resolve
from game.engine.game import Engine, current_player
from game.engine.preview import counter_odds
from game.engine.session import Session
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.round import RoundScene

from .conftest import click, press, title_app, widget

SCENARIO = "ground_troops"
HUMANS = ["europe", "us"]


def _find_seed() -> tuple[int, str]:
    """The first seed where Washington (a person) lands an argument at Europe in round 1 and,
    on Europe's next turn, Europe can counter it: the seed and the card."""
    engine = Engine(load(resolve(SCENARIO), full=False, lint=False).book)
    for seed in range(0, 200):
        session = Session(engine, seed, HUMANS)
        session.act({"type": "pass", "seat": "europe"})
        hand = session.state["hands"]["us"]
        cards = [c for c in hand if engine.arguments[c]["to"] == "europe"]
        for card in cards:
            events = session.do({"type": "argue", "seat": "us", "card": card})
            if any(e["type"] == "argument" and e.get("success") for e in events):
                session.act({"type": "pass", "seat": "us"})
                state = session.state
                if current_player(state) == "europe" and any(
                    o.card == card for o in counter_odds(engine, state, "europe")
                ):
                    return seed, card
            break
    raise AssertionError("no seed in 0-199 has Washington's argument stand against Europe")


@pytest.fixture(scope="module")
def found() -> tuple[int, str]:
    return _find_seed()


def _at_europes_turn(tmp_path: Any, content: Any, found: tuple[int, str], lang: str) -> Any:
    seed, card = found
    app = title_app(tmp_path, content, lang=lang)
    app.start_game(load(resolve(SCENARIO)), HUMANS, seed)
    flow = app.flow if hasattr(app, "flow") else None
    scene = app.top
    for _ in range(12):  # past the briefings
        flow = getattr(scene, "flow", flow)
        if isinstance(scene, RoundScene):
            break
        press(app, pygame.K_RETURN)
        scene = app.top
    assert flow is not None
    # Europe passes; Washington, at the same screen, lands its argument and passes
    flow.act({"type": "pass", "seat": "europe"})
    flow.act({"type": "argue", "seat": "us", "card": card})
    flow.act({"type": "pass", "seat": "us"})
    assert flow.current_seat == "europe"
    round_scene = RoundScene(app, flow)
    app.push(round_scene)
    app.render(force=True)
    press(app, pygame.K_2)  # the arguments tab
    app.render(force=True)
    return app, flow, round_scene


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_countering_a_standing_argument(
    tmp_path: Any, content: Any, found: tuple[int, str], lang: str, how: str
) -> None:
    _, card = found
    app, flow, scene = _at_europes_turn(tmp_path, content, found, lang)
    assert card in flow.state["standing"]
    button = widget(scene, f"counter.{card}")
    odds = next(o for o in counter_odds(flow.engine, flow.state, "europe") if o.card == card)
    said = " ".join(p.text for p in button.parts())
    pct = f"{round(100 * odds.chance)}%"
    assert pct in said  # the chance, as every roll shows it
    assert ("Chance" in said) == (lang == "en") and "{" not in said
    assert (flow.label(card, lang) in said) or (
        str(flow.arguments[card]["claim"][lang])[:20] in said
    )
    before = dict(flow.state["positions"])
    if how == "mouse":
        click(app, button.rect.center)
    else:
        press(app, pygame.K_k)
    top = app.top
    assert isinstance(top, DebateScene), top
    assert top.rebuttal and top.result["card"] == card
    assert top.result["counter"] == odds.counter["id"]
    assert top.result["chance"] == pytest.approx(odds.chance)
    assert top.result["total"] == sum(top.result["dice"]) + int(odds.counter["strength"]) - (
        odds.strength
    )
    press(app, pygame.K_SPACE)  # skip the dice
    app.render(force=True)
    lines = " ".join(t for t, _, _ in top._result_lines())
    if lang == "en":
        assert ("goes back" in lines) == bool(top.result["success"])
    countered = [a for a in flow.session.actions if a["type"] == "counter"]
    assert countered == [{"type": "counter", "seat": "europe", "card": card}]
    assert card not in flow.state["standing"]  # answered once, either way
    if top.result["success"]:
        moved = [e for e in flow.arguments[card]["effects"] if e["kind"] == "position"]
        assert all(flow.state["positions"][e["position"]] < before[e["position"]] for e in moved)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, RoundScene)
    assert not any(w.name == f"counter.{card}" for w in app.top.ring.widgets)
    assert app.crashes == []
