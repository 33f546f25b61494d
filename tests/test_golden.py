"""Golden transcripts: one seeded scripted game per scenario, checked in and diffed on every run.

A change that alters what happens in a game shows up here as a diff. If the change is meant,
regenerate with `GUARANTOR_UPDATE_GOLDEN=1 make test` and read the diff before committing.
"""

from __future__ import annotations

import json
import os

import pytest

from game.engine.strategies import play

from .conftest import ROOT, SCENARIOS

GOLDEN = ROOT / "tests" / "golden"
PLAYS = {
    "weak_guarantee": ("europe", "pledge"),
    "ground_troops": ("europe", "reassurance"),
    "air_support_only": ("us", "air"),
    "article5_pledge": ("ukraine", "pledge"),
    "tutorial": ("europe", "paper"),
}
KEEP = (
    "type",
    "round",
    "event",
    "seat",
    "card",
    "counter",
    "dice",
    "total",
    "success",
    "move",
    "stance",
    "credibility",
    "acceptability",
    "threshold",
    "demands",
    "kind",
    "reason",
    "indicator",
    "position",
    "from",
    "to",
    "flag",
)


def transcript(engine, sid: str) -> dict:
    seat, strategy = PLAYS[sid]
    state, log, events = play(engine, 7, seat, strategy)
    lines = []
    for e in events:
        line = {k: e[k] for k in KEEP if k in e}
        if e["type"] == "russia":
            line["rules"] = [r["id"] for r in e["rules"]]
        if "cause" in e:
            line["cause"] = e["cause"]
        lines.append(line)
    return {
        "scenario": sid,
        "seat": seat,
        "strategy": strategy,
        "seed": 7,
        "actions": log,
        "events": lines,
        "outcome": state["outcome"],
        "indicators": state["indicators"],
        "scores": state["scores"],
    }


@pytest.mark.parametrize("sid", SCENARIOS)
def test_golden_transcript(engines, sid):
    got = transcript(engines[sid], sid)
    path = GOLDEN / f"{sid}.json"
    text = json.dumps(got, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("GUARANTOR_UPDATE_GOLDEN") or not path.exists():
        path.write_text(text, encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got == want, f"{sid}: the game changed; see the docstring of this file"
