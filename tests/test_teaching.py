"""What Russia and the score teach (the article's P03, P13 and P30): a confident Russia signs
nothing in the opening weeks, a deal takes negotiation, failing is never a seat's best result,
a peace Russia breaks does not count as an end to the fighting, and each score is read against
a scale. Real engine, real scenario files."""

from __future__ import annotations

from typing import Any

import pytest

from game.content.loader import load
from game.content.problems import ContentError
from game.engine import Engine
from game.engine import package as pkg
from game.engine.debate import preview
from game.engine.drive import table_when_heard
from game.engine.shapes import State
from game.engine.strategies import play
from game.ui import explain as ex
from game.ui import vocab
from game.ui.content import Content
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.ending import EndingScene, scale_verdict

from .conftest import MAIN_SCENARIOS, ROOT, SCENARIOS, sign_all
from .test_truth import copy_tree
from .test_ui_after import make_app, timed_out, words

PEACE_PARTS = ("score.europe.end_of_fighting", "score.europe.no_land_grab")


def _lowering_moves(engine: Engine, state: dict[str, Any], seat: str) -> list[str]:
    return [
        m
        for m in engine.available_moves(state, seat)
        if any(
            e["kind"] == "shift" and e["indicator"] == "momentum" and e["delta"] < 0
            for e in engine.moves[m]["effects"]
        )
    ]


def _table_for_two_rounds(engine: Engine, package: pkg.Package, seed: int) -> list[str]:
    """Every seat human; each round every seat takes a move that wears down Russia's
    confidence, the package is proposed and agreed by all, and tabled. Russia's stances."""
    seats = list(engine.seats)
    state, _ = engine.new_game(seed, humans=seats)
    stances: list[str] = []
    for _ in range(2):
        for seat in seats:  # each on its turn
            moves = _lowering_moves(engine, state, seat)
            if moves:
                state, _ = engine.apply(state, {"type": "move", "seat": seat, "move": moves[0]})
            if seat == seats[0]:
                state, _ = engine.apply(
                    state, {"type": "propose", "seat": seat, "package": package}
                )
            else:
                state, _ = engine.apply(state, {"type": "agree", "seat": seat})
            state, _ = engine.apply(state, {"type": "pass", "seat": seat})
        state, events = engine.apply(state, {"type": "table", "seat": seats[0]})
        tabled = [e for e in events if e["type"] == "tabled"]
        assert tabled and tabled[0]["package"] == package, "the package was not tabled"
        stances.append(state["history"][-1]["stance"])
        if state["phase"] != "talks":
            break
    return stances


@pytest.mark.parametrize("sid", SCENARIOS)
@pytest.mark.parametrize("which", ["opening", "empty"])
def test_russia_signs_nothing_in_the_opening_weeks(engines, sid, which):
    engine = engines[sid]
    package = pkg.normalise(engine.book["package"] if which == "opening" else {})
    for seed in range(3):
        stances = _table_for_two_rounds(engine, package, seed)
        assert len(stances) == 2, stances
        assert "accept" not in stances, (sid, which, stances)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_the_opening_rule_names_no_deal_it_did_not_stop(engines, sid):
    """The rule shows on Russia's answer only when it held back a deal the sums allowed."""
    engine = engines[sid]
    state, _ = engine.new_game(0)
    rich = pkg.normalise(
        {"pledge": "assurances", "recognition": "de_jure", "sanctions": "lift", "observers": True}
    )
    held = engine.assess(state, rich)
    assert held.raw_acceptability >= held.threshold
    assert held.stance == "counter" and "russia.opening_weeks" in held.rules
    bare = engine.assess(state, pkg.normalise({"air_support": "us_and_europe"}))
    assert bare.stance == "stall" and "russia.opening_weeks" not in bare.rules


def _pass_and_table(engine: Engine, seed: int, humans: list[str]) -> State:
    """The human seats change nothing, argue nothing and move nothing: each round one of them
    tables the package on the table as soon as every seat has had its say, and each signs
    whatever Russia accepts (the computer seats play as the computer does, level easy)."""
    state, _ = engine.new_game(seed, humans=humans)
    while state["phase"] != "over":
        if state["phase"] == "signing":
            state = sign_all(engine, state, humans)
            continue
        state, _ = table_when_heard(engine, state, humans[0])
    return state


@pytest.mark.parametrize("sid", SCENARIOS)
def test_tabling_the_opening_package_every_round_never_ends_in_a_deal(engines, sid):
    """A deal takes negotiation (P03, P13): whoever plays, and however the computer seats
    move, a package nobody changed from the opening is never signed by Moscow."""
    engine = engines[sid]
    for humans in [[s] for s in engine.seats] + [list(engine.seats)]:
        for seed in range(6):
            state = _pass_and_table(engine, seed, humans)
            assert state["outcome"]["kind"] != "deal", (sid, humans, seed, state["outcome"])
            assert state["package"] == engine.book["package"]


def test_moscow_holds_out_on_the_opening_package_only(engines):
    """The same sums, one clause apart: the opening package is held at a counter with the rule
    named, a changed one is weighed by its sums alone (the tutorial, past its opening weeks)."""
    engine = engines["tutorial"]
    state, _ = engine.new_game(0)
    state = {**state, "round": 3, "indicators": {**state["indicators"], "momentum": 40}}
    opening = engine.assess(state, pkg.normalise(engine.book["package"]))
    assert opening.raw_acceptability >= opening.threshold
    assert opening.stance == "counter" and "russia.nothing_new" in opening.rules
    assert opening.demands, "Moscow names its price"
    changed = engine.assess(state, pkg.normalise({"pledge": "assurances"}))
    assert changed.stance == "accept" and "russia.nothing_new" not in changed.rules


def _coached_tutorial_line(engine: Engine, seed: int) -> State:
    """The tutorial as its coach and briefing describe it, played as Europe. Round 1: an
    argument the screen does not warn against (it would not turn an ally against the package),
    a move that wears down Russia's confidence, written assurances tabled. Round 2:
    15,000 European soldiers and US air support added. Round 3: back to the written
    assurances, signed if Moscow accepts."""
    paper = pkg.normalise({"pledge": "assurances"})
    force = pkg.normalise(
        {"pledge": "assurances", "troops": {"europe": 15000, "us": 0}, "air_support": "us"}
    )
    state, _ = engine.new_game(seed, humans=["europe"])
    card = next(
        c for c in state["hands"]["europe"] if not preview(engine, state, "europe", c)["warnings"]
    )
    state, _ = engine.apply(state, {"type": "argue", "seat": "europe", "card": card})
    move = _lowering_moves(engine, state, "europe")[0]
    state, _ = engine.apply(state, {"type": "move", "seat": "europe", "move": move})
    for package in (paper, force, paper):
        state, _ = engine.apply(state, {"type": "propose", "seat": "europe", "package": package})
        state, _ = table_when_heard(engine, state, "europe")
        if state["phase"] == "signing":
            state = sign_all(engine, state, ["europe"])
        if state["phase"] == "over":
            break
    return state


def test_the_coached_tutorial_line_can_still_reach_a_deal(engines):
    engine = engines["tutorial"]
    for seed in range(10):
        state = _coached_tutorial_line(engine, seed)
        stances = [h["stance"] for h in state["history"]]
        assert stances[:2] == ["counter", "reject"], (seed, stances)
        assert state["outcome"]["kind"] == "deal", (seed, stances, state["outcome"])
        assert state["outcome"]["round"] == 3


@pytest.mark.parametrize("sid", MAIN_SCENARIOS)
def test_a_negotiated_deal_is_still_reachable(engines, sid):
    engine = engines[sid]
    deals = []
    for seed in range(20):
        state, _, _ = play(engine, seed, "europe", "bargain")
        if state["outcome"]["kind"] == "deal":
            deals.append(state["outcome"]["round"])
    assert len(deals) >= 15, (sid, deals)
    assert min(deals) >= 3, deals


def _games(engines, sid: str, strategies: tuple[str, ...], seeds: int = 30):
    for strategy in strategies:
        for seed in range(seeds):
            yield play(engines[sid], seed, "europe", strategy)[0]


@pytest.mark.parametrize("sid", MAIN_SCENARIOS)
def test_refused_every_round_never_outscores_a_deal_that_holds_for_europe(engines, sid):
    refused = [
        s["scores"]["europe"]["total"]
        for s in _games(engines, sid, ("maximal", "reassurance"))
        if all(h["stance"] == "reject" for h in s["history"])
    ]
    held = [
        s["scores"]["europe"]["total"]
        for s in _games(engines, sid, ("bargain", "paper", "pledge", "air", "appease"))
        if s["outcome"]["kind"] == "deal" and s["epilogue"]["aggression_year"] is None
    ]
    assert refused, "no game was refused every round"
    if held:
        assert max(refused) < min(held), (sid, max(refused), min(held))


def test_some_deals_hold(engines):
    held = sum(
        s["outcome"]["kind"] == "deal" and s["epilogue"]["aggression_year"] is None
        for sid in MAIN_SCENARIOS
        for s in _games(engines, sid, ("bargain",))
    )
    assert held >= 5, held


def test_after_renewed_aggression_the_peace_parts_count_nothing(engines):
    broken = 0
    for sid in MAIN_SCENARIOS:
        for s in _games(engines, sid, ("bargain", "paper"), seeds=15):
            parts = dict(s["scores"]["europe"]["parts"])
            if s["outcome"]["kind"] != "deal" or s["epilogue"]["aggression_year"] is not None:
                broken += s["outcome"]["kind"] == "deal"
                assert not any(p in parts for p in PEACE_PARTS), (sid, parts)
            else:
                assert all(parts.get(p, 0) > 0 for p in PEACE_PARTS), (sid, parts)
    assert broken > 0


@pytest.mark.parametrize("sid", MAIN_SCENARIOS)
def test_blame_on_putin_scores_nothing_of_its_own(engines, sid):
    """Two ended games alike but for the blame on Putin score the same for every seat."""
    engine = engines[sid]
    state, _, _ = play(engine, 1, "europe", "reassurance")
    low = {**state, "indicators": {**state["indicators"], "blame": 5}}
    high = {**state, "indicators": {**state["indicators"], "blame": 95}}
    assert engine.scores(low) == engine.scores(high)


# ---------------------------------------------------------------- each score against a scale


def test_every_seat_has_a_measured_scale_in_every_scenario(bundles):
    for sid in SCENARIOS:
        book = bundles[sid].book
        scale = book["scale"]
        assert set(scale) == set(book["seats"]), sid
        for seat, s in scale.items():
            assert s["poor"] <= s["good"], (sid, seat, s)


def test_the_scales_file_says_how_it_was_made():
    text = (ROOT / "scenarios" / "common" / "scales.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Generated by `python benchmarks/scales.py")


def test_a_scale_with_poor_above_good_is_refused_where_it_is(tmp_path):
    tree = copy_tree(tmp_path)
    path = tree / "common" / "scales.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  ground_troops:\n")
    line = text[start:].splitlines()[1]
    path.write_text(text.replace(line, "    europe: {poor: 50, good: 10}", 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(tree / "ground_troops.yaml")
    said = str(info.value)
    assert "scales.yaml:" in said and "poor (50.0) must not be above good (10.0)" in said


def test_a_teachers_common_folder_without_scales_still_loads(tmp_path):
    tree = copy_tree(tmp_path)
    (tree / "common" / "scales.yaml").unlink()
    bundle = load(tree / "weak_guarantee.yaml")
    assert "scale" not in bundle.book


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_ending_and_the_debrief_read_each_score_against_its_scale(tmp_path, lang):
    app = make_app(tmp_path, Content(), lang=lang)
    flow = timed_out()
    scale = flow.book["scale"]
    for scene in (EndingScene(app, flow), DebriefScene(app, flow)):
        app.push(scene)
        app.render(force=True)
        said = words(scene)
        for seat in flow.engine.seats:
            total = flow.state["scores"][seat]["total"]
            verdict = scale_verdict(total, scale[seat])
            line = app.t(
                "after.ending.scale",
                score=ex.num(total),
                verdict=app.t(f"after.ending.scale_{verdict}"),
                seat=vocab.seat_name(seat, lang),
                poor=ex.num(scale[seat]["poor"]),
                good=ex.num(scale[seat]["good"]),
            )
            assert line in said, (lang, seat)
        assert ("poor below" if lang == "en" else "ضعيفة دون") in said
        app.pop()
    assert app.crashes == []


def test_scale_verdicts():
    scale = {"poor": 25, "good": 29}
    assert [scale_verdict(v, scale) for v in (24.9, 25, 29, 29.1)] == [
        "poor",
        "fair",
        "fair",
        "good",
    ]
