"""The messages of a class game over the network (docs/protocol.md), version 1.

Every message is one WebSocket text frame holding one JSON object with `v` (the protocol's
version) and `type`. What a machine sends the host is checked here whole before any of it
is used: its size (the server's `max_size`, `MAX_MESSAGE`), its JSON (bounded nesting and
number sizes, `safeio.load_json`), its version, then its shape with strict pydantic models
(`"observe": "yes"` or an action with an unknown field are refused). `parse` raises
`Refusal` with one line that says what is wrong; the host sends it back as a `refused`
message and carries on.

The actions inside `act` messages have the shape of a save's actions (`game.saves.Action`):
a log written by the host and a message read by it are checked by one model.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
)

from game import safeio
from game.engine.vocab import Seat
from game.saves import Action as ActionModel

VERSION = 1
"""The protocol's version: a message with another `v` is refused with this one named."""

MAX_MESSAGE = 16 * 1024
"""The largest frame the host reads (websockets' `max_size`): an action with a full package
is about 300 bytes; a bigger frame closes that connection (close code 1009), no other."""

MAX_VIEW_MESSAGE = 4 * 1024 * 1024
"""The largest frame a machine reads from the host (a view grows with the game's history)."""

TOKEN = r"^[A-Za-z0-9_-]{16,64}$"


SEAT_ACTIONS = frozenset(
    {"argue", "move", "propose", "agree", "object", "counter", "undo", "pass", "table"}
    | {"walk_out", "sign", "refuse"}
)
"""What a seat may do over the network. Everything else a save can hold (an override, the
facilitator's interventions) is the facilitator's, on the host's own screen."""


class Refusal(ValueError):
    """A message the host does not take; str() is the reason, one line."""


class _Message(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    v: Literal[1]


class Hello(_Message):
    """The first message on a connection: take a seat, take it back with its token, or watch."""

    type: Literal["hello"]
    seat: Seat | None = None
    token: Annotated[StrictStr, Field(pattern=TOKEN)] | None = None
    observe: StrictBool = False
    have: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    """The SHA-256 of the scenario this machine was sent before: when it is the game's, the
    welcome leaves the scenario's files out (a machine that comes back does not fetch them
    again)."""


class Act(_Message):
    """An action of the connection's seat (its `seat`, if given, must be that seat)."""

    type: Literal["act"]
    action: ActionModel
    ref: Annotated[StrictInt, Field(ge=0, le=2**31)] | None = None
    """The sender's own number for the action, echoed in a refusal."""


ClientMessage = Annotated[Hello | Act, Field(discriminator="type")]
_CLIENT: TypeAdapter[Hello | Act] = TypeAdapter(ClientMessage)


def parse(frame: str | bytes) -> Hello | Act:
    """A machine's message, checked whole; Refusal says what is wrong with it."""
    if isinstance(frame, bytes):
        raise Refusal("binary frames are not part of the protocol; send JSON text")
    try:
        data = safeio.load_json(frame.encode("utf-8", "surrogatepass"))
    except safeio.InputError as e:
        raise Refusal(f"not a JSON message ({e.reason})") from None
    if not isinstance(data, dict):
        raise Refusal("a message is a JSON object with 'v' and 'type'")
    v = data.get("v")
    if v != VERSION or type(v) is not int:
        raise Refusal(f"protocol version {v!r} is not spoken here; this host speaks {VERSION}")
    kind = data.get("type")
    if kind not in ("hello", "act"):
        raise Refusal(f"unknown message type {kind!r}; known: hello, act")
    try:
        return _CLIENT.validate_python(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(x) for x in err["loc"]]
        if len(loc) >= 2 and loc[0] in ("hello", "act"):
            loc = loc[1:]
        if len(loc) >= 2 and loc[0] == "action":  # the union names the action type: drop it
            loc = loc[:1] + loc[2:]
        where = ".".join(loc) or "message"
        raise Refusal(f"bad {kind} message: {where}: {err['msg']}") from None


def action_of(msg: Act) -> dict[str, Any]:
    """The action as the engine takes it (fields left out stay out)."""
    out: dict[str, Any] = msg.action.model_dump(exclude_none=True)
    return out


# ---------------------------------------------------------------- what the host sends


def encode(kind: str, **fields: Any) -> str:
    """One message of the host, as the text of a frame."""
    return json.dumps({"v": VERSION, "type": kind, **fields}, ensure_ascii=False)


def welcome(
    role: Literal["seat", "observer"],
    seat: str | None,
    token: str | None,
    scenario: str,
    package: dict[str, Any] | None = None,
) -> str:
    """`package`: the scenario's files and their hash (`game.net.scenario.Package.wire`)."""
    return encode("welcome", role=role, seat=seat, token=token, scenario=scenario, package=package)


def view(
    seq: int,
    view: dict[str, Any],
    legal: list[dict[str, Any]],
    taken: list[str],
    log: dict[str, Any] | None = None,
) -> str:
    """`log`: the game's events (and actions) from a batch on (`Host.log_part`)."""
    if log is None:
        return encode("view", seq=seq, view=view, legal=legal, taken=taken)
    return encode("view", seq=seq, view=view, legal=legal, taken=taken, log=log)


def refused(reason: str, ref: int | None = None) -> str:
    return encode("refused", reason=reason, ref=ref)


def error(reason: str) -> str:
    """A message after which the host closes the connection (a seat that is taken...)."""
    return encode("error", reason=reason)


class HostMessage(BaseModel):
    """What a machine reads from the host: checked for its frame, loosely for its fields."""

    model_config = ConfigDict(strict=True, extra="allow")
    v: Literal[1]
    type: Literal["welcome", "view", "refused", "error"]
    reason: StrictStr | None = None
    seat: StrictStr | None = None
    token: StrictStr | None = None
    role: StrictStr | None = None
    seq: StrictInt | None = None


def _load_host_json(frame: str) -> Any:
    """A host's frame as JSON, with numbers bounded as `safeio.load_json` bounds them. Its
    nesting is bounded by the parser's own recursion limit (a RecursionError, caught), not by
    a scan of the text first: every machine reads a view after every action, and the scan
    would cost several times the parse."""
    try:
        return json.loads(
            frame,
            parse_int=safeio._parse_int,
            parse_float=safeio._parse_float,
            parse_constant=safeio._parse_constant,
        )
    except json.JSONDecodeError as e:
        raise safeio.InputError(f"not valid JSON ({e.msg})", key="bad_json") from None
    except RecursionError:
        raise safeio.InputError("nested too deep", key="too_deep") from None


def read_host(frame: str | bytes) -> dict[str, Any]:
    """A host's message as data; Refusal when it is not one (a wrong server, a newer host)."""
    if isinstance(frame, bytes):
        raise Refusal("the host sent a binary frame")
    try:
        data = _load_host_json(frame)
    except safeio.InputError as e:
        raise Refusal(f"the host sent something this machine cannot read ({e.reason})") from None
    if isinstance(data, dict) and data.get("v") != VERSION:
        raise Refusal(
            f"the host speaks protocol version {data.get('v')!r}; this machine speaks {VERSION}"
        )
    try:
        HostMessage.model_validate(data)
    except ValidationError as e:
        raise Refusal(
            f"the host sent a message this machine cannot read ({e.errors()[0]['msg']})"
        ) from None
    out: dict[str, Any] = data
    return out
