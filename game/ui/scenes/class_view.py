"""The class view (GAME-DESIGN 7): one screen for the projector. F8 from any game screen
(and from the facilitator's console); Esc goes back.

Every seat's public position (who plays it, its positions, whether it agreed to the draft,
its arguments and move this round, how many cards it holds), the package on the table and
the draft, the credibility-acceptability chart with Russia's threshold, the indicators, and
Russia's last answer in short (stance, one line why, the top rule with its paragraph ids);
D shows Russia's answer in full (unless the facilitator hid the rules). Drawn in large type
(its own theme, 1.5x at 1280x800, more on a bigger window) and, as a setting, in high
contrast.

It reads ONLY the public view (`class_view_model.public_view`): briefings, objectives and
hands are never on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.engine import package as pkg
from game.ui import classroom, vocab
from game.ui.chart import ChartWords, Point, draw_chart
from game.ui.class_view_model import public_view
from game.ui.layout import row
from game.ui.scene import Scene
from game.ui.text import TextStyle, draw_line, draw_text, fits, line_width, text_height
from game.ui.theme import HIGH_CONTRAST, PALETTE, Theme, signal
from game.ui.widgets import rounded

if TYPE_CHECKING:
    from game.engine.russia import Answer
    from game.ui.app import App
    from game.ui.flow import GameFlow

BASE_SCALE = 1.5
"""The class view's type at 1280x800: half as large again as the other screens."""
SETTING = "high_contrast"
"""`settings.extra[SETTING]`: the class view in high contrast."""


def high_contrast(app: App) -> bool:
    return bool(app.settings.extra.get(SETTING, False))


def open_class_view(app: App) -> bool:
    """F8: the class view over the game (closes it when it is on top); False outside a game."""
    if isinstance(app.top, ClassViewScene):
        app.pop()
        return True
    flow = classroom.game_flow(app)
    if flow is None:
        return False
    app.push(ClassViewScene(app, flow))
    return True


class ClassViewScene(Scene):
    name = "class_view"
    back_button = False

    def __init__(self, app: App, flow: GameFlow) -> None:
        self.flow = flow
        self.details = False
        self.offset = 0
        """How far Russia's answer in full is scrolled (arrows, Page Up/Down, the wheel)."""
        self.max_offset = 0
        self.labels_cut = False
        """Whether the last drawing cut a position's name in the seats' column."""
        self.wrap_room = 0
        """The height left in the seats' column for second lines of positions' names."""
        self.label_style: TextStyle | None = None
        """The type of the positions' names (a step smaller when they would be cut)."""
        self._theme = Theme(BASE_SCALE)
        self.chart_points: list[Point] = []
        super().__init__(app)

    @property
    def theme(self) -> Theme:
        """Its own theme: larger than the app's, in high contrast when that is set."""
        w, h = self.app.screen.get_size()
        scale = BASE_SCALE * min(w / 1280, h / 800)
        palette = HIGH_CONTRAST if high_contrast(self.app) else PALETTE
        if self._theme.palette is not palette:
            self._theme = Theme(scale, palette)
        elif abs(self._theme.scale - scale) > 0.01:
            self._theme.set_scale(scale)
        return self._theme

    FOOTER = (("D", "classroom.cv.details"), ("F8", "classroom.cv.close"))

    def footer_items(self) -> list[tuple[str, str]]:
        return [("Esc", self.t("footer.back")), *[(k, self.t(v)) for k, v in self.FOOTER]]

    def footer_action(self, key: str) -> Any:
        return {"Esc": self.back, "D": self.toggle_details, "F8": self.back}.get(key)

    def toggle_details(self) -> None:
        self.details = not self.details
        self.offset = 0
        self.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_d:
            self.toggle_details()
            return True
        if self.details and event.type in (pygame.KEYDOWN, pygame.MOUSEWHEEL):
            step = self.theme.px(60)
            if event.type == pygame.MOUSEWHEEL:
                dy = -int(getattr(event, "y", 0)) * step
            else:
                dy = {pygame.K_DOWN: step, pygame.K_UP: -step}.get(event.key, 0)
                dy += {pygame.K_PAGEDOWN: 6 * step, pygame.K_PAGEUP: -6 * step}.get(event.key, 0)
            if dy:
                self.offset = max(0, min(self.max_offset, self.offset + dy))
                return True
        return False

    def update(self, dt_ms: int) -> bool:
        return False

    # ------------------------------------------------------------ reading the game

    def view(self) -> dict[str, Any]:
        return public_view(self.flow.state)

    def _answer(self, view: dict[str, Any], package: Any) -> Answer:
        return self.flow.engine.assess(view, package)  # type: ignore[arg-type]

    # ------------------------------------------------------------ layout and drawing

    def layout(self, rect: pygame.Rect) -> None:
        self.standard_frame(rect, "")

    def s(self, role: str, colour: Any = None) -> TextStyle:
        st = self.theme.text(role)
        return st.with_colour(colour) if colour is not None else st

    def text(
        self, surface: pygame.Surface, words: str, r: pygame.Rect, y: int, role: str, **kw: Any
    ) -> int:
        """Draw wrapped words at y in column r; return the next y."""
        colour = kw.pop("colour", None)
        if y >= r.bottom:
            return y
        h = draw_text(
            surface,
            words,
            pygame.Rect(r.left, y, r.width, 0),
            self.s(role, colour),
            self.lang,
            **kw,
        )
        return y + h

    def heading(self, surface: pygame.Surface, words: str, r: pygame.Rect, y: int) -> int:
        th = self.theme
        if y >= r.bottom:
            return y
        y = self.text(surface, words, r, y, "h3", colour=th.c.accent, max_lines=1)
        pygame.draw.rect(surface, th.c.border, (r.left, y + th.px(2), r.width, max(1, th.px(1))))
        return y + th.px(8)

    def value_line(
        self,
        surface: pygame.Surface,
        label: str,
        value: int,
        r: pygame.Rect,
        y: int,
        wrap: bool = False,
    ) -> int:
        """A label at the start, its value (0-100) at the end, a thin bar under both; with
        `wrap`, a label too long for one line takes two, else it is cut (`labels_cut`)."""
        th, c = self.theme, self.theme.c
        if y >= r.bottom:
            return y
        style = (self.label_style or self.s("small")).with_colour(c.text)
        num = str(value)
        nw = line_width(num, self.s("small_bold"), self.lang)
        room = r.width - nw - th.px(8)
        lh = style.line_height
        whole = fits(label, style.font, room)
        if not whole and wrap and self.wrap_room >= lh:
            self.wrap_room -= lh
        else:
            wrap = False
        if whole or not wrap:
            self.labels_cut |= not whole
            anchor = (r.right, y) if self.rtl else (r.left, y)
            draw_line(
                surface,
                label,
                anchor,
                style,
                self.lang,
                anchor="topright" if self.rtl else "topleft",
                max_width=room,
            )
        else:
            box = pygame.Rect(r.left if not self.rtl else r.right - room, y, room, 2 * lh)
            self.labels_cut |= text_height(label, style, room, self.lang) > 2 * lh
            lh = draw_text(surface, label, box, style, self.lang, max_lines=2)
        if self.rtl:
            draw_line(surface, num, (r.left, y), self.s("small_bold"), self.lang)
        else:
            draw_line(
                surface, num, (r.right, y), self.s("small_bold"), self.lang, anchor="topright"
            )
        bar = pygame.Rect(r.left, y + lh - th.px(2), r.width, th.px(3))
        pygame.draw.rect(surface, c.panel_hi, bar)
        fill = pygame.Rect(
            bar.left, bar.top, bar.width * max(0, min(100, value)) // 100, bar.height
        )
        if self.rtl:
            fill.right = bar.right
        pygame.draw.rect(surface, c.accent, fill)
        return y + lh + th.px(4)

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        surface.fill(c.bg)
        view = self.view()
        w, h = surface.get_size()
        m = th.px(12)
        head = pygame.Rect(m, m // 2, w - 2 * m, th.text("h2").line_height + th.px(4))
        self._header(surface, view, head)
        footer_h = th.text("caption").line_height + th.px(16)
        body = pygame.Rect(
            m, head.bottom + th.px(4), w - 2 * m, h - head.bottom - footer_h - th.px(8)
        )
        if self.details:
            self._details(surface, view, body)
        else:
            a, b, cc = row(body, [0.35, 0.29, None], th.px(16), self.rtl)
            old = surface.get_clip()
            for part, draw in (
                (a, self._seats),
                (b, self._table),
                (cc, self._chart_and_indicators),
            ):
                surface.set_clip(part.clip(old))
                draw(surface, view, part)
            surface.set_clip(old)
        self.draw_footer(surface)

    def _header(self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect) -> None:
        c = self.theme.c
        words = " · ".join(
            [
                self.t("common.round_of", n=view["round"], total=view["rounds"]),
                vocab.date_words(str(view["date"]), self.lang),
            ]
        )
        draw_line(
            surface,
            words,
            (r.right, r.centery) if self.rtl else (r.left, r.centery),
            self.s("h2"),
            self.lang,
            anchor="midright" if self.rtl else "midleft",
            max_width=int(r.width * 0.6),
        )
        if view["phase"] == "over":
            status = self.t("classroom.phase.over")
        elif view["phase"] == "signing":
            status = self.t("classroom.phase.signing")
        else:
            seat = view.get("turn") or self.flow.current_seat
            status = self.t("classroom.turn", seat=vocab.seat_name(str(seat), self.lang))
        draw_line(
            surface,
            status,
            (r.left, r.centery) if self.rtl else (r.right, r.centery),
            self.s("h3", c.accent),
            self.lang,
            anchor="midleft" if self.rtl else "midright",
            max_width=int(r.width * 0.38),
        )

    def _seats(self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect) -> None:
        """Each seat's public position: a position's name that needs two lines takes them,
        as many as the room under the column's last line pays for, first come first; the
        others are cut (`labels_cut` says so)."""
        trial = pygame.Surface(surface.get_size())
        tall = pygame.Rect(r.left, r.top, r.width, 10**5)  # measured without the bottom
        th = self.theme
        smaller = Theme(max(0.75, th.scale * 0.8), th.palette).text("caption")
        # the names a step smaller, then another, when they would be cut
        for style in (th.text("small"), th.text("caption"), smaller):
            self.label_style = style
            self.wrap_room = 0
            plain = self._seats_drawn(trial, view, tall, wrap=False)
            # the room under the column's last line pays for second lines, first come first
            self.wrap_room = max(0, r.bottom - plain)
            self.labels_cut = False
            self._seats_drawn(trial, view, r, wrap=True)
            if not self.labels_cut:
                break
        self.wrap_room = max(0, r.bottom - plain)
        self.labels_cut = False
        self._seats_drawn(surface, view, r, wrap=True)
        self.label_style, self.wrap_room = None, 0  # the indicators' names as they were

    def _seats_drawn(
        self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect, wrap: bool
    ) -> int:
        th = self.theme
        y = self.heading(surface, self.t("classroom.cv.seats"), r, r.top)
        answers = view.get("answers") or {}
        agreed = {s for s, a in answers.items() if a == "agree"} | set(view.get("agreed", []))
        objected = {s for s, a in answers.items() if isinstance(a, list)}
        for seat in self.flow.engine.seats:
            if y >= r.bottom:
                break
            who = self.t(
                "classroom.cv.team"
                if view["seats"].get(seat) == "human"
                else "classroom.cv.computer"
            )
            name = vocab.seat_name(seat, self.lang)
            used = view.get("used", {}).get(seat, {})
            bits = [who]
            if view.get("draft") is not None:
                bits.append(
                    "✓ " + self.t("classroom.cv.agreed")
                    if seat in agreed
                    else "✗ " + self.t("classroom.cv.objected")
                    if seat in objected
                    else "… " + self.t("classroom.cv.not_agreed")
                )
            if used.get("arguments"):
                bits.append(self.t("classroom.cv.arguments", n=used["arguments"]))
            if view["seats"].get(seat) == "human":
                bits.append(self.t("classroom.cv.cards", n=view["hand_sizes"].get(seat, 0)))
            if used.get("move"):
                bits.append(self.flow.label(str(used["move"]), self.lang))
            meta = " · ".join(bits)
            # the seat's name, and what it did on the same line when there is room for it
            bold, cap = self.s("body_bold"), self.s("caption")
            name_w = line_width(name, bold, self.lang)
            beside = r.width - name_w - th.px(16)
            if fits(meta, cap.font, beside):
                draw_line(
                    surface,
                    name,
                    (r.right, y) if self.rtl else (r.left, y),
                    bold,
                    self.lang,
                    anchor="topright" if self.rtl else "topleft",
                )
                at = (r.left, y + bold.line_height) if self.rtl else (r.right, y + bold.line_height)
                draw_line(
                    surface,
                    meta,
                    at,
                    cap.with_colour(self.theme.c.text_dim),
                    self.lang,
                    anchor="bottomleft" if self.rtl else "bottomright",
                )
                y += bold.line_height
            else:
                y = self.text(surface, name, r, y, "body_bold", max_lines=1)
                y = self.text(surface, meta, r, y, "caption", max_lines=2)
            for p in self.flow.actors[seat].get("positions", []):
                value = int(view["positions"].get(p["id"], 0))
                label = vocab.text_of(p.get("label"), self.lang)
                y = self.value_line(surface, label, value, r, y, wrap=wrap)
            y += th.px(6)
        return y

    def _table(self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect) -> None:
        th, c = self.theme, self.theme.c
        y = self._russia(surface, view, r) + th.px(10)
        y = self.heading(surface, self.t("classroom.cv.package"), r, y)
        items = vocab.package_items(view["package"], self.lang, only_changed=True)
        for _, label, value in items:
            y = self.text(surface, f"{label}: {value}", r, y, "small", colour=c.text, max_lines=2)
        draft = view.get("draft")
        if draft is not None:
            changed = pkg.changed_clauses(view["package"], draft)
            by = vocab.seat_name(str(view.get("draft_by", "")), self.lang)
            y += th.px(4)
            y = self.text(
                surface,
                self.t("classroom.cv.draft", seat=by),
                r,
                y,
                "small_bold",
                colour=c.accent,
                max_lines=1,
            )
            for clause, label, value in vocab.package_items(draft, self.lang):
                if clause.split(".")[0] in changed or clause in changed:
                    y = self.text(
                        surface,
                        f"{label}: {value}",
                        r,
                        y,
                        "small",
                        colour=c.accent_hi,
                        max_lines=2,
                    )

    def _russia(self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect) -> int:
        """Russia's last answer in short: stance, one line why, the top rule and its ids;
        returns the y under it."""
        c = self.theme.c
        y = self.heading(surface, self.t("classroom.cv.russia"), r, r.top)
        ans = view.get("answer")
        if not ans:
            return self.text(surface, self.t("classroom.cv.no_answer"), r, y, "small")
        _, colour = signal("stance." + ans["stance"])
        y = self.text(
            surface,
            vocab.stance_label(ans["stance"], self.lang),
            r,
            y,
            "h2",
            colour=colour,
            max_lines=1,
        )
        if classroom.desk(self.flow).rules_hidden:
            return self.text(surface, self.t("classroom.cv.rules_hidden"), r, y, "small")
        why = self.flow.statement(ans["stance"], ans["rules"], self.lang)
        y = self.text(surface, why, r, y, "small", colour=c.text, max_lines=1)
        if ans["rules"]:
            top = ans["rules"][0]
            ids = ", ".join(self.flow.rules[top].get("source", []))
            y = self.text(
                surface,
                f"{ids}: {self.flow.label(top, self.lang)}",
                r,
                y,
                "small_bold",
                colour=c.accent_hi,
                max_lines=1,
            )
        return self.text(surface, self.t("classroom.cv.details_hint"), r, y, "caption")

    def _chart_and_indicators(
        self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect
    ) -> None:
        th = self.theme
        y = self.heading(surface, self.t("classroom.cv.chart"), r, r.top)
        table = self._answer(view, view["package"])
        points = [
            Point(
                int(h["credibility"]),
                int(h["acceptability"]),
                self.t("round.chart_round", n=h["round"]),
                "past",
                h.get("stance") == "reject",
            )
            for h in view.get("history", [])
        ]
        points.append(
            Point(
                table.credibility,
                table.acceptability,
                self.t("round.chart_table"),
                "table",
                table.stance == "reject",
                table.raw_acceptability,
            )
        )
        if view.get("draft") is not None and pkg.changed_clauses(view["package"], view["draft"]):
            d = self._answer(view, view["draft"])
            points.append(
                Point(
                    d.credibility,
                    d.acceptability,
                    self.t("classroom.cv.chart_draft"),  # the class's draft, nobody's "yours"
                    "draft",
                    d.stance == "reject",
                    d.raw_acceptability,
                )
            )
        self.chart_points = points  # as last drawn, their labels as shown
        words = ChartWords(
            x_axis=self.t("round.chart_x"),
            y_axis=self.t("round.chart_y"),
            threshold=self.t("round.threshold_value", value=table.threshold),
            accept_zone=self.t("round.zone_accept"),
            counter_zone=self.t("round.zone_counter"),
        )
        indicators = list(view["indicators"].items())
        line = th.text("small").line_height
        need = len(indicators) * (line + th.px(4)) + th.text("h3").line_height + th.px(16)
        ch = max(th.px(160), min(int(r.width * 0.9), r.bottom - y - need))
        # the chart's own words a little smaller than the rest, so that its plot has room
        small = Theme(max(1.0, th.scale * 0.8), th.palette)
        draw_chart(
            surface,
            pygame.Rect(r.left, y, r.width, ch),
            small,
            self.lang,
            threshold=table.threshold,
            counter_margin=int(self.flow.engine.threshold.get("counter_margin", 15)),
            points=points,
            words=words,
        )
        y += ch + th.px(6)
        y = self.heading(surface, self.t("classroom.cv.indicators"), r, y)
        for name, value in indicators:
            y = self.value_line(surface, vocab.indicator_name(name, self.lang), int(value), r, y)

    def _details(self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect) -> None:
        """Russia's answer in full: its words and every rule with its paragraphs."""
        th, c = self.theme, self.theme.c
        rounded(surface, r, c.panel, c.border, th.radius)
        r = r.inflate(-2 * th.pad, -2 * th.pad)
        old = surface.get_clip()
        surface.set_clip(r.clip(old))
        end = self._answer_in_full(surface, view, r, r.top - self.offset)
        surface.set_clip(old)
        self.max_offset = max(0, end + self.offset - r.bottom)

    def _answer_in_full(
        self, surface: pygame.Surface, view: dict[str, Any], r: pygame.Rect, top: int
    ) -> int:
        """Draw the answer in full from `top` (scrolled); return the y under it."""
        th, c = self.theme, self.theme.c
        r = pygame.Rect(r.left, r.top, r.width, 10**6)  # every line drawn, the clip cuts
        y = self.heading(surface, self.t("classroom.cv.russia_full"), r, top)
        ans = view.get("answer")
        if not ans:
            return self.text(surface, self.t("classroom.cv.no_answer"), r, y, "body")
        _, colour = signal("stance." + ans["stance"])
        y = self.text(
            surface,
            vocab.stance_label(ans["stance"], self.lang),
            r,
            y,
            "h2",
            colour=colour,
        )
        if classroom.desk(self.flow).rules_hidden:
            return self.text(surface, self.t("classroom.cv.rules_hidden"), r, y, "body")
        y = self.text(
            surface, self.flow.statement(ans["stance"], ans["rules"], self.lang), r, y, "body"
        )
        y += th.px(8)
        for rule_id in ans["rules"]:
            rule = self.flow.rules[rule_id]
            ids = ", ".join(rule.get("source", []))
            y = self.text(
                surface,
                f"{self.flow.label(rule_id, self.lang)} ({ids})",
                r,
                y,
                "body_bold",
                colour=c.accent_hi,
                max_lines=2,
            )
            says = vocab.text_of(rule.get("says"), self.lang)
            if says:
                y = self.text(surface, says, r, y, "small", colour=c.text, max_lines=3)
            y += th.px(6)
        return y
