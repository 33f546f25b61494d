"""The windows of `guarantor host` and `guarantor join`: the app with the host's screen, or
with a team's game, until the window closes (SIGTERM and Ctrl+C close it cleanly).

The host's window shows the address to join and the room code (`HostScene`), with the
class view (F8) and the facilitator console (F9) over the host's own game (`HostFlow`).
A team's window shows the seat's game on the game's usual screens (`RemoteGame`); an
observer's, the class view.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.net.client import Address, token_file
from game.ui.app import App, StopSignals
from game.ui.scenes.host import HostScene
from game.ui.scenes.remote import RemoteLink, connect

if TYPE_CHECKING:
    from game.net.host import Host


class HostWatch:
    """`app.net` on the host's window: every screen (the class view over the host's
    screen, the console) is redrawn when the host's game or its machines change."""

    def __init__(self, app: App, host: Host, flow: Any) -> None:
        self.app, self.host, self.flow = app, host, flow
        self.seen: tuple[Any, ...] = ()

    def home(self) -> None:
        """The host's screen on top again (after Russia's answer that the console led to)."""
        scene = HostScene(self.app, self.host, self.flow)
        top = self.app.top
        if top is not None and getattr(top, "flow", None) is self.flow:
            self.app.replace(scene)
        else:
            self.app.push(scene)

    def poll(self) -> None:
        from game.ui.scenes.title import TitleScene

        on_title = isinstance(self.app.top, TitleScene)
        if on_title and not any(getattr(s, "flow", None) is self.flow for s in self.app.stack):
            self.home()  # the host's screen stays while the game is served
        s = self.host.status
        now = (len(self.host.log), s.connected, s.taken, s.observers, s.save_error)
        if now != self.seen:
            self.seen = now
            self.app.redraw()

    def width(self) -> int:
        return 0

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def close(self) -> None:
        pass


def host_screen(app: App, host: Host) -> HostScene:
    """The host's screen over the title screen, holding the host's game (F8, F9)."""
    from game.content.loader import load

    path = host.scenario_path
    bundle = load(path, full=True, lint=False) if path is not None else None
    if bundle is None:
        from game.content.loader import resolve

        bundle = load(resolve(host.scenario_id), full=True, lint=False)
    from game.ui.host_flow import HostFlow

    flow = HostFlow(bundle, host)
    scene = HostScene(app, host, flow)
    app.push(scene)
    app.net = watch = HostWatch(app, host, flow)
    flow.home = watch.home
    return scene


def _window(lang: str | None, open_screens: Callable[[App], Any]) -> int:
    """A window over the title screen with `open_screens`' screens, until it closes (or a
    stop signal: 128 + its number)."""
    try:
        app = App(lang=lang)
    except pygame.error as e:
        print(f"guarantor: cannot open the game window: {e}", file=sys.stderr)
        return 1
    app.title()
    open_screens(app)
    try:
        with StopSignals(app) as stop:
            code = app.run()
    finally:
        pygame.display.quit()
    return 128 + stop.signum if stop.signum is not None else code


def run_host_window(host: Host, lang: str | None) -> int:
    """The host's window: its screen over the title screen, until the window closes."""
    return _window(lang, lambda app: host_screen(app, host))


def run_join_window(
    address: Address, code: str, seat: str | None, observe: bool, lang: str | None
) -> int:
    """`guarantor join` with a window: the seat's game (or the class view) until the
    window closes."""
    tokens = token_file(address, code, seat) if seat else None

    def join(app: App) -> None:  # the link starts once the window is open
        connect(app, RemoteLink(address, code, seat, observe, tokens), None if observe else seat)

    return _window(lang, join)
