"""The classroom's screens at a projector's scale, in both languages (real App, SDL's dummy
driver): no button's label is ever cut (its text, measured, fits the button's rect), the
debrief's action bar included; the facilitator's console scrolls so that the keyboard's
focus reaches every control, each shown whole when it has the focus."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.ui.flow import GameFlow
from game.ui.scenes.class_view import ClassViewScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.facilitator import FacilitatorScene, VoteScene
from game.ui.shots import play_out
from game.ui.text import line_width
from game.ui.widgets import Button, keycap_width

from .conftest import press, title_app
from .test_debrief_export import bundle

LANGS = ["en", "ar"]
SCALES = [1.0, 1.5, 2.0]
SEATS = ["europe", "us", "ukraine"]


def label_room(b: Button) -> tuple[int, int]:
    """A button's label, measured as drawn (its text in the button style), against the room
    the button's rect leaves it (less the padding and the key chip)."""
    th = b.theme
    text_w = line_width(b.text(), th.text("button"), b.ctx.lang)
    room = b.rect.width - 2 * th.pad
    key = b.key_shown()
    if key and b.enabled:
        room -= keycap_width(key, th) + th.gap
    return text_w, room


def cut_labels(scene: Any, surface: pygame.Surface) -> list[tuple[str, int, int]]:
    screen = surface.get_rect()
    out = []
    for w in scene.ring.widgets:
        if not isinstance(w, Button) or not w.visible or w.kind == "small":
            continue
        text_w, room = label_room(w)
        if text_w > room or w.rect.left < screen.left or w.rect.right > screen.right:
            out.append((w.name or w.text(), text_w, room))
    return out


def game(folder: Any, over: bool) -> GameFlow:
    flow = GameFlow.new(bundle("ground_troops"), SEATS, seed=11, facilitator=True, save_dir=folder)
    if over:
        play_out(flow, "reassurance")
    return flow


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_label_is_cut_on_the_classroom_screens(tmp_path, content, lang, scale):
    app = title_app(tmp_path, content, lang=lang, scale=scale)
    done, going = game(tmp_path / "a", over=True), game(tmp_path / "b", over=False)
    console = FacilitatorScene(app, going)
    screens = [
        DebriefScene(app, done),
        DebriefScene(app, going),
        console,
        VoteScene(app, console, console.card or ""),
        ClassViewScene(app, going),
    ]
    for scene in screens:
        app.push(scene)
        app.render(force=True)
        assert cut_labels(scene, app.screen) == [], (scene.name, lang, scale)
        bar = getattr(scene, "actions", None)
        if bar is not None:  # the bar's buttons never overlap one another
            rects = [b.rect for b in bar.buttons()]
            assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
        app.pop()
    assert app.crashes == []


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", LANGS)
def test_the_console_scrolls_so_that_the_focus_reaches_every_control_whole(
    tmp_path, content, lang, scale
):
    app = title_app(tmp_path, content, lang=lang, scale=scale)
    flow = game(tmp_path / "g", over=False)
    scene = FacilitatorScene(app, flow)
    app.push(scene)
    app.render(force=True)
    seen: list[int] = []
    header = scene.frame.header if scene.frame is not None else pygame.Rect(0, 0, 0, 0)
    for _ in range(3 * len(scene.ring.widgets)):
        w = scene.ring.current
        assert w is not None
        if id(w) in seen:
            break
        seen.append(id(w))
        shown = (
            scene.doc.viewport.contains(w.rect)
            or scene.actions.rect.contains(w.rect)
            or header.contains(w.rect)
        )
        assert shown, (w.name, tuple(w.rect), tuple(scene.doc.viewport))
        press(app, pygame.K_TAB)
        app.render(force=True)
    assert len(seen) == len(scene.ring.widgets)
    assert app.crashes == []


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", LANGS)
def test_the_class_vote_writes_any_claim_within_its_room(tmp_path, content, lang, scale):
    """Whatever the claim (the longest cards included), the vote's words above the marks
    take smaller type until they fit, never overlapping the marks."""
    app = title_app(tmp_path, content, lang=lang, scale=scale)
    flow = game(tmp_path / "g", over=False)
    console = FacilitatorScene(app, flow)
    app.push(console)
    cards = sorted(flow.arguments, key=lambda c: -len(flow.label(c, lang)))[:6]
    for card in cards:
        vote = VoteScene(app, console, card)
        app.push(vote)
        app.render(force=True)
        texts = vote.fitted()
        room = vote.claim_rect
        tight = all(role == "caption" for _, role, _ in texts)
        used = sum(h for _, _, h in texts) + vote.theme.gap * (len(texts) - 1)
        assert used <= room.height or tight, (card, used, room.height)
        assert room.bottom <= min(b.rect.top for b in vote.marks)
        assert not any(vote.decide.rect.colliderect(b.rect) for b in vote.marks)
        assert vote.decide.rect.bottom <= vote.frame.body.bottom
        app.pop()
    assert app.crashes == []


def test_an_action_bar_takes_more_lines_rather_than_cut_a_label() -> None:
    """Labels that fit the bar only apart: the hints go, then each group takes a line, then
    each button; every label whole, nothing overlapping, the area above the bar shrinking."""
    from game.ui import doc

    from .conftest import Ctx

    for lang in LANGS:
        ctx = Ctx(lang)
        body = pygame.Rect(0, 0, 600, 400)
        for labels in (["Back", "Go on"], ["Back to the ending", "The title screen " * 2]):
            a, b, c = (Button(ctx, w, None) for w in (*labels, "A third button here"))
            bar = doc.ActionBar(ctx, lambda: "keys")
            bar.end(a, b, min_width=220, part=2)
            bar.start(c, min_width=150, part=3)
            above = bar.layout(body)
            for x in (a, b, c):
                text_w, room = label_room(x)
                assert text_w <= room, (lang, x.text())
                assert body.contains(x.rect) and above.bottom < x.rect.top
            rects = [a.rect, b.rect, c.rect]
            assert not any(r.colliderect(q) for i, r in enumerate(rects) for q in rects[i + 1 :])
