"""A person alone against computer seats that propose (`normal`, `hard`): the computer's
proposal waits for the person's agreement, so the round screen offers Agree (by its key and
on the Package tab, reached by Tab) and says what is missing, through the real App under
SDL's dummy driver, in English and Arabic. Before, Agree was shown only in hot-seat: a person
playing alone could never agree to a computer seat's proposal, and tabling sent Russia the
old package."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.content.loader import load, resolve
from game.ui import vocab
from game.ui.app import App
from game.ui.scenes.argued import ArguedAtScene
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.round import RoundScene

from .conftest import press, title_app

LEVELS = {"us": "normal", "ukraine": "normal"}


def _to_the_proposal(app: App) -> RoundScene:
    """Europe (a person) ends its first turn; the computer seats argue (let stand), one of
    them proposes; Europe's turn comes again with that proposal waiting for it."""
    app.start_game(load(resolve("weak_guarantee")), ["europe"], 1, levels=LEVELS)
    for _ in range(6):  # past the briefing to the round screen
        if isinstance(app.top, RoundScene):
            break
        press(app, pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, RoundScene), app.top
    press(app, pygame.K_t)  # end the turn
    for _ in range(20):
        if isinstance(app.top, ArguedAtScene):
            press(app, pygame.K_s)
        elif isinstance(app.top, DebateScene):
            press(app, pygame.K_RETURN)
        else:
            break
    top = app.top
    assert isinstance(top, RoundScene), top
    st = top.flow.state
    assert top.flow.current_seat == "europe"
    assert st.get("draft") is not None and st.get("draft_by") not in (None, "europe")
    assert "europe" not in st["answers"]
    return top


@pytest.mark.parametrize(("lang", "how"), [("en", "tab"), ("ar", "tab"), ("en", "key")])
def test_a_person_alone_agrees_to_a_computer_seats_proposal(
    tmp_path: Any, content: Any, lang: str, how: str
) -> None:
    app = title_app(tmp_path, content, lang=lang)
    scene = _to_the_proposal(app)
    by = vocab.seat_name(str(scene.flow.state["draft_by"]), lang)
    app.render(force=True)
    hint, _ = scene._hint()
    assert by in hint and "(A)" in hint, hint  # says what to do
    assert not scene.message_cut, hint
    draft = next(p for p in scene.panels.chart_points() if p.kind == "draft")
    assert by in draft.label  # the chart names whose proposal it is, not "your draft"
    if how == "key":  # A, from the News tab, as the footer says
        press(app, pygame.K_1)
        assert scene.tab == "news"
        press(app, pygame.K_a)
    else:
        press(app, pygame.K_4)  # the Package tab: Agree is there, reached by Tab
        app.render(force=True)
        agree = scene.agree
        assert agree.visible and agree.enabled and agree in scene.ring.widgets
        for _ in range(60):
            if scene.ring.current is agree:
                break
            press(app, pygame.K_TAB)
        assert scene.ring.current is agree
        press(app, pygame.K_RETURN)
    assert scene.flow.state["answers"].get("europe") == "agree"
    app.render(force=True)
    assert scene.model.outlook().not_agreed == ()
    assert app.crashes == []
