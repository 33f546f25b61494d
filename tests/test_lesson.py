"""A lesson fits 45 minutes (GAME-DESIGN 7): a whole lesson-length game of each main scenario,
played by three scripted teams through the real engine, at the classroom minutes the plan
assumes for each step (`game.report.lesson`), fits the plan of the teachers' guides and
sheets; the guides give the figure the game measures, in both languages."""

from __future__ import annotations

import re

import pytest

from game.report import handouts, lesson
from game.ui.content import LESSON_ROUNDS, Content

from .conftest import MAIN_SCENARIOS, ROOT

GUIDES = {"en": ROOT / "docs" / "teachers.md", "ar": ROOT / "docs" / "teachers.ar.md"}


@pytest.fixture(scope="module")
def measured() -> dict[tuple[str, int], lesson.Lesson]:
    return {(sid, seed): lesson.play(sid, seed) for sid in MAIN_SCENARIOS for seed in (7, 1, 2)}


@pytest.mark.parametrize("seed", [7, 1, 2])
@pytest.mark.parametrize("sid", MAIN_SCENARIOS)
def test_a_lesson_length_game_fits_45_minutes(measured, sid, seed):
    r = measured[(sid, seed)]
    info = next(s for s in Content().scenarios() if s.id == sid)
    assert r.rounds == info.lesson_rounds == min(info.rounds, LESSON_ROUNDS) < info.rounds
    # the engine's turn order, measured: each team has its turn in every round, Russia
    # answers every round, and the game ends after the lesson's rounds
    assert r.steps["turn"] == 3 * r.rounds
    assert r.steps["answer"] == r.rounds
    assert r.outcome_round <= r.rounds
    assert r.class_minutes <= handouts.LESSON_MINUTES, (sid, seed, r.class_minutes, r.steps)
    assert r.in_rounds <= handouts.ROUND_MINUTES * r.rounds, (sid, seed, r.round_minutes)
    # the round timer keeps the rounds to their minutes, and still leaves the debate room:
    # at least one argument a round is made (the teams' plans argue every round)
    assert r.steps.get("argue", 0) >= r.rounds, (sid, seed, r.steps)


def test_without_the_timer_a_lesson_would_run_over():
    """What the round timer is for: the teams' plans want more arguments than the rounds have
    minutes for (each held back would have been a minute more)."""
    r = lesson.play("weak_guarantee", lesson.SEED)
    assert r.steps["held"] > 0
    assert r.class_minutes + r.steps["held"] * lesson.MINUTES["argue"] > handouts.LESSON_MINUTES


def test_the_plan_adds_up():
    plan = handouts.lesson_plan(8)
    minutes = {step: end - start for start, end, step, _ in plan}
    assert minutes["rounds"] == handouts.ROUND_MINUTES * LESSON_ROUNDS
    assert sum(m for _, m in handouts.ROUND_STEPS) == handouts.ROUND_MINUTES
    assert plan[-1][1] == handouts.LESSON_MINUTES
    # the estimate counts the same parts outside the rounds as the plan
    r = lesson.play("ground_troops", lesson.SEED)
    assert r.outside == sum(m for step, m in minutes.items() if step != "rounds")


@pytest.mark.parametrize("lang", list(GUIDES))
def test_the_guides_give_the_measured_figure_and_its_command(measured, lang):
    doc = GUIDES[lang].read_text("utf-8")
    assert "python benchmarks/lesson.py" in doc
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| (\d+(?:\.\d)?) \| (\d+) \| (\d+) \|$", doc, re.M)
    shown = {sid: (minutes, made, held) for sid, minutes, made, held in rows}
    assert set(shown) == set(MAIN_SCENARIOS), shown
    for sid, (minutes, made, held) in shown.items():
        r = measured[(sid, lesson.SEED)]
        assert float(minutes) == r.class_minutes, (lang, sid)
        assert int(made) == r.steps.get("argue", 0), (lang, sid)
        assert int(held) == r.steps.get("held", 0), (lang, sid)
    # the assumed minutes of a team's turn are stated as the module has them
    if lang == "en":
        assert f"first turn\nof a round {lesson.MINUTES['turn']} minutes" in doc
        assert f"a later turn {lesson.MINUTES['later_turn']}" in doc
