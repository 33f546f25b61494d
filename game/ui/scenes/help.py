"""Keys and help (F1): every shortcut, with its key shown as a key chip."""

from __future__ import annotations

import pygame

from game.ui.layout import inset, row
from game.ui.scene import Scene
from game.ui.text import draw_text, line_width, text_height
from game.ui.widgets import keycap, rounded

KEYS: tuple[tuple[str, str], ...] = (
    ("keys.tab", "help.move_focus"),
    ("keys.shift_tab", "help.move_back"),
    ("keys.arrows", "help.move_within"),
    ("keys.enter", "help.main"),
    ("keys.space", "help.activate"),
    ("keys.esc", "help.back"),
    ("N, G, A …", "help.letter"),
    ("keys.page", "help.scroll"),
    ("keys.wheel", "help.scroll"),
    ("F1", "help.help"),
    ("F2", "help.language"),
    ("F3", "help.glossary"),
    ("F4", "help.article"),
    ("F8", "classroom.help_class_view"),
    ("F9", "classroom.help_console"),
    ("F10", "help.settings"),
    ("F11", "help.fullscreen"),
    ("keys.ctrl_plus", "help.bigger"),
    ("keys.ctrl_minus", "help.smaller"),
    ("keys.ctrl_0", "help.reset_size"),
)


class HelpScene(Scene):
    name = "help"

    def build(self) -> None:
        self.ring.focus_first()
        self.offset = 0
        """How far the keys are scrolled (one column at a big scale: they do not all fit)."""

    def max_offset(self) -> int:
        per = (len(KEYS) + 1) // 2 if len(self.columns) == 2 else len(KEYS)
        inner_h = max(0, self.columns[0].height - 2 * self.theme.pad)
        return max(0, per * self.row_h - inner_h)

    def scroll_by(self, dy: int) -> bool:
        before = self.offset
        self.offset = max(0, min(self.max_offset(), self.offset + dy))
        return self.offset != before

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            return self.scroll_by(-int(getattr(event, "y", 0)) * self.row_h)
        if event.type == pygame.KEYDOWN:
            page = max(self.row_h, self.columns[0].height * 4 // 5)
            step = {
                pygame.K_UP: -self.row_h,
                pygame.K_DOWN: self.row_h,
                pygame.K_PAGEUP: -page,
                pygame.K_PAGEDOWN: page,
                pygame.K_HOME: -(10**7),
                pygame.K_END: 10**7,
            }.get(event.key)
            if step is not None:
                self.scroll_by(step)
                return True
        return super().handle(event)

    def _intro(self) -> str:
        return self.t("help.intro") + " " + self.t("help.footer")

    def _key(self, k: str) -> str:
        return self.t(k) if k.startswith("keys.") else k

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "help.heading")
        body = f.body
        self.intro_h = text_height(
            self._intro(), th.text("body_dim"), body.width, self.lang
        ) + th.px(16)
        area = pygame.Rect(
            body.left, body.top + self.intro_h, body.width, body.height - self.intro_h
        )
        two = area.width >= th.px(900)
        self.columns = row(area, [None, None], th.px(28), self.rtl) if two else [area]
        self.row_h = th.control_h
        per = max(1, (area.height - 2 * th.pad) // self.row_h)
        if two and per * 2 < len(KEYS):
            self.row_h = max(
                th.text("small").line_height + th.px(8),
                (area.height - 2 * th.pad) // ((len(KEYS) + 1) // 2),
            )
        self.split = (len(KEYS) + 1) // 2 if two else len(KEYS)
        self.offset = min(getattr(self, "offset", 0), self.max_offset())
        self.key_w = max(
            line_width(self._key(k), th.text("key"), self.lang) for k, _ in KEYS
        ) + th.px(24)

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface)
        f = self.frame
        assert f is not None
        draw_text(surface, self._intro(), f.body, th.text("body_dim"), self.lang)
        groups = [KEYS[: self.split], KEYS[self.split :]] if len(self.columns) == 2 else [KEYS]
        for col, items in zip(self.columns, groups, strict=False):
            rounded(surface, col, c.panel, c.border, th.radius)
            inner = inset(col, th.pad, th.pad)
            old = surface.get_clip()
            surface.set_clip(inner.clip(old))
            y = inner.top - self.offset
            for k, desc in items:
                label = self._key(k)
                kx = inner.right - self.key_w // 2 if self.rtl else inner.left + self.key_w // 2
                keycap(surface, (kx, y + self.row_h // 2), label, th)
                tr = pygame.Rect(
                    inner.left if self.rtl else inner.left + self.key_w + th.gap,
                    y,
                    inner.width - self.key_w - th.gap,
                    self.row_h,
                )
                draw_text(
                    surface,
                    self.t(desc),
                    tr,
                    th.text("body"),
                    self.lang,
                    valign="middle",
                    max_lines=1,
                )
                y += self.row_h
            surface.set_clip(old)
        if self.max_offset():
            from game.ui.widgets import scrollbar

            col = self.columns[-1]
            scrollbar(
                surface,
                inset(col, th.px(4), th.pad),
                self.offset,
                self.max_offset() + col.height - 2 * th.pad,
                th,
                self.rtl,
            )
        self.ring.draw(surface)
