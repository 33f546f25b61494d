"""Between hot-seat players: a screen that hides the last seat's private view until the next
player says they are ready (GAME-DESIGN 5, 7). Only public facts are shown: whose turn it
is, the round and the date."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import vocab
from game.ui.layout import inset
from game.ui.scene import Scene
from game.ui.scenes.round_dialogs import confirm_leave
from game.ui.text import draw_text, text_height
from game.ui.widgets import Button, rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow


class HandoffScene(Scene):
    name = "handoff"

    def __init__(self, app: App, flow: GameFlow, seat: str, then: Callable[[], Any]) -> None:
        self.flow = flow
        self.seat = seat
        self.then = then
        super().__init__(app)

    def build(self) -> None:
        self.ready = Button(
            self.app,
            lambda: self.t("handoff.ready_seat", seat=vocab.seat_name(self.seat, self.lang)),
            self.go,
            chip="Enter",
            kind="primary",
            name="ready",
        )
        self.ring.add(self.ready)
        self.ring.focus(self.ready)

    def go(self) -> None:
        self.then()

    def back(self) -> bool:
        confirm_leave(self.app, self.flow)
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.go()
            return True
        return super().handle(event)

    def _lines(self) -> list[tuple[str, str]]:
        st = self.flow.state
        when = " · ".join(
            (
                self.t("common.round_of", n=st["round"], total=self.flow.rounds),
                vocab.date_words(st.get("date", ""), self.lang),
            )
        )
        return [
            ("h3", self.t("handoff.pass_to")),
            ("display", vocab.seat_name(self.seat, self.lang)),
            ("body_dim", when),
            (
                "body",
                self.t("handoff.first", seat=vocab.seat_name(self.seat, self.lang))
                if not self.flow.session.actions  # nobody has played yet: nothing to hide
                else self.t("handoff.hidden"),
            ),
            ("body", self.t("handoff.dont_look")),
        ]

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "")
        body = f.body
        w = min(body.width, th.px(760))
        inner_w = w - 2 * th.pad - th.px(16)
        h = th.pad * 2 + th.control_h + th.px(28)
        for role, text in self._lines():
            h += text_height(text, self._style(role), inner_w, self.lang, max_lines=3) + th.px(14)
        h = min(h, body.height)
        self.card = pygame.Rect(
            body.centerx - w // 2, body.top + max(0, (body.height - h) // 2), w, h
        )
        inner = inset(self.card, th.pad + th.px(8), th.pad)
        bw = min(inner.width, max(th.px(360), self.ready.natural_width()))
        self.ready.rect = pygame.Rect(
            inner.centerx - bw // 2, inner.bottom - th.control_h, bw, th.control_h
        )

    def _style(self, role: str) -> Any:
        th = self.theme
        if role == "display":
            return th.text("h1").with_colour(th.c.accent)
        if role == "h3":
            return th.text("h3").with_colour(th.c.text_dim)
        return th.text(role)

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface, title=self.t("handoff.title"))
        rounded(surface, self.card, c.panel, c.border_hi, th.radius + th.px(4))
        inner = inset(self.card, th.pad + th.px(8), th.pad)
        y = inner.top
        for role, text in self._lines():
            y += draw_text(
                surface,
                text,
                pygame.Rect(inner.left, y, inner.width, 0),
                self._style(role),
                self.lang,
                align="center",
                max_lines=3,
            ) + th.px(14)
        self.ring.draw(surface)
