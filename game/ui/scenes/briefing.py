"""The briefing for one human seat (GAME-DESIGN 3.1, 5): who you are, what you say in
public, what you privately want, your red lines and where you can be moved, the situation,
the package on the table and how long the talks last. "Begin" (Enter) goes on.

In hot-seat the screen says it is private; the hand-off screen hides it from the next player.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import explain as ex
from game.ui import vocab
from game.ui.doc import (
    ActionBar,
    Block,
    Box,
    Card,
    Columns,
    DocView,
    Line,
    Meter,
    Overline,
    Rule,
    Text,
)
from game.ui.flow import text as loc
from game.ui.scene import Scene
from game.ui.scenes.round_dialogs import confirm_leave
from game.ui.text import line_width
from game.ui.theme import signal
from game.ui.widgets import Button

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

        self.begin = Button(self.app, label, self.go, chip="Enter", kind="primary", name="begin")
        self.ring.add(self.begin)
        self.ring.focus(self.begin)
        self.doc = DocView(self.app)
        self.actions = ActionBar(self.app)
        self.actions.end(self.begin, min_width=300)

    def go(self) -> None:
        self.then()

    def back(self) -> bool:
        confirm_leave(self.app, self.flow)
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if self.doc.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.go()
            return True
        return super().handle(event)

    # ------------------------------------------------------------ content

    def _actor(self) -> dict[str, Any]:
        return dict(self.flow.actors[self.seat])

    def _private(self) -> list[Block]:
        th, c, lang, f = self.theme, self.theme.c, self.lang, self.flow
        actor = self._actor()
        out: list[Block] = []
        if f.hot_seat:
            warning = Text(
                self,
                f"{signal('warning')[0]} "
                + self.t("briefing.for_eyes_of", seat=vocab.seat_name(self.seat, lang)),
                "small_bold",
                colour=c.warn,
            )
            out.append(
                Card(
                    self,
                    [warning],
                    fill=c.highlight,
                    border=c.accent_dim,
                    pad=12,
                    pad_y=10,
                    bleed=True,
                ).then(14)
            )
        out.append(self._overline("briefing.public_position"))
        out.append(Text(self, loc(actor.get("public_position"), lang)).then(16))
        out.append(self._overline("briefing.objectives"))
        out.append(Text(self, loc(actor.get("private_objectives"), lang)).then(8))
        scen = self._briefing()
        if scen is not None and getattr(scen, "objectives", None):
            out.append(
                Text(
                    self,
                    self.t("briefing.in_this_scenario")
                    + " "
                    + vocab.text_of(scen.objectives, lang),
                    colour=c.accent_hi,
                ).then(8)
            )
        out[-1].after = (out[-1].after or 0) + 8
        red = actor.get("red_lines", [])
        flex = actor.get("flexible", [])
        if red:
            out.append(self._overline("briefing.red_lines"))
            for o in red:
                out.append(
                    Text(self, f"{signal('result.failure')[0]} " + loc(o.get("says"), lang)).then(6)
                )
            out[-1].after = 16
        if flex:
            out.append(self._overline("briefing.conditions"))
            out.append(Text(self, self.t("briefing.conditions_help"), "small").then(8))
            for o in flex:
                out.append(Text(self, "◐ " + loc(o.get("says"), lang)).then(6))
            out[-1].after = 16
        positions = actor.get("positions", [])
        if positions:
            out.append(self._overline("briefing.flexible"))
            out.append(Text(self, self.t("briefing.flexible_help"), "small").then(8))
            for p in positions:
                value = int(f.state["positions"].get(p["id"], p.get("start", 0)))
                out.append(
                    Line(
                        self,
                        loc(p.get("label"), lang),
                        str(value),
                        role="small",
                        colour=c.text,
                        value_role="small_bold",
                        value_lang=lang,
                    ).then(4)
                )
                out.append(Meter(self, value, colour=th.c.info, height=8).then(12))
        moves = actor.get("moves", [])
        if moves:
            out[-1].after = (out[-1].after or 0) + 8
            out.append(self._overline("briefing.moves"))
            for m in moves:
                out.append(Text(self, "• " + loc(m.get("name"), lang)).then(4))
        return out

    def _notes(self, out: list[Block], item: Any, after: int) -> None:
        """The item's fact checks, interpretation and "invented" tag under the text just put
        in `out` (which keeps its room under the last)."""
        blocks = ex.note_blocks(self, self.flow.factchecks, item)
        if not blocks:
            return
        out[-1].after = 8
        for b in blocks:
            out.append(b.then(6))
        out[-1].after = after

    def _overline(self, key: str) -> Block:
        return Overline(self, self.t(key)).then(8)

    def _briefing(self) -> Any:
        sc = getattr(self.flow.bundle, "scenario", None)
        b = getattr(sc, "briefings", None) or {}
        return b.get(self.seat)

    def _public(self) -> list[Block]:
        lang, f = self.lang, self.flow
        sc = getattr(f.bundle, "scenario", None)
        out: list[Block] = [self._overline("briefing.scenario")]
        out.append(Text(self, loc(f.book.get("title"), lang), "h3").then(6))
        if sc is not None:
            out.append(Text(self, vocab.text_of(sc.summary, lang), "body_dim").then(14))
            self._notes(out, sc, 14)
        scen = self._briefing()
        if scen is not None and getattr(scen, "situation", None):
            out.append(self._overline("briefing.situation"))
            out.append(Text(self, vocab.text_of(scen.situation, lang)).then(16))
            self._notes(out, scen, 16)
        out.append(self._overline("briefing.on_the_table"))
        items = vocab.package_items(f.state["package"], lang, only_changed=True)
        if not items:
            out.append(Text(self, self.t("briefing.empty_package"), "body_dim").then(6))
        for _, label, value in items:
            out.append(Text(self, f"• {label}: {value}").then(4))
        out[-1].after = (out[-1].after or 0) + 14
        out.append(self._overline("briefing.calendar"))
        out.append(
            Text(
                self,
                self.t(
                    "briefing.rounds",
                    n=f.rounds,
                    date=vocab.date_words(f.state.get("date", ""), lang),
                ),
            ).then(6)
        )
        for s in f.engine.seats:
            if s == self.seat:
                continue
            who = (
                self.t("common.human")
                if f.state["seats"][s] == "human"
                else self.t("common.computer")
            )
            out.append(Text(self, f"• {f.seat_name(s, lang)}: {who}", "small").then(2))
        out.append(Text(self, f"• {self.t('seat.russia_long')}", "small").then(2))
        return out

    # ------------------------------------------------------------ layout and drawing

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "")
        main = self.actions.layout(f.body)
        wide = main.width - th.px(14) >= th.px(860)
        if wide:
            page: Block = Columns(
                self,
                [(self._column(self._private()), 0.5), (self._column(self._public()), None)],
                gap=36,
            )
        else:
            both = self._private()
            both[-1].after = (both[-1].after or 0) + 20
            page = self._column([*both, Rule(self).then(11), *self._public()])
        self.doc.layout(main, [page])

    def _column(self, blocks: list[Block]) -> Block:
        """A column of the briefing: its blocks with a margin at both sides; a section label
        below other blocks has 6 px more above it than under it."""
        for prev, b in pairwise(blocks):
            if isinstance(b, Overline):
                prev.after = (prev.after or 0) + 6
        return Box(self, blocks, pad=12, pad_y=8, gap=0)

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
        self.doc.draw(surface)
        self.actions.draw(surface)
        self.ring.draw(surface)
