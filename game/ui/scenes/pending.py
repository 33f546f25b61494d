"""A placeholder where the round screen will go: it starts the game with the engine and
shows the opening state, so the flow title -> setup -> game runs end to end.

Replace `App.start_game` to push the briefing / round scenes instead.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.ui import vocab
from game.ui.layout import at_end, at_start, inset, row
from game.ui.scene import Scene, section_title
from game.ui.text import draw_line, draw_text
from game.ui.widgets import Button, rounded


class PendingScene(Scene):
    name = "pending"

    def __init__(
        self, app: Any, bundle: Any, humans: list[str], seed: int, facilitator: bool
    ) -> None:
        self.bundle = bundle
        self.humans = humans
        self.seed = seed
        self.facilitator = facilitator
        self.state: dict[str, Any] | None = None
        self.verdict: Any = None
        self.error = ""
        from game.engine import Engine

        self.engine = Engine(bundle.book)
        self.state, _events = self.engine.new_game(seed, humans=humans)
        try:
            self.verdict = self.engine.assess(self.state, self.state["package"])
        except Exception:  # the preview is optional
            self.verdict = None
        super().__init__(app)

    def build(self) -> None:
        self.to_title = Button(
            self.app, "pending.back", self.app.title, shortcut="t", kind="primary", name="to_title"
        )
        self.ring.add(self.to_title)
        self.ring.focus(self.to_title)

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "pending.heading")
        body = f.body
        wide = body.width >= th.px(800)
        if wide:
            self.left, self.right = row(body, [0.5, None], th.px(28), self.rtl)
        else:
            h = body.height // 2
            self.left = pygame.Rect(body.left, body.top, body.width, h)
            self.right = pygame.Rect(
                body.left, body.top + h + th.gap, body.width, body.height - h - th.gap
            )
        bw = max(th.px(280), self.to_title.natural_width())
        r = at_end(
            pygame.Rect(body.left, body.bottom - th.control_h, body.width, th.control_h),
            bw,
            self.rtl,
        )
        self.to_title.rect = r

    def _lines(self) -> list[str]:
        sc = self.bundle.scenario
        computers = [s for s in sc.seats if s not in self.humans]
        state = self.state or {}
        out = [
            self.t("pending.scenario", title=vocab.text_of(sc.title, self.lang)),
            self.t("pending.players", seats=vocab.seat_list(self.humans, self.lang)),
            self.t("pending.computers", seats=vocab.seat_list(computers, self.lang)),
            self.t("pending.seed", seed=self.seed),
            self.t("pending.date", date=vocab.date_words(state.get("date", ""), self.lang)),
            self.t("common.round_of", n=state.get("round", 1), total=sc.rounds),
        ]
        if self.facilitator:
            out.append(self.t("setup.facilitator") + ": " + self.t("common.on"))
        return out

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface)
        left = self.left
        panel = pygame.Rect(
            left.left, left.top, left.width, self.to_title.rect.top - left.top - th.gap
        )
        rounded(surface, panel, c.panel, c.border, th.radius)
        inner = inset(panel, th.pad, th.pad)
        y = inner.top
        y += draw_text(
            surface,
            self.t("pending.body"),
            pygame.Rect(inner.left, y, inner.width, 0),
            th.text("body_dim"),
            self.lang,
        ) + th.px(16)
        for line in self._lines():
            y += draw_text(
                surface,
                line,
                pygame.Rect(inner.left, y, inner.width, 0),
                th.text("body"),
                self.lang,
            ) + th.px(6)
        # opening indicators, as bars with their numbers (colour is not the signal)
        right = self.right
        rp = pygame.Rect(right.left, right.top, right.width, panel.height)
        rounded(surface, rp, c.panel, c.border, th.radius)
        inner = inset(rp, th.pad, th.pad)
        y = inner.top + section_title(surface, self, self.t("pending.opening"), inner)
        rows: list[tuple[str, int]] = []
        state = self.state or {}
        for name, value in state.get("indicators", {}).items():
            rows.append((vocab.indicator_name(name, self.lang), int(value)))
        if self.verdict is not None:
            rows.append(
                (vocab.indicator_name("credibility", self.lang), int(self.verdict.credibility))
            )
            rows.append(
                (vocab.indicator_name("acceptability", self.lang), int(self.verdict.acceptability))
            )
        label_h = th.text("small").line_height
        bar_h = th.px(10)
        for label, value in rows:
            if y + label_h + bar_h > inner.bottom:
                break
            draw_line(
                surface,
                label,
                (inner.right if self.rtl else inner.left, y),
                th.text("small"),
                self.lang,
                anchor="topright" if self.rtl else "topleft",
                max_width=inner.width - th.px(60),
            )
            draw_line(
                surface,
                str(value),
                (inner.left if self.rtl else inner.right, y),
                th.text("small_bold"),
                "en",
                anchor="topleft" if self.rtl else "topright",
            )
            y += label_h + th.px(2)
            track = pygame.Rect(inner.left, y, inner.width, bar_h)
            rounded(surface, track, c.bg_deep, None, bar_h // 2)
            fill = at_start(track, track.width * max(0, min(100, value)) // 100, self.rtl)
            if fill.width > 0:
                rounded(surface, fill, c.info, None, bar_h // 2)
            y += bar_h + th.px(12)
        if self.verdict is not None and y + label_h < inner.bottom:
            stance = self.verdict.stance
            text = f"{self.t('stance.label')}: {vocab.stance_label(stance, self.lang)}"
            draw_text(
                surface,
                text,
                pygame.Rect(inner.left, y + th.px(4), inner.width, 0),
                th.text("body_bold").with_colour(vocab.stance_colour(stance)),
                self.lang,
            )
        self.ring.draw(surface)
