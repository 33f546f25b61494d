"""The debrief's timeline lists every event once (GAME-DESIGN 7): an argument the facilitator
judged or rolled for is told among the arguments with its reason, an event put in among the
news, and neither again as an intervention; on the screen and on the exported page, in both
languages."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from game.engine.facilitator import told_events
from game.report import debrief
from game.ui.flow import GameFlow
from game.ui.scenes.debrief import DebriefScene

from .conftest import table, title_app
from .test_debrief_export import bundle, parse

SEATS = ["europe", "us", "ukraine"]
REASONS = {
    "dice": "R-DICE the class rolled these",
    "rating": "R-RATING a strong point",
    "votes": "R-VOTES the class voted",
    "inject": "R-INJECT news brought forward",
    "override": "R-OVERRIDE the summit went badly",
    "skip": "R-SKIP time is short",
    "end": "R-END the bell",
}


def every_intervention(folder: Path) -> GameFlow:
    """Three teams and a facilitator who uses every kind of intervention, each with its own
    reason: dice set for an argument, a rating, a class vote, an event put in, an override,
    a skip to Russia's answer and the end of the talks."""
    flow = GameFlow.new(bundle("weak_guarantee"), SEATS, seed=5, facilitator=True, save_dir=folder)
    seat = flow.current_seat
    flow.act(
        {
            "type": "argue",
            "seat": seat,
            "card": flow.state["hands"][seat][0],
            "dice": [6, 6],
            "reason": REASONS["dice"],
        }
    )
    other = next(s for s in SEATS if s != seat)
    flow.act(
        {
            "type": "verdict",
            "seat": "facilitator",
            "by": other,
            "card": flow.state["hands"][other][0],
            "rating": "strong",
            "reason": REASONS["rating"],
        }
    )
    later = next(
        str(e["id"])
        for e in flow.engine.events
        if str(e["id"]) not in told_events(flow.engine, flow.state)
    )
    flow.act({"type": "inject", "seat": "facilitator", "event": later, "reason": REASONS["inject"]})
    flow.act(
        {
            "type": "override",
            "seat": "facilitator",
            "reason": REASONS["override"],
            "set": {"unity": 30},
        }
    )
    flow.act({"type": "skip", "seat": "facilitator", "reason": REASONS["skip"]})
    assert flow.state["round"] == 2
    third = SEATS[2]
    flow.act(
        {
            "type": "verdict",
            "seat": "facilitator",
            "by": third,
            "card": flow.state["hands"][third][0],
            "votes": [0, 1, 2, 5, 9],
            "reason": REASONS["votes"],
        }
    )
    table(flow)
    flow.act({"type": "end_talks", "seat": "facilitator", "reason": REASONS["end"]})
    assert flow.session.over
    return flow


@pytest.fixture(scope="module")
def game(tmp_path_factory: pytest.TempPathFactory) -> GameFlow:
    return every_intervention(tmp_path_factory.mktemp("timeline") / "saves")


def test_the_timeline_lists_each_event_and_each_intervention_once(game):
    rows = debrief.timeline(game)
    listed: list[tuple[int, int]] = []
    told: list[int] = []
    for row in rows:
        for part in ("news", "arguments", "rebuttals", "moves"):
            for e in row[part]:
                listed.append(tuple(e["at"]))
                if e.get("step"):
                    told.append(e["step"]["n"])
        if row["russia"]:
            listed.append(tuple(row["russia"]["at"]))
        told += [s["n"] for s in row["interventions"]]
    twice = [at for at, k in Counter(listed).items() if k > 1]
    assert twice == [], twice
    # every action with a reason is told exactly once, in the round it was taken in
    steps = debrief.interventions(game)
    assert len(steps) == len(REASONS)
    assert sorted(told) == sorted(s["n"] for s in steps)
    # the judged and rolled arguments are among the arguments, with their reasons
    args = [a for row in rows for a in row["arguments"]]
    assert {a["step"]["action"]["reason"] for a in args if a.get("step")} == {
        REASONS["dice"],
        REASONS["rating"],
        REASONS["votes"],
    }
    news = [e for row in rows for e in row["news"] if e.get("step")]
    assert [e["step"]["action"]["reason"] for e in news] == [REASONS["inject"]]


def rounds_text(html: str) -> str:
    page = parse(html)
    return page.text("rounds")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_reason_shows_once_on_the_page_and_on_the_screen(game, lang, tmp_path, content):
    out = debrief.export(game, tmp_path / f"d-{lang}.html", lang)
    said = rounds_text(out[0].read_text(encoding="utf-8"))
    for key, reason in REASONS.items():
        assert said.count(reason) == 1, (key, said.count(reason))
    # the rating and the vote read as such, not as a roll
    w = debrief.Words(lang)
    assert w.t("classroom.rating.strong") in said
    app = title_app(tmp_path, content, lang=lang)
    scene = DebriefScene(app, game)
    app.push(scene)
    app.render(force=True)
    words = "\n".join(str(getattr(b, "text", "")) for b in scene.doc.walk())
    for key, reason in REASONS.items():
        assert words.count(reason) == 1, (key, words.count(reason))
    assert not re.search(r"seat\.facilitator", words + said)
    assert app.crashes == []
