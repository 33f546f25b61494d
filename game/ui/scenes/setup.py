"""Setting up a game: the scenario, who plays which seat, the seed, the game's length (the
scenario's rounds, or a 45-minute lesson's fewer), facilitator mode; and the tutorial as a
five-minute opener (U chooses it)."""

from __future__ import annotations

from typing import Any

import pygame

from game.engine.vocab import LEVELS
from game.ui import explain, vocab
from game.ui.content import ScenarioInfo, _problem_text
from game.ui.layout import at_end, at_start, row
from game.ui.scene import Scene, section_title
from game.ui.text import draw_line, draw_text, text_height
from game.ui.widgets import (
    Button,
    Choice,
    Label,
    ListView,
    ScrollView,
    Stepper,
    TextInput,
    Toggle,
    rounded,
)

SEED_MAX = 99_999
MAX_NAME = 80
"""As long as a save keeps a game's name (`game.saves.MAX_NAME`)."""

DEFAULT_LEVEL = "normal"
"""A computer seat's level until the player chooses another (`game.engine.levels`)."""
CHOICES = ("human", *reversed(LEVELS))
"""Who may play a seat, in the seat's choice: a person, or the computer from its strongest
level to its weakest (moving on from the weakest comes back to a person)."""


class SetupScene(Scene):
    name = "setup"

    def build(self) -> None:
        app = self.app
        self.scenarios: list[ScenarioInfo] = app.content.scenarios()
        self.error = ""
        self.seats: dict[str, str] = {}
        self.chosen: dict[str, str] = {}
        """The levels the player chose for computer seats (kept from scenario to scenario)."""
        self.list = ListView(
            app,
            self.scenarios,
            label=lambda s: vocab.text_of(s.title, self.lang),
            sublabel=self._sublabel,
            on_select=self._selected,
            on_activate=lambda s: self.start(),
            label_lines=2,
            name="scenarios",
        )
        self.seat_widgets = {seat: self._seat_choice(seat) for seat in vocab.SEATS}
        self.seed = Stepper(
            app,
            "setup.seed",
            app.seed if app.seed is not None else app.rng.randrange(1, SEED_MAX),
            minimum=1,
            maximum=SEED_MAX,
            step=1,
            big_step=100,
            fmt=lambda v: str(int(v)),
            wide=176,
            name="seed",
        )
        self.new_seed = Button(
            app, "setup.new_seed", self._new_seed, shortcut="r", kind="ghost", name="new_seed"
        )
        self.facilitator = Toggle(
            app,
            "setup.facilitator",
            app.settings.facilitator,
            self._facilitator,
            help="setup.facilitator_help",
            shortcut="f",
            name="facilitator",
        )
        self.game_name = TextInput(
            app,
            "setup.name_placeholder",
            max_len=MAX_NAME,
            search_icon=False,
            name="game_name",
        )
        self.length: Choice[str] = Choice(
            app,
            "classroom.lesson.label",
            [("full", self._length_label("full")), ("lesson", self._length_label("lesson"))],
            "full",
            on_change=lambda _: self._refresh(),
            help="classroom.lesson.help",
            shortcut="l",
            wide=360,
            name="length",
        )
        self.opener = Button(
            app,
            "classroom.lesson.tutorial",
            self.tutorial_first,
            shortcut="u",
            kind="ghost",
            name="tutorial_first",
        )
        self.start_button = Button(
            app, "setup.start", self.start, shortcut="s", kind="primary", name="start"
        )
        self.ring.add(
            self.list,
            *self.seat_widgets.values(),
            self.game_name,
            self.seed,
            self.new_seed,
            self.length,
            self.facilitator,
            self.opener,
            self.start_button,
        )
        self.view = ScrollView(app)
        self.ring.on_focus = self.view.reveal
        self.ring.focus(self.list)
        # `play --seat`: the seats a person plays, before any is chosen here
        self.seats = dict.fromkeys(app.humans, "human")
        if self.scenarios:
            self._selected(self.scenarios[0])
        self._refresh()

    def _length_label(self, kind: str) -> Any:
        def label() -> str:
            s = self.scenario
            if s is None:
                return self.t(f"classroom.lesson.{kind}", n="–")
            n = s.rounds if kind == "full" else s.lesson_rounds
            return self.t(f"classroom.lesson.{kind}", n=n)

        return label

    @property
    def rounds(self) -> int | None:
        """The game's rounds: None for the scenario's own, a lesson's fewer otherwise."""
        s = self.scenario
        if s is None or self.length.value != "lesson" or s.lesson_rounds >= s.rounds:
            return None
        return s.lesson_rounds

    def tutorial_first(self) -> None:
        """The five-minute opener: the tutorial chosen in the list, ready to start."""
        for i, s in enumerate(self.scenarios):
            if s.archetype == "tutorial":
                if not self.list.select(i):
                    self._selected(s)
                self.ring.focus(self.start_button)
                return

    def _seat_choice(self, seat: str) -> Choice[str]:
        def label() -> str:
            return vocab.seat_name(seat, self.lang)

        def changed(value: str) -> None:
            self._seat(seat, value)

        options: list[tuple[str, Label]] = [
            (choice, "common.human" if choice == "human" else f"setup.level.{choice}")
            for choice in CHOICES
        ]
        return Choice(
            self.app, label, options, self.level, on_change=changed, wide=190, name=f"seat.{seat}"
        )

    @property
    def level(self) -> str:
        """A computer seat's level until the player chooses another (`play --computer`)."""
        level = getattr(self.app, "level", DEFAULT_LEVEL)
        return level if level in LEVELS else DEFAULT_LEVEL

    # ------------------------------------------------------------ state

    def _sublabel(self, s: ScenarioInfo) -> str:
        if s.error:
            return s.error
        kind = self.t(f"setup.archetype.{s.archetype}") if s.archetype else ""
        return f"{kind} · {self.t('common.rounds', n=s.rounds)}"

    @property
    def scenario(self) -> ScenarioInfo | None:
        return self.list.selected

    def _selected(self, s: ScenarioInfo) -> None:
        humans = [k for k, v in self.seats.items() if v == "human"]
        # a computer seat plays at the level chosen for it, else the default; a tutorial
        # coaches the round step by step, so there the default is easy (seats that do not
        # interrupt it with arguments and drafts; a player may still choose another level)
        default = "easy" if s.archetype == "tutorial" else self.level
        self.seats = {seat: self.chosen.get(seat, default) for seat in s.seats}
        for seat in humans:
            if seat in self.seats:
                self.seats[seat] = "human"
        if s.seats and not any(v == "human" for v in self.seats.values()):
            self.seats[s.default_seat if s.default_seat in self.seats else s.seats[0]] = "human"
        for seat, w in self.seat_widgets.items():
            w.visible = seat in self.seats
            w.index = CHOICES.index(self.seats.get(seat, self.level))
        self.error = ""
        self._layout_key = None  # the info block changed height
        self.dirty = True
        if hasattr(self, "start_button"):
            self._refresh()

    def _seat(self, seat: str, value: str) -> None:
        self.seats[seat] = value
        if value != "human":
            self.chosen[seat] = value
        self.error = ""
        self._refresh()

    def _refresh(self) -> None:
        """Start is pressable only with a scenario and at least one person playing."""
        self.start_button.enabled = bool(self.humans) and self.scenario is not None

    def _new_seed(self) -> None:
        self.seed.set(self.app.rng.randrange(1, SEED_MAX))

    def _facilitator(self, on: bool) -> None:
        self.app.settings.facilitator = on
        self.app.save_settings()

    @property
    def humans(self) -> list[str]:
        return [s for s in vocab.SEATS if self.seats.get(s) == "human"]

    @property
    def levels(self) -> dict[str, str]:
        """Each computer seat's level."""
        return {s: v for s, v in self.seats.items() if v != "human"}

    def start(self) -> None:
        s = self.scenario
        if s is None:
            return
        if not self.humans:
            self.error = self.t("setup.need_human")
            return
        try:
            bundle = self.app.content.bundle(s.path)
        except Exception as e:
            self.error = self.t("setup.load_error", problem=_problem_text(e))
            return
        self.app.start_game(
            bundle,
            self.humans,
            int(self.seed.value),
            self.facilitator.value,
            name=" ".join(self.game_name.text.split()) or None,
            levels=self.levels,
            rounds=self.rounds,
        )

    # ------------------------------------------------------------ layout and drawing

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "setup.heading")
        body = f.body
        colgap = th.px(28)
        # three columns when there is room (list | scenario | seats and options), else two
        # (list | everything else, scrolling); the right-hand part always scrolls if needed
        self.three = body.width >= th.px(1100)
        self.list.label_lines = 2 if self.three else 1
        self.compact = body.height < th.px(520)
        """A large scale in a small window (a projector): the list beside the rest from a
        narrower width on, and the seats and options before the scenario's description."""
        if self.three:
            left, mid, right = row(body, [0.28, 0.33, None], colgap, self.rtl)
        elif body.width >= th.px(560 if self.compact else 640):
            left, right = row(body, [0.32 if self.compact else 0.36, None], colgap, self.rtl)
            mid = None
        else:
            left = pygame.Rect(
                body.left,
                body.top,
                body.width,
                max(min(body.height // 3, th.px(220)), self.list.row_h + th.px(40)),
            )
            right = pygame.Rect(
                body.left,
                left.bottom + th.gap,
                body.width,
                max(0, body.bottom - left.bottom - th.gap),
            )
            mid = None
        self.left = left
        head = th.text("small_bold").line_height + th.px(10)
        self.list_head = pygame.Rect(left.left, left.top, left.width, head)
        self.list.rect = pygame.Rect(
            left.left, left.top + head, left.width, max(0, left.height - head)
        )
        self.list.reveal()
        foot_h = th.control_h + th.px(12)
        self.right = right
        self.footer_area = pygame.Rect(right.left, right.bottom - foot_h, right.width, foot_h)
        self.view.reset(
            pygame.Rect(right.left, right.top, right.width, max(0, right.height - foot_h))
        )
        bar = th.px(10)
        inner_w = right.width - bar
        x = right.left if not self.rtl else right.left + bar
        # the scenario's description: its own column, or the top of the scrolled one
        if mid is not None:
            self.info_rect = pygame.Rect(mid.left, mid.top + head, mid.width, 0)
            self.info_in_view = False
            self.info_head = pygame.Rect(mid.left, mid.top, mid.width, head)
            self._measure_info(mid.width)
            self.info_rect.height = min(self._info_h, mid.bottom - self.info_rect.top)
            y = 0
        else:
            self.info_in_view = True
            self._measure_info(inner_w)
            self.info_rect = pygame.Rect(x, 0, inner_w, self._info_h)
            y = 0 if self.compact else self._info_h + th.px(18)
        self.seats_head_y = y
        y += th.text("small_bold").line_height + th.px(6)
        rh = th.control_h + th.px(6)
        for w in self.seat_widgets.values():
            if w.visible:
                self.view.place(w, pygame.Rect(x, y, inner_w, rh))
                y += rh + th.px(8)
            else:
                w.rect = pygame.Rect(0, 0, 0, 0)
        self.status_y = y
        y += text_height(
            self._status()[0] + "⚠ ", th.text("small_bold"), inner_w, self.lang
        ) + th.px(10)
        self.options_head_y = y
        y += th.text("small_bold").line_height + th.px(6)
        # the game's name (a class's: "9B Tuesday"), its label above the field
        self.name_label_y = y
        y += th.text("caption").line_height + th.px(4)
        self.view.place(self.game_name, pygame.Rect(x, y, inner_w, th.control_h))
        y += th.control_h + th.px(14)
        self.view.place(self.seed, pygame.Rect(x, y, inner_w, th.control_h + th.px(6)))
        y += th.control_h + th.px(14)
        nb = min(inner_w // 2, max(th.px(120), self.new_seed.natural_width()))
        self.view.place(
            self.new_seed, at_start(pygame.Rect(x, y, inner_w, th.control_h), nb, self.rtl)
        )
        help_w = max(1, inner_w - nb - th.gap)
        help_h = text_height(
            self.t("setup.seed_help"), th.text("caption"), help_w, self.lang, max_lines=3
        )
        self.seed_help = at_end(
            pygame.Rect(x, y, inner_w, max(th.control_h, help_h)), help_w, self.rtl
        )
        y += max(th.control_h, help_h) + th.px(12)
        len_h = self.length.height_for(inner_w)
        self.view.place(self.length, pygame.Rect(x, y, inner_w, len_h))
        y += len_h + th.px(8)
        fac_h = self.facilitator.height_for(inner_w)
        self.view.place(self.facilitator, pygame.Rect(x, y, inner_w, fac_h))
        y += fac_h + th.px(8)
        ob = min(inner_w, max(th.px(200), self.opener.natural_width()))
        self.view.place(
            self.opener, at_start(pygame.Rect(x, y, inner_w, th.control_h), ob, self.rtl)
        )
        y += th.control_h + th.px(4)
        self.opener_note_y = y
        y += text_height(
            self.t("classroom.lesson.opener"), th.text("caption"), inner_w, self.lang, max_lines=3
        )
        if self.info_in_view and self.compact:
            self.info_rect.y = y + th.px(18)
            y = self.info_rect.bottom
        self.view.extend(y + th.px(8))
        self.view.apply()
        sw = min(max(th.px(240), self.start_button.natural_width()), right.width)
        sb = at_end(self.footer_area, sw, self.rtl)
        self.start_button.rect = pygame.Rect(
            sb.left, self.footer_area.bottom - th.control_h, sw, th.control_h
        )

    def _measure_info(self, width: int) -> None:
        th = self.theme
        s = self.scenario
        self.info_blocks: list[tuple[str, str, str, int]] = []
        self._info_h = 0
        if s is None:
            return
        pad = th.pad
        tw = width - 2 * pad
        blocks = [
            ("h2", vocab.text_of(s.title, self.lang), self.lang),
            (
                "body_dim",
                vocab.text_of(s.summary, self.lang) if not s.error else s.error,
                self.lang,
            ),
        ]
        if not s.error:
            checks = self.app.content.factchecks_by_id()
            # the figures' corrections beside the teaser; its interpretation, too long for
            # this fixed panel, is in the briefing under the same summary
            for kind, words in explain.notes(self, checks, s, interpretation=False):
                sym = explain.note_style(kind)[0]
                blocks.append((f"note.{kind}", f"{sym} {words}", self.lang))
        blocks.append(("small", self.t("setup.rounds_info", n=s.rounds), self.lang))
        items = vocab.package_items(s.package, self.lang, only_changed=True)
        if items:
            blocks.append(("head", self.t("setup.on_the_table"), self.lang))
            for _, label, value in items:
                blocks.append(("item", f"{label}: {value}", self.lang))
        y = pad
        for role, text, lang in blocks:
            style = self._info_style(role)
            h = text_height(text, style, tw - (th.px(18) if role == "item" else 0), lang)
            self.info_blocks.append((role, text, lang, y))
            y += h + (th.px(10) if role != "item" else th.px(4))
        self._info_h = y + pad

    def handle(self, event: pygame.event.Event) -> bool:
        if self.view.handle(event):
            return True
        return super().handle(event)

    def _status(self) -> tuple[str, bool]:
        if self.error:
            return self.error, True
        humans = self.humans
        if not humans:
            return self.t("setup.need_human"), True
        if len(humans) == 1:
            return self.t("setup.solo", seat=vocab.seat_name(humans[0], self.lang)), False
        return self.t("setup.hot_seat", n=len(humans)), False

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface)
        section_title(surface, self, self.t("setup.scenarios"), self.list_head)
        rounded(surface, self.list.rect.inflate(th.px(8), th.px(8)), c.panel, c.border, th.radius)
        vp = self.view.viewport
        old = surface.get_clip()
        if not self.info_in_view:
            section_title(surface, self, self.t("setup.summary"), self.info_head)
            self._draw_info(surface, self.info_rect)
        surface.set_clip(vp.clip(old))
        if self.info_in_view:
            self._draw_info(surface, self.view.to_screen(self.info_rect))
        top = vp.top - self.view.offset
        x0 = vp.left + (th.px(10) if self.rtl else 0)
        w = vp.width - th.px(10)
        section_title(
            surface, self, self.t("setup.seats"), pygame.Rect(x0, top + self.seats_head_y, w, 0)
        )
        section_title(
            surface, self, self.t("setup.options"), pygame.Rect(x0, top + self.options_head_y, w, 0)
        )
        draw_text(
            surface,
            self.t("setup.name"),
            pygame.Rect(x0, top + self.name_label_y, w, 0),
            th.text("caption"),
            self.lang,
            max_lines=1,
        )
        draw_text(
            surface,
            self.t("classroom.lesson.opener"),
            pygame.Rect(x0, top + self.opener_note_y, w, 0),
            th.text("caption"),
            self.lang,
            max_lines=3,
        )
        sh = self.seed_help.move(0, vp.top - self.view.offset)
        draw_text(
            surface,
            self.t("setup.seed_help"),
            sh,
            th.text("caption"),
            self.lang,
            max_lines=3,
            valign="middle",
        )
        # who plays: a sentence under the seats (a warning if nobody does)
        text, bad = self._status()
        style = th.text("small_bold").with_colour(c.bad if bad else c.accent_hi)
        text = ("⚠ " if bad else "✓ ") + text
        draw_text(surface, text, pygame.Rect(x0, top + self.status_y, w, 0), style, self.lang)
        surface.set_clip(old)
        self.view.draw_scrollbar(surface)
        self.ring.draw(surface)
        if not self.scenarios:
            draw_line(
                surface,
                self.t("setup.no_scenarios"),
                self.list.rect.center,
                th.text("body_dim"),
                self.lang,
                anchor="center",
            )

    def _draw_info(self, surface: pygame.Surface, info: pygame.Rect) -> None:
        th, c = self.theme, self.theme.c
        if self.scenario is None:
            return
        old = surface.get_clip()
        surface.set_clip(info.clip(old))
        rounded(surface, info, c.panel, c.border, th.radius)
        accent = at_start(
            pygame.Rect(info.left, info.top + th.px(20), info.width, th.px(36)), th.px(4), self.rtl
        )
        pygame.draw.rect(surface, c.accent, accent, border_radius=th.px(2))
        pad = th.pad
        for role, text, lang, y in self.info_blocks:
            r = pygame.Rect(info.left + pad, info.top + y, info.width - 2 * pad, 0)
            if role == "head":
                draw_text(surface, text, r, th.text("small_bold").with_colour(c.accent), lang)
            elif role == "item":
                bullet_x = r.right - th.px(6) if self.rtl else r.left + th.px(6)
                pygame.draw.circle(
                    surface,
                    c.accent,
                    (bullet_x, r.top + th.text("small").line_height // 2),
                    max(2, th.px(3)),
                )
                rr = pygame.Rect(
                    r.left + (0 if self.rtl else th.px(18)), r.top, r.width - th.px(18), 0
                )
                draw_text(surface, text, rr, th.text("small").with_colour(c.text), lang)
            else:
                draw_text(surface, text, r, self._info_style(role), lang)
        surface.set_clip(old)

    def _info_style(self, role: str) -> Any:
        th = self.theme
        if role.startswith("note."):
            kind = role[5:]
            base = th.text("small")
            return base.with_colour(explain.note_style(kind)[1])
        if role == "head":
            return th.text("small_bold")
        return th.text("small" if role == "item" else role)
