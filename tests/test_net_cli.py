"""`guarantor host` and `guarantor join` as the class runs them: real processes on loopback.
Timeouts only guard against a hang."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from game import saves
from game.net.client import Address, Client

HANG = 90


def _run(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "game", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _host(tmp: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str, str, Path]:
    host = _run("host", "--headless", "--port", "0", "--save-dir", str(tmp / "saves"), env=env)
    assert host.stdout is not None
    address = host.stdout.readline().split()
    code = host.stdout.readline().split()
    save = host.stdout.readline().split()
    assert address[0] == "address" and address[1].startswith("ws://"), address
    assert code[0] == "code" and len(code[1]) == 6, code
    assert save[0] == "save", save
    port = address[1].rsplit(":", 1)[1]
    return host, f"127.0.0.1:{port}", code[1], Path(save[1])


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "GUARANTOR_DATA_DIR": str(tmp / "data")}


def _stop(*procs: subprocess.Popen[str]) -> None:
    for p in procs:
        if p.poll() is None:
            p.kill()
        p.wait()


def test_a_whole_class_game_with_host_and_three_join_bots(tmp_path: Path) -> None:
    env = _env(tmp_path)
    host, where, code, save = _host(tmp_path, env)
    bots = [  # each level plays a seat
        _run("join", where, "--code", code.lower(), "--seat", seat, "--bot", level, env=env)
        for seat, level in (("europe", "easy"), ("us", "normal"), ("ukraine", "hard"))
    ]
    try:
        outs = [b.communicate(timeout=HANG) for b in bots]
        rest, err = host.communicate(timeout=HANG)  # it stops once the talks are over and all left
    finally:
        _stop(host, *bots)
    for b, (out, err_b) in zip(bots, outs, strict=True):
        assert b.returncode == 0, err_b
        assert out.strip().startswith("over ")
    assert host.returncode == 0, err
    lines = rest.splitlines()
    assert {"joined europe", "joined us", "joined ukraine"} <= set(lines)
    assert any(line.startswith("over ") for line in lines)
    data = saves.read(save)
    assert data["room"]["code"] == code and len(data["actions"]) > 3
    assert {a["seat"] for a in data["actions"]} == {"europe", "us", "ukraine"}


def test_join_refuses_what_cannot_work_in_one_line(tmp_path: Path) -> None:
    env = _env(tmp_path)
    host, where, code, _ = _host(tmp_path, env)
    try:
        cases = [
            (
                ("join", where, "--code", "WRONG1", "--seat", "us", "--bot", "easy"),
                "refused the room code",
            ),
            (("join", where, "--code", code, "--seat", "us", "--bot", "expert"), "invalid choice"),
            (("join", where, "--code", code, "--observe", "--seat", "us"), "takes no --seat"),
            (("join", "not an address", "--code", code, "--seat", "us"), "is not an address"),
            (("join", where, "--code", "a!", "--seat", "us"), "is not a room code"),
            (("join", where, "--code", code), "name the team's seat"),
            (("host", "--headless", "--resume", str(tmp_path / "none.json")), "no such save file"),
            (("host", "--headless", "--scenario", "atlantis"), "unknown scenario"),
        ]
        for args, expect in cases:
            p = _run(*args, env=env)
            _, err = p.communicate(timeout=HANG)
            assert p.returncode == 2, (args, err)
            assert expect in err and len(err.strip().splitlines()) == 1, (args, err)
            assert "Traceback" not in err
    finally:
        _stop(host)


def test_a_join_process_killed_and_restarted_takes_its_seat_back(tmp_path: Path) -> None:
    env = _env(tmp_path)
    host, where, code, save = _host(tmp_path, env)
    port = int(where.rsplit(":", 1)[1])
    europe = _run("join", where, "--code", code, "--seat", "europe", "--bot", "easy", env=env)
    procs = [host, europe]
    try:

        async def watch_until_us_turn() -> int:
            watcher = Client(Address("127.0.0.1", port), code, observe=True, until_over=False)
            run = asyncio.create_task(watcher.run())
            async with asyncio.timeout(HANG):
                msg = await watcher.wait_view(lambda m: m["view"]["turn"] == "us")
            watcher.stop()
            await run
            return int(msg["seq"])

        acted = asyncio.run(watch_until_us_turn())
        assert acted >= 1  # europe has played its turn and passed; it waits for the others
        europe.kill()  # the machine dies (no goodbye)
        europe.wait()
        again = _run("join", where, "--code", code, "--seat", "europe", "--bot", "easy", env=env)
        others = [
            _run("join", where, "--code", code, "--seat", s, "--bot", "easy", env=env)
            for s in ("us", "ukraine")
        ]
        procs += [again, *others]
        for p in (again, *others):
            out, err = p.communicate(timeout=HANG)
            assert p.returncode == 0, err  # the restarted machine was let back into its seat
            assert out.strip().startswith("over ")
        host.communicate(timeout=HANG)
        actions = saves.read(save)["actions"]
        assert len(actions) > acted and actions[0]["seat"] == "europe"
    finally:
        _stop(*procs)


def test_host_and_join_with_their_windows(tmp_path: Path) -> None:
    """The window modes (SDL's dummy driver): the host serves while its screen is up, and a
    team's window joins its seat; SIGTERM closes each cleanly."""
    import signal

    env = {**_env(tmp_path), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    host = _run("host", "--port", "0", "--save-dir", str(tmp_path / "saves"), env=env)
    procs = [host]
    try:
        assert host.stdout is not None
        address = host.stdout.readline().split()[1]
        code = host.stdout.readline().split()[1]
        port = int(address.rsplit(":", 1)[1])
        team = _run("join", f"127.0.0.1:{port}", "--code", code, "--seat", "ukraine", env=env)
        procs.append(team)

        async def seen_taken() -> list[str]:
            watcher = Client(Address("127.0.0.1", port), code, observe=True, until_over=False)
            run = asyncio.create_task(watcher.run())
            async with asyncio.timeout(HANG):
                msg = await watcher.wait_view(lambda m: "ukraine" in m["taken"])
            watcher.stop()
            await run
            return list(msg["taken"])

        assert asyncio.run(seen_taken()) == ["ukraine"]
        for p in (team, host):
            p.send_signal(signal.SIGTERM)
            _, err = p.communicate(timeout=HANG)
            assert p.returncode == 128 + signal.SIGTERM, err
            assert "Traceback" not in err
    finally:
        _stop(*procs)


def test_host_resume_refuses_a_save_it_cannot_go_on_with(tmp_path: Path) -> None:
    env = _env(tmp_path)
    room = {"code": "ABCD12", "tokens": {}}
    cases = {
        "hot_seat.json": (
            saves.make("weak_guarantee", None, 1, ["europe"], []),
            "played against the computer (us, ukraine)",
        ),
        "bad_code.json": (
            saves.make(
                "weak_guarantee", None, 1, ["europe"], [], {"room": {**room, "code": "a b"}}
            ),
            "damaged save",
        ),
        "out_of_turn.json": (
            saves.make(
                "weak_guarantee",
                None,
                1,
                ["europe", "us", "ukraine"],
                [{"type": "agree", "seat": "us"}],
                {"room": room},
            ),
            "no longer replays",
        ),
    }
    for name, (data, expect) in cases.items():
        saves.write(tmp_path / name, data)
        p = _run("host", "--headless", "--port", "0", "--resume", str(tmp_path / name), env=env)
        out, err = p.communicate(timeout=HANG)
        assert p.returncode == 2, (name, err)
        assert expect in err and len(err.strip().splitlines()) == 1, (name, err)
        assert out == ""
