"""The facilitator's console (GAME-DESIGN 7): F9 (or Settings), only in a game set up with
facilitator mode; no button on the players' screens leads here.

    FacilitatorScene(app, flow)     # over the game; Esc goes back to it
    VoteScene(app, flow, seat, card, reason)   # a class vote on one argument: keys 1-5
    PauseScene(app, flow)           # the whole screen covered; the timer stops

What it offers: pause; show or hide Russia's rules (class view and Russia's answer); the
class view; the round timer per phase (off by default: on/off, minutes per phase, a minute
less or more for this phase); judge an argument of the seat on turn instead of the dice (by
rating: strong, weak, fails; or by a class vote); inject one of the scenario's events not
told yet; skip to Russia's answer; end the talks and go to the debrief. Every change to the
talks is an engine action with the reason typed at the top (`game.engine.facilitator`),
so it is in the game's log and in the debrief.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pygame

from game.engine.facilitator import (
    RATINGS,
    VOTE_MARKS,
    interventions,
    rating_of_votes,
    told_events,
)
from game.engine.game import ActionError
from game.ui import classroom, vocab
from game.ui.doc import ActionBar, Block, Card, DocView, Heading, Text, Widgets
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.text import draw_line, draw_text, text_height
from game.ui.widgets import Button, TextInput, dim, rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow


PRESETS = ("time", "teaching", "class")
"""Reasons a click gives (the catalogue's `classroom.preset.*`); any reason may be typed."""


def describe(ctx: Any, flow: GameFlow, item: Mapping[str, Any]) -> str:
    """One intervention of the log (`facilitator.interventions`) in words."""
    lang = ctx.lang
    kind = item.get("type")
    if kind == "inject":
        return str(ctx.t("classroom.kind.inject", event=flow.label(str(item.get("event")), lang)))
    if kind == "verdict":
        rating = ctx.t(f"classroom.rating.{item.get('rating')}")
        seat = vocab.seat_name(str(item.get("by")), lang)
        card = flow.label(str(item.get("card")), lang)
        votes = item.get("votes")
        if votes is not None:
            return str(
                ctx.t("classroom.kind.votes", seat=seat, card=card, rating=rating, n=sum(votes))
            )
        return str(ctx.t("classroom.kind.verdict", seat=seat, card=card, rating=rating))
    if kind == "override":
        sets = item.get("set") or {}
        what = ", ".join(
            f"{vocab.indicator_name(k, lang) if k in flow.state['indicators'] else flow.label(k, lang)}"
            f" = {v}"
            for k, v in sets.items()
        )
        return str(ctx.t("classroom.kind.override", what=what))
    if kind == "argue":
        d = list(item.get("dice") or [0, 0])
        card = flow.label(str(item.get("card")), lang)
        return str(ctx.t("classroom.kind.dice", card=card, d1=d[0], d2=d[1]))
    return str(ctx.t(f"classroom.kind.{kind}"))


def intervention_line(ctx: Any, flow: GameFlow, event: Mapping[str, Any]) -> str:
    """An intervention's own event (Russia's answer lists what happened): the verdict on an
    argument in words; other interventions show through their effects ('' here)."""
    if event.get("type") == "verdict":
        return describe(ctx, flow, {**event, "by": event.get("seat")})
    if event.get("type") == "intervention" and event.get("action") in ("skip", "end_talks"):
        return str(ctx.t(f"classroom.kind.{event['action']}")) + " — " + str(event["reason"])
    return ""


def interventions_blocks(ctx: Any, flow: GameFlow) -> list[Block]:
    """The debrief's note on the facilitator (in a game set up with facilitator mode, or
    any game whose log has an intervention): how many times and in which rounds; each one
    is told once, in its round's row with its reason (`game.report.debrief.timeline`), so
    it is not listed again here."""
    items = interventions(flow.session.actions, flow.session.events)
    if not items and not flow.facilitator:
        return []
    c = ctx.theme.c
    out: list[Block] = [Heading(ctx, ctx.t("classroom.debrief.heading"))]
    if not items:
        out.append(Card(ctx, [Text(ctx, ctx.t("classroom.debrief.none"), "body")]))
        return out
    rounds = sorted({int(i["round"]) for i in items})
    words = ctx.t(
        "classroom.debrief.summary",
        n=len(items),
        rounds=", ".join(str(r) for r in rounds),
    )
    out.append(Card(ctx, [Text(ctx, words, "body", bullet="⚑", bullet_colour=c.info)]))
    return out


def open_console(app: App) -> bool:
    """F9: the console over the game, when the game was set up with facilitator mode
    (closes it when it is on top). False when there is no such game."""
    if isinstance(app.top, FacilitatorScene):
        app.pop()
        return True
    flow = classroom.game_flow(app)
    if flow is None or not flow.facilitator:
        return False
    app.push(FacilitatorScene(app, flow))
    return True


class FacilitatorScene(Scene):
    name = "facilitator"

    def __init__(self, app: App, flow: GameFlow) -> None:
        self.flow = flow
        self.desk = classroom.desk(flow)
        self.message = ""
        self.bad = False
        humans = flow.humans
        self.seat = flow.current_seat if flow.current_seat in humans else humans[0]
        super().__init__(app)

    # ------------------------------------------------------------ widgets

    def build(self) -> None:
        app = self.app
        self.reason = TextInput(
            app, "classroom.reason_hint", max_len=200, search_icon=False, name="reason"
        )
        self.presets = [
            Button(app, f"classroom.preset.{k}", self._preset(k), kind="ghost", name=f"preset.{k}")
            for k in PRESETS
        ]
        self.pause_button = Button(
            app, "classroom.pause", self.do_pause, shortcut="p", name="pause"
        )
        self.rules = Button(app, self._rules_label, self.do_rules, shortcut="r", name="rules")
        self.class_view = Button(
            app, "classroom.class_view", self.do_class_view, chip="F8", name="class_view"
        )
        self.timer = Button(app, self._timer_label, self.do_timer, shortcut="t", name="timer")
        self.less = Button(app, "classroom.timer.less", lambda: self.do_shorten(1), chip="-")
        self.more = Button(app, "classroom.timer.more", lambda: self.do_shorten(-1), chip="+")
        self.minutes_less = Button(
            app, "classroom.timer.minutes_less", lambda: self.do_minutes(-1), kind="ghost"
        )
        self.minutes_more = Button(
            app, "classroom.timer.minutes_more", lambda: self.do_minutes(1), kind="ghost"
        )
        self.seat_button = Button(app, self._seat_label, self.do_next_seat, name="seat")
        self.card_buttons: list[Button] = []
        self.rating_buttons = [
            Button(app, f"classroom.rating.{r}", self._rate(r), name=f"rate.{r}") for r in RATINGS
        ]
        self.vote = Button(app, "classroom.vote", self.do_vote, shortcut="v", name="vote")
        self.event_buttons: list[Button] = []
        self.skip = Button(app, "classroom.skip", self.do_skip, shortcut="k", name="skip")
        self.end = Button(app, "classroom.end_talks", self.do_end, shortcut="e", name="end_talks")
        self.close = Button(app, "classroom.close", self.back, kind="primary", name="close")
        self.card: str | None = None
        self.actions = ActionBar(app, lambda: self.t("classroom.keys"))
        self.actions.end(self.close, min_width=200)
        self.doc = DocView(app)
        self.ring.on_focus = self.doc.reveal
        self._lists()

    def _lists(self) -> None:
        """The seat's cards and the events not yet told: buttons rebuilt after each action."""
        app, flow = self.app, self.flow
        hand = list(flow.state["hands"].get(self.seat, []))
        if self.card not in hand:
            self.card = hand[0] if hand else None
        self.card_buttons = [self._card_button(c, i + 1) for i, c in enumerate(hand)]
        told = told_events(flow.engine, flow.state)
        self.event_buttons = [
            Button(
                app,
                self._label(str(e["id"])),
                self._inject(str(e["id"])),
                kind="ghost",
                name=f"event.{e['id']}",
            )
            for e in flow.engine.events
            if str(e["id"]) not in told
        ]
        over = flow.state["phase"] == "over"
        talks = flow.state["phase"] == "talks"
        for b in [*self.rating_buttons, self.vote]:
            b.enabled = talks and self.card is not None
        for b in self.event_buttons:
            b.enabled = not over
        self.skip.enabled = talks
        self.end.enabled = not over
        # first the room's controls, so that their keys (P, R, T ...) work at once, as the
        # key hints say; an intervention without a reason takes the focus to the reason
        keep = self.ring.current.name if self.ring.current is not None else "pause"
        self.ring.widgets = [w for w in self.ring.widgets if w.name == "back"]
        self.ring.add(
            self.reason,
            *self.presets,
            self.pause_button,
            self.rules,
            self.class_view,
            self.timer,
            self.less,
            self.more,
            self.minutes_less,
            self.minutes_more,
            self.seat_button,
            *self.card_buttons,
            *self.rating_buttons,
            self.vote,
            *self.event_buttons,
            self.skip,
            self.end,
            self.close,
        )
        w = next((w for w in self.ring.widgets if w.name == keep), self.reason)
        self.ring.focus(w)
        self._layout_key = None

    def _hand(self) -> list[str]:
        return list(self.flow.state["hands"].get(self.seat, []))

    def _preset(self, key: str) -> Callable[[], None]:
        """A reason in one click (the mouse alone reaches every intervention)."""

        def go() -> None:
            self.reason.set_text(self.t(f"classroom.preset.{key}"))
            self.dirty = True

        return go

    def _label(self, item: str) -> Callable[[], str]:
        return lambda: self.flow.label(item, self.lang)

    def _card_button(self, card: str, n: int) -> Button:
        """A card to judge: a short label (its number and listener); its claim is written
        beside it in full, wrapped (a claim is a sentence or two: a button would cut it)."""

        def label() -> str:
            mark = "● " if card == self.card else "○ "
            to = str(self.flow.arguments.get(card, {}).get("to", ""))
            return mark + self.t("classroom.card_n", n=n, to=vocab.seat_name(to, self.lang))

        def pick() -> None:
            self.card = card
            self._layout_key = None
            self.dirty = True

        return Button(self.app, label, pick, kind="ghost", name=f"card.{card}")

    def _rules_label(self) -> str:
        return self.t("classroom.show_rules" if self.desk.rules_hidden else "classroom.hide_rules")

    def _timer_label(self) -> str:
        return self.t("classroom.timer.off" if self.desk.timer_on else "classroom.timer.on")

    def _seat_label(self) -> str:
        return self.t("classroom.seat", seat=vocab.seat_name(self.seat, self.lang))

    # ------------------------------------------------------------ the room (not the talks)

    def do_pause(self) -> None:
        self.app.replace(PauseScene(self.app, self.flow))

    def do_rules(self) -> None:
        self.desk.rules_hidden = not self.desk.rules_hidden
        for s in self.app.stack:  # Russia's answer under the console lays out again
            s._layout_key = None
        self._said(
            "classroom.done.rules_hidden"
            if self.desk.rules_hidden
            else "classroom.done.rules_shown"
        )

    def do_class_view(self) -> None:
        from game.ui.scenes.class_view import ClassViewScene

        self.app.replace(ClassViewScene(self.app, self.flow))

    def do_timer(self) -> None:
        self.desk.timer_on = not self.desk.timer_on
        if self.desk.timer_on:
            self.desk.restart()
        classroom.wake(self.app)
        self.app.redraw()

    def do_shorten(self, minutes: int) -> None:
        self.desk.sync(self.flow.state)
        self.desk.shorten(minutes)
        self.app.redraw()

    def do_minutes(self, step: int) -> None:
        self.desk.set_minutes(self.desk.minutes + step)
        self.dirty = True

    def do_next_seat(self) -> None:
        humans = self.flow.humans
        self.seat = humans[(humans.index(self.seat) + 1) % len(humans)]
        self.card = None
        self._lists()

    # ------------------------------------------------------------ the talks (engine actions)

    def _why(self) -> str | None:
        words = self.reason.text.strip()
        if not words:
            self._said("classroom.need_reason", bad=True)
            self.ring.focus(self.reason)
            return None
        return words

    def _do(self, action: dict[str, Any]) -> list[Any] | None:
        try:
            events = self.flow.act(action)  # type: ignore[arg-type]
        except ActionError as e:
            self.message, self.bad = str(e), True
            self._layout_key = None
            return None
        self.reason.set_text("")
        return events

    def _after(self, done: str, **fmt: Any) -> None:
        """An intervention inside the round: the game screen under the console re-reads it."""
        for s in self.app.stack:
            sync = getattr(s, "sync", None)
            if s is not self and getattr(s, "flow", None) is self.flow and callable(sync):
                try:
                    sync(reset_draft=False)
                except TypeError:
                    sync()
                s.dirty = True
        self._lists()
        self._said(done, **fmt)

    def _rate(self, rating: str) -> Callable[[], None]:
        def go() -> None:
            self.judge({"rating": rating})

        return go

    def judge(self, how: dict[str, Any]) -> bool:
        """A verdict on the chosen card: {"rating": ...} or {"votes": [...]}."""
        why = self._why()
        if why is None or self.card is None:
            return False
        card = self.card
        action = {"type": "verdict", "seat": "facilitator", "by": self.seat, "card": card}
        if self._do({**action, **how, "reason": why}) is None:
            return False
        rating = how.get("rating") or rating_of_votes(how["votes"])
        self._after(
            "classroom.done.verdict",
            card=self.flow.label(card, self.lang),
            rating=self.t(f"classroom.rating.{rating}"),
        )
        return True

    def do_vote(self) -> None:
        why = self._why()
        if why is None or self.card is None:
            return
        self.app.push(VoteScene(self.app, self, self.card))

    def _inject(self, event_id: str) -> Callable[[], None]:
        def go() -> None:
            why = self._why()
            if why is None:
                return
            action = {"type": "inject", "seat": "facilitator", "event": event_id}
            if self._do({**action, "reason": why}) is not None:
                self._after("classroom.done.inject", event=self.flow.label(event_id, self.lang))

        return go

    def do_skip(self) -> None:
        why = self._why()
        if why is None:
            return
        events = self._do({"type": "skip", "seat": "facilitator", "reason": why})
        if events is None:
            return
        self.app.pop()
        game_nav.after_table(self.app, self.flow, events)

    def do_end(self) -> None:
        why = self._why()
        if why is None:
            return
        if self._do({"type": "end_talks", "seat": "facilitator", "reason": why}) is None:
            return
        self.app.pop()
        game_nav.debrief(self.app, self.flow)

    def _said(self, key: str, *, bad: bool = False, **fmt: Any) -> None:
        self.message, self.bad = self.t(key, **fmt), bad
        self._layout_key = None
        self.dirty = True

    # ------------------------------------------------------------ input

    def handle(self, event: pygame.event.Event) -> bool:
        typing = self.ring.current is self.reason
        if event.type == pygame.KEYDOWN and not typing:
            if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
                self.do_shorten(1)
                return True
            if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
                self.do_shorten(-1)
                return True
        if self.doc.handle(event):
            return True
        return super().handle(event)

    def update(self, dt_ms: int) -> bool:
        return False

    # ------------------------------------------------------------ layout

    def layout(self, rect: pygame.Rect) -> None:
        f = self.standard_frame(rect, "classroom.heading")
        main = self.actions.layout(f.body)
        self.doc.layout(main, self._blocks())
        cur = self.ring.current
        if cur is not None:  # the focus in sight (at a projector's scale the room's controls
            self.doc.reveal(cur)  # the console opens with lie below the reason)

    def _status(self) -> str:
        st = self.flow.state
        self.desk.sync(st)
        parts = [self.t("common.round_of", n=st["round"], total=self.flow.rounds)]
        parts.append(self.t(f"classroom.phase.{st['phase']}"))
        if st["phase"] == "talks":
            parts.append(
                self.t("classroom.turn", seat=vocab.seat_name(self.flow.current_seat, self.lang))
            )
        if self.desk.timer_on:
            parts.append(self.t("classroom.timer.left", time=self.desk.clock()))
        return " · ".join(parts)

    def _blocks(self) -> list[Block]:
        c = self.theme.c
        out: list[Block] = [
            Text(self, self._status(), "body_bold"),
            Text(self, self.t("classroom.private"), "small"),
        ]
        if self.message:
            sym = "⚠ " if self.bad else "✓ "
            out.append(
                Text(self, sym + self.message, "body_bold", colour=c.bad if self.bad else c.ok)
            )
        out += [
            Card(
                self,
                [
                    Text(self, self.t("classroom.reason"), "small_bold", colour=c.accent),
                    Widgets(self, [self.reason], min_width=640),
                    Widgets(self, self.presets),
                    Text(self, self.t("classroom.reason_logged"), "caption"),
                ],
                gap=6,
            ),
            Heading(self, self.t("classroom.room"), "h3"),
            Widgets(self, [self.pause_button, self.rules, self.class_view]),
            Heading(self, self.t("classroom.timer.heading"), "h3"),
            Text(
                self,
                self.t("classroom.timer.explain", minutes=self.desk.minutes),
                "small",
            ),
            Widgets(self, [self.timer, self.less, self.more, self.minutes_less, self.minutes_more]),
            Heading(self, self.t("classroom.judge"), "h3"),
            Text(self, self.t("classroom.judge_explain"), "small"),
            Widgets(self, [self.seat_button]),
        ]
        if self.card_buttons:
            for b, card in zip(self.card_buttons, self._hand(), strict=True):
                out.append(
                    Card(
                        self,
                        [
                            Widgets(self, [b]),
                            Text(self, self.flow.label(card, self.lang), "small"),
                        ],
                        accent=c.accent if card == self.card else None,
                        gap=6,
                    )
                )
        else:
            out.append(Text(self, self.t("classroom.no_cards"), "small"))
        out += [
            Widgets(self, [*self.rating_buttons, self.vote]),
            Heading(self, self.t("classroom.inject"), "h3"),
        ]
        if self.event_buttons:
            out.append(Text(self, self.t("classroom.inject_explain"), "small"))
            out.append(Widgets(self, self.event_buttons))
        else:
            out.append(Text(self, self.t("classroom.no_events"), "small"))
        out += [
            Heading(self, self.t("classroom.phase_heading"), "h3"),
            Widgets(self, [self.skip, self.end]),
        ]
        return out

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        self.doc.draw(surface)
        self.actions.draw(surface)
        self.ring.draw(surface)


class VoteScene(Scene):
    """A class vote on one argument, big enough for the projector: the claim, and five
    marks from 1 (fails) to 5 (strong). Keys 1-5 (or a click on a mark) count a hand,
    Backspace takes the last back; Enter decides (the mean mark: 3.5 strong, 2.5 weak)."""

    name = "vote"
    back_button = True

    def __init__(self, app: App, console: FacilitatorScene, card: str) -> None:
        self.console = console
        self.flow = console.flow
        self.card = card
        self.votes = [0] * VOTE_MARKS
        self.order: list[int] = []
        self.short = False
        """The marks' short labels (a narrow screen: a projector's scale)."""
        super().__init__(app)

    def build(self) -> None:
        app = self.app
        self.marks = [
            Button(app, self._mark_label(i), self._count(i), chip=str(i + 1), name=f"mark.{i + 1}")
            for i in range(VOTE_MARKS)
        ]
        self.decide = Button(
            app,
            "classroom.vote_decide",
            self.do_decide,
            chip="Enter",
            kind="primary",
            name="decide",
        )
        self.ring.add(*self.marks, self.decide)
        self.ring.focus(self.decide)

    def _mark_label(self, i: int) -> Callable[[], str]:
        """A mark's label: "3 · weak (5)", or on a narrow screen "3 (5)" (what the marks mean
        is written above them)."""

        def label() -> str:
            if self.short:
                return f"{i + 1} ({self.votes[i]})"
            return self.t(f"classroom.mark.{i + 1}", n=self.votes[i])

        return label

    def _count(self, i: int) -> Callable[[], None]:
        def go() -> None:
            self.votes[i] += 1
            self.order.append(i)
            self.dirty = True

        return go

    def do_decide(self) -> None:
        if self.console.judge({"votes": list(self.votes)}):
            self.app.pop()
        else:
            self.app.pop()  # the console says why

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            k = event.key
            for i in range(VOTE_MARKS):
                if k in (pygame.K_1 + i, pygame.K_KP1 + i):
                    self._count(i)()
                    return True
            if k == pygame.K_BACKSPACE and self.order:
                self.votes[self.order.pop()] -= 1
                return True
            if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.do_decide()
                return True
        return super().handle(event)

    def layout(self, rect: pygame.Rect) -> None:
        """The five marks in a row, or in as many rows as their whole labels need (a
        projector's scale, Arabic): a mark's label is never cut."""
        th = self.theme
        f = self.standard_frame(rect, "classroom.vote_heading")
        body = f.body
        n = VOTE_MARKS
        gap = th.gap
        self.short = False
        fit = (body.width - gap * (n - 1)) // n
        if max(b.natural_width() for b in self.marks) > fit:
            self.short = True  # one row of marks leaves the claim its room
        need = max(b.natural_width() for b in self.marks)
        cols = n
        while cols > 1 and (body.width - gap * (cols - 1)) // cols < need:
            cols -= 1
        lines = -(-n // cols)
        bw = (body.width - gap * (cols - 1)) // cols
        bh = th.control_h + (th.px(30) if lines == 1 else 0)
        dw = min(body.width, max(th.px(280), self.decide.natural_width()))
        # Decide in the last row of marks when it has the room, else on a row of its own
        free = (cols - n % cols) * (bw + gap) - gap if n % cols else 0
        beside = lines > 1 and free >= dw
        below = 0 if beside else th.control_h + th.px(30)
        top = body.bottom - lines * bh - (lines - 1) * gap - below
        for i, b in enumerate(self.marks):
            k, line = i % cols, i // cols
            x = body.left + k * (bw + gap)
            if self.rtl:
                x = body.right - (k + 1) * bw - k * gap
            b.rect = pygame.Rect(x, top + line * (bh + gap), bw, bh)
        if beside:
            dw = free
        self.decide.rect = pygame.Rect(
            body.right - dw if not self.rtl else body.left,
            body.bottom - (bh if beside else th.control_h),
            dw,
            bh if beside else th.control_h,
        )
        self.claim_rect = pygame.Rect(body.left, body.top, body.width, top - body.top - th.pad)

    def _texts(self) -> list[tuple[str, str]]:
        """What is written above the marks, in order, each with its role: who argues to
        whom, the claim, the tally so far, how to vote."""
        seat = str(self.flow.arguments.get(self.card, {}).get("to", ""))
        head = self.t(
            "classroom.vote_who",
            seat=vocab.seat_name(self.console.seat, self.lang),
            to=vocab.seat_name(seat, self.lang) if seat else "",
        )
        verdict = rating_of_votes(self.votes)
        tally = self.t(
            "classroom.vote_tally", n=sum(self.votes), rating=self.t(f"classroom.rating.{verdict}")
        )
        return [
            (head, "h3"),
            (self.flow.label(self.card, self.lang), "h1"),
            (tally, "h2"),
            (self.t("classroom.vote_explain"), "small"),
            *([(self.t("classroom.vote_scale"), "small")] if self.short else []),
        ]

    def fitted(self) -> list[tuple[str, str, int]]:
        """The texts above the marks with the largest roles that fit the room there (a
        projector's scale, a long claim): each (text, role, height); nothing overlaps. The
        tallest shrinks first; when all are at the smallest type, how to vote goes, then who
        argues (the claim, the tally and what the short marks mean stay)."""
        th, r = self.theme, self.claim_rect
        smaller = {"h1": "h2", "h2": "h3", "h3": "body", "body": "small", "small": "caption"}
        items = [[words, role] for words, role in self._texts()]
        droppable = [items[3], items[0]]  # how to vote, who argues to whom
        while True:
            heights = [text_height(w, th.text(role), r.width, self.lang) for w, role in items]
            if sum(heights) + th.gap * (len(items) - 1) <= r.height:
                break
            can = [i for i, (_, role) in enumerate(items) if role != "caption"]
            if can:
                k = max(can, key=lambda i: (heights[i], -i))
                items[k][1] = smaller.get(items[k][1], "caption")
            elif droppable:
                items.remove(droppable.pop(0))
            else:
                break
        return [(w, role, h) for (w, role), h in zip(items, heights, strict=True)]

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        self.draw_frame(surface)
        r = self.claim_rect
        y = r.top
        clip = surface.get_clip()
        surface.set_clip(r)
        for words, role, h in self.fitted():
            draw_text(surface, words, pygame.Rect(r.left, y, r.width, 0), th.text(role), self.lang)
            y += h + th.gap
        surface.set_clip(clip)
        self.ring.draw(surface)


class PauseScene(Scene):
    """The game paused: the whole screen covered (nothing of the game shows), the timer
    stopped. Any key or a click goes back to the game."""

    name = "pause"
    back_button = False

    def __init__(self, app: App, flow: GameFlow) -> None:
        self.flow = flow
        classroom.desk(flow).sync(flow.state)
        classroom.desk(flow).paused = True
        classroom.wake(app)
        super().__init__(app)

    def resume_game(self) -> bool:
        d = classroom.desk(self.flow)
        d.paused = False
        d.last = classroom.now()
        if self.app.top is self:
            self.app.pop()
        classroom.wake(self.app)
        self.app.redraw()
        return True

    def back(self) -> bool:
        return self.resume_game()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key not in (
            pygame.K_F1,
            pygame.K_F2,
            pygame.K_F10,
        ):
            return self.resume_game()
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
            return self.resume_game()
        return False

    def layout(self, rect: pygame.Rect) -> None:
        self.standard_frame(rect, "")

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        surface.fill(c.bg_deep)
        dim(surface)
        w, h = surface.get_size()
        card = pygame.Rect(0, 0, min(w - 2 * th.pad, th.px(720)), th.px(220))
        card.center = (w // 2, h // 2)
        rounded(surface, card, c.panel, c.border_hi, th.radius, 2)
        draw_line(
            surface,
            self.t("classroom.paused"),
            (card.centerx, card.top + th.px(80)),
            th.text("display"),
            self.lang,
            anchor="center",
        )
        draw_line(
            surface,
            self.t("classroom.resume_hint"),
            (card.centerx, card.bottom - th.px(44)),
            th.text("body_dim"),
            self.lang,
            anchor="center",
        )
