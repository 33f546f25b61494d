"""The teacher's machine while it hosts a class game: the address to join, the room code,
the seats taken, the observers, whose turn it is (GAME-DESIGN 7).

The server runs in a thread of its own (`game.net.run`); it calls `HostScene.changed` from
there, which only posts a wake-up event: the screen reads the host's status snapshot on the
window's own thread and redraws. Nothing private is on this screen (it may be projected):
the class view (F8) and the facilitator console (F9) open over it, on the host's game.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pygame

from game.ui import vocab
from game.ui.events import NET_EVENT
from game.ui.layout import inset
from game.ui.scene import Scene
from game.ui.text import draw_text, ltr

if TYPE_CHECKING:
    from game.net.host import Host, Status
    from game.ui.app import App
    from game.ui.flow import GameFlow


class HostScene(Scene):
    name = "host"
    back_button = False
    """The host's screen stays while the game is served (closing the window ends it)."""

    def __init__(self, app: App, host: Host, flow: GameFlow | None = None) -> None:
        self.host = host
        self.flow = flow
        """The host's game (`game.ui.host_flow.HostFlow`): the class view (F8) and the
        facilitator console (F9) open over this screen on it."""
        super().__init__(app)
        host.on_change = self.changed

    def build(self) -> None:
        pass

    def back(self) -> bool:
        return False

    def changed(self, status: Status) -> None:
        """From any thread: something changed; the window's thread redraws."""
        with contextlib.suppress(pygame.error):
            pygame.event.post(pygame.event.Event(NET_EVENT))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == NET_EVENT:
            self.dirty = True
            return True
        return super().handle(event)

    def lines(self) -> list[tuple[str, str]]:
        """(text, role) for each line of the screen, in the reading order."""
        s, lang = self.host.status, self.lang
        out = [
            (self.t("net.host_intro"), "body"),
            (self.t("net.address", address=ltr(s.address)), "h2"),
            (self.t("net.code", code=ltr(s.code)), "display"),
            (self.t("net.seats"), "h3"),
        ]
        for seat in self.host.api.seats:
            name = vocab.seat_name(seat, lang)
            key = (
                "net.seat_taken"
                if seat in s.connected
                else "net.seat_away"
                if seat in s.taken
                else "net.seat_free"
            )
            out.append((self.t(key, seat=name), "body"))
        out.append((self.t("net.observers", n=s.observers), "body"))
        if s.phase == "over":
            out.append((self.t("net.over"), "h3"))
        elif s.turn:
            turn = vocab.seat_name(s.turn, lang)
            out.append((self.t("net.round_turn", round=s.round, turn=turn), "h3"))
        if self.flow is not None:
            out.append((self.t("net.host_keys"), "small"))
        if s.save_error:
            out.append((self.t("net.save_error", why=ltr(s.save_error)), "body"))
        elif s.save:
            out.append((self.t("net.save", path=ltr(s.save)), "small"))
        return out

    def layout(self, rect: pygame.Rect) -> None:
        self.standard_frame(rect, "net.host_heading")

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        th = self.theme
        assert self.frame is not None
        body = inset(self.frame.body, th.pad, th.pad)
        y = body.top
        for text, role in self.lines():
            y += draw_text(
                surface, text, pygame.Rect(body.left, y, body.width, 0), th.text(role), self.lang
            )
            y += th.px(12)
        self.ring.draw(surface)
