"""The table preview (what tabling would meet, asked without tabling) says what the `table`
action then does, over random play: refused with the same objections and the same missing
seats, or tabled."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import ActionError, Engine
from game.engine.drive import to_turn
from game.engine.preview import table_preview

from .conftest import MAIN_SCENARIOS
from .test_engine_properties import actions, concrete


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sid=st.sampled_from(MAIN_SCENARIOS),
    seed=st.integers(0, 2**32),
    humans=st.lists(
        st.sampled_from(["europe", "us", "ukraine"]), min_size=1, max_size=3, unique=True
    ),
    script=st.lists(actions, min_size=10, max_size=60),
)
def test_the_preview_says_what_tabling_does(engines, sid, seed, humans, script):
    engine: Engine = engines[sid]
    state, _ = engine.new_game(seed, humans=humans)
    compared = 0
    for raw in script:
        action = concrete(engine, state, raw)
        preview = table_preview(engine, state) if state["phase"] == "talks" else None
        had_draft = state["draft"] is not None
        try:
            state, events = engine.apply(state, action)
        except ActionError:
            continue
        if action["type"] != "table" or preview is None:
            continue
        kinds = [e["type"] for e in events]
        if not had_draft:  # nothing proposed: nothing can block, the table stays as it is
            assert not preview.refused and "refused" not in kinds and "tabled" not in kinds
            continue
        compared += 1
        refused = [e for e in events if e["type"] == "refused"]
        if preview.refused:
            assert refused, (preview, kinds)
            assert refused[0]["objections"] == preview.blocking
            assert refused[0]["not_agreed"] == preview.missing
        else:
            assert not refused and "tabled" in kinds, (preview, kinds)
        if state["phase"] == "over":
            break


def test_a_proposal_about_to_be_made_counts_only_its_proposer_as_agreed(engines):
    engine: Engine = engines["ground_troops"]
    state, _ = engine.new_game(5, humans=["europe", "ukraine"])
    package = {**state["package"], "observers": not state["package"]["observers"]}
    p = table_preview(engine, state, package, agreed=["europe"])
    assert p.missing == ["us", "ukraine"] and p.refused and p.blocking == []
    everyone = table_preview(engine, state, package, agreed=["europe", "us", "ukraine"])
    assert everyone.missing == [] and not everyone.refused
    assert not table_preview(engine, state).refused  # nothing proposed yet


def test_a_refused_and_a_tabled_proposal_were_previewed(engines):
    """Proposals a computer ally objects to and proposals every seat backs, in every
    scenario, tabled in lap 2 once the computer seats have answered: the preview names what
    the `refused` event then names, or the table goes through."""
    seen = {"refused": 0, "tabled": 0}
    for sid in MAIN_SCENARIOS:
        engine: Engine = engines[sid]
        for seed in range(6):
            state, _ = engine.new_game(seed, humans=["europe"])
            for observers in (True, False):
                for troops in (0, 20_000):
                    package = {**state["package"], "observers": observers}
                    package["troops"] = {**package["troops"], "europe": troops}
                    try:
                        s1, _ = engine.apply(
                            state, {"type": "propose", "seat": "europe", "package": package}
                        )
                    except ActionError:
                        continue
                    s1, _ = to_turn(engine, s1, "europe", lap=2)
                    if s1["round"] != 1 or s1["turn"] != "europe":
                        continue
                    preview = table_preview(engine, s1)
                    _, events = engine.apply(s1, {"type": "table", "seat": "europe"})
                    kinds = [e["type"] for e in events]
                    if preview.refused:
                        refused = next(e for e in events if e["type"] == "refused")
                        assert refused["objections"] == preview.blocking
                        assert refused["not_agreed"] == preview.missing
                        seen["refused"] += 1
                    else:
                        assert "tabled" in kinds
                        seen["tabled"] += 1
    assert seen["refused"] and seen["tabled"], seen


def test_the_attack_chance_is_the_one_the_epilogue_rolls_against(engines):
    """Games played to a deal: the epilogue's chance is the preview's for its credibility,
    and the screens' helper asks the same function."""
    from game.engine import strategies
    from game.engine.preview import attack_chance
    from game.ui import explain

    deals = 0
    for sid in MAIN_SCENARIOS:
        engine: Engine = engines[sid]
        for seed, strategy in enumerate(["bargain", *strategies.TARGETS][:6]):
            state, _, _ = strategies.play(engine, seed, "europe", strategy)
            ep = state.get("epilogue")
            if not ep or not ep.get("deal"):
                continue
            deals += 1
            chance = attack_chance(engine.epilogue, ep["credibility"])
            assert round(chance, 4) == ep["chance"]
            assert explain.attack_chance(engine.book, ep["credibility"]) == chance
    assert deals
