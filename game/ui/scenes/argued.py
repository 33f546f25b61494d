"""A computer seat argues at a person: the dialog over the round screen (issue 10).

The argument waits for the person's answer (the engine's `pending`): concede (it lands, no
roll), counter it with one of their counter-cards, or let it stand (the roll without a
counter; it can still be countered later, like any argument that lands). Each answer shows
its chance before it is chosen; the roll is then shown by the debate screen, as every roll
is. Mouse and keyboard: each answer is a button with its key (C, 1-9 for the counters, S),
Tab and Enter; Esc reads the article's paragraph instead of closing (the argument must be
answered: the talks wait for it). Nothing is cut at a projector's scale: the buttons take as
many lines as their labels need, and the text above them scrolls (wheel, arrows, Page
Up/Down) when the window cannot hold it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import pygame

from game.engine import debate
from game.engine.game import ActionError
from game.engine.shapes import Action
from game.ui import vocab
from game.ui.doc import DocView, Text
from game.ui.flow import text
from game.ui.layout import inset, row
from game.ui.scene import Scene
from game.ui.text import ltr, text_height
from game.ui.widgets import Button, dim, rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow


class ArguedAtScene(Scene):
    """The person's answer to a computer seat's argument (see the module's notes)."""

    name = "argued"
    opaque = False
    back_button = False

    def __init__(
        self, app: App, flow: GameFlow, after: Callable[[list[Any]], None] | None = None
    ) -> None:
        self.flow = flow
        self.after = after
        pending = dict(flow.state.get("pending") or {})
        self.pending = pending
        self.card = dict(flow.arguments.get(str(pending.get("card", "")), {}))
        engine = flow.engine
        card_id = str(pending.get("card", ""))
        self.counters = [
            c for c in engine.counters if c["by"] == pending.get("to") and card_id in c["answers"]
        ]
        self.odds: dict[str | None, debate.Odds] = {}
        for c in [None, *(c["id"] for c in self.counters)]:
            self.odds[c] = debate.chance(
                engine, flow.state, str(pending["seat"]), card_id, counter=c
            )
        self.doc = DocView(app)
        super().__init__(app)

    # ------------------------------------------------------------ widgets and input

    def build(self) -> None:
        self.concede = Button(
            self.app, "argued.concede", self._concede, shortcut="c", name="concede"
        )
        self.counter_buttons = [
            Button(
                self.app,
                self._counter_label(i),
                self._counter(c["id"]),
                shortcut=str(i + 1) if i < 9 else None,
                kind="primary" if i == 0 else "secondary",
                name=f"counter.{c['id']}",
            )
            for i, c in enumerate(self.counters)
        ]
        self.stand = Button(
            self.app,
            "argued.stand",
            self._stand,
            shortcut="s",
            kind="secondary" if self.counters else "primary",
            name="stand",
        )
        self.article = Button(
            self.app,
            lambda: self.t("debate.open_paragraph", id=str(self.card.get("evidence_ref", ""))),
            self._article,
            shortcut="o",
            kind="ghost",
            name="open_paragraph",
        )
        self.article.visible = bool(self.card.get("evidence_ref"))
        self.ring.add(self.concede, *self.counter_buttons, self.stand, self.article)
        self.ring.focus(self.counter_buttons[0] if self.counter_buttons else self.stand)

    def _counter_label(self, i: int) -> Callable[[], str]:
        n = len(self.counters)
        return lambda: self.t("argued.counter_n", n=i + 1) if n > 1 else self.t("argued.counter")

    def _counter(self, counter_id: str) -> Callable[[], None]:
        return lambda: self._answer({"answer": "counter", "counter": counter_id})

    def _concede(self) -> None:
        self._answer({"answer": "concede"})

    def _stand(self) -> None:
        self._answer({"answer": "stand"})

    def _article(self) -> None:
        ref = str(self.card.get("evidence_ref", ""))
        self.app.open_article(paragraph=ref or None, highlight=self.card.get("source", []))

    def _answer(self, answer: dict[str, Any]) -> None:
        action = cast(Action, {"type": "respond", "seat": self.pending["to"], **answer})
        try:
            events = self.flow.act(action)
        except ActionError as e:  # the engine checks every answer; say why, stay open
            self.message = self.t("round.not_possible", why=ltr(str(e)))
            self.dirty = True
            return
        self.app.pop()
        if self.after is not None:
            self.after(list(events))

    def back(self) -> bool:
        """Esc: the argument must be answered; open the paragraph it quotes instead."""
        self._article()
        return True

    # ------------------------------------------------------------ content

    def _lines(self) -> list[tuple[str, str]]:
        """(text, style) of the dialog's body, in order."""
        lang = self.lang
        by = vocab.seat_name(str(self.pending.get("seat", "")), lang)
        out: list[tuple[str, str]] = [
            (self.t("argued.heading", seat=by), "h2"),
            (text(self.card.get("claim"), lang), "body"),
        ]
        evidence = text(self.card.get("evidence"), lang)
        if evidence:
            ref = str(self.card.get("evidence_ref", ""))
            out.append((self.t("argued.evidence", quote=evidence, id=ref), "small"))
        warrant = text(self.card.get("warrant"), lang)
        if warrant:
            out.append((warrant, "small"))
        moves = [
            self.flow.label(str(e["position"]), lang) + " " + ltr(f"{int(e['delta']):+d}")
            for e in self.card.get("effects", [])
            if e.get("kind") == "position"
        ]
        if moves:  # one "if it lands" for all it moves
            joined = self.t("argued.moves_join").join(moves)
            out.append((self.t("argued.moves", moves=joined), "small_bold"))
        out.append((self.t("argued.concede_means"), "small"))
        for i, c in enumerate(self.counters):
            odds = self.odds[c["id"]]
            key = "argued.counter_n_means" if len(self.counters) > 1 else "argued.counter_means"
            words = self.t(
                key, n=i + 1, text=text(c.get("text"), lang), wins=odds.wins, pct=_pct(odds)
            )
            out.append((words, "small"))
        stand = self.odds[None]
        out.append((self.t("argued.stand_means", wins=stand.wins, pct=_pct(stand)), "small"))
        if getattr(self, "message", ""):
            out.append((self.message, "small_bold"))
        return out

    # ------------------------------------------------------------ layout and drawing

    def handle(self, event: pygame.event.Event) -> bool:
        if self.doc.handle(event):  # the text scrolls when it does not fit
            return True
        return super().handle(event)

    def _button_lines(self, width: int) -> list[list[Button]]:
        """The answers in as few lines as show every label whole: all on one line, else
        two to a line, else one."""
        th = self.theme
        buttons = [self.concede, *self.counter_buttons, self.stand]
        widest = max(b.natural_width() for b in buttons)
        for per in (len(buttons), 2, 1):
            each = (width - th.gap * (per - 1)) // per
            if per == 1 or widest <= each:
                return [buttons[i : i + per] for i in range(0, len(buttons), per)]
        return [[b] for b in buttons]  # not reached: one to a line is always taken

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        w = min(rect.width - 2 * th.pad, th.px(760))
        inner_w = w - 2 * th.pad
        lines = self._button_lines(inner_w)
        under = len(lines) * (th.control_h + th.gap)
        if self.article.visible:
            under += th.control_h + th.gap
        gap = 8
        text_w = inner_w - th.px(self.doc.gutter)
        text_h = sum(
            text_height(words, th.text(role), text_w, self.lang) + th.px(gap)
            for words, role in self._lines()
        )
        h = th.pad + text_h + under + th.pad
        self.box = pygame.Rect(0, 0, w, min(h, rect.height - 2 * th.pad))
        self.box.center = rect.center
        inner = inset(self.box, th.pad, th.pad)
        y = inner.bottom - under + th.gap
        for ln in lines:
            strip = pygame.Rect(inner.left, y, inner.width, th.control_h)
            for b, cell in zip(ln, row(strip, [None] * len(ln), th.gap, self.rtl), strict=True):
                b.rect = cell
            y += th.control_h + th.gap
        self.article.rect = pygame.Rect(inner.left, y, inner.width, th.control_h)
        viewport = pygame.Rect(
            inner.left, inner.top, inner.width, max(0, inner.bottom - under - inner.top)
        )
        self.doc.layout(
            viewport, [Text(self, words, role) for words, role in self._lines()], gap=gap
        )

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        dim(surface)
        rounded(surface, self.box, c.panel, c.border_hi, th.radius, 2)
        self.doc.draw(surface)
        self.ring.draw(surface)


def _pct(odds: debate.Odds) -> str:
    """The chance as a percentage, kept left to right in Arabic text."""
    return ltr(f"{round(odds.chance * 100)}%")
