"""The rulebook's shortcuts answer as the plain questions do, on every state of real games."""

from __future__ import annotations

from game.engine.debate import best_counter
from game.engine.game import view
from game.engine.legal import counters
from game.engine.strategies import players_for


def _states(engine, seeds=(1, 2, 3, 4)):
    """Every state of a few games (the strategy random as the last seat, the others easy)."""
    for seed in seeds:
        seat = engine.seats[-1]
        state, _ = engine.new_game(seed, humans=[seat])
        players = players_for(engine, seed, seat, "random")
        while state["phase"] != "over":
            yield state
            turn = state["turn"]
            state, _ = engine.apply(state, players[turn].act(view(state, turn)))


def _plain_counters(engine, state, seat):
    out = []
    for card_id in state["standing"]:
        card = engine.arguments[card_id]
        if card["to"] != seat or card_id in out:
            continue
        if any(e["kind"] == "position" for e in card["effects"]) and best_counter(
            engine.counters, seat, card_id
        ):
            out.append(card_id)
    return out


def test_may_move_policy_move_and_counters_answer_as_the_plain_questions(engines):
    asked = 0
    for engine in engines.values():
        for state in _states(engine):
            for seat in engine.seats:
                free = engine.available_moves(state, seat)
                for move in engine.moves:
                    if engine.moves[move]["seat"] == seat:
                        assert engine.may_move(state, seat, move) == (move in free)
                        asked += 1
                first = next((m for m in engine.policies[seat] if m in free), None)
                assert engine.policy_move(state, seat) == first
                assert engine.policy_move(state, seat, engine.ctx(state)) == first
                assert counters(engine, state, seat) == _plain_counters(engine, state, seat)
    assert asked > 1000


def test_picks_draws_as_randint_one_after_another():
    from game.engine import rng

    options = ((1, 2, 3), ("a",), (True, False), tuple(range(40)))
    for seed in range(50):
        state = rng.seed_state(seed)
        want, s = [], state
        for o in options:
            s, i = rng.randint(s, 0, len(o) - 1)
            want.append(o[i])
        assert rng.picks(state, options) == (s, want)


def test_a_quiet_game_gives_up_on_a_player_that_never_ends_its_turn(engines):
    import pytest

    from game.engine.drive import MAX_STEPS, run_quiet
    from game.engine.game import ActionError

    engine = engines["weak_guarantee"]
    state, _ = engine.new_game(1)

    class Proposer:
        def __init__(self):
            self.acted = 0

        def act(self, v):
            self.acted += 1
            return {"type": "propose", "seat": v["seat"], "package": {"observers": True}}

    players = {s: Proposer() for s in engine.seats}
    with pytest.raises(ActionError, match="keeps acting without the round moving on"):
        run_quiet(engine, state, players)
    assert MAX_STEPS < players[engine.seats[0]].acted <= 2 * MAX_STEPS + 1


def _illegal(engine, state):
    """Actions that must be refused in `state`, of every kind the checks tell apart."""
    turn = state["turn"]
    other = next(s for s in engine.seats if s != turn)
    return [
        ["pass"],
        {"seat": turn},
        {"type": "fly", "seat": turn},
        {"type": "pass"},
        {"type": "pass", "seat": "mars"},
        {"type": "pass", "seat": other},
        {"type": "sign", "seat": turn},
        {"type": "refuse", "seat": turn},
        {"type": "undo", "seat": turn},
        {"type": "argue", "seat": turn, "card": "arg.none"},
        {"type": "move", "seat": turn, "move": "no.move"},
        {"type": "object", "seat": turn, "objections": ["x"]},
        {"type": "table", "seat": other},
        {"type": "respond", "seat": turn, "answer": "stand"},
    ]


def test_step_refuses_what_apply_refuses_with_the_same_words(engines):
    """`Engine.step`'s quick path for a seat's own action checks as `apply` does: every
    illegal action of every kind, on every state of real games, is refused by both alike."""
    import copy

    from game.engine.game import ActionError

    refused = 0
    for engine in engines.values():
        for state in _states(engine, seeds=(1, 2)):
            if state["phase"] == "over":
                continue
            for action in _illegal(engine, state):
                try:
                    engine.apply(state, action)
                    said = None
                except ActionError as e:
                    said = str(e)
                try:
                    engine.step(copy.deepcopy(state), action)
                    quiet = None
                except ActionError as e:
                    quiet = str(e)
                assert said == quiet, action
                refused += said is not None
    assert refused > 1000
