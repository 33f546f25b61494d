"""A class game's save and the game's other saves (version 4: the `room`): `host --resume` of a
save written by `play`, and `play --load` of a save written by the host. Real saves, the real
`GameFlow` that `play --load` opens, a real `guarantor host` process on loopback. Version 5:
the host resumes a save written before it to the ending it had (the years after a deal rolled
from the dice), and one written since to its own."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game import saves
from game.content.loader import load
from game.content.paths import resolve
from game.engine import Engine
from game.net.client import Address, Bot, Client
from game.net.run import NetUsageError, make_host
from game.net.seat_api import SeatAPI
from game.ui.flow import GameFlow

HANG = 90
FIXTURES = Path(__file__).parent / "fixtures" / "saves"


@pytest.fixture(scope="module")
def api() -> SeatAPI:
    return SeatAPI(Engine(load(resolve("weak_guarantee"), full=True, lint=False).book))


def _args(resume: Path, code: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(resume=str(resume), code=code, scenario=None, save_dir=None)


def _played_on_one_machine(api: SeatAPI, folder: Path, steps: int) -> Path:
    """A game `play` saved: every seat a person (hot-seat), a lesson of four rounds, named."""
    bundle = load(resolve("weak_guarantee"), full=True, lint=False)
    flow = GameFlow.new(bundle, humans=list(api.seats), seed=41, save_dir=folder, rounds=4)
    flow.name = "9B Tuesday"
    players = {s: api.player(s, "easy", 2) for s in api.seats}
    for _ in range(steps):
        seat = api.current_player(flow.state)
        assert seat is not None
        flow.act(dict(players[seat].act(api.view(flow.state, seat))))
    return flow.save()


def test_a_version_3_save_of_the_host_reads_as_the_current_version() -> None:
    """Written by the host before the version went up (its `room` was already there): its
    room kept, and marked as rolling its epilogue's years from the dice (version 5)."""
    data = json.loads((FIXTURES / "v4-host.json").read_text(encoding="utf-8"))
    old = saves.upgrade({**data, "version": 3})
    assert old["version"] == saves.VERSION == 5 and old["room"] == data["room"]
    assert old["old_random"] is True


def test_a_version_3_reader_is_told_the_save_is_newer_not_damaged(tmp_path: Path) -> None:
    """The reason for version 4: a reader that knows only version 3 must refuse a host's
    save as newer. Its check is the version (before the shape), which this one keeps."""
    newer = tmp_path / "newer.json"
    data = json.loads((FIXTURES / "v4-host.json").read_text(encoding="utf-8"))
    newer.write_text(json.dumps({**data, "version": saves.VERSION + 1}), encoding="utf-8")
    with pytest.raises(saves.SaveError) as e:
        saves.read(newer)
    assert e.value.key == "newer"


def test_host_resume_of_a_save_played_on_one_machine_plays_on_to_the_end(
    api: SeatAPI, tmp_path: Path
) -> None:
    save = _played_on_one_machine(api, tmp_path / "saves", steps=9)
    played = saves.read(save)
    assert "room" not in played and played["rounds"] == 4
    env = {**os.environ, "GUARANTOR_DATA_DIR": str(tmp_path / "data")}
    host = subprocess.Popen(
        [sys.executable, "-m", "game", "host", "--headless", "--port", "0", "--resume", str(save)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert host.stdout is not None
        lines = dict(host.stdout.readline().strip().partition(" ")[::2] for _ in range(3))
        port = int(lines["address"].rsplit(":", 1)[1])

        async def main() -> list[Client]:
            clients = []
            for seat in api.seats:
                bot = Bot(api.player(seat, "easy", 9), seat)
                clients.append(
                    Client(
                        Address("127.0.0.1", port),
                        lines["code"],
                        seat=seat,
                        on_view=bot,
                        on_refused=bot.refused,
                        on_connect=bot.reset,
                    )
                )
            async with asyncio.timeout(HANG):
                await asyncio.gather(*(c.run() for c in clients))
            return clients

        clients = asyncio.run(main())
        _, err = host.communicate(timeout=HANG)
    finally:
        if host.poll() is None:
            host.kill()
        host.wait()
    assert host.returncode == 0, err
    assert "played on one machine" in err and "every seat is free" in err
    assert Path(lines["save"]) == save
    final = saves.read(save)
    assert final["version"] == saves.VERSION and final["room"]["code"] == lines["code"]
    assert final["actions"][: len(played["actions"])] == played["actions"]
    assert final["name"] == "9B Tuesday" and final["rounds"] == 4
    state, _ = api.replay(final["seed"], final["actions"], final["rounds"])
    assert state["phase"] == "over" and state["round"] <= 4
    assert all(c.last is not None and c.last["view"]["phase"] == "over" for c in clients)


def test_host_resume_of_a_game_against_the_computer_is_one_line_and_the_save_is_kept(
    tmp_path: Path,
) -> None:
    save = tmp_path / "hotseat.json"
    shutil.copy(FIXTURES / "v3-hotseat.json", save)  # Europe and Ukraine people, the US not
    before = save.read_bytes()
    p = subprocess.run(
        [sys.executable, "-m", "game", "host", "--headless", "--port", "0", "--resume", str(save)],
        capture_output=True,
        text=True,
        timeout=HANG,
        env={**os.environ, "GUARANTOR_DATA_DIR": str(tmp_path / "data")},
    )
    assert p.returncode == 2, p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr
    assert "played against the computer (us)" in p.stderr and "play --load" in p.stderr
    assert save.read_bytes() == before


def test_play_load_of_a_hosts_save_opens_it_where_the_class_left_it(
    api: SeatAPI, tmp_path: Path
) -> None:
    save = tmp_path / "class.json"
    shutil.copy(FIXTURES / "v4-host.json", save)  # written by a real host, 14 actions in
    data = saves.read(save)
    hosted = make_host(_args(save))
    flow = GameFlow.load(save)  # what `play --load` opens
    assert flow.notice is None and flow.humans == list(api.seats)
    assert flow.state == hosted.state and flow.session.actions == hosted.log
    # played on at one machine and saved: a save `play` wrote, which the host resumes again
    seat = api.current_player(flow.state)
    assert seat is not None
    flow.act(dict(api.player(seat, "easy", 1).act(api.view(flow.state, seat))))
    flow.save()
    # the room is kept: the host goes on with the same code and the teams' tokens
    assert saves.read(save)["room"] == data["room"]
    again = make_host(_args(save))
    assert again.state == flow.state and again.code == data["room"]["code"]
    assert again.tokens == data["room"]["tokens"]
    assert again.log[: len(data["actions"])] == data["actions"]


def test_host_resume_of_a_save_that_no_longer_replays_is_one_line(
    api: SeatAPI, tmp_path: Path
) -> None:
    save = tmp_path / "class.json"
    data: dict[str, Any] = json.loads((FIXTURES / "v4-host.json").read_text(encoding="utf-8"))
    data["actions"][3] = {"type": "move", "seat": "europe", "move": "europe.arm_ukraine"}
    save.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(NetUsageError) as e:
        make_host(_args(save))
    assert "no longer replays" in str(e.value) and "action 4" in str(e.value)


# ---------------------------------------------------------------- the years after a deal (version 5)

ENDING = ("outcome", "epilogue", "indicators", "scores")


def _ending(state: Any) -> dict[str, Any]:
    return {k: state[k] for k in ENDING}


def _endings(name: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return out


def test_host_resume_of_a_finished_version_4_class_game_keeps_its_ending(tmp_path: Path) -> None:
    """Written by a real host before version 5: resumed, it is the game it was (ending and
    scores of the time), and the host's next save keeps the mark."""
    save = tmp_path / "class.json"
    shutil.copy(FIXTURES / "v4-host-deal.json", save)
    host = make_host(_args(save))
    assert host.old_random and host.over
    assert _ending(host.state) == _endings("endings-v4.json")["v4-host-deal.json"]
    data = host.save_data()
    assert data["version"] == saves.VERSION and data["old_random"] is True
    assert saves.upgrade(json.loads(json.dumps(data)))["old_random"] is True


def test_host_resume_of_a_version_4_class_game_in_progress_plays_on_to_its_old_ending(
    tmp_path: Path,
) -> None:
    """The class game's save before its last round, resumed by the host, the teams' actions
    sent to it as before: the ending of the time; the host's save on the disk is version 5,
    marked, and resumes again to the same game."""
    data = json.loads((FIXTURES / "v4-host-deal.json").read_text(encoding="utf-8"))
    log = data["actions"]
    cut = max(i for i, a in enumerate(log) if a["type"] == "table")
    save = tmp_path / "class.json"
    save.write_text(json.dumps({**data, "actions": log[:cut]}), encoding="utf-8")
    host = make_host(_args(save))
    assert host.old_random and not host.over and host.code == data["room"]["code"]
    for a in log[cut:]:
        assert host.api.current_player(host.state) == a["seat"]
        assert host.act(a["seat"], dict(a)) is None
    assert host.over
    assert _ending(host.state) == _endings("endings-v4.json")["v4-host-deal.json"]
    written = saves.read(save)
    assert written["version"] == saves.VERSION and written["old_random"] is True
    assert written["actions"] == log
    again = make_host(_args(save))
    assert again.state == host.state and again.old_random


def test_host_resume_of_a_version_5_class_game_keeps_its_ending(tmp_path: Path) -> None:
    save = tmp_path / "class.json"
    shutil.copy(FIXTURES / "v5-host-deal.json", save)
    host = make_host(_args(save))
    assert not host.old_random and host.over
    assert _ending(host.state) == _endings("endings-v5.json")["v5-host-deal.json"]
    assert "old_random" not in host.save_data()
    # the class game of the same seed as version 4 played it: another game (the seed's own
    # streams deal and roll otherwise), whose log resumed with version 4's generators (a save
    # marked old_random) no longer replays: the host says so and does not start
    data = json.loads(save.read_text(encoding="utf-8"))
    old = json.loads((FIXTURES / "v4-host-deal.json").read_text(encoding="utf-8"))
    assert old["seed"] == data["seed"] and old["room"]["code"] == data["room"]["code"]
    assert old["actions"] != data["actions"]
    assert host.state["epilogue"] != _endings("endings-v4.json")["v4-host-deal.json"]["epilogue"]
    marked = tmp_path / "marked.json"
    marked.write_text(json.dumps({**data, "old_random": True}), encoding="utf-8")
    with pytest.raises(NetUsageError, match="no longer replays"):
        make_host(_args(marked))
