"""Every screen the `shots` command draws, in both languages, at 1x and 2x, in the usual
window and in the smallest one the game allows (real App, SDL's dummy driver): no button's
label is cut (each button records whether its last drawing had to cut its words), no row
control's label or help is cut short (the setup screen's game length told a newcomer half of
what a lesson is), nor a position's name on the class view, nor a class game's status in the footer (how to stop waiting), and no button meant to be seen lies outside the window."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui.app import MIN_SIZE, App
from game.ui.shots import SIZE, each_shot
from game.ui.widgets import Button, Choice, Row

SIZES = [SIZE, MIN_SIZE]


def cut_buttons(app: App) -> list[str]:
    """The buttons on the visible scenes whose words were cut, or which stick out of the
    window while no scrolling view holds them."""
    screen = app.screen.get_rect()
    out: list[str] = []
    for scene in app.visible_scenes():
        # the class view's names of positions, on a projector's window (in the smallest
        # window the game allows, its three columns are too narrow for some of them)
        big = screen.width >= SIZE[0] and screen.height >= SIZE[1]
        if big and getattr(scene, "labels_cut", False):
            out.append(f"{scene.name}: a position's name cut")
        for w in scene.ring.widgets:
            if not w.visible or w.rect.width <= 0:
                continue
            if isinstance(w, Row) and w.label_cut:
                out.append(f"{scene.name}: {w.name or w!r}'s label or help cut")
            if not isinstance(w, Button | Choice):
                continue
            if w.cut:
                out.append(f"{scene.name}: {w.name or w!r} cut")
            if w.clip is None and not screen.contains(w.rect):
                out.append(f"{scene.name}: {w.name or w!r} outside the window")
    if app.net is not None and app.net.status_cut:  # a class game's status in the footer
        out.append(f"{app.top.name if app.top else '?'}: the class game's status cut")
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_button_label_is_cut_on_any_screen(tmp_path: Path, lang: str, scale: float, size):
    app = App(
        lang=lang,
        scale=scale,
        fullscreen=False,
        size=size,
        config_dir=tmp_path,
        data_dir=tmp_path,
        persist=False,
    )
    app.rng.seed(2025)
    found: list[str] = []
    seen = []
    for name in each_shot(app):
        seen.append(name)
        found += cut_buttons(app)
    assert "title" in seen and "debrief" in seen and len(seen) >= 20
    assert app.crashes == []
    assert found == [], "\n".join(found)


def test_a_small_window_lowers_the_scale_in_use_and_keeps_the_chosen_one(tmp_path: Path):
    """At 2x, 800x560 would leave the screens 400x280 pixels of 1x room (less than any is
    laid out for): the scale in use drops until the window holds `LEAST_VIEW`; the chosen
    scale is kept, shown in the settings, and used again once the window grows."""
    import pygame

    from game.ui.app import LEAST_VIEW

    app = App(
        lang="en",
        scale=2.0,
        fullscreen=False,
        size=MIN_SIZE,
        config_dir=tmp_path,
        data_dir=tmp_path,
        persist=False,
    )
    w, h = app.screen.get_size()
    assert app.settings.scale == 2.0
    assert 1.0 <= app.theme.scale < 2.0
    assert w >= LEAST_VIEW[0] * app.theme.scale and h >= LEAST_VIEW[1] * app.theme.scale
    app.bump_scale(-1)  # Ctrl+- steps from the chosen scale, not from the one in use
    assert app.settings.scale == 1.75
    app.set_scale(2.0)
    pygame.display.set_mode(SIZE, pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=SIZE, w=SIZE[0], h=SIZE[1]))
    app.pump()
    assert app.theme.scale == 2.0 and app.settings.scale == 2.0


@pytest.mark.parametrize("size", ["799x560", "800", "axb", "800x560x2", "٨٠٠x560"])
def test_shots_refuses_a_window_size_it_cannot_draw(tmp_path: Path, size: str):
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "game", "shots", "--out", str(tmp_path), "--size", size],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert "--size" in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_shots_draws_in_the_window_size_asked(tmp_path: Path):
    import pygame

    from game.ui.shots import render_all

    written = render_all(tmp_path, "ar", 2.0, MIN_SIZE)
    assert len(written) >= 20
    assert pygame.image.load(str(written[0])).get_size() == MIN_SIZE


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_join_screen_keeps_its_labels_controls_and_errors_apart_on_screen_and_whole(
    tmp_path: Path, lang: str, scale: float, size
):
    """Its labels may take two lines at a projector's scale: nothing is drawn over a field,
    and Connect and the error line stay above the footer."""
    from game.ui.scenes.remote import JoinScene
    from game.ui.text import text_height

    app = App(
        lang=lang,
        scale=scale,
        fullscreen=False,
        size=size,
        config_dir=tmp_path,
        data_dir=tmp_path,
        persist=False,
    )
    scene = JoinScene(app)
    app.push(scene)
    scene.code.set_text("AB")
    scene.go()
    assert scene.error
    app.render(force=True)
    th, body = app.theme, scene.frame.body
    style = th.text(scene.label_role)
    boxes = []
    for field, y, x, w in scene.label_at:
        boxes.append(pygame.Rect(x, y, w, text_height(scene.label_text(field), style, w, lang)))
    assert scene.error in [scene.label_text(f) for f, *_ in scene.label_at]
    boxes += [wd.rect for wd in (scene.address, scene.code, scene.seat, scene.connect)]
    for i, a in enumerate(boxes):
        assert body.contains(a), (i, tuple(a), tuple(body))
        assert not any(a.colliderect(b) for b in boxes[i + 1 :]), i
    for i in range(len(scene.seat.options)):  # every seat's name shown whole
        scene.seat.set_index(i)
        scene.dirty = True
        app.render(force=True)
        assert not scene.seat.cut, scene.seat.options[i][0]
