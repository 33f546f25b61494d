"""The end of the talks and the epilogue (GAME-DESIGN 3.9, 5).

The outcome (a deal, a collapse or time running out, with the reason); after a deal, five
years told one by one: the yearly chance of a new attack and its formula from the epilogue
data, each year's roll against it, when aggression came and the land it took; the
precedents that apply (Budapest, Minsk, the tripwire, ...) with their sources; each seat's
score part by part. Then: the debrief (D), a replay from a round (R), the title screen (T).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import explain as ex
from game.ui import vocab
from game.ui.doc import (
    ActionBar,
    Block,
    Card,
    Custom,
    DocView,
    Heading,
    Line,
    Meter,
    Text,
    Widgets,
    split_fit,
)
from game.ui.flow import GameFlow, text
from game.ui.layout import at_end, at_start, row
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.text import Anchor, draw_line, draw_text
from game.ui.theme import mix, signal
from game.ui.widgets import Button, Choice, rounded

if TYPE_CHECKING:
    from game.ui.app import App


def scale_verdict(score: float, scale: Mapping[str, Any]) -> str:
    """poor, fair or good: a score read against its seat's measured scale."""
    if score < float(scale["poor"]):
        return "poor"
    if score > float(scale["good"]):
        return "good"
    return "fair"


def scale_line(scene: Scene, flow: GameFlow, seat: str, score: float) -> Block | None:
    """'63: fair for Europe in this scenario (poor below 25, good above 29)', coloured."""
    scale = (flow.book.get("scale") or {}).get(seat)
    if not scale:
        return None
    verdict = scale_verdict(score, scale)
    c = scene.theme.c
    words = scene.t(
        "after.ending.scale",
        score=ex.num(score),
        verdict=scene.t(f"after.ending.scale_{verdict}"),
        seat=vocab.seat_name(seat, scene.lang),
        poor=ex.num(float(scale["poor"])),
        good=ex.num(float(scale["good"])),
    )
    colour = {"poor": c.bad, "good": c.ok}.get(verdict, c.text)
    return Text(scene, words, "caption", colour=colour)


def score_cards(scene: Scene, flow: GameFlow, scores: Mapping[str, Any]) -> list[Block]:
    """Each seat's total, read against its scale, and its parts; the human seats first."""
    c, lang = scene.theme.c, scene.lang
    out: list[Block] = []
    seats = [s for s in flow.humans] + [s for s in flow.engine.seats if s not in flow.humans]
    for seat in seats:
        sc = scores.get(seat)
        if sc is None:
            continue
        who = scene.t(
            "after.ending.by_person" if seat in flow.humans else "after.ending.by_computer"
        )
        items: list[Block] = [
            Line(
                scene,
                vocab.seat_name(seat, lang),
                ex.num(float(sc["total"])),
                role="h3",
                value_role="h2",
                value_colour=c.accent,
                note=who,
            )
        ]
        line = scale_line(scene, flow, seat, float(sc["total"]))
        if line is not None:
            items.append(line)
        for part_id, value in sc.get("parts", []):
            v = float(value)
            items.append(
                Line(
                    scene,
                    flow.label(str(part_id), lang),
                    ex.signed(v),
                    role="small",
                    value_role="small_bold",
                    value_colour=c.ok if v > 0 else c.bad,
                )
            )
            # the part's own reading (what the text says it rewards, and that its weight is
            # a design number) and fact checks, beside it
            items += ex.note_blocks(scene, flow.factchecks, flow.score_terms.get(str(part_id)))
        if not sc.get("parts"):
            items.append(Text(scene, scene.t("after.ending.no_points"), "small"))
        out.append(Card(scene, items, gap=4, accent=c.accent if seat in flow.humans else None))
    if flow.book.get("scale"):
        out.append(Text(scene, scene.t("after.ending.scale_note"), "caption"))
    return out


def replayed_ending(flow: GameFlow, from_round: int) -> dict[str, Any]:
    """What a replay keeps of the game it replays (in its save): how that game ended, and
    the round the replay starts from, for the debrief to set the two endings side by side."""
    from game.report.debrief import ending

    out = {**ending(flow), "from_round": from_round}
    if flow.name:
        out["name"] = flow.name
    return out


class EndingScene(Scene):
    name = "ending"
    back_button = False

    def __init__(self, app: App, flow: GameFlow) -> None:
        self.flow = flow
        state = flow.state
        self.outcome: dict[str, Any] = dict(state.get("outcome") or {})
        self.kind = str(self.outcome.get("kind", "timeout"))
        self.epilogue: dict[str, Any] = dict(state.get("epilogue") or {})
        self.scores: dict[str, Any] = dict(state.get("scores") or {})
        self.last_round = max(1, int(self.outcome.get("round") or state.get("round") or 1))
        super().__init__(app)

    # ------------------------------------------------------------ widgets

    def build(self) -> None:
        app = self.app
        self.debrief_btn = Button(
            app, "ending.to_debrief", self.to_debrief, shortcut="d", kind="primary", name="debrief"
        )
        self.title_btn = Button(
            app, "after.ending.to_title", self.app.title, shortcut="t", kind="ghost", name="title"
        )
        rounds = list(range(1, self.last_round + 1))
        self.round_choice: Choice[int] = Choice(
            app,
            "after.ending.replay_from",
            [(n, str(n)) for n in rounds],
            rounds[-1],
            wide=150,
            name="replay_round",
        )
        self.replay_btn = Button(
            app, "after.ending.replay", self.replay, shortcut="r", kind="secondary", name="replay"
        )
        self.replayable = not getattr(self.flow, "remote", False)
        """A class game is replayed from its save on the teacher's computer, not here."""
        if self.replayable:
            self.ring.add(self.debrief_btn, self.round_choice, self.replay_btn, self.title_btn)
        else:
            self.ring.add(self.debrief_btn, self.title_btn)
        self.actions = ActionBar(
            self.app,
            lambda: self.t("after.ending.keys" if self.replayable else "net.ending_keys"),
        )
        self.actions.end(self.debrief_btn, min_width=240, part=2)
        self.actions.start(self.title_btn, min_width=150, part=3)
        self.links = ex.Links(self)
        self.doc = DocView(app)
        self.side = DocView(app)
        self.ring.on_focus = self.doc.reveal
        self.ring.focus(self.debrief_btn)

    def to_debrief(self) -> None:
        game_nav.debrief(self.app, self.flow)

    def replay(self) -> None:
        """A new game from the start of the chosen round: same scenario, seed and seats,
        the actions before that round replayed."""

        n = int(self.round_choice.value)
        session = self.flow.session.replay_to_round(n)
        flow = GameFlow(
            self.flow.bundle,
            session,
            save_dir=self.flow.save_dir,
            facilitator=self.flow.facilitator,
        )
        flow.name = self.flow.name
        flow.replay_of = replayed_ending(self.flow, n)
        game_nav.turn(self.app, flow)

    def back(self) -> bool:
        self.app.title()  # the game is saved: Continue on the title screen comes back here
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if self.doc.handle(event):
            return True
        return super().handle(event)

    # ------------------------------------------------------------ layout

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, f"outcome.heading.{self.kind}")
        body = f.body
        main = self.actions.layout(body)
        side = self._outcome_blocks() + self._scores()
        story = self._epilogue() + self._stories() + (self._replay() if self.replayable else [])
        side_w = min(max(int(main.width * 0.38), th.px(360)), th.px(480))
        self.two = main.width - side_w >= th.px(520)
        if self.two:
            a, b = row(main, [side_w, None], th.px(28), self.rtl)
            # what does not fit beside the story goes under it (nothing is cut)
            fits, rest = split_fit(side, a.width - th.px(14), a.height, th.px(14))
            self.side.layout(a, fits)
            self.doc.layout(b, [*story, *rest])
        else:
            self.side.layout(pygame.Rect(main.left, main.top, 0, 0), [])
            self.doc.layout(main, [*side[:1], *story, *side[1:]])

    # ------------------------------------------------------------ blocks

    def _outcome_blocks(self) -> list[Block]:
        _, colour = signal("outcome." + self.kind)
        reason = str(self.outcome.get("reason", ""))
        big = Custom(self, self._badge_height, self._paint_badge)
        return [
            Card(
                self,
                [
                    big,
                    Text(self, ex.reason_text(self, self.kind, reason), "body"),
                    Text(
                        self,
                        self.t(
                            "after.ending.after_rounds",
                            n=self.outcome.get("round", self.last_round),
                            total=self.flow.rounds,
                        ),
                        "small",
                    ),
                ],
                accent=colour,
                gap=10,
            ),
        ]

    def _badge_height(self, width: int) -> int:
        return self.theme.px(64)

    def _paint_badge(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        th = self.theme
        sym, colour = signal("outcome." + self.kind)
        d = r.height
        circle = at_start(r, d, self.rtl)
        pygame.draw.circle(surface, th.c.bg_deep, circle.center, d // 2)
        pygame.draw.circle(surface, colour, circle.center, d // 2, max(2, th.px(3)))
        draw_line(
            surface, sym, circle.center, th.text("h2").with_colour(colour), "en", anchor="center"
        )
        words = at_end(r, r.width - d - th.px(16), self.rtl)
        draw_line(
            surface,
            self.t(f"outcome.{self.kind}"),
            (words.right if self.rtl else words.left, r.centery),
            th.text("h1").with_colour(colour),
            self.lang,
            anchor="midright" if self.rtl else "midleft",
            max_width=words.width,
        )

    def _scores(self) -> list[Block]:
        out: list[Block] = [
            Heading(
                self, self.t("ending.scores"), role="h3", note=self.t("after.ending.scores_note")
            )
        ]
        return out + score_cards(self, self.flow, self.scores)

    def _epilogue(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        ep = self.epilogue
        data = self.flow.book["epilogue"]
        out: list[Block] = [Heading(self, self.t("ending.epilogue"))]
        if not ep.get("deal"):
            out.append(
                Card(
                    self,
                    [Text(self, self.t("after.ending.no_deal_epilogue"), "body")],
                    accent=c.info,
                )
            )
            said = ex.war_words(self.t, ep)
            if said:
                # after a collapse the war went on: what it took, and why (the data's note)
                notes = ex.note_blocks(self, self.flow.factchecks, data.get("collapse"))
                out.append(
                    Card(
                        self,
                        [
                            *(
                                Text(
                                    self,
                                    w,
                                    "body_bold" if i else "body",
                                    colour=c.bad if i else None,
                                )
                                for i, w in enumerate(said)
                            ),
                            *notes,
                        ],
                        accent=c.bad,
                    )
                )
            return out
        cred = int(ep.get("credibility", 0))
        chance = float(ep.get("chance") or 0.0)
        years = int(data["years"])
        out.append(
            Card(
                self,
                [
                    Line(
                        self,
                        self.t("after.ending.credibility_signed"),
                        self.t("common.of_100", value=cred),
                        role="body_bold",
                        value_role="body_bold",
                        value_lang=lang,
                    ),
                    Meter(self, cred, colour=c.info),
                    Text(
                        self,
                        self.t("after.ending.chance_is", pct=ex.pct(chance), years=years),
                        "body",
                    ),
                    Text(
                        self,
                        self.t(
                            "after.formula",
                            b=ex.num(float(data["base"])),
                            c=cred,
                            e=ex.num(float(data["exponent"])),
                            p=ex.pct(chance),
                        ),
                        "body_bold",
                        lang="en",
                        colour=c.accent_hi,
                    ),
                    Text(self, self.t("after.ending.formula_words"), "caption"),
                    # the odds are the designers': the epilogue's interpretation says so
                    *ex.note_blocks(self, self.flow.factchecks, data),
                ],
                gap=8,
            )
        )
        out.append(Custom(self, self._years_height, self._paint_years))
        hit = ep.get("aggression_year")
        if hit:
            lost = next((y.get("territory") for y in ep.get("years", []) if y.get("attack")), None)
            words = self.t("after.ending.attack_in", n=hit)
            if lost:
                words += " " + self.t(
                    "after.ending.land_lost",
                    before=lost[0],
                    after=lost[1],
                    n=int(lost[0]) - int(lost[1]),
                )
            out.append(Card(self, [Text(self, words, "body_bold", colour=c.bad)], accent=c.bad))
        else:
            out.append(
                Card(
                    self,
                    [
                        Text(
                            self, self.t("after.ending.held", years=years), "body_bold", colour=c.ok
                        )
                    ],
                    accent=c.ok,
                )
            )
        return out

    # the five years as a row of cards (mirrored in Arabic: year 1 at the right)

    def _years_height(self, width: int) -> int:
        th = self.theme
        return th.px(20) + 3 * th.text("small").line_height + th.text("h3").line_height + th.px(16)

    def _paint_years(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        th, c, lang = self.theme, self.theme.c, self.lang
        ep = self.epilogue
        n = int(self.flow.book["epilogue"]["years"])
        told = {int(y["year"]): y for y in ep.get("years", [])}
        chance = float(ep.get("chance") or 0.0)
        cells = row(r, [None] * n, th.px(10), self.rtl)
        for i, cell in enumerate(cells, start=1):
            y = told.get(i)
            if y is None:
                fill, border, col = c.bg_deep, c.panel_hi, c.text_faint
                sym, word = "–", ""
                roll = self.t("after.ending.not_told")
            elif y.get("attack"):
                fill, border, col = mix(c.panel, c.bad, 0.18), c.bad, c.bad
                sym, word = signal("result.failure")[0], self.t("after.ending.attack")
                roll = self.t(
                    "after.ending.roll", roll=ex.pct(float(y["roll"])), pct=ex.pct(chance)
                )
            else:
                fill, border, col = c.panel, c.border, c.ok
                sym, word = signal("result.success")[0], self.t("after.ending.holds")
                roll = self.t(
                    "after.ending.roll_ok", roll=ex.pct(float(y["roll"])), pct=ex.pct(chance)
                )
            rounded(surface, cell, fill, border, th.radius)
            inner = cell.inflate(-th.px(16), -th.px(16))
            x = inner.right if self.rtl else inner.left
            anchor: Anchor = "topright" if self.rtl else "topleft"
            top = inner.top
            draw_line(
                surface,
                self.t("ending.year", n=i),
                (x, top),
                th.text("small_bold").with_colour(c.text_dim),
                lang,
                anchor=anchor,
                max_width=inner.width,
            )
            top += th.text("small").line_height
            draw_line(
                surface,
                f"{sym} {word}".strip(),
                (x, top),
                th.text("h3").with_colour(col),
                lang,
                anchor=anchor,
                max_width=inner.width,
            )
            top += th.text("h3").line_height + th.px(2)
            if roll:
                draw_text(
                    surface,
                    roll,
                    pygame.Rect(inner.left, top, inner.width, 0),
                    th.text("caption"),
                    lang,
                    max_lines=2,
                )

    def _stories(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        ids = list(self.epilogue.get("stories", []))
        if not ids:
            return []
        out: list[Block] = [
            Heading(
                self, self.t("after.ending.precedents"), note=self.t("after.ending.precedents_note")
            )
        ]
        checked: set[str] = set()
        for sid in ids:
            st = self.flow.stories.get(sid, {})
            src = [str(s) for s in st.get("source", [])]
            items: list[Block] = [
                Text(self, text(st.get("text"), lang), "body"),
                Text(self, self.t("common.sources", ids=ex.ids(src)), "caption"),
            ]
            if src:
                items.append(
                    Widgets(
                        self,
                        [self.links.get((sid, p), p, src) for p in src],
                        height=34,
                    )
                )
            for fc in st.get("factcheck", []) or []:
                if fc not in checked:
                    checked.add(fc)
                    b = ex.factcheck_block(self, self.flow, fc)
                    if b is not None:
                        items.append(b)
            out.append(Card(self, items, accent=c.accent_dim, gap=8))
        return out

    def _replay_help(self) -> str:
        """What a replay keeps: the luck of the years after a deal too, unless the game was
        saved before save version 5 (its years rolled from the dice)."""
        from game.report.debrief import same_years

        return (
            "after.ending.replay_help_years"
            if same_years(self.flow)
            else "after.ending.replay_help"
        )

    def _replay(self) -> list[Block]:
        c = self.theme.c
        return [
            Heading(self, self.t("after.ending.try_again")),
            Card(
                self,
                [
                    Text(self, self.t(self._replay_help()), "small"),
                    _WidgetRow(self, self.round_choice, self.replay_btn),
                ],
                gap=10,
                fill=c.panel,
            ),
        ]

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        if self.two:
            self.side.draw(surface)
        self.doc.draw(surface)
        self.actions.draw(surface)
        self.ring.draw(surface)


class _WidgetRow(Block):
    """The round chooser and the Replay button side by side (stacked when narrow)."""

    def __init__(self, scene: Scene, choice: Choice[int], button: Button) -> None:
        super().__init__(scene.app)
        self.choice = choice
        self.button = button

    def measure(self, width: int) -> int:
        th = self.th
        bw = min(max(th.px(180), self.button.natural_width()), width)
        cw = width - bw - th.gap
        self.stacked = cw < th.px(300)
        h = th.control_h + th.px(6)
        if self.stacked:
            self.crect = pygame.Rect(0, 0, width, h)
            self.brect = pygame.Rect(0, h + th.gap, bw, th.control_h)
            if self.ctx.rtl:
                self.brect.x = width - bw
            self.h = h + th.gap + th.control_h
        else:
            cells = row(pygame.Rect(0, 0, width, h), [None, bw], th.gap, self.ctx.rtl)
            self.crect = cells[0]
            self.brect = pygame.Rect(cells[1].x, (h - th.control_h) // 2, bw, th.control_h)
            self.h = h
        self.w = width
        return self.h

    def place(self, view: Any, x: int, y: int) -> None:
        view.place(self.choice, self.crect.move(x, y))
        view.place(self.button, self.brect.move(x, y))
