"""A team's window while its action waits for the host's answer: a real `guarantor host`
process stopped (SIGSTOP: its connection stays open, nothing answers). The window goes on
drawing and hearing its events, says the step is being sent and then that no answer came,
stops waiting on Esc or a click on that status, says the host is away; when the host goes
on, its answer arrives like any other view and the screens follow."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.net.client import Address
from tests.conftest import press, title_app
from tests.test_net_ui import HANG, _status, _until
from tests.test_net_ui import served as served  # a fixture


def _wait_for(done: Any, what: str) -> None:
    end = time.monotonic() + HANG  # a hang guard only
    while not done():
        assert time.monotonic() < end, what
        time.sleep(0.01)


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP")
@pytest.mark.parametrize("how", ["esc", "click"])
def test_a_step_waiting_for_a_stopped_host_never_freezes_the_window(
    tmp_path: Path, content: Any, how: str
) -> None:
    from game.ui.remote_flow import ACT_WAIT
    from game.ui.scenes.remote import SLOW, RemoteLink, connect
    from game.ui.scenes.round import RoundScene

    assert SLOW < ACT_WAIT
    env = {**os.environ, "GUARANTOR_DATA_DIR": str(tmp_path / "data")}
    p = subprocess.Popen(
        [sys.executable, "-m", "game", "host", "--headless", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert p.stdout is not None
    address, code = [p.stdout.readline().split()[1] for _ in range(2)]
    app = title_app(tmp_path, content)
    stopped = False
    seen: dict[str, Any] = {}
    try:
        port = int(address.rsplit(":", 1)[1])
        net = connect(
            app, RemoteLink(Address("127.0.0.1", port), code, "europe", False, None), "europe"
        )
        _until(app, lambda: net.flow is not None)
        press(app, pygame.K_RETURN)  # the briefing
        round_ = app.top
        assert isinstance(round_, RoundScene) and net.flow.my_turn
        os.kill(p.pid, signal.SIGSTOP)
        stopped = True

        def meanwhile() -> None:
            """What a player does while the step waits: the window is looked at, resized,
            and then the player gives up waiting."""
            flow = net.flow
            _wait_for(lambda: flow.sending > 0, "the step was never sent")
            frames = app.frames
            seen["first"] = _status(app)
            pygame.event.post(pygame.event.Event(pygame.WINDOWEXPOSED))
            _wait_for(lambda: app.frames > frames + 2, "the window stopped drawing")
            _wait_for(lambda: flow.sending >= SLOW, "the wait never went on")
            _wait_for(lambda: _status(app) == app.t("net.slow"), "no word of the wait")
            seen["slow"] = _status(app)
            seen["frames"] = app.frames - frames
            seen["sending"] = flow.sending
            if how == "esc":
                pygame.event.post(
                    pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")
                )
            else:
                pos = net.status_rect.center
                pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))

        helper = threading.Thread(target=meanwhile, daemon=True)
        helper.start()
        press(app, pygame.K_t)  # end the turn: the step goes to a host that does not answer
        helper.join(HANG)
        assert seen["first"] in (app.t("net.sending"), app.t("net.slow"))
        assert seen["slow"] == app.t("net.slow") and seen["frames"] > 2
        assert seen["sending"] < ACT_WAIT  # stopped by the player, not by the time limit
        assert app.top is round_ and round_.message_kind == "error"
        assert app.t("net.stopped_waiting") in round_.message
        assert _status(app) == app.t("net.away")  # the host is said to be away
        assert net.flow.seq == 0 and not net.flow.sending
        press(app, pygame.K_t)  # another step meanwhile: refused at once, with the reason
        assert app.t("net.away_act") in round_.message
        os.kill(p.pid, signal.SIGCONT)
        stopped = False
        # the host takes the step it was sent; its answer comes through the usual poll
        _until(app, lambda: net.flow.seq == 1 and not net.gone)
        assert _status(app) == "Waiting: United States is playing"
        assert round_.message.startswith(app.t("net.arrived")) and not net.flow.late
        assert isinstance(app.top, RoundScene) and not app.crashes
    finally:
        if stopped:
            os.kill(p.pid, signal.SIGCONT)
        app.shutdown()
        p.kill()
        p.wait(HANG)


def test_leaving_a_class_game_says_how_to_come_back_not_that_it_is_saved(
    served: Any,
    tmp_path: Path,
    content: Any,
) -> None:
    """Esc on a team's round screen: the dialog says the teacher's computer keeps the game
    and how to join again (a team's window saves nothing); Y leaves for the title screen."""
    from game.ui.scenes.confirm import ConfirmScene
    from game.ui.scenes.round import RoundScene
    from game.ui.scenes.title import TitleScene
    from tests.test_net_ui import _join

    for lang in ("en", "ar"):
        app = title_app(tmp_path / lang, content, lang)
        net = _join(app, served, "us")
        _until(app, lambda net=net: net.flow is not None)
        press(app, pygame.K_RETURN)
        assert isinstance(app.top, RoundScene)
        press(app, pygame.K_ESCAPE)
        dialog = app.top
        assert isinstance(dialog, ConfirmScene)
        words = " ".join(str(v) for v in vars(dialog).values() if isinstance(v, str))
        assert app.t("net.leave_body") in words and app.t("round.leave_body") not in words
        assert app.t("net.join_title") in app.t("net.leave_body")
        press(app, pygame.K_y)
        assert isinstance(app.top, TitleScene) and app.net is None
        assert not app.crashes
        app.shutdown()
