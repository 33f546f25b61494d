"""Running players: ask the seat on turn for its action, apply it, again.

    state, actions, events = play_until_human(engine, state, players)   # the computer seats
    state, actions, events = run(engine, state, players)                # a whole game
    state, actions = run_quiet(engine, state, players)                  # ... telling nothing

`players` maps seats to players (`players.Player`); a seat with no player is a person's,
and `play_until_human` stops when it is that seat's turn (or the game is over).
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.game import ActionError, Engine, current_player, view
from game.engine.players import EasyPlayer, Player, respond
from game.engine.shapes import Action, Event, State

MAX_STEPS = 10_000
"""A driver gives up after this many actions without the game moving to a new round: a
player that never ends its turn."""


def play_until_human(
    engine: Engine,
    state: State,
    players: Mapping[str, Player],
    *,
    in_place: bool = False,
) -> tuple[State, list[Action], list[Event]]:
    """Run the players until a seat without one is on turn or the game is over: the state,
    the actions taken and their events."""
    actions: list[Action] = []
    events: list[Event] = []
    apply = engine.apply
    steps, at = 0, state["round"]
    while state["phase"] != "over":
        seat = state["turn"]
        player = players.get(seat) if seat is not None else None
        if player is None:
            break
        action = player.act(view(state, seat))
        state, new = apply(state, action, in_place=in_place)
        actions.append(action)
        events += new
        if state["round"] != at:
            steps, at = 0, state["round"]
        else:
            steps += 1
            if steps > MAX_STEPS:
                raise ActionError(f"{seat}'s player keeps acting without the round moving on")
    return state, actions, events


def run(
    engine: Engine,
    state: State,
    players: Mapping[str, Player],
    *,
    in_place: bool = False,
) -> tuple[State, list[Action], list[Event]]:
    """Run a game to its end: every seat needs a player."""
    missing = [s for s in engine.seats if s not in players]
    if missing:
        raise ValueError(f"no player for {', '.join(missing)}")
    return play_until_human(engine, state, players, in_place=in_place)


def run_quiet(
    engine: Engine, state: State, players: Mapping[str, Player]
) -> tuple[State, list[Action]]:
    """`run` for a caller that owns the state and wants only the end: each action applied in
    place by `Engine.step` (no events built), the final state and the actions taken."""
    missing = [s for s in engine.seats if s not in players]
    if missing:
        raise ValueError(f"no player for {', '.join(missing)}")
    actions: list[Action] = []
    step = engine.step
    steps, at = 0, state["round"]
    while state["phase"] != "over":
        seat = state["turn"]
        assert seat is not None
        action = players[seat].act(view(state, seat))
        state = step(state, action)
        actions.append(action)
        steps += 1
        if steps > MAX_STEPS:  # the round asked only now and then: rounds never go back
            if state["round"] == at:
                raise ActionError(f"{seat}'s player keeps acting without the round moving on")
            steps, at = 0, state["round"]
    return state, actions


def to_turn(
    engine: Engine,
    state: State,
    seat: str,
    players: Mapping[str, Player] | None = None,
    *,
    lap: int = 1,
) -> tuple[State, list[Event]]:
    """The other seats play until it is `seat`'s turn in lap `lap` or later (or the round
    or phase moved on first): each by its player (default: the computer, level easy), a
    seat without one passes (a person who is done) or, argued at, answers as the computer
    would (`players.respond`). The state and the events."""
    given = dict(players or {})
    events: list[Event] = []
    at = (state["round"], state["phase"])
    for _ in range(MAX_STEPS):
        turn = current_player(state)
        if turn is None or (state["round"], state["phase"]) != at:
            break
        if turn == seat and state["lap"] >= lap:
            break
        if turn == seat or (state["seats"][turn] == "human" and turn not in given):
            # a person who is done passes; argued at, it answers as the computer would
            action: Action = respond(engine, state, turn) or {"type": "pass", "seat": turn}
        else:
            player = given.get(turn) or given.setdefault(turn, EasyPlayer(engine, turn))
            action = player.act(view(state, turn))
        state, new = engine.apply(state, action)
        events.extend(new)
    return state, events


def table_when_heard(
    engine: Engine, state: State, seat: str, players: Mapping[str, Player] | None = None
) -> tuple[State, list[Event]]:
    """`seat` ends its turn, the others play (`to_turn`), and it tables on its next turn
    (from lap 2): the round's end as a person who tables at once gets it. If another seat
    tables first, that is the end. The state and the events."""
    at = (state["round"], state["phase"])
    state, events = to_turn(engine, state, seat, players, lap=2)
    if (state["round"], state["phase"]) == at and current_player(state) == seat:
        state, new = engine.apply(state, {"type": "table", "seat": seat})
        events.extend(new)
    return state, events
