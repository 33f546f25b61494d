"""The teacher's machine: the authority of a class game (GAME-DESIGN 7).

One `Host` holds the game (the engine's state and the log of every action) and serves it
over WebSocket. It checks every message before it acts on it:

- the room code, in the handshake (`process_request`): `ws://HOST:PORT/CODE`; a wrong code
  is an HTTP 403 and no connection at all (an address that keeps guessing gets 429, one that
  holds too many connections 503, and a handshake left half-done is dropped);
- the frame's size (websockets' `max_size`: a bigger frame closes that connection only);
- the message's JSON and shape (strict models, `protocol.parse`);
- who sends it: a connection takes a seat (`hello`), which gives it the seat's secret
  token, and from then on acts only for that seat; nobody acts for the facilitator;
- whose turn it is (the engine refuses an out-of-turn action; the reason goes back), and
  how many actions the round has taken (a loop of proposals and undos cannot fill the log);
- how often: a per-connection budget of messages (a flood is dropped, then cut off).

A message that fails any check is answered with a `refused` message that says why, and
nothing else happens: the game, the log and the other machines are as they were. After
every action the host saves the game (its log, `game.saves`: the room code and the hashes
of the seats' tokens go with it, so `--resume` lets each team back in with the same code
and its own token), then sends each machine its own view: a seat's view to the seat,
the public view to observers, never the state itself. Every machine is sent the scenario's
files when it joins (`game.net.scenario`): a teacher's own scenario needs nothing on the
teams' machines.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import socket
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from game import saves
from game.content.paths import resolve
from game.engine import ActionError
from game.engine.session import record_events
from game.net import protocol
from game.net.scenario import Package, PackageError, pack
from game.net.seat_api import SeatAPI

DEFAULT_PORT = 8765
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Room codes are read aloud and typed: no 0/O or 1/I/L to mix up."""
CODE_LENGTH = 6

HELLO_TIMEOUT = 20.0
"""A connection that has not said hello by then is closed (it holds a slot for nothing)."""
HANDSHAKE_TIMEOUT = 10.0
"""A connection that has not finished its opening handshake by then is dropped (a machine
that opens a socket and sends half a request holds nothing for long)."""
WRONG_CODES = 20
"""Wrong room codes one address may try in `WRONG_CODE_WINDOW` seconds; past that it is
answered 429 until the window is over (a code of 6 signs from 32 is not guessed)."""
WRONG_CODE_WINDOW = 60.0
UNLIMITED = frozenset({"propose", "agree", "object", "undo"})
"""The seats' actions the rules do not limit: a round takes at most
`saves.UNLIMITED_PER_ROUND` actions in all before these are refused (as on one machine), so
that a seat proposing and undoing in a loop can never fill the game's log."""
MAX_CONNECTIONS = 256
"""Three seats and a room of observers, with a wide margin; more are turned away (503)."""
MAX_PER_ADDRESS = 64
"""Connections one address may hold (a projector's class view and a few more): one machine
cannot fill the room; more are turned away (503) like a full room's."""
RATE = 20.0
"""Messages a second a connection may send on average..."""
BURST = 40.0
"""...and at once; past that, messages are dropped with a refusal..."""
FLOOD_CUTOFF = 200
"""...and after this many dropped in a row, the connection is closed (1008)."""
PING_INTERVAL = 10.0
PING_TIMEOUT = 10.0
"""A machine that stops answering (a closed lid) is let go after about 20 s; it comes back
with its token."""


def _replace(path: Path, data: dict[str, Any]) -> None:
    """Write a save atomically (a temporary file beside it, then a rename), without a sync."""
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _address_of(connection: ServerConnection) -> str:
    """The address a connection comes from (its IP, without the port)."""
    remote = connection.remote_address
    return str(remote[0]) if remote else "?"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def local_address() -> str:
    """This machine's address on the local network (the one a route out would use), or the
    loopback address when there is no network. No packet is sent."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("10.255.255.255", 1))
        address = str(s.getsockname()[0])
        if address and not address.startswith("0."):
            return address
    return "127.0.0.1"


@dataclass
class _Budget:
    """A token bucket: `rate` messages a second, `burst` at once."""

    rate: float = RATE
    burst: float = BURST
    tokens: float = BURST
    at: float = field(default_factory=time.monotonic)
    dropped: int = 0

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            self.dropped = 0
            return True
        self.dropped += 1
        return False


@dataclass
class Status:
    """What the host screen shows (a snapshot, safe to read from another thread)."""

    address: str = ""
    code: str = ""
    taken: tuple[str, ...] = ()
    connected: tuple[str, ...] = ()
    observers: int = 0
    round: int = 1
    turn: str | None = None
    phase: str = "talks"
    actions: int = 0
    save: str = ""
    save_error: str = ""


class Host:
    """A class game served on the local network."""

    def __init__(
        self,
        api: SeatAPI,
        *,
        scenario_id: str,
        scenario_path: Path | None,
        seed: int,
        package: Package | None = None,
        rounds: int | None = None,
        keep: Mapping[str, Any] | None = None,
        old_random: bool = False,
        actions: Sequence[Mapping[str, Any]] = (),
        code: str | None = None,
        tokens: Mapping[str, str] | None = None,
        save_path: Path | None = None,
        on_change: Callable[[Status], None] | None = None,
        rate: float = RATE,
        burst: float = BURST,
    ) -> None:
        self.api = api
        self.scenario_id = scenario_id
        self.scenario_path = scenario_path
        self.package: Package = package or pack(scenario_path or resolve(scenario_id), scenario_id)
        """The scenario's files, sent in every welcome (a machine may not have them)."""
        biggest = protocol.welcome("seat", "europe", "x" * 64, scenario_id, self.package.wire())
        if len(biggest.encode("utf-8")) > protocol.MAX_VIEW_MESSAGE:
            raise PackageError(
                f"{scenario_path or scenario_id}: the scenario's files are too large to send "
                f"(a welcome holds at most {protocol.MAX_VIEW_MESSAGE:,} bytes)"
            )
        self.seed = seed
        self.rounds = rounds
        """A lesson's fewer rounds (None: the scenario's), as a resumed save had it."""
        self.keep = dict(keep or {})
        """Fields of a resumed save that the host keeps as they were (its name, facilitator)."""
        self.old_random = old_random
        """A resumed save of version 4 or older: it draws its random numbers as it did when it
        was saved (`Engine.new_game`); kept in the save."""
        self.state, self.log, self.events, self._undoable = api.replay_events(
            seed, actions, rounds, old_random=old_random
        )
        """`events`: the game's events, the opening's batch, then one per action of `log`."""
        self._log_from = 0
        """The first batch the next view message carries (0: all of them, after an undo)."""
        self.code = code or new_code()
        self.tokens: dict[str, str] = dict(tokens or {})
        """seat -> the SHA-256 of its token (the token itself is known only to its machine)."""
        self.save_path = save_path
        self.on_change = on_change
        self.rate, self.burst = rate, burst
        """Each connection's budget of messages (see `RATE` and `BURST`)."""
        self._closing: set[asyncio.Task[None]] = set()
        self.seat_conn: dict[str, ServerConnection] = {}
        self.observers: set[ServerConnection] = set()
        self.connections: set[ServerConnection] = set()
        self.server: Server | None = None
        self.status = Status(code=self.code, save=str(save_path or ""))
        self.address = ""
        self._public: tuple[int, str] | None = None
        self._save_base: dict[str, Any] | None = None
        self.hello_timeout = HELLO_TIMEOUT
        self.handshake_timeout = HANDSHAKE_TIMEOUT
        self._wrong: dict[str, tuple[float, int]] = {}
        """address -> (when its window began, wrong codes in it)."""
        self._round_start = self._round_began()
        """The index in the log of the current round's first action."""
        self._round_of_log: Any = self.state["round"]
        """The round the last logged action left the game in."""

    # ------------------------------------------------------------ serving

    async def start(self, host: str = "0.0.0.0", port: int = DEFAULT_PORT) -> Server:
        """Listen; `port=0` takes a free port (the address says which). `loop` is the loop
        it serves on (another thread hands it work with `run_coroutine_threadsafe`)."""
        self.loop = asyncio.get_running_loop()
        self.server = await serve(
            self._handler,
            host,
            port,
            process_request=self._check_request,
            max_size=protocol.MAX_MESSAGE,
            max_queue=16,
            open_timeout=self.handshake_timeout,
            ping_interval=PING_INTERVAL,
            ping_timeout=PING_TIMEOUT,
            close_timeout=5,
            compression=None,
        )
        real_port = next(iter(self.server.sockets)).getsockname()[1]
        shown = local_address() if host in ("0.0.0.0", "::", "") else host
        self.address = f"ws://{shown}:{real_port}"
        self.port = int(real_port)
        self._changed()
        return self.server

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    def _check_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """The handshake: the room code in the path (`/CODE`, or `/?code=CODE`)."""
        if len(self.connections) >= MAX_CONNECTIONS:
            return connection.respond(HTTPStatus.SERVICE_UNAVAILABLE, "the room is full\n")
        who = _address_of(connection)
        if sum(1 for c in self.connections if _address_of(c) == who) >= MAX_PER_ADDRESS:
            return connection.respond(
                HTTPStatus.SERVICE_UNAVAILABLE, "too many connections from this machine\n"
            )
        now = time.monotonic()
        began, wrong = self._wrong.get(who, (now, 0))
        if now - began > WRONG_CODE_WINDOW:
            began, wrong = now, 0
        if wrong >= WRONG_CODES:
            return connection.respond(
                HTTPStatus.TOO_MANY_REQUESTS, "too many wrong room codes: wait a minute\n"
            )
        parts = urlsplit(request.path)
        given = parts.path.strip("/") or (parse_qs(parts.query).get("code") or [""])[0]
        if not hmac.compare_digest(given.upper().encode(), self.code.encode()):
            if len(self._wrong) > 4096:  # addresses are not kept without end
                self._wrong.clear()
            self._wrong[who] = (began, wrong + 1)
            return connection.respond(HTTPStatus.FORBIDDEN, "wrong room code\n")
        return None

    async def _handler(self, ws: ServerConnection) -> None:
        self.connections.add(ws)
        seat: str | None = None
        budget = _Budget(self.rate, self.burst, self.burst)
        try:
            role = await self._hello(ws, budget)
            if role is None:
                return
            seat = role if role != "observer" else None
            async for frame in ws:
                if not await self._within(ws, budget):
                    continue
                try:
                    self._on_message(ws, seat, frame)
                except Exception as e:  # a fault of ours: said, and the connection goes on
                    self._send(
                        ws, protocol.refused(f"the host could not read this ({type(e).__name__})")
                    )
        except ConnectionClosed:
            pass
        finally:
            self.connections.discard(ws)
            self.observers.discard(ws)
            if seat is not None and self.seat_conn.get(seat) is ws:
                del self.seat_conn[seat]
            self._changed()

    async def _within(self, ws: ServerConnection, budget: _Budget) -> bool:
        """Whether a message is within the connection's budget; a flood is cut off (1008)."""
        if budget.take():
            return True
        if budget.dropped >= FLOOD_CUTOFF:
            await ws.close(1008, "too many messages")
        elif budget.dropped == 1:
            self._send(ws, protocol.refused("too many messages: slow down (dropped)"))
        return False

    async def _hello(self, ws: ServerConnection, budget: _Budget) -> str | None:
        """The first message: returns the seat taken, "observer", or None (refused, closed).
        A connection has `HELLO_TIMEOUT` seconds in all to say it."""
        try:
            async with asyncio.timeout(self.hello_timeout):
                while True:
                    frame = await ws.recv()
                    if not await self._within(ws, budget):
                        continue
                    try:
                        msg = protocol.parse(frame)
                    except protocol.Refusal as e:
                        self._send(ws, protocol.refused(str(e)))
                        continue
                    if isinstance(msg, protocol.Hello):
                        break
                    self._send(ws, protocol.refused("say hello first (take a seat or observe)"))
        except TimeoutError:
            await ws.close(1008, "no hello")
            return None
        return await self._greet(ws, msg)

    async def _greet(self, ws: ServerConnection, msg: protocol.Hello) -> str | None:
        if msg.observe:
            self.observers.add(ws)
            self._send(ws, self._welcome(msg, "observer", None, None))
            self._send(ws, self._public_message(whole=True))
            self._changed()
            return "observer"
        seat = msg.seat
        if msg.token is not None:
            by_token = self._seat_of(msg.token)
            if by_token is not None and (seat is None or seat == by_token):
                old = self.seat_conn.get(by_token)
                self.seat_conn[by_token] = ws
                if old is not None and old is not ws:
                    # not awaited: a machine that is gone would hold up its own comeback
                    task = asyncio.create_task(
                        old.close(4001, "this seat joined again from another connection")
                    )
                    self._closing.add(task)
                    task.add_done_callback(self._closing.discard)
                self._send(ws, self._welcome(msg, "seat", by_token, msg.token))
                self._send_seat(by_token, whole=True)
                self._changed()
                return by_token
        if seat is None:
            await self._refuse_and_close(ws, "name a seat to take, or observe")
            return None
        if seat not in self.api.seats:
            seats = ", ".join(self.api.seats)
            await self._refuse_and_close(ws, f"this game has no seat {seat}; seats: {seats}")
            return None
        if seat in self.tokens:
            await self._refuse_and_close(
                ws, f"the seat {seat} is taken (a machine that held it comes back with its token)"
            )
            return None
        token = secrets.token_urlsafe(24)
        self.tokens[seat] = token_hash(token)
        self.seat_conn[seat] = ws
        self._save()
        self._send(ws, self._welcome(msg, "seat", seat, token))
        self._public = None  # every machine hears that the seat is taken
        self._send_all(whole=seat)
        self._changed()
        return seat

    def _welcome(self, msg: protocol.Hello, role: Any, seat: str | None, token: str | None) -> str:
        """The welcome, with the scenario's files unless the machine has them already."""
        files = msg.have != self.package.sha256
        return protocol.welcome(role, seat, token, self.scenario_id, self.package.wire(files))

    def _seat_of(self, token: str) -> str | None:
        h = token_hash(token)
        found = None
        for seat, known in self.tokens.items():
            if hmac.compare_digest(h, known):
                found = seat
        return found

    async def _refuse_and_close(self, ws: ServerConnection, reason: str) -> None:
        self._send(ws, protocol.error(reason))
        await ws.close(4000, reason[:120])

    # ------------------------------------------------------------ acting

    def _on_message(self, ws: ServerConnection, seat: str | None, frame: str | bytes) -> None:
        try:
            msg = protocol.parse(frame)
        except protocol.Refusal as e:
            self._send(ws, protocol.refused(str(e)))
            return
        if isinstance(msg, protocol.Hello):
            self._send(ws, protocol.refused("already joined; hello is only the first message"))
            return
        if seat is None:
            self._send(ws, protocol.refused("an observer cannot act", msg.ref))
            return
        if self.seat_conn.get(seat) is not ws:
            self._send(ws, protocol.refused(f"{seat} has joined again from another connection"))
            return
        action = protocol.action_of(msg)
        why = self.act(seat, action)
        if why is not None:
            self._send(ws, protocol.refused(why, msg.ref))

    def act(self, seat: str, action: dict[str, Any]) -> str | None:
        """A seat's action: applied, logged, saved and sent out; or the reason it is refused."""
        kind = action.get("type")
        if kind not in protocol.SEAT_ACTIONS:
            return f"{kind} is not a seat's action: the facilitator acts on the host's own screen"
        given = action.setdefault("seat", seat)
        if given != seat:
            return f"this connection plays {seat}; it cannot act for {given}"
        if len(self.log) >= saves.MAX_ACTIONS:
            return "the game's log is full"
        if kind in UNLIMITED and len(self.log) - self._round_start >= saves.UNLIMITED_PER_ROUND:
            return (
                f"this round has seen {saves.UNLIMITED_PER_ROUND} actions, the most a round "
                "keeps: table the package, pass or walk out"
            )
        return self._apply(action)

    def facilitate(self, action: dict[str, Any]) -> list[dict[str, Any]]:
        """The facilitator's action, from the host's own screen (an override, an injected
        event, a verdict...: anything the engine takes, not bound to the turn), applied,
        logged, saved and sent out like a seat's; its events. ActionError says why not.
        Call it on the host's own loop (the window's thread hands it over)."""
        if len(self.log) >= saves.MAX_ACTIONS:
            raise ActionError("the game's log is full")
        self.state, events = self.api.apply(self.state, action)
        self._record(dict(action), events)
        return events

    def _apply(self, action: dict[str, Any]) -> str | None:
        try:
            self.state, events = self.api.apply(self.state, action)
        except ActionError as e:
            return str(e)
        except Exception as e:  # a fault of ours: this action is refused, the game goes on
            return f"the host could not apply this action ({type(e).__name__}: {e})"
        self._record(action, events)
        return None

    def _record(self, action: dict[str, Any], events: list[dict[str, Any]]) -> None:
        round_before = self._round_of_log
        self.log.append(action)
        record_events(self.events, self._undoable, action, events)
        if self.state["round"] != round_before:
            self._round_start = len(self.log)
        self._round_of_log = self.state["round"]
        # after an undo every machine gets the whole log again (a batch was emptied)
        self._log_from = 0 if action.get("type") == "undo" else len(self.log)
        self.after_action()

    def _round_began(self) -> int:
        """Where in the log the current round began (the log replayed once more)."""
        if not self.log:
            return 0
        state = self.api.new_game(self.seed, self.rounds, old_random=self.old_random)
        start = 0
        for i, action in enumerate(self.log):
            before = state["round"]
            state, _ = self.api.apply(state, action)
            if state["round"] != before:
                start = i + 1
        return start

    def after_action(self) -> None:
        self._save()
        self._public = None
        self._send_all()
        self._changed()

    # ------------------------------------------------------------ sending

    def _send(self, ws: ServerConnection, text: str) -> None:
        broadcast([ws], text)  # never waits for a slow machine: the others go on

    def log_part(self, first: int | None = None) -> dict[str, Any]:
        """The game's log from batch `first` on (None: what changed since the last view
        message): {"from", "events": batches, "actions": the action of each batch, null
        for the opening's; "seed" once the talks are over}. Every event and action is
        public (a card is named once played)."""
        first = self._log_from if first is None else first
        first = max(0, min(first, len(self.events) - 1))
        actions: list[Any] = [None, *self.log]
        part = {"from": first, "events": self.events[first:], "actions": actions[first:]}
        if self.over:  # the talks are over: the seed tells nothing now, and a debrief names it
            part["seed"] = self.seed
        return part

    def _send_seat(self, seat: str, whole: bool = False) -> None:
        ws = self.seat_conn.get(seat)
        if ws is None:
            return
        v = self.api.view(self.state, seat)
        legal = self.api.legal_actions(v, seat)
        log = self.log_part(0 if whole else None)
        self._send(ws, protocol.view(len(self.log), v, legal, sorted(self.tokens), log))

    def _public_message(self, whole: bool = False) -> str:
        if whole:
            v = self.api.view(self.state, None)
            return protocol.view(len(self.log), v, [], sorted(self.tokens), self.log_part(0))
        if self._public is None or self._public[0] != len(self.log):
            v = self.api.view(self.state, None)
            self._public = (
                len(self.log),
                protocol.view(len(self.log), v, [], sorted(self.tokens), self.log_part()),
            )
        return self._public[1]

    def _send_all(self, whole: str | None = None) -> None:
        """Every machine its view; `whole`: the seat that just joined gets the whole log."""
        for seat in list(self.seat_conn):
            self._send_seat(seat, whole=seat == whole)
        if self.observers:
            broadcast(self.observers, self._public_message())

    # ------------------------------------------------------------ saving and status

    def save_data(self) -> dict[str, Any]:
        """The game as `game.saves` writes it: scenario, seed, seats, the log, and the room."""
        if self._save_base is None:  # the scenario's hash is read once, not at every action
            extra = {**self.keep, **({"rounds": self.rounds} if self.rounds else {})}
            if self.old_random:
                extra["old_random"] = True
            self._save_base = saves.make(
                self.scenario_id, self.scenario_path, self.seed, list(self.api.seats), [], extra
            )
        room: dict[str, Any] = {"code": self.code, "tokens": dict(self.tokens)}
        return {
            **self._save_base,
            "actions": self.log,
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "room": room,
        }

    def _save(self) -> None:
        """The game as a save, after every action. A round's end (and the game's) goes through
        `saves.write` in full: synced to the disk, the previous save kept as its backup. The
        steps within a round replace the file atomically without the sync and the backup
        (a power cut may take back the last few steps of the round, never the file)."""
        if self.save_path is None:
            return
        last = self.log[-1]["type"] if self.log else ""
        try:
            if (
                last in ("table", "sign", "refuse", "walk_out", "")
                or self.over
                or self._round_changed()
            ):
                saves.write(self.save_path, self.save_data(), durable=True)
            else:
                _replace(self.save_path, self.save_data())
            self.status.save_error = ""
        except OSError as e:
            self.status.save_error = f"{self.save_path}: {e.strerror or e}"
        except Exception as e:  # never stops the game: the machines still get their views
            self.status.save_error = f"{self.save_path}: {type(e).__name__}: {e}"

    def _round_changed(self) -> bool:
        now = (self.state["round"], self.state["phase"])
        before, self._saved_at = getattr(self, "_saved_at", None), now
        return before != now

    @property
    def over(self) -> bool:
        return bool(self.state["phase"] == "over")

    def _changed(self) -> None:
        s = self.status
        s.address = self.address
        s.taken = tuple(x for x in self.api.seats if x in self.tokens)
        s.connected = tuple(x for x in self.api.seats if x in self.seat_conn)
        s.observers = len(self.observers)
        s.round, s.phase = int(self.state["round"]), str(self.state["phase"])
        s.turn = self.api.current_player(self.state)
        s.actions = len(self.log)
        if self.on_change is not None:
            self.on_change(s)
