"""The round screen's model without a window: the builder's draft, what changed, what tabling
would meet (asked of the engine), the chart's points and the indicators' last changes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.content.loader import load, resolve
from game.engine.preview import table_preview
from game.ui.flow import GameFlow
from game.ui.round_model import RoundModel


@pytest.fixture(scope="module")
def troops():
    return load(resolve("ground_troops"), full=True, lint=False)


def flow_of(bundle, humans, seed=7) -> GameFlow:
    return GameFlow.new(bundle, humans, seed=seed)


def test_the_model_needs_no_pygame():
    code = (
        "import sys; import game.ui.round_model, game.ui.flow; "
        "sys.exit(1 if 'pygame' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_draft_changes_only_in_the_builder(troops):
    f = flow_of(troops, ["europe"])
    m = RoundModel(f, "europe")
    table = f.state["package"]
    assert m.draft == table and m.changed() == [] and m.draft is not table
    m.set_clause("observers", not table["observers"])
    m.set_clause("troops.europe", 20_000)
    assert sorted(m.changed()) == ["observers", "troops"]
    assert m.differs_from_table("observers") and m.differs_from_table("troops.europe")
    assert not m.differs_from_table("troops.us") and not m.differs_from_table("pledge")
    assert f.state["package"] == table and f.state["draft"] is None  # nothing was sent
    assert m.live == f.engine.assess(f.state, m.draft)  # Russia's answer, from the engine
    assert m.objections == f.engine.objections_to(f.state, m.draft)
    m.reset()
    assert m.changed() == [] and m.draft == table


def test_the_outlook_is_the_engines_table_preview(troops):
    f = flow_of(troops, ["europe", "ukraine"])
    m = RoundModel(f, "europe")
    assert not m.last_seat  # lap 1: the main action ends the turn
    o = m.outlook()
    assert o.next_seat == "us" and not o.proposes  # the computer's US plays next
    m.set_clause("nato_membership", True)
    assert m.outlook().proposes
    f.act({"type": "propose", "seat": "europe", "package": m.draft})
    f.end_turn()  # the US (the computer) objects on its turn: Ukraine is next
    assert f.current_seat == "ukraine" and f.state["answers"]["us"] != "agree"
    u = RoundModel(f, "ukraine")
    assert not u.last_seat and u.outlook().next_seat == "europe"
    assert u.draft == f.state["draft"] and u.show_agree and u.can_agree
    f.act({"type": "agree", "seat": "ukraine"})
    u.recompute()
    assert not u.can_agree
    f.end_turn()  # lap 2: Europe's turn, every seat has answered
    e = RoundModel(f, "europe")
    assert f.lap == 2 and e.last_seat
    p = table_preview(f.engine, f.state)
    o = e.outlook()
    assert o.next_seat is None
    assert list(o.not_agreed) == p.missing == []
    assert list(o.refused_by) == p.blocking_seats(f.engine.seats) == ["us"]
    # a change in the builder: proposed first, then the turn ends so the others can answer
    e.set_clause("nato_membership", False)
    o = e.outlook()
    assert not e.last_seat and o.proposes and o.next_seat == "us"


def test_the_chart_points_follow_the_rounds_the_table_and_the_draft(troops):
    f = flow_of(troops, ["europe"])
    m = RoundModel(f, "europe")
    [only] = m.chart_points()
    assert only.kind == "table_and_draft"
    assert (only.credibility, only.acceptability) == (
        m.table_live.credibility,
        m.table_live.acceptability,
    )
    m.set_clause("pledge", "treaty")
    table, draft = m.chart_points()
    assert (table.kind, draft.kind) == ("table", "draft")
    assert (draft.credibility, draft.acceptability) == (m.live.credibility, m.live.acceptability)
    assert draft.red_line == (m.live.stance == "reject")
    f.end_turn()
    f.act({"type": "table", "seat": "europe"})
    m = RoundModel(f, "europe")
    past = [p for p in m.chart_points() if p.kind == "past"]
    assert [p.round for p in past] == [1]
    assert past[0].credibility == f.state["history"][0]["credibility"]


def test_the_last_changes_are_the_net_moves_since_the_last_round(troops):
    f = flow_of(troops, ["europe"])
    before = dict(f.state["indicators"])  # as the round 1 screen showed them
    f.end_turn()
    f.act({"type": "table", "seat": "europe"})
    after = f.state["indicators"]
    changes = RoundModel(f, "europe").last_changes()
    moved = {k for k in after if after[k] != before[k]}
    assert moved and moved <= set(changes)
    assert changes == {k: after[k] - before[k] for k in changes}


def test_undo_and_arguments_left_follow_the_seat(troops):
    f = flow_of(troops, ["europe"])
    m = RoundModel(f, "europe")
    assert not m.can_undo()
    left = m.arguments_left()
    card = f.state["hands"]["europe"][0]
    f.act({"type": "argue", "seat": "europe", "card": card})
    # the roll stands: an argument cannot be undone (GAME-DESIGN 3.8)
    assert not m.can_undo() and m.arguments_left() == left - 1
    assert f.undo_block() == {"reason": "roll", "action": f.session.actions[-1]}
    move = f.engine.available_moves(f.state, "europe")[0]
    f.act({"type": "move", "seat": "europe", "move": move})
    assert m.can_undo()
    news_sources = [p for e in f.state["news"] for p in f.events_by_id[e].get("source", [])]
    assert m.cited() == list(dict.fromkeys(news_sources))
