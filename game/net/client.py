"""A team's machine (or an observer's): joins the host, keeps its seat, follows the game.

`Client.run()` connects to `ws://HOST:PORT/CODE`, says hello (a seat, the seat's token when
it has one, or "observe"), then reads the host's messages: each `view` is the machine's own
view of the game, handed to `on_view`, which may answer with an action to send. When the
connection drops (a closed lid, Wi-Fi, a host that restarts from its save) it tries again,
waiting a little longer each time (up to `MAX_BACKOFF`), and comes back with its token: the
host sends the current view again, and nothing is lost. It stops when the game is over (a
player), when `stop()` is called, or on an answer that trying again cannot change (a wrong
room code, a seat that another machine holds): `Fatal`, one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from game.net import protocol
from game.net.scenario import PackageError, Received, receive
from game.saves import saves_dir

MIN_BACKOFF = 0.2
MAX_BACKOFF = 5.0


class Fatal(Exception):
    """Joining cannot work as asked (trying again will not help); str() is one line."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    def uri(self, code: str) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"ws://{host}:{self.port}/{code}"

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


_ADDRESS = re.compile(
    r"^(?:wss?://)?(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9.-]+))(?::(?P<port>\d{1,5}))?/?$"
)


def parse_address(text: str, default_port: int) -> Address:
    """`HOST`, `HOST:PORT`, `[IPv6]:PORT` or the host's own `ws://HOST:PORT`; ValueError with
    one line otherwise."""
    m = _ADDRESS.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not an address like 192.168.1.5 or 192.168.1.5:8765")
    port = int(m["port"]) if m["port"] else default_port
    if not 1 <= port <= 65535:
        raise ValueError(f"{text!r}: the port must be 1 to 65535")
    if m["v6"]:
        try:
            ipaddress.IPv6Address(m["v6"])
        except ValueError:
            raise ValueError(f"{text!r}: [{m['v6']}] is not an IPv6 address") from None
        return Address(m["v6"], port)
    host = m["host"].rstrip(".")  # a name may end in the root's dot
    labels = host.split(".")
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(
            f"{text!r} is not a machine's name or address: each part between dots is 1 to 63"
            " letters, digits or hyphens, not starting or ending with a hyphen"
        )
    return Address(host, port)


_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
"""One part of a machine's name (RFC 1123)."""


def normal_code(text: str) -> str:
    """A room code as typed (any case, spaces around): its canonical form; ValueError."""
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{4,12}", code):
        raise ValueError(f"{text!r} is not a room code (4 to 12 letters and digits)")
    return code


OnView = Callable[[dict[str, Any]], dict[str, Any] | None]
"""Given a host's `view` message, the action to send (or None)."""


class Client:
    def __init__(
        self,
        address: Address,
        code: str,
        *,
        seat: str | None = None,
        observe: bool = False,
        token: str | None = None,
        token_file: Path | None = None,
        on_view: OnView | None = None,
        on_status: Callable[[str], None] | None = None,
        on_refused: OnView | None = None,
        on_connect: Callable[[], None] | None = None,
        on_refusal: Callable[[dict[str, Any]], None] | None = None,
        until_over: bool = True,
    ) -> None:
        self.address, self.code = address, code
        self.seat, self.observe = seat, observe
        self.token = token
        self.token_file = token_file
        if self.token is None and token_file is not None:
            self.token = _read_token(token_file)
        self.on_view = on_view
        self.on_status = on_status
        self.on_refused = on_refused
        self.on_connect = on_connect
        self.on_refusal = on_refusal
        """Given each `refused` message whole (its `reason` and the `ref` of the action)."""
        self.until_over = until_over
        self.last: dict[str, Any] | None = None
        """The last view message."""
        self.refusals: list[str] = []
        self.connects = 0
        self._ws: ClientConnection | None = None
        self._stop = asyncio.Event()
        self._closing: asyncio.Future[None] | None = None
        self._seen = asyncio.Event()
        self.over = False
        self.scenario: Received | None = None
        """The scenario the host plays, as it sent it: checked, written and loaded here
        (`game.net.scenario`); set before the first view is handed on."""

    # ------------------------------------------------------------ control

    def stop(self) -> None:
        self._stop.set()
        if self._ws is not None:
            self._closing = asyncio.ensure_future(self._ws.close())

    async def wait_view(self, pred: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Wait until the last view message satisfies `pred` (callers bound it with a timeout)."""
        while self.last is None or not pred(self.last):
            self._seen.clear()
            await self._seen.wait()
        return self.last

    async def send_action(self, action: dict[str, Any], ref: int | None = None) -> None:
        if self._ws is None:
            raise ConnectionError("not connected")
        await self._ws.send(protocol.encode("act", action=action, ref=ref))

    async def send_raw(self, frame: str | bytes) -> None:
        if self._ws is None:
            raise ConnectionError("not connected")
        await self._ws.send(frame)

    def _status(self, line: str) -> None:
        if self.on_status is not None:
            self.on_status(line)

    # ------------------------------------------------------------ the loop

    async def run(self) -> None:
        """Join and follow the game until it is over (or `stop()`); Fatal when it cannot."""
        backoff = MIN_BACKOFF
        said_gone = False
        while not self._stop.is_set():
            try:
                async with connect(
                    self.address.uri(self.code),
                    max_size=protocol.MAX_VIEW_MESSAGE,
                    open_timeout=10,
                    ping_interval=10,
                    ping_timeout=10,
                    close_timeout=2,
                    compression=None,
                ) as ws:
                    self._ws = ws
                    self.connects += 1
                    backoff = MIN_BACKOFF
                    if said_gone:
                        self._status(f"connected again to {self.address}")
                        said_gone = False
                    await self._session(ws)
                    if self.over and self.until_over:
                        return
            except InvalidStatus as e:
                status = e.response.status_code
                if status == 403:
                    raise Fatal(
                        f"the host at {self.address} refused the room code {self.code}"
                    ) from None
                if status == 429:
                    raise Fatal(
                        f"the host at {self.address} says: too many wrong room codes from "
                        "this machine; wait a minute and join again"
                    ) from None
                if status != 503:
                    raise Fatal(
                        f"the host at {self.address} refused to connect (HTTP {status})"
                    ) from None
            except (OSError, InvalidHandshake, ConnectionClosed, TimeoutError) as e:
                if isinstance(e, ConnectionClosed) and e.rcvd is not None and e.rcvd.code == 4001:
                    raise Fatal(
                        "this seat was taken over by another machine with its token"
                    ) from None
            finally:
                self._ws = None
            if self._stop.is_set() or (self.over and self.until_over):
                return
            if not said_gone:
                self._status(
                    f"the host at {self.address} is not answering; trying again (Ctrl+C stops)"
                )
                said_gone = True
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(backoff * (0.75 + random.random() / 2)):
                    await self._stop.wait()
            backoff = min(MAX_BACKOFF, backoff * 2)

    async def _session(self, ws: ClientConnection) -> None:
        if self.on_connect is not None:
            self.on_connect()
        hello: dict[str, Any] = {"observe": True} if self.observe else {"seat": self.seat}
        if self.token is not None and not self.observe:
            hello["token"] = self.token
        if self.scenario is not None:
            hello["have"] = self.scenario.sha256
        await ws.send(protocol.encode("hello", **hello))
        async for frame in ws:
            try:
                msg = protocol.read_host(frame)
            except protocol.Refusal as e:
                raise Fatal(str(e)) from None
            kind = msg["type"]
            if kind == "error":
                raise Fatal(f"the host says: {msg.get('reason')}")
            if kind == "welcome":
                if msg.get("token"):
                    self.token = str(msg["token"])
                    if self.token_file is not None:
                        _write_token(self.token_file, self.token)
                if msg.get("seat"):
                    self.seat = str(msg["seat"])
                self.scenario = await _scenario_of(msg, self.scenario)
                continue
            if kind == "refused":
                self.refusals.append(str(msg.get("reason")))
                self._status(f"refused: {msg.get('reason')}")
                if self.on_refusal is not None:
                    self.on_refusal(msg)
                if self.on_refused is not None and self.last is not None:
                    action = self.on_refused(self.last)
                    if action is not None:
                        await ws.send(protocol.encode("act", action=action, ref=None))
                continue
            self.last = msg
            view = msg.get("view") or {}
            self.over = view.get("phase") == "over"
            self._seen.set()
            if self.on_view is not None:
                action = self.on_view(msg)
                if action is not None:
                    await ws.send(
                        protocol.encode("act", action=action, ref=int(msg.get("seq") or 0))
                    )
            if self.over and self.until_over:
                await ws.close()
                return


_RECEIVED: dict[str, Received] = {}
"""The scenarios this process was sent, by hash: checked and loaded once."""


async def _scenario_of(msg: dict[str, Any], have: Received | None) -> Received:
    """The scenario a welcome names: the one this machine has when the hash is the same, else
    the files it holds, checked and loaded; Fatal with one line when they cannot be used."""
    sid, wire = msg.get("scenario"), msg.get("package")
    if not isinstance(sid, str) or not isinstance(wire, dict):
        raise Fatal("the host sent no scenario with its welcome (is it an older Guarantor?)")
    sha = wire.get("sha256")
    known = have if have is not None and have.sha256 == sha else _RECEIVED.get(str(sha))
    if known is not None and known.id == sid:
        return known
    try:
        got = await asyncio.to_thread(receive, sid, wire)
    except PackageError as e:
        raise Fatal(str(e)) from None
    _RECEIVED[got.sha256] = got
    return got


class Bot:
    """A computer player on a seat: acts on each view in which it is the seat's turn."""

    def __init__(self, player: Any, seat: str) -> None:
        self.player, self.seat = player, seat
        self.acted: set[int] = set()
        self.actions = 0

    def __call__(self, msg: dict[str, Any]) -> dict[str, Any] | None:
        view, seq = msg["view"], int(msg["seq"])
        if view.get("turn") != self.seat or not msg.get("legal") or seq in self.acted:
            return None
        self.acted.add(seq)  # once per state: a refusal is answered by the next view or none
        action: dict[str, Any] = dict(self.player.act(view))
        self.actions += 1
        return action

    def reset(self) -> None:
        """A new connection: an action sent on the old one may never have arrived (a host
        that went down before reading it), so the state it answered may be answered again."""
        self.acted.clear()

    def refused(self, msg: dict[str, Any]) -> dict[str, Any] | None:
        """After a refusal: pass, once per state, when it is still this seat's turn."""
        seq = -1 - int(msg["seq"])
        legal = msg.get("legal") or []
        if msg["view"].get("turn") != self.seat or seq in self.acted:
            return None
        self.acted.add(seq)
        return next((dict(a) for a in legal if a.get("type") == "pass"), None)


def _read_token(path: Path) -> str | None:
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = path.read_bytes()[:200].decode("ascii").strip()
        if re.fullmatch(protocol.TOKEN[1:-1], text):
            return text
    return None


def _write_token(path: Path, token: str) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the seat's secret
        with open(fd, "w", encoding="ascii") as f:
            f.write(token + "\n")
        tmp.replace(path)


def token_file(address: Address, code: str, seat: str) -> Path:
    """Where a machine keeps the token of the seat it took (in the data folder)."""
    safe = "".join(ch if ch.isalnum() or ch in ".-" else "_" for ch in address.host)
    return saves_dir().parent / "join" / f"{safe}-{address.port}-{code}-{seat}.token"
