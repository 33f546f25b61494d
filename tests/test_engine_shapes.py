"""The typed shapes of the state, the actions and the events (game.engine.shapes) are the
shapes the engine really makes, and strict typing holds code to them key by key."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any, get_args

import pytest

from game.engine import shapes
from game.engine.strategies import STRATEGIES, play

from .conftest import MAIN_SCENARIOS, ROOT

EVENT_SHAPES: dict[str, list[Any]] = {}
for shape in get_args(shapes.Event):
    for kind in get_args(shape.__annotations__["type"]) or ():
        EVENT_SHAPES.setdefault(kind, []).append(shape)


def fits(data: dict[str, Any], shape: Any) -> bool:
    """Every required key is there and no key is unknown."""
    keys = set(data)
    return shape.__required_keys__ <= keys <= shape.__required_keys__ | shape.__optional_keys__


def test_every_event_type_has_a_shape():
    assert set(EVENT_SHAPES) >= {
        "news",
        "round",
        "change",
        "flag",
        "argument",
        "move",
        "proposal",
        "agree",
        "rebuttal",
        "tabled",
        "refused",
        "russia",
        "not_signed",
        "signing",
        "signed",
        "refused_to_sign",
        "no_deal",
        "outcome",
        "epilogue",
        "scores",
    }


@pytest.mark.parametrize("sid", MAIN_SCENARIOS)
@pytest.mark.parametrize("strategy", ["random", "bargain", "reassurance"])
def test_the_engine_makes_the_shapes_it_declares(engines, sid, strategy):
    seen: set[str] = set()
    for seed in range(6):
        state, log, events = play(engines[sid], seed, "ukraine", strategy)
        assert fits(state, shapes.State), sorted(set(state) ^ shapes.State.__required_keys__)
        for action in log:
            assert any(fits(action, s) for s in get_args(shapes.Action)), action
        for e in events:
            assert any(fits(e, s) for s in EVENT_SHAPES[e["type"]]), e
            seen.add(e["type"])
        for h in state["history"]:
            assert fits(h, shapes.HistoryEntry)
        assert state["outcome"] is not None and fits(state["outcome"], shapes.Outcome)
    assert {"round", "russia", "outcome", "epilogue", "scores"} <= seen


MYPY = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent"]


def test_strict_typing_refuses_a_misspelt_key(tmp_path):
    """What the shapes are for: code that builds an action or reads the state with a wrong
    key fails the type check before anything runs."""
    pytest.importorskip("mypy")
    code = textwrap.dedent(
        """
        from game.engine.shapes import Action, State

        good: Action = {"type": "argue", "seat": "europe", "card": "arg.budapest"}
        bad: Action = {"type": "argue", "seat": "europe", "crad": "arg.budapest"}

        def phase(state: State) -> str:
            return state["phse"]
        """
    )
    path = tmp_path / "uses_shapes.py"
    path.write_text(code, encoding="utf-8")
    # in its own process: mypy raises the interpreter's recursion limit for good
    run = subprocess.run(
        [*MYPY, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert any(":5:" in line for line in errors), out  # the misspelt action key
    assert any(":8:" in line and '"phse"' in line for line in errors), out
    assert not any(":4:" in line for line in errors), out  # the right one passes


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_a_finished_game_has_an_outcome_an_epilogue_and_scores(engines, strategy):
    state, _, _ = play(engines["weak_guarantee"], 3, "europe", strategy)
    assert state["phase"] == "over"
    assert state["outcome"] and state["epilogue"] is not None and state["scores"]
    assert fits(state["epilogue"], shapes.Epilogue)
    for score in state["scores"].values():
        assert fits(score, shapes.SeatScore)
