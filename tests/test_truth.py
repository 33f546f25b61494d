"""Truth on screen: words in quote marks are the article's, each paragraph reaches the player,
and invented or disputed content says so in the data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.lint import quoted
from game.content.loader import load
from game.content.problems import ContentError

from .conftest import ROOT


def copy_tree(tmp_path: Path) -> Path:
    """A teacher's copy of the whole scenarios folder, shared files included."""
    dst = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", dst)
    return dst


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


# ---------------------------------------------------------------- quotes


def test_the_shipped_content_quotes_the_article_in_both_languages(bundles):
    """Validation is clean and the quote check is not vacuous: the content does quote."""
    b = bundles["article5_pledge"]
    texts = [b.scenario.summary.ar, b.scenario.summary.en]
    assert any("هذا الإجراء الذي يعتبره ضروريًا" in q for t in texts for q in quoted(t))
    p21 = next(p for p in b.common("article").paragraphs if p.id == "P21")
    for q in quoted(b.scenario.summary.ar):
        assert q in " ".join(p21.ar.split())


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "common/rules.yaml",
            "هذا الإجراء الذي يعتبره ضروريًا ، بما في ذلك استخدام القوة المسلحة",
            "الإجراء الذي يعتبره ضرورياً",
            "'الإجراء الذي يعتبره ضرورياً' stands in quote marks but is not the article's words in P21, P22, P23, P24 (Arabic as given",
        ),
        (
            "common/rules.yaml",
            '"Such action as it deems necessary, including the use of armed force"',
            '"Such action as it thinks necessary"',
            "'Such action as it thinks necessary' stands in quote marks but is not the article's words in P21, P22, P23, P24 (English from the gloss)",
        ),
        (
            "article5_pledge.yaml",
            "Pledges of collective action count for little unless they are backed by visible proof of readiness to carry them out.",
            "Promises of collective action mean little unless backed by demonstrations of readiness.",
            "is not the article's words in P24, P25 (English from the gloss)",
        ),
    ],
)
def test_a_quote_that_is_not_the_articles_words_is_found(tmp_path, file, old, new, expected):
    tree = copy_tree(tmp_path)
    edit(tree / file, old, new)
    found = problems_of(tree / "article5_pledge.yaml")
    assert any(file in p and expected in p for p in found), found


def test_english_and_arabic_evidence_must_quote_the_same_sentence(tmp_path):
    tree = copy_tree(tmp_path)
    edit(
        tree / "common/arguments.yaml",
        'ar: "هل سيتداول الرئيس الأمريكي بوسطن بوسطن لبريمن في تبادل نووي؟"',
        'ar: "فهل ستقاتل الولايات المتحدة حقًا ، مما يخاطر بالتصعيد إلى الحرب النووية؟"',
    )
    found = problems_of(tree / "weak_guarantee.yaml")
    assert any(
        "arguments.yaml" in p
        and "arg.boston_for_bremen: the English and Arabic evidence quote different sentences of P23 (sentence 3 and sentence 2)"
        in p
        for p in found
    ), found


# ---------------------------------------------------------------- Russia's reasons fit the package

TROOPS = (0, 4000, 20000)
AIR = ("none", "europe", "us", "us_and_europe")
PLEDGES = ("none", "assurances", "article5_like", "binding_treaty")


def packages():
    """A grid over the package's clauses, each a full package as `respond` reads it."""
    from game.content.schema import Package

    for troops in TROOPS:
        for air in AIR:
            for pledge in PLEDGES:
                for nato in (False, True):
                    for observers in (False, True):
                        for sanctions in ("keep", "ease"):
                            for recognition in ("none", "de_facto"):
                                yield Package.model_validate(
                                    {
                                        "troops": {"europe": troops},
                                        "air_support": air,
                                        "pledge": pledge,
                                        "nato_membership": nato,
                                        "observers": observers,
                                        "sanctions": sanctions,
                                        "recognition": recognition,
                                    }
                                ).model_dump(mode="json")


@pytest.fixture(scope="module")
def answers(engines):
    """Russia's answer to every package of the grid in every main scenario's opening state,
    as `guarantor respond` gives it."""
    from .conftest import MAIN_SCENARIOS

    out = []
    for sid in MAIN_SCENARIOS:
        engine = engines[sid]
        state, _ = engine.new_game(0)
        for offer in packages():
            out.append((sid, offer, engine.assess(state, offer)))
    return out


def fired(answers, rule):
    return [(sid, offer, v) for sid, offer, v in answers if rule in v.rules]


def test_paper_assurances_reason_fires_only_for_paper_assurances(answers):
    hits = fired(answers, "russia.weak_offer_ok")
    assert hits, "the rule never fires"
    for _sid, offer, _v in hits:
        assert offer["pledge"] == "assurances"
        assert offer["air_support"] == "none"
        assert offer["troops"]["europe"] == 0
        assert offer["nato_membership"] is False


def test_no_reason_about_sanctions_crimea_or_witkoff_answers_nato_membership(answers):
    for sid, offer, v in answers:
        if offer["nato_membership"]:
            assert v.stance == "reject", (sid, offer)
            assert "russia.no_nato_role" in v.rules
            stray = {
                "russia.absorb_sanctions",
                "russia.price_sanctions",
                "russia.claim_not_commitment",
                "russia.weak_offer_ok",
            } & set(v.rules)
            assert not stray, (sid, offer, stray)


def test_air_support_alone_is_explained(answers):
    for sid, offer, v in answers:
        alone = (
            offer["air_support"] != "none"
            and offer["troops"]["europe"] == 0
            and not offer["nato_membership"]
        )
        assert ("russia.air_power" in v.rules) == alone, (sid, offer)
        if offer["air_support"] != "none":
            assert "russia.weak_offer_ok" not in v.rules
            assert "russia.absorb_sanctions" not in v.rules


def test_a_binding_treaty_is_not_answered_with_article_5s_words(answers, bundles):
    rules = {r.id: r for r in bundles["weak_guarantee"].common("rules").rules}
    treaty = [x for x in answers if x[1]["pledge"] == "binding_treaty"]
    assert treaty
    for sid, offer, v in treaty:
        assert "russia.discount_pledge" not in v.rules, (sid, offer)
        if offer["troops"]["europe"] < 5000:
            assert "russia.treaty_on_paper" in v.rules
        for rid in v.rules:
            assert "هذا الإجراء الذي يعتبره" not in rules[rid].says.ar, rid
            assert "deems necessary" not in rules[rid].says.en, rid
    assert rules["russia.treaty_on_paper"].designer_gap
    assert rules["russia.treaty_on_paper"].interpretation is not None


def test_rules_marked_explicit_put_no_unmarked_words_in_moscows_mouth(bundles):
    """A rule whose words the text does not attribute to the speaker says so (`invented`), and
    the two named offenders no longer claim what the text does not say."""
    rules = {r.id: r for r in bundles["weak_guarantee"].common("rules").rules}
    assert "agree in principle" not in rules["russia.land_for_peace"].says.en
    assert "watch their treatment" not in rules["russia.baltic_pretext"].says.en
    assert rules["russia.land_for_peace"].basis != "explicit"
    assert rules["russia.price_sanctions"].designer_gap
    assert rules["russia.price_sanctions"].basis in ("explicit", "implied", "hedged")
    for r in rules.values():
        if r.designer_gap or r.invented:
            assert r.interpretation is not None and r.interpretation.en and r.interpretation.ar


def test_every_basis_has_words_on_screen_in_both_languages():
    from typing import get_args

    from game.content.schema import Basis
    from game.ui.i18n import catalogue

    for lang in ("en", "ar"):
        for basis in get_args(Basis):
            assert catalogue(lang).get(f"answer.basis_values.{basis}"), (lang, basis)
        assert catalogue(lang).get("answer.designer_gap"), lang


def test_basis_keeps_the_designs_three_values():
    from typing import get_args

    from game.content.schema import Basis

    assert set(get_args(Basis)) == {"explicit", "implied", "hedged"}


def test_a_designers_choice_without_its_interpretation_is_caught(tmp_path):
    tree = copy_tree(tmp_path)
    rules = tree / "common/rules.yaml"
    text = rules.read_text(encoding="utf-8")
    start = text.index("  - id: russia.price_sanctions")
    block = text[start : text.index("  - id: ", start + 10)]
    cut = block[: block.index("    interpretation:")] + "\n"
    rules.write_text(text.replace(block, cut), encoding="utf-8")
    found = problems_of(tree / "weak_guarantee.yaml")
    assert any(
        "rules.yaml" in p
        and "rules[" in p
        and "designer_gap: true needs an interpretation that says what the designer chose" in p
        for p in found
    ), found


# ---------------------------------------------------------------- invented and design numbers


def test_invented_events_say_so_in_the_data(bundles):
    events = {e.id: e for e in bundles["weak_guarantee"].common("events").events}
    for eid in ("event.summer_offensive", "event.baltic_alarm", "event.nordic_air"):
        assert events[eid].invented, eid
        assert events[eid].interpretation is not None
    for eid in ("event.anchorage", "event.trump_call", "event.witkoff_claim", "event.white_house"):
        assert not events[eid].invented, eid


def test_design_numbers_are_marked_as_such(bundles):
    b = bundles["weak_guarantee"]
    epilogue = b.common("epilogue").epilogue
    assert epilogue.interpretation is not None and "design numbers" in epilogue.interpretation.en
    assert b.common("rules").threshold.interpretation is not None
    for actor in b.common("actors").actors:
        for term in actor.score:
            assert term.interpretation is not None, term.id
            assert "design number" in term.interpretation.en or "designer" in term.interpretation.en
    terms = b.common("terms")
    for term in [*terms.credibility.terms, *terms.acceptability.terms]:
        assert term.interpretation is not None, term.id


# ---------------------------------------------------------------- every paragraph reaches the player


def test_every_paragraph_of_the_argument_reaches_the_player(bundles):
    from game.content.coverage import ARGUMENT, coverage, uncovered

    cov = coverage(bundles.values())
    assert list(cov)[:2] == ["P01", "P02"] and set(ARGUMENT) <= set(cov)
    assert uncovered(cov) == []
    # the thin ones named in the review reach a card, a briefing or a debrief question
    for pid, kinds in {
        "P05": {"debrief", "briefing"},
        "P13": {"debrief", "briefing"},
        "P23": {"debrief"},
        "P25": {"debrief"},
        "P26": {"debrief", "counter"},
    }.items():
        assert kinds <= {k for k, _ in cov[pid]}, (pid, cov[pid])


def test_coverage_finds_a_paragraph_nothing_cites(tmp_path):
    """Take away everything that cites P13 and the report names it."""
    from game.content.coverage import coverage, report, uncovered

    tree = copy_tree(tmp_path)
    for path in tree.rglob("*.yaml"):
        if path.name == "article.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("P10, P13, P15", "P10, P15")
            .replace("P06, P13", "P06")
            .replace("[P13]", "[P15]")
            .replace("P10, P13, P14", "P10, P14")
            .replace("P03, P13, P14", "P03, P14")
            .replace("P03, P05, P13", "P03, P05"),
            encoding="utf-8",
        )
    cov = coverage([load(p, lint=False) for p in sorted(tree.glob("*.yaml"))])
    assert uncovered(cov) == ["P13"]
    assert report(cov)[-1] == "not reaching the player: P13"


def test_validate_coverage_lists_each_paragraph(capsys):
    from game.cli import main

    assert main(["validate", "--coverage"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "ok"
    assert out[-2] == "every paragraph P01-P31 reaches the player"
    p13 = next(line for line in out if line.startswith("P13 "))
    assert "debrief debrief.acceptable" in p13 and "briefing ground_troops.europe" in p13
    assert sum(1 for line in out if line[:1] in "PH" and ": " in line) == 37


def test_the_air_support_remark_is_dated_as_the_news_dates_it(bundles):
    b = bundles["air_support_only"]
    events = {e.id: e for e in b.common("events").events}
    assert str(events["event.air_support_remark"].date) == "2025-08-19"
    assert "fc.air_support_date" in events["event.air_support_remark"].factcheck
    for c in b.common("arguments").counters:
        for text in (c.text.en, c.text.ar):
            assert "20 August" not in text and "20 أغسطس" not in text, c.id


def test_lines_the_text_does_not_give_the_speaker_are_marked(bundles):
    counters = {c.id: c for c in bundles["weak_guarantee"].common("arguments").counters}
    for cid in ("counter.us_deal_within_reach", "counter.ru_dilemma", "counter.us_rubio_handles"):
        assert counters[cid].invented and counters[cid].interpretation is not None, cid
    assert not counters["counter.ru_nyet"].invented  # Russia's own stated position (P15)


def test_a_cards_english_and_arabic_evidence_quote_as_much_of_the_paragraph(bundles):
    """The two languages quote the same words: neither drops the half of a sentence that
    carries the point (as the Arabic of the readiness card once stopped before 'unless')."""
    b = bundles["weak_guarantee"]
    paragraphs = {p.id: p for p in b.common("article").paragraphs}
    for a in b.common("arguments").arguments:
        p = paragraphs[a.evidence_ref]
        en = len(a.evidence.en) / len(p.en)
        ar = len(a.evidence.ar) / len(p.ar)
        assert abs(en - ar) <= 0.2, (a.id, round(en, 2), round(ar, 2))


def test_a_disputed_figure_on_a_card_needs_its_fact_check_even_without_citing_its_paragraph(
    tmp_path,
):
    tree = copy_tree(tmp_path)
    args = tree / "common/arguments.yaml"
    text = args.read_text(encoding="utf-8")
    start = text.index("  - id: counter.us_cold_war_over")
    block = text[start : text.index("  - id: ", start + 10)]
    changed = block.replace("    source: [P26]", "    source: [P25]").replace(
        "    factcheck: [fc.us_troops_2010]\n", ""
    )
    args.write_text(text.replace(block, changed), encoding="utf-8")
    found = problems_of(tree / "weak_guarantee.yaml")
    assert any(
        "arguments.yaml" in p
        and "repeats the figure '65000' from P26, whose record differs; add factcheck: [fc.us_troops_2010]"
        in p
        for p in found
    ), found
