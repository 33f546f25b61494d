"""The signing (GAME-DESIGN 3.7, 3.9): Russia has accepted; each human seat signs or refuses.

The package as it would be signed; its credibility, with the yearly chance of a new attack
that the epilogue will roll, and a plain warning when the guarantee would deter little (the
Budapest lesson, P16); who has signed so far; and, for `flow.current_seat`, Sign (S) or
Refuse (R). Then `game_nav.after_answer` (the hand-off between human seats happens there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pygame

from game.engine.game import ActionError
from game.ui import explain as ex
from game.ui import vocab
from game.ui.doc import (
    ActionBar,
    Block,
    Card,
    DocView,
    Heading,
    Line,
    Meter,
    Text,
    Widgets,
)
from game.ui.layout import row
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.theme import signal
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow

LOW_CREDIBILITY = 40
"""Below this the screen warns that the guarantee would deter little (a tripwire or paper)."""


class SigningScene(Scene):
    name = "signing"
    back_button = False

    def __init__(self, app: App, flow: GameFlow) -> None:
        self.flow = flow
        self.seat = flow.current_seat
        self.error = ""
        super().__init__(app)

    def build(self) -> None:
        app = self.app
        self.sign = Button(
            app, "round.sign", self.do_sign, shortcut="s", kind="primary", name="sign"
        )
        self.refuse = Button(
            app, "round.refuse", self.do_refuse, shortcut="r", kind="secondary", name="refuse"
        )
        self.ring.add(self.sign, self.refuse)
        # the buttons' words first: at a big scale the key hints beside them give way
        self.actions = ActionBar(self.app, lambda: self.t("after.signing.keys"))
        self.actions.end(self.refuse, self.sign, min_width=220)
        self.links = ex.Links(self)
        self.doc = DocView(app)
        self.side = DocView(app)
        self.ring.on_focus = self.doc.reveal
        self.ring.focus(self.sign)

    # ------------------------------------------------------------ actions

    def _act(self, kind: Literal["sign", "refuse"]) -> None:
        try:
            events = self.flow.act({"type": kind, "seat": self.seat})
        except ActionError as e:
            self.error = str(e)
            self._layout_key = None  # the error is a block of the laid-out page: lay it out again
            self.dirty = True
            return
        others = [e for e in events if e["type"] == "refused_to_sign" and e["seat"] != self.seat]
        if others:  # a seat after this one would not sign: say who and why before going on
            game_nav.after_table(self.app, self.flow, events)
            return
        game_nav.after_answer(self.app, self.flow)

    def do_sign(self) -> None:
        self._act("sign")

    def do_refuse(self) -> None:
        self._act("refuse")

    def back(self) -> bool:
        return True  # the seat must choose: sign or refuse

    def handle(self, event: pygame.event.Event) -> bool:
        if self.doc.handle(event):
            return True
        return super().handle(event)

    # ------------------------------------------------------------ layout

    @property
    def credibility(self) -> int:
        ans = self.flow.state["answer"]
        return int(ans["credibility"]) if ans else 0

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "after.signing.heading")
        body = f.body
        main = self.actions.layout(body)
        left = self._decision()
        right = self._guarantee()
        side_w = min(max(int(main.width * 0.42), th.px(360)), th.px(540))
        self.two = main.width - side_w >= th.px(480)
        if self.two:
            a, b = row(main, [side_w, None], th.px(28), self.rtl)
            self.side.layout(a, left)
            self.doc.layout(b, right)
        else:
            self.side.layout(pygame.Rect(main.left, main.top, 0, 0), [])
            self.doc.layout(main, [*left, *right])

    def _decision(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        seat_name = vocab.seat_name(self.seat, lang)
        out: list[Block] = [
            ex.stance_badge(self, "accept"),
            Card(
                self,
                [
                    Text(self, self.t("after.signing.decides", seat=seat_name), "h2"),
                    Text(self, self.t("after.signing.explain"), "body"),
                    Text(self, self.t("after.signing.if_refuse"), "small"),
                ],
                accent=c.accent,
                gap=8,
            ),
        ]
        who: list[Block] = [
            Text(self, self.t("after.signing.signatures"), "small_bold", colour=c.accent)
        ]
        signed = set(self.flow.state.get("signed", []))
        for s in self.flow.engine.seats:
            human = s in self.flow.humans
            if not human:
                state, sym, col = self.t("after.signing.computer_signs"), "✓", c.ok
            elif s in signed:
                state, sym, col = self.t("after.signing.signed"), "✓", c.ok
            elif s == self.seat:
                state, sym, col = self.t("after.signing.deciding"), ex.arrow(self), c.accent
            else:
                state, sym, col = self.t("after.signing.waiting"), "⋯", c.info
            who.append(
                Line(
                    self,
                    f"{sym} {vocab.seat_name(s, lang)}",
                    state,
                    role="small_bold",
                    value_role="small",
                    value_lang=lang,
                    colour=col,
                )
            )
        out.append(Card(self, who, gap=6))
        if self.error:
            out.append(Text(self, self.error, "small_bold", colour=c.bad))
        return out

    def _guarantee(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        cred = self.credibility
        book = self.flow.book
        ep = book["epilogue"]
        chance = ex.attack_chance(book, cred)
        years = int(ep["years"])
        low = cred < LOW_CREDIBILITY
        pkg_rows = ex.package_blocks(self, self.flow.state["package"])
        out: list[Block] = [Heading(self, self.t("after.signing.would_it_hold"))]
        cred_items: list[Block] = [
            Line(
                self,
                self.t("indicator.credibility"),
                self.t("common.of_100", value=cred),
                role="body_bold",
                value_role="body_bold",
                value_lang=lang,
            ),
            Meter(self, cred, colour=c.bad if low else c.info),
            Text(
                self,
                self.t(
                    "after.signing.chance",
                    pct=ex.pct(chance),
                    years=years,
                    total=ex.pct(ex.over_years(chance, years)),
                ),
                "body",
            ),
            Text(
                self,
                self.t(
                    "after.formula",
                    b=ex.num(float(ep["base"])),
                    c=cred,
                    e=ex.num(float(ep["exponent"])),
                    p=ex.pct(chance),
                ),
                "small",
                lang="en",
            ),
        ]
        out.append(Card(self, cred_items, gap=8))
        if low:
            sym = signal("warning")[0]
            out.append(
                Card(
                    self,
                    [
                        Text(
                            self,
                            f"{sym} {self.t('after.signing.low_heading')}",
                            "h3",
                            colour=c.warn,
                        ),
                        Text(self, self.t("after.signing.low_budapest"), "body"),
                        Widgets(self, [self.links.get(("budapest",), "P16")], height=34),
                    ],
                    accent=c.warn,
                    gap=8,
                )
            )
        out += [Heading(self, self.t("after.signing.package")), Card(self, pkg_rows, gap=4)]
        return out

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        if self.two:
            self.side.draw(surface)
        self.doc.draw(surface)
        self.actions.draw(surface)
        self.ring.draw(surface)
