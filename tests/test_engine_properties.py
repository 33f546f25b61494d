"""Properties of the engine over random play: whatever a player (or a broken screen) sends,
the engine answers with a new state or an ActionError, the state stays well formed and plain
data, and `apply` never changes the state it was given."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import ActionError, Engine, vocab
from game.engine import package as pkg

from .conftest import MAIN_SCENARIOS

SEATS = ["turn"] * 12 + [*vocab.SEATS] + ["russia", "nobody"]
"""Mostly the seat on turn, sometimes another seat, sometimes not a seat."""

packages = st.fixed_dictionaries(
    {},
    optional={
        "troops": st.fixed_dictionaries(
            {}, optional={"europe": st.integers(-10, 80000), "us": st.integers(0, 20000)}
        ),
        "air_support": st.sampled_from([*pkg.CHOICES["air_support"], "bombers"]),
        "pledge": st.sampled_from(pkg.CHOICES["pledge"]),
        "nato_membership": st.booleans(),
        "observers": st.sampled_from([True, False, "yes"]),
        "sanctions": st.sampled_from(pkg.CHOICES["sanctions"]),
        "recognition": st.sampled_from(pkg.CHOICES["recognition"]),
        "nato_posture": st.sampled_from(pkg.CHOICES["nato_posture"]),
        "tanks": st.just(3),
    },
)

table = st.fixed_dictionaries({"type": st.just("table"), "seat": st.sampled_from(SEATS)})
ends = st.fixed_dictionaries({"type": st.just("pass"), "seat": st.sampled_from(SEATS)})
actions = st.one_of(
    table,
    table,
    ends,
    ends,
    ends,
    st.fixed_dictionaries({"type": st.just("undo"), "seat": st.sampled_from(SEATS)}),
    st.fixed_dictionaries(
        {"type": st.just("object"), "seat": st.sampled_from(SEATS), "pick": st.integers(0, 3)}
    ),
    st.fixed_dictionaries(
        {"type": st.just("counter"), "seat": st.sampled_from(SEATS), "pick": st.integers(0, 3)}
    ),
    st.fixed_dictionaries(
        {"type": st.just("propose"), "seat": st.sampled_from(SEATS), "package": packages}
    ),
    st.fixed_dictionaries({"type": st.just("agree"), "seat": st.sampled_from(SEATS)}),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["sign", "refuse"]), "seat": st.sampled_from(SEATS)}
    ),
    st.fixed_dictionaries(
        {"type": st.just("argue"), "seat": st.sampled_from(SEATS), "hand": st.integers(0, 5)}
    ),
    st.fixed_dictionaries(
        {"type": st.just("move"), "seat": st.sampled_from(SEATS), "pick": st.integers(0, 3)}
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("override"),
            "seat": st.just("facilitator"),
            "reason": st.sampled_from(["", "class vote"]),
            "set": st.dictionaries(
                st.sampled_from(["momentum", "unity", "ukraine.paper", "weather"]),
                st.integers(-5, 105),
                max_size=2,
            ),
        }
    ),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["walk_out", "dance"]), "seat": st.sampled_from(SEATS)}
    ),
)


def concrete(engine: Engine, state: dict, action: dict) -> dict:
    """Turn an abstract draw into an action a screen could send (a card from the hand, a move
    the seat has), or leave it wrong on purpose."""
    a = dict(action)
    if a.get("seat") == "turn":
        a["seat"] = state["turn"] or "europe"
    seat = a.get("seat")
    if a["type"] == "object":
        i = a.pop("pick")
        mine = (
            [o["id"] for o in engine.objections_to(state, state["draft"], seat)]
            if state["draft"] is not None and seat in engine.seats
            else []
        )
        a["objections"] = mine[: i + 1] if i < 3 else ["no.such.objection"]
    if a["type"] == "counter":
        i = a.pop("pick")
        standing = state["standing"]
        a["card"] = standing[i] if i < len(standing) else "arg.not_standing"
    if a["type"] == "argue":
        hand = state["hands"].get(seat, []) if seat in state["hands"] else []
        i = a.pop("hand")
        a["card"] = hand[i] if i < len(hand) else "arg.not_a_card"
    if a["type"] == "move":
        moves = engine.available_moves(state, seat) if seat in engine.seats else []
        i = a.pop("pick")
        a["move"] = moves[i] if i < len(moves) else "nothing.here"
    return a


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sid=st.sampled_from(MAIN_SCENARIOS),
    seed=st.integers(0, 2**32),
    humans=st.lists(st.sampled_from(vocab.SEATS), min_size=1, max_size=3, unique=True),
    script=st.lists(actions, min_size=10, max_size=80),
)
def test_random_play_keeps_the_state_well_formed(engines, sid, seed, humans, script):
    engine: Engine = engines[sid]
    state, _ = engine.new_game(seed, humans=humans)
    for raw in script:
        action = concrete(engine, state, raw)
        before = copy.deepcopy(state)
        try:
            new, events = engine.apply(state, action)
        except ActionError as e:
            assert str(e) and "\n" not in str(e)
            assert state == before, "a refused action changed the state"
            continue
        assert state == before, f"apply changed the state it was given ({action['type']})"
        state = new
        assert json.loads(json.dumps(state)) == state, "the state is not plain data"
        assert json.loads(json.dumps(events)) == events
        assert all(0 <= v <= 100 for v in state["indicators"].values())
        assert all(0 <= v <= 100 for v in state["positions"].values())
        assert state["phase"] in vocab.PHASES
        assert 1 <= state["round"] <= engine.rounds
        assert state["package"] == pkg.normalise(state["package"])
        if state["phase"] == "over":
            assert state["outcome"]["kind"] in vocab.OUTCOMES
            assert set(state["scores"]) == set(engine.seats)
            break
