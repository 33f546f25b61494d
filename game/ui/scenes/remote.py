"""A team's machine in a class game: join (address, room code, seat), then the seat's own
view as the host sends it, and the seat's actions as buttons (GAME-DESIGN 7).

The connection runs in a thread of its own (`RemoteLink`, a `game.net.client.Client` on an
asyncio loop); it keeps the last message from the host and posts a wake-up event; the
screen reads it on the window's thread. The screen never holds the game: it shows the view
it was sent and sends the action chosen; the host decides. When the host is gone the
screen says so in a plain line and the link keeps trying.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.net.client import Address, Client, Fatal, normal_code, parse_address
from game.ui import vocab
from game.ui.events import NET_EVENT
from game.ui.layout import inset
from game.ui.scene import Scene
from game.ui.text import draw_text, ltr
from game.ui.widgets import Button, Choice, Label, TextInput

if TYPE_CHECKING:
    from pathlib import Path

    from game.ui.app import App


class RemoteLink:
    """A connection to the host in a thread: the last view, the last line of status."""

    def __init__(
        self, address: Address, code: str, seat: str | None, observe: bool, token_file: Path | None
    ) -> None:
        self.address = address
        self.message: dict[str, Any] | None = None
        self.status = ""
        self.refused = ""
        self.fatal = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self.client = Client(
            address,
            code,
            seat=seat,
            observe=observe,
            token_file=token_file,
            on_view=self._on_view,
            on_status=self._on_status,
            until_over=False,
        )
        self._thread = threading.Thread(target=self._main, name="guarantor-join", daemon=True)
        self._thread.start()

    def _main(self) -> None:
        async def run() -> None:
            self._loop = asyncio.get_running_loop()
            try:
                await self.client.run()
            except Fatal as e:
                self.fatal = str(e)
                _wake()

        asyncio.run(run())

    def _on_view(self, msg: dict[str, Any]) -> None:
        self.message, self.status, self.refused = msg, "", ""
        _wake()

    def _on_status(self, line: str) -> None:
        if line.startswith("refused: "):
            self.refused = line.removeprefix("refused: ")
        elif "not answering" in line:
            self.status = "gone"
        _wake()

    def send(self, action: dict[str, Any]) -> None:
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self.client.send_action(action), self._loop)

    def close(self) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self.client.stop)
        self._thread.join(timeout=5)


def _wake() -> None:
    with contextlib.suppress(pygame.error):
        pygame.event.post(pygame.event.Event(NET_EVENT))


class JoinScene(Scene):
    """The address of the teacher's computer, the room code and the seat."""

    name = "join"

    def build(self) -> None:
        app = self.app
        self.address = TextInput(app, "192.168.1.5:8765", search_icon=False, name="address")
        self.code = TextInput(app, "ABCD12", search_icon=False, max_len=12, name="code")
        options: list[tuple[str, Label]] = [(s, self._seat_label(s)) for s in vocab.SEATS]
        options.append(("observe", "net.observe"))
        self.seat = Choice(app, "net.seat", options, name="seat")
        self.connect = Button(app, "net.connect", self.go, kind="primary", name="connect")
        self.ring.add(self.address, self.code, self.seat, self.connect)
        self.ring.focus(self.address)
        self.error = ""

    def _seat_label(self, seat: str) -> Callable[[], str]:
        return lambda: vocab.seat_name(seat, self.lang)

    def go(self) -> None:
        from game.net.client import token_file
        from game.net.host import DEFAULT_PORT

        try:
            address = parse_address(self.address.text, DEFAULT_PORT)
        except ValueError:
            self.error = self.t("net.bad_address", text=ltr(self.address.text))
            return
        try:
            code = normal_code(self.code.text)
        except ValueError:
            self.error = self.t("net.bad_code", text=ltr(self.code.text))
            return
        seat = None if self.seat.value == "observe" else str(self.seat.value)
        tokens = token_file(address, code, seat) if seat else None
        self.app.replace(
            RemoteScene(self.app, RemoteLink(address, code, seat, seat is None, tokens))
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.go()
            return True
        return super().handle(event)

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        self.standard_frame(rect, "net.join_heading")
        assert self.frame is not None
        body = inset(self.frame.body, th.pad, th.pad)
        w = min(body.width, th.px(640))
        x = body.right - w if self.rtl else body.left
        y = body.top + th.px(36)
        self.label_at = []
        for widget, key in ((self.address, "net.join_address"), (self.code, "net.join_code")):
            self.label_at.append((key, y - th.px(30), x, w))
            widget.rect = pygame.Rect(x, y, w, th.control_h)
            y += th.control_h + th.px(56)
        self.seat.rect = pygame.Rect(x, y - th.px(30), w, th.control_h)
        y += th.control_h + th.px(12)
        self.connect.rect = pygame.Rect(x, y, min(w, th.px(240)), th.control_h)
        self.error_at = (x, y + th.control_h + th.px(16), w)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        th = self.theme
        for key, y, x, w in self.label_at:
            draw_text(surface, self.t(key), pygame.Rect(x, y, w, 0), th.text("body"), self.lang)
        if self.error:
            x, y, w = self.error_at
            draw_text(surface, self.error, pygame.Rect(x, y, w, 0), th.text("body"), self.lang)
        self.ring.draw(surface)


class RemoteScene(Scene):
    """The seat's view (or the public view) as the host sent it, and the seat's actions."""

    name = "remote"

    def __init__(self, app: App, link: RemoteLink) -> None:
        self.link = link
        self._seq: int | None = None
        self._engine: Any = None
        super().__init__(app)

    def build(self) -> None:
        self.buttons: list[Button] = []

    def leave(self) -> None:
        self.link.close()
        super().leave()

    def _names(self) -> Any:
        """The scenario's rulebook, for the names of cards and moves (None if unknown)."""
        msg = self.link.message
        if self._engine is None and msg is not None:
            with contextlib.suppress(Exception):
                from game.content.book import load_book
                from game.content.paths import resolve
                from game.engine import Engine

                self._engine = Engine(load_book(resolve(str(msg["view"]["scenario"]))))
        return self._engine

    def _label(self, action: dict[str, Any]) -> str:
        kind, lang, e = action["type"], self.lang, self._names()
        if kind == "argue":
            card = action["card"]
            name = vocab.text_of(e.arguments[card]["claim"], lang) if e else card
            return self.t("net.action.argue", card=name)
        if kind == "move":
            move = action["move"]
            name = vocab.text_of(e.moves[move]["name"], lang) if e else move
            return self.t("net.action.move", move=name)
        if kind == "counter":
            card = action["card"]
            name = vocab.text_of(e.arguments[card]["claim"], lang) if e else card
            return self.t("net.action.counter", card=name)
        if kind == "propose":
            return self.t("net.action.propose", package=self._package(action["package"]))
        return self.t(f"net.action.{kind}")

    def _package(self, package: dict[str, Any]) -> str:
        items = vocab.package_items(package, self.lang, only_changed=True)
        return "; ".join(f"{label}: {value}" for _, label, value in items) or "-"

    def _rebuild(self) -> None:
        msg = self.link.message
        seq = None if msg is None else int(msg["seq"])
        if seq == self._seq:
            return
        self._seq = seq
        for old in self.buttons:  # the old actions leave the focus ring; the Back button stays
            if old in self.ring.widgets:
                self.ring.widgets.remove(old)
            if self.ring.current is old:
                self.ring.current = None
        self.buttons = [self._button(dict(a)) for a in (msg or {}).get("legal") or []]
        self.ring.widgets.extend(self.buttons)
        self._layout_key = None

    def _button(self, action: dict[str, Any]) -> Button:
        return Button(
            self.app, lambda: self._label(action), lambda: self.link.send(action), kind="secondary"
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == NET_EVENT:
            self._rebuild()
            self.dirty = True
            return True
        return super().handle(event)

    def lines(self) -> list[tuple[str, str]]:
        link, lang = self.link, self.lang
        out: list[tuple[str, str]] = []
        if link.fatal:
            return [(self.t("net.fatal", why=ltr(link.fatal)), "h3")]
        if link.status == "gone":
            out.append((self.t("net.gone"), "h3"))
        msg = link.message
        if msg is None:
            out.append((self.t("net.connecting", address=ltr(str(link.address))), "body"))
            return out
        v = msg["view"]
        seat = v.get("seat")
        out.append(
            (self.t("net.you_play", seat=vocab.seat_name(seat, lang)), "h2")
            if seat
            else (self.t("net.watching"), "h2")
        )
        if v.get("phase") == "over":
            out.append((self.t("net.over"), "h3"))
        elif v.get("turn") == seat and seat:
            out.append((self.t("net.your_turn"), "h3"))
        elif v.get("turn"):
            out.append((self.t("net.waiting", turn=vocab.seat_name(v["turn"], lang)), "h3"))
        if v.get("date"):
            out.append((vocab.date_words(str(v["date"]), lang), "small"))
        out.append((self.t("net.package", package=self._package(v["package"])), "body"))
        if v.get("draft"):
            out.append((self.t("net.draft", package=self._package(v["draft"])), "body"))
            agreed = [s for s in v.get("agreed", []) if isinstance(s, str)]
            if agreed:
                names = vocab.seat_list(agreed, lang)
                out.append((self.t("net.agreed", seats=names), "small"))
        answer = v.get("answer")
        if answer:
            out.append(
                (f"{self.t('stance.label')}: {vocab.stance_word(answer['stance'], lang)}", "body")
            )
        inds = ", ".join(
            f"{vocab.indicator_name(k, lang)} {n}" for k, n in v.get("indicators", {}).items()
        )
        out.append((f"{self.t('net.indicators')}: {inds}", "small"))
        if v.get("hand"):
            e = self._names()
            cards = "; ".join(
                vocab.text_of(e.arguments[c]["claim"], lang) if e else c for c in v["hand"]
            )
            out.append((self.t("net.hand", cards=cards), "small"))
        if link.refused:
            out.append((self.t("net.refused", why=ltr(link.refused)), "body"))
        return out

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        self.standard_frame(rect, "net.join_heading")
        assert self.frame is not None
        body = inset(self.frame.body, th.pad, th.pad)
        half = (body.width - th.gap) // 2
        self.text_rect = pygame.Rect(
            body.right - half if self.rtl else body.left, body.top, half, body.height
        )
        bx = body.left if self.rtl else body.right - half
        y = body.top
        h = th.control_h
        for b in self.buttons:
            b.rect = pygame.Rect(bx, y, half, h)
            b.clip = body if y + h > body.bottom else None
            y += h + th.px(6)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        th = self.theme
        r = self.text_rect
        y = r.top
        clip = surface.get_clip()
        surface.set_clip(r)
        for text, role in self.lines():
            y += draw_text(
                surface, text, pygame.Rect(r.left, y, r.width, 0), th.text(role), self.lang
            )
            y += th.px(10)
        surface.set_clip(clip)
        self.ring.draw(surface)
