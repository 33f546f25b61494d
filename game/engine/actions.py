"""The actions and their handlers, and the round's own mechanics (GAME-DESIGN 3.7).

Each action type has one handler in `HANDLERS`. A handler checks that its action is legal
(raising ActionError with the reason when it is not), then changes the state it is given,
which its caller owns (`Engine.apply` copies the player's state first), and tells what
happened as events. Handlers read the rulebook through its public questions.

The turn (the engine owns it): every seat of the scenario, human or computer, takes turns in
the scenario's order of seats; a round opens with the first seat's turn, lap 1. On its turn
a seat may argue (twice a round), make a move (once a round), propose, agree or object to
the draft (once per draft), counter an argument standing against it, undo; it ends its turn
with `pass`, `table` (from lap 2: every seat has had its say) or `walk_out`. When a whole lap
from lap 2 on passes quietly, and at the end of lap MAX_LAPS, the engine tables by itself
as the first seat: a round always ends. After Russia accepts, the turn goes round the seats
once more and each signs or refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from game.engine import debate, rng
from game.engine import package as pkg
from game.engine.effects import apply_effects, run_effects
from game.engine.outcome import finish
from game.engine.rulebook import ARGUMENTS_PER_ROUND, HAND_SIZE, Rulebook
from game.engine.shapes import (
    MUTED,
    AnswerRecord,
    ArgumentEvent,
    Event,
    HistoryEntry,
    ObjectionRecord,
    Ongoing,
    RawAction,
    State,
)
from game.engine.vocab import MAX_LAPS


class ActionError(ValueError):
    """An action that is not legal in this state; the message says why."""


# ---------------------------------------------------------------- the round


def open_round(book: Rulebook, state: State, events: list[Event]) -> None:
    """News for the round now starting; hands refilled; per-round usage reset."""
    r = state["round"]
    state["date"] = book.round_dates.get(r) or book.date_of(r).isoformat()
    news = []
    for e, effects in book.news.get(r, ()):
        if e["id"] in state.get("injected", ()):
            continue  # a facilitator brought it forward: told already
        news.append(e["id"])
        events.append({"type": "news", "event": e["id"], "date": str(e["date"])})
        if effects:
            run_effects(state, effects, {"event": e["id"]}, events)
    state["news"] = news
    state["used"] = {s: {"arguments": 0, "move": None} for s in book.seats}
    state["answers"] = {}
    state["draft"] = None
    state.pop("draft_by", None)
    state["turn"] = book.seats[0]
    state["lap"] = 1
    state["quiet"] = 0
    hands, decks = state["hands"], state["decks"]
    for seat in book.seats:
        hand, deck = hands[seat], decks[seat]
        if len(hand) < HAND_SIZE and deck:  # drawn from the top of the deck
            draw = HAND_SIZE - len(hand)
            hands[seat], decks[seat] = hand + deck[:draw], deck[draw:]
    events.append({"type": "round", "round": r, "date": state["date"]})


def end_round(book: Rulebook, state: State, events: list[Event]) -> None:
    """Lasting moves tick; the talks end when the US walks away or time runs out; else the
    next round opens."""
    tick_ongoing(book, state, events)
    if state["indicators"].get("us_engagement", 1) <= 0:
        finish(book, state, "collapse", "us_cuts_adrift", events)
        return
    if state["round"] >= state["rounds"]:
        finish(book, state, "timeout", "rounds_out", events)
        return
    state["round"] += 1
    open_round(book, state, events)


def do_move(book: Rulebook, state: State, seat: str, move_id: str, events: list[Event]) -> None:
    """A seat makes a move: its effects now, and again each later round while it lasts."""
    move = book.moves[move_id]
    state["used"][seat] = {**state["used"][seat], "move": move_id}
    events.append({"type": "move", "seat": seat, "move": move_id})
    run_effects(state, book.move_effects[move_id], {"move": move_id}, events)
    if int(move.get("lasting", 1)) > 1:
        lasting: Ongoing = {"move": move_id, "seat": seat, "left": int(move["lasting"]) - 1}
        state["ongoing"] = [*state["ongoing"], lasting]


def tick_ongoing(book: Rulebook, state: State, events: list[Event]) -> None:
    """The lasting moves repeat their effects; those that have run their course end."""
    keep: list[Ongoing] = []
    for o in state["ongoing"]:
        run_effects(state, book.move_effects[o["move"]], {"move": o["move"]}, events)
        if o["left"] > 1:
            keep.append({**o, "left": o["left"] - 1})
    state["ongoing"] = keep


# ---------------------------------------------------------------- handlers


def _seat(book: Rulebook, state: State, action: RawAction) -> str:
    seat = action.get("seat")
    if seat not in book.seats:
        raise ActionError(f"unknown seat {seat!r}; seats: {', '.join(book.seats)}")
    return str(seat)


def agreed(state: State) -> list[str]:
    """The seats that agreed to the draft, in the order they answered."""
    return [s for s, a in state["answers"].items() if a == "agree"]


def counter_for(book: Rulebook, state: State, seat: str, card_id: str) -> Mapping[str, Any] | None:
    """The counter `seat` would answer a standing argument with, or None when it cannot:
    the argument must be addressed to it, have moved a position, and have a counter of its."""
    card = book.arguments.get(card_id)
    if card is None or card["to"] != seat or card_id not in state["standing"]:
        return None
    if not any(e["kind"] == "position" for e in card["effects"]):
        return None
    return book.counter_to(seat, card_id)


def next_turn(book: Rulebook, state: State, events: list[Event]) -> None:
    """The turn passes to the next seat; after the last seat the lap grows. A quiet lap from
    lap 2 on, or the end of the last lap, tables the package (as the first seat)."""
    seats = book.seats
    i = seats.index(str(state["turn"]))
    if state["phase"] == "signing":
        state["turn"] = seats[(i + 1) % len(seats)]
        return
    if i + 1 < len(seats):
        state["turn"] = seats[i + 1]
    else:
        if state["lap"] >= MAX_LAPS:
            table_now(book, state, seats[0], events)
            return
        state["lap"] += 1
        state["turn"] = seats[0]
        if state["lap"] == 2:
            state["quiet"] = 0  # a quiet lap is one from lap 2 on
    if state["lap"] >= 2 and state["quiet"] >= len(seats):
        table_now(book, state, seats[0], events)
        return
    if events is not MUTED:
        events.append({"type": "turn", "seat": str(state["turn"]), "lap": state["lap"]})


def _argue(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    """A seat plays an argument card. A computer seat's argument at a person waits for the
    person's answer (`pending`: the turn goes to the listener, who `respond`s); any other is
    rolled at once, the listener answering with its best counter."""
    seat = _seat(book, state, action)
    card_id = str(action.get("card"))
    if card_id not in book.arguments:
        raise ActionError(f"unknown argument card {action.get('card')!r}")
    if state["used"][seat]["arguments"] >= ARGUMENTS_PER_ROUND:
        raise ActionError(f"{seat} has already played {ARGUMENTS_PER_ROUND} arguments this round")
    if card_id not in state["hands"][seat]:
        raise ActionError(f"{card_id} is not in {seat}'s hand")
    card = book.arguments[card_id]
    if seat not in card["by"]:
        raise ActionError(f"{seat} cannot play {card_id}")
    dice = action.get("dice")
    if dice is not None and (
        not isinstance(dice, (list, tuple))
        or len(dice) != 2
        or not all(isinstance(d, int) and 1 <= d <= 6 for d in dice)
    ):
        raise ActionError(f"dice must be two numbers 1-6, not {dice!r}")
    state["used"][seat] = {**state["used"][seat], "arguments": state["used"][seat]["arguments"] + 1}
    state["hands"][seat] = [c for c in state["hands"][seat] if c != card_id]
    listener = str(card["to"])
    if (
        dice is None
        and state["seats"][seat] == "computer"
        and state["seats"].get(listener) == "human"
    ):
        state["pending"] = {"seat": seat, "card": card_id, "to": listener}
        state["turn"] = listener
        events.append({"type": "argued_at", "seat": seat, "card": card_id, "to": listener})
        return
    reason = str(action.get("reason", "")) if dice is not None else None
    _roll(book, state, seat, card_id, debate.BEST, dice, reason, None, events)


def _roll(
    book: Rulebook,
    state: State,
    seat: str,
    card_id: str,
    counter: str | None,
    dice: Any,
    reason: str | None,
    answer: str | None,
    events: list[Event],
) -> None:
    """An argument's roll, in the open: 2d6 (or the facilitator's dice) plus every modifier,
    the listener answering with `counter` (debate.BEST: its strongest; None: none)."""
    if dice is None:
        state["rng"], d1 = rng.randint(state["rng"], 1, 6)
        state["rng"], d2 = rng.randint(state["rng"], 1, 6)
    else:
        d1, d2 = dice
    odds = debate.chance(book, state, seat, card_id, counter=counter)
    if events is MUTED:  # `Engine.step`: what the state keeps, no event
        total = d1 + d2 + odds.modifier
        success = total >= odds.target
        _played(state, seat, card_id, odds.counter, [d1, d2], total, success)
        _landed(book, state, seat, card_id, success, answer, events)
        return
    r = debate.resolve(odds, (d1, d2))
    result: ArgumentEvent = {
        "card": r["card"],
        "to": r["to"],
        "counter": r["counter"],
        "dice": r["dice"],
        "strength": r["strength"],
        "relevance": r["relevance"],
        "counter_strength": r["counter_strength"],
        "modifiers": r["modifiers"],
        "modifier": r["modifier"],
        "chance": r["chance"],
        "total": r["total"],
        "target": r["target"],
        "success": r["success"],
        "type": "argument",
        "seat": seat,
        "overridden": reason is not None,
    }
    if reason is not None:
        result["reason"] = reason
    if answer is not None:
        result["answer"] = answer  # type: ignore[typeddict-item]
    events.append(result)
    _played(state, seat, card_id, result["counter"], result["dice"], result["total"], r["success"])
    _landed(book, state, seat, card_id, r["success"], answer, events)


def _landed(
    book: Rulebook,
    state: State,
    seat: str,
    card_id: str,
    success: bool,
    answer: str | None,
    events: list[Event],
) -> None:
    """What a rolled argument does: its effects when it lands (it stands unless answered),
    else a split between the US and Europe when one argued at the other."""
    if success:
        run_effects(state, book.argument_effects[card_id], {"argument": card_id}, events)
        if answer in (None, "stand"):
            state["standing"] = [*state["standing"], card_id]
    elif {seat, book.arguments[card_id]["to"]} == {"us", "europe"}:
        state["flags"]["split"] = True
        events.append(
            {"type": "flag", "flag": "split", "set": True, "cause": {"argument": card_id}}
        )


def _played(
    state: State,
    seat: str,
    card_id: str,
    counter: str | None,
    dice: list[int],
    total: int,
    success: bool,
) -> None:
    state["played"] = [
        *state["played"],
        {
            "round": state["round"],
            "seat": seat,
            "card": card_id,
            "counter": counter,
            "dice": dice,
            "total": total,
            "success": success,
        },
    ]


ANSWERS = ("concede", "counter", "stand")
"""A person's answers to a computer seat's argument: give way (it lands, no roll), counter it
with one of their counter-cards (the roll, less the counter's strength), or let it stand (the
roll, no counter: it may still be countered later, like any argument that lands)."""


def _respond(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    pending = state.get("pending")
    if not pending or pending["to"] != seat:
        raise ActionError(f"no argument awaits {seat}'s answer")
    answer = action.get("answer")
    if answer not in ANSWERS:
        raise ActionError(f"an answer is one of: {', '.join(ANSWERS)}; not {answer!r}")
    arguer, card_id = pending["seat"], pending["card"]
    counter: str | None = None
    if answer == "counter":
        counter = action.get("counter")
        mine = [c["id"] for c in book.counters if c["by"] == seat and card_id in c["answers"]]
        if counter not in mine:
            raise ActionError(
                f"{counter!r} is not a counter of {seat} to {card_id}"
                f" ({', '.join(mine) or 'it has none'})"
            )
    elif "counter" in action:
        raise ActionError(f"only a 'counter' answer names a counter, not {answer!r}")
    state["pending"] = None
    state["turn"] = arguer
    if answer == "concede":
        events.append({"type": "conceded", "seat": seat, "card": card_id, "by": arguer})
        _played(state, arguer, card_id, None, [], 0, True)
        run_effects(state, book.argument_effects[card_id], {"argument": card_id}, events)
        return
    _roll(book, state, arguer, card_id, counter, None, None, str(answer), events)


def _move(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    move_id = action.get("move")
    if move_id not in book.moves or book.moves[move_id]["seat"] != seat:
        raise ActionError(f"{seat} has no move {move_id!r}")
    if not book.may_move(state, seat, str(move_id)):
        raise ActionError(f"{move_id} is not available to {seat} now")
    do_move(book, state, seat, str(move_id), events)


def _propose(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    try:
        new = pkg.normalise(action.get("package", {}))
    except pkg.PackageError as e:
        raise ActionError(str(e)) from e
    changed = pkg.changed_clauses(state["package"], new)
    locked = [c for c in changed if c in book.locked]
    if locked:
        raise ActionError(f"this scenario does not allow changing: {', '.join(locked)}")
    state["draft"] = new
    state["draft_by"] = seat
    state["answers"] = {seat: "agree"}
    if events is MUTED:
        return
    events.append(
        {
            "type": "proposal",
            "seat": seat,
            "package": new,  # packages are replaced whole, never changed: shared
            "changed": changed,
            "objections": book.objections_to(state, new),
        }
    )


def _answer_check(state: State, seat: str) -> None:
    if state["draft"] is None:
        raise ActionError("there is no proposal to answer")
    if seat in state["answers"]:
        said = "agreed to" if state["answers"][seat] == "agree" else "objected to"
        raise ActionError(f"{seat} has already {said} this proposal")


def _agree(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    _answer_check(state, seat)
    state["answers"] = {**state["answers"], seat: "agree"}
    events.append({"type": "agree", "seat": seat})


def _object(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    _answer_check(state, seat)
    assert state["draft"] is not None
    raised = action.get("objections")
    holding = {o["id"]: o for o in book.objections_to(state, state["draft"], seat)}
    if (
        not isinstance(raised, (list, tuple))
        or not raised
        or not all(isinstance(i, str) for i in raised)
        or len(set(raised)) != len(raised)
    ):
        raise ActionError(
            f"an objection names {seat}'s objections that hold against the proposal"
            f" (now: {', '.join(holding) or 'none'}), not {raised!r}"
        )
    wrong = [i for i in raised if i not in holding]
    if wrong:
        raise ActionError(
            f"{', '.join(wrong)}: not an objection of {seat} that holds against the proposal"
            f" (now: {', '.join(holding) or 'none'})"
        )
    state["answers"] = {**state["answers"], seat: list(raised)}
    events.append({"type": "object", "seat": seat, "objections": [holding[i] for i in raised]})


REBUTTAL_TARGET = 8
"""A countered argument is undone when 2d6 + counter - argument >= this."""


def _counter(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    """A seat answers an argument that landed against it and still stands, once: a
    successful argument holds until it is countered (GAME-DESIGN 3.8), and one that survives
    its counter holds for good."""
    seat = _seat(book, state, action)
    card_id = str(action.get("card"))
    counter = counter_for(book, state, seat, card_id)
    if counter is None:
        raise ActionError(f"{seat} has no standing argument {action.get('card')!r} to counter")
    card = book.arguments[card_id]
    moved = [e for e in card["effects"] if e["kind"] == "position"]
    state["rng"], d1 = rng.randint(state["rng"], 1, 6)
    state["rng"], d2 = rng.randint(state["rng"], 1, 6)
    total = d1 + d2 + int(counter["strength"]) - int(card["strength"])
    success = total >= REBUTTAL_TARGET
    events.append(
        {
            "type": "rebuttal",
            "seat": seat,
            "card": card_id,
            "counter": counter["id"],
            "dice": [d1, d2],
            "counter_strength": int(counter["strength"]),
            "strength": int(card["strength"]),
            "total": total,
            "target": REBUTTAL_TARGET,
            "success": success,
        }
    )
    if success:
        undo = [{**e, "delta": -int(e["delta"])} for e in moved]
        apply_effects(state, undo, {"rebuttal": card_id}, events)
    state["standing"] = [c for c in state["standing"] if c != card_id]


def _pass(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    if state["phase"] != "talks":
        raise ActionError("Russia has accepted: each seat must sign or refuse")
    if events is not MUTED:
        events.append({"type": "pass", "seat": seat})
    state["quiet"] += 1
    next_turn(book, state, events)


def _table(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    if state["lap"] < 2:
        raise ActionError(
            "the package can be tabled from the second turn round the table"
            " (every seat has its say first): pass to end the turn"
        )
    table_now(book, state, seat, events)


def raised_objections(book: Rulebook, state: State) -> list[ObjectionRecord]:
    """The objections the seats raised against the draft, in the order they answered."""
    out: list[ObjectionRecord] = []
    for seat, a in state["answers"].items():
        if a != "agree":
            out += [
                {
                    "seat": seat,
                    "id": i,
                    "red_line": "unless" not in book.objection_data(i),
                    "source": list(book.objection_data(i)["source"]),
                }
                for i in a
            ]
    return out


def table_now(book: Rulebook, state: State, seat: str, events: list[Event]) -> None:
    """The round's package goes to Russia: the draft when every seat agreed to it, else the
    package on the table (a `refused` event says who objected and who did not agree)."""
    draft = state["draft"]
    if draft is not None:
        blocking = raised_objections(book, state)
        missing = [s for s in book.seats if s not in state["answers"]]
        if not blocking and not missing:
            state["package"] = draft
            events.append({"type": "tabled", "seat": seat, "package": draft})
        else:
            events.append(
                {"type": "refused", "seat": seat, "objections": blocking, "not_agreed": missing}
            )
            backers = set(agreed(state))
            refusers = {o["seat"] for o in blocking}
            if ("us" in refusers and "europe" in backers) or (
                "europe" in refusers and "us" in backers
            ):
                state["flags"]["split"] = True
                events.append(
                    {"type": "flag", "flag": "split", "set": True, "cause": {"refusal": seat}}
                )
    verdict = book.assess(state)
    if events is not MUTED:
        events.append(verdict.as_event(book.rule_by_id.__getitem__))
    for rule_id in verdict.rules:
        effects = book.rule_effects[rule_id]
        if effects:
            run_effects(state, effects, {"rule": rule_id}, events)
    answer: AnswerRecord = {
        "stance": verdict.stance,
        "credibility": verdict.credibility,
        "acceptability": verdict.acceptability,
        "threshold": verdict.threshold,
        "rules": list(verdict.rules),
        "demands": dict(verdict.demands),
    }
    state["answer"] = answer
    entry: HistoryEntry = {
        "round": state["round"],
        "date": state["date"],
        "package": state["package"],
        "stance": verdict.stance,
        "credibility": verdict.credibility,
        "acceptability": verdict.acceptability,
        "threshold": verdict.threshold,
        "rules": list(verdict.rules),
        "indicators": dict(state["indicators"]),
    }
    state["history"] = [*state["history"], entry]
    state["flags"].pop("split", None)
    if verdict.stance == "accept":
        state["phase"] = "signing"
        state["signed"] = []
        state["turn"] = book.seats[0]
        events.append({"type": "signing", "seats": list(book.seats)})
        return
    end_round(book, state, events)


def _sign(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    state["signed"] = [*state["signed"], seat]
    events.append({"type": "signed", "seat": seat})
    if all(s in state["signed"] for s in book.seats):
        state["phase"] = "talks"
        finish(book, state, "deal", "russia_accepts", events)
    else:
        next_turn(book, state, events)


def _refuse(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    if state["seats"][seat] == "computer":  # the screens say why a computer seat will not sign
        refusing = book.objections_to(state, state["package"], seat)
        if refusing:
            events.append({"type": "not_signed", "objections": refusing})
    events.append({"type": "refused_to_sign", "seat": seat})
    state["phase"] = "talks"
    state["signed"] = []
    _fighting_goes_on(book, state, events)
    end_round(book, state, events)


def _fighting_goes_on(book: Rulebook, state: State, events: list[Event]) -> None:
    """Russia accepted but the West did not sign: the week ends as if Russia had stalled."""
    ctx = book.ctx(state)
    book.sums_into(ctx)
    fired = [
        r.id
        for r in book.rules
        if r.stance is None and r.on is not None and "stall" in r.on and r.when(ctx)
    ]
    events.append({"type": "no_deal", "rules": fired})
    for rule_id in fired:
        run_effects(state, book.rule_effects[rule_id], {"rule": rule_id}, events)


def _walk_out(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    seat = _seat(book, state, action)
    finish(book, state, "collapse", f"{seat}_walks_out", events)


def _override(book: Rulebook, state: State, action: RawAction, events: list[Event]) -> None:
    """A facilitator sets indicators or positions directly, with a logged reason."""
    reason = action.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ActionError("an override needs a reason")
    changes = action.get("set", {})
    if not isinstance(changes, Mapping):
        raise ActionError("override 'set' must map indicator or position names to 0-100")
    for name, value in changes.items():
        if not isinstance(value, int) or not 0 <= value <= 100:
            raise ActionError(f"override {name}: {value!r} is not a whole number 0-100")
        cause = {"override": reason}
        if name in state["indicators"]:
            before = state["indicators"][name]
            state["indicators"][name] = value
            events.append(
                {"type": "change", "indicator": name, "from": before, "to": value, "cause": cause}
            )
        elif name in state["positions"]:
            before = state["positions"][name]
            state["positions"][name] = value
            events.append(
                {"type": "change", "position": name, "from": before, "to": value, "cause": cause}
            )
        else:
            raise ActionError(f"override: unknown indicator or position {name!r}")


Handler = Callable[[Rulebook, State, RawAction, list[Event]], None]

HANDLERS: dict[str, Handler] = {
    "argue": _argue,
    "move": _move,
    "propose": _propose,
    "agree": _agree,
    "object": _object,
    "counter": _counter,
    "respond": _respond,
    "table": _table,
    "pass": _pass,
    "walk_out": _walk_out,
    "sign": _sign,
    "refuse": _refuse,
    "override": _override,
}
