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
