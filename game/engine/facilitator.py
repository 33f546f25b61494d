"""A facilitator's interventions (GAME-DESIGN 7): actions like any other, each with a reason.

A teacher running a class game may step in; every intervention is an engine action, so it
is in the game's log, replayed on load like every action, and told in the debrief with its
reason. None is bound to the turn; each needs a reason (a line of words).

    {"type": "inject",    "seat": "facilitator", "event": "ev.x", "reason": "..."}
        one of the scenario's dated events, not told yet, happens now (its effects run and
        it joins the round's news); it is not told again when its own date comes
    {"type": "verdict",   "seat": "facilitator", "by": "europe", "card": "arg.x",
                          "rating": "strong" | "weak" | "fails", "reason": "..."}
    {"type": "verdict",   ..., "votes": [n1, n2, n3, n4, n5], "reason": "..."}
        an argument judged instead of the dice: by the facilitator's rating, or by a class
        vote (hands counted for each mark 1-5; `rating_of_votes` reads the marks). "strong"
        lands with its full effect, "weak" lands with half of it (each shift halved, towards
        zero), "fails" does not land (a failed argument between the US and Europe splits
        them, as after a roll). It counts as one of the seat's arguments this round.
    {"type": "skip",      "seat": "facilitator", "reason": "..."}
        the round's talks end now: the package goes to Russia (as when a seat tables it)
    {"type": "end_talks", "seat": "facilitator", "reason": "..."}
        the talks end without a deal (outcome `timeout`, reason `facilitator_ends`)

`interventions(actions, events)` reads them back from a game's log for the debrief, with
the facilitator's overrides of indicators and of the dice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from game.engine import actions as act
from game.engine.effects import compile_effects, run_effects
from game.engine.outcome import finish
from game.engine.rulebook import ARGUMENTS_PER_ROUND, Rulebook
from game.engine.shapes import Event, RawAction, State

Rating = Literal["strong", "weak", "fails"]
RATINGS: tuple[Rating, ...] = ("strong", "weak", "fails")
VOTE_MARKS = 5
"""A class vote gives each argument a mark from 1 (fails) to 5 (strong)."""
MAX_VOTES = 1000
"""The most hands a vote counts for one mark (a class, or a lecture hall, with room)."""
MAX_REASON = 2000

KINDS: tuple[str, ...] = ("override", "inject", "verdict", "skip", "end_talks")
"""The facilitator's actions (an `argue` with `dice` is a facilitator's too)."""


def _reason(action: RawAction) -> str:
    reason = action.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise act.ActionError(f"{action.get('type')}: a facilitator's action needs a reason")
    if len(reason) > MAX_REASON:
        raise act.ActionError(f"{action.get('type')}: the reason is longer than {MAX_REASON}")
    return reason.strip()


def _talks(state: State, kind: str) -> None:
    if state["phase"] != "talks":
        raise act.ActionError(f"{kind} is possible only during the talks, not while signing")


def rating_of_votes(votes: Sequence[int]) -> Rating:
    """A class vote's rating: the mean mark (1-5) of every hand; 3.5 or more is strong,
    2.5 or more weak, less fails. No hands at all fails (nobody was convinced)."""
    hands = sum(votes)
    if hands == 0:
        return "fails"
    mean = sum((i + 1) * n for i, n in enumerate(votes)) / hands
    return "strong" if mean >= 3.5 else "weak" if mean >= 2.5 else "fails"


def _votes(raw: Any) -> list[int]:
    if (
        not isinstance(raw, (list, tuple))
        or len(raw) != VOTE_MARKS
        or not all(type(n) is int and 0 <= n <= MAX_VOTES for n in raw)
    ):
        raise act.ActionError(
            f"verdict votes must be {VOTE_MARKS} counts of hands (0-{MAX_VOTES}), "
            f"one per mark 1-5, not {raw!r}"
        )
    return list(raw)


# ---------------------------------------------------------------- handlers


def _inject(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    reason = _reason(action)
    event_id = action.get("event")
    found = next(((e, fx) for r in book.news.values() for e, fx in r if e["id"] == event_id), None)
    if found is None:
        known = ", ".join(str(e["id"]) for e in book.events) or "none"
        raise act.ActionError(
            f"inject: the scenario has no event {event_id!r}; its events: {known}"
        )
    told = told_events(book, state)
    if event_id in told:
        raise act.ActionError(f"inject: {event_id} has already been told")
    _, effects = found
    state["injected"] = [*state.get("injected", []), str(event_id)]
    state["news"] = [*state["news"], str(event_id)]
    events.append({"type": "intervention", "action": "inject", "reason": reason})
    events.append({"type": "news", "event": str(event_id), "date": state["date"]})
    if effects:
        run_effects(state, effects, {"event": str(event_id)}, events)


def told_events(book: Rulebook, state: State) -> set[str]:
    """The scenario's events told so far: those of the rounds played and those injected."""
    told = {str(e["id"]) for r, batch in book.news.items() if r <= state["round"] for e, _ in batch}
    return told | set(state.get("injected", []))


def _verdict(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    reason = _reason(action)
    _talks(state, "verdict")
    seat = action.get("by")
    if seat not in book.seats:
        raise act.ActionError(f"verdict: unknown seat {seat!r}; seats: {', '.join(book.seats)}")
    seat = str(seat)
    card_id = str(action.get("card"))
    if card_id not in book.arguments:
        raise act.ActionError(f"verdict: unknown argument card {action.get('card')!r}")
    card = book.arguments[card_id]
    if seat not in card["by"]:
        raise act.ActionError(f"verdict: {seat} cannot play {card_id}")
    if state["seats"][seat] == "human" and card_id not in state["hands"][seat]:
        raise act.ActionError(f"verdict: {card_id} is not in {seat}'s hand")
    if state["used"][seat]["arguments"] >= ARGUMENTS_PER_ROUND:
        raise act.ActionError(
            f"verdict: {seat} has already played {ARGUMENTS_PER_ROUND} arguments this round"
        )
    has_rating, has_votes = "rating" in action, "votes" in action
    if has_rating == has_votes:
        raise act.ActionError("verdict: give either a rating or the class's votes")
    votes = _votes(action["votes"]) if has_votes else None
    rating = rating_of_votes(votes) if votes is not None else action["rating"]
    if rating not in RATINGS:
        raise act.ActionError(f"verdict: rating {rating!r} is not one of {', '.join(RATINGS)}")
    success = rating != "fails"
    record: dict[str, Any] = {
        "type": "verdict",
        "seat": seat,
        "card": card_id,
        "to": str(card["to"]),
        "rating": rating,
        "success": success,
        "reason": reason,
    }
    if votes is not None:
        record["votes"] = votes
    events.append({"type": "intervention", "action": "verdict", "reason": reason})
    events.append(record)  # type: ignore[arg-type]
    used = state["used"][seat]
    state["used"][seat] = {**used, "arguments": used["arguments"] + 1}
    state["hands"][seat] = [c for c in state["hands"][seat] if c != card_id]
    state["played"] = [
        *state["played"],
        {
            "round": state["round"],
            "seat": seat,
            "card": card_id,
            "counter": None,
            "dice": [],
            "total": 0,
            "success": success,
            "verdict": rating,
        },
    ]
    if rating == "strong":
        run_effects(state, book.argument_effects[card_id], {"argument": card_id}, events)
        state["standing"] = [*state["standing"], card_id]
    elif rating == "weak":
        run_effects(state, compile_effects(_halved(card["effects"])), {"argument": card_id}, events)
        state["standing"] = [*state["standing"], card_id]
    elif {seat, card["to"]} == {"us", "europe"}:
        state["flags"]["split"] = True
        events.append(
            {"type": "flag", "flag": "split", "set": True, "cause": {"argument": card_id}}
        )


def _halved(effects: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """An argument's effects at half strength: each shift halved towards zero."""
    out = []
    for e in effects:
        e = dict(e)
        if "delta" in e:
            e["delta"] = int(float(e["delta"]) / 2)
        out.append(e)
    return out


def _skip(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    reason = _reason(action)
    _talks(state, "skip")
    events.append({"type": "intervention", "action": "skip", "reason": reason})
    seat = state.get("turn") or book.seats[0]
    act.table_now(book, state, str(seat), events)  # in any lap: the facilitator decides


def _end_talks(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    reason = _reason(action)
    events.append({"type": "intervention", "action": "end_talks", "reason": reason})
    state["phase"] = "talks"
    finish(book, state, "timeout", "facilitator_ends", events)


HANDLERS: dict[str, act.Handler] = {
    "inject": _inject,
    "verdict": _verdict,
    "skip": _skip,
    "end_talks": _end_talks,
}


# ---------------------------------------------------------------- reading them back


def interventions(
    actions: Sequence[Mapping[str, Any]], events: Sequence[Sequence[Mapping[str, Any]]]
) -> list[dict[str, Any]]:
    """Every intervention in a game's log, in order: {"round", "type", "reason", and the
    action's details}. `events` are the events per action, the opening's first (as a
    `Session` keeps them), so that each intervention has the round it happened in."""
    out: list[dict[str, Any]] = []
    current = 1
    for e in events[0] if events else ():
        if e.get("type") == "round":
            current = int(e["round"])
    for i, a in enumerate(actions):
        kind = a.get("type")
        if kind in KINDS or (kind == "argue" and a.get("dice") is not None):
            item = {k: v for k, v in a.items() if k not in ("seat",)}
            item["round"] = current
            item["reason"] = str(a.get("reason", ""))
            if kind == "verdict":
                item["rating"] = next(
                    (
                        e["rating"]
                        for e in (events[i + 1] if i + 1 < len(events) else ())
                        if e.get("type") == "verdict"
                    ),
                    a.get("rating"),
                )
            out.append(item)
        for e in events[i + 1] if i + 1 < len(events) else ():
            if e.get("type") == "round":
                current = int(e["round"])
    return out
