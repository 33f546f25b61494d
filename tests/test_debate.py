"""Debate odds (GAME-DESIGN 3.8): the listener and the evidence decide the chance, which is
known exactly before the roll, equals what the engine resolves, and lists every part."""

from __future__ import annotations

from typing import Any

import pytest

from game.engine import debate
from game.engine.drive import table_when_heard, to_turn
from game.engine.game import Engine
from game.engine.strategies import play

from .conftest import SCENARIOS

ROLLS = [(a, b) for a in range(1, 7) for b in range(1, 7)]


def _set(engine: Engine, state: dict[str, Any], **values: int) -> dict[str, Any]:
    """The state after a facilitator's override (the engine's own action)."""
    new, _ = engine.apply(
        state, {"type": "override", "seat": "facilitator", "reason": "test", "set": values}
    )
    return new


def _on_turn(state: dict[str, Any], seat: str) -> Any:
    """The same state on `seat`'s turn, holding every card any seat holds or will draw (these
    tests are about the debate, not the turn or the hands: every seat argues from its hand)."""
    cards = {c for s in state["hands"] for c in [*state["hands"][s], *state["decks"][s]]}
    cards |= {p["card"] for p in state["played"]}  # played once, held again for the test
    return {**state, "turn": seat, "hands": {**state["hands"], seat: sorted(cards)}}


def _landed(engine: Engine, state: dict[str, Any], seat: str, card: str) -> int:
    """How many of the 36 rolls land when the engine itself resolves the argument."""
    wins = 0
    for roll in ROLLS:
        _, events = engine.apply(
            _on_turn(state, seat), {"type": "argue", "seat": seat, "card": card, "dice": list(roll)}
        )
        (arg,) = [e for e in events if e["type"] == "argument"]
        wins += arg["success"]
    return wins


def _plays(engine: Engine) -> list[tuple[str, str]]:
    return [
        (seat, card_id)
        for card_id, card in sorted(engine.arguments.items())
        for seat in card["by"]
        if seat in engine.seats
    ]


def test_a_strong_relevant_card_to_a_receptive_listener_beats_a_weak_one_to_a_hostile_one(
    engines,
):
    engine = engines["ground_troops"]
    state, _ = engine.new_game(3)
    strong = engine.arguments["arg.boots_on_ground"]
    weak = engine.arguments["arg.unplanned_enlargement"]
    assert strong["strength"] + strong["relevance"] > weak["strength"] + weak["relevance"]
    receptive = _set(engine, state, **{"europe.troops": 45})  # 5 points from its threshold 50
    hostile = _set(engine, state, **{"europe.troops": 5})  # 45 points from it
    good = debate.chance(engine, receptive, "ukraine", "arg.boots_on_ground")
    bad = debate.chance(engine, hostile, "ukraine", "arg.unplanned_enlargement")
    assert good.value("stance") == 0 and bad.value("stance") == -2
    assert good.chance > 0.7 and bad.chance < 0.4
    # and the same card is harder to land on the hostile listener than on the receptive one
    same = debate.chance(engine, hostile, "ukraine", "arg.boots_on_ground")
    assert same.chance < good.chance


@pytest.mark.parametrize("sid", SCENARIOS)
def test_a_listener_further_from_its_threshold_is_never_easier(engines, sid: str):
    engine = engines[sid]
    state, _ = engine.new_game(1)
    for seat, card_id in _plays(engine):
        card = engine.arguments[card_id]
        moved = [e for e in card["effects"] if e["kind"] == "position"]
        if len(moved) != 1:
            continue
        pos, delta = moved[0]["position"], moved[0]["delta"]
        chances = []
        for v in range(0, 101, 5):
            # walking the position away from where the card pushes it
            at = 100 - v if delta > 0 else v
            chances.append(debate.chance(engine, _set(engine, state, **{pos: at}), seat, card_id))
        values = [o.chance for o in chances]
        assert values == sorted(values, reverse=True), (card_id, values)
        assert values[0] > values[-1], card_id


def test_russia_is_harder_to_move_the_surer_it_is_of_winning(engines):
    engine = engines["weak_guarantee"]
    state, _ = engine.new_game(1)
    sure = debate.chance(engine, _set(engine, state, momentum=80), "us", "arg.west_agreed")
    doubting = debate.chance(engine, _set(engine, state, momentum=30), "us", "arg.west_agreed")
    assert sure.value("stance") == -2 and doubting.value("stance") == 1
    assert sure.chance < doubting.chance


def test_a_listener_asked_to_give_way_next_to_its_red_line_is_hostile(engines):
    """Ukraine will never recognise the occupation in law (a red line on `recognition`):
    asking it to live with de facto recognition costs 1; other positions cost nothing."""
    engine = engines["ground_troops"]
    state, _ = engine.new_game(1)
    odds = debate.chance(engine, state, "europe", "arg.de_facto_bargain")
    (line,) = [m for m in odds.modifiers if m["name"] == "red_line"]
    assert line == {
        "name": "red_line",
        "value": -1,
        "red_line": "ukraine.no_de_jure",
        "clauses": ["recognition"],
    }
    # the same listener on a position with no red line near it, and a card that hardens it
    assert debate.chance(engine, state, "us", "arg.rubio_details").value("red_line") == 0
    assert debate.chance(engine, state, "europe", "arg.minsk_observers").value("red_line") == 0
    # only de facto cards to Ukraine touch a red line in the shipped content
    near = {
        c
        for c, card in engine.arguments.items()
        if debate.chance(engine, state, card["by"][0], c).value("red_line")
    }
    assert near == {"arg.de_facto_bargain", "arg.gap_visions", "arg.time_costs_land"}


def test_what_the_listener_has_heard_weakens_the_next_argument_on_it(engines):
    engine = engines["weak_guarantee"]
    state, _ = engine.new_game(1)  # computer seats: any card of the seat may be argued
    card = "arg.cold_war_300k"  # moves us.air_support, as the three cards played before it
    assert debate.chance(engine, state, "europe", card).value("repetition") == 0
    heard = []
    for played in ("arg.air_support_offer", "arg.readiness_not_words", "arg.budapest_lesson"):
        seat = engine.arguments[played]["by"][0]
        state, _ = engine.apply(
            _on_turn(state, seat), {"type": "argue", "seat": seat, "card": played, "dice": [1, 1]}
        )
        heard.append(debate.chance(engine, state, "europe", card).value("repetition"))
    assert heard == [-1, -2, -2]
    # an argument on another position to another listener has heard nothing
    assert debate.chance(engine, state, "europe", "arg.minsk_observers").value("repetition") == 0


def test_a_listener_remembers_this_round_and_the_last(engines):
    engine = engines["article5_pledge"]
    state, _ = engine.new_game(1)
    state, _ = engine.apply(
        state, {"type": "argue", "seat": "europe", "card": "arg.air_support_offer", "dice": [1, 1]}
    )
    heard = []
    for _ in range(3):
        heard.append(
            debate.chance(engine, state, "europe", "arg.cold_war_300k").value("repetition")
        )
        state, _ = table_when_heard(engine, state, "europe")
        assert state["phase"] == "talks"
    assert heard == [-1, -1, 0]


def test_the_evidence_counts(engines):
    engine = engines["ground_troops"]
    state, _ = engine.new_game(1)
    bases = {card_id: debate.evidence_basis(card) for card_id, card in engine.arguments.items()}
    assert set(bases.values()) == {"explicit", "implied", "hedged"}
    for card_id, basis in bases.items():
        card = engine.arguments[card_id]
        odds = debate.chance(engine, state, card["by"][0], card_id)
        assert odds.value("evidence") == {"explicit": 1, "implied": 0, "hedged": -1}[basis]
        assert (basis == "hedged") == bool(card.get("factcheck"))


@pytest.mark.parametrize("sid", SCENARIOS)
def test_the_chance_is_exactly_what_the_engine_resolves(engines, sid: str):
    """Every card and seat, in the opening state and in the middle of a played game: the
    chance counts the same rolls of the 36 that the engine's own resolution lands."""
    engine = engines[sid]
    opening, _ = engine.new_game(7)
    _, log, _ = play(engine, 7, engine.seats[0], "random")
    middle, _ = engine.new_game(7, humans=[engine.seats[0]])
    for action in log[: len(log) // 2]:
        middle, _ = engine.apply(middle, action)
    middle = {
        **middle,
        "seats": {s: "computer" for s in engine.seats},
        "used": {s: {"arguments": 0, "move": None} for s in engine.seats},  # arguments left
    }
    assert middle["played"], "the half-played game has arguments in it"
    for state in (opening, middle):
        if state["phase"] != "talks":
            continue
        for seat, card_id in _plays(engine):
            odds = debate.chance(engine, state, seat, card_id)
            assert odds.wins == _landed(engine, state, seat, card_id), (seat, card_id)
            assert odds.chance == pytest.approx(odds.wins / 36)


@pytest.mark.parametrize("seed", range(12))
def test_a_rolled_argument_lists_every_part_and_they_add_up(engines, seed: int):
    engine = engines["article5_pledge"]
    state, _ = engine.new_game(seed)
    for seat, card_id in _plays(engine)[seed::6]:
        odds = debate.chance(engine, state, seat, card_id)
        _, events = engine.apply(
            _on_turn(state, seat), {"type": "argue", "seat": seat, "card": card_id}
        )
        (e,) = [x for x in events if x["type"] == "argument"]
        names = [m["name"] for m in e["modifiers"]]
        assert names == [
            "strength",
            "relevance",
            "counter",
            "stance",
            "red_line",
            "repetition",
            "evidence",
        ]
        parts = sum(m["value"] for m in e["modifiers"])
        assert parts == odds.modifier == e["modifier"]
        assert e["total"] == sum(e["dice"]) + parts
        assert e["success"] == (e["total"] >= e["target"])
        assert e["chance"] == round(odds.chance, 4)
        assert e["modifiers"] == [dict(m) for m in odds.modifiers]


def test_the_spread_of_chances_is_wide(engines):
    """Choosing an argument is a choice: in the opening states the chances run from unlikely
    to likely, and not nearly every card lands four times out of five."""
    chances = []
    for sid in SCENARIOS:
        engine = engines[sid]
        state, _ = engine.new_game(1)
        chances += [debate.chance(engine, state, s, c).chance for s, c in _plays(engine)]
    assert min(chances) < 0.3 and max(chances) > 0.85
    assert sum(p >= 0.8 for p in chances) / len(chances) < 0.5


def test_a_card_addressed_elsewhere_or_played_by_the_wrong_seat_is_refused(engines):
    engine = engines["tutorial"]
    state, _ = engine.new_game(1)
    with pytest.raises(debate.DebateError, match="addressed to ukraine, not us"):
        debate.chance(engine, state, "europe", "arg.minsk_observers", "us")
    with pytest.raises(debate.DebateError, match=r"us cannot play arg\.minsk_observers"):
        debate.chance(engine, state, "us", "arg.minsk_observers")
    with pytest.raises(debate.DebateError, match="unknown argument card"):
        debate.chance(engine, state, "us", "arg.nothing")


# ---------------------------------------------------------------- preview (what a card does)


def test_remember_minsk_warns_that_it_cuts_against_europes_own_paper_package(engines):
    """The issue's example: Europe's own paper package, and Ukraine's readiness to sign it
    cut by "Remember Minsk" with no warning."""
    engine = engines["ground_troops"]
    state, _ = engine.new_game(1, humans=["europe"])
    paper = {"pledge": "assurances", "observers": True}
    state, _ = engine.apply(state, {"type": "propose", "seat": "europe", "package": paper})
    p = debate.preview(engine, state, "europe", "arg.minsk_observers")
    assert p["package"] == "draft"
    (move,) = p["moves"]
    assert move == {
        "position": "ukraine.paper",
        "seat": "ukraine",
        "direction": -1,
        "delta": -15,
        "at": 30,
        "after": 15,
        "threshold": 50,
        "distance": -19,
        "thresholds": [
            {"objection": "ukraine.no_paper_guarantee", "seat": "ukraine", "op": "ge", "value": 50}
        ],
    }
    assert p["warnings"] == [
        {
            "kind": "further",
            "seat": "ukraine",
            "objection": "ukraine.no_paper_guarantee",
            "position": "ukraine.paper",
            "from": 30,
            "to": 15,
            "threshold": 50,
        }
    ]
    # with troops in Europe's draft, the same card cuts against nothing of Europe's
    state, _ = engine.apply(
        state,
        {"type": "propose", "seat": "europe", "package": {"troops": {"europe": 15000}}},
    )
    assert debate.preview(engine, state, "europe", "arg.minsk_observers")["warnings"] == []


def test_the_own_package_is_the_draft_the_seat_made_or_agreed_to(engines):
    engine = engines["ground_troops"]
    state, _ = engine.new_game(1, humans=["europe", "us"])
    assert debate.own_package(state, "europe") == ("tabled", state["package"])
    paper = {"pledge": "assurances", "observers": True}
    state, _ = engine.apply(state, {"type": "pass", "seat": "europe"})
    state, _ = engine.apply(state, {"type": "propose", "seat": "us", "package": paper})
    assert debate.own_package(state, "europe")[0] == "tabled"  # not agreed yet
    assert debate.own_package(state, "us") == ("draft", state["draft"])
    state, _ = to_turn(engine, state, "europe")
    state, _ = engine.apply(state, {"type": "agree", "seat": "europe"})
    assert debate.own_package(state, "europe") == ("draft", state["draft"])
    p = debate.preview(engine, state, "europe", "arg.minsk_observers")
    assert [w["objection"] for w in p["warnings"]] == ["ukraine.no_paper_guarantee"]


def test_remember_minsk_warns_that_ukraine_would_refuse_the_tabled_paper(engines):
    engine = engines["weak_guarantee"]  # paper on the table; Ukraine at 55, just willing
    state, _ = engine.new_game(1, humans=["europe"])
    p = debate.preview(engine, state, "europe", "arg.minsk_observers")
    assert p["package"] == "tabled"
    assert p["warnings"] == [
        {"kind": "refuses", "seat": "ukraine", "objection": "ukraine.no_paper_guarantee"}
    ]
    assert p["odds"] == debate.chance(engine, state, "europe", "arg.minsk_observers").as_dict()


@pytest.mark.parametrize("sid", SCENARIOS)
def test_every_card_that_would_bring_a_new_objection_says_so(engines, sid: str):
    """The class, not the example: for every card and seat, land it with the engine and see
    whether any seat newly objects to the seat's own package; the preview must have said so,
    and a preview's `refuses` is never a false alarm."""
    engine = engines[sid]
    state, _ = engine.new_game(2)
    for seat, card_id in _plays(engine):
        p = debate.preview(engine, state, seat, card_id)
        package = state["package"]
        before = {o["id"] for o in engine.objections_to(state, package)}
        landed, _ = engine.apply(
            _on_turn(state, seat), {"type": "argue", "seat": seat, "card": card_id, "dice": [6, 6]}
        )
        assert landed["played"][-1]["success"], card_id
        for m in p["moves"]:
            assert landed["positions"][m["position"]] == m["after"], (card_id, m)
        for x in p["shifts"]:
            assert landed["indicators"][x["indicator"]] == x["after"], (card_id, x)
        after = {o["id"] for o in engine.objections_to(landed, package)}
        said = {w["objection"] for w in p["warnings"] if w["kind"] == "refuses"}
        assert said == after - before, (seat, card_id)
        lifted = {h["objection"] for h in p["helps"] if h["kind"] == "lifts"}
        assert lifted == before - after, (seat, card_id)


def test_the_hand_previews_every_card_in_it(engines):
    engine = engines["weak_guarantee"]
    state, _ = engine.new_game(4, humans=["europe"])
    shown = debate.hand(engine, state, "europe")
    assert [p["card"] for p in shown] == state["hands"]["europe"] and len(shown) == 4
    for p in shown:
        assert p == debate.preview(engine, state, "europe", p["card"])
