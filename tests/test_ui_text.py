"""The text-layout module: wrap first, then reshape and reorder per line (GAME-DESIGN 6)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import ast
import random
import re
import unicodedata
from pathlib import Path

import pygame
import pytest

from game.ui import text
from game.ui.i18n import LOCALE_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    pygame.font.init()
    yield


def _visual_lines(s: str, lang: str, width: int = 4000, size: int = 20) -> list[str]:
    return [ln.visual for ln in text.layout(s, text.get_font(size), width, lang)]


def test_digits_and_latin_keep_their_order_inside_arabic():
    (line,) = _visual_lines("في عام 2014 قدّرت دراسة RAND", "ar")
    assert "2014" in line and "4102" not in line
    assert "RAND" in line and "DNAR" not in line
    # right to left: the first logical word is at the right end, the last at the left
    assert line.index("RAND") < line.index("2014")
    # Arabic letters are shaped (presentation forms), not the isolated logical letters
    assert re.search("[\ufe70-\ufeff]", line)


def test_paragraph_ids_and_brackets_in_arabic():
    (line,) = _visual_lines("كما في الفقرة (P16) من المقال", "ar")
    assert "(P16)" in line  # python-bidi's Rust get_display gave ")P16("
    (line,) = _visual_lines("«الضمانات» في P13–P15", "ar")
    assert "P13–P15" in line


def test_number_range_inside_arabic_reads_right_to_left():
    # each number stays whole; the range reads in the sentence's direction, as the Unicode
    # algorithm (and a browser showing the HTML debrief) gives it: 15,000 to the right
    (line,) = _visual_lines("اقترح قوة من 15,000-20,000 جندي أوروبي", "ar")
    assert "15,000" in line and "20,000" in line
    assert "000,51" not in line and "000,02" not in line
    assert line.index("20,000") < line.index("15,000")
    (line,) = _visual_lines("a force of 15,000-20,000 European soldiers", "en")
    assert "15,000-20,000" in line


def test_a_number_at_the_start_of_a_wrapped_line_keeps_its_context():
    para = "لم يُعثر على رقم 15000-20000 في المصادر التي رُوجعت في التقرير الطويل جدا"
    font = text.get_font(20)
    for width in range(120, 900, 7):
        for ln in text.layout(para, font, width, "ar"):
            if "15000" in ln.visual and "20000" in ln.visual:
                assert ln.visual.index("20000") < ln.visual.index("15000"), (width, ln.logical)


def test_english_inside_english_ui_is_untouched():
    (line,) = _visual_lines("Paragraph P16 (2014): RAND", "en")
    assert line == "Paragraph P16 (2014): RAND"


def _corpus() -> list[str]:
    out = []
    for p in sorted((ROOT / "scenarios").rglob("*.yaml")):
        for ln in p.read_text(encoding="utf-8").splitlines():
            ln = ln.strip().strip("-").strip()
            if ":" in ln:
                ln = ln.split(":", 1)[1].strip().strip('"')
            if len(ln) > 20:
                out.append(ln)
    return out


def test_wrapping_never_exceeds_the_width_and_loses_no_word():
    rng = random.Random(5)
    corpus = _corpus()
    assert len(corpus) > 200
    for _ in range(400):
        s = " ".join(rng.sample(corpus, rng.randint(1, 3)))
        size = rng.choice([13, 18, 25, 36])
        width = rng.randint(40, 900)
        lang = rng.choice(["en", "ar"])
        font = text.get_font(size, rng.random() < 0.3)
        lines = text.layout(s, font, width, lang)
        for ln in lines:
            assert ln.surface.get_width() <= width or " " not in ln.logical, (width, ln.logical)
            assert ln.x >= 0
            assert ln.x + ln.surface.get_width() <= max(width, ln.surface.get_width())
        joined = " ".join(ln.logical for ln in lines if ln.logical)
        assert "".join(joined.split()) == "".join(s.split())


def test_alignment_follows_the_language():
    font = text.get_font(18)
    (ar,) = text.layout("نص قصير", font, 600, "ar")
    (en,) = text.layout("short text", font, 600, "en")
    assert ar.x + ar.width == 600  # right-aligned in Arabic
    assert en.x == 0
    (c,) = text.layout("short text", font, 600, "en", align="center")
    assert abs(c.x - (600 - c.width) // 2) <= 1


def test_layouts_and_lines_are_cached():
    font = text.get_font(19)
    a = text.layout("تقول الترجمة العربية كذا وكذا 2025", font, 300, "ar")
    before = text.cache_stats()["misses"]
    b = text.layout("تقول الترجمة العربية كذا وكذا 2025", font, 300, "ar")
    assert [x.surface for x in a] == [x.surface for x in b]
    assert all(x.surface is y.surface for x, y in zip(a, b, strict=True))
    assert text.cache_stats()["misses"] == before


def test_draw_text_returns_the_height_used():
    surf = pygame.Surface((400, 400), pygame.SRCALPHA)
    style = text.TextStyle(18)
    h = text.draw_text(
        surf, "one two three four five six seven eight nine ten", (0, 0, 120, 0), style, "en"
    )
    assert h == text.text_height(
        "one two three four five six seven eight nine ten", style, 120, "en"
    )
    assert h >= 3 * style.line_height
    assert text.draw_text(surf, "", (0, 0, 100, 0), style, "en") == style.line_height


def test_truncate_adds_an_ellipsis_and_fits():
    font = text.get_font(18)
    s = text.truncate("a long sentence that will not fit in the space", font, 120)
    assert s.endswith(text.ELLIPSIS)
    assert font.size(s)[0] <= 120


def test_no_set_script_or_set_direction_anywhere():
    # they shape Arabic but reverse digits and Latin words ("2014" -> "4102")
    for p in (ROOT / "game").rglob("*.py"):
        src = p.read_text(encoding="utf-8")
        assert ".set_script(" not in src and ".set_direction(" not in src, p


def test_has_glyphs_finds_missing_characters():
    font = text.get_font(20)
    assert text.has_glyphs(font, "Guarantor الضامن 2014 «»—…✓✗⇄⋯▲▼⚠◆✎")
    assert not text.has_glyphs(font, "中")
    assert not text.has_glyphs(None, "⌕")
    assert text.missing_glyphs("ab中c") == ["中"]


def _ui_literals() -> str:
    """Every string literal in the UI's code (symbols drawn by widgets and scenes)."""
    out = []
    for p in (ROOT / "game" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                v = node.value
                # docstrings are not drawn (they may quote anything); nor are regex classes
                if len(v) < 40 and not v.startswith("["):
                    out.append(v)
    # bidi control marks are used for the algorithm and removed before rendering; Arabic
    # in the code is only for matching (search folding), the UI's Arabic is in the catalogues
    return "".join(
        ch
        for ch in "".join(out)
        if unicodedata.category(ch) not in ("Cf", "Cc") and not text.has_arabic(ch)
    )


@pytest.mark.parametrize("bold", [False, True])
def test_every_character_of_the_content_and_ui_has_a_glyph(bold):
    chars = set()
    for p in sorted((ROOT / "scenarios").rglob("*.yaml")):
        chars |= set(p.read_text(encoding="utf-8"))
    for p in sorted(LOCALE_DIR.rglob("*.yaml")):
        chars |= set(p.read_text(encoding="utf-8"))
    chars |= set(_ui_literals())
    chars -= {"\n", "\r", "\t"}
    sample = "".join(sorted(chars))
    assert text.missing_glyphs(sample, bold=bold) == []
    # and the shaped forms of every Arabic string (contextual forms, lam-alef)
    for p in sorted((ROOT / "scenarios").rglob("*.yaml")):
        for ln in p.read_text(encoding="utf-8").splitlines():
            if text.has_arabic(ln):
                assert text.missing_glyphs(text.reshape(ln), bold=bold) == [], ln


def test_fonts_are_shipped_with_their_licence():
    fonts = ROOT / "assets" / "fonts"
    assert (fonts / "DejaVuSans.ttf").is_file()
    assert (fonts / "DejaVuSans-Bold.ttf").is_file()
    lic = (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in lic and "Arev" in lic


def test_ltr_keeps_a_path_or_message_whole_inside_arabic():
    (line,) = _visual_lines("ما حدث: " + text.ltr("KeyError: 'P99'"), "ar")
    assert "KeyError: 'P99'" in line
    assert "\u202a" not in line and "\u202c" not in line  # the marks are never drawn
    para = "حُفظ تقرير عن العطل في: " + text.ltr(
        "/home/x/.local/share/guarantor/crashes/crash-1.txt"
    )
    lines = [ln.visual for ln in text.layout(para, text.get_font(18), 160, "ar")]
    joined = "".join(ln for ln in lines if "/" in ln or "." in ln)
    assert "/home/x/.local/share/guarantor/crashes/crash-1.txt" in joined.replace(" ", "")


def _english_strings_with_arabic() -> list[str]:
    """Every English text of the shipped content that contains Arabic (translation notes
    quote the Arabic words they discuss)."""
    import yaml

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            en = node.get("en")
            if isinstance(en, str) and text.has_arabic(en) and "ar" in node:
                found.append(en)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for p in sorted((ROOT / "scenarios").rglob("*.yaml")):
        walk(yaml.safe_load(p.read_text(encoding="utf-8")))
    return found


def test_an_english_note_that_begins_with_an_arabic_word_reads_left_to_right():
    notes = _english_strings_with_arabic()
    starting = [n for n in notes if text.first_strong(n) in ("R", "AL")]
    assert len(starting) >= 5, "the content's translation notes quote Arabic first"
    for note in notes:
        assert text.direction(note, "en") == "L", note
        (line,) = _visual_lines(note, "en")
        # the sentence's own first and last characters stay at its start and end
        if not text.has_arabic(note[0]):
            assert line[0] == note[0], (note, line)
        if not text.has_arabic(note[-1]):
            assert line[-1] == note[-1], (note, line)
        words = re.compile(r"[A-Za-z][A-Za-z-]*")
        assert words.findall(line) == words.findall(note), (note, line)


def test_a_bracket_inside_an_arabic_phrase_stays_inside_it_in_english():
    note = "The Russian word for 'no' is left in Latin letters; it could be rendered 'لا (نيِت)'."
    (line,) = _visual_lines(note, "en")
    tail = line[line.index("rendered") + len("rendered ") :]
    # visually: '(تِين) لا'. : both brackets between the quote marks, around the second word
    assert tail[0] == "'" and tail.endswith("'."), tail
    inner = tail[1:-2]
    assert inner.count("(") == 1 and inner.count(")") == 1, inner
    assert inner.index("(") < inner.index(")")
    assert text.has_arabic(inner[inner.index("(") : inner.index(")")])
    assert text.has_arabic(inner[inner.index(")") :]), inner


def test_an_arabic_sentence_with_english_words_keeps_its_direction():
    s = "أُعيد نشره من موقع ذا كونفرسيشن (The Conversation) بموجب ترخيص."
    assert text.direction(s, "ar") == "R"
    (line,) = _visual_lines(s, "ar")
    assert line[0] == "." and "(The Conversation)" in line
    # a whole paragraph in the other script keeps that script's direction
    assert text.direction("العربية", "en") == "R"
    assert text.direction("RAND (2014).", "ar") == "L"
