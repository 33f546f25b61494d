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
from game.ui.text import draw_text, ltr, text_height
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.net.host import Host, Status
    from game.ui.app import App
    from game.ui.flow import GameFlow


SMALLER: tuple[dict[str, str], ...] = (
    {},
    {"display": "h1"},
    {"display": "h2", "h2": "h3"},
    {"display": "h3", "h2": "h3", "h3": "body_bold", "body": "small"},
    {"display": "h3", "h2": "body_bold", "h3": "body_bold", "body": "small", "small": "caption"},
)
"""Each step down of the screen's type, tried in turn until every line fits its room (a
projector's large scale, a small window, a long address or save path)."""


class HostScene(Scene):
    name = "host"
    back_button = False
    """The host's screen stays while the game is served: its own button (or Esc) asks
    before it stops the class game, as closing the window does without asking."""

    def __init__(self, app: App, host: Host, flow: GameFlow | None = None) -> None:
        self.host = host
        self.flow = flow
        """The host's game (`game.ui.host_flow.HostFlow`): the class view (F8) and the
        facilitator console (F9) open over this screen on it."""
        super().__init__(app)
        host.on_change = self.changed

    def build(self) -> None:
        self.stop = Button(
            self.app, "net.stop", self.ask_stop, kind="secondary", chip="Esc", name="stop"
        )
        self.ring.add(self.stop)

    def back(self) -> bool:
        self.ask_stop()
        return True

    def ask_stop(self) -> None:
        """Stop serving the class game, after a question that says how to go on with it."""
        from game.ui.scenes.confirm import ConfirmScene

        save = self.host.status.save
        body = (
            self.t("net.stop_body_saved", path=ltr(save), code=ltr(self.host.status.code))
            if save
            else self.t("net.stop_body")
        )
        self.app.push(
            ConfirmScene(
                self.app,
                self.t("net.stop_heading"),
                body,
                self.t("net.stop_confirm"),
                self.app.quit,
                shortcut="s",
                danger=True,
            )
        )

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
        frame = self.standard_frame(rect, "net.host_heading")
        th = self.theme
        w = min(frame.body.width // 2, self.stop.natural_width() + th.px(24))
        x = frame.body.left if self.rtl else frame.body.right - w  # at the end side
        self.stop.rect = pygame.Rect(x, frame.body.bottom - th.control_h, w, th.control_h)

    def columns(self) -> list[tuple[pygame.Rect, list[tuple[str, str]]]]:
        """Where each line goes, in which role: the largest type with which every line fits
        above the Stop button, in one column, else in two (how to join first, then the
        seats and the game); the room code stays the largest line."""
        th = self.theme
        room = self.text_room()
        lines = self.lines()
        gap = th.px(32)
        half = (room.width - gap) // 2
        # how to join first (the reading side, the whole height), then the seats and the
        # game beside it, above the Stop button (which sits at the end side)
        tall = inset(self.frame.body, th.pad, th.pad) if self.frame is not None else room
        first = pygame.Rect(tall.right - half, tall.top, half, tall.height)
        second = pygame.Rect(room.left, room.top, half, room.height)
        if not self.rtl:
            first = pygame.Rect(tall.left, tall.top, half, tall.height)
            second = pygame.Rect(room.right - half, room.top, half, room.height)

        def height(part: list[tuple[str, str]], width: int) -> int:
            return sum(
                text_height(text, th.text(role), width, self.lang) + th.px(12)
                for text, role in part
            )

        split = 3  # the introduction, the address and the code; then the seats and the game
        layout: list[tuple[pygame.Rect, list[tuple[str, str]]]] = [(room, lines)]
        for step in SMALLER:
            out = [(text, step.get(role, role)) for text, role in lines]
            if height(out, room.width) <= room.height:
                return [(room, out)]
            # whose turn it is under the code (what the room looks at); the seats, the
            # keys and the save beside them, the save last (a line that does not fit
            # whole is left out, never cut)
            turn = [i for i, (_, role) in enumerate(lines) if i >= split and role == "h3"][1:2]
            rest = [line for i, line in enumerate(out[split:], split) if i not in turn]
            # in two columns how to join comes after the address, the code and the turn
            # (the teams' join screen says it too): in the least room, it is left out first
            head = out[1:split] + [out[i] for i in turn] + out[:1]
            layout = [(first, head), (second, rest)]
            if all(height(part, r.width) <= r.height for r, part in layout):
                return layout
        return layout

    def text_room(self) -> pygame.Rect:
        """Where the lines go: the body inside its padding, above the Stop button."""
        th = self.theme
        assert self.frame is not None
        body = inset(self.frame.body, th.pad, th.pad)
        body.height = max(0, min(body.bottom, self.stop.rect.top - th.px(8)) - body.top)
        return body

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        th = self.theme
        before = surface.get_clip()
        for rect, part in self.columns():
            surface.set_clip(rect.clip(before))
            y = rect.top
            for text, role in part:
                style = th.text(role)
                if y + text_height(text, style, rect.width, self.lang) > rect.bottom:
                    break  # never a line cut in half
                y += draw_text(
                    surface, text, pygame.Rect(rect.left, y, rect.width, 0), style, self.lang
                )
                y += th.px(12)
        surface.set_clip(before)
        self.ring.draw(surface)
