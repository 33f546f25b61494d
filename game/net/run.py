"""`guarantor host` and `guarantor join` (GAME-DESIGN 8): the command line of a class game.

    guarantor host [--scenario ID] [--port N] [--code CODE] [--lang en|ar] [--headless]
                   [--save-dir DIR] [--resume SAVE]
    guarantor join HOST[:PORT] --code CODE [--seat europe|us|ukraine] [--bot easy]
                   [--observe]

`host --headless` prints one line each, to be read by a person or a script:

    address ws://192.168.1.5:8765
    code ABCD12
    save /path/to/weak-guarantee-2026-11-30-1310.json

then `joined SEAT` / `left SEAT` as machines come and go and `over KIND` when the talks end;
it stops when the talks are over and every machine has left (or on Ctrl+C). With a window
it prints the first three lines too, and shows them on the host's screen with the seats.

`join --bot LEVEL` plays the seat with a computer player, without a window, until the talks
are over; a seat's token is kept in the data folder (`join/`), so a machine that is
restarted takes its seat back.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from game import saves
from game.net.client import Address, Bot, Client, Fatal, normal_code, parse_address, token_file
from game.net.host import DEFAULT_PORT, Host, Status
from game.net.seat_api import SeatAPI

DEFAULT_SCENARIO = "weak_guarantee"


class NetUsageError(ValueError):
    """A wrong argument of `host` or `join`: one line, exit 2."""


def _engine(scenario: str) -> tuple[Path, Any]:
    """The scenario's file and engine, read as every machine that joins will read it: by the
    strict loader, every file the screens use (a problem is found here, at the host)."""
    from game.content.loader import load
    from game.content.paths import resolve
    from game.engine import Engine

    path = resolve(scenario)  # ContentError: the command line reports it
    return path, Engine(load(path, full=True, lint=False).book)


def make_host(args: Any) -> Host:
    """The host the arguments ask for (a new game, or one resumed from its save)."""
    code = normal_code(args.code) if args.code else None
    if args.resume:
        save_path = Path(args.resume)
        try:
            data = saves.read(save_path)
            scenario_path, notice = saves.find_scenario(data, str(save_path))
        except saves.SaveError as e:
            raise NetUsageError(str(e)) from None
        if notice is not None:
            print(f"guarantor: {notice}", file=sys.stderr, flush=True)
        _, engine = _engine(str(scenario_path))
        api = SeatAPI(engine)
        room = data.get("room")
        actions = data["actions"]
        if not room:
            actions = _from_play(data, save_path, api)
            room = {"code": code or "", "tokens": {}}
        from game.engine import ActionError

        keep: dict[str, Any] = {
            k: data[k] for k in ("name", "facilitator", "replay_of") if k in data
        }
        try:
            return Host(
                api,
                scenario_id=data["scenario"]["id"],
                scenario_path=scenario_path,
                seed=data["seed"],
                actions=actions,
                code=code or room["code"] or None,
                tokens=room.get("tokens", {}),
                save_path=save_path,
                rounds=data.get("rounds"),
                keep=keep,
                old_random=data.get("old_random", False),
            )
        except ActionError as e:
            raise NetUsageError(f"{save_path}: the game no longer replays ({e})") from None
    scenario_path, engine = _engine(args.scenario or DEFAULT_SCENARIO)
    folder = Path(args.save_dir) if args.save_dir else saves.saves_dir()
    folder.mkdir(parents=True, exist_ok=True)  # a --save-dir given was checked by the caller
    return Host(
        SeatAPI(engine),
        scenario_id=engine.id,
        scenario_path=scenario_path,
        seed=secrets.randbelow(2**31),
        code=code,
        save_path=saves.fresh_name(folder, engine.id),
    )


def _from_play(data: dict[str, Any], save_path: Path, api: SeatAPI) -> list[dict[str, Any]]:
    """The log of a save written by `play` (no room), to host that game on: possible when a
    person played every seat (a class game has no computer seat inside the host: the engine
    plays a computer seat by other rules, so the game would not be the one saved). The log of
    an older save gets its turns filled in as `play --load` does. NetUsageError otherwise."""
    computers = [s for s in api.seats if s not in data["humans"]]
    if computers:
        raise NetUsageError(
            f"{save_path}: a game played against the computer ({', '.join(computers)}) cannot "
            "be hosted: in a class game a team plays every seat; open it with "
            f"`guarantor play --load {save_path}`, or host a new game"
        )
    try:
        _, session = saves.open_session(data, str(save_path))
    except saves.SaveError as e:
        raise NetUsageError(str(e)) from None
    print(
        f"guarantor: {save_path} was played on one machine (it has no room): a new room "
        "code, and every seat is free to take",
        file=sys.stderr,
        flush=True,
    )
    return [dict(a) for a in session.actions]


def cmd_host(args: Any) -> int:
    try:
        host = make_host(args)
    except (NetUsageError, ValueError) as e:
        print(f"guarantor: {e}", file=sys.stderr, flush=True)
        return 2
    port = DEFAULT_PORT if args.port is None else args.port
    if not 0 <= port <= 65535:
        print(f"guarantor: --port {port}: must be 0 to 65535", file=sys.stderr)
        return 2
    if args.headless:
        return asyncio.run(_host_headless(host, port))
    return _host_window(host, port, args)


async def _host_headless(host: Host, port: int) -> int:
    done = asyncio.Event()
    seen: dict[str, tuple[str, ...]] = {"connected": ()}

    def changed(s: Status) -> None:
        for seat in s.connected:
            if seat not in seen["connected"]:
                print(f"joined {seat}", flush=True)
        for seat in seen["connected"]:
            if seat not in s.connected:
                print(f"left {seat}", flush=True)
        seen["connected"] = s.connected
        if s.phase == "over" and not seen.get("over"):
            seen["over"] = ("yes",)
            kind = host.state["outcome"]["kind"] if host.state.get("outcome") else "over"
            print(f"over {kind}", flush=True)
        if s.save_error:
            print(f"guarantor: cannot save: {s.save_error}", file=sys.stderr, flush=True)
        if s.phase == "over" and not host.connections:
            done.set()

    try:
        await host.start("0.0.0.0", port)
    except OSError as e:
        print(f"guarantor: cannot listen on port {port}: {e.strerror or e}", file=sys.stderr)
        return 2
    host.on_change = changed
    print(f"address {host.address}", flush=True)
    print(f"code {host.code}", flush=True)
    if host.save_path is not None:
        print(f"save {host.save_path}", flush=True)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, done.set)
    changed(host.status)
    await done.wait()
    await host.stop()
    return 0


def _host_window(host: Host, port: int, args: Any) -> int:
    """The host's screen in the window; the server runs in a thread of its own."""
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    ready = threading.Event()
    box: dict[str, Any] = {}

    def serve() -> None:
        async def main() -> None:
            loop = asyncio.get_running_loop()
            stop = asyncio.Event()
            box["stop"] = lambda: loop.call_soon_threadsafe(stop.set)
            try:
                await host.start("0.0.0.0", port)
            except OSError as e:
                box["error"] = f"cannot listen on port {port}: {e.strerror or e}"
                ready.set()
                return
            ready.set()
            await stop.wait()
            await host.stop()

        asyncio.run(main())

    thread = threading.Thread(target=serve, name="guarantor-host", daemon=True)
    thread.start()
    ready.wait()
    if "error" in box:
        print(f"guarantor: {box['error']}", file=sys.stderr)
        return 2
    print(f"address {host.address}", flush=True)  # the window shows them too
    print(f"code {host.code}", flush=True)
    if host.save_path is not None:
        print(f"save {host.save_path}", flush=True)
    from game.ui.net_windows import run_host_window

    try:
        return run_host_window(host, getattr(args, "lang", None))
    finally:
        box["stop"]()
        thread.join(timeout=10)


# ---------------------------------------------------------------- join


def cmd_join(args: Any) -> int:
    try:
        address = parse_address(args.address, DEFAULT_PORT)
        code = normal_code(args.code)
    except ValueError as e:
        print(f"guarantor: {e}", file=sys.stderr)
        return 2
    if args.observe and (args.seat or args.bot):
        print(
            "guarantor: --observe watches the class view; it takes no --seat or --bot",
            file=sys.stderr,
        )
        return 2
    if not args.observe and not args.seat:
        print(
            "guarantor: name the team's seat (--seat europe|us|ukraine), or --observe",
            file=sys.stderr,
        )
        return 2
    if args.bot:
        from game.net.seat_api import levels

        if args.bot not in levels():
            print(
                f"guarantor: --bot {args.bot}: no such computer player yet; levels: {', '.join(levels())}",
                file=sys.stderr,
            )
            return 2
        return _join_bot(address, code, args.seat, args.bot)
    from game.ui.net_windows import run_join_window

    return run_join_window(
        address, code, args.seat, bool(args.observe), getattr(args, "lang", None)
    )


def _join_bot(address: Address, code: str, seat: str, level: str) -> int:
    from game.engine import Engine

    # the bot decides from its view with the scenario's rules: the host sends its scenario
    # in the welcome (`client.scenario`, checked and loaded), so the player is made on the
    # first view, with the rules the host plays (a teacher's own scenario too)
    state: dict[str, Any] = {}

    def on_view(msg: dict[str, Any]) -> dict[str, Any] | None:
        if "bot" not in state:
            if client.scenario is None:  # the client stops before a view without it
                raise Fatal("the host sent no scenario")
            api = SeatAPI(Engine(client.scenario.book))
            if level not in api.levels():
                raise Fatal(
                    f"no computer player of level {level!r} yet; levels: {', '.join(api.levels())}"
                )
            state["bot"] = Bot(api.player(seat, level, secrets.randbelow(2**31)), seat)
        bot: Bot = state["bot"]
        return bot(msg)

    def on_refused(msg: dict[str, Any]) -> dict[str, Any] | None:
        bot: Bot | None = state.get("bot")
        return bot.refused(msg) if bot is not None else None

    def status(line: str) -> None:
        print(f"guarantor: {line}", file=sys.stderr, flush=True)

    client = Client(
        address,
        code,
        seat=seat,
        token_file=token_file(address, code, seat),
        on_view=on_view,
        on_refused=on_refused,
        on_connect=lambda: state["bot"].reset() if "bot" in state else None,
        on_status=status,
    )
    try:
        asyncio.run(client.run())
    except Fatal as e:
        print(f"guarantor: {e}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        return 130
    view = client.last["view"] if client.last else {}
    outcome = view.get("outcome") or {}
    print(f"over {outcome.get('kind', 'over')}", flush=True)
    return 0
