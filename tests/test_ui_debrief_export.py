"""The debrief screen's export (X, or its button) and two endings side by side after a
replay, through the real App under SDL's dummy driver, in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame
import pytest

from game import saves
from game.report import debrief
from game.ui import explain as ex
from game.ui import vocab
from game.ui.flow import GameFlow
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.ending import EndingScene
from game.ui.shots import play_out

from .conftest import click, press, title_app, widget
from .test_debrief_export import bundle, parse
from .test_ui_after import words


def finished(save_dir: Path) -> GameFlow:
    flow = GameFlow.new(bundle("ground_troops"), ["europe", "ukraine"], seed=11, save_dir=save_dir)
    play_out(flow, "reassurance")
    assert flow.session.over and flow.save_path is not None
    return flow


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("how", ["key", "mouse"])
def test_export_writes_beside_the_save_and_says_where(tmp_path, content, lang, how):
    app = title_app(tmp_path, content, lang=lang)
    flow = finished(tmp_path / "data" / "saves")
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    if how == "key":
        press(app, pygame.K_x)
    else:
        click(app, widget(scene, "export").rect.center)
    app.render(force=True)
    page = flow.save_path.with_name(flow.save_path.stem + "-debrief.html")
    assert page.is_file()
    assert page.with_suffix(".json").is_file() and page.with_suffix(".csv").is_file()
    doc = parse(page.read_text(encoding="utf-8"))
    assert ("html", {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}) in doc.tags
    said = words(scene)
    assert str(page) in said  # says where it went
    assert scene.exported is not None and scene.exported[0]
    assert app.crashes == []


def test_export_into_a_folder_that_cannot_be_written_says_why(tmp_path, content):
    app = title_app(tmp_path, content)
    flow = finished(tmp_path / "data" / "saves")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    flow.save_path = blocker / "game.json"  # its folder is a file: nothing can go there
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    press(app, pygame.K_x)
    app.render(force=True)
    assert scene.exported is not None and not scene.exported[0]
    said = words(scene)
    assert str(blocker / "game-debrief.html") in said and "not a folder" in said, scene.exported
    assert blocker.read_text() == "x" and app.crashes == []


# ---------------------------------------------------------------- two endings


def replayed(app: Any, flow: GameFlow, from_round: int) -> GameFlow:
    scene = EndingScene(app, flow)
    app.push(scene)
    app.render(force=True)
    widget(scene, "replay_round").set_index(from_round - 1)
    press(app, pygame.K_r)
    new = app.top.flow
    assert new is not flow
    return new


def test_a_replay_remembers_the_ending_it_replays_and_the_debrief_sets_them_side_by_side(
    tmp_path, content
):
    app = title_app(tmp_path, content)
    first = finished(tmp_path / "data" / "saves")
    first.name = "9B Tuesday"
    first.save()
    before = debrief.ending(first)
    new = replayed(app, first, 3)
    assert new.replay_of == {**before, "from_round": 3, "name": "9B Tuesday"}
    assert new.name == "9B Tuesday"
    # a different ending: the seat on turn walks out at once
    while not new.session.over:
        new.act({"type": "walk_out", "seat": new.current_seat})
    assert new.state["outcome"]["kind"] == "collapse"
    assert new.save_path is not None and new.save_path != first.save_path
    # the save keeps it, and the loaded game has it
    data = saves.read(new.save_path)
    assert data["replay_of"]["outcome"]["kind"] == before["outcome"]["kind"]
    loaded = GameFlow.load(new.save_path)
    assert loaded.replay_of == new.replay_of and loaded.name == "9B Tuesday"
    for lang in ("en", "ar"):
        w = debrief.Words(lang)
        head, rows = debrief.compare_rows(loaded, w) or ([], [])
        assert head[2] == w.t("report.compare.now")
        assert rows[0][1].endswith(w.t("after.debrief.round_n", n=before["outcome"]["round"]))
        assert vocab.outcome_label(before["outcome"]["kind"], lang) in rows[0][1]
        assert vocab.outcome_label("collapse", lang) in rows[0][2]
        totals = {r[0]: (r[1], r[2]) for r in rows}
        for seat, score in before["scores"].items():
            key = w.t("report.compare.total_of", seat=vocab.seat_name(seat, lang))
            assert totals[key] == (
                ex.num(score),
                ex.num(loaded.state["scores"][seat]["total"]),
            )
        for name, value in before["indicators"].items():
            assert totals[vocab.indicator_name(name, lang)] == (
                str(value),
                str(loaded.state["indicators"][name]),
            )
        # the page shows the same table
        page = parse(debrief.html(loaded, lang))
        said = page.text("compare")
        assert vocab.outcome_label("collapse", lang) in said
        for score in before["scores"].values():
            assert ex.num(score) in said
    # and the debrief screen
    scene = DebriefScene(app, loaded)
    app.push(scene)
    app.render(force=True)
    said = (
        words(scene)
        + "\n"
        + "\n".join(
            getattr(b, "text", "")
            for t in scene.doc.blocks
            for r in getattr(t, "rows", [])
            for cell in r
            for b in getattr(cell, "children", [])
        )
    )
    assert app.t("report.compare.heading") in said
    assert vocab.outcome_label("collapse", "en") in said
    assert vocab.outcome_label(before["outcome"]["kind"], "en") in said
    assert app.crashes == []


def test_a_game_that_is_not_a_replay_shows_no_comparison(tmp_path, content):
    app = title_app(tmp_path, content)
    flow = finished(tmp_path / "data" / "saves")
    assert debrief.compare_rows(flow, debrief.Words("en")) is None
    assert "id='compare'" not in debrief.html(flow, "en")
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    assert app.t("report.compare.heading") not in words(scene)


def test_the_replay_of_part_of_a_save_is_checked_strictly(tmp_path):
    path = Path(__file__).parent / "fixtures" / "saves" / "v2-tutorial-named-replay.json"
    good = json.loads(path.read_text(encoding="utf-8"))
    assert saves.read(path)["replay_of"]["from_round"] == 2
    for change, part in (
        (lambda d: d["replay_of"].update(over="yes"), "replay_of.over"),
        (lambda d: d["replay_of"]["scores"].update(us="12"), "replay_of.scores.us"),
        (lambda d: d["replay_of"].update(from_round=0), "replay_of.from_round"),
        (lambda d: d["replay_of"].update(extra=1), "replay_of.extra"),
    ):
        data = json.loads(json.dumps(good))
        change(data)
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(saves.SaveError) as e:
            saves.read(bad)
        assert e.value.key == "damaged" and e.value.fmt["part"].startswith(part), e.value


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_debrief_screen_gives_each_roll_its_real_target_or_the_verdicts_reason(
    tmp_path, content, lang
):
    """The screen said "(7 needed)" for every roll, while an argument needs 8: each roll now
    shows its sum with every modifier and its own target, as the printed page does; a
    facilitator's rating shows its reason instead of dice."""
    from .test_debrief_export import with_facilitator

    app = title_app(tmp_path, content, lang=lang)
    flow = with_facilitator(tmp_path / "saves")
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    cells = "\n".join(
        getattr(b, "text", "")
        for t in scene.doc.blocks
        for r in getattr(t, "rows", [])
        for cell in r
        for b in getattr(cell, "children", [])
    )
    said = words(scene) + "\n" + cells
    w = debrief.Words(lang)
    rolled = [e for e in flow.session.all_events() if e["type"] == "argument"]
    assert rolled[0]["overridden"] and not rolled[1]["overridden"]
    assert rolled[1]["target"] == 8
    assert (
        w.t(
            "report.roll",
            sum=ex.roll_sum(rolled[1]),
            target=8,
            result=vocab.result_label(rolled[1]["success"], lang),
        )
        in said
    )
    assert "The class voted it convincing" in said
    assert "7 needed" not in said and "المطلوب 7" not in said


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_intervention_appears_even_in_a_round_russia_never_answered(tmp_path, content, lang):
    """An override in the round where the talks end (a seat walks out before any answer):
    no history row holds that round, yet the intervention, its reason and what it changed
    are on the screen and the page."""
    app = title_app(tmp_path, content, lang=lang)
    flow = GameFlow.new(bundle("air_support_only"), ["us", "ukraine"], seed=4)
    flow.act({"type": "override", "reason": "Kyiv's delegation was recalled", "set": {"unity": 30}})
    flow.end_turn()  # the US's turn ends: Ukraine's turn
    flow.act({"type": "walk_out", "seat": "ukraine"})
    assert flow.session.over and flow.state["history"] == []
    w = debrief.Words(lang)
    page = parse(debrief.html(flow, lang))
    said = page.text("round-1")
    assert w.t("report.no_answer") in said
    assert "Kyiv's delegation was recalled" in said
    assert vocab.indicator_name("unity", lang) in said
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    shown = words(scene)
    assert "Kyiv's delegation was recalled" in shown and w.t("report.no_answer") in shown
    assert app.crashes == []


def test_the_screen_lists_the_interventions_of_an_answered_round(tmp_path, content):
    from .test_debrief_export import with_facilitator

    app = title_app(tmp_path, content)
    flow = with_facilitator(tmp_path / "saves")
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    cells = "\n".join(
        getattr(b, "text", "")
        for t in scene.doc.blocks
        for r in getattr(t, "rows", [])
        for cell in r
        for b in getattr(cell, "children", [])
    )
    assert "The summit went badly" in words(scene) + cells
    assert app.t("report.action.override") in words(scene) + cells
