"""The player protocol, the `easy` computer seat, and a person's default answer to an argument
(gathered with the other levels in `players`, which every other module imports them from;
here on their own so that the levels can build on them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from game.engine.debate import best_counter
from game.engine.legal import counters
from game.engine.shapes import Action, View

if TYPE_CHECKING:
    from game.engine.game import Engine


class Player(Protocol):
    def act(self, view: View) -> Action:
        """The seat's next action (it is the seat's turn in `view`)."""
        ...


class EasyPlayer:
    """The computer seat of level `easy`, acting one action at a time on its turn:

    - it counters each argument standing against it that it has a counter for;
    - it makes the first move of its policy that it may make now;
    - it agrees to the draft, or objects with its objections that hold, once per draft;
    - from lap 2, when every seat has answered the draft, it tables it;
    - otherwise it passes;
    - after Russia accepts, it signs unless one of its objections to the package holds."""

    def __init__(self, engine: Engine, seat: str) -> None:
        self.engine = engine
        self.seat = seat

    def act(self, view: View) -> Action:
        eng, seat = self.engine, self.seat
        if view["phase"] == "signing":
            holds = eng.objections_to(view, view["package"], seat)
            return {"type": "refuse" if holds else "sign", "seat": seat}
        if view.get("pending"):
            answer_now = respond(eng, view, seat)
            if answer_now is not None:
                return answer_now
        if view["standing"]:
            answer = counters(eng, view, seat)
            if answer:
                return {"type": "counter", "seat": seat, "card": answer[0]}
        if view["used"][seat]["move"] is None:
            # the policy in order, stopping at the first move the seat may make now
            move_id = eng.policy_move(view, seat)
            if move_id is not None:
                return {"type": "move", "seat": seat, "move": move_id}
        draft = view["draft"]
        if draft is not None:
            if seat not in view["answers"]:
                holding = [o["id"] for o in eng.objections_to(view, draft, seat)]
                if holding:
                    return {"type": "object", "seat": seat, "objections": holding}
                return {"type": "agree", "seat": seat}
            if view["lap"] >= 2 and all(map(view["answers"].__contains__, eng.seats)):
                return {"type": "table", "seat": seat}
        return {"type": "pass", "seat": seat}


def respond(engine: Engine, view: Mapping[str, Any], seat: str) -> Action | None:
    """A seat's answer to a computer seat's argument waiting for it (`pending`; the seat is a
    person's, played here by a script or a bot): its strongest counter if it has one, else it
    lets the argument stand. None when no argument waits for it."""
    pending = view.get("pending")
    if not pending or pending.get("to") != seat:
        return None
    best = best_counter(engine.counters, seat, pending["card"])
    if best is not None:
        return {"type": "respond", "seat": seat, "answer": "counter", "counter": best["id"]}
    return {"type": "respond", "seat": seat, "answer": "stand"}
