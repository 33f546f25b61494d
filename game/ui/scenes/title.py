"""The title screen: new game, continue, load, glossary, the article, settings, help, quit."""

from __future__ import annotations

import math

import pygame

from game import saves
from game.ui.layout import at_end, at_start, inset, row
from game.ui.scene import Scene
from game.ui.scenes import load
from game.ui.scenes.load import LoadScene
from game.ui.scenes.setup import SetupScene
from game.ui.text import Align, Colour, TextStyle, draw_text, text_height
from game.ui.theme import Theme
from game.ui.widgets import Button, ScrollView


class TitleScene(Scene):
    name = "title"
    back_button = False

    def build(self) -> None:
        app = self.app
        self.buttons = [
            Button(
                app, "title.new_game", self.new_game, shortcut="n", kind="menu", name="new_game"
            ),
            Button(
                app,
                "title.continue",
                self.continue_game,
                shortcut="c",
                kind="menu",
                enabled=False,
                note="title.no_save",
                name="continue",
            ),
            Button(
                app,
                "title.load",
                self.load_game,
                shortcut="l",
                kind="menu",
                enabled=False,
                note="title.no_save",
                name="load",
            ),
            Button(
                app,
                "classroom.lesson.tutorial",
                self.tutorial_first,
                shortcut="t",
                kind="menu",
                name="tutorial_first",
            ),
            Button(
                app, "title.glossary", app.open_glossary, shortcut="g", kind="menu", name="glossary"
            ),
            Button(
                app, "title.article", app.open_article, shortcut="a", kind="menu", name="article"
            ),
            Button(app, "net.join_title", self.join_game, shortcut="j", kind="menu", name="join"),
            Button(
                app, "title.settings", app.open_settings, shortcut="s", kind="menu", name="settings"
            ),
            Button(app, "title.help", app.open_help, shortcut="h", kind="menu", name="help"),
            Button(app, "title.quit", app.quit, shortcut="q", kind="menu", name="quit"),
        ]
        self.ring.add(*self.buttons)
        self.view = ScrollView(self.app)
        self.ring.on_focus = self.view.reveal
        self.ring.focus(self.buttons[0])
        self._check_saves()

    # ------------------------------------------------------------ continue and load

    def _check_saves(self) -> None:
        """Continue when the save of the game last played reads; Load when the saves folder
        has any file that looks like a save (a damaged one is listed there with its reason).
        A damaged file only greys Continue out: it never stops the title screen."""

        last = load.last_game(self.app)
        self.buttons[1].enabled = last is not None and load.readable(last)
        self.buttons[2].enabled = load.has_saves(self.app)

    def resume(self) -> None:
        self._check_saves()
        self.ring.ensure()
        super().resume()

    def continue_game(self) -> None:
        """Open the game last played where it was left; if it cannot be opened, the Load
        screen says why."""

        path = load.last_game(self.app)
        if path is None:
            return
        try:
            flow = load.open_save(self.app, path)
        except saves.SaveError as e:
            self.app.push(load.LoadScene(self.app, errors={path: e}))
            return
        load.resume(self.app, flow)

    def load_game(self) -> None:
        self.app.push(LoadScene(self.app))

    def join_game(self) -> None:
        from game.ui.scenes.remote import JoinScene

        self.app.push(JoinScene(self.app))

    def new_game(self) -> None:
        self.app.push(SetupScene(self.app))

    def tutorial_first(self) -> None:
        """A lesson's five-minute opener: the setup screen with the tutorial chosen."""
        setup = SetupScene(self.app)
        self.app.push(setup)
        setup.tutorial_first()

    def back(self) -> bool:
        return False

    def handle(self, event: pygame.event.Event) -> bool:
        if self.view.handle(event):
            return True
        return super().handle(event)

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        self.standard_frame(rect)
        f = self.frame
        assert f is not None
        body = pygame.Rect(f.body.left, f.header.top, f.body.width, f.body.bottom - f.header.top)
        gap = th.px(56)
        btn_h = th.control_h
        vgap = th.px(8)
        n = len(self.buttons)

        def menu_height(cols: int) -> int:
            rows = -(-n // cols)
            return rows * (btn_h + vgap) - vgap + 2 * th.pad

        # the widest label decides how narrow a column may be: no label is ever cut
        widest = max(b.natural_width() for b in self.buttons)
        need = widest + 2 * th.pad
        menu_w = min(max(th.px(400), need), body.width // 2 - gap // 2)
        if body.width >= th.px(860) and menu_height(1) <= body.height and need <= menu_w:
            cols = 1
            menu = at_end(body, menu_w, self.rtl)
            menu_h = menu_height(1)
            menu = pygame.Rect(menu.left, body.centery - menu_h // 2, menu_w, menu_h)
            self.hero = at_start(body, body.width - menu_w - gap, self.rtl)
            self.show_emblem = True
        else:
            self.show_emblem = False
            # stacked: the title above, the menu below (in two columns when it is tall)
            cols = 1 if menu_height(1) <= body.height * 0.6 or body.width < th.px(560) else 2
            if cols == 2 and 2 * widest + th.px(12) + 2 * th.pad > body.width:
                cols = 1  # two columns would cut a label: one column, scrolled
            menu_w = min(
                max(th.px(440) * cols, widest * cols + th.px(12) * (cols - 1) + 2 * th.pad),
                body.width,
            )
            menu_h = min(menu_height(cols), body.height)
            self.hero = pygame.Rect(
                body.left, body.top, body.width, max(0, body.height - menu_h - th.gap)
            )
            menu = pygame.Rect(body.centerx - menu_w // 2, body.bottom - menu_h, menu_w, menu_h)
        self.menu = menu
        inner = inset(menu, th.pad, th.pad)
        rows = -(-n // cols)
        col_rects = row(inner, [None] * cols, th.px(12), self.rtl)
        self.view.reset(inner)
        for i, b in enumerate(self.buttons):
            c, r = i // rows, i % rows
            cell = pygame.Rect(col_rects[c].left, r * (btn_h + vgap), col_rects[c].width, btn_h)
            self.view.place(b, cell)
        self.view.apply()
        if self.view.max_offset == 0:
            for b in self.buttons:
                b.clip = None
        # the hero block's text, vertically centred at the start side
        self.hero_lines = [
            (self.t("app.name"), "display", None),
            (self.t("app.name_other"), "h2", self.theme.c.accent),
            (self.t("app.tagline"), "h3", None),
            (self.t("app.source_line"), "small", None),
        ]
        width = min(self.hero.width, th.px(620))
        # as many of the lines as fit (a small window at 2x keeps the name and drops the rest)
        for name_role in ("display", "h1", "h2"):
            self.hero_lines[0] = (self.t("app.name"), name_role, None)
            heights = [
                text_height(s, self._style(r, c), width, self.lang) for s, r, c in self.hero_lines
            ]
            total, keep = 0, 0
            for h in heights:
                extra = h + (th.px(18) if keep else 0) + (th.px(18) if keep == 1 else 0)
                if total + extra > self.hero.height:
                    break
                total += extra
                keep += 1
            if keep:
                break
        self.hero_lines = self.hero_lines[:keep]
        self.hero_text = at_start(self.hero, width, self.rtl)
        self.hero_text.y = self.hero.centery - total // 2
        self.hero_text.height = total

    def _style(self, role: str, colour: Colour | None) -> TextStyle:
        s = self.theme.text(role)
        return s.with_colour(colour) if colour else s

    def _other_lang(self) -> str:
        return "en" if self.lang == "ar" else "ar"

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_background(surface)
        if self.show_emblem:
            self._draw_emblem(surface)
        r = pygame.Rect(self.hero_text)
        y = r.top
        for i, (text, role, colour) in enumerate(self.hero_lines):
            lang = self._other_lang() if i == 1 else self.lang
            align: Align = "right" if self.rtl else "left"
            style = self._style(role, colour)
            h = draw_text(
                surface, text, pygame.Rect(r.left, y, r.width, 0), style, lang, align=align
            )
            y += h + th.px(18)
            if i == 1:
                bar = at_start(
                    pygame.Rect(r.left, y - th.px(6), r.width, th.px(3)), th.px(72), self.rtl
                )
                pygame.draw.rect(surface, c.accent, bar, border_radius=th.px(2))
                y += th.px(18)
        # the menu panel
        pygame.draw.rect(surface, c.panel, self.menu, border_radius=th.radius + th.px(4))
        pygame.draw.rect(surface, c.border, self.menu, width=1, border_radius=th.radius + th.px(4))
        self.ring.draw(surface)
        self.draw_footer(surface)

    def _draw_emblem(self, surface: pygame.Surface) -> None:
        """A faint shield inside quiet rings behind the title block (cached per layout)."""
        th = self.theme
        hero = self.hero
        cx = hero.right - th.px(40) if not self.rtl else hero.left + th.px(40)
        cy = hero.centery
        key = (th.scale, self.rtl)
        if getattr(self, "_emblem_key", None) != key:
            self._emblem_key = key
            self._emblem = emblem(th)
        e = self._emblem
        surface.blit(e, e.get_rect(center=(cx, cy)))


def shield_points(
    cx: float, cy: float, w: float, h: float, n: int = 24
) -> list[tuple[float, float]]:
    """A heater shield: a flat top, straight sides, curves meeting in a point."""
    top, side = cy - h / 2, cy - h / 2 + 0.42 * h
    pts = [(cx - w / 2, top), (cx + w / 2, top), (cx + w / 2, side)]
    for i in range(1, n + 1):  # right curve down to the point
        t = i / n
        pts.append(
            (
                cx + w / 2 * (1 - t) ** 1.6 * math.cos(t * math.pi / 2) ** 0.2,
                side + (cy + h / 2 - side) * math.sin(t * math.pi / 2),
            )
        )
    for i in range(n - 1, -1, -1):  # and back up the left side
        x, y = pts[3 + i]
        pts.append((2 * cx - x, y))
    return pts


def emblem(th: object) -> pygame.Surface:
    assert isinstance(th, Theme)
    c = th.c
    size = th.px(680)
    layer = pygame.Surface((size, size), pygame.SRCALPHA)
    mid = size // 2
    for i, radius in enumerate((th.px(170), th.px(250), th.px(330))):
        pygame.draw.circle(
            layer, (*c.border[:3], 80 - 22 * i), (mid, mid), radius, width=max(1, th.px(1))
        )
    outer = shield_points(mid, mid, th.px(170), th.px(210))
    inner = shield_points(mid, mid + th.px(6), th.px(136), th.px(168))
    pygame.draw.polygon(layer, (*c.bg[:3], 255), outer)
    pygame.draw.polygon(layer, (*c.accent[:3], 130), outer, width=max(2, th.px(2)))
    pygame.draw.aalines(layer, (*c.accent[:3], 130), True, outer)
    pygame.draw.polygon(layer, (*c.accent[:3], 55), inner, width=max(1, th.px(1)))
    pygame.draw.line(
        layer, (*c.accent[:3], 55), (mid, mid - th.px(78)), (mid, mid + th.px(82)), max(1, th.px(2))
    )
    return layer
