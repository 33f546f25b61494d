"""The engine's player interface as a class game uses it (`game.net.seat_api`), checked
against the agreed design of turns, views and players, whichever side provides it."""

from __future__ import annotations

import pytest

from game.content.book import load_book
from game.content.paths import resolve
from game.engine import ActionError, Engine
from game.net.seat_api import PRIVATE, SeatAPI


@pytest.fixture(scope="module")
def api() -> SeatAPI:
    return SeatAPI(Engine(load_book(resolve("weak_guarantee"))))


def _pass_round(api: SeatAPI, state: dict, laps: int) -> dict:
    for _ in range(laps * len(api.seats)):
        state, _ = api.apply(state, {"type": "pass", "seat": api.current_player(state)})
    return state


def test_the_seats_take_turns_in_the_scenarios_order(api: SeatAPI) -> None:
    s = api.new_game(1)
    assert api.current_player(s) == api.seats[0] and s["lap"] == 1
    order = []
    for _ in range(len(api.seats)):
        seat = api.current_player(s)
        order.append(seat)
        s, _ = api.apply(s, {"type": "pass", "seat": seat})
    assert tuple(order) == api.seats
    assert api.current_player(s) == api.seats[0] and s["lap"] == 2 and s["round"] == 1


def test_out_of_turn_and_too_early(api: SeatAPI) -> None:
    s = api.new_game(1)
    first, second = api.seats[0], api.seats[1]
    with pytest.raises(ActionError, match=f"it is {first}'s turn, not {second}'s"):
        api.apply(s, {"type": "pass", "seat": second})
    with pytest.raises(ActionError, match="tabled from"):
        api.apply(s, {"type": "table", "seat": first})
    assert {"type": "table", "seat": first} not in api.legal_actions(s, first)
    assert api.legal_actions(s, second) == []
    s = _pass_round(api, s, 1)
    assert {"type": "table", "seat": first} in api.legal_actions(s, first)


def test_a_quiet_lap_from_lap_2_tables_by_itself(api: SeatAPI) -> None:
    s = api.new_game(1)
    s = _pass_round(api, s, 1)  # lap 1: everyone passes; nothing is tabled yet
    assert s["round"] == 1 and s["lap"] == 2
    s = _pass_round(api, s, 1)  # lap 2 passes quietly: Russia answers, the next round opens
    assert s["round"] == 2 and s["lap"] == 1 and api.current_player(s) == api.seats[0]
    assert len(s["history"]) == 1


def test_views_hold_nothing_private_and_legal_actions_read_only_the_view(api: SeatAPI) -> None:
    s = api.new_game(3)
    for seat in (*api.seats, None):
        v = api.view(s, seat)
        assert not PRIVATE & set(v)
        if seat is not None:
            assert v["hand"] == s["hands"][seat]
            assert api.legal_actions(v, seat) == api.legal_actions(s, seat)
        else:
            assert not v.get("hand")


def test_an_easy_player_plays_every_seat_to_the_end(api: SeatAPI) -> None:
    s = api.new_game(9)
    players = {seat: api.player(seat, "easy", 1) for seat in api.seats}
    for _ in range(2000):  # a guard: a whole game is far shorter
        seat = api.current_player(s)
        if seat is None:
            break
        action = players[seat].act(api.view(s, seat))
        assert action in api.legal_actions(s, seat) or action["type"] == "propose"
        s, _ = api.apply(s, action)
    assert s["phase"] == "over"
    with pytest.raises(ValueError, match="levels"):
        api.player("europe", "grandmaster", 1)


def test_a_round_ends_at_the_latest_with_lap_3(api: SeatAPI) -> None:
    s = api.new_game(4)
    s = _pass_round(api, s, 1)
    for lap in (2, 3):  # every seat proposes before it passes, so no lap is quiet
        for _ in api.seats:
            assert s["lap"] == lap and s["round"] == 1
            seat = api.current_player(s)
            proposal = next(a for a in api.legal_actions(s, seat) if a["type"] == "propose")
            s, _ = api.apply(s, proposal)
            s, _ = api.apply(s, {"type": "pass", "seat": seat})
    assert s["round"] == 2 and s["lap"] == 1 and len(s["history"]) == 1
