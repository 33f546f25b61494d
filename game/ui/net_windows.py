"""The windows of `guarantor host` and `guarantor join`: the app with the host's screen, or
with a team's screen, until the window closes (SIGTERM and Ctrl+C close it cleanly)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pygame

from game.net.client import Address, token_file
from game.ui.app import App, StopSignals
from game.ui.scenes.host import HostScene
from game.ui.scenes.remote import RemoteLink, RemoteScene

if TYPE_CHECKING:
    from game.net.host import Host


def run_host_window(host: Host, lang: str | None) -> int:
    """The host's window: its screen over the title screen, until the window closes."""

    try:
        app = App(lang=lang)
    except pygame.error as e:
        print(f"guarantor: cannot open the game window: {e}", file=sys.stderr)
        return 1
    app.title()
    app.push(HostScene(app, host))
    try:
        with StopSignals(app) as stop:
            code = app.run()
    finally:
        pygame.display.quit()
    return 128 + stop.signum if stop.signum is not None else code


def run_join_window(
    address: Address, code: str, seat: str | None, observe: bool, lang: str | None
) -> int:
    """`guarantor join` with a window: the seat's view until the window closes."""

    try:
        app = App(lang=lang)
    except pygame.error as e:
        print(f"guarantor: cannot open the game window: {e}", file=sys.stderr)
        return 1
    app.title()
    tokens = token_file(address, code, seat) if seat else None
    app.push(RemoteScene(app, RemoteLink(address, code, seat, observe, tokens)))
    try:
        with StopSignals(app) as stop:
            code_ = app.run()
    finally:
        pygame.display.quit()
    return 128 + stop.signum if stop.signum is not None else code_
