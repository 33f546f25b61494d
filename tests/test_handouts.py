"""`guarantor handouts`: a private page per seat and the teacher's sheet, parsed as HTML.

Each seat's page holds its own private words (briefing, objectives, score parts, red lines,
the cards the engine deals it) and none of another seat's; the teacher's sheet names Russia's
answer to the opening package as the engine computes it. Every scenario, both languages.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from game.engine import Engine
from game.engine.strategies import TARGETS
from game.report import handouts
from game.ui import i18n
from game.ui.notes import notes, text_of

from .conftest import ROOT

LANGS = ("en", "ar")
DISTINCT = 20
"""Private words at least this long are another seat's marker: no other page may hold them."""


class Page(HTMLParser):
    """A page's text (entities decoded), its tags with attributes, and the text under each
    element with an id."""

    def __init__(self, doc: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.open_ids: list[tuple[str, str, int]] = []
        self.by_id: dict[str, str] = {}
        self.feed(doc)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id") and tag not in ("br",):
            self.open_ids.append((tag, str(a["id"]), len(self.chunks)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open_ids) - 1, -1, -1):
            if self.open_ids[i][0] == tag:
                _, ident, start = self.open_ids.pop(i)
                self.by_id[ident] = " ".join(self.chunks[start:])
                break

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.chunks)

    def attrs(self, name: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if name in a]


def private_words(bundle: Any, engine: Engine, seat: str, lang: str, seed: int) -> set[str]:
    """What only `seat` may read: its briefing, objectives, score parts, red lines and flexible
    positions' words, and the claims of the cards the engine deals it for the seed."""
    actor = engine.actors[seat]
    out = {text_of(actor["private_objectives"], lang)}
    brief = bundle.scenario.briefings.get(seat)
    if brief is not None:
        out |= {text_of(brief.situation, lang), text_of(brief.objectives, lang)}
    out |= {text_of(p["label"], lang) for p in actor.get("score", [])}
    out |= {text_of(o["says"], lang) for o in actor.get("red_lines", [])}
    out |= {text_of(o["says"], lang) for o in actor.get("flexible", [])}
    state, _ = engine.new_game(seed, humans=list(engine.seats))
    out |= {text_of(engine.arguments[c]["claim"], lang) for c in state["hands"][seat]}
    return {w for w in out if w}


def public_words(lang: str) -> set[str]:
    """The game's shared vocabulary (an indicator's name may also label a seat's score part)."""
    from game.ui import vocab

    return {
        vocab.indicator_name(i, lang) for i in (*vocab.INDICATORS, "credibility", "acceptability")
    }


@pytest.fixture(scope="module")
def pages(bundles: dict[str, Any]) -> dict[tuple[str, str], dict[str, Page]]:
    return {
        (sid, lang): {name: Page(doc) for name, doc in handouts.build(b, lang, 1).items()}
        for sid, b in bundles.items()
        for lang in LANGS
    }


def test_every_scenario_and_language_has_its_pages(bundles, pages):
    for (sid, lang), docs in pages.items():
        seats = list(bundles[sid].book["seats"])
        assert set(docs) == {*(f"{s}.html" for s in seats), "teacher.html", "index.html"}
        links = {a["href"] for a in docs["index.html"].attrs("href")}
        assert links == set(docs) - {"index.html"}
        for page in docs.values():
            html = [a for t, a in page.tags if t == "html"]
            want = {"lang": "ar", "dir": "rtl"} if lang == "ar" else {"lang": "en", "dir": "ltr"}
            assert html == [want]


def test_a_seat_page_holds_its_own_private_words_and_no_other_seats(bundles, engines, pages):
    for (sid, lang), docs in pages.items():
        engine = engines[sid]
        own = {s: private_words(bundles[sid], engine, s, lang, 1) for s in engine.seats}
        for seat in engine.seats:
            text = docs[f"{seat}.html"].text
            for words in own[seat]:
                assert words in text, (sid, lang, seat, words)
            for other in engine.seats:
                if other == seat:
                    continue
                for words in own[other] - own[seat] - public_words(lang):
                    if len(words) < DISTINCT:
                        continue  # "A deal": a short label, words any page may hold
                    assert words not in text, (sid, lang, seat, "shows", other, words)


def test_the_hand_is_the_engines_deal_for_the_seed(bundles, engines):
    """The cards on a seat's page are those the engine deals for the seed (every seat played
    by people), and another seed deals another hand somewhere."""
    b, engine = bundles["ground_troops"], engines["ground_troops"]
    hands = {}
    for seed in (1, 2):
        docs = {n: Page(d) for n, d in handouts.build(b, "en", seed).items()}
        state, _ = engine.new_game(seed, humans=list(engine.seats))
        for seat in engine.seats:
            cards = [
                a["id"] for a in docs[f"{seat}.html"].attrs("id") if a["id"] in engine.arguments
            ]
            assert cards == state["hands"][seat]
            assert f"seed {seed}" in docs[f"{seat}.html"].text
        hands[seed] = state["hands"]
    assert hands[1] != hands[2]


def test_the_teacher_sheet_names_russias_opening_answer_as_the_engine_computes_it(
    bundles, engines, pages
):
    from game.ui import vocab

    for (sid, lang), docs in pages.items():
        engine = engines[sid]
        state, _ = engine.new_game(1, humans=list(engine.seats))
        verdict = engine.assess(state, state["package"])
        sheet = docs["teacher.html"]
        stance = vocab.stance_word(verdict.stance, lang)
        assert stance in sheet.by_id["opening-answer"]
        rows = {a["data-probe"]: a for a in sheet.attrs("data-probe")}
        assert set(rows) == {"opening", *TARGETS}
        stances = [a["data-stance"] for a in sheet.attrs("data-stance")]
        rules = [str(a["data-rules"]).split() for a in sheet.attrs("data-rules")]
        assert stances[0] == verdict.stance and rules[0] == verdict.rules
        none = i18n.t("handouts.accepted_none", lang)
        assert (none in sheet.text) == ("accept" not in stances), (sid, lang, stances)
        for r in verdict.rules:
            card = sheet.by_id[f"rule-{r}"]
            assert text_of(engine.rule_by_id[r]["says"], lang) in card
            for pid in engine.rule_by_id[r]["source"]:
                assert pid in card


def test_each_strategys_answer_is_the_engines(bundles, engines, pages):
    from game.engine import package as pkg

    docs = pages[("air_support_only", "en")]
    engine = engines["air_support_only"]
    state, _ = engine.new_game(1, humans=list(engine.seats))
    sheet = docs["teacher.html"]
    stances = [a["data-stance"] for a in sheet.attrs("data-stance")][1:]
    rules = [str(a["data-rules"]).split() for a in sheet.attrs("data-rules")][1:]
    for (name, target), stance, fired in zip(TARGETS.items(), stances, rules, strict=True):
        p = pkg.normalise(dict(target))
        for clause in engine.locked:
            p[clause] = pkg.copy(state["package"])[clause]
        v = engine.assess(state, p)
        assert (stance, fired) == (v.stance, v.rules), name
    assert len(set(stances)) > 1  # the sheet compares answers that differ


def test_notes_stand_beside_what_carries_them(bundles, pages):
    """A briefing's fact check in the screens' words; a red line's interpretation marked
    (◇: the page keeps to one sheet; the game gives the reading beside the same item), and
    each fact check given once a page."""
    b = bundles["ground_troops"]
    for lang in LANGS:
        docs = pages[("ground_troops", lang)]
        checks = {f.id: f for f in b.common("factchecks").factchecks}
        brief = b.scenario.briefings["europe"]
        words = notes(lang, checks, brief)
        assert any(k == "factcheck" for k, _ in words)
        page = docs["europe.html"].text
        for kind, w in words:
            assert (w in page) == (kind != "interpretation"), (kind, w)
        red = b.book["actors"]["europe"]["red_lines"][0]
        said = notes(lang, checks, red)
        assert any(k == "interpretation" for k, _ in said)
        for kind, w in said:
            assert (w in page) == (kind != "interpretation"), (kind, w)
        assert text_of(red["says"], lang) + " " + handouts.INTERPRETED in page
        assert i18n.t("handouts.interpreted", lang) in page
        for _, w in words:
            assert page.count(w) <= 1, w
        # an invented rule on the teacher's sheet keeps its tag
        assert i18n.t("common.invented", lang) in docs["teacher.html"].text


def test_the_glossary_lists_terms_the_page_uses():
    keys = handouts.term_keys
    words = handouts._tokens
    assert handouts.uses_term(
        words("the 1994 Budapest assurances"), keys("Budapest Memorandum (1994)")
    )
    assert handouts.uses_term(words("it would deter far more"), keys("Deterrence"))
    assert handouts.uses_term(words("Russia plays for time"), keys("Playing for time"))
    assert handouts.uses_term(
        words("de jure recognition"), keys("De facto occupation / recognition")
    )
    assert not handouts.uses_term(words("a deal soon"), keys("Deterrence"))
    assert not handouts.uses_term(words("red lines"), keys("Air support"))


def test_a_seat_glossary_is_chosen_from_its_own_words(bundles, pages):
    """The terms the page's own words use, each with its name in the other language (their
    definitions are in the game's glossary)."""
    b = bundles["ground_troops"]
    glossary = b.common("glossary").glossary
    heading = i18n.t("glossary.heading", "en")
    en_doc = pages[("ground_troops", "en")]["europe.html"]
    en = en_doc.text
    body = en.split(heading)[0]
    listed = en.split(heading)[1]
    for lang in LANGS:
        page = pages[("ground_troops", lang)]["europe.html"].text
        part = page.split(i18n.t("glossary.heading", lang))[1]
        shown = [g for g in glossary if text_of(g.term, lang) in part]
        assert shown, "the page lists some terms"
        assert len(shown) < len(glossary), "and not the whole glossary"
        other = i18n.other(lang)
        for g in shown:
            assert text_of(g.term, other) in part, g.id
    for g in glossary:
        used = handouts.uses_term(handouts._tokens(body), handouts.term_keys(g.term.en))
        assert bool(re.search(re.escape(g.term.en) + r"\s*\(", listed)) == used, g.id


def test_pages_fetch_nothing_and_print_each_seat_on_its_own_sheets(pages):
    import re

    for docs in pages.values():
        for name, page in docs.items():
            raw = handouts.PRINT_CSS
            assert "@media print" in raw
            assert not page.attrs("src")
            for a in page.attrs("href"):
                assert re.fullmatch(r"[a-z]+\.html", str(a["href"])), (name, a)


def test_every_strategy_and_lesson_step_has_words_in_both_languages():
    for lang in LANGS:
        cat = i18n.catalogue(lang)
        for name in TARGETS:
            assert f"handouts.strategy.{name}" in cat
        for _, _, step, _ in handouts.lesson_plan(8):
            assert f"handouts.lesson.{step}" in cat


def test_the_lesson_fits_45_minutes():
    for rounds in (1, 3, 4, 8, 30):
        plan = handouts.lesson_plan(rounds)
        assert plan[0][0] == 0 and plan[-1][1] == handouts.LESSON_MINUTES
        assert all(a[1] == b[0] for a, b in itertools.pairwise(plan))
        assert all(end > start for start, end, _, _ in plan)
        assert plan[0][1] == 5  # the tutorial as a five-minute opener
        rounds_row = next(p for p in plan if p[2] == "rounds")
        assert rounds_row[3] == min(rounds, handouts.LESSON_ROUNDS)


# ---------------------------------------------------------------- the command


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_the_command_writes_the_pages_and_lists_them(tmp_path):
    out = run("handouts", "--scenario", "tutorial", "--out", str(tmp_path / "h"), "--lang", "ar")
    assert out.returncode == 0, out.stderr
    names = [Path(line).name for line in out.stdout.splitlines()]
    assert names == ["europe.html", "us.html", "ukraine.html", "teacher.html", "index.html"]
    page = Page((tmp_path / "h" / "europe.html").read_text("utf-8"))
    assert ("html", {"lang": "ar", "dir": "rtl"}) in page.tags
    assert not [p for p in (tmp_path / "h").iterdir() if p.name.endswith(".tmp")]


def test_the_default_seed_is_the_modules(tmp_path):
    from game.cli import _parser

    args = _parser().parse_args(["handouts", "--scenario", "tutorial", "--out", "x"])
    assert args.seed == handouts.DEFAULT_SEED


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--scenario", "nowhere"], "unknown scenario 'nowhere'"),
        (["--scenario", "tutorial", "--lang", "fr"], "invalid choice: 'fr'"),
        (["--scenario", "tutorial", "--seed", "x"], "invalid int value: 'x'"),
    ],
)
def test_wrong_input_is_one_line_and_exit_2(tmp_path, args, says):
    out = run("handouts", "--out", str(tmp_path / "h"), *args)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert len(out.stderr.splitlines()) == 1 and says in out.stderr, out.stderr
    assert not (tmp_path / "h").exists()  # nothing made for a command that cannot run


def test_an_out_that_is_a_file_is_one_line_and_exit_2(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("x")
    out = run("handouts", "--scenario", "tutorial", "--out", str(f))
    assert out.returncode == 2
    assert out.stderr.strip() == f"guarantor: --out {f}: is a file, not a folder"
    assert f.read_text() == "x"


def test_stdout_on_a_full_device_is_one_line_and_exit_74_and_the_pages_are_written(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [sys.executable, "-m", "game", "handouts", "--scenario", "tutorial", "--out", tmp_path],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
    assert out.returncode == 74
    assert out.stderr.strip() == "guarantor: cannot write the output: no space left on the device"
    assert (tmp_path / "index.html").is_file()


def test_a_scenario_with_two_seats_has_two_seat_pages(tmp_path):
    """A teacher's copy that seats only Europe and the US: no Ukraine page, none linked."""
    src = (ROOT / "scenarios" / "tutorial.yaml").read_text("utf-8")
    assert "\nseats: [europe, us, ukraine]\n" in src
    copy = tmp_path / "two.yaml"
    copy.write_text(src.replace("\nseats: [europe, us, ukraine]\n", "\nseats: [europe, us]\n"))
    out = run("handouts", "--scenario", str(copy), "--out", str(tmp_path / "h"))
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in (tmp_path / "h").iterdir())
    assert names == ["europe.html", "index.html", "teacher.html", "us.html"]
    index = Page((tmp_path / "h" / "index.html").read_text("utf-8"))
    assert sorted(str(a["href"]) for a in index.attrs("href")) == [
        "europe.html",
        "teacher.html",
        "us.html",
    ]


# ---------------------------------------------------------------- one sheet per seat

SEAT_CHARS = 6100
"""The most words (characters of text) a seat's page held among those printed on one page,
A4 and Letter, by headless Chromium (`chromium --headless --print-to-pdf`, every scenario,
both languages, seeds 1 and 7; the longest, ground_troops' Europe in English, 6,012): a
page that grows past it must be printed again to see that it still fits."""


def test_each_seats_page_is_one_sheet_by_its_print_css_and_its_length(pages):
    """What can be checked without a browser: the page's size is left to the printer's
    paper (A4 or Letter, no fixed size), its margins and print type are those measured to
    fit, a seat's page ends with a page break, and its words are within what fitted."""
    css = handouts.PRINT_CSS
    assert "@page { margin: 8mm; }" in css and not re.search(r"@page[^}]*size", css)
    assert "main.seat { break-after: page; }" in css
    assert "body { font-size: 7.5pt; line-height: 1.2; }" in css
    assert ".seat .cols2 { column-count: 3;" in css
    for (sid, lang), docs in pages.items():
        for seat in ("europe", "us", "ukraine"):
            doc = docs.get(handouts.seat_file(seat))
            if doc is None:
                continue
            main = doc.by_id[seat]
            assert len(main) <= SEAT_CHARS, (sid, lang, seat, len(main))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pdf_pages(html: Path, size: str, tmp: Path) -> int:
    """The pages headless Chromium prints `html` on, on paper of `size` (A4, letter)."""
    doc = html.read_text(encoding="utf-8").replace(
        "</style>", f"@page {{ size: {size}; }}</style>", 1
    )
    page = tmp / f"{html.stem}-{size}.html"
    page.write_text(doc, encoding="utf-8")
    pdf = page.with_suffix(".pdf")
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to print with (see SEAT_CHARS)")
@pytest.mark.parametrize("lang", LANGS)
def test_the_longest_seat_page_prints_on_one_page_a4_and_letter(tmp_path, lang):
    out = tmp_path / "pages"
    done = run(
        "handouts", "--scenario", "ground_troops", "--out", str(out), "--lang", lang, "--seed", "7"
    )
    assert done.returncode == 0, done.stderr
    for paper in ("A4", "letter"):
        assert pdf_pages(out / "europe.html", paper, tmp_path) == 1, (lang, paper)
    assert pdf_pages(out / "teacher.html", "A4", tmp_path) >= 1
