"""A class game over the network (GAME-DESIGN 7): a real host and real clients on loopback,
real WebSocket connections, no mocks. Timeouts here only guard against a hang."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from game import saves
from game.content.book import load_book
from game.content.paths import resolve
from game.engine import Engine
from game.net import protocol
from game.net.client import Address, Bot, Client, Fatal, parse_address
from game.net.host import Host
from game.net.seat_api import PRIVATE, SeatAPI

HANG = 60  # seconds: a guard against a hang, never a measure of speed


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


def _bot(api: SeatAPI, host: Host, seat: str, **kw: Any) -> Client:
    bot = Bot(api.player(seat, "easy", 3), seat)
    return Client(
        Address("127.0.0.1", host.port),
        host.code,
        seat=seat,
        on_view=bot,
        on_refused=bot.refused,
        on_connect=bot.reset,
        **kw,
    )


def _secret_free(view: dict[str, Any]) -> None:
    assert not PRIVATE & set(view), sorted(PRIVATE & set(view))


# ---------------------------------------------------------------- a whole game


def test_three_bots_play_a_whole_game_and_the_save_replays(api: SeatAPI, tmp_path: Path) -> None:
    async def main() -> tuple[Host, list[Client], Client]:
        host = await _host(api, tmp_path)
        bots = [_bot(api, host, s) for s in api.seats]
        watcher = Client(Address("127.0.0.1", host.port), host.code, observe=True)
        async with asyncio.timeout(HANG):
            await asyncio.gather(*(b.run() for b in bots), watcher.run())
        await host.stop()
        return host, bots, watcher

    host, bots, watcher = asyncio.run(main())
    assert host.state["phase"] == "over"
    kinds = {a["type"] for a in host.log}
    assert "pass" in kinds  # (the engine may table by itself after a quiet lap)
    assert {a["seat"] for a in host.log} == set(api.seats)  # every machine played
    for b in bots:  # each machine ended on the final view of its own seat
        assert b.last is not None and b.last["seq"] == len(host.log)
        assert b.last["view"]["seat"] == b.seat and b.last["view"]["phase"] == "over"
        _secret_free(b.last["view"])
    assert watcher.last is not None and not watcher.last["view"].get("hand")
    _secret_free(watcher.last["view"])
    # the autosave is the log: it replays to the same final state
    data = saves.read(tmp_path / "class.json")
    assert data["room"]["code"] == host.code and set(data["room"]["tokens"]) == set(api.seats)
    state, log = api.replay(data["seed"], data["actions"])
    assert state == host.state and log == host.log


def test_a_seat_sees_its_own_hand_and_no_other(api: SeatAPI) -> None:
    state = api.new_game(5)
    other = dict(state)
    other["hands"] = {**state["hands"], "us": list(reversed(state["hands"]["us"]))[:1]}
    other["decks"] = {**state["decks"], "us": []}
    changed = {**other, "hand_sizes": None}
    assert api.view(state, "europe")["hand"] == state["hands"]["europe"]
    a, b = api.view(state, "europe"), api.view(other, "europe")
    a.pop("hand_sizes"), b.pop("hand_sizes")  # sizes are public; the cards and order are not
    assert a == b and changed  # another seat's secret cards change nothing a seat sees
    assert api.legal_actions(state, "europe") == api.legal_actions(
        api.view(state, "europe"), "europe"
    )
    assert api.legal_actions(state, "us") == []  # not its turn


# ---------------------------------------------------------------- a client drops and comes back


def test_a_client_dropped_mid_turn_comes_back_with_its_token(api: SeatAPI, tmp_path: Path) -> None:
    token_file = tmp_path / "europe.token"

    async def main() -> tuple[Host, dict[str, Any], dict[str, Any], Client]:
        host = await _host(api, tmp_path)
        first = Client(
            Address("127.0.0.1", host.port), host.code, seat="europe", token_file=token_file
        )
        task = asyncio.create_task(first.run())
        async with asyncio.timeout(HANG):
            view = await first.wait_view(lambda m: m["view"]["turn"] == "europe")
            move = next(a for a in view["legal"] if a["type"] == "move")
            await first.send_action(move)
            before = await first.wait_view(lambda m: m["seq"] == 1)
            # the machine dies mid-turn: its connection is cut without a goodbye
            assert first._ws is not None
            first._ws.transport.abort()
            first.stop()
            await task
            # a restarted machine: a new client, which finds the seat's token where it was kept
            second = _bot(api, host, "europe", token_file=token_file)
            others = [_bot(api, host, s) for s in ("us", "ukraine")]
            back = asyncio.create_task(second.run())
            again = await second.wait_view(lambda m: True)
            await asyncio.gather(back, *(o.run() for o in others))
        await host.stop()
        return host, before, again, second

    host, before, again, second = asyncio.run(main())
    # it came back to the same seat, in the same turn, with nothing lost
    assert again["seq"] == before["seq"] == 1
    assert again["view"] == before["view"] and again["view"]["used"]["europe"]["move"] is not None
    assert second.seat == "europe" and host.log[0]["seat"] == "europe"
    assert host.state["phase"] == "over"


def test_a_taken_seat_needs_its_token(api: SeatAPI) -> None:
    async def main() -> str:
        host = await _host(api)
        holder = Client(Address("127.0.0.1", host.port), host.code, seat="us", until_over=False)
        task = asyncio.create_task(holder.run())
        async with asyncio.timeout(HANG):
            await holder.wait_view(lambda m: True)
            thief = Client(Address("127.0.0.1", host.port), host.code, seat="us", token="x" * 32)
            with pytest.raises(Fatal) as e:
                await thief.run()
            holder.stop()
            await task
        await host.stop()
        return str(e.value)

    assert "the seat us is taken" in asyncio.run(main())


# ---------------------------------------------------------------- the host dies and resumes


def test_a_host_killed_mid_round_resumes_from_its_save(api: SeatAPI, tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(__import__("os").environ)

    def start(*extra: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "game", "host", "--headless", "--port", str(port), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    def lines(proc: subprocess.Popen[str], n: int) -> dict[str, str]:
        out = {}
        assert proc.stdout is not None
        for _ in range(n):
            key, _, value = proc.stdout.readline().strip().partition(" ")
            out[key] = value
        return out

    host = start("--save-dir", str(tmp_path))
    try:
        first = lines(host, 3)
        code, save = first["code"], Path(first["save"])
        budget = {"left": 5}  # the machines act this many times before the host goes

        def gated(bot: Bot) -> Any:
            def on_view(msg: dict[str, Any]) -> dict[str, Any] | None:
                if budget["left"] <= 0:
                    return None
                action = bot(msg)
                if action is not None:
                    budget["left"] -= 1
                return action

            return on_view

        async def main() -> list[Client]:
            clients = []
            for seat in api.seats:
                bot = Bot(api.player(seat, "easy", 1), seat)
                clients.append(
                    Client(
                        Address("127.0.0.1", port),
                        code,
                        seat=seat,
                        on_view=gated(bot),
                        on_refused=bot.refused,
                        on_connect=bot.reset,
                    )
                )
            runs = [asyncio.create_task(c.run()) for c in clients]
            async with asyncio.timeout(HANG):
                await clients[0].wait_view(lambda m: m["seq"] == 5)
                host.kill()  # mid-round: no goodbye, no last save
                host.wait()
                kept = box["kept"] = saves.read(save)  # every action up to the kill was saved
                assert len(kept["actions"]) == 5
                assert kept["room"]["code"] == code and kept["actions"]
                budget["left"] = 10**6
                resumed[0] = start("--resume", str(save))
                # the machines come back on their own, with their tokens, and play on
                await asyncio.gather(*runs)
            return clients

        resumed: list[Any] = [None]
        box: dict[str, Any] = {}
        clients = asyncio.run(main())
        again = lines(resumed[0], 3)
        assert again["code"] == code and Path(again["save"]) == save
        assert all(c.connects >= 2 for c in clients)
        final = saves.read(save)
        assert len(final["actions"]) > 5
        assert final["actions"][: len(box["kept"]["actions"])] == box["kept"]["actions"]
        assert all(c.last is not None and c.last["view"]["phase"] == "over" for c in clients)
        resumed[0].wait(timeout=HANG)  # the talks are over and every machine has left
        assert resumed[0].returncode == 0
    finally:
        for p in (host, *(x for x in locals().get("resumed", []) if x)):
            if p.poll() is None:
                p.kill()
                p.wait()


# ---------------------------------------------------------------- a full room


def test_thirty_observers_and_three_seats(api: SeatAPI) -> None:
    async def main() -> tuple[Host, list[Client], list[Client]]:
        host = await _host(api)
        watchers = [
            Client(Address("127.0.0.1", host.port), host.code, observe=True) for _ in range(30)
        ]
        async with asyncio.timeout(HANG):
            wruns = [asyncio.create_task(w.run()) for w in watchers]
            for w in watchers:
                await w.wait_view(lambda m: True)
            bots = [_bot(api, host, s) for s in api.seats]
            await asyncio.gather(*(b.run() for b in bots), *wruns)
        await host.stop()
        return host, watchers, bots

    host, watchers, bots = asyncio.run(main())
    public = api.view(host.state, None)
    for w in watchers:
        assert w.last is not None and w.last["seq"] == len(host.log)
        assert w.last["view"] == json.loads(json.dumps(public))
        _secret_free(w.last["view"])
    assert len(host.connections) == 0
    assert all(b.last is not None and b.last["seq"] == len(host.log) for b in bots)


# ---------------------------------------------------------------- hostile input


BAD_FRAMES: list[tuple[str | bytes, str]] = [
    ("not json", "not a JSON message"),
    (b"\x00\x01binary", "binary frames"),
    ("[1, 2]", "a JSON object"),
    ('{"v": 2, "type": "act"}', "protocol version 2"),
    ('{"v": true, "type": "act"}', "protocol version True"),
    ('{"v": 1, "type": "shout"}', "unknown message type"),
    ('{"v": 1, "type": "act"}', "action"),
    ('{"v": 1, "type": "act", "action": {"type": "table", "seat": "us", "x": 1}}', "x"),
    ('{"v": 1, "type": "act", "action": {"type": "argue", "card": 7}}', "card"),
    ('{"v": 1, "type": "act", "action": {"type": "fly"}}', "action"),
    ('{"v": 1, "type": "act", "action": {"type": "pass"}, "ref": "one"}', "ref"),
    ("[" * 100 + "]" * 100, "not a JSON message"),
    (
        '{"v": 1, "type": "act", "action": {"type": "pass"}, "ref": 1' + "0" * 400 + "}",
        "not a JSON",
    ),
    ('{"v": 1, "type": "hello", "seat": "russia"}', "hello"),
]


def test_malformed_oversized_and_forged_messages_are_refused_and_the_game_goes_on(
    api: SeatAPI,
) -> None:
    async def main() -> tuple[Host, dict[str, str], list[Client]]:
        host = await _host(api)
        uri = Address("127.0.0.1", host.port).uri(host.code)
        said: dict[str, str] = {}
        async with asyncio.timeout(HANG):
            # a wrong room code gets no connection at all
            with pytest.raises(InvalidStatus) as e:
                async with connect(Address("127.0.0.1", host.port).uri("WRONG9")):
                    pass
            assert e.value.response.status_code == 403
            # the us seat is held by a real machine that plays nothing yet
            us = Client(Address("127.0.0.1", host.port), host.code, seat="us", until_over=False)
            us_run = asyncio.create_task(us.run())
            await us.wait_view(lambda m: True)
            async with connect(uri) as ws:
                # before hello, every bad frame is refused and the connection stays
                for frame, expect in BAD_FRAMES:
                    await ws.send(frame)
                    reply = json.loads(await ws.recv())
                    assert reply["type"] == "refused" and expect in reply["reason"], (frame, reply)
                await ws.send(protocol.encode("act", action={"type": "pass", "seat": "europe"}))
                said["act_first"] = json.loads(await ws.recv())["reason"]
                await ws.send(protocol.encode("hello", seat="europe"))
                welcome = json.loads(await ws.recv())
                assert welcome["type"] == "welcome" and welcome["seat"] == "europe"
                await ws.recv()  # its view
                for action, key in [
                    ({"type": "pass", "seat": "us"}, "for_other"),
                    ({"type": "override", "reason": "x", "set": {"momentum": 1}}, "override"),
                    ({"type": "argue", "card": "arg.nothing"}, "bad_card"),
                    ({"type": "table"}, "too_early"),
                    ({"type": "sign"}, "wrong_phase"),
                ]:
                    await ws.send(protocol.encode("act", action=action, ref=7))
                    reply = json.loads(await ws.recv())
                    assert reply["type"] == "refused" and reply["ref"] == 7
                    said[key] = reply["reason"]
                await ws.send(protocol.encode("hello", seat="ukraine"))
                said["hello_twice"] = json.loads(await ws.recv())["reason"]
                # an out-of-turn action from the us machine
                await us.send_action({"type": "pass", "seat": "us"}, ref=3)
                while not us.refusals:
                    await asyncio.sleep(0.01)
                said["out_of_turn"] = us.refusals[-1]
                # a frame over the size cap closes that connection only
                await ws.send("x" * (protocol.MAX_MESSAGE + 1))
                with pytest.raises(ConnectionClosed) as closed:
                    await ws.recv()
                assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
            # a flood is cut off; nobody else notices
            async with connect(uri) as flood:
                await flood.send(protocol.encode("hello", observe=True))
                with pytest.raises(ConnectionClosed) as cut:
                    for _ in range(5000):
                        await flood.send('{"v": 1, "type": "act", "action": {"type": "pass"}}')
                    while True:
                        await flood.recv()
                assert cut.value.rcvd is not None and cut.value.rcvd.code == 1008
            async with connect(uri) as junk:  # ... before hello too
                with pytest.raises(ConnectionClosed) as cut:
                    for _ in range(5000):
                        await junk.send("not even json")
                    while True:
                        await junk.recv()
                assert cut.value.rcvd is not None and cut.value.rcvd.code == 1008
            # europe's machine died with its token: a new one must not take the seat over
            late = Client(Address("127.0.0.1", host.port), host.code, seat="europe")
            with pytest.raises(Fatal):
                await late.run()
            us.stop()
            await us_run
            # ... and the game goes on: the seats' machines come back (europe with its token)
            bots = [_bot(api, host, s) for s in ("us", "ukraine")]
            bots[0].token = us.token
            eu = _bot(api, host, "europe")
            eu.token = welcome["token"]
            await asyncio.gather(*(b.run() for b in [eu, *bots]))
        await host.stop()
        return host, said, [eu, *bots]

    host, said, bots = asyncio.run(main())
    assert "say hello first" in said["act_first"]
    assert "cannot act for us" in said["for_other"]
    assert "facilitator" in said["override"]
    assert "arg.nothing" in said["bad_card"]
    assert "tabled from" in said["too_early"]
    assert "sign" in said["wrong_phase"] or "Russia" in said["wrong_phase"]
    assert "already joined" in said["hello_twice"]
    assert "it is europe's turn, not us's" in said["out_of_turn"]
    assert host.state["phase"] == "over"
    assert all(b.last is not None and b.last["view"]["phase"] == "over" for b in bots)


def test_addresses(api: SeatAPI) -> None:
    assert parse_address("192.168.1.5", 8765) == Address("192.168.1.5", 8765)
    assert parse_address("ws://192.168.1.5:9000", 8765) == Address("192.168.1.5", 9000)
    assert parse_address("[::1]:9000", 8765).uri("ABCD") == "ws://[::1]:9000/ABCD"
    assert parse_address("teacher-pc.local.", 8765) == Address("teacher-pc.local", 8765)
    assert parse_address("a" * 63 + ".lan:80", 8765).port == 80
    too_long = ".".join(["b" * 60] * 5)  # 304 characters
    for bad in (
        "",
        "a b",
        "host:99999",
        "host:port",
        "http://x/y/z",
        "a" * 64,  # a part longer than a name may have (the system's encoder failed on it)
        "a" * 300,
        too_long,
        "a..b",
        ".lan",
        "-pc.lan",
        "pc-.lan",
        "[::::]:80",
        "[1:2:3]",
    ):
        with pytest.raises(ValueError):
            parse_address(bad, 8765)


def _junk(rng: Any, depth: int = 0) -> Any:
    """A random JSON value: odd types, huge and tiny numbers, long and foreign text."""
    pick = rng.randrange(10 if depth < 3 else 7)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.choice([0, -1, 2**63, -(2**70), 7])
    if pick == 3:
        return rng.choice([0.5, -1e300, 1e-300])
    if pick == 4:
        return rng.choice(
            ["", "europe", "pass", "الضامن", "x" * 300, "\u202e\u0000", "arg.budapest"]
        )
    if pick == 5:
        return rng.choice(["table", "argue", "move", "propose", "override", "sign"])
    if pick == 6:
        return rng.choice(["hello", "act", "view"])
    if pick == 7:
        return [_junk(rng, depth + 1) for _ in range(rng.randrange(4))]
    if pick == 8:
        return {
            str(_junk(rng, depth + 1))[:20]: _junk(rng, depth + 1) for _ in range(rng.randrange(4))
        }
    return {
        "type": rng.choice(["argue", "pass", "propose"]),
        "seat": rng.choice(["europe", "us", 3]),
    }


def _mutant(rng: Any) -> str | bytes:
    """A message near a valid one: a key dropped, added or changed, a value replaced, the
    text cut short, or bytes."""
    base: dict[str, Any] = rng.choice(
        [
            {"v": 1, "type": "hello", "seat": "europe"},
            {"v": 1, "type": "hello", "observe": True},
            {"v": 1, "type": "act", "action": {"type": "pass"}},
            {"v": 1, "type": "act", "action": {"type": "argue", "card": "arg.budapest"}, "ref": 1},
            {
                "v": 1,
                "type": "act",
                "action": {"type": "propose", "package": {"pledge": "assurances"}},
            },
            {"v": 1, "type": "act", "action": {"type": "move", "move": "europe.blame"}},
        ]
    )
    msg = json.loads(json.dumps(base))
    target = msg["action"] if "action" in msg and rng.random() < 0.6 else msg
    how = rng.randrange(6)
    if how == 0 and target:
        target.pop(rng.choice(sorted(target)))
    elif how == 1:
        target[rng.choice(["x", "seat", "token", "dice", "reason", "set"])] = _junk(rng)
    elif how == 2:
        target[rng.choice(sorted(target))] = _junk(rng)
    elif how == 3:
        text = json.dumps(msg)
        return text[: rng.randrange(len(text))]
    elif how == 4:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    return json.dumps(msg)


def test_a_fuzz_of_frames_is_answered_one_by_one_and_the_game_goes_on(api: SeatAPI) -> None:
    import random

    rng = random.Random(20261130)
    frames = [_mutant(rng) for _ in range(400)]

    async def main() -> tuple[Host, dict[str, int], list[Client]]:
        host = await _host(api, rate=1e9, burst=1e9)  # the budget is tested above; here, shapes
        uri = Address("127.0.0.1", host.port).uri(host.code)
        kinds: dict[str, int] = {}
        async with asyncio.timeout(HANG):
            async with connect(uri) as ws:
                await ws.send(protocol.encode("hello", seat="europe"))
                token = json.loads(await ws.recv())["token"]
                await ws.recv()
                for frame in frames:
                    await ws.send(frame)
                    reply = json.loads(await ws.recv())
                    kinds[reply["type"]] = kinds.get(reply["type"], 0) + 1
                    assert reply["type"] in ("refused", "view"), (frame, reply)
                    if reply["type"] == "refused":
                        assert reply["reason"] and "\n" not in reply["reason"]
            # wrong tokens for a taken seat: refused, the seat stays its machine's
            for _ in range(20):
                forged = "".join(
                    rng.choice("abcdefghijklmnopqrstuvwxyzABC0123456789-_") for _ in range(32)
                )
                with pytest.raises(Fatal):
                    await Client(
                        Address("127.0.0.1", host.port), host.code, seat="europe", token=forged
                    ).run()
            eu = _bot(api, host, "europe", token=token)
            others = [_bot(api, host, s) for s in ("us", "ukraine")]
            await asyncio.gather(*(b.run() for b in [eu, *others]))
        await host.stop()
        return host, kinds, [eu, *others]

    host, kinds, bots = asyncio.run(main())
    assert kinds["refused"] > 300  # nearly all are refused; a few near-valid ones are actions
    assert host.state["phase"] == "over"
    assert api.replay(host.seed, host.log) == (host.state, host.log)  # exactly as played
    assert bots[0].connects == 1 and host.log[0]["seat"] == "europe"
