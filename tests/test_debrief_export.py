"""`guarantor debrief SAVE --out FILE.html`: the printed debrief, its JSON log and its CSV
of scores, run as a teacher runs it on real saves of real games, in both languages."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from game import saves
from game.content.loader import load, resolve
from game.engine import Engine
from game.engine.session import Session
from game.report import debrief
from game.ui import explain as ex
from game.ui import vocab
from game.ui.flow import GameFlow, text
from game.ui.shots import paper_with_a_price, play_out

from .conftest import ROOT, table, title_app

VOID = {"br", "meta", "img", "hr", "input", "link", "wbr"}


class Page(HTMLParser):
    """The text of a page, whole and under each element that has an id; the tags met."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.by_id: dict[str, list[str]] = {}
        self.all: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.classes: dict[str, list[str]] = {}
        self._class_stack: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in VOID:
            return
        self.stack.append(a.get("id"))
        self._class_stack.append((a.get("class") or "").split())
        if a.get("id"):
            self.by_id.setdefault(str(a["id"]), [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        self.stack.pop()
        self._class_stack.pop()

    def handle_data(self, data: str) -> None:
        self.all.append(data)
        for i in self.stack:
            if i:
                self.by_id[i].append(data)
        for cls in {c for cs in self._class_stack for c in cs}:
            self.classes.setdefault(cls, []).append(data)

    def text(self, element_id: str | None = None) -> str:
        parts = self.all if element_id is None else self.by_id[element_id]
        return " ".join("".join(parts).split())


def parse(doc: str) -> Page:
    p = Page()
    p.feed(doc)
    p.close()
    return p


def squash(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- games, saved for real


_bundles: dict[str, Any] = {}


def bundle(sid: str) -> Any:
    if sid not in _bundles:
        _bundles[sid] = load(resolve(sid), full=True, lint=False)
    return _bundles[sid]


def with_facilitator(folder: Path) -> GameFlow:
    """Two teams; the facilitator rates an argument (the class voted) and overrides an
    indicator, each with a reason; then the package is tabled week after week."""
    flow = GameFlow.new(bundle("weak_guarantee"), ["europe", "ukraine"], seed=3, save_dir=folder)
    card = flow.state["hands"]["europe"][0]
    flow.act(
        {
            "type": "argue",
            "seat": "europe",
            "card": card,
            "dice": [6, 5],
            "reason": "The class voted it convincing",
        }
    )
    flow.end_turn()  # the computer's US plays; Ukraine's turn
    flow.act({"type": "argue", "seat": "ukraine", "card": flow.state["hands"]["ukraine"][0]})
    flow.act({"type": "override", "reason": "The summit went badly", "set": {"unity": 40}})
    while not flow.session.over:
        if flow.state["phase"] == "signing":
            flow.act({"type": "sign", "seat": flow.current_seat})
        else:
            table(flow, "europe")
    assert flow.session.over
    return flow


def timed_out(folder: Path) -> GameFlow:
    flow = GameFlow.new(bundle("ground_troops"), ["europe", "ukraine"], seed=11, save_dir=folder)
    play_out(flow, "reassurance")
    assert flow.session.over
    return flow


def dealt(folder: Path) -> GameFlow:
    flow = GameFlow.new(bundle("weak_guarantee"), ["ukraine"], seed=3, save_dir=folder)
    paper_with_a_price(flow)  # Moscow never signs the draft unchanged
    flow.act({"type": "sign", "seat": "ukraine"})
    assert flow.state["outcome"]["kind"] == "deal"
    return flow


def walked_out(folder: Path) -> GameFlow:
    """Europe walks out in round 1 before Russia answered anything: the war went on."""
    flow = GameFlow.new(bundle("weak_guarantee"), ["europe"], seed=5, save_dir=folder)
    flow.act({"type": "walk_out", "seat": "europe"})
    assert flow.state["outcome"]["kind"] == "collapse" and not flow.state["history"]
    return flow


def lesson(folder: Path) -> GameFlow:
    """A lesson's 3 rounds of ground_troops, tabled week after week to the end."""
    flow = GameFlow.new(bundle("ground_troops"), ["europe"], seed=4, save_dir=folder, rounds=3)
    play_out(flow, "reassurance")
    assert flow.session.over and flow.rounds == 3 < flow.engine.rounds
    return flow


GAMES = {
    "facilitator": with_facilitator,
    "timeout": timed_out,
    "deal": dealt,
    "collapse": walked_out,
    "lesson": lesson,
}


def run(*args: str, preexec: Any = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        preexec_fn=preexec,
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """Each game saved, then exported by the command line in both languages."""
    out: dict[tuple[str, str], Any] = {}
    for name, make in GAMES.items():
        folder = tmp_path_factory.mktemp(name)
        flow = make(folder / "saves")
        assert flow.save_path is not None
        for lang in ("en", "ar"):
            target = folder / f"{name}-{lang}.html"
            done = run("debrief", str(flow.save_path), "--out", str(target), "--lang", lang)
            assert done.returncode == 0, done.stderr
            assert done.stdout.split() == [
                str(target),
                str(target.with_suffix(".json")),
                str(target.with_suffix(".csv")),
            ]
            out[(name, lang)] = (flow, target)
    return out


# ---------------------------------------------------------------- the page


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("game", list(GAMES))
def test_the_page_has_every_round_rule_and_total(exported, game, lang):
    flow, path = exported[(game, lang)]
    page = parse(path.read_text(encoding="utf-8"))
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag == {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}
    history = flow.state["history"]
    assert history or game == "collapse"  # walked out before Russia answered anything
    for h in history:
        said = page.text(f"round-{h['round']}")
        assert vocab.stance_label(h["stance"], lang) in said, h["round"]
        for rid in h["rules"]:
            rule = flow.rules[rid]
            assert text(rule["title"], lang) in said, (h["round"], rid)
            assert rid in said
            assert squash(ex.ids(rule["source"])) in said, (h["round"], rid)
            words = text(rule.get("says"), lang)
            if words:
                assert squash(words) in said, (h["round"], rid)
    for seat, sc in flow.state["scores"].items():
        said = page.text(f"score-{seat}")
        assert vocab.seat_name(seat, lang) in said
        assert ex.num(float(sc["total"])) in said
        for part, value in sc["parts"]:
            assert flow.label(part, lang) in said
            assert ex.signed(float(value)) in said
    assert squash(text(flow.debrief.thesis.model_dump(), lang)) in page.text("thesis")
    for q in [*flow.bundle.scenario.debrief, *flow.debrief.questions]:
        assert squash(text(q.text.model_dump(), lang)) in page.text("questions")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_arguments_show_their_roll_or_the_facilitators_verdict_and_interventions_their_reason(
    exported, lang
):
    flow, path = exported[("facilitator", lang)]
    page = parse(path.read_text(encoding="utf-8"))
    said = page.text("round-1")
    words = debrief.Words(lang)
    played = [e for e in flow.session.all_events() if e["type"] == "argument"]
    assert [e["overridden"] for e in played[:2]] == [True, False]
    for e in played[:2]:
        card = flow.arguments[e["card"]]
        assert squash(text(card["claim"], lang)) in said
        # the notes as the screens word them: fact checks, interpretation, invented tag
        for _, note in ex.notes(words, flow.factchecks, card):
            assert squash(note) in said, note
    assert "The class voted it convincing" in said  # the verdict's reason
    assert ex.roll_sum(played[1]) in said  # the roll, every modifier shown
    assert words.t("report.interventions") in said
    assert "The summit went badly" in said
    assert vocab.indicator_name("unity", lang) in said


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_page_is_self_contained_with_inline_svg_charts(exported, lang):
    flow, path = exported[("timeout", lang)]
    doc = path.read_text(encoding="utf-8")
    page = parse(doc)
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
    assert "@import" not in doc and "url(" not in doc and "<script" not in doc
    svgs = [a for t, a in page.tags if t == "svg" and a.get("role") == "img"]
    assert len(svgs) == 2  # the indicators over the rounds, the credibility-acceptability path
    lines = [a for t, a in page.tags if t == "polyline"]
    assert len(lines) >= len(flow.state["indicators"])
    # the numbers behind the charts are printed beside them, a row per indicator
    said = page.text("indicators").replace(" ", "")
    opening = debrief.opening_indicators(flow)
    for name in flow.state["indicators"]:
        values = [opening[name], *(h["indicators"][name] for h in flow.state["history"])]
        row = vocab.indicator_name(name, lang) + "".join(str(v) for v in values)
        assert row.replace(" ", "") in said, name
    said = page.text("path").replace(" ", "")
    for h in flow.state["history"]:
        cells = [h["credibility"], h["acceptability"], h["threshold"]]
        row = debrief.Words(lang).t("after.debrief.r", n=h["round"]) + "".join(map(str, cells))
        assert row in said


def test_numbers_read_left_to_right_in_arabic(exported):
    flow, path = exported[("timeout", "ar")]
    doc = path.read_text(encoding="utf-8")
    us = flow.state["scores"]["us"]["total"]
    assert us < 0  # a negative total: "−26.2" must not show as "26.2−"
    assert f"<bdi dir='ltr' class='score-total'>{ex.num(us)}</bdi>" in doc
    assert f'<bdi dir="ltr">{ex.signed(flow.state["scores"]["us"]["parts"][0][1])}</bdi>' in doc


def test_the_files_are_as_readable_as_any_new_file(exported):
    """Written through a temporary file (mode 0600), but a page to share and print: the
    files take the mode any new file takes under the user's umask."""
    _, path = exported[("deal", "en")]
    mask = os.umask(0o22)
    os.umask(mask)
    for p in (path, path.with_suffix(".json"), path.with_suffix(".csv")):
        assert p.stat().st_mode & 0o777 == 0o666 & ~mask, p


# ---------------------------------------------------------------- the CSV and the JSON


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: spreadsheets read Arabic
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def end_screen_totals(flow: GameFlow, lang: str, tmp: Path) -> dict[str, str]:
    """The total the end screen shows for each seat, read from its rendered document."""
    from game.ui.app import App
    from game.ui.content import Content
    from game.ui.doc import Line
    from game.ui.scenes.ending import EndingScene

    app = App(
        size=(1280, 800),
        config_dir=tmp / "config",
        data_dir=tmp / "data",
        content=Content(),
        persist=False,
        lang=lang,
    )
    app.title()
    scene = EndingScene(app, flow)
    app.push(scene)
    app.render(force=True)
    names = {vocab.seat_name(s, lang): s for s in flow.engine.seats}
    out = {}

    def walk(b: Any) -> None:
        if isinstance(b, Line) and b.label in names and b.role == "h3":
            out[names[b.label]] = b.value
        for child in getattr(b, "children", []):
            walk(child)

    for view in (scene.side, scene.doc):
        for b in view.blocks:
            walk(b)
    return out


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("game", list(GAMES))
def test_csv_totals_are_the_engines_and_the_end_screens(exported, game, lang, tmp_path):
    flow, path = exported[(game, lang)]
    rows = read_csv(path.with_suffix(".csv"))
    scores = flow.state["scores"]
    totals = {r["seat"]: r for r in rows if r["part"] == "total"}
    assert set(totals) == set(scores)
    shown = end_screen_totals(flow, lang, tmp_path)
    for seat, sc in scores.items():
        assert float(totals[seat]["points"]) == sc["total"]
        assert shown[seat] == ex.num(float(totals[seat]["points"]))
        parts = [(r["part"], float(r["points"])) for r in rows if r["seat"] == seat]
        assert parts[:-1] == [(p, float(v)) for p, v in sc["parts"]]
        assert vocab.seat_name(seat, lang) in totals[seat]["label"]
        for r in rows:
            if r["seat"] != seat or r["part"] == "total":
                continue
            assert r["label"] == flow.label(r["part"], lang)
            term = flow.score_terms[r["part"]]
            if r["weight"]:  # value x weight is the part's points, as the engine scored it
                assert float(r["weight"]) == term["weight"]
                assert abs(int(r["value"]) * float(r["weight"]) - float(r["points"])) < 0.051
            else:  # a part worth fixed points, listed because it was earned
                assert r["value"] == "yes" and float(r["points"]) == term["points"]


def test_the_csv_has_the_columns_the_teachers_guide_describes():
    """docs/teachers.md tells teachers the gradebook's columns: the CSV has those."""
    guide = (ROOT / "docs" / "teachers.md").read_text(encoding="utf-8")
    section = guide[guide.index("FILE.csv has one row per seat") :]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    documented = [line.split("`")[1] for line in rows[: len(debrief.CSV_COLUMNS)]]
    assert documented == list(debrief.CSV_COLUMNS)


def test_the_json_is_the_whole_log_and_replays_to_the_same_game(exported):
    flow, path = exported[("facilitator", "en")]
    data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(debrief.log(flow)))
    assert data["scenario"]["id"] == "weak_guarantee" and data["seed"] == 3
    assert data["seats"] == {"europe": "human", "us": "computer", "ukraine": "human"}
    assert [a["action"] for a in data["actions"]] == flow.session.actions
    assert [a["events"] for a in data["actions"]] == flow.session.events[1:]
    assert data["scores"] == flow.state["scores"]
    # the log alone plays the game again, to the same scores
    again = Session(Engine(bundle(data["scenario"]["id"]).book), data["seed"], data["humans"])
    for a in data["actions"]:
        again.do(a["action"])
    assert again.state["scores"] == data["scores"]
    assert [a["round"] for a in data["actions"] if a["action"].get("reason")] == [1, 1]


# ---------------------------------------------------------------- bad input, one line


def one_line(out: subprocess.CompletedProcess[str], code: int) -> str:
    assert out.returncode == code, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    assert len(out.stderr.splitlines()) == 1, out.stderr
    assert out.stdout == ""
    return out.stderr.strip()


@pytest.fixture(scope="module")
def a_save(exported) -> Path:
    flow, _ = exported[("timeout", "en")]
    return Path(flow.save_path)


def test_a_missing_or_damaged_save_is_one_line(a_save, tmp_path):
    out = tmp_path / "d.html"
    line = one_line(run("debrief", str(tmp_path / "none.json"), "--out", str(out)), 2)
    assert line == f"guarantor: {tmp_path / 'none.json'}: no such save file"
    cut = tmp_path / "cut.json"
    cut.write_bytes(a_save.read_bytes()[:200])
    line = one_line(run("debrief", str(cut), "--out", str(out)), 2)
    assert line.startswith(f"guarantor: {cut}: damaged save")
    wrong = tmp_path / "wrong.json"
    data = json.loads(a_save.read_text(encoding="utf-8"))
    data["actions"][0] = {"type": "argue", "seat": "europe", "card": 7}
    wrong.write_text(json.dumps(data), encoding="utf-8")
    line = one_line(run("debrief", str(wrong), "--out", str(out)), 2)
    assert line.startswith(f"guarantor: {wrong}: damaged save (its actions.0.card part")
    line = one_line(run("debrief", str(tmp_path), "--out", str(out)), 2)
    assert "folder" in line
    assert list(tmp_path.iterdir()) == [cut, wrong] or set(tmp_path.iterdir()) == {cut, wrong}


def test_an_out_that_cannot_be_used_is_one_line(a_save, tmp_path):
    line = one_line(run("debrief", str(a_save), "--out", str(tmp_path)), 2)
    assert line == f"guarantor: --out {tmp_path}: {tmp_path} is a folder, not a file"
    (tmp_path / "d.json").mkdir()  # where the JSON would go
    line = one_line(run("debrief", str(a_save), "--out", str(tmp_path / "d.html")), 2)
    assert line.endswith(f"{tmp_path / 'd.json'} is a folder, not a file")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    line = one_line(run("debrief", str(a_save), "--out", str(a_file / "d.html")), 2)
    assert line.startswith(f"guarantor: --out {a_file / 'd.html'}: ") and "not a folder" in line
    line = one_line(run("debrief", str(a_save), "--out", str(tmp_path / "no" / "d.html")), 2)
    assert "file not found" in line
    line = one_line(run("debrief", str(a_save), "--out", str(tmp_path / ("a" * 300 + ".html"))), 2)
    assert "too long" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "notes.txt"]


def test_an_out_beside_a_named_pipe_is_refused_without_hanging(a_save, tmp_path):
    os.mkfifo(tmp_path / "d.csv")  # where the CSV would go: never opened, never replaced
    line = one_line(run("debrief", str(a_save), "--out", str(tmp_path / "d.html")), 2)
    assert line == (
        f"guarantor: --out {tmp_path / 'd.html'}: {tmp_path / 'd.csv'}: "
        "not a regular file (a named pipe)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv"]


def _small_files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))


def test_our_own_output_that_cannot_be_written_is_exit_74(a_save, tmp_path):
    out = tmp_path / "d.html"
    line = one_line(run("debrief", str(a_save), "--out", str(out), preexec=_small_files), 74)
    assert line == f"guarantor: --out {out}: cannot write d.html (File too large)"
    assert list(tmp_path.iterdir()) == []  # nothing half-written is left


def test_folders_that_cannot_be_read_or_written_are_one_line_and_exit_2(a_save, tmp_path):
    """Run without root's power over permission bits (as the other commands' tests are)."""
    from .test_cli_paths import _without_root_powers

    prefix = _without_root_powers()
    ro, locked = tmp_path / "ro", tmp_path / "locked"
    ro.mkdir()
    locked.mkdir()
    shutil.copy(a_save, locked / "save.json")
    ro.chmod(0o555)
    locked.chmod(0)
    try:
        out = subprocess.run(
            [
                *prefix,
                sys.executable,
                "-m",
                "game",
                "debrief",
                str(a_save),
                "--out",
                str(ro / "d.html"),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        line = one_line(out, 2)
        assert line == f"guarantor: --out {ro / 'd.html'}: cannot write there (permission denied)"
        out = subprocess.run(
            [
                *prefix,
                sys.executable,
                "-m",
                "game",
                "debrief",
                str(locked / "save.json"),
                "--out",
                str(tmp_path / "d.html"),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        line = one_line(out, 2)
        assert str(locked / "save.json") in line and "permission denied" in line
    finally:
        ro.chmod(0o755)
        locked.chmod(0o755)
    assert list(ro.iterdir()) == [] and not (tmp_path / "d.html").exists()


def test_a_save_whose_scenario_changed_is_exported_with_a_note(a_save, tmp_path):
    data = json.loads(a_save.read_text(encoding="utf-8"))
    data["scenario"]["sha256"] = "0" * 16  # as if the scenario file were edited since
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    out = run("debrief", str(edited), "--out", str(tmp_path / "d.html"))
    assert out.returncode == 0
    assert out.stderr.splitlines() == [
        f"guarantor: note: {edited}: its scenario file {data['scenario']['path']} has been "
        "changed since the game was saved; the game may not replay as it was played"
    ]
    assert (tmp_path / "d.html").is_file() and (tmp_path / "d.csv").is_file()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_replays_export_sets_the_two_endings_side_by_side(tmp_path, lang):
    """`guarantor debrief` of a replay's save: the page has the two endings side by side,
    each seat's two totals as numbers left to right, and the JSON keeps the earlier ending."""
    save = ROOT / "tests" / "fixtures" / "saves" / "v2-tutorial-named-replay.json"
    target = tmp_path / f"replay-{lang}.html"
    done = run("debrief", str(save), "--out", str(target), "--lang", lang)
    assert done.returncode == 0, done.stderr
    before = json.loads(save.read_text(encoding="utf-8"))["replay_of"]
    doc = target.read_text(encoding="utf-8")
    page = parse(doc)
    said = page.text("compare")
    w = debrief.Words(lang)
    assert w.t("report.compare.heading") in said
    assert w.t("report.compare.before", n=before["from_round"]) in said
    assert vocab.outcome_label(before["outcome"]["kind"], lang) in said
    for seat, total in before["scores"].items():
        label = w.t("report.compare.total_of", seat=vocab.seat_name(seat, lang))
        assert label in said
        assert f"<bdi dir='ltr'>{ex.num(float(total))}</bdi>" in doc
    log = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    assert log["replay_of"]["outcome"] == before["outcome"]
    # saved before version 5: the years after a deal rolled from the dice, so the note does
    # not say the two games met the same years
    assert w.t("report.compare.note", n=before["from_round"]) in said
    assert w.t("report.compare.note_years", n=before["from_round"]) not in said


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_version_5_replays_export_says_both_games_met_the_same_years(tmp_path, lang):
    """The same replay saved by version 5 (its years roll from the seed's own generator):
    the note over the two endings says the years' luck was the same in both."""
    old = ROOT / "tests" / "fixtures" / "saves" / "v2-tutorial-named-replay.json"
    data = saves.read(old)
    assert data.pop("old_random") is True
    save = tmp_path / "replay.json"
    saves.write(save, data)
    target = tmp_path / f"replay-{lang}.html"
    done = run("debrief", str(save), "--out", str(target), "--lang", lang)
    assert done.returncode == 0, done.stderr
    said = parse(target.read_text(encoding="utf-8")).text("compare")
    w = debrief.Words(lang)
    assert w.t("report.compare.note_years", n=data["replay_of"]["from_round"]) in said


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("game", list(GAMES))
def test_the_page_counts_the_rounds_and_ends_the_indicators_as_the_ending_does(
    exported, game, lang, tmp_path
):
    """The page's head and its outcome say the round the game ended in out of the game's own
    rounds (a lesson's 3, not the scenario's 8), as the ending screen does; a game over never
    says "no round has ended yet"; and the indicators over time end where the scores read
    them (a collapse's war goes on after the last round Russia answered)."""
    from game.ui.content import Content
    from game.ui.scenes.debrief import DebriefScene

    flow, path = exported[(game, lang)]
    page = parse(path.read_text(encoding="utf-8"))
    words = page.text()
    w = debrief.Words(lang)
    n = int(flow.state["outcome"].get("round", flow.state["round"]))
    after = w.t("after.ending.after_rounds", n=n, total=flow.rounds)
    assert squash(after) in words, after
    meta = w.t(
        "report.meta",
        seed=flow.session.seed,
        seats=vocab.seat_list(list(flow.humans), lang),
        rounds=n,
        total=flow.rounds,
    )
    assert squash(meta) in words, meta
    assert squash(w.t("after.debrief.no_rounds")) not in words
    table_text = page.text("indicators")
    territory = flow.state["indicators"]["territory"]
    last = flow.state["history"][-1]["indicators"]["territory"] if flow.state["history"] else None
    if last != territory:
        assert w.t("after.debrief.end") in table_text
    app = title_app(tmp_path, Content(), lang=lang)
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    shown = " ".join(str(getattr(b, "text", "")) for blk in scene.doc.blocks for b in blk.walk())
    assert w.t("after.debrief.no_rounds") not in shown
    assert app.crashes == []
