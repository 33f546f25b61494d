"""What the other seats did while the person waited is told whole on the round screen's
message line, each seat named once (real App, SDL's dummy driver): in the tutorial the
United States counters, moves, agrees and passes, and the line read "…; the United States
passed; …" cut short, Ukraine's turn lost."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.content.loader import load, resolve
from game.ui import vocab
from game.ui.scenes.argued import ArguedAtScene
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.round import RoundScene

from .conftest import press, title_app


def _after_the_first_turn(app: Any) -> RoundScene:
    """The tutorial as Europe: an argument, a move, written assurances proposed, the turn
    ended; back on the round screen once the other seats have played."""
    app.start_game(load(resolve("tutorial")), ["europe"], 11)
    for _ in range(6):
        if isinstance(app.top, RoundScene):
            break
        press(app, pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, RoundScene)
    flow = scene.flow
    flow.act({"type": "argue", "seat": "europe", "card": flow.state["hands"]["europe"][0]})
    moves = [a for a in flow.engine.legal_actions(flow.state, "europe") if a["type"] == "move"]
    flow.act(moves[0])
    flow.act(
        {
            "type": "propose",
            "seat": "europe",
            "package": {**flow.state["package"], "pledge": "assurances"},
        }
    )
    scene.sync(reset_draft=True)
    app.render(force=True)
    press(app, pygame.K_t)
    for _ in range(20):
        if isinstance(app.top, ArguedAtScene):
            press(app, pygame.K_s)
        elif isinstance(app.top, DebateScene):
            press(app, pygame.K_RETURN)
        else:
            break
    top = app.top
    assert isinstance(top, RoundScene), top
    return top


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_what_the_other_seats_did_is_told_whole(tmp_path: Any, content: Any, lang, scale):
    app = title_app(tmp_path, content, lang=lang, scale=scale)
    scene = _after_the_first_turn(app)
    said = scene.message
    others = [s for s in scene.flow.engine.seats if s != "europe"]
    moved = [
        scene.flow.label(str(e["move"]), lang)
        for e in scene.flow.session.all_events()
        if e["type"] == "move"
    ]
    bare = said
    for label in moved:  # a move's name may name a seat ("Send weapons to Ukraine")
        bare = bare.replace(label, "")
    for seat in others:  # each seat that played is named, once
        assert bare.count(vocab.seat_name(seat, lang)) <= 1, said
    assert vocab.seat_name("us", lang) in said
    app.render(force=True)
    assert not scene.message_cut, said
    assert app.crashes == []
