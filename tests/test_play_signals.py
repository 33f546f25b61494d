"""Ctrl-C (SIGINT) and SIGTERM stop `guarantor play` for real: the game runs in its own
process under SDL's dummy driver, the signal is sent, and the process ends by itself with
one plain line, the signal's exit code, and the game in progress saved (as the autosave,
in the saves folder, which is where the line says it is)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, table

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="needs /proc to see when the game is ready"
)


def catches(pid: int, sig: int) -> bool:
    """Whether process `pid` has a handler for `sig` (the SigCgt mask in /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    return False


def play_and_stop(
    args: list[str], sig: int, tmp_path: Path, *, settings: str | None = None
) -> tuple[int, str, Path]:
    """Start `play`, wait until it handles SIGTERM (which `play` takes over only once the
    game is on screen: SDL's own handler is switched off), send `sig`, and wait for the end."""
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "GUARANTOR_CONFIG_DIR": str(tmp_path / "config"),
        "GUARANTOR_DATA_DIR": str(tmp_path / "data"),
    }
    if settings is not None:
        (tmp_path / "config").mkdir(parents=True, exist_ok=True)
        (tmp_path / "config" / "settings.json").write_text(settings, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "play", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        # a shell without job control starts background commands with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        while not catches(proc.pid, signal.SIGTERM):
            assert proc.poll() is None, proc.communicate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.05)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert out == ""
    return proc.returncode, err, tmp_path / "data"


SAVED = re.compile(r"guarantor: stopped by (\S+); the game in progress was saved to (.+)\n")


def saved_to(err: str, name: str, folder: Path) -> Path:
    """The file the one line names; it is in `folder` (a new game's save is in the data
    folder's saves; a loaded game goes on in its own file)."""
    found = SAVED.fullmatch(err)
    assert found is not None, err
    assert found.group(1) == name
    path = Path(found.group(2))
    assert path.is_file() and path.parent == folder
    return path


def test_ctrl_c_stops_a_new_game_and_saves_it(tmp_path):
    from game import saves

    code, err, data_dir = play_and_stop(
        ["--scenario", "tutorial", "--seat", "ukraine", "--seed", "3"], signal.SIGINT, tmp_path
    )
    assert code == 130
    autosave = saved_to(err, "Ctrl-C", data_dir / "saves")
    data = saves.read(autosave)
    assert data["scenario"]["id"] == "tutorial" and data["seed"] == 3
    assert data["humans"] == ["ukraine"]
    _, session = saves.open_session(data, str(autosave))
    assert not session.over


STOPPING = [getattr(signal, n) for n in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, n)]


@pytest.mark.parametrize("sig", STOPPING, ids=lambda s: signal.Signals(s).name)
def test_a_signal_saves_a_loaded_game_at_its_point(tmp_path, sig):
    """A game in its second round, with a proposal made since the round began, opened with
    --load: the game goes on in its own save, which after the signal holds every action."""
    from game import saves
    from game.content.loader import load, resolve
    from game.ui.flow import GameFlow

    flow = GameFlow.new(load(resolve("tutorial"), full=True, lint=False), ["ukraine"], seed=11)
    table(flow, "ukraine")  # Moscow signs nothing in round 1
    flow.act({"type": "propose", "seat": "ukraine", "package": {"observers": True}})
    assert flow.state["round"] == 2 and flow.state["draft"] is not None
    path = flow.save(tmp_path / "mid-game.json")
    before = saves.read(path)

    code, err, data_dir = play_and_stop(["--load", str(path)], sig, tmp_path)
    name = "Ctrl-C" if sig == signal.SIGINT else signal.Signals(sig).name
    assert code == 128 + sig
    autosave = saved_to(err, name, tmp_path)
    assert autosave == path
    assert not list(data_dir.glob("saves/*.json"))  # no second save of the same game
    after = saves.read(autosave)
    assert after["actions"] == before["actions"] and after["seed"] == 11
    _, session = saves.open_session(after, str(autosave))
    assert session.state["round"] == 2 and session.state["draft"]["observers"] is True


def test_a_signal_with_no_game_going_on(tmp_path):
    code, err, data_dir = play_and_stop([], signal.SIGTERM, tmp_path)
    assert code == 128 + signal.SIGTERM and err == "guarantor: stopped by SIGTERM\n"
    assert not list(data_dir.glob("saves/*"))
    assert (tmp_path / "config" / "settings.json").is_file()  # the settings were saved too


@pytest.mark.parametrize(
    "settings",
    ['{"lang": "ar", "scale": 1e400}', '{"scale": Infinity}', '{"scale": 1e308}', "[" * 100_000],
)
def test_a_damaged_settings_file_does_not_stop_a_launch(tmp_path, settings):
    code, err, _ = play_and_stop([], signal.SIGTERM, tmp_path, settings=settings)
    assert code == 128 + signal.SIGTERM and err == "guarantor: stopped by SIGTERM\n"
    kept = sorted((tmp_path / "config").glob("settings-damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == settings


def test_closing_the_window_saves_the_game_in_progress(tmp_path):
    """The window's close button (a QUIT event) in the middle of a round."""
    import pygame

    from game import saves
    from game.content.loader import load, resolve
    from game.ui.app import App

    app = App(size=(1280, 800), config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    app.title()
    app.start_game(load(resolve("tutorial"), full=True, lint=False), ["ukraine"], 21)
    flow = app.top.flow  # type: ignore[union-attr]
    flow.act({"type": "propose", "seat": "ukraine", "package": {"observers": True}})
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.run()
    autosave = app.saved_on_exit
    assert isinstance(autosave, Path) and autosave.parent == tmp_path / "data" / "saves"
    data = saves.read(autosave)
    assert data["seed"] == 21 and data["actions"] == flow.session.actions
    assert data["actions"][-1]["type"] == "propose"
