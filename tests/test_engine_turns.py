"""The engine's player interface: whose turn it is, the legal actions, a seat's view, undo
as an action, and the players that act on views (GAME-DESIGN 3.7; the turn order)."""

from __future__ import annotations

import copy
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import ActionError, Engine, current_player, view, vocab
from game.engine.drive import play_until_human, run, to_turn
from game.engine.legal import candidate_packages
from game.engine.players import EasyPlayer, make_player
from game.engine.strategies import StrategyPlayer

from .conftest import MAIN_SCENARIOS, SCENARIOS

PRIVATE = ("rng", "seed", "hands", "decks", "back", "years_rng")


def everyone_easy(engine: Engine, seed: int = 0) -> dict[str, EasyPlayer]:
    return {s: EasyPlayer(engine, s) for s in engine.seats}


# ---------------------------------------------------------------- the turn


def test_a_round_opens_with_the_first_seat_and_the_turn_goes_round(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(3, humans=["europe", "us", "ukraine"])
    assert (state["turn"], state["lap"], state["quiet"]) == ("europe", 1, 0)
    assert current_player(state) == engine.current_player(state) == "europe"
    seen = []
    for _ in range(4):
        seen.append((state["turn"], state["lap"]))
        state, events = engine.apply(state, {"type": "pass", "seat": state["turn"]})
    assert seen == [("europe", 1), ("us", 1), ("ukraine", 1), ("europe", 2)]
    assert events[-1] == {"type": "turn", "seat": "us", "lap": 2}


def test_out_of_turn_is_refused_with_whose_turn_it_is(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(3, humans=["europe", "us"])
    with pytest.raises(ActionError, match="it is europe's turn, not us's"):
        engine.apply(state, {"type": "pass", "seat": "us"})
    state, _ = engine.apply(state, {"type": "pass", "seat": "europe"})
    with pytest.raises(ActionError, match="it is us's turn, not europe's"):
        engine.apply(state, {"type": "propose", "seat": "europe", "package": {}})
    # the facilitator's override is bound to no turn
    engine.apply(state, {"type": "override", "reason": "class vote", "set": {"momentum": 40}})


def test_a_quiet_lap_from_lap_2_tables_as_the_first_seat(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(3, humans=["europe", "us", "ukraine"])
    for _ in range(3):  # lap 1: quiet, but every seat has only now had its say
        state, _ = engine.apply(state, {"type": "pass", "seat": state["turn"]})
    assert (state["round"], state["lap"], state["quiet"]) == (1, 2, 0)
    for _ in range(2):
        state, _ = engine.apply(state, {"type": "pass", "seat": state["turn"]})
    state, events = engine.apply(state, {"type": "pass", "seat": "ukraine"})
    assert any(e["type"] == "russia" for e in events) and state["round"] == 2
    assert (state["turn"], state["lap"]) == ("europe", 1)


def test_the_end_of_the_last_lap_tables_even_if_seats_keep_talking(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(3, humans=["europe", "us", "ukraine"])
    offers = [{"observers": True}, {"observers": False}]
    events: list = []
    for i in range(3 * vocab.MAX_LAPS):
        seat = state["turn"]
        state, _ = engine.apply(state, {"type": "propose", "seat": seat, "package": offers[i % 2]})
        assert state["round"] == 1
        state, events = engine.apply(state, {"type": "pass", "seat": seat})
    assert state["round"] == 2 and any(e["type"] == "refused" for e in events)
    assert next(e for e in events if e["type"] == "refused")["seat"] == "europe"


def test_tabling_waits_for_lap_2_and_needs_every_seat_to_agree(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(1, humans=["europe"])
    offer = {"pledge": "assurances", "observers": True}
    state, _ = engine.apply(state, {"type": "propose", "seat": "europe", "package": offer})
    with pytest.raises(ActionError, match="from the second turn"):
        engine.apply(state, {"type": "table", "seat": "europe"})
    state, events = to_turn(engine, state, "europe", lap=2)
    answers = {e["seat"]: e["type"] for e in events if e["type"] in ("agree", "object")}
    assert set(answers) == {"us", "ukraine"}
    state, events = engine.apply(state, {"type": "table", "seat": "europe"})
    tabled = any(e["type"] == "tabled" for e in events)
    assert tabled == all(a == "agree" for a in answers.values())


def test_every_seat_signs_in_turn_and_a_computer_refuses_on_its_objection(engines):
    """After Russia accepts the turn goes round once more: the easy computer signs unless one
    of its objections to the package holds (and says which). Real deals (the `bargain`
    line); then the same deals with the computer seats' positions set to nothing by a
    facilitator's override while the seats sign, so that their objections hold."""
    from game.engine.game import current_player, view
    from game.engine.players import make_player
    from game.engine.strategies import play

    deals = refusals = 0
    for sid in MAIN_SCENARIOS:
        engine: Engine = engines[sid]
        for seed in range(3):
            state, log, _events = play(engine, seed, "europe", "bargain")
            assert state["outcome"]["kind"] == "deal", (sid, seed)
            deals += 1
            assert state["signed"] == list(engine.seats)
            # the same game up to Russia's acceptance, then the positions set to nothing
            replay, _ = engine.new_game(seed, humans=["europe"])
            for action in log:
                replay, _ = engine.apply(replay, action)
                if replay["phase"] == "signing":
                    break
            assert replay["phase"] == "signing"
            theirs = {
                p["id"]: 0
                for s in engine.seats
                if replay["seats"][s] == "computer"
                for p in engine.actors[s].get("positions", [])
            }
            replay, _ = engine.apply(
                replay, {"type": "override", "seat": "facilitator", "reason": "t", "set": theirs}
            )
            holding = {
                o["seat"]
                for o in engine.objections_to(replay, replay["package"])
                if replay["seats"][o["seat"]] == "computer"
            }
            events: list = []
            while replay["phase"] == "signing":
                seat = current_player(replay)
                if replay["seats"][seat] == "human":
                    action = {"type": "sign", "seat": seat}
                else:
                    action = make_player(engine, seat, "easy", seed).act(view(replay, seat))
                replay, new = engine.apply(replay, action)
                events += new
            for i, e in enumerate(events):
                if e["type"] == "not_signed":
                    refusals += 1
                    (seat,) = {o["seat"] for o in e["objections"]}
                    assert seat in holding and replay["seats"][seat] == "computer"
                    assert events[i + 1] == {"type": "refused_to_sign", "seat": seat}
            assert bool(holding) == any(e["type"] == "refused_to_sign" for e in events)
    assert deals and refusals, (deals, refusals)


# ---------------------------------------------------------------- undo


def test_undo_gives_back_the_state_before_a_move_a_proposal_or_an_answer(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(2, humans=["europe", "us"])
    start = state
    move = engine.available_moves(state, "europe")[0]
    s1, _ = engine.apply(state, {"type": "move", "seat": "europe", "move": move})
    s2, _ = engine.apply(s1, {"type": "propose", "seat": "europe", "package": {"observers": True}})
    back1, events = engine.apply(s2, {"type": "undo", "seat": "europe"})
    assert back1 == s1 and events == [{"type": "undone", "seat": "europe"}]
    back0, _ = engine.apply(back1, {"type": "undo", "seat": "europe"})
    assert back0 == start
    with pytest.raises(ActionError, match="nothing to undo"):
        engine.apply(back0, {"type": "undo", "seat": "europe"})
    # an answer can be undone too, but a pass cannot, nor a roll
    s3, _ = engine.apply(s2, {"type": "pass", "seat": "europe"})
    with pytest.raises(ActionError, match="nothing to undo"):
        engine.apply(s3, {"type": "undo", "seat": "us"})
    s4, _ = engine.apply(s3, {"type": "agree", "seat": "us"})
    assert engine.apply(s4, {"type": "undo", "seat": "us"})[0] == s3
    card = s4["hands"]["us"][0]
    s5, _ = engine.apply(s4, {"type": "argue", "seat": "us", "card": card})
    with pytest.raises(ActionError, match="nothing to undo"):
        engine.apply(s5, {"type": "undo", "seat": "us"})
    # in place: no undo state is kept, so undo is not possible
    s6, _ = engine.apply(copy.deepcopy(s3), {"type": "agree", "seat": "us"}, in_place=True)
    assert s6["back"] is None and not view(s6, "us")["can_undo"]


# ---------------------------------------------------------------- the view


def _other_hands_changed(engine: Engine, state: dict, seat: str, rnd: random.Random) -> dict:
    """The same game as `seat` sees it, with everything it cannot see changed: the other
    seats' hands (same sizes, other cards), every deck's order, the generators, the seed."""
    s = dict(state)
    hands = {}
    for other, hand in state["hands"].items():
        if other == seat:
            hands[other] = hand
        else:
            pool = [c for c in engine.decks[other] if c not in hand] or list(hand)
            hands[other] = [rnd.choice(pool) for _ in hand]
    s["hands"] = hands
    s["decks"] = {k: (v if k == seat else rnd.sample(v, len(v))) for k, v in state["decks"].items()}
    s["decks"][seat] = list(reversed(state["decks"][seat]))  # its own deck's order too
    s["rng"] = rnd.getrandbits(64)
    s["years_rng"] = rnd.getrandbits(64)
    s["seed"] = rnd.getrandbits(31)
    s["back"] = None if state["back"] is None else {"anything": 1}
    return s


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sid=st.sampled_from(MAIN_SCENARIOS),
    seed=st.integers(0, 2**31),
    humans=st.lists(st.sampled_from(vocab.SEATS), min_size=1, max_size=3, unique=True),
    steps=st.integers(0, 40),
)
def test_a_view_holds_nothing_private(engines, sid, seed, humans, steps):
    engine: Engine = engines[sid]
    state, _ = engine.new_game(seed, humans=humans)
    rnd = random.Random(seed)
    for _ in range(steps):
        seat = current_player(state)
        if seat is None:
            break
        legal = engine.legal_actions(state, seat)
        state, _ = engine.apply(state, rnd.choice(legal))
    for seat in [*engine.seats, None]:
        v = view(state, seat)
        assert not set(PRIVATE) & set(v), seat
        if seat is None:
            assert v["hand"] == [] and v["deck_size"] == 0
        else:
            assert v["hand"] == state["hands"][seat]
            assert v["deck_size"] == len(state["decks"][seat])
            changed = _other_hands_changed(engine, state, seat, rnd)
            assert view(changed, seat) == v
            assert engine.legal_actions(changed, seat) == engine.legal_actions(state, seat)
        assert v["hand_sizes"] == {s: len(h) for s, h in state["hands"].items()}
        assert v["can_undo"] == (state["back"] is not None)


# ---------------------------------------------------------------- legal actions


def _unlisted(engine: Engine, state: dict, seat: str, legal: list) -> list[dict]:
    """Actions that must be refused now: each breaks one rule."""
    others = [s for s in engine.seats if s != seat]
    out: list[dict] = [
        {"type": "pass", "seat": others[0]},  # out of turn
        {"type": "propose", "seat": others[-1], "package": {}},
        {"type": "argue", "seat": seat, "card": "arg.not_a_card"},
        {"type": "walk_out", "seat": "russia"},
    ]
    kinds = {a["type"] for a in legal}
    not_in_hand = [c for c in engine.decks[seat] if c not in state["hands"][seat]]
    if not_in_hand and state["seats"][seat] == "human":
        out.append({"type": "argue", "seat": seat, "card": not_in_hand[0]})
    if state["phase"] == "talks":
        out.append({"type": "sign", "seat": seat})  # sign in talks
        if state["used"][seat]["arguments"] >= 2 and engine.decks[seat]:  # a third argument
            out.append({"type": "argue", "seat": seat, "card": engine.decks[seat][0]})
        if state["used"][seat]["move"] is not None:
            mine = [m for m, d in engine.moves.items() if d["seat"] == seat]
            out += [{"type": "move", "seat": seat, "move": m} for m in mine]  # second move
        if state["lap"] < 2:
            out.append({"type": "table", "seat": seat})  # table in lap 1
        if "agree" not in kinds:
            out.append({"type": "agree", "seat": seat})  # no draft, or answered already
        if "undo" not in kinds:
            out.append({"type": "undo", "seat": seat})
        countered = {a["card"] for a in legal if a["type"] == "counter"}
        out += [
            {"type": "counter", "seat": seat, "card": c}
            for c in engine.arguments
            if c not in countered
        ][:3]
    else:
        out.append({"type": "pass", "seat": seat})
        out.append({"type": "propose", "seat": seat, "package": {}})
    return out


def _walk(engine: Engine, seed: int, humans: list[str], steps: int, check: bool) -> int:
    state, _ = engine.new_game(seed, humans=humans)
    rnd = random.Random(seed)
    checked = 0
    for _ in range(steps):
        seat = current_player(state)
        if seat is None:
            break
        legal = engine.legal_actions(state, seat)
        assert legal == engine.legal_actions(view(state, seat), seat)
        assert legal and all(a["seat"] == seat for a in legal)
        for other in engine.seats:
            if other != seat:
                assert engine.legal_actions(state, other) == []
        if check:
            for a in legal:  # every listed action applies (apply leaves the state as it was)
                engine.apply(state, a)
            for a in _unlisted(engine, state, seat, legal):
                with pytest.raises(ActionError):
                    engine.apply(state, a)
            checked += 1
        # walk on: mostly the seat's own steps, sometimes the end of its turn
        ending = [a for a in legal if a["type"] in ("pass", "table", "sign", "refuse")]
        doing = [a for a in legal if a["type"] not in ("walk_out", "pass", "table")]
        pick = rnd.choice(doing if doing and rnd.random() < 0.6 else ending or legal)
        state, _ = engine.apply(state, pick)
    return checked


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sid=st.sampled_from(MAIN_SCENARIOS),
    seed=st.integers(0, 2**31),
    humans=st.lists(st.sampled_from(vocab.SEATS), min_size=0, max_size=3, unique=True),
)
def test_every_listed_action_applies_and_unlisted_ones_are_refused(engines, sid, seed, humans):
    assert _walk(engines[sid], seed, humans, steps=30, check=True)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_legal_actions_read_only_the_view_over_whole_games(engines, sid):
    engine: Engine = engines[sid]
    for seed in range(3):
        _walk(engine, seed, ["europe", "ukraine"], steps=400, check=False)


def test_the_candidate_proposals_change_one_clause_or_aim_at_a_strategy(engines):
    from game.engine import package as pkg
    from game.engine.strategies import TARGETS

    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(0, humans=["europe"])
    v = view(state, "europe")
    found = candidate_packages(engine, v)
    assert len({repr(sorted(p.items())) for p in found}) == len(found)
    table = state["package"]
    targets = [pkg.normalise(t) for t in TARGETS.values()]
    for p in found:
        assert p == pkg.normalise(p)
        assert len(pkg.changed_clauses(table, p)) == 1 or p in targets
        assert not set(pkg.changed_clauses(table, p)) & engine.locked


# ---------------------------------------------------------------- players and the driver


def test_the_driver_runs_the_computer_until_a_person_is_on_turn(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(4, humans=["ukraine"])
    players = {s: make_player(engine, s, "easy", 4) for s in ("europe", "us")}
    state, actions, _ = play_until_human(engine, state, players)
    assert current_player(state) == "ukraine" and actions
    assert {a["seat"] for a in actions} == {"europe", "us"}
    assert [a["type"] for a in actions if a["seat"] == "europe"][-1] == "pass"
    with pytest.raises(ValueError, match="unknown computer level"):
        make_player(engine, "us", "brilliant", 0)


@pytest.mark.parametrize("sid", MAIN_SCENARIOS)
def test_the_computer_plays_whole_games_by_itself(engines, sid):
    engine: Engine = engines[sid]
    for seed in range(4):
        state, actions, _ = run(engine, engine.new_game(seed)[0], everyone_easy(engine))
        assert state["phase"] == "over" and state["turn"] is None
        assert "pass" in {a["type"] for a in actions}
        assert len(state["history"]) == state["outcome"]["round"]  # every round was tabled


def test_a_scripted_strategy_is_a_player_that_tables_from_lap_2(engines):
    engine: Engine = engines["weak_guarantee"]
    state, _ = engine.new_game(5, humans=["europe"])
    player = StrategyPlayer(engine, "europe", "reassurance", 5)
    kinds = []
    while state["round"] == 1 and state["phase"] == "talks":
        seat = current_player(state)
        if seat == "europe":
            action = player.act(view(state, seat))
            kinds.append((action["type"], state["lap"]))
        else:
            action = EasyPlayer(engine, seat).act(view(state, seat))
        state, _ = engine.apply(state, action)
    assert ("propose", 1) in kinds and kinds[-1] == ("table", 2)
    assert ("pass", 1) in kinds
