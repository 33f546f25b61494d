"""Settings: language, UI scale, full screen, animations, the class view's high contrast.
Saved as they change. In a game: the class view (F8), and the facilitator's console (F9)
when the game was set up with facilitator mode."""

from __future__ import annotations

import pygame

from game.ui import classroom
from game.ui.i18n import LANG_NAMES
from game.ui.prefs import Settings
from game.ui.scene import Scene
from game.ui.scenes.class_view import SETTING, high_contrast, open_class_view
from game.ui.text import draw_text
from game.ui.theme import SCALE_MAX, SCALE_MIN, SCALE_STEP
from game.ui.widgets import Button, Choice, ScrollView, Stepper, Toggle


class SettingsScene(Scene):
    name = "settings"

    def build(self) -> None:
        app = self.app
        s = app.settings
        self.language = Choice(
            app,
            "settings.language",
            [(k, v) for k, v in LANG_NAMES.items()],
            s.lang,
            on_change=app.set_lang,
            shortcut="l",
            name="language",
        )
        self.scale = Stepper(
            app,
            "settings.scale",
            app.settings.scale,
            minimum=SCALE_MIN,
            maximum=SCALE_MAX,
            step=SCALE_STEP,
            big_step=SCALE_STEP * 2,
            fmt=lambda v: self.t("settings.scale_value", pct=round(v * 100)),
            on_change=app.set_scale,
            help="help.bigger",
            name="scale",
        )
        self.scale.help = lambda: f"{self.t('keys.ctrl_plus')} / {self.t('keys.ctrl_minus')}"
        self.fullscreen = Toggle(
            app,
            "settings.fullscreen",
            s.fullscreen,
            app.set_fullscreen,
            help=lambda: "F11",
            shortcut="f",
            name="fullscreen",
        )
        self.animations = Toggle(
            app,
            "settings.animations",
            s.animations,
            self._animations,
            help="settings.animations_help",
            shortcut="a",
            name="animations",
        )
        self.contrast = Toggle(
            app,
            "settings.high_contrast",
            high_contrast(app),
            self._contrast,
            help="settings.high_contrast_help",
            shortcut="h",
            name="high_contrast",
        )
        self.reset = Button(
            app, "settings.reset", self._reset, shortcut="d", kind="ghost", name="reset"
        )
        # a game in progress: the class view, and the facilitator's console when it was set
        # up with facilitator mode (a menu entry beside F8 and F9)
        flow = classroom.game_flow(app)
        self.class_view = Button(
            app, "classroom.class_view", self._class_view, chip="F8", name="class_view"
        )
        self.console = Button(app, "classroom.heading", self._console, chip="F9", name="console")
        self.class_view.visible = flow is not None
        self.console.visible = flow is not None and flow.facilitator
        self.rows = [self.language, self.scale, self.fullscreen, self.animations, self.contrast]
        self.ring.add(*self.rows, self.reset, self.class_view, self.console)
        self.view = ScrollView(app)
        self.ring.on_focus = self.view.reveal
        self.ring.focus(self.language)

    def _contrast(self, on: bool) -> None:
        self.app.settings.extra = {**self.app.settings.extra, SETTING: on}
        self.app.save_settings()

    def _class_view(self) -> None:
        self.app.pop()
        open_class_view(self.app)

    def _console(self) -> None:
        from game.ui.scenes.facilitator import open_console

        self.app.pop()
        open_console(self.app)

    def _animations(self, on: bool) -> None:
        self.app.settings.animations = on
        self.app.save_settings()

    def _reset(self) -> None:
        d = Settings()
        self.app.set_fullscreen(d.fullscreen)
        self.app.set_scale(d.scale)
        self.app.settings.animations = d.animations
        self.app.settings.extra = {k: v for k, v in self.app.settings.extra.items() if k != SETTING}
        self.app.set_lang(d.lang)
        self.app.save_settings()
        self.sync()

    def sync(self) -> None:
        """Show the current settings (they also change by F2, F11, Ctrl +/−)."""
        s = self.app.settings
        self.language.index = 0 if s.lang == "en" else 1
        self.scale.value = self.app.settings.scale
        self.fullscreen.value = s.fullscreen
        self.animations.value = s.animations
        self.contrast.value = high_contrast(self.app)
        self.dirty = True

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "settings.heading")
        self.sync()
        body = f.body
        w = min(body.width, th.px(820))
        col = pygame.Rect(body.centerx - w // 2, body.top, w, body.height)
        self.view.reset(col)
        y = th.px(8)
        x = col.left + (th.px(10) if self.rtl else 0)
        iw = w - th.px(10)
        for r in self.rows:
            h = th.control_h + th.px(22)
            self.view.place(r, pygame.Rect(x, y, iw, h))
            y += h + th.px(12)
        y += th.px(8)
        for b in (self.reset, self.class_view, self.console):
            if not b.visible:
                continue
            bw = max(th.px(260), b.natural_width())
            bx = x + iw - bw if self.rtl else x
            self.view.place(b, pygame.Rect(bx, y, bw, th.control_h))
            y += th.control_h + th.px(12)
        y += th.px(4)
        self.note_y = y
        self.view.extend(y + th.text("small").line_height + th.px(8))
        self.view.apply()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.view.handle(event):
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        self.sync()
        th = self.theme
        self.draw_frame(surface)
        vp = self.view.viewport
        old = surface.get_clip()
        surface.set_clip(vp.clip(old))
        r = self.view.to_screen(pygame.Rect(vp.left, self.note_y, vp.width - th.px(10), 0))
        if self.rtl:
            r.x += th.px(10)
        draw_text(surface, "✓ " + self.t("settings.saved"), r, th.text("small"), self.lang)
        surface.set_clip(old)
        self.view.draw_scrollbar(surface)
        self.ring.draw(surface)
