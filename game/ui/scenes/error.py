"""The error screen: what happened and where the crash report is; never a traceback."""

from __future__ import annotations

from typing import Any

import pygame

from game.ui.crash import CrashInfo
from game.ui.layout import at_start, inset
from game.ui.scene import Scene
from game.ui.text import draw_text, ltr, text_height
from game.ui.theme import signal
from game.ui.widgets import Button, rounded


class ErrorScene(Scene):
    name = "error"
    back_button = False

    def __init__(self, app: Any, info: CrashInfo) -> None:
        self.info = info
        super().__init__(app)

    def build(self) -> None:
        self.ok = Button(
            self.app, "error.back", self.back, shortcut="t", kind="primary", name="to_title"
        )
        self.ring.add(self.ok)
        self.ring.focus(self.ok)

    def back(self) -> bool:
        self.app.title()
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.back()
            return True
        return super().handle(event)

    def _paragraphs(self) -> list[tuple[str, str]]:
        i = self.info
        out = [
            ("body", self.t("error.body")),
            ("small_bold", self.t("error.what", what=ltr(i.what))),
            ("small", self.t("error.where", where=ltr(i.where))),
            (
                "small",
                self.t("error.report", path=ltr(str(i.path)))
                if i.path
                else self.t("error.no_report"),
            ),
            ("caption", self.t("error.tell")),
        ]
        return out

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "app.name")
        body = f.body
        w = min(body.width, th.px(860))
        inner_w = w - 2 * th.pad - th.px(12)
        h = th.text("h1").line_height + th.px(20)
        for role, text in self._paragraphs():
            h += text_height(text, th.text(role), inner_w, self.lang) + th.px(12)
        h += th.control_h + 2 * th.pad
        self.card = pygame.Rect(
            body.centerx - w // 2, body.top + max(0, (body.height - h) // 3), w, min(h, body.height)
        )
        bw = max(th.px(300), self.ok.natural_width())
        inner = inset(self.card, th.pad, th.pad)
        r = at_start(
            pygame.Rect(inner.left, inner.bottom - th.control_h, inner.width, th.control_h),
            bw,
            self.rtl,
        )
        self.ok.rect = r

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface)
        rounded(surface, self.card, c.panel, c.bad, th.radius, width=max(1, th.px(2)))
        inner = inset(self.card, th.pad + th.px(6), th.pad)
        sym = signal("warning")[0]
        y = inner.top
        y += draw_text(
            surface,
            f"{sym} {self.t('error.heading')}",
            pygame.Rect(inner.left, y, inner.width, 0),
            th.text("h1").with_colour(c.bad),
            self.lang,
        ) + th.px(20)
        for role, text in self._paragraphs():
            y += draw_text(
                surface, text, pygame.Rect(inner.left, y, inner.width, 0), th.text(role), self.lang
            ) + th.px(12)
        self.ring.draw(surface)
