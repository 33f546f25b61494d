"""A class game seen from a team's machine (or an observer's): the game's usual screens,
driven by the view the host sends (GAME-DESIGN 7, docs/protocol.md).

`RemoteFlow` presents the interface of `GameFlow` (the one the screens read) from the last
view message: `state` is the seat's view (its own hand only: the view omits every other
seat's hand, the decks, the seed and the dice's generator), `session.events` the game's
events as the host sent them, `act(action)` SENDS the action to the host and waits for the
host's answer (the view after it, or its refusal) instead of applying it. The engine's
functions that read a view (`legal_actions`, `assess`, the previews) work on it as on a
state. Nothing here touches pygame or a socket: the network's thread puts what it hears
into `Inbox`, and the window's thread takes it (`take`), so the game the screens read
changes only between two frames.

    flow = RemoteFlow(bundle, inbox, send, seat="us", words=app.t, lang=lambda: app.lang)
    flow.take_all()                 # the view messages heard since
    flow.act({"type": "pass"})      # the host applies it (or ActionError: its reason)
"""

from __future__ import annotations

import queue
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from game.engine import ActionError, Engine
from game.engine.game import Action, Event, State
from game.engine.session import all_events, events_of_round, undo_block, undo_refusal
from game.ui.flow import GameFlow

ACT_WAIT = 10.0
"""How long an action waits for the host's answer (on a local network it takes a few
milliseconds; a host that went away is noticed sooner, by the link)."""

TICK = 0.05
"""While an action waits, the window is given its turn this often (`RemoteFlow.waiting`)."""

Item = tuple[str, Any]
"""What the network's thread hands over: ("view", message), ("refused", message),
("gone", line), ("fatal", line)."""

Send = Callable[[dict[str, Any], int], None]
"""Sends an action with its `ref` to the host (from any thread)."""


class Inbox:
    """What the network's thread heard, in order, for the window's thread."""

    def __init__(self, wake: Callable[[], None] = lambda: None) -> None:
        self.items: queue.Queue[Item] = queue.Queue()
        self.wake = wake

    def put(self, kind: str, what: Any) -> None:
        self.items.put((kind, what))
        self.wake()

    def get(self, timeout: float | None = None) -> Item | None:
        try:
            if timeout is None:
                return self.items.get_nowait()
            return self.items.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None


def state_of(view: Mapping[str, Any], seats: Sequence[str]) -> State:
    """A seat's view in the shape of a state, as the screens read one: the seat's own hand
    under `hands` (the other seats' hands are unknown here: empty), no deck, no generator."""
    st: dict[str, Any] = dict(view)
    seat = view.get("seat")
    st["hands"] = {s: (list(view.get("hand") or []) if s == seat else []) for s in seats}
    st["decks"] = {s: [] for s in seats}
    # the private parts, empty: an engine function that takes a state (and makes a view of
    # it) reads this one as it reads a state; none of them is known here
    st.update(rng=None, seed=0, back=None)
    return cast(State, st)


_TURN = re.compile(r"^it is (\w+)'s turn, not (\w+)'s$")


class RemoteSession:
    """The part of `game.engine.session.Session` the screens read, for a game played
    elsewhere: the state (a view), the events and the actions the host sent."""

    def __init__(self, engine: Engine, seat: str | None) -> None:
        self.engine = engine
        self.seat = seat
        self.seed = 0
        """The host's secret (a seed tells the decks' order): never sent."""
        self.humans = [seat] if seat else list(engine.seats)
        self.levels: dict[str, str] = {}
        self.rounds: int | None = None
        self.old_random = False
        """(The host's save says how its years roll: this machine never replays the game.)"""
        self.state: State = cast(State, {})
        self.actions: list[Action] = []
        self.events: list[list[Event]] = [[]]

    @property
    def over(self) -> bool:
        return bool(self.state.get("phase") == "over")

    @property
    def turn(self) -> str | None:
        return self.engine.current_player(self.state) if self.state else None

    def can_undo(self) -> bool:
        return bool(self.state.get("can_undo")) and self.turn == self.seat

    def undo_block(self) -> dict[str, Any] | None:
        if self.can_undo():
            return None
        return undo_block(self.actions, self.humans) or {"reason": "nothing"}

    def undo_refusal(self) -> str | None:
        if self.can_undo():
            return None
        return undo_refusal(self.actions, self.humans) or "nothing to undo yet"

    def all_events(self) -> list[Event]:
        return all_events(self.events)

    def events_of_round(self, round_no: int) -> list[Event]:
        return events_of_round(self.events, round_no)

    def new_game(self) -> tuple[State, list[Event]]:
        """The opening as far as this machine knows it: the scenario's start with the
        opening's events (round 1's news) applied to the indicators."""
        start = self.engine.book["start"]
        indicators = dict(start["indicators"])
        for e in self.events[0] if self.events else []:
            if e.get("type") == "change" and "indicator" in e:
                indicators[str(e["indicator"])] = int(e["to"])  # type: ignore[typeddict-item]
        return cast(State, {**self.state, "indicators": indicators}), list(self.events[0])

    def replay_to_round(self, round_no: int) -> Any:
        raise ActionError("a class game is replayed on the teacher's computer, from its save")


class RemoteFlow(GameFlow):
    """`GameFlow`'s interface over the host's view messages (see the module's words)."""

    remote = True

    def __init__(
        self,
        bundle: Any,
        inbox: Inbox,
        send: Send,
        seat: str | None,
        words: Callable[..., str] = lambda key, **fmt: key,
        lang: Callable[[], str] = lambda: "en",
    ) -> None:
        engine = Engine(bundle.book)
        super().__init__(bundle, cast(Any, RemoteSession(engine, seat)))
        self.remote_session = cast(RemoteSession, self.session)
        self._engine = engine
        self.seat = seat
        self.inbox = inbox
        self.send = send
        self.words = words
        self.lang = lang
        """The app's `t` and language: refusals and the link's troubles are said in it."""
        self.seq = -1
        """The number of actions in the host's log, as of the last view message."""
        self.shown = -1
        """The `seq` the screens have caught up with (`game.ui.scenes.remote` moves them on)."""
        self.legal: list[dict[str, Any]] = []
        self.taken: list[str] = []
        self.gone = False
        """The host is not answering (the link keeps trying)."""
        self.fatal = ""
        self.refusal = ""
        """The last refusal that no action waited for (said by the screens)."""
        self.waiting: Callable[[float], bool] | None = None
        """Called about every `TICK` seconds while an action waits for the host's answer,
        with the seconds waited so far: the window goes on drawing and hearing its events
        meanwhile (`game.ui.scenes.remote`). False stops the wait; an answer that comes
        later arrives like any other view (the screens follow it)."""
        self.sending = 0.0
        """While an action waits for its answer: the seconds waited so far (else 0)."""
        self.late = False
        """An action went without its answer (the wait stopped or ran out): if the host
        takes it after all, the screens say so when its view comes."""
        self._ref = 0
        self.view: dict[str, Any] = {}
        """The last view as the host sent it."""

    # ------------------------------------------------------------ what the screens read

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def state(self) -> State:
        return self.remote_session.state

    @property
    def current_seat(self) -> str:
        """This machine's seat (an observer follows the seat on turn)."""
        if self.seat is not None:
            return self.seat
        return str(self.remote_session.turn or self.humans[0])

    @property
    def hot_seat(self) -> bool:
        return False

    @property
    def my_turn(self) -> bool:
        return self.seat is not None and self.remote_session.turn == self.seat

    @property
    def waiting_for(self) -> str | None:
        """The seat on turn when it is another's (None: ours, or the talks are over)."""
        turn = self.remote_session.turn
        return turn if turn is not None and turn != self.seat else None

    def actions_this_round(self) -> int:
        return 0  # the host keeps the game's limits

    # ------------------------------------------------------------ hearing the host

    def take(self, item: Item) -> None:
        """One thing the network's thread heard, applied to what the screens read."""
        kind, what = item
        if kind == "view":
            self._view(what)
        elif kind == "refused":
            self.refusal = self.explain(str(what.get("reason") or ""))
        elif kind == "gone":
            self.gone = True
        elif kind == "fatal":
            self.fatal = str(what)

    def take_all(self) -> bool:
        """Everything heard since; True when anything was."""
        any_ = False
        while (item := self.inbox.get()) is not None:
            self.take(item)
            any_ = True
        return any_

    def _view(self, msg: Mapping[str, Any]) -> None:
        s = self.remote_session
        view = msg.get("view") or {}
        self.view = dict(view)
        s.state = state_of(view, self.engine.seats)
        self.seq = int(msg.get("seq") or 0)
        self.legal = [dict(a) for a in msg.get("legal") or []]
        self.taken = [str(x) for x in msg.get("taken") or []]
        self.gone = False
        self.refusal = ""  # the game moved on: an older refusal is no longer the news
        log = msg.get("log")
        if isinstance(log, Mapping):
            first = int(log.get("from") or 0)
            if first <= len(s.events):
                events = [list(b) for b in log.get("events") or []]
                actions = list(log.get("actions") or [])
                s.events = s.events[:first] + events if first else events
                kept = s.actions[: max(0, first - 1)]
                s.actions = kept + [cast(Action, dict(a)) for a in actions if a is not None]
            if type(log.get("seed")) is int:  # sent once the talks are over (a debrief's)
                s.seed = int(log["seed"])
        if self.shown > self.seq:  # the host went back (a restart from an older save)
            self.shown = self.seq

    def explain(self, reason: str) -> str:
        """A host's refusal in the player's words (the engine's English as the fallback)."""
        from game.ui import vocab

        m = _TURN.match(reason)
        if m:
            return self.words("net.refused_turn", seat=vocab.seat_name(m[1], self.lang()))
        return reason

    def events_since(self, seq: int) -> list[Event]:
        """The events of the actions after the `seq`-th, in order."""
        return [e for batch in self.remote_session.events[seq + 1 :] for e in batch]

    # ------------------------------------------------------------ acting

    def act(self, action: Action) -> list[Event]:
        """Send a person's action to the host and wait for its answer: the events of the
        actions the host took since (this one's first), or ActionError with the host's
        reason (in the player's words) when it was refused, or when the host is away."""
        if self.fatal:
            raise ActionError(self.fatal)
        if self.gone:
            raise ActionError(self.words("net.away_act"))
        self._ref += 1
        ref, before = self._ref, self.seq
        out = {k: v for k, v in dict(action).items() if k != "seat" or v == self.seat}
        self.send(out, ref)
        start = time.monotonic()
        self.sending = 1e-9
        try:
            return self._answer(ref, before, start)
        finally:
            self.sending = 0.0

    def _answer(self, ref: int, before: int, start: float) -> list[Event]:
        """Wait for the host's answer to the action `ref`, the window given its turn."""
        while True:
            left = start + ACT_WAIT - time.monotonic()
            if left <= 0:  # no word from the host: said as away until its next view
                self.gone = self.late = True
                raise ActionError(self.words("net.no_answer"))
            item = self.inbox.get(timeout=min(TICK, left))
            if item is None:
                self.sending = max(1e-9, time.monotonic() - start)
                if self.waiting is not None and not self.waiting(self.sending):
                    self.gone = self.late = True  # said as away until the host's next view
                    raise ActionError(self.words("net.stopped_waiting"))
                continue
            kind, what = item
            if kind == "refused" and what.get("ref") in (ref, None):
                # (a refusal with no ref answers this connection's message as a whole:
                # too many messages, a frame the host could not read; the action is not taken)
                raise ActionError(self.explain(str(what.get("reason") or "")))
            self.take(item)
            if kind == "view" and self.seq > before:
                self.shown = self.seq
                self.late = False
                return self.events_since(before)
            if self.gone or self.fatal:
                raise ActionError(self.fatal or self.words("net.away_act"))

    def end_turn(self) -> list[Event]:
        return self.act(cast(Action, {"type": "pass"}))

    def can_undo(self) -> bool:
        return self.remote_session.can_undo()

    def undo(self) -> None:
        self.act(cast(Action, {"type": "undo"}))

    # ------------------------------------------------------------ saving: the host's

    def save_data(self) -> dict[str, Any]:
        """For a crash report: which game, how far (the host holds the game and its save)."""
        return {"class_game": True, "scenario": self.engine.id, "seq": self.seq}

    def save(self, path: Path | None = None, *, durable: bool = True) -> Path:
        raise ValueError(self.words("net.host_saves"))

    def autosave(self, *, durable: bool = True) -> Path | None:
        return None
