"""Widgets, the focus ring and the mirroring layout helpers."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.ui import layout
from game.ui.widgets import (
    Button,
    Choice,
    FocusRing,
    ListView,
    ScrollView,
    Stepper,
    TextInput,
    Toggle,
)

from .conftest import Ctx, key


@pytest.fixture(autouse=True)
def _pg():
    pygame.display.init()
    pygame.font.init()
    yield


def test_row_is_in_reading_order_and_mirrors():
    r = pygame.Rect(0, 0, 300, 10)
    a, b = layout.row(r, [100, None], 0, rtl=False)
    assert (a.left, b.left) == (0, 100)
    a, b = layout.row(r, [100, None], 0, rtl=True)
    assert (a.right, b.left) == (300, 0)  # the first cell is at the right in Arabic
    assert layout.mirror(pygame.Rect(10, 0, 20, 5), r, True).right == 290


def test_focus_ring_tab_arrows_enter_and_shortcuts():
    ctx = Ctx()
    hits = []
    ring = FocusRing(ctx)
    a = Button(ctx, "A", lambda: hits.append("a"), shortcut="a")
    b = Button(ctx, "B", lambda: hits.append("b"), enabled=False)
    c = Button(ctx, "C", lambda: hits.append("c"), shortcut="c")
    for i, w in enumerate((a, b, c)):
        w.rect = pygame.Rect(0, i * 50, 100, 40)
    ring.add(a, b, c)
    ring.focus_first()
    assert ring.current is a
    ring.handle(key(pygame.K_TAB))
    assert ring.current is c  # the disabled button is skipped
    ring.handle(key(pygame.K_TAB, pygame.KMOD_SHIFT))
    assert ring.current is a
    ring.handle(key(pygame.K_DOWN))
    assert ring.current is c
    ring.handle(key(pygame.K_RETURN))
    ring.handle(key(pygame.K_a, uni="a"))
    assert hits == ["c", "a"] and ring.current is a
    ring.handle(key(pygame.K_a, pygame.KMOD_CTRL, "a"))  # Ctrl+A is not the shortcut
    assert hits == ["c", "a"]


def test_text_input_keeps_letters_from_shortcuts():
    ctx = Ctx()
    ring = FocusRing(ctx)
    field = TextInput(ctx, "glossary.search_hint")
    hits = []
    b = Button(ctx, "N", lambda: hits.append(1), shortcut="n")
    field.rect, b.rect = pygame.Rect(0, 0, 200, 40), pygame.Rect(0, 50, 100, 40)
    ring.add(field, b)
    ring.focus(field)
    ring.handle(key(pygame.K_n, uni="n"))
    ring.handle(pygame.event.Event(pygame.TEXTINPUT, text="n"))
    ring.handle(pygame.event.Event(pygame.TEXTINPUT, text="ا"))
    assert field.text == "nا" and hits == []
    ring.handle(key(pygame.K_BACKSPACE))
    assert field.text == "n"
    ring.handle(key(pygame.K_ESCAPE))
    assert field.text == ""


def test_stepper_and_choice_follow_reading_direction():
    for lang, forward in (("en", pygame.K_RIGHT), ("ar", pygame.K_LEFT)):
        ctx = Ctx(lang)
        s = Stepper(ctx, "setup.seed", 5, minimum=0, maximum=10, step=1)
        s.rect = pygame.Rect(0, 0, 500, 50)
        assert s.on_key(key(forward)) and s.value == 6
        s.on_key(key(pygame.K_END))
        assert s.value == 10
        s.on_key(key(forward))
        assert s.value == 10  # clamped
        minus, plus = s._buttons()
        assert (plus.centerx > minus.centerx) == (lang == "en")  # + at the end side
        ch = Choice(ctx, "settings.language", [("en", "English"), ("ar", "العربية")], "en")
        ch.on_key(key(forward))
        assert ch.value == "ar"
        ch.activate()
        assert ch.value == "en"


def test_toggle_list_and_scrollview():
    ctx = Ctx()
    seen = []
    tg = Toggle(ctx, "settings.fullscreen", False, seen.append)
    tg.activate()
    assert tg.value and seen == [True]
    lv = ListView(ctx, list(range(50)), label=str)
    lv.rect = pygame.Rect(0, 0, 200, 200)
    lv.on_key(key(pygame.K_END))
    assert lv.index == 49 and lv.scroll == lv._max_scroll()
    lv.on_key(key(pygame.K_HOME))
    assert lv.index == 0 and lv.scroll == 0
    view = ScrollView(ctx)
    view.reset(pygame.Rect(0, 100, 300, 200))
    far = Button(ctx, "far")
    view.place(far, pygame.Rect(0, 600, 100, 40))
    view.apply()
    assert far.clip == view.viewport and not far.hit(far.rect.center)
    assert view.reveal(far)
    assert view.viewport.contains(far.rect) and far.hit(far.rect.center)


def _colours(surf: pygame.Surface, rect: pygame.Rect) -> int:
    """How many colours a part of a surface shows (1: nothing was drawn there)."""
    data = pygame.image.tobytes(surf.subsurface(rect).copy(), "RGB")
    return len({data[i : i + 3] for i in range(0, len(data), 3)})


def test_widgets_draw_in_both_directions():
    drawn: dict[str, bytes] = {}
    for lang in ("en", "ar"):
        surf = pygame.Surface((600, 400))
        surf.fill((0, 0, 0))
        ctx = Ctx(lang)
        ws = [
            Button(ctx, "title.new_game", shortcut="n", kind="menu"),
            Button(ctx, "title.continue", enabled=False, note="title.no_save"),
            Toggle(ctx, "settings.fullscreen", True, help="settings.animations_help"),
            Stepper(ctx, "setup.seed", 3, minimum=1, maximum=9),
            Choice(ctx, "settings.language", [("en", "English"), ("ar", "العربية")]),
            TextInput(ctx, "glossary.search_hint", text="ردع"),
            ListView(ctx, ["a", "b"], label=str, sublabel=str),
        ]
        for i, w in enumerate(ws):
            w.rect = pygame.Rect(10, 10 + i * 55, 580, 50)
            w.focused = i % 2 == 0
            w.draw(surf)
            assert _colours(surf, w.rect) > 2, f"{type(w).__name__} drew nothing ({lang})"
        drawn[lang] = pygame.image.tobytes(surf, "RGB")
    assert drawn["en"] != drawn["ar"], "the Arabic widgets are not laid out right to left"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_disabled_buttons_note_never_cuts_its_label(lang, monkeypatch):
    """The note of a disabled button (why it is disabled) takes only the room its label
    leaves: in a tight action bar the label stays whole and the note shortens or goes."""
    from game.ui import text as text_mod

    drawn: list[str] = []
    real = text_mod.render_visual

    def record(vis: str, font, colour):
        drawn.append(vis)
        return real(vis, font, colour)

    monkeypatch.setattr(text_mod, "render_visual", record)
    ctx = Ctx(lang)
    th = ctx.theme
    label, note = "round.undo", "round.undo_note.roll"
    b = Button(ctx, label, enabled=False, note=note)
    lw = text_mod.line_width(b.text(), th.text("button"), lang)
    nw = text_mod.line_width(ctx.t(note), th.text("caption"), lang)
    surf = pygame.Surface((800, 100))
    # from room for both down to room for the label alone
    for spare in (nw + 3 * th.gap, nw // 2 + th.gap, th.gap, 0):
        drawn.clear()
        b.rect = pygame.Rect(10, 10, lw + 2 * th.pad + th.px(6) + spare, 50)
        b.draw(surf)
        assert text_mod.shape(b.text(), lang) in drawn, (spare, drawn)
    drawn.clear()
    b.rect = pygame.Rect(10, 10, lw + 2 * th.pad + nw + 3 * th.gap, 50)
    b.draw(surf)
    assert text_mod.shape(ctx.t(note), lang) in drawn  # with room, the whole note


def test_a_click_on_a_widget_half_in_view_is_not_lost():
    """Pressing the mouse on a widget only partly in view used to scroll it into view on the
    press (the focus ring's reveal), so the release landed elsewhere and the click was lost.
    The mouse focuses without scrolling; the keyboard still scrolls the focus into view."""
    ctx = Ctx()
    clicks: list[str] = []
    view = ScrollView(ctx)
    view.reset(pygame.Rect(0, 100, 300, 200))
    near = Button(ctx, "near", lambda: clicks.append("near"))
    half = Button(ctx, "half", lambda: clicks.append("half"))
    view.place(near, pygame.Rect(0, 0, 100, 40))
    view.place(half, pygame.Rect(0, 180, 100, 40))  # 20 of its 40 pixels in view
    view.extend(600)
    view.apply()
    ring = FocusRing(ctx)
    ring.add(near, half)
    ring.on_focus = view.reveal
    visible = half.rect.clip(view.viewport)
    assert 0 < visible.height < half.rect.height
    pos = visible.center
    pygame.mouse.set_pos(pos)
    ring.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    assert view.offset == 0  # the press did not scroll the widget away from the pointer
    ring.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    assert clicks == ["half"] and ring.current is half
    # the keyboard still brings the focused widget into view
    ring.focus(near)
    ring.handle(key(pygame.K_TAB))
    assert ring.current is half and view.viewport.contains(half.rect)
