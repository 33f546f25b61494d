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
