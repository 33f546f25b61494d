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

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import vocab
from game.ui.cards import ChipButton, Doc, dice_face, dim
from game.ui.flow import text as loc
from game.ui.layout import at_end, at_start, inset
from game.ui.scene import Scene
from game.ui.text import draw_line, draw_text, line_width, text_height
from game.ui.theme import signal
from game.ui.widgets import Button, ScrollView, rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow

ANIMATION_MS = 600
FACE_MS = 70


class DebateScene(Scene):
    name = "debate"
    opaque = False
    back_button = False

    def __init__(self, app: App, flow: GameFlow, events: list[dict[str, Any]]) -> None:
        self.flow = flow
        found = [i for i, e in enumerate(events) if e.get("type") == "argument"]
        i = found[0] if found else -1
        self.result: dict[str, Any] = dict(events[i]) if found else {}
        self.after = [e for e in events[i + 1 :]] if found else []
        self.card: dict[str, Any] = dict(flow.arguments.get(self.result.get("card", ""), {}))
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
        self.close = ChipButton(
            self.app, "debate.close", self.back, chip="Enter", kind="primary", name="close"
        )
        self.ring.add(self.article, self.close)
        self.ring.focus(self.close)
        self.view = ScrollView(self.app)
        self.tight = False
        self.doc: Doc | None = None

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
        if event.type == pygame.MOUSEWHEEL and self.view.handle(event):
            return True
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):  # Space opens the paragraph
                self.back()
                return True
            step = {
                pygame.K_UP: -48,
                pygame.K_DOWN: 48,
                pygame.K_PAGEUP: -300,
                pygame.K_PAGEDOWN: 300,
            }.get(event.key)
            if step is not None:
                return self.view.scroll_by(self.theme.px(step)) or True
        return super().handle(event)

    # ------------------------------------------------------------ content

    def _listener(self) -> str:
        to = str(self.result.get("to", self.card.get("to", "")))
        return vocab.seat_name(to, self.lang)

    def _write(self, doc: Doc) -> None:
        th, c, f, lang = self.theme, self.theme.c, self.flow, self.lang
        r, card = self.result, self.card
        seat = str(r.get("seat", ""))
        doc.text(
            self.t("debate.who", seat=vocab.seat_name(seat, lang), listener=self._listener()),
            th.text("small_bold").with_colour(c.accent),
            after=th.px(6),
        )
        if self.tight and not self.animating:  # the result first, where it is seen
            for text_, style in self._result_lines():
                doc.text(text_, style, after=th.px(2))
            doc.space(th.px(12))
        roomy = self.view.viewport.height >= th.px(360)
        doc.text(loc(card.get("claim"), lang), "h3" if roomy else "body_bold", after=th.px(14))
        # the evidence, quoted, with its paragraph
        ref = str(card.get("evidence_ref", ""))
        top, mark = doc.y, doc.begin()
        doc.space(th.px(10))
        doc.text(
            self.t("debate.evidence") + (f" · {self.t('common.paragraph', id=ref)}" if ref else ""),
            th.text("caption").with_colour(c.accent),
            after=th.px(4),
        )
        quote = loc(card.get("evidence"), lang)
        doc.text(f"“{quote}”" if lang == "en" else f"«{quote}»", "reading", after=th.px(8))
        if ref:
            w = min(doc.width, max(th.px(220), self.article.natural_width()))
            self.article.visible = True
            doc.widget(self.article, th.control_h, width=w)
            doc.space(th.control_h + th.px(10))
        doc.end(mark, top, fill=c.bg_deep)
        doc.space(th.px(12))
        doc.text(
            self.t("debate.warrant", listener=self._listener()),
            th.text("caption").with_colour(c.accent),
            after=th.px(2),
        )
        doc.text(loc(card.get("warrant"), lang), "body", after=th.px(12))
        # the counter
        doc.text(
            self.t("debate.counter_heading", listener=self._listener()),
            th.text("caption").with_colour(c.accent),
            after=th.px(2),
        )
        cid = r.get("counter")
        if cid:
            counter = f.counters.get(cid, {})
            doc.text(loc(counter.get("text"), lang), "body", after=th.px(2))
            doc.text(
                self.t("debate.counter_strength", n=r.get("counter_strength", 0)),
                "small",
                after=th.px(14),
            )
        else:
            doc.text(self.t("debate.no_counter"), "body_dim", after=th.px(14))

    def _result_lines(self) -> list[tuple[str, Any]]:
        """What the roll did, shown once the dice have settled: (text, style)."""
        th, c, lang = self.theme, self.theme.c, self.lang
        r = self.result
        ok = bool(r.get("success"))
        col = signal("result.success" if ok else "result.failure")[1]
        dice = r.get("dice", [0, 0])
        out: list[tuple[str, Any]] = [
            (vocab.result_label(ok, lang), th.text("h2").with_colour(col)),
            (
                self.t("debate.before_after", roll=sum(dice), total=r.get("total", 0)),
                th.text("small"),
            ),
        ]
        if ok:
            for e in self.after:
                line = self._change_line(e)
                if line:
                    out.append((f"• {line}", th.text("small_bold")))
            out.append((self.t("debate.holds"), th.text("caption")))
        else:
            out.append((self.t("debate.missed", listener=self._listener()), th.text("small_bold")))
            for e in self.after:
                if e.get("type") == "flag" and e.get("flag") == "split":
                    out.append(
                        (
                            f"{signal('warning')[0]} " + self.t("debate.split"),
                            th.text("small").with_colour(c.warn),
                        )
                    )
        return out

    def _change_line(self, e: dict[str, Any]) -> str:
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
            text_height(t, st, res_w, self.lang) + th.px(2) for t, st in self._result_lines()
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
        self.view.reset(vp)
        sb = th.px(10)
        doc = Doc(
            self.app,
            self.view,
            vp.left + (sb if self.rtl else 0) + th.px(12),
            vp.width - sb - th.px(24),
            th.px(4),
        )
        self._write(doc)
        self.view.extend(doc.y + th.px(4))
        self.view.apply()
        self.doc = doc
        # shrink the card around short content
        used = self.view.content_h
        if used < vp.height:
            cut = vp.height - used
            top_cut = cut // 2
            self.card_rect.y += top_cut
            self.card_rect.height -= cut
            self.title_rect.y += top_cut
            self.view.viewport.y += top_cut
            self.view.viewport.height = used
            for r in (self.roll_rect, self.result_rect, self.close.rect):
                r.y -= cut - top_cut
            self.view.apply()

    def _paint(
        self, surface: pygame.Surface, kind: str, rect: pygame.Rect, data: tuple[Any, ...]
    ) -> None:
        if kind == "roll":
            self._draw_roll(surface, rect)

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
            ("op", "+", ""),
            ("term", str(r.get("strength", 0)), self.t("debate.strength")),
            ("op", "+", ""),
            ("term", str(r.get("relevance", 0)), self.t("debate.relevance")),
            ("op", "−", ""),
            ("term", str(r.get("counter_strength", 0)), self.t("debate.counter")),
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
                box = d if kind == "die" else max(d, line_width(text, val, "en") + th.px(16))
                widths.append(max(box, line_width(label, cap, self.lang) + th.px(6)))
        total_w = sum(widths)
        if total_w > rect.width:  # too narrow for the row of tokens: the sum in one line
            text = self.t(
                "debate.sum",
                dice=f"{self.faces[0]}+{self.faces[1]}" if settled else "?",
                strength=r.get("strength", 0),
                relevance=r.get("relevance", 0),
                counter=r.get("counter_strength", 0),
                total=total,
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
        if self.doc is not None:
            self.doc.draw(surface, self._paint)
        self.view.draw_scrollbar(surface)
        pygame.draw.line(
            surface,
            c.border,
            (self.roll_rect.left, self.roll_rect.top - th.px(6)),
            (self.roll_rect.right, self.roll_rect.top - th.px(6)),
            1,
        )
        draw_line(
            surface,
            self.t("debate.formula", target=self.result.get("target", 7)),
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
            for text, style in self._result_lines():
                y += draw_text(
                    surface,
                    text,
                    pygame.Rect(self.result_rect.left, y, self.result_rect.width, 0),
                    style,
                    self.lang,
                ) + th.px(2)
        self.ring.draw(surface)
