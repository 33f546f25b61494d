"""The host sends the scenario it plays (game/net/scenario.py): a teacher's own scenario, which
only the teacher's machine has, is played by machines that have never seen it. Real hosts,
real clients and real `guarantor` processes on loopback; timeouts only guard against a hang."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect

from game import saves
from game.content.loader import load
from game.content.paths import resolve, scenarios_dir
from game.engine import Engine
from game.net import protocol
from game.net.client import Address, Client, Fatal
from game.net.host import Host
from game.net.scenario import MAX_PACKAGE, NAMES, Package, PackageError, digest, pack, receive
from game.net.seat_api import SeatAPI

HANG = 90


def _own_scenario(where: Path, *, common: bool) -> Path:
    """A teacher's copy of a shipped scenario, edited: another id and fewer rounds; with
    `common`, a copied and edited `common/` beside it too."""
    where.mkdir(parents=True, exist_ok=True)
    text = (scenarios_dir() / "weak_guarantee.yaml").read_text(encoding="utf-8")
    assert "id: weak_guarantee\n" in text and "rounds: 8\n" in text
    text = text.replace("id: weak_guarantee\n", "id: our_class_draft\n", 1)
    text = text.replace("rounds: 8\n", "rounds: 3\n", 1)
    path = where / "our_class_draft.yaml"
    path.write_text(text, encoding="utf-8")
    if common:
        shutil.copytree(scenarios_dir() / "common", where / "common")
        glossary = where / "common" / "glossary.yaml"
        glossary.write_text(
            glossary.read_text(encoding="utf-8") + "# edited for 9B\n", encoding="utf-8"
        )
    return path


def _run(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "game", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        cwd=cwd,
    )


def _stop(*procs: subprocess.Popen[str]) -> None:
    for p in procs:
        if p.poll() is None:
            p.kill()
        p.wait()


# ---------------------------------------------------------------- a whole game, real processes


@pytest.mark.parametrize("common", [False, True], ids=["own-scenario", "own-common-too"])
def test_join_bots_play_a_whole_game_of_a_scenario_only_the_host_has(
    tmp_path: Path, common: bool
) -> None:
    teacher = tmp_path / "teacher"
    own = _own_scenario(teacher / "my scenarios", common=common)
    host = _run(
        "host", "--headless", "--port", "0", "--scenario", str(own),
        "--save-dir", str(teacher / "saves"),
        env={**os.environ, "GUARANTOR_DATA_DIR": str(teacher / "data")},
        cwd=teacher,
    )  # fmt: skip
    assert host.stdout is not None
    address, code, save = (host.stdout.readline().split() for _ in range(3))
    assert address[0] == "address" and code[0] == "code" and save[0] == "save", (address, code)
    where = "127.0.0.1:" + address[1].rsplit(":", 1)[1]
    # the teams' machines: data folders of their own, and the scenario is nowhere on them
    teams = []
    for seat in ("europe", "us", "ukraine"):
        home = tmp_path / f"team-{seat}"
        home.mkdir()
        env = {**os.environ, "GUARANTOR_DATA_DIR": str(home / "data")}
        cmd = ("join", where, "--code", code[1], "--seat", seat, "--bot", "easy")
        teams.append((home, _run(*cmd, env=env, cwd=home)))
    try:
        outs = [p.communicate(timeout=HANG) for _, p in teams]
        rest, err = host.communicate(timeout=HANG)
    finally:
        _stop(host, *(p for _, p in teams))
    for (_, p), (out, err_b) in zip(teams, outs, strict=True):
        assert p.returncode == 0, err_b
        assert out.strip().startswith("over "), out
    assert host.returncode == 0, err
    assert any(line.startswith("over ") for line in rest.splitlines()), rest
    data = saves.read(Path(save[1]))
    assert data["scenario"]["id"] == "our_class_draft"
    assert {a["seat"] for a in data["actions"]} == {"europe", "us", "ukraine"}
    # the game was the teacher's: three rounds at most, replayed by the teacher's rules
    api = SeatAPI(Engine(load(own, full=True, lint=False).book))
    state, _ = api.replay(data["seed"], data["actions"])
    assert state["phase"] == "over" and state["round"] <= 3
    # each machine keeps the very files the teacher's machine has
    source_common = own.parent / "common" if common else scenarios_dir() / "common"
    for home, _ in teams:
        kept = list((home / "data" / "join" / "scenarios").glob("*/our_class_draft.yaml"))
        assert len(kept) == 1, kept
        assert kept[0].read_bytes() == own.read_bytes()
        for name in ("rules", "glossary", "arguments"):
            got = (kept[0].parent / "common" / f"{name}.yaml").read_bytes()
            assert got == (source_common / f"{name}.yaml").read_bytes(), name


# ---------------------------------------------------------------- damaged or refused in process


def _api(path: Path) -> SeatAPI:
    return SeatAPI(Engine(load(path, full=True, lint=False).book))


async def _serve(path: Path, sid: str, package: Package | None = None) -> Host:
    host = Host(_api(path), scenario_id=sid, scenario_path=path, seed=3, package=package)
    await host.start("127.0.0.1", 0)
    return host


def _join_fails(path: Path, sid: str, package: Package, tmp: Path) -> str:
    async def main() -> str:
        host = await _serve(path, sid, package)
        client = Client(Address("127.0.0.1", host.port), host.code, seat="us")
        try:
            async with asyncio.timeout(HANG):
                with pytest.raises(Fatal) as e:
                    await client.run()
        finally:
            await host.stop()
        assert client.last is None  # no view was handed on with a scenario it could not use
        return str(e.value)

    os.environ["GUARANTOR_DATA_DIR"] = str(tmp / "team")
    try:
        return asyncio.run(main())
    finally:
        del os.environ["GUARANTOR_DATA_DIR"]


def test_a_scenario_damaged_on_the_way_is_one_clear_line(tmp_path: Path) -> None:
    own = _own_scenario(tmp_path / "t", common=False)
    good = pack(own, "our_class_draft")
    files = {**good.files, "scenario": good.files["scenario"].replace("rounds: 3", "rounds: 4")}
    message = _join_fails(
        own, "our_class_draft", Package(good.id, good.name, files, good.sha256), tmp_path
    )
    assert "arrived damaged" in message and "our_class_draft" in message
    assert "\n" not in message
    assert not list((tmp_path / "team").rglob("*.yaml"))  # nothing of it was kept


def test_a_scenario_this_machine_cannot_load_names_the_file_and_line(tmp_path: Path) -> None:
    own = _own_scenario(tmp_path / "t", common=False)
    good = pack(own, "our_class_draft")
    # consistent with its hash, but a file the strict schema refuses (as a newer host's
    # scenario with a field this version does not know would be)
    text = good.files["scenario"].replace("rounds: 3\n", "rounds: 3\nsurprise: 1\n")
    files = {**good.files, "scenario": text}
    bad = Package(good.id, good.name, files, digest(good.name, files))
    message = _join_fails(own, "our_class_draft", bad, tmp_path)
    assert "does not load on this machine" in message and "our_class_draft.yaml:" in message
    assert "surprise" in message and "\n" not in message


def test_a_scenario_of_another_id_than_the_host_names_is_refused(tmp_path: Path) -> None:
    own = _own_scenario(tmp_path / "t", common=False)
    shipped = pack(resolve("weak_guarantee"), "weak_guarantee")
    message = _join_fails(own, "our_class_draft", shipped, tmp_path)
    assert "sent the scenario weak_guarantee" in message


def _but(wire: dict[str, Any], name: str) -> dict[str, str]:
    return {k: v for k, v in wire["files"].items() if k != name}


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        (lambda w: {**w, "files": {**_but(w, "terms"), "../../etc/passwd": "x"}}, "does not know"),
        (lambda w: {**w, "files": {**_but(w, "terms"), "scenario.yaml": "x"}}, "does not know"),
        (lambda w: {**w, "files": {**w["files"], "more": "x"}}, "at most 12 items"),
        (lambda w: {**w, "name": "../evil.yaml"}, "cannot read (name"),
        (lambda w: {**w, "name": "x.py"}, "cannot read (name"),
        (lambda w: {**w, "files": {k: v for k, v in w["files"].items() if k != "scenario"}}, "no scenario file"),
        (lambda w: {**w, "files": None}, "no scenario files"),
        (lambda w: {**w, "files": ["a", "b"]}, "cannot read (files"),
        (lambda w: {**w, "sha256": "0" * 64}, "arrived damaged"),
        (lambda w: {**w, "sha256": 5}, "cannot read (sha256"),
        (lambda w: {**w, "extra": 1}, "cannot read (extra"),
        (lambda w: {**w, "files": {**w["files"], "rules": 7}}, "cannot read (files.rules"),
        (lambda w: {**w, "files": {**w["files"], "rules": "\ud800"}}, "cannot read (files.rules"),
        (lambda w: {**w, "files": {**w["files"], "article": "x" * (1024 * 1024 + 1)}}, "cannot read (files.article"),
        (
            lambda w: {**w, "files": {**w["files"], **{n: "#" * (1024 * 1024 - 10) for n in ("article", "glossary", "debrief")}}},
            f"at most {MAX_PACKAGE:,}",
        ),
        (lambda w: "files", "cannot read (package"),
    ],
)  # fmt: skip
def test_every_malformed_package_is_refused_before_anything_is_written(
    tmp_path: Path, change: Any, expect: str
) -> None:
    wire = pack(resolve("weak_guarantee"), "weak_guarantee").wire()
    with pytest.raises(PackageError) as e:
        receive("weak_guarantee", change(wire), into=tmp_path)
    assert expect in str(e.value) and "\n" not in str(e.value)
    assert not list(tmp_path.rglob("*"))


def test_a_good_package_is_written_where_the_loader_reads_it(tmp_path: Path) -> None:
    wire = pack(resolve("weak_guarantee"), "weak_guarantee").wire()
    got = receive("weak_guarantee", wire, into=tmp_path)
    assert got.path.parent.parent == tmp_path and got.path.name == "weak_guarantee.yaml"
    assert set(wire["files"]) <= set(NAMES)
    assert got.book == load(resolve("weak_guarantee"), full=True, lint=False).book
    again = receive("weak_guarantee", wire, into=tmp_path)  # a second time: the same files
    assert again.path == got.path and again.sha256 == got.sha256


def test_the_host_refuses_to_send_a_scenario_too_large_or_unreadable(tmp_path: Path) -> None:
    own = _own_scenario(tmp_path / "t", common=True)
    for name in ("article", "glossary", "debrief"):
        with (own.parent / "common" / f"{name}.yaml").open("a", encoding="utf-8") as f:
            f.write("#" * (800 * 1024) + "\n")
    with pytest.raises(PackageError) as e:
        pack(own, "our_class_draft")
    assert f"a class game sends at most {MAX_PACKAGE:,}" in str(e.value)
    fifo = tmp_path / "t" / "common" / "debrief.yaml"
    fifo.unlink()
    os.mkfifo(fifo)
    with pytest.raises(PackageError) as e:
        pack(own, "our_class_draft")  # answered at once: a FIFO is not opened
    assert "debrief.yaml" in str(e.value)


def test_a_machine_that_has_the_scenario_is_not_sent_it_again(tmp_path: Path) -> None:
    path = resolve("weak_guarantee")

    async def main() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        host = await _serve(path, "weak_guarantee")
        uri = f"ws://127.0.0.1:{host.port}/{host.code}"
        got = []
        try:
            async with asyncio.timeout(HANG):
                for hello in (
                    {"observe": True},
                    {"observe": True, "have": host.package.sha256},
                    {"observe": True, "have": "f" * 64},
                ):
                    async with connect(uri, max_size=protocol.MAX_VIEW_MESSAGE) as ws:
                        await ws.send(protocol.encode("hello", **hello))
                        got.append(json.loads(await ws.recv()))
        finally:
            await host.stop()
        return got[0], got[1], got[2]

    full, short, other = asyncio.run(main())
    assert full["package"]["files"]["scenario"] == path.read_text(encoding="utf-8")
    assert (
        "files" not in short["package"] and short["package"]["sha256"] == full["package"]["sha256"]
    )
    assert other["package"]["files"] == full["package"]["files"]


def test_a_client_that_comes_back_keeps_the_scenario_it_checked(tmp_path: Path) -> None:
    path = resolve("weak_guarantee")
    os.environ["GUARANTOR_DATA_DIR"] = str(tmp_path / "team")

    async def main() -> tuple[Client, Any, Any]:
        host = await _serve(path, "weak_guarantee")
        client = Client(Address("127.0.0.1", host.port), host.code, seat="europe", until_over=False)
        task = asyncio.create_task(client.run())
        try:
            async with asyncio.timeout(HANG):
                await client.wait_view(lambda m: True)
                first = client.scenario
                assert client._ws is not None
                client.last = None
                client._ws.transport.abort()  # the connection drops; the client comes back
                await client.wait_view(lambda m: True)
                client.stop()
                await task
        finally:
            await host.stop()
        return client, first, client.scenario

    try:
        client, first, second = asyncio.run(main())
    finally:
        del os.environ["GUARANTOR_DATA_DIR"]
    assert first is not None and second is first and client.connects >= 2
    assert first.path.read_bytes() == path.read_bytes()
