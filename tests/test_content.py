"""The shipped content: it validates clean, it is complete in both languages, it cites the
article, and the lint pass catches what a teacher's edit can break."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load, shipped
from game.content.problems import ContentError
from game.engine.strategies import STRATEGIES, play

from .conftest import MAIN_SCENARIOS, ROOT, SCENARIOS


def test_every_shipped_scenario_validates_clean(bundles):
    assert sorted(p.stem for p in shipped()) == sorted(SCENARIOS)
    for sid, bundle in bundles.items():
        assert bundle.scenario.id == sid


def test_content_is_as_large_as_the_design_asks(bundles):
    b = bundles["weak_guarantee"]
    assert len(b.common("glossary").glossary) == 25
    arguments = b.common("arguments")
    assert len(arguments.arguments) >= 30
    assert len(arguments.counters) >= 15
    listeners = {a.to for a in arguments.arguments}
    assert listeners == {"europe", "us", "ukraine", "russia"}
    paragraphs = [p.id for p in b.common("article").paragraphs]
    assert paragraphs[:3] == ["P01", "P02", "P03"] and len(paragraphs) == 37
    rules = {r.model_ref for r in b.common("rules").rules if r.model_ref}
    needed = {
        "R01",
        "R02",
        "R03",
        "R05",
        "R06",
        "R07",
        "R08",
        "R10",
        "R11",
        "R12",
        "R13",
        "R14",
        "R15",
        "R16",
        "R19",
    }
    assert needed <= rules
    event_dates = {str(e.date) for e in b.common("events").events}
    assert {
        "2025-08-15",
        "2025-08-16",
        "2025-08-17",
        "2025-08-18",
        "2025-08-19",
        "2025-08-20",
    } <= event_dates
    for sid in SCENARIOS:
        assert bundles[sid].scenario.debrief, sid


def test_the_arabic_article_is_kept_as_given(bundles):
    """Every paragraph's Arabic, as loaded, appears verbatim in the file; every correction's
    wrong reading is in its paragraph."""
    for p in bundles["weak_guarantee"].common("article").paragraphs:
        assert p.ar.strip() and p.en.strip()
        for c in p.corrections:
            assert c.wrong in p.ar, (p.id, c.wrong)


def test_arguments_quote_the_article(bundles):
    b = bundles["weak_guarantee"]
    paragraphs = {p.id: p for p in b.common("article").paragraphs}
    for a in b.common("arguments").arguments:
        para = paragraphs[a.evidence_ref]
        assert a.evidence.ar in para.ar, a.id
        assert a.evidence.en in para.en, a.id


def test_every_russia_rule_fires_in_some_simulated_game(engines, bundles):
    """Each seed's games (every scenario, seat and strategy) are played until every rule has
    fired, up to seed 39. Some rules are rare: land for peace and a treaty on paper answer
    only packages the random strategy happens to propose (when written: in 5 and 2 of seeds
    0-39)."""
    rule_ids = {r.id for r in bundles["weak_guarantee"].common("rules").rules}
    fired: set[str] = set()
    for seed in range(40):
        for sid in MAIN_SCENARIOS:
            for seat in ("europe", "us", "ukraine"):
                for strategy in sorted(STRATEGIES):
                    state, _, _ = play(engines[sid], seed, seat, strategy)
                    for h in state["history"]:
                        fired.update(h["rules"])
        if rule_ids <= fired:
            break
    assert rule_ids - fired == set()


def _line_of(text: str) -> int:
    """The line of the shared rules file that holds `text` (the file changes as content grows)."""
    lines = (ROOT / "scenarios/common/rules.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


LINT_CASES = [
    (
        "bad_clause_value.yaml",
        "22:59: pledge is one of: none, assurances, article5_like, binding_treaty; 'article5' never occurs",
    ),
    (
        "add_repeats_a_shared_rule.yaml",
        "20:11: duplicate id 'russia.opening_anchor'"
        f" (first at scenarios/common/rules.yaml:{_line_of('- id: russia.opening_anchor')});"
        " to change a shared rule, put it under rules.replace",
    ),
    (
        "curve_over_a_choice.yaml",
        "32:15: a curve reads a number (troops.europe, troops.us, troops.total);"
        " pledge is not one: use kind: table",
    ),
    (
        "coach_step_twice.yaml",
        "22:14: coach: a second step done by 'argue' (the first is step 1);"
        " both would end at once, so this one would never show",
    ),
    ("default_seat_missing.yaml", "13:15: default_seat 'europe' is not one of the seats"),
    (
        "derived_in_a_term.yaml",
        "33:20: credibility and acceptability are known only when Russia weighs a package:"
        " a derived condition may be used in Russia's rules, score terms and epilogue"
        " stories, not here",
    ),
    ("op_in_needs_a_list.yaml", "22:67: op in needs a list of values, like [70]"),
    (
        "table_key_not_a_value.yaml",
        "33:31: 'article_5' is not a value of pledge"
        " (one of: none, assurances, article5_like, binding_treaty)",
    ),
    (
        "op_ge_with_a_list.yaml",
        "22:42: op ge compares with one value, not a list (use in or not_in)",
    ),
    (
        "disable_unknown_rule.yaml",
        "19:13: no rule 'russia.no_nato_trops' to disable (did you mean 'russia.no_nato_troops'?)",
    ),
    (
        "duplicate_id.yaml",
        "41:9: duplicate id 'debrief.weak.signed' (first at tests/fixtures/lint/duplicate_id.yaml:36)",
    ),
    (
        "figure_without_factcheck.yaml",
        "40:13: debrief[0]: repeats the figure '72' from P28, whose record differs; add factcheck: [fc.rand_72h]",
    ),
    (
        "flag_never_set.yaml",
        "22:32: flag 'ceasfire_signed' is never set (no event, move or rule sets it), so this can never be true",
    ),
    ("missing_arabic.yaml", "26:11: briefings.europe.situation: the Arabic text is missing"),
    (
        "missing_core_indicator.yaml",
        "15:15: start.indicators must include 'unity' (every scenario has territory, momentum, us_engagement, unity)",
    ),
    ("no_source.yaml", "11:9: the scenario: no source; cite the paragraphs it comes from"),
    (
        "rule_never_fires.yaml",
        "22:13: rule russia.welcome_troops can never fire: its condition never holds while Russia's stance is accept (108 packages and states tried)",
    ),
    (
        "scenario_argument_bad_quote.yaml",
        "25:11: arg.teacher_card: the Arabic evidence is not a quote from P16 as given",
    ),
    (
        "unknown_factcheck.yaml",
        "12:13: unknown fact check 'fc.rand_72' (did you mean 'fc.rand_72h'?)",
    ),
    (
        "unknown_indicator.yaml",
        "24:34: unknown indicator 'moral'; the scenario starts with: blame, momentum, territory, unity, us_burden, us_engagement",
    ),
    (
        "unknown_position.yaml",
        "17:21: unknown position 'ukraine.papers' (did you mean 'ukraine.paper'?)",
    ),
]


@pytest.mark.parametrize(("name", "expected"), LINT_CASES, ids=[c[0] for c in LINT_CASES])
def test_lint_catches_a_teachers_mistake(name, expected):
    path = f"tests/fixtures/lint/{name}"
    with pytest.raises(ContentError) as info:
        load(path)
    assert str(info.value.problems[0]) == f"{path}:{expected}"


def test_every_lint_fixture_has_a_case():
    assert sorted(p.name for p in (ROOT / "tests/fixtures/lint").glob("*.yaml")) == sorted(
        c[0] for c in LINT_CASES
    )


def test_a_copied_scenario_outside_the_tree_uses_the_shipped_common_files(tmp_path: Path):
    copy = tmp_path / "my_lesson.yaml"
    copy.write_text(
        (ROOT / "scenarios/weak_guarantee.yaml")
        .read_text(encoding="utf-8")
        .replace("rounds: 8", "rounds: 5"),
        encoding="utf-8",
    )
    bundle = load(copy)
    assert bundle.book["rounds"] == 5


def test_the_rulebook_cache_follows_every_edit(tmp_path: Path, monkeypatch):
    from game.content.book import load_book

    monkeypatch.setenv("GUARANTOR_CACHE_DIR", str(tmp_path / "cache"))
    lesson = tmp_path / "lesson.yaml"
    text = (ROOT / "scenarios/weak_guarantee.yaml").read_text(encoding="utf-8")
    lesson.write_text(text, encoding="utf-8")
    first = load_book(lesson)
    assert first == load(lesson, full=False, lint=False).book
    entries = list((tmp_path / "cache").glob("*.json"))
    assert len(entries) == 1
    entries[0].write_text("{damaged", encoding="utf-8")
    assert load_book(lesson) == first
    lesson.write_text(text.replace("rounds: 8", "rounds: 6"), encoding="utf-8")
    assert load_book(lesson)["rounds"] == 6
    lesson.write_text(text.replace("rounds: 8", "rounds: eight"), encoding="utf-8")
    with pytest.raises(ContentError, match="rounds"):
        load_book(lesson)


def test_a_scenario_replaces_a_shared_rule_and_term_by_id_as_the_guide_says():
    from game.engine import Engine

    bundle = load("tests/fixtures/overrides/replace_by_id.yaml")
    rules = [r for r in bundle.book["rules"] if r["id"] == "russia.opening_anchor"]
    assert len(rules) == 1
    assert rules[0]["title"]["en"] == "Opening demand: observers out"
    assert "demands" not in rules[0] or rules[0]["demands"] is None
    terms = [
        t for t in bundle.book["credibility"]["terms"] if t["id"] == "cred.boots_on_the_ground"
    ]
    assert len(terms) == 1 and terms[0]["curve"][-1] == [300000, 90.0]
    engine = Engine(bundle.book)
    final, _, _ = play(engine, 1, "europe", "bargain")
    assert final["phase"] == "over"


def test_a_tutorials_coach_is_checked_where_it_is_written(tmp_path: Path):
    """The coach's steps are data a teacher writes: an action the screens do not know and a
    hint missing in one language are each reported at their line and column."""
    shipped = (ROOT / "scenarios/tutorial.yaml").read_text(encoding="utf-8")
    assert "coach:" in shipped
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(shipped.replace("done_by: move", "done_by: moves"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(lesson)
    first = info.value.problems[0]
    line = shipped.splitlines()[first.line - 1]
    assert "done_by: move" in line and "coach[2].done_by" in first.message
    assert "'moves' is not one of:" in first.message and "answer" in first.message
    arabic = 'ar: "قدّم حجة: اختر بطاقة، ووجّهها إلى من تخاطبه، وراقب النرد."'
    assert arabic in shipped
    lesson.write_text(shipped.replace(arabic, 'ar: ""'), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(lesson)
    first = info.value.problems[0]
    assert first.message == "coach[1].text: the Arabic text is missing"
    assert 'ar: ""' in lesson.read_text(encoding="utf-8").splitlines()[first.line - 1]
