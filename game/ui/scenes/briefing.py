"""The briefing for one human seat (GAME-DESIGN 3.1, 5): who you are, what you say in
public, what you privately want, your red lines and where you can be moved, the situation,
the package on the table and how long the talks last. "Begin" (Enter) goes on.

In hot-seat the screen says it is private; the hand-off screen hides it from the next player.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import vocab
from game.ui.cards import ChipButton, Doc
from game.ui.flow import text as loc
from game.ui.layout import at_end, row
from game.ui.scene import Scene
from game.ui.text import line_width
from game.ui.theme import signal
from game.ui.widgets import ScrollView

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, app: App, flow: GameFlow, seat: str, then: Callable[[], Any]) -> None:
        self.flow = flow
        self.seat = seat
        self.then = then
        super().__init__(app)

    # ------------------------------------------------------------ widgets and keys

    def build(self) -> None:
        humans = self.flow.humans
        last = self.seat not in humans or humans.index(self.seat) == len(humans) - 1

        def label() -> str:
            if last:
                return self.t("briefing.begin")
            nxt = humans[humans.index(self.seat) + 1]
            return self.t("briefing.next_for", seat=vocab.seat_name(nxt, self.lang))

        self.begin = ChipButton(
            self.app, label, self.go, chip="Enter", kind="primary", name="begin"
        )
        self.ring.add(self.begin)
        self.ring.focus(self.begin)
        self.view = ScrollView(self.app)
        self.docs: list[Doc] = []

    def go(self) -> None:
        self.then()

    def back(self) -> bool:
        from game.ui.scenes.round_dialogs import confirm_leave

        confirm_leave(self.app, self.flow)
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if self.view.handle(event):
            return True
        if event.type == pygame.KEYDOWN:
            step = {
                pygame.K_UP: -self.theme.px(48),
                pygame.K_DOWN: self.theme.px(48),
                pygame.K_PAGEUP: -self.view.viewport.height * 4 // 5,
                pygame.K_PAGEDOWN: self.view.viewport.height * 4 // 5,
                pygame.K_HOME: -(10**6),
                pygame.K_END: 10**6,
            }.get(event.key)
            if step is not None:
                self.view.scroll_by(step)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.go()
                return True
        return super().handle(event)

    # ------------------------------------------------------------ content

    def _actor(self) -> dict[str, Any]:
        return dict(self.flow.actors[self.seat])

    def _private(self, doc: Doc) -> None:
        th, c, lang, f = self.theme, self.theme.c, self.lang, self.flow
        actor = self._actor()
        if f.hot_seat:
            top = doc.y
            mark = doc.begin()
            doc.space(th.px(10))
            doc.text(
                f"{signal('warning')[0]} "
                + self.t("briefing.for_eyes_of", seat=vocab.seat_name(self.seat, lang)),
                th.text("small_bold").with_colour(c.warn),
                after=th.px(10),
            )
            doc.end(mark, top, fill=c.highlight, border=c.accent_dim)
            doc.space(th.px(14))
        doc.heading(self.t("briefing.public_position"))
        doc.text(loc(actor.get("public_position"), lang), "body", after=th.px(16))
        doc.heading(self.t("briefing.objectives"))
        doc.text(loc(actor.get("private_objectives"), lang), "body", after=th.px(8))
        scen = self._briefing()
        if scen is not None and getattr(scen, "objectives", None):
            doc.text(
                self.t("briefing.in_this_scenario") + " " + vocab.text_of(scen.objectives, lang),
                th.text("body").with_colour(c.accent_hi),
                after=th.px(8),
            )
        doc.space(th.px(8))
        red = actor.get("red_lines", [])
        flex = actor.get("flexible", [])
        if red:
            doc.heading(self.t("briefing.red_lines"))
            for o in red:
                doc.text(
                    f"{signal('result.failure')[0]} " + loc(o.get("says"), lang),
                    "body",
                    after=th.px(6),
                )
            doc.space(th.px(10))
        if flex:
            doc.heading(self.t("briefing.conditions"))
            doc.text(self.t("briefing.conditions_help"), "small", after=th.px(8))
            for o in flex:
                doc.text("◐ " + loc(o.get("says"), lang), "body", after=th.px(6))
            doc.space(th.px(10))
        positions = actor.get("positions", [])
        if positions:
            doc.heading(self.t("briefing.flexible"))
            doc.text(self.t("briefing.flexible_help"), "small", after=th.px(8))
            for p in positions:
                value = int(f.state["positions"].get(p["id"], p.get("start", 0)))
                self._value_row(doc, loc(p.get("label"), lang), value)
        moves = actor.get("moves", [])
        if moves:
            doc.space(th.px(8))
            doc.heading(self.t("briefing.moves"))
            for m in moves:
                doc.text("• " + loc(m.get("name"), lang), "body", after=th.px(4))

    def _value_row(self, doc: Doc, label: str, value: int) -> None:
        th = self.theme
        doc.value_row(label, str(value), after=th.px(4))
        doc.meter(value, th.c.info, after=th.px(12))

    def _briefing(self) -> Any:
        sc = getattr(self.flow.bundle, "scenario", None)
        b = getattr(sc, "briefings", None) or {}
        return b.get(self.seat)

    def _public(self, doc: Doc) -> None:
        th, lang, f = self.theme, self.lang, self.flow
        sc = getattr(f.bundle, "scenario", None)
        doc.heading(self.t("briefing.scenario"))
        doc.text(loc(f.book.get("title"), lang), "h3", after=th.px(6))
        if sc is not None:
            doc.text(vocab.text_of(sc.summary, lang), "body_dim", after=th.px(14))
        scen = self._briefing()
        if scen is not None and getattr(scen, "situation", None):
            doc.heading(self.t("briefing.situation"))
            doc.text(vocab.text_of(scen.situation, lang), "body", after=th.px(16))
        doc.heading(self.t("briefing.on_the_table"))
        items = vocab.package_items(f.state["package"], lang, only_changed=True)
        if not items:
            doc.text(self.t("briefing.empty_package"), "body_dim", after=th.px(6))
        for _, label, value in items:
            doc.text(f"• {label}: {value}", "body", after=th.px(4))
        doc.space(th.px(14))
        doc.heading(self.t("briefing.calendar"))
        doc.text(
            self.t(
                "briefing.rounds",
                n=f.engine.rounds,
                date=vocab.date_words(f.state.get("date", ""), lang),
            ),
            "body",
            after=th.px(6),
        )
        others = [s for s in f.engine.seats if s != self.seat]
        for s in others:
            who = (
                self.t("common.human")
                if f.state["seats"][s] == "human"
                else self.t("common.computer")
            )
            doc.text(f"• {f.seat_name(s, lang)}: {who}", "small", after=th.px(2))
        doc.text(f"• {self.t('seat.russia_long')}", "small", after=th.px(2))

    # ------------------------------------------------------------ layout and drawing

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "")
        body = f.body
        bar_h = th.control_h + th.px(14)
        bw = min(body.width, max(th.px(300), self.begin.natural_width()))
        self.begin.rect = at_end(
            pygame.Rect(body.left, body.bottom - th.control_h, body.width, th.control_h),
            bw,
            self.rtl,
        )
        vp = pygame.Rect(body.left, body.top, body.width, body.height - bar_h)
        self.view.reset(vp)
        sb = th.px(14)
        usable = pygame.Rect(vp.left + (sb if self.rtl else 0), vp.top, vp.width - sb, vp.height)
        pad = th.px(12)
        if usable.width >= th.px(860):
            cols = row(usable, [0.5, None], th.px(36), self.rtl)
        else:
            cols = [usable]
        self.docs = []
        for i, col in enumerate(cols):
            d = Doc(self.app, self.view, col.left + pad, col.width - 2 * pad, th.px(8))
            self.docs.append(d)
            if len(cols) == 1:
                self._private(d)
                d.space(th.px(20))
                d.rule()
                self._public(d)
            elif i == 0:
                self._private(d)
            else:
                self._public(d)
            self.view.extend(d.y + th.px(8))
        self.view.apply()

    def _heading(self) -> str:
        """The seat's full name when it fits in the header, else its short one."""
        th = self.theme
        title = self.t("briefing.heading", seat=self.flow.seat_name(self.seat, self.lang))
        f = self.frame
        if f is None:
            return title
        room = f.header.width - (self._back.rect.width + th.pad if self._back else 0)
        if line_width(title, th.text("h1"), self.lang) > room:
            title = self.t("briefing.heading", seat=vocab.seat_name(self.seat, self.lang))
        return title

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface, title=self._heading())
        for d in self.docs:
            d.draw(surface)
        self.view.draw_scrollbar(surface)
        self.ring.draw(surface)
