"""The host against the issue's list of what a hostile or broken machine may try: nobody acts
for another seat or for the facilitator, a replaced connection acts no more, any frame is
answered with a reason or closes only its own connection, half-open connections are let go,
room codes are not guessed, a seat cannot fill the game's log, and the host goes on. A real
host, real WebSocket connections and raw sockets on loopback; timeouts only guard a hang."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from game import saves
from game.content.book import load_book
from game.content.paths import resolve
from game.engine import Engine
from game.engine.vocab import FACILITATOR_ACTIONS
from game.net import protocol
from game.net.client import Address, Bot, Client, Fatal
from game.net.host import CODE_ALPHABET, CODE_LENGTH, WRONG_CODES, Host, new_code
from game.net.seat_api import SeatAPI

HANG = 60


@pytest.fixture(scope="module")
def api() -> SeatAPI:
    return SeatAPI(Engine(load_book(resolve("weak_guarantee"))))


async def _host(api: SeatAPI, tmp: Path | None = None, **kw: Any) -> Host:
    host = Host(
        api,
        scenario_id="weak_guarantee",
        scenario_path=resolve("weak_guarantee"),
        seed=kw.pop("seed", 11),
        save_path=(tmp / "class.json") if tmp else None,
        **kw,
    )
    await host.start("127.0.0.1", 0)
    return host


async def _seat(uri: str, seat: str, token: str | None = None) -> tuple[Any, dict[str, Any]]:
    ws = await connect(uri, max_size=protocol.MAX_VIEW_MESSAGE)
    hello: dict[str, Any] = {"seat": seat, **({"token": token} if token else {})}
    await ws.send(protocol.encode("hello", **hello))
    welcome = json.loads(await ws.recv())
    assert welcome["type"] == "welcome", welcome
    view = json.loads(await ws.recv())
    assert view["type"] == "view"
    return ws, welcome


async def _reply(ws: Any) -> dict[str, Any]:
    """The next message that is not a view (a view may come from another seat's action)."""
    while True:
        msg: dict[str, Any] = json.loads(await ws.recv())
        if msg["type"] != "view":
            return msg


def _play_out(api: SeatAPI, host: Host, tokens: dict[str, str] | None = None) -> list[Client]:
    clients = []
    for seat in api.seats:
        bot = Bot(api.player(seat, "easy", 4), seat)
        clients.append(
            Client(
                Address("127.0.0.1", host.port),
                host.code,
                seat=seat,
                token=(tokens or {}).get(seat),
                on_view=bot,
                on_refused=bot.refused,
                on_connect=bot.reset,
            )
        )
    return clients


# ---------------------------------------------------------------- acting for someone else


def test_no_seat_acts_for_another_or_for_the_facilitator(api: SeatAPI, tmp_path: Path) -> None:
    interventions: list[dict[str, Any]] = [
        {"type": kind, "reason": "the class voted", "event": "news.x", "by": "europe"}
        for kind in sorted(FACILITATOR_ACTIONS - {"override"})
    ] + [{"type": "override", "reason": "x", "set": {"momentum": 99}}]

    async def main() -> tuple[Host, dict[str, list[str]]]:
        host = await _host(api, tmp_path)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        said: dict[str, list[str]] = {"other": [], "facilitator": [], "token": []}
        async with asyncio.timeout(HANG):
            europe, eu_welcome = await _seat(uri, "europe")
            us, us_welcome = await _seat(uri, "us")
            # it is europe's turn: the us machine tries every way to act as europe
            legal = api.legal_actions(host.state, "europe")
            for action in legal[:12]:
                await us.send(protocol.encode("act", action=action, ref=1))
                said["other"].append((await _reply(us))["reason"])
            # ... with europe's own token in the message: not a field of an action or act
            steal = {"type": "pass", "seat": "europe", "token": eu_welcome["token"]}
            await us.send(protocol.encode("act", action=steal))
            said["token"].append((await _reply(us))["reason"])
            await us.send(
                protocol.encode("act", action={"type": "pass"}, token=eu_welcome["token"])
            )
            said["token"].append((await _reply(us))["reason"])
            # the facilitator's interventions, from the seat on turn: none is a seat's
            for action in interventions:
                for ws in (europe, us):
                    await ws.send(protocol.encode("act", action=action))
                    said["facilitator"].append((await _reply(ws))["reason"])
            assert host.log == []  # nothing happened
            await europe.close()
            await us.close()
            await asyncio.gather(
                *(
                    c.run()
                    for c in _play_out(
                        api, host, {"europe": eu_welcome["token"], "us": us_welcome["token"]}
                    )
                )
            )
        await host.stop()
        return host, said

    host, said = asyncio.run(main())
    assert said["other"] and all("cannot act for europe" in r for r in said["other"])
    assert all("token" in r for r in said["token"]), said["token"]
    assert len(said["facilitator"]) == 2 * len(FACILITATOR_ACTIONS)
    assert all("facilitator acts on the host" in r for r in said["facilitator"]), said
    assert not FACILITATOR_ACTIONS & {a["type"] for a in host.log}
    assert host.state["phase"] == "over"


def test_a_replaced_connection_acts_no_more(api: SeatAPI) -> None:
    async def main() -> tuple[Host, list[str], int | None]:
        host = await _host(api)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        answers: list[str] = []
        async with asyncio.timeout(HANG):
            old, welcome = await _seat(uri, "europe")
            new, again = await _seat(uri, "europe", welcome["token"])
            assert again["seat"] == "europe" and again["token"] == welcome["token"]
            # the old connection, still talking: refused, or closed with 4001; never acts
            code = None
            try:
                for action in api.legal_actions(host.state, "europe")[:5]:
                    await old.send(protocol.encode("act", action=action))
                    answers.append((await _reply(old))["reason"])
            except ConnectionClosed as e:
                code = e.rcvd.code if e.rcvd is not None else None
            assert host.log == []
            await new.close()
            await asyncio.gather(
                *(c.run() for c in _play_out(api, host, {"europe": welcome["token"]}))
            )
        await host.stop()
        return host, answers, code

    host, answers, code = asyncio.run(main())
    assert code == 4001 or (answers and all("joined again" in a for a in answers))
    assert host.state["phase"] == "over"


# ---------------------------------------------------------------- any frame at all

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_near = st.sampled_from(["pass", "argue", "propose", "table", "undo", "override", "sign", "move"])
_frames = st.one_of(
    st.binary(max_size=64),
    st.text(max_size=200),
    _json.map(lambda x: json.dumps(x)),
    st.builds(
        lambda kind, extra: json.dumps({"v": 1, "type": "act", "action": {"type": kind, **extra}}),
        _near,
        st.dictionaries(st.sampled_from(["seat", "card", "move", "package", "x", "set"]), _json, max_size=3),
    ),
    st.builds(
        lambda extra: json.dumps({"v": 1, "type": "hello", **extra}),
        st.dictionaries(st.sampled_from(["seat", "token", "observe", "have", "v"]), _json, max_size=3),
    ),
    st.integers(min_value=1, max_value=200).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.sampled_from(
        [
            '{"v": 1, "type": "act", "action": {"type": "pass"}, "ref": NaN}',
            '{"v": 1, "type": "act", "action": {"type": "pass"}, "ref": Infinity}',
            '{"v": 1, "type": "act", "action": {"type": "pass"}, "ref": 1e999}',
            '{"v": 1, "type": "act", "action": {"type": "pass"}, "ref": 2147483649}',
            '{"v": 1, "type": "act", "action": {"type": "pass"}, "ref": -0.0}',
            '{"v": 1.0, "type": "act", "action": {"type": "pass"}}',
            '{"v": 1, "v": 1, "type": "act", "action": {"type": "pass"}}',
            '{"v": 1, "type": "act", "action": {"type": "pass", "seat": "europe\\u0000"}}',
        ]
    ),
)  # fmt: skip


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frames=st.lists(_frames, min_size=30, max_size=30))
def test_any_frame_before_and_after_hello_gets_a_reason_and_the_host_goes_on(
    api: SeatAPI, frames: list[str | bytes]
) -> None:
    async def main() -> tuple[Host, list[dict[str, Any]]]:
        host = await _host(api, rate=1e9, burst=1e9)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        replies: list[dict[str, Any]] = []
        async with asyncio.timeout(HANG):
            async with connect(uri) as fresh:  # before hello: refused, or a hello taken
                for frame in frames:
                    await fresh.send(frame)
                    reply = json.loads(await fresh.recv())
                    replies.append(reply)
                    if reply["type"] in ("welcome", "error"):
                        break
            ws, _ = await _seat(uri, "ukraine")  # after hello, as a seat not on turn
            for frame in frames:
                await ws.send(frame)
                replies.append(await _reply(ws))
            await ws.close()
            # the host still serves: a new machine joins and sees the game as it was
            watcher, _ = await _seat(uri, "us")
            await watcher.close()
        await host.stop()
        return host, replies

    host, replies = asyncio.run(main())
    for r in replies:
        assert r["type"] in ("refused", "welcome", "error"), r
        if r["type"] != "welcome":
            assert r["reason"] and "\n" not in r["reason"]
            assert "could not" not in r["reason"], r  # a fault of ours would say so
    assert host.log == []  # ukraine is not on turn: nothing any frame said happened


# ---------------------------------------------------------------- half-open connections


def test_half_open_and_silent_connections_are_let_go_and_a_team_still_joins(api: SeatAPI) -> None:
    async def main() -> tuple[list[bytes], list[int | None], dict[str, Any]]:
        host = Host(
            api, scenario_id="weak_guarantee", scenario_path=resolve("weak_guarantee"), seed=2
        )
        host.handshake_timeout = 0.5
        host.hello_timeout = 0.5
        await host.start("127.0.0.1", 0)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        async with asyncio.timeout(HANG):
            # a slow loris: sockets that send half an opening request and wait
            loris = []
            for _ in range(20):
                reader, writer = await asyncio.open_connection("127.0.0.1", host.port)
                writer.write(f"GET /{host.code} HTTP/1.1\r\nHost: x\r\n".encode())
                loris.append((reader, writer))
            # connections that open properly and never say hello
            silent = [await connect(uri) for _ in range(10)]
            # meanwhile a team joins and plays
            team = Client(
                Address("127.0.0.1", host.port), host.code, seat="europe", until_over=False
            )
            run = asyncio.create_task(team.run())
            view = await team.wait_view(lambda m: True)
            ends = [await r.read() for r, _ in loris]  # the host closes each (EOF)
            codes = []
            for ws in silent:
                with pytest.raises(ConnectionClosed) as e:
                    await ws.recv()
                codes.append(e.value.rcvd.code if e.value.rcvd else None)
            for _, w in loris:
                w.close()
            team.stop()
            await run
        await host.stop()
        return ends, codes, view

    ends, codes, view = asyncio.run(main())
    assert all(e == b"" or e.startswith(b"HTTP/1.1 ") for e in ends)  # closed by the host
    assert codes == [1008] * 10
    assert view["view"]["seat"] == "europe"


# ---------------------------------------------------------------- room codes and tokens


def test_room_codes_are_random_and_guessing_is_throttled(api: SeatAPI, tmp_path: Path) -> None:
    codes = [new_code() for _ in range(3000)]
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert len(set(codes)) >= 2990  # 32**6 codes: a few repeats at most
    assert {ch for c in codes for ch in c} == set(CODE_ALPHABET)

    async def main() -> tuple[list[int], str]:
        host = await _host(api, tmp_path)
        statuses = []
        async with asyncio.timeout(HANG):
            for i in range(WRONG_CODES + 3):
                try:
                    async with connect(Address("127.0.0.1", host.port).uri(f"ZZZ{i:03d}")):
                        statuses.append(101)
                except InvalidStatus as e:
                    statuses.append(e.response.status_code)
            # the machine that guessed is told in one line; others are not held up
            with pytest.raises(Fatal) as told:
                await Client(Address("127.0.0.1", host.port), host.code, observe=True).run()
        await host.stop()
        return statuses, str(told.value)

    statuses, told = asyncio.run(main())
    assert statuses[:WRONG_CODES] == [403] * WRONG_CODES
    assert statuses[WRONG_CODES:] == [429] * 3
    assert "too many wrong room codes" in told


def test_a_seats_token_is_secret_and_never_saved(api: SeatAPI, tmp_path: Path) -> None:
    async def main() -> list[str]:
        host = await _host(api, tmp_path)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        tokens = []
        async with asyncio.timeout(HANG):
            for seat in api.seats:
                ws, welcome = await _seat(uri, seat)
                tokens.append(welcome["token"])
                await ws.close()
        await host.stop()
        return tokens

    tokens = asyncio.run(main())
    assert len(set(tokens)) == 3 and all(len(t) >= 32 for t in tokens)
    text = (tmp_path / "class.json").read_text(encoding="utf-8")
    assert not any(t in text for t in tokens)
    room = saves.read(tmp_path / "class.json")["room"]
    assert set(room["tokens"]) == set(api.seats)


# ---------------------------------------------------------------- a seat cannot fill the log


def test_a_seat_proposing_and_undoing_in_a_loop_is_stopped_and_the_game_ends(
    api: SeatAPI, tmp_path: Path
) -> None:
    async def main() -> tuple[Host, str, int]:
        host = await _host(api, tmp_path, rate=1e9, burst=1e9)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        async with asyncio.timeout(HANG * 3):
            europe, welcome = await _seat(uri, "europe")
            propose = next(
                a for a in api.legal_actions(host.state, "europe") if a["type"] == "propose"
            )
            why = ""
            for _ in range(saves.MAX_ACTIONS_PER_ROUND + 10):
                for action in (propose, {"type": "undo"}):
                    await europe.send(protocol.encode("act", action=action))
                    reply = json.loads(await europe.recv())
                    if reply["type"] == "refused":
                        why = reply["reason"]
                        break
                if why:
                    break
            in_round = len(host.log)
            await europe.close()
            await asyncio.gather(
                *(c.run() for c in _play_out(api, host, {"europe": welcome["token"]}))
            )
        await host.stop()
        return host, why, in_round

    host, why, in_round = asyncio.run(main())
    assert "the most a round keeps" in why
    assert in_round == saves.UNLIMITED_PER_ROUND
    assert host.state["phase"] == "over"
    data = saves.read(tmp_path / "class.json")  # and the save opens again
    assert len(data["actions"]) == len(host.log)


# ---------------------------------------------------------------- the host goes on


def test_a_save_that_cannot_be_written_is_said_and_the_game_goes_on(
    api: SeatAPI, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saves folder should be\n", encoding="utf-8")
    said: list[str] = []

    async def main() -> tuple[Host, list[Client]]:
        host = Host(
            api,
            scenario_id="weak_guarantee",
            scenario_path=resolve("weak_guarantee"),
            seed=5,
            save_path=blocker / "class.json",
            on_change=lambda s: said.append(s.save_error) if s.save_error else None,
        )
        await host.start("127.0.0.1", 0)
        clients = _play_out(api, host)
        watcher = Client(Address("127.0.0.1", host.port), host.code, observe=True)
        async with asyncio.timeout(HANG):
            await asyncio.gather(*(c.run() for c in clients), watcher.run())
        await host.stop()
        return host, [*clients, watcher]

    host, clients = asyncio.run(main())
    assert host.state["phase"] == "over" and len(host.log) > 10
    assert said and all(str(blocker) in line and "\n" not in line for line in said)
    assert all(c.last is not None and c.last["seq"] == len(host.log) for c in clients)
    assert blocker.read_text(encoding="utf-8").startswith("a file where")


# ---------------------------------------------------------------- a machine and a false host


@pytest.mark.parametrize(
    ("frame", "expect"),
    [
        ("[" * 200_000 + "]" * 200_000, "nested too deep"),
        ('{"v": 1, "type": "view", "seq": 1' + "0" * 5000 + "}", "cannot read"),
        ('{"v": 1, "type": "view", "seq": NaN}', "cannot read"),
        (b"\x00binary", "binary frame"),
        ('{"v": 7, "type": "view"}', "protocol version 7"),
        ('{"v": 1, "type": "welcome", "scenario": "x", "package": {"name": "../x.yaml", "sha256": "0"}}', "cannot read"),
        ('{"v": 1, "type": "welcome", "scenario": "x"}', "no scenario"),
    ],
)  # fmt: skip
def test_a_machine_joined_to_a_false_host_stops_with_one_line(
    frame: str | bytes, expect: str
) -> None:
    from websockets.asyncio.server import ServerConnection, serve

    async def false_host(ws: ServerConnection) -> None:
        await ws.recv()  # its hello
        await ws.send(frame)
        with contextlib.suppress(ConnectionClosed):
            await ws.recv()

    async def main() -> str:
        async with serve(false_host, "127.0.0.1", 0, max_size=None) as server:
            port = next(iter(server.sockets)).getsockname()[1]
            client = Client(Address("127.0.0.1", port), "ABCD12", seat="us")
            async with asyncio.timeout(HANG):
                with pytest.raises(Fatal) as e:
                    await client.run()
        return str(e.value)

    said = asyncio.run(main())
    assert expect in said and "\n" not in said, said


async def _silent(port: int, source: str = "127.0.0.1") -> asyncio.StreamWriter:
    """A connection that never sends its request (it holds a socket and says nothing)."""
    _, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    return writer


async def _counted(host: Host, n: int) -> None:
    while len(host.sockets) < n:
        await asyncio.sleep(0.01)


def test_sockets_still_in_their_handshake_count_toward_one_machines_limit(api: SeatAPI) -> None:
    from game.net.host import MAX_PER_ADDRESS, SPARE

    async def main() -> tuple[bytes, int, int, dict[str, Any]]:
        host = await _host(api)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        async with asyncio.timeout(HANG):
            silent = [await _silent(host.port) for _ in range(MAX_PER_ADDRESS)]
            await _counted(host, MAX_PER_ADDRESS)
            # the same machine's next connection is told why (503), its handshake done
            with pytest.raises(InvalidStatus) as e:
                async with connect(uri):
                    pass
            status = e.value.response.status_code
            silent += [await _silent(host.port) for _ in range(SPARE)]
            await _counted(host, MAX_PER_ADDRESS + SPARE)
            # past the spare, a connection is cut before a byte is read
            reader, writer = await asyncio.open_connection("127.0.0.1", host.port)
            try:
                cut = await reader.read(1)
            except ConnectionResetError:
                cut = b""
            writer.close()
            held = len(host.sockets)
            # another machine joins at once
            ws = await connect(uri, max_size=protocol.MAX_VIEW_MESSAGE, local_addr=("127.0.0.2", 0))
            await ws.send(protocol.encode("hello", seat="europe"))
            welcome = json.loads(await ws.recv())
            await ws.close()
            for w in silent:
                w.close()
        await host.stop()
        return cut, status, held, welcome

    cut, status, held, welcome = asyncio.run(main())
    assert status == 503 and cut == b"" and welcome["type"] == "welcome"
    assert held == MAX_PER_ADDRESS + SPARE


def test_sockets_still_in_their_handshake_count_toward_the_rooms_limit(
    api: SeatAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.net.host as hosting

    monkeypatch.setattr(hosting, "MAX_CONNECTIONS", 4)  # a small room: the same code path

    async def main() -> tuple[int, str]:
        host = await _host(api)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        async with asyncio.timeout(HANG):
            silent = [await _silent(host.port, f"127.0.0.{3 + i}") for i in range(4)]
            await _counted(host, 4)
            with pytest.raises(InvalidStatus) as e:
                async with connect(uri, local_addr=("127.0.0.2", 0)):
                    pass
            for w in silent:
                w.close()
        await host.stop()
        return e.value.response.status_code, e.value.response.body.decode()

    status, body = asyncio.run(main())
    assert status == 503 and "full" in body


def test_one_machine_cannot_fill_the_room(api: SeatAPI) -> None:
    from game.net.host import MAX_PER_ADDRESS

    async def main() -> tuple[int, dict[str, Any]]:
        host = await _host(api)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        async with asyncio.timeout(HANG):
            held = [await connect(uri) for _ in range(MAX_PER_ADDRESS)]
            with pytest.raises(InvalidStatus) as e:
                async with connect(uri):
                    pass
            status = e.value.response.status_code
            for ws in held[:1]:
                await ws.close()
            while len(host.connections) >= MAX_PER_ADDRESS:
                await asyncio.sleep(0.01)
            ws, welcome = await _seat(uri, "europe")  # a slot freed is a slot again
            for other in [ws, *held[1:]]:
                await other.close()
        await host.stop()
        return status, welcome

    status, welcome = asyncio.run(main())
    assert status == 503 and welcome["seat"] == "europe"
