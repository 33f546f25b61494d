"""The UI catalogues: the same keys and placeholders in English and Arabic; theme signals."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import re

import pytest

from game.ui import i18n, vocab
from game.ui.theme import PALETTE, ROLES, SIGNAL_NAMES, Theme, clamp_scale, contrast, signal

ARABIC = re.compile("[\u0600-\u06ff]")
EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
# values that are the same in both languages (key names, the other language's name, ...)
SAME_OK = {
    "app.name_other",
    "common.value_pct",
    "settings.scale_value",
    "date.format",
    "ending.score_of",
    "footer.language",
    "handouts.weight_of",
    "handouts.sums",
}


def test_both_catalogues_have_the_same_keys():
    en, ar = i18n.catalogue("en"), i18n.catalogue("ar")
    assert sorted(set(en) - set(ar)) == [], "missing in ar.yaml"
    assert sorted(set(ar) - set(en)) == [], "missing in en.yaml"


def test_placeholders_match():
    en, ar = i18n.catalogue("en"), i18n.catalogue("ar")
    bad = {
        k: (i18n.placeholders(en[k]), i18n.placeholders(ar[k]))
        for k in en
        if i18n.placeholders(en[k]) != i18n.placeholders(ar[k])
    }
    assert bad == {}


def test_arabic_strings_are_arabic_with_western_digits():
    ar = i18n.catalogue("ar")
    for k, v in ar.items():
        assert v.strip(), k
        assert not EASTERN_DIGITS.search(v), k
        if (
            not k.startswith("keys.")
            and k not in SAME_OK
            and re.search("[A-Za-z]{3}", v.replace("Ctrl", ""))
        ):
            assert ARABIC.search(v), f"{k} looks untranslated: {v!r}"


def test_t_fills_placeholders_and_never_raises():
    assert i18n.t("common.round_of", "en", n=2, total=8) == "Round 2 of 8"
    assert "2" in i18n.t("common.round_of", "ar", n=2, total=8)
    assert i18n.t("no.such.key", "ar") == "no.such.key"
    assert i18n.t("common.round_of", "en") == "Round {n} of {total}"  # missing values: as is


def test_duplicate_keys_are_refused(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("a:\n  b: one\n  b: two\n", encoding="utf-8")
    with pytest.raises(i18n.CatalogueError, match="duplicate key 'b'"):
        i18n.read_catalogue(p)


def test_every_engine_word_has_a_string():
    for lang in i18n.LANGS:
        for clause in vocab.CLAUSES:
            assert i18n.has(f"package.{clause.replace('.', '_')}", lang)
        for clause, values in vocab.CLAUSE_VALUES.items():
            for v in values:
                assert i18n.has(f"package.values.{clause}.{v}", lang), (clause, v)
        for s in vocab.STANCES:
            assert i18n.has(f"stance.{s}", lang)
        for name in [*vocab.INDICATORS, "credibility", "acceptability"]:
            assert i18n.has(f"indicator.{name}", lang)
            assert i18n.has(f"indicator.help.{name}", lang)
        for o in vocab.OUTCOMES:
            assert i18n.has(f"outcome.{o}", lang)
        for w in (
            "roll",
            "strength",
            "relevance",
            "counter",
            "total",
            "target",
            "success",
            "failure",
        ):
            assert i18n.has(f"debate.{w}", lang)
        for seat in (*vocab.SEATS, "russia"):
            assert i18n.has(f"seat.{seat}", lang)


def test_vocab_words():
    assert vocab.clause_value("troops.europe", 15000, "en") == "15,000 soldiers"
    assert vocab.clause_value("sanctions", "tighten", "ar") == "تشديد"
    assert vocab.clause_value("nato_membership", True, "en") == "Ukraine joins NATO"
    assert vocab.stance_label("reject", "en") == "✗ Reject"
    assert vocab.date_words("2025-08-15", "ar") == "15 أغسطس 2025"
    items = vocab.package_items(
        {"troops": {"europe": 15000}, "pledge": "assurances"}, "en", only_changed=True
    )
    assert [c for c, _, _ in items] == ["troops.europe", "pledge"]


def test_colour_is_never_the_only_signal():
    for name in SIGNAL_NAMES:
        symbol, _ = signal(name)
        assert symbol.strip()
    stance_symbols = {signal(f"stance.{s}")[0] for s in vocab.STANCES}
    assert len(stance_symbols) == 4  # each stance its own symbol, and its own word
    assert signal("result.success")[0] != signal("result.failure")[0]


def test_contrast_for_a_projector():
    c = PALETTE
    for bg in (c.bg, c.bg_deep, c.panel, c.panel_hi):
        assert contrast(c.text, bg) >= 7.0
        assert contrast(c.text_dim, bg) >= 4.5
        for col in (c.accent, c.ok, c.bad, c.info, c.warn):
            assert contrast(col, bg) >= 4.5, (col, bg)
    assert contrast(c.on_accent, c.accent) >= 7.0
    assert contrast(c.text_faint, c.bg) >= 4.5


def test_scale_is_clamped_and_sizes_scale():
    assert clamp_scale(0.3) == 1.0 and clamp_scale(7) == 2.0 and clamp_scale("x") == 1.0
    assert clamp_scale(float("nan")) == 1.0
    a, b = Theme(1.0), Theme(2.0)
    for role in ROLES:
        assert b.text(role).size == 2 * a.text(role).size
    assert b.control_h == 2 * a.control_h


def test_a_seat_is_feminine_in_arabic():
    """Every seat's Arabic name (أوروبا، الولايات المتحدة، أوكرانيا، and Russia, روسيا) is
    feminine, so a verb whose subject is a seat agrees with it: «مرّرت أوكرانيا دورها», not
    «مرّر أوكرانيا دوره». The sentences that tell what another seat did open with their
    verb then the seat: the verb carries the feminine past ending ت."""
    from game.content.loader import load, resolve

    actors = load(resolve("weak_guarantee"), full=True, lint=False).book["actors"]
    names = {a["name"]["ar"].split(" (")[0] for a in actors.values()}
    assert names == {"أوروبا", "الولايات المتحدة", "أوكرانيا", "روسيا"}  # all feminine nouns
    ar = i18n.catalogue("ar")
    told = {k: v for k, v in ar.items() if k.startswith(("round.other.", "net.other."))}
    assert len(told) >= 8
    for k, v in told.items():
        verb, _, rest = v.strip('"').partition(" ")
        assert rest.startswith("{seat}"), (k, v)
        assert verb.endswith("ت"), (k, v)
    for k in ("round.end_turn_hint", "round.does.end_turn", "net.waiting", "net.refused_turn"):
        assert "تلعب" in ar[k] and "يلعب" not in ar[k], (k, ar[k])


SEAT_SLOTS = ("seat", "seats", "listener", "to", "owner", "by", "turn")


def test_a_seats_name_never_has_a_preposition_glued_to_it_in_arabic():
    """A one-letter preposition joined to a seat's name changes its spelling: ل with
    الولايات المتحدة is «للولايات المتحدة», never «لـالولايات المتحدة» (nor «لـأوكرانيا» for
    «لأوكرانيا»). A catalogue string puts a seat after a whole word instead («بيد»،
    «بالنسبة إلى»)."""
    ar = i18n.catalogue("ar")
    glued = re.compile(r"(?<![\u0600-\u06ff])[لبك]ـ?\{(" + "|".join(SEAT_SLOTS) + r")\}")
    bad = {k: v for k, v in ar.items() if glued.search(v)}
    assert bad == {}


def test_what_the_parties_panel_and_the_cards_say_of_a_seat_is_feminine_in_arabic():
    """The parties panel, the argument cards and the class view tell what a seat does or
    thinks, with the seat as subject: the verb and its pronoun agree with the feminine seat."""
    ar = i18n.catalogue("ar")
    want = {
        "round.has_agreed": "وافقت",
        "round.not_agreed": "توافق",
        "round.would_agree": "توافق",
        "round.until_persuaded": "ترفض",
        "round.their_line": "خطّها",
        "round.card_moves": "رأيها",
        "round.proposed_by": "اقترحتها",
        "round.agreed_by": "وافقت",
        "classroom.cv.agreed": "وافقت",
        "classroom.cv.objected": "اعترضت",
        "classroom.cv.not_agreed": "توافق",
        "after.answer.flexible": "ترفض",
    }
    assert {k: v for k, v in want.items() if v not in ar[k]} == {}
