"""The debate overlay (GAME-DESIGN 3.8): one argument resolved in the open.

    DebateScene(app, flow, events)      # the events of an `argue` action

The argument (claim; the evidence quoted in the chosen language with its paragraph id, and a
button that opens the article there; the warrant), the listener's counter-card, every
modifier of 2d6 + strength + relevance - counter >= 7, the dice (the roll before the
modifiers and the total after), and success or failure as a symbol and a word with what
changed. The dice tumble for at most 0.6 s (any key or click skips; none when animations
are off). Enter or Esc closes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import explain as ex
from game.ui import vocab
from game.ui.doc import Block, Box, Card, DocView, Text, Widgets
from game.ui.flow import text as loc
from game.ui.layout import at_end, at_start, inset
from game.ui.scene import Scene
from game.ui.text import Colour, draw_line, draw_text, line_width, text_height
from game.ui.theme import Theme, mix, signal
from game.ui.widgets import Button, dim, rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow

ANIMATION_MS = 600
FACE_MS = 70

_PIPS = {
    1: [(0.5, 0.5)],
    2: [(0.28, 0.28), (0.72, 0.72)],
    3: [(0.28, 0.28), (0.5, 0.5), (0.72, 0.72)],
    4: [(0.28, 0.28), (0.72, 0.28), (0.28, 0.72), (0.72, 0.72)],
    5: [(0.28, 0.28), (0.72, 0.28), (0.5, 0.5), (0.28, 0.72), (0.72, 0.72)],
    6: [(0.28, 0.25), (0.72, 0.25), (0.28, 0.5), (0.72, 0.5), (0.28, 0.75), (0.72, 0.75)],
}


def dice_face(
    surface: pygame.Surface, rect: pygame.Rect, n: int, theme: Theme, settled: bool = True
) -> None:
    """A die showing `n` pips (with the number under it drawn by the caller)."""
    c = theme.c
    fill = c.text if settled else mix(c.text, c.panel, 0.35)
    rounded(surface, rect, fill, c.border_hi, max(4, rect.width // 6))
    r = max(2, rect.width // 11)
    for fx, fy in _PIPS.get(max(1, min(6, n)), []):
        pygame.draw.circle(
            surface,
            c.on_accent,
            (rect.left + round(rect.width * fx), rect.top + round(rect.height * fy)),
            r,
        )


class DebateScene(Scene):
    name = "debate"
    opaque = False
    back_button = False

    def __init__(self, app: App, flow: GameFlow, events: Sequence[Mapping[str, Any]]) -> None:
        self.flow = flow
        found = [i for i, e in enumerate(events) if e.get("type") == "argument"]
        # a seat countering an argument standing against it: the same roll, its own sum
        # (2d6 + the counter's strength - the argument's >= the target)
        countered = [i for i, e in enumerate(events) if e.get("type") == "rebuttal"]
        self.rebuttal = not found and bool(countered)
        if self.rebuttal:
            found = countered
        i = found[0] if found else -1
        self.result: dict[str, Any] = dict(events[i]) if found else {}
        self.after = [e for e in events[i + 1 :]] if found else []
        self.card: dict[str, Any] = dict(flow.arguments.get(self.result.get("card", ""), {}))
        if self.rebuttal:
            r = self.result
            need = int(r.get("target", 8)) - int(r.get("counter_strength", 0))
            need += int(r.get("strength", 0))
            hits = sum(1 for a in range(1, 7) for b in range(1, 7) if a + b >= need)
            r["modifiers"] = [
                {"name": "counter", "value": int(r.get("counter_strength", 0))},
                {"name": "strength", "value": -int(r.get("strength", 0))},
            ]
            r["chance"] = hits / 36
            r["to"] = self.card.get("to", r.get("seat", ""))
        self.elapsed = 0
        self.animating = bool(app.settings.animations) and bool(self.result)
        self.faces = tuple(self.result.get("dice", [1, 1]))
        self._since_face = 0
        super().__init__(app)

    # ------------------------------------------------------------ widgets and input

    def build(self) -> None:
        ref = str(self.card.get("evidence_ref", ""))
        self.article = Button(
            self.app,
            lambda: self.t("debate.open_paragraph", id=ref),
            self.open_article,
            shortcut="o",
            kind="ghost",
            name="open_paragraph",
        )
        self.article.visible = bool(ref)
        self.close = Button(
            self.app, "debate.close", self.back, chip="Enter", kind="primary", name="close"
        )
        self.ring.add(self.article, self.close)
        self.ring.focus(self.close)
        self.doc = DocView(self.app, gutter=10)
        self.tight = False

    def open_article(self) -> None:
        ref = str(self.card.get("evidence_ref", ""))
        self.app.open_article(paragraph=ref or None, highlight=self.card.get("source", []))

    def back(self) -> bool:
        self.app.pop()
        return True

    def skip(self) -> None:
        self.animating = False
        self.faces = tuple(self.result.get("dice", [1, 1]))
        self.dirty = True
        if self.tight:  # the result goes into the scrolled text: lay it out again
            self._layout_key = None

    def update(self, dt_ms: int) -> bool:
        if not self.animating:
            return False
        self.elapsed += max(0, dt_ms)
        self._since_face += max(0, dt_ms)
        if self.elapsed >= ANIMATION_MS:
            self.skip()
            return True
        if self._since_face >= FACE_MS:
            self._since_face = 0
            rng = self.app.rng
            self.faces = (rng.randint(1, 6), rng.randint(1, 6))
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if self.animating and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.skip()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.back()  # Space opens the paragraph
            return True
        if self.doc.handle(event):
            return True
        return super().handle(event)

    # ------------------------------------------------------------ content

    def _listener(self) -> str:
        to = str(self.result.get("to", self.card.get("to", "")))
        return vocab.seat_name(to, self.lang)

    def _caption(self, text: str, after: int = 2) -> Block:
        return Text(self, text, "caption", colour=self.theme.c.accent).then(after)

    def _write(self) -> list[Block]:
        c, f, lang = self.theme.c, self.flow, self.lang
        r, card = self.result, self.card
        seat = str(r.get("seat", ""))
        who = (
            self.t(
                "debate.rebuttal_who",
                seat=vocab.seat_name(seat, lang),
                owner=vocab.seat_name(self._owner(), lang),
            )
            if self.rebuttal
            else self.t("debate.who", seat=vocab.seat_name(seat, lang), listener=self._listener())
        )
        out: list[Block] = [Text(self, who, "small_bold", colour=c.accent).then(6)]
        if self.tight and not self.animating:  # the result first, where it is seen
            out += [
                Text(self, t, role, colour=col).then(2) for t, role, col in self._result_lines()
            ]
            out[-1].after = 14
        roomy = self.doc.viewport.height >= self.theme.px(360)
        out.append(
            Text(self, loc(card.get("claim"), lang), "h3" if roomy else "body_bold").then(14)
        )
        for b in ex.note_blocks(self, f.factchecks, card):
            out.append(b.then(8))
        out[-1].after = 14
        # the evidence, quoted, with its paragraph
        ref = str(card.get("evidence_ref", ""))
        quote = loc(card.get("evidence"), lang)
        evidence: list[Block] = [
            self._caption(
                self.t("debate.evidence")
                + (f" · {self.t('common.paragraph', id=ref)}" if ref else ""),
                4,
            ),
            Text(self, f"“{quote}”" if lang == "en" else f"«{quote}»", "reading").then(8),
        ]
        self.article.visible = bool(ref)
        if ref:
            evidence.append(Widgets(self, [self.article], min_width=220))
        out.append(Card(self, evidence, fill=c.bg_deep, pad=12, pad_y=10, bleed=True, gap=0))
        out[-1].after = 12
        out.append(self._caption(self.t("debate.warrant", listener=self._listener())))
        out.append(Text(self, loc(card.get("warrant"), lang)).then(12))
        # the counter
        out.append(self._caption(self.t("debate.counter_heading", listener=self._listener())))
        cid = r.get("counter")
        if cid:
            counter = f.counters.get(cid, {})
            out.append(Text(self, loc(counter.get("text"), lang)).then(4))
            for b in ex.note_blocks(self, f.factchecks, counter):
                out.append(b.then(4))
            strength = self.t("debate.counter_strength", n=r.get("counter_strength", 0))
            out.append(Text(self, strength, "small").then(14))
        else:
            out.append(Text(self, self.t("debate.no_counter"), "body_dim").then(14))
        return out

    def _owner(self) -> str:
        """Who played the argument a rebuttal answers (the last to land it)."""
        card = self.result.get("card")
        played = [p for p in self.flow.state.get("played", []) if p.get("card") == card]
        landed = [p for p in played if p.get("success")] or played
        return str(landed[-1]["seat"]) if landed else ""

    def _result_lines(self) -> list[tuple[str, str, Colour | None]]:
        """What the roll did, shown once the dice have settled: (text, role, colour)."""
        c, lang = self.theme.c, self.lang
        r = self.result
        ok = bool(r.get("success"))
        col = signal("result.success" if ok else "result.failure")[1]
        dice = r.get("dice", [0, 0])
        out: list[tuple[str, str, Colour | None]] = [
            (vocab.result_label(ok, lang), "h2", col),
            (
                self.t("debate.before_after", roll=sum(dice), total=r.get("total", 0)),
                "small",
                None,
            ),
        ]
        if self.rebuttal:
            out.append(
                (
                    self.t("debate.rebuttal_undone" if ok else "debate.rebuttal_stands"),
                    "small_bold",
                    None,
                )
            )
            for e in self.after if ok else []:
                line = self._change_line(e)
                if line:
                    out.append((f"• {line}", "small_bold", None))
            return out
        if ok:
            for e in self.after:
                line = self._change_line(e)
                if line:
                    out.append((f"• {line}", "small_bold", None))
            out.append((self.t("debate.holds"), "caption", None))
        else:
            out.append((self.t("debate.missed", listener=self._listener()), "small_bold", None))
            for e in self.after:
                if e.get("type") == "flag" and e.get("flag") == "split":
                    out.append(
                        (f"{signal('warning')[0]} " + self.t("debate.split"), "small", c.warn)
                    )
        return out

    def _style(self, role: str, colour: Colour | None) -> Any:
        s = self.theme.text(role)
        return s.with_colour(colour) if colour is not None else s

    def _change_line(self, e: Mapping[str, Any]) -> str:
        if e.get("type") != "change":
            return ""
        if "position" in e:
            name = self.flow.label(e["position"], self.lang)
        else:
            name = vocab.indicator_name(e.get("indicator", ""), self.lang)
        return self.t("debate.change", what=name, before=e["from"], after=e["to"])

    # ------------------------------------------------------------ layout and drawing

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        margin = th.px(24)
        w = min(rect.width - 2 * margin, th.px(900))
        h = rect.height - 2 * margin
        self.card_rect = pygame.Rect(rect.centerx - w // 2, rect.top + margin, w, h)
        inner = inset(self.card_rect, th.pad, th.pad)
        title_h = th.text("h2").line_height + th.px(8)
        self.title_rect = pygame.Rect(inner.left, inner.top, inner.width, title_h)
        # the fixed bottom: the roll, then the result beside the Continue button
        bw = min(inner.width // 2, max(th.px(200), self.close.natural_width()))
        res_w = max(1, inner.width - bw - th.gap - th.px(12))
        res_h = sum(
            text_height(t, self._style(role, col), res_w, self.lang) + th.px(2)
            for t, role, col in self._result_lines()
        )
        res_h = max(res_h, th.control_h)
        roll_h = th.px(92) + th.text("small").line_height
        # a large scale in a small window: the result's lines would leave the text no room
        # (the roll was drawn over it), so they go to the top of the scrolled text instead
        # and the bottom row keeps only Continue
        room = inner.bottom - res_h - roll_h - th.px(20) - self.title_rect.bottom
        self.tight = room < th.px(140)
        if self.tight:
            res_h = th.control_h
        text_area = inner.inflate(-2 * th.px(12), 0)
        self.result_rect = at_start(
            pygame.Rect(text_area.left, inner.bottom - res_h, text_area.width, res_h),
            res_w,
            self.rtl,
        )
        self.close.rect = at_end(
            pygame.Rect(inner.left, inner.bottom - th.control_h, inner.width, th.control_h),
            bw,
            self.rtl,
        )
        self.roll_rect = pygame.Rect(
            inner.left, self.result_rect.top - th.px(10) - roll_h, inner.width, roll_h
        )
        vp = pygame.Rect(
            inner.left,
            self.title_rect.bottom,
            inner.width,
            max(th.px(60), self.roll_rect.top - th.px(10) - self.title_rect.bottom),
        )
        self.doc.view.reset(vp)  # the text is written for this viewport's height
        self.doc.layout(vp, [Box(self, self._write(), pad=12, pad_y=4, gap=0)], gap=0)
        # shrink the card around short content
        view = self.doc.view
        used = view.content_h
        if used < vp.height:
            cut = vp.height - used
            top_cut = cut // 2
            self.card_rect.y += top_cut
            self.card_rect.height -= cut
            self.title_rect.y += top_cut
            view.viewport.y += top_cut
            view.viewport.height = used
            for r in (self.roll_rect, self.result_rect, self.close.rect):
                r.y -= cut - top_cut
            view.apply()

    def _compare(self, reached: bool) -> str:
        """≥ or <, mirrored in Arabic where the row reads right to left (as bidi mirrors it
        in text): 14 ≥ 7 is drawn 7 ≤ 14."""
        if self.rtl:
            return "≤" if reached else ">"
        return "≥" if reached else "<"

    def _draw_roll(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        th, c = self.theme, self.theme.c
        r = self.result
        settled = not self.animating
        d = th.px(46)
        cap = th.text("caption")
        val = th.text("h2")
        op = th.text("h3").with_colour(c.text_dim)
        total = str(r.get("total", 0)) if settled else "?"
        ok = bool(r.get("success"))
        tokens: list[tuple[str, str, str]] = [
            ("die", str(self.faces[0]), self.t("debate.die")),
            ("op", "+", ""),
            ("die", str(self.faces[1]), self.t("debate.die")),
        ]
        for name, value in ex.roll_terms(r):  # every modifier that counts, signed
            tokens.append(("op", "+" if value >= 0 else "−", ""))
            tokens.append(("term", str(abs(value)), self.t(f"debate.mod.{name}")))
        tokens += [
            ("op", "=", ""),
            ("total", total, self.t("debate.total")),
            ("op", self._compare(ok or not settled), ""),
            ("term", str(r.get("target", 7)), self.t("debate.target")),
        ]
        widths = []
        for kind, text, label in tokens:
            if kind == "op":
                widths.append(line_width(text, op, "en") + th.px(10))
            else:
                bw = d if kind == "die" else max(d, line_width(text, val, "en") + th.px(16))
                widths.append(max(bw, line_width(label, cap, self.lang) + th.px(6)))
        total_w = sum(widths)
        if total_w > rect.width:  # too narrow for the row of tokens: the sum in one line
            text = ex.roll_sum(
                {**r, "total": total},
                dice=f"{self.faces[0]} + {self.faces[1]}" if settled else "?",
            )
            draw_line(
                surface,
                text,
                rect.center,
                th.text("h3"),
                "en",
                anchor="center",
                max_width=rect.width,
            )
            return
        x = rect.centerx - total_w // 2
        cy = rect.top + d // 2 + th.px(4)
        order = list(zip(tokens, widths, strict=True))
        if self.rtl:
            order.reverse()
        for (kind, text, label), w in order:
            cx = x + w // 2
            if kind == "op":
                draw_line(surface, text, (cx, cy), op, "en", anchor="center")
            else:
                box = pygame.Rect(
                    0, 0, d if kind == "die" else max(d, line_width(text, val, "en") + th.px(16)), d
                )
                box.center = (cx, cy)
                if kind == "die":
                    dice_face(surface, box, int(text), th, settled)
                else:
                    if kind == "total":
                        col = c.ok if ok else c.bad
                        fill = c.panel_hi if not settled else col
                        rounded(surface, box, fill, None, th.px(8))
                        tc = c.on_accent if settled else c.text
                    else:
                        rounded(surface, box, c.panel_hi, c.border, th.px(8))
                        tc = c.text
                    draw_line(surface, text, box.center, val.with_colour(tc), "en", anchor="center")
                draw_line(
                    surface,
                    label,
                    (cx, box.bottom + th.px(6)),
                    cap,
                    self.lang,
                    anchor="midtop",
                    max_width=w,
                )
            x += w

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        dim(surface)
        r = self.card_rect
        rounded(surface, r, c.panel, c.border_hi, th.radius + th.px(4), 2)
        draw_line(
            surface,
            self.t("debate.heading"),
            (self.title_rect.right if self.rtl else self.title_rect.left, self.title_rect.top),
            th.text("h2"),
            self.lang,
            anchor="topright" if self.rtl else "topleft",
            max_width=self.title_rect.width,
        )
        if self.animating:
            hint = self.t("debate.skip_animation")
            draw_line(
                surface,
                hint,
                (
                    self.title_rect.left if self.rtl else self.title_rect.right,
                    self.title_rect.top + th.px(8),
                ),
                th.text("caption"),
                self.lang,
                anchor="topleft" if self.rtl else "topright",
            )
        self.doc.draw(surface)
        pygame.draw.line(
            surface,
            c.border,
            (self.roll_rect.left, self.roll_rect.top - th.px(6)),
            (self.roll_rect.right, self.roll_rect.top - th.px(6)),
            1,
        )
        draw_line(
            surface,
            self.t(
                "debate.formula",
                target=self.result.get("target", 8),
                chance=round(100 * float(self.result.get("chance", 0))),
            ),
            (self.roll_rect.centerx, self.roll_rect.top),
            th.text("small"),
            self.lang,
            anchor="midtop",
            max_width=self.roll_rect.width,
        )
        tokens = pygame.Rect(self.roll_rect)
        tokens.top += th.text("small").line_height + th.px(4)
        tokens.height -= th.text("small").line_height + th.px(4)
        self._draw_roll(surface, tokens)
        if not self.animating and not self.tight:  # once the dice have settled
            y = self.result_rect.top
            for text, role, col in self._result_lines():
                y += draw_text(
                    surface,
                    text,
                    pygame.Rect(self.result_rect.left, y, self.result_rect.width, 0),
                    self._style(role, col),
                    self.lang,
                ) + th.px(2)
        self.ring.draw(surface)
