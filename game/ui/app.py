"""The window, the scene stack and the loop (GAME-DESIGN 5, 9).

    app = App()                     # opens the window (or a dummy one under SDL_VIDEODRIVER=dummy)
    app.push(TitleScene(app))
    app.run()                       # until the window closes

The loop WAITS for events (`pygame.event.wait`), so a screen waiting for input uses no
CPU; it redraws only when a scene is dirty, the window changed, or a scene animates
(`Scene.update` returning True ticks at about 60 Hz until it returns False).

Everywhere: F1 keys and help, F2 English/Arabic (the whole UI mirrors), F3 glossary,
F4 the article, F10 settings, F11 full screen, Ctrl +/−/0 UI scale 1x-2x, Esc back. Settings persist
(`game.ui.prefs`). An exception inside a scene writes a crash report
(`game.ui.crash`), shows the error screen over the title screen, and the game goes on.

For tests: `App(size=(1280, 800), config_dir=tmp, data_dir=tmp)` under the dummy video
driver; post events with `pygame.event.post` and call `app.pump()` (or `app.feed(events)`).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import random
import signal
import socket
import sys
import threading
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pygame

from game import saves
from game.ui import classroom, i18n, prefs
from game.ui import crash as crash_mod
from game.ui.content import Content
from game.ui.events import WAKE_EVENT
from game.ui.flow import GameFlow
from game.ui.scene import Scene
from game.ui.scenes import class_view, facilitator, game_nav
from game.ui.scenes.article import ArticleScene
from game.ui.scenes.error import ErrorScene
from game.ui.scenes.glossary import GlossaryScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.load import resume, saves_folder
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene
from game.ui.screens import SCREENS
from game.ui.text import TextStyle, draw_text, get_font, ltr
from game.ui.theme import SCALE_STEP, Theme, clamp_scale, mix

MIN_SIZE = (800, 560)
LEAST_VIEW = (640, 400)
"""The least room, in 1x pixels, the screens are laid out for (1280x800 at 2x): in a smaller
window the UI scale in use is lowered until the screens have it (the chosen scale is kept
and comes back when the window grows)."""
FRAME_MS = 16


class App:
    """The window, settings, theme, content and the scene stack."""

    def __init__(
        self,
        *,
        lang: str | None = None,
        scale: float | None = None,
        fullscreen: bool | None = None,
        size: tuple[int, int] | None = None,
        config_dir: Path | None = None,
        data_dir: Path | None = None,
        persist: bool = True,
        content: Content | None = None,
    ) -> None:
        self.screens = SCREENS
        """The game's screens by their part, for `game_nav` (which cannot import them)."""
        self.config_dir = config_dir if config_dir is not None else prefs.config_dir()
        self.data_dir = data_dir if data_dir is not None else prefs.data_dir()
        self.persist = persist
        self.level = "normal"
        """The computer seats' level a new game starts with (`play --computer`; the setup
        screen chooses it per seat)."""
        self.humans: list[str] = []
        """The seats a person plays in a new game (`play --seat`, without `--scenario`): the
        setup screen starts with them; empty, with the scenario's default seat."""
        self.seed: int | None = None
        """The seed a new game starts with (`play --seed` without `--scenario`), else drawn."""
        self.settings_damaged: prefs.Damage | None = None
        """What was wrong with the settings file at launch; `run` tells the player once."""
        if persist:
            self.settings, self.settings_damaged = prefs.load(self.config_dir)
            if self.settings_damaged is not None and self.settings_damaged.kept is None:
                self.persist = False  # the damaged file could not be kept aside: never overwrite it
        else:
            self.settings = prefs.Settings()
        if lang in i18n.LANGS:
            self.settings.lang = lang
        if scale is not None:
            self.settings.scale = clamp_scale(scale)
        if fullscreen is not None:
            self.settings.fullscreen = fullscreen
        if size is not None:
            self.settings.window = size
        self.theme = Theme(1.0)
        self.content = content or Content()
        self.stack: list[Scene] = []
        self.running = True
        self.crashes: list[crash_mod.CrashInfo] = []
        self._crash_times: list[float] = []
        self._recovering = False
        self._fatal: crash_mod.CrashInfo | None = None
        self._force = True
        self._footer_pressed: str | None = None
        self._recent: collections.deque[str] = collections.deque(maxlen=30)
        self._bg: pygame.Surface | None = None
        self._last_tick = time.monotonic()
        self.frames = 0
        self.frame_times: collections.deque[float] = collections.deque(maxlen=2000)
        self.rng = random.Random()
        self.net: Any = None
        """A class game followed over the network (`game.ui.scenes.remote.RemoteGame`):
        `poll()` after every event, `draw(surface)` its status over the footer."""

        pygame.display.init()
        pygame.font.init()
        self.screen = self._set_mode(self.settings.fullscreen)
        self._fit_scale()
        pygame.key.set_repeat(350, 40)
        with contextlib.suppress(Exception):
            pygame.key.start_text_input()
        self._set_caption()
        self._set_icon()

    # ------------------------------------------------------------ language, scale, window

    @property
    def lang(self) -> str:
        return self.settings.lang

    @property
    def rtl(self) -> bool:
        return self.settings.lang == "ar"

    def t(self, key: str, **fmt: Any) -> str:
        return i18n.t(key, self.settings.lang, **fmt)

    def set_lang(self, lang: str) -> None:
        if lang not in i18n.LANGS or lang == self.settings.lang:
            return
        self.settings.lang = lang
        self._set_caption()
        self.save_settings()
        self.redraw()

    def toggle_lang(self) -> None:
        self.set_lang(i18n.other(self.settings.lang))

    def set_scale(self, scale: float) -> None:
        scale = clamp_scale(scale)
        if scale == self.settings.scale:
            return
        self.settings.scale = scale
        self._fit_scale()
        self.save_settings()
        self.redraw()

    def bump_scale(self, steps: int) -> None:
        self.set_scale(self.settings.scale + steps * SCALE_STEP)

    def fitting_scale(self) -> float:
        """The chosen scale, lowered (by whole steps, never below 1) until the window holds
        `LEAST_VIEW` at it."""
        w, h = self.screen.get_size()
        room = min(w / LEAST_VIEW[0], h / LEAST_VIEW[1])
        most = max(1.0, int(room / SCALE_STEP + 1e-9) * SCALE_STEP)
        return min(clamp_scale(self.settings.scale), most)

    def _fit_scale(self) -> None:
        scale = self.fitting_scale()
        if scale != self.theme.scale:
            self.theme.set_scale(scale)
            self._bg = None

    def set_fullscreen(self, on: bool) -> None:
        if on == self.settings.fullscreen:
            return
        if on:
            self.settings.window = self.screen.get_size()
        self.settings.fullscreen = on
        self.screen = self._set_mode(on)
        self._bg = None
        self._fit_scale()
        self.save_settings()
        self.redraw()

    def toggle_fullscreen(self) -> None:
        self.set_fullscreen(not self.settings.fullscreen)

    def save_settings(self) -> bool:
        if not self.persist:
            return True
        return prefs.save(self.config_dir, self.settings)

    def _set_mode(self, fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                self.settings.fullscreen = False
        w, h = self.settings.window
        screen = pygame.display.set_mode(
            (max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)), pygame.RESIZABLE
        )
        with warnings.catch_warnings(), contextlib.suppress(Exception):
            warnings.simplefilter("ignore")
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
        return screen

    def _set_caption(self) -> None:
        with contextlib.suppress(pygame.error):
            pygame.display.set_caption(self.t("app.window_title"))

    def _set_icon(self) -> None:
        icon = pygame.Surface((64, 64), pygame.SRCALPHA)
        c = self.theme.c
        pts = [(32, 4), (58, 14), (54, 40), (32, 60), (10, 40), (6, 14)]
        pygame.draw.polygon(icon, c.bg, pts)
        pygame.draw.polygon(icon, c.accent, pts, width=5)
        pygame.draw.line(icon, c.accent, (32, 16), (32, 48), 5)
        with contextlib.suppress(pygame.error):
            pygame.display.set_icon(icon)

    def background(self) -> pygame.Surface:
        """The window's background (a quiet vertical gradient), cached per size."""
        size = self.screen.get_size()
        if self._bg is None or self._bg.get_size() != size:
            w, h = size
            bg = pygame.Surface(size)
            top, bottom = self.theme.c.bg, self.theme.c.bg_deep
            band = 4
            for y in range(0, max(1, h), band):
                bg.fill(mix(top, bottom, y / max(1, h)), (0, y, w, band))
            self._bg = bg
        return self._bg

    # ------------------------------------------------------------ the stack

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> Scene:
        if self.stack:
            self.stack[-1].pause()
        self.stack.append(scene)
        scene.enter()
        scene.dirty = True
        self._force = True
        return scene

    def pop(self) -> Scene | None:
        """Remove the top scene (never the last one)."""
        if len(self.stack) <= 1:
            return None
        scene = self.stack.pop()
        scene.leave()
        self.stack[-1].resume()
        self._force = True
        return scene

    def replace(self, scene: Scene) -> Scene:
        if self.stack:
            self.stack.pop().leave()
        self.stack.append(scene)
        scene.enter()
        self._force = True
        return scene

    def reset(self, scene: Scene) -> Scene:
        """Clear the stack and start again from `scene`."""
        while self.stack:
            old = self.stack.pop()
            with contextlib.suppress(Exception):
                old.leave()
        return self.replace(scene)

    def find(self, kind: type) -> Scene | None:
        for s in reversed(self.stack):
            if isinstance(s, kind):
                return s
        return None

    def redraw(self) -> None:
        """Redraw everything on the next frame (and re-layout scenes whose inputs changed)."""
        self._force = True
        for s in self.stack:
            s.dirty = True

    # ------------------------------------------------------------ screens reachable from everywhere

    def title(self) -> None:
        self.reset(TitleScene(self))

    def open_glossary(self, query: str = "") -> None:
        if isinstance(self.top, GlossaryScene) and not query:
            self.pop()
        else:
            self.push(GlossaryScene(self, query=query))

    def open_article(self, paragraph: str | None = None, highlight: Iterable[str] = ()) -> None:
        """The article, scrolled to `paragraph` and with `highlight` (cited ids) marked."""

        if isinstance(self.top, ArticleScene) and paragraph is None and not highlight:
            self.pop()
        else:
            self.push(ArticleScene(self, paragraph=paragraph, highlight=highlight))

    def open_help(self) -> None:
        if isinstance(self.top, HelpScene):
            self.pop()
        else:
            self.push(HelpScene(self))

    def open_settings(self, focus: str | None = None) -> None:
        """Settings over any screen (a game goes on under it); `focus`: a setting's name."""

        if isinstance(self.top, SettingsScene):
            if focus is None:
                self.pop()
                return
        else:
            self.push(SettingsScene(self))
        top = self.top
        if focus and top is not None:
            top.ensure_layout()
            w = next((w for w in top.ring.widgets if w.name == focus), None)
            if w is not None:
                top.ring.focus(w)

    def start_game(
        self,
        bundle: Any,
        humans: Sequence[str],
        seed: int,
        facilitator: bool = False,
        *,
        name: str | None = None,
        levels: Mapping[str, str] | None = None,
        rounds: int | None = None,
    ) -> None:
        """Start a game of `bundle` (a loaded scenario) with these human seats (a name a
        class knows it by, kept in its save; the computer plays the other seats, each at its
        level in `levels`, else `easy`; a lesson's fewer `rounds`): the briefing of
        each human seat, then the first round (`game.ui.scenes.game_nav`)."""

        flow = GameFlow.new(
            bundle,
            list(humans),
            seed,
            save_dir=self.data_dir / "saves",
            facilitator=facilitator,
            levels=levels,
            rounds=rounds,
        )
        flow.name = name or None
        game_nav.start(self, flow)

    def quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------ events

    def _note(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.MOUSEMOTION,):
            return
        # what was typed stays out of crash reports: no text, and no key that types a character
        d = {k: v for k, v in event.dict.items() if k in ("key", "mod", "pos", "button", "x", "y")}
        typed = str(event.dict.get("unicode") or "")
        if event.type == pygame.TEXTINPUT or (typed and typed.isprintable()):
            d.pop("key", None)
            d["typed"] = "…"
        self._recent.append(f"{pygame.event.event_name(event.type)} {d}")

    def _global_key(self, event: pygame.event.Event) -> bool:
        k = event.key
        mods = getattr(event, "mod", 0)
        ctrl = mods & (pygame.KMOD_CTRL | pygame.KMOD_META)
        if k == pygame.K_F11 or (k == pygame.K_RETURN and mods & pygame.KMOD_ALT):
            self.toggle_fullscreen()
        elif k == pygame.K_F2:
            self.toggle_lang()
        elif k == pygame.K_F3:
            self.open_glossary()
        elif k == pygame.K_F4:
            self.open_article()
        elif k == pygame.K_F1:
            self.open_help()
        elif k == pygame.K_F10:
            self.open_settings()
        elif (k == pygame.K_F8 and class_view.open_class_view(self)) or (
            k == pygame.K_F9 and facilitator.open_console(self)
        ):
            pass
        elif ctrl and k in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            self.bump_scale(1)
        elif ctrl and k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.bump_scale(-1)
        elif ctrl and k in (pygame.K_0, pygame.K_KP_0):
            self.set_scale(1.0)
        elif ctrl and k == pygame.K_q:
            self.quit()
        else:
            return False
        return True

    def dispatch(self, event: pygame.event.Event) -> None:
        """Handle one event: window events, global keys, then the top scene."""
        self._note(event)
        where = "app"
        try:
            et = event.type
            if et == pygame.QUIT:
                self.quit()
                return
            if et == WAKE_EVENT:  # posted by `StopSignals`; the loop checks `running`
                return
            if et == classroom.CLOCK:  # a facilitator's timer runs: its countdown redraws
                classroom.wake(self)  # (and stops ticking once no game's timer runs)
                self._force = True
                return
            if et in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                surf = pygame.display.get_surface()
                if surf is not None:
                    self.screen = surf
                if not self.settings.fullscreen:
                    self.settings.window = self.screen.get_size()
                self._bg = None
                self._fit_scale()
                self.redraw()
                return
            if et in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED):
                self._force = True
                return
            if self._fatal is not None:
                self._fatal_key(event)
                return
            if et == pygame.KEYDOWN and self._global_key(event):
                return
            top = self.top
            if top is None:
                return
            if et in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                where = f"{top.name}.footer"
                if self._footer_mouse(top, event):
                    return
            where = f"{top.name}.handle"
            top.ensure_layout()
            if top.handle(event):
                if self.top is not None:
                    self.top.dirty = True
            elif et == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                where = f"{top.name}.back"
                top.back()
            if self.net is not None:
                where = "net.poll"
                self.net.poll()  # the host's game may have moved on: the screens follow
        except Exception as exc:
            self.crash(exc, where)

    def _footer_mouse(self, top: Scene, event: pygame.event.Event) -> bool:
        """The footer's key chips are buttons: hover shows it, a click does what the key
        does. True when the event was a click on a chip (the scene does not see it)."""
        pos = getattr(event, "pos", None)
        if not isinstance(pos, tuple) or len(pos) != 2:
            return False
        # an overlay (the debate, a dialog) shows the footer of the screen under it; its
        # chips act on the overlay (Esc closes the overlay)
        shown = next(
            (s for s in reversed(self.visible_scenes()) if getattr(s, "footer_hits", None)), top
        )
        key = shown.footer_at(pos)
        if key is not None and top.footer_action(key) is None:
            key = None
        if event.type == pygame.MOUSEMOTION:
            if key != shown.footer_hover:
                shown.footer_hover = key
                shown.dirty = True
                top.dirty = True
            return False
        if getattr(event, "button", 0) != 1:
            return False
        if event.type == pygame.MOUSEBUTTONDOWN:
            self._footer_pressed = key
            return key is not None
        pressed, self._footer_pressed = self._footer_pressed, None
        if key is None or pressed != key:
            return pressed is not None
        shown.footer_hover = None
        action = top.footer_action(key)
        if action is not None:
            action()
            self.redraw()
        return True

    def feed(self, events: Iterable[pygame.event.Event]) -> None:
        """Dispatch events directly (tests), then redraw if needed."""
        for e in events:
            self.dispatch(e)
            if not self.running:
                break
        self.tick()
        self.render()

    def pump(self) -> int:
        """Handle every queued event without waiting, then redraw if needed (tests, shots)."""
        n = 0
        for e in pygame.event.get():
            self.dispatch(e)
            n += 1
        self.tick()
        self.render()
        return n

    def tick(self) -> bool:
        """Advance the top scene's animation; True while it animates."""
        now = time.monotonic()
        dt = int((now - self._last_tick) * 1000)
        self._last_tick = now
        top = self.top
        if top is None or self._fatal is not None:
            return False
        flow = getattr(top, "flow", None)
        if flow is not None and getattr(flow, "save_problem", None):  # an autosave failed
            from game.ui.scenes.save_failed import save_failed

            if save_failed(self, flow):
                return True
        try:
            if top.update(dt):
                top.dirty = True
                return True
        except Exception as exc:
            self.crash(exc, f"{top.name}.update")
        return False

    # ------------------------------------------------------------ drawing

    def visible_scenes(self) -> list[Scene]:
        out: list[Scene] = []
        for s in reversed(self.stack):
            out.append(s)
            if s.opaque:
                break
        return list(reversed(out))

    def render(self, force: bool = False) -> bool:
        """Draw the visible scenes if anything changed; True if a frame was drawn."""
        if self._fatal is not None:
            self._draw_fatal()
            return True
        scenes = self.visible_scenes()
        if not scenes:
            return False
        if not (force or self._force or any(s.dirty for s in scenes)):
            return False
        started = time.perf_counter()
        where = "app.draw"
        try:
            for s in scenes:
                where = f"{s.name}.layout"
                s.ensure_layout()
            for s in scenes:
                where = f"{s.name}.draw"
                s.draw(self.screen)
                s.dirty = False
            where = "classroom.timer"
            classroom.draw_timer(self, self.screen)
            if self.net is not None:
                where = "net.status"
                self.net.draw(self.screen)
        except Exception as exc:
            self.crash(exc, where)
            return (
                self.render(force=True) if self._fatal is None and not self._recovering else False
            )
        self._force = False
        self.frames += 1
        self.frame_times.append(time.perf_counter() - started)
        with contextlib.suppress(pygame.error):
            pygame.display.flip()
        return True

    # ------------------------------------------------------------ the loop

    def run(self) -> int:
        """The main loop: wait for an event, handle it (and any queued), redraw if needed."""
        if not self.stack:
            self.title()
        self.tell_settings_damaged()
        self.render(force=True)
        while self.running:
            animating = self.tick()
            if animating:
                self.render()
                event = pygame.event.wait(FRAME_MS)
            else:
                event = pygame.event.wait()  # asleep until the next event
            if event.type != pygame.NOEVENT:
                self.dispatch(event)
            for e in pygame.event.get():
                if not self.running:
                    break
                self.dispatch(e)
            self.render()
        self.shutdown()
        return 0

    def tell_settings_damaged(self) -> None:
        """Once: the settings file was damaged, what fell back, where the old file is."""
        damage, self.settings_damaged = self.settings_damaged, None
        if damage is not None:
            from game.ui.scenes.notice import settings_damaged

            self.push(settings_damaged(self, damage))

    def shutdown(self) -> None:
        """Leave the scenes, save the game in progress (`saved_on_exit`), save the settings."""
        self.saved_on_exit = self.save_game_in_progress()
        for s in reversed(self.stack):
            with contextlib.suppress(Exception):
                s.leave()
        if self.net is not None:
            with contextlib.suppress(Exception):
                self.net.close()
        self.save_settings()

    saved_on_exit: Path | str | None = None
    """After `shutdown`: where the game in progress was saved, why it could not be (a
    string), or None when no game was in progress."""

    def save_game_in_progress(self) -> Path | str | None:
        """Save the game on the stack, if one is going on, to its own save (Continue opens it).
        Returns the file, the reason it could not be written, or None (no game going on)."""
        for scene in reversed(self.stack):
            flow = getattr(scene, "flow", None)
            if flow is None:
                continue
            if getattr(flow, "remote", False):
                return None  # a class game: the teacher's computer holds it and saves it
            if flow.session.over:
                return None  # its end was saved when it ended
            try:
                saved: Path | None = flow.autosave() or flow.save()
            except Exception as e:  # a full disk must not stop the window from closing
                return crash_mod.describe(e)
            return saved
        return None

    # ------------------------------------------------------------ crashes

    def _game_in_progress(self) -> dict[str, Any] | None:
        """The game on the stack as a save (for the crash report), if there is one."""
        for scene in reversed(self.stack):
            flow = getattr(scene, "flow", None)
            if flow is not None:
                try:
                    data: dict[str, Any] = flow.save_data()
                except Exception:
                    return None
                return data
        return None

    def crash(self, exc: Exception, where: str) -> None:
        """Record an unexpected error, write a report, show the error screen over the title."""
        if os.environ.get("GUARANTOR_DEBUG") == "raise":
            raise exc
        path = crash_mod.write_report(
            self.data_dir,
            exc,
            where,
            [s.name for s in self.stack],
            list(self._recent),
            self.settings.to_dict(),
            self._game_in_progress(),
        )
        info = crash_mod.CrashInfo(crash_mod.describe(exc), where, path)
        self.crashes.append(info)
        now = time.monotonic()
        self._crash_times = [t for t in self._crash_times if now - t < 5.0] + [now]
        if self._recovering or len(self._crash_times) > 4:
            self._fatal = info
            return
        self._recovering = True
        try:
            self.reset(TitleScene(self))
            self.push(ErrorScene(self, info))
            self.redraw()
        except Exception:
            self._fatal = info
        finally:
            self._recovering = False

    def _fatal_key(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_ESCAPE,
        ):
            self._fatal = None
            self._crash_times.clear()
            try:
                self.title()
                self.redraw()
            except Exception as exc:
                self._fatal = crash_mod.CrashInfo(crash_mod.describe(exc), "app.title", None)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_q:
            self.quit()

    def _draw_fatal(self) -> None:
        """The last resort when the error screen itself failed: plain text, no scenes."""
        info = self._fatal
        try:
            self.screen.fill((12, 19, 32))
            w = self.screen.get_width() - 80
            y = 60
            for line, size in (
                (self.t("error.heading"), 32),
                (self.t("error.what", what=ltr(info.what) if info else "?"), 18),
                (
                    self.t("error.report", path=ltr(str(info.path)))
                    if info and info.path
                    else self.t("error.no_report"),
                    16,
                ),
                ("Enter: " + self.t("error.back") + "    Q: " + self.t("title.quit"), 16),
            ):
                y += (
                    draw_text(
                        self.screen,
                        line,
                        pygame.Rect(40, y, w, 400),
                        TextStyle(size, (238, 242, 248)),
                        self.lang,
                    )
                    + 20
                )
            pygame.display.flip()
        except Exception:
            with contextlib.suppress(Exception):
                self.screen.fill((12, 19, 32))
                self.screen.blit(
                    get_font(20).render("Guarantor: Enter / Q", True, (238, 242, 248)), (40, 40)
                )
                pygame.display.flip()


# ---------------------------------------------------------------- Ctrl-C and SIGTERM


class StopSignals:
    """Ctrl-C (SIGINT), SIGTERM and SIGHUP end `play` the way closing the window does: the loop
    stops, the game in progress is saved, the window closes, and `run` says so in one line.

    The loop sleeps inside SDL (`pygame.event.wait`), where Python's signal handlers cannot
    run, so a signal would wait for the next key press. Python's C-level handler writes the
    signal's number to a socket (`signal.set_wakeup_fd`) at once; a small thread reading
    that socket stops the app and posts `WAKE_EVENT`, which wakes the loop. Nothing polls:
    an idle window still sleeps until an event comes.

        with StopSignals(app) as stop:
            app.run()
        stop.signum   # None, or the signal that ended the game
    """

    SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
    """Ctrl-C, a polite kill (a logout, a process manager), the terminal closing."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.signum: int | None = None
        self._old: dict[int, Any] = {}
        self._old_fd = -1
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is not threading.main_thread():
            return self  # signal handlers can only be set from the main thread
        reader, writer = socket.socketpair()
        writer.setblocking(False)
        self._sockets = (reader, writer)
        self._old_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        for name in self.SIGNALS:
            sig = getattr(signal, name, None)
            if sig is not None:
                self._old[sig] = signal.signal(sig, self._handler)
        self._thread = threading.Thread(target=self._wake, name="guarantor-signals", daemon=True)
        self._thread.start()
        return self

    def _stop(self, signum: int) -> None:
        if self.signum is None:
            self.signum = signum
        self.app.running = False

    def _handler(self, signum: int, frame: object) -> None:
        self._stop(signum)

    def _wake(self) -> None:
        assert self._sockets is not None
        reader = self._sockets[0]
        wanted = set(self._old)
        while True:
            try:
                data = reader.recv(64)
            except OSError:
                return
            if not data:
                return  # closed by __exit__
            hits = [b for b in data if b in wanted]
            if hits:
                self._stop(hits[0])
                with contextlib.suppress(pygame.error):
                    pygame.event.post(pygame.event.Event(WAKE_EVENT))

    def __exit__(self, *exc: object) -> None:
        if self._sockets is None:
            return
        for sig, old in self._old.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(sig, old if old is not None else signal.SIG_DFL)
        with contextlib.suppress(OSError, ValueError):
            signal.set_wakeup_fd(self._old_fd)
        reader, writer = self._sockets
        with contextlib.suppress(OSError):
            writer.shutdown(socket.SHUT_RDWR)
        writer.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        reader.close()
        self._sockets = None

    def describe(self) -> str:
        """The one line `play` prints when a signal ended it."""
        assert self.signum is not None
        name = "Ctrl-C" if self.signum == signal.SIGINT else signal.Signals(self.signum).name
        saved = self.app.saved_on_exit
        if isinstance(saved, Path):
            return f"guarantor: stopped by {name}; the game in progress was saved to {saved}"
        if isinstance(saved, str):
            return f"guarantor: stopped by {name}; the game in progress could not be saved: {saved}"
        return f"guarantor: stopped by {name}"


# ---------------------------------------------------------------- `guarantor play`


def run(args: argparse.Namespace) -> int:
    """`guarantor play [--scenario ID] [--seat SEAT ...] [--lang en|ar] [--seed N] [--scale X]
    [--fullscreen] [--load FILE]`: open the window; with --scenario go straight to that game;
    with --load open a saved game at its point (checked before any window opens: a save
    that cannot be opened prints one line and returns 2, and the file is left as it is)."""
    loaded = None
    if getattr(args, "load", None):
        try:
            saves.read(Path(args.load))
            loaded = GameFlow.load(Path(args.load))
        except saves.SaveError as e:
            print(f"guarantor: {e}", file=sys.stderr)
            return 2
        if loaded.notice is not None:  # said here in one line; the window asks before playing
            print(f"guarantor: {loaded.notice}", file=sys.stderr)
    bundle = None
    scenario = getattr(args, "scenario", None)
    if scenario:
        from game.content.loader import load, resolve

        bundle = load(resolve(scenario), full=True, lint=False)  # ContentError: the CLI reports it
        seats = list(bundle.scenario.seats)
        for s in getattr(args, "seat", None) or []:
            if s not in seats:
                print(
                    f"guarantor: scenario {bundle.scenario.id} has no seat {s!r}; seats: {', '.join(seats)}",
                    file=sys.stderr,
                )
                return 2
    scale = getattr(args, "scale", None)
    if scale is not None and not (1.0 <= scale <= 2.0):
        print(f"guarantor: --scale must be between 1 and 2, not {scale}", file=sys.stderr)
        return 2
    # SIGTERM is ours (`StopSignals`): SDL's own handler would turn it into a window close
    # that nothing saves, and would make it uncatchable while the window opens
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    try:
        app = App(
            lang=getattr(args, "lang", None),
            scale=scale,
            fullscreen=True if getattr(args, "fullscreen", False) else None,
        )
    except pygame.error as e:
        print(f"guarantor: cannot open the game window: {e}", file=sys.stderr)
        return 1
    app.level = getattr(args, "computer", None) or app.level
    app.humans = list(dict.fromkeys(getattr(args, "seat", None) or []))
    app.seed = getattr(args, "seed", None)
    app.title()
    if loaded is not None:
        loaded.save_dir = saves_folder(app)
        resume(app, loaded)
    elif bundle is not None:
        humans = list(dict.fromkeys(getattr(args, "seat", None) or [bundle.scenario.default_seat]))
        seed = (
            args.seed
            if getattr(args, "seed", None) is not None
            else random.SystemRandom().randrange(1, 100_000)
        )
        levels: dict[str, str] = {
            str(s): app.level for s in bundle.scenario.seats if s not in humans
        }
        app.start_game(bundle, humans, seed, app.settings.facilitator, levels=levels)
    try:
        with StopSignals(app) as stop:
            code = app.run()
    finally:
        pygame.display.quit()  # the window closes; fonts stay valid for the caller
    if stop.signum is not None:
        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone (SIGHUP)
            print(stop.describe(), file=sys.stderr, flush=True)
        return 128 + stop.signum
    return code
