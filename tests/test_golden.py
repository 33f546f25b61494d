"""Golden transcripts: one seeded scripted game per scenario, checked in and diffed on every run.

A change that alters what happens in a game shows up here as a diff. If the change is meant,
regenerate with `GUARANTOR_UPDATE_GOLDEN=1 make test` and read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

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
DEBATES = {
    "ground_troops.debate": ("ground_troops", "ukraine", "maximal"),
    "article5_pledge.debate": ("article5_pledge", "ukraine", "maximal"),
    "air_support_only.debate": ("air_support_only", "us", "paper"),
}
"""Games in which the human seat argues a lot, so that the odds of the debate show here."""
KEEP = (
    "type",
    "round",
    "event",
    "seat",
    "card",
    "counter",
    "dice",
    "modifier",
    "chance",
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


def transcript(engine, sid: str, seat: str = "", strategy: str = "") -> dict:
    if not seat:
        seat, strategy = PLAYS[sid]
    state, log, events = play(engine, 7, seat, strategy)
    lines = []
    for e in events:
        line = {k: e[k] for k in KEEP if k in e}
        if e["type"] == "argument":
            line["modifiers"] = {m["name"]: m["value"] for m in e["modifiers"]}
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


def check(got: dict, path: Path) -> None:
    """The transcript must match its golden file byte for byte. A missing file is a failure,
    never written silently; GUARANTOR_UPDATE_GOLDEN=1 (re)writes it on purpose."""
    text = json.dumps(got, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("GUARANTOR_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), (
        f"{got['scenario']}: no golden transcript {path.name}; "
        "write it with GUARANTOR_UPDATE_GOLDEN=1 and read it before committing"
    )
    want = path.read_text(encoding="utf-8")
    assert json.loads(want) == got, (
        f"{got['scenario']}: the game changed; see this file's docstring"
    )
    assert want == text, f"{got['scenario']}: same game, but {path.name} is not as written"


@pytest.mark.parametrize("sid", SCENARIOS)
def test_golden_transcript(engines, sid):
    check(transcript(engines[sid], sid), GOLDEN / f"{sid}.json")


@pytest.mark.parametrize("name", sorted(DEBATES))
def test_golden_debate_transcript(engines, name):
    sid, seat, strategy = DEBATES[name]
    got = transcript(engines[sid], sid, seat, strategy)
    assert sum(e["type"] == "argument" for e in got["events"]) >= 3
    check(got, GOLDEN / f"{name}.json")


def test_a_missing_golden_file_fails_and_is_not_written(engines, tmp_path, monkeypatch):
    monkeypatch.delenv("GUARANTOR_UPDATE_GOLDEN", raising=False)
    path = tmp_path / "tutorial.json"
    got = transcript(engines["tutorial"], "tutorial")
    with pytest.raises(AssertionError, match="no golden transcript"):
        check(got, path)
    assert not path.exists()
    monkeypatch.setenv("GUARANTOR_UPDATE_GOLDEN", "1")
    check(got, path)  # regenerating stays possible
    assert path.read_text(encoding="utf-8") == (GOLDEN / "tutorial.json").read_text(
        encoding="utf-8"
    )
