"""The one document toolkit (`game.ui.doc`): blocks, the meter, the action bar, and the one
kind of button and row every screen is made of. Rendered for real under SDL's dummy driver."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.ui import doc
from game.ui.cards import CardButton, ClauseRow, Part
from game.ui.widgets import Button, Choice, Row, Stepper, Toggle

from .conftest import Ctx


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.init()


def surface() -> pygame.Surface:
    return pygame.Surface((800, 600))


# ---------------------------------------------------------------- blocks


def test_space_asked_under_a_block_replaces_the_stack_gap_and_counts_under_the_last() -> None:
    ctx = Ctx()
    th = ctx.theme
    a = doc.Text(ctx, "one").then(3)
    b = doc.Text(ctx, "two")
    c = doc.Text(ctx, "three").then(20)
    stack = doc.Stack(ctx, [a, b, c], gap=10)
    h = stack.measure(400)
    assert stack.tops[1] == a.h + th.px(3)
    assert stack.tops[2] == stack.tops[1] + b.h + th.px(10)
    assert h == stack.tops[2] + c.h + th.px(20)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_bleeding_box_lines_its_text_up_with_the_column_and_draws_outside_it(lang: str) -> None:
    ctx = Ctx(lang)
    th = ctx.theme
    inside = doc.Text(ctx, "A warning in a panel")
    card = doc.Card(ctx, [inside], pad=12, pad_y=10, bleed=True, fill=(200, 0, 0))
    width = 300
    card.measure(width)
    assert inside.w == width  # the text as wide as the column around the card
    assert card.h == inside.h + 2 * th.px(10)
    s = surface()
    s.fill((0, 0, 0))
    card.draw(s, 100, 50)
    # the panel reaches 12 px out into the margin at both sides
    assert s.get_at((100 - th.px(6), 50 + card.h // 2))[:3] == (200, 0, 0)
    assert s.get_at((100 + width + th.px(6), 50 + card.h // 2))[:3] == (200, 0, 0)
    assert s.get_at((100 - th.px(20), 50 + card.h // 2))[:3] == (0, 0, 0)


def test_a_document_can_be_walked_into_its_boxes_columns_and_tables() -> None:
    ctx = Ctx()
    t1, t2, t3 = doc.Text(ctx, "a"), doc.Text(ctx, "b"), doc.Text(ctx, "c")
    view = doc.DocView(ctx)
    table = doc.Table(ctx, [("H", None)], [[[t3]]])
    cols = doc.Columns(ctx, [(doc.Box(ctx, [t1]), 0.5), (doc.Card(ctx, [t2]), None)])
    view.layout(pygame.Rect(0, 0, 600, 400), [cols, table])
    texts = [b.text for b in view.walk() if isinstance(b, doc.Text)]
    assert texts == ["a", "b", "c"]


# ---------------------------------------------------------------- the meter


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_meter_fills_from_the_start_side_and_marks_its_threshold(lang: str) -> None:
    ctx = Ctx(lang)
    th = ctx.theme
    fill = (10, 200, 10)
    m = doc.Meter(ctx, 25, colour=fill, mark=60, mark_label="threshold 60")
    m.measure(400)
    assert m.h == th.px(14) + th.text("caption").line_height + th.px(4)
    s = surface()
    s.fill((0, 0, 0))
    m.draw(s, 0, 0)
    mid = m.h - th.px(14) // 2
    start, end = (399 - 50, 50) if ctx.rtl else (50, 399 - 50)
    assert s.get_at((start, mid))[:3] == fill  # a quarter filled at the start side
    assert s.get_at((end, mid))[:3] != fill
    tick = 400 - 240 if ctx.rtl else 240
    assert s.get_at((tick, mid))[:3] == th.c.text[:3]  # the threshold's tick


def test_a_small_value_still_shows_a_sliver_and_zero_shows_none() -> None:
    ctx = Ctx()
    th = ctx.theme
    fill = (10, 200, 10)
    for value, seen in ((0.5, True), (0, False)):
        s = surface()
        s.fill((0, 0, 0))
        doc.draw_meter(s, pygame.Rect(0, 0, 400, th.px(14)), value, th, False, fill)
        assert (s.get_at((th.px(3), th.px(7)))[:3] == fill) is seen


# ---------------------------------------------------------------- the action bar


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_action_bar_puts_the_main_action_at_the_end_and_the_hint_between(lang: str) -> None:
    ctx = Ctx(lang)
    th = ctx.theme
    main, other = Button(ctx, "Go on", None), Button(ctx, "Title", None)
    bar = doc.ActionBar(ctx, lambda: "Enter goes on")
    bar.end(main, min_width=240, part=2)
    bar.start(other, min_width=150, part=3)
    body = pygame.Rect(20, 30, 1000, 600)
    above = bar.layout(body)
    assert bar.rect.bottom == body.bottom and bar.rect.height == th.control_h
    assert above.bottom == bar.rect.top - th.px(14)
    assert main.rect.width == th.px(240) and other.rect.width == th.px(150)
    if ctx.rtl:
        assert main.rect.left == body.left and other.rect.right == body.right
    else:
        assert main.rect.right == body.right and other.rect.left == body.left
    between = bar.hint_rect
    assert not between.colliderect(main.rect) and not between.colliderect(other.rect)
    assert between.width == body.width - th.px(240) - th.px(150) - 2 * th.pad


def test_action_bar_buttons_share_the_bar_and_never_leave_it() -> None:
    ctx = Ctx()
    th = ctx.theme
    a = Button(ctx, "Refuse", None)
    b = Button(ctx, "Sign " * 40, None)  # a label wider than the bar
    bar = doc.ActionBar(ctx)
    bar.end(a, b, min_width=220)
    bar.layout(pygame.Rect(0, 0, 600, 400))
    assert a.rect.width == b.rect.width == (600 - th.gap) // 2
    assert a.rect.right + th.gap == b.rect.left  # the main action last, at the end
    assert bar.rect.contains(a.rect) and bar.rect.contains(b.rect)


# ---------------------------------------------------------------- one kind of button and row


def test_a_button_shows_its_key_chip_and_a_tight_row_hides_it() -> None:
    ctx = Ctx()
    chip = Button(ctx, "Begin", None, chip="Enter", kind="primary")
    plain = Button(ctx, "Begin", None, kind="primary")
    assert chip.key_shown() == "Enter"
    assert chip.natural_width() > plain.natural_width()
    chip.show_chip = False
    assert chip.key_shown() is None
    assert chip.natural_width() == plain.natural_width()


def test_a_small_button_is_a_button_with_its_shortcut() -> None:
    ctx = Ctx()
    hits: list[str] = []
    b = Button(ctx, "Open P15", lambda: hits.append("open"), kind="small", shortcut="o")
    small = b.natural_width()
    assert small < Button(ctx, "Open P15", None, shortcut="o").natural_width()
    b.rect = pygame.Rect(10, 10, small, 34)
    s = surface()
    b.draw(s)
    b.activate()
    assert hits == ["open"]


def test_a_card_button_is_a_button_pressed_like_one() -> None:
    ctx = Ctx()
    hits: list[str] = []
    card = CardButton(
        ctx, lambda: [Part("A claim", "body_bold")], lambda: hits.append("play"), action="Play"
    )
    assert isinstance(card, Button)
    assert card.text() == "Play"
    card.rect = pygame.Rect(0, 0, 300, card.height_for(300))
    card.draw(surface())
    card.on_key(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0))
    card.enabled = False
    card.activate()
    assert hits == ["play"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_clause_row_is_a_row_with_the_same_end_buttons_as_a_stepper(lang: str) -> None:
    ctx = Ctx(lang)
    clause = ClauseRow(ctx, "Troops", [(0, "None"), (1, "Some"), (2, "Many")], 1, kind="steps")
    stepper = Stepper(ctx, "Seed", 3, minimum=0, maximum=9)
    for w in (clause, stepper, Toggle(ctx, "On"), Choice(ctx, "Pick", [(1, "a")])):
        assert isinstance(w, Row)
    clause.rect = pygame.Rect(0, 0, 600, clause.height_for(600))
    back, fwd = clause._arrows()
    vr = clause.value_rect()
    assert (back.left == vr.left) != ctx.rtl and (fwd.right == vr.right) != ctx.rtl
    assert (back, fwd) == clause.end_buttons(30)
    clause.draw(surface())
    clause.click(fwd.center)
    assert clause.value == 2
    clause.click(back.center)
    assert clause.value == 1
