"""The article, paragraph by paragraph, in the chosen language (GAME-DESIGN 2, 5).

Arabic: the translation exactly as given, with each known translation error's correct
reading beside it. English: the project's gloss (never the original's sentences), with the
same notes in English. Fact checks sit beside the paragraph they concern. It can open at a
paragraph id with cited paragraphs highlighted; it scrolls with the keys and the wheel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pygame

from game.ui import vocab
from game.ui.layout import at_end, at_start, inset, row
from game.ui.scene import Scene
from game.ui.text import draw_line, draw_text, text_height
from game.ui.theme import signal
from game.ui.widgets import rounded, scrollbar


@dataclass
class _Note:
    role: str
    text: str
    lang: str
    h: int = 0


@dataclass
class _Block:
    kind: str  # intro | heading | para
    id: str
    top: int = 0
    height: int = 0
    main: str = ""
    notes: list[_Note] = field(default_factory=list)
    main_h: int = 0
    notes_h: int = 0


class ArticleScene(Scene):
    name = "article"

    def __init__(
        self, app: Any, paragraph: str | None = None, highlight: Iterable[str] = ()
    ) -> None:
        self.target = paragraph
        self.highlight = set(highlight)
        if paragraph:
            self.highlight.add(paragraph)
        self.offset = 0
        self.current = 0
        self._jump_pending = paragraph is not None
        super().__init__(app)

    def build(self) -> None:
        self.error = self.app.content.error()
        self.article = None if self.error else self.app.content.article()
        fcs = [] if self.error else self.app.content.factchecks()
        self.factchecks: dict[str, list[Any]] = {}
        for fc in fcs:
            self.factchecks.setdefault(fc.paragraph, []).append(fc)
        self.blocks: list[_Block] = []
        self.content_h = 0
        self.ring.focus_first()

    # ------------------------------------------------------------ layout

    def layout(self, rect: pygame.Rect) -> None:
        f = self.standard_frame(rect, "article.heading")
        self.viewport = pygame.Rect(f.body.left, f.body.top, f.body.width, f.body.height)
        keep = self._anchor()
        self._measure()
        if self._jump_pending and self.target:
            self._jump_pending = False
            self.go_to(self.target)
        elif keep is not None:
            bid, delta = keep
            for b in self.blocks:
                if b.id == bid:
                    self.offset = b.top + delta
        self._clamp()

    def _anchor(self) -> tuple[str, int] | None:
        """The block at the top of the view, to keep the reading place across re-layouts."""
        for b in self.blocks:
            if b.top + b.height > self.offset:
                return b.id, self.offset - b.top
        return None

    def _measure(self) -> None:
        th = self.theme
        lang = self.lang
        vp = self.viewport
        bar = th.px(14)
        self.card_x = vp.left if not self.rtl else vp.left + bar
        self.card_w = max(1, vp.width - bar)
        pad = th.pad
        inner_w = self.card_w - 2 * pad
        self.side = inner_w >= th.px(760)
        if self.side:
            main_w = int(inner_w * 0.62)
            self.notes_w = inner_w - main_w - th.px(28)
        else:
            main_w = inner_w
            self.notes_w = inner_w
        self.main_w = main_w
        self.blocks = []
        y = 0
        a = self.article
        if a is None:
            self.content_h = 0
            return
        # the title block
        intro = _Block("intro", "intro")
        parts = [
            _Note("h2", vocab.text_of(a.title, lang), lang),
            _Note("small", self.t("article.by", author=vocab.text_of(a.author, lang)), lang),
            _Note(
                "caption", self.t("article.translation" if lang == "ar" else "article.gloss"), lang
            ),
            _Note("caption", vocab.text_of(a.licence, lang), lang),
        ]
        h = 0
        for n in parts:
            n.h = text_height(n.text, th.text(n.role), self.card_w, lang)
            h += n.h + th.px(6)
        intro.notes, intro.top, intro.height = parts, y, h + th.px(12)
        self.blocks.append(intro)
        y += intro.height + th.px(12)
        reading = th.text("reading")
        for p in a.paragraphs:
            if p.id.startswith("H"):
                text = p.ar if lang == "ar" else p.en
                b = _Block("heading", p.id, main=text)
                b.main_h = text_height(text, th.text("h2"), self.card_w, lang)
                b.top = y + th.px(14)
                b.height = b.main_h + th.px(10)
                y = b.top + b.height + th.px(10)
                self.blocks.append(b)
                continue
            b = _Block("para", p.id, main=p.ar if lang == "ar" else p.en)
            b.notes = self._notes(p)
            b.main_h = text_height(b.main, reading, main_w, lang)
            nh = 0
            for n in b.notes:
                n.h = text_height(n.text, self._note_style(n.role), self.notes_w, n.lang)
                nh += n.h + (th.px(10) if n.role == "head" else th.px(4))
            b.notes_h = nh
            label_h = th.text("small_bold").line_height + th.px(8)
            if self.side:
                content = max(b.main_h, nh)
            else:
                content = b.main_h + (th.px(16) + nh if b.notes else 0)
            b.top = y
            b.height = pad + label_h + content + pad
            y += b.height + th.px(14)
            self.blocks.append(b)
        self.content_h = y
        self.paras = [i for i, b in enumerate(self.blocks) if b.kind == "para"]

    def _note_style(self, role: str) -> Any:
        if role == "head":
            return self.theme.text("small_bold").with_colour(self.theme.c.warn)
        return self.theme.text(role)

    def _notes(self, p: Any) -> list[_Note]:
        lang = self.lang
        out: list[_Note] = []
        if p.corrections:
            out.append(_Note("head", f"✎ {self.t('article.correction')}", lang))
            for c in p.corrections:
                if lang == "ar":
                    out.append(
                        _Note("small_bold", self.t("article.correct_reading", right=c.right), lang)
                    )
                    out.append(_Note("small", self.t("article.instead_of", wrong=c.wrong), lang))
                else:
                    out.append(
                        _Note(
                            "small_bold",
                            self.t("article.correction_en", wrong=c.wrong, right=c.right),
                            lang,
                        )
                    )
                out.append(_Note("caption", vocab.text_of(c.note, lang), lang))
        for fc in self.factchecks.get(p.id, []):
            out.append(_Note("head", f"{signal('warning')[0]} {self.t('common.factcheck')}", lang))
            out.append(
                _Note(
                    "small",
                    self.t("article.factcheck_claim", claim=vocab.text_of(fc.claim, lang)),
                    lang,
                )
            )
            out.append(
                _Note(
                    "small_bold",
                    self.t("article.factcheck_record", record=vocab.text_of(fc.record, lang)),
                    lang,
                )
            )
        return out

    # ------------------------------------------------------------ scrolling

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.viewport.height)

    def _clamp(self) -> None:
        self.offset = max(0, min(self.max_offset, self.offset))
        # the current paragraph: the first one whose card reaches into the view's top third
        mark = self.offset + self.viewport.height // 3
        cur = self.current
        for k, i in enumerate(self.paras if self.blocks else []):
            b = self.blocks[i]
            if b.top <= mark:
                cur = k
        self.current = cur

    def scroll_by(self, dy: int) -> bool:
        before = self.offset
        self.offset += dy
        self._clamp()
        return self.offset != before

    def go_to(self, pid: str) -> bool:
        for k, i in enumerate(self.paras):
            if self.blocks[i].id == pid:
                self.offset = self.blocks[i].top - self.theme.px(8)
                self._clamp()
                self.current = k
                return True
        for b in self.blocks:  # a heading id
            if b.id == pid:
                self.offset = b.top
                self._clamp()
                return True
        return False

    def step_paragraph(self, step: int) -> bool:
        if not self.paras:
            return False
        k = max(0, min(len(self.paras) - 1, self.current + step))
        b = self.blocks[self.paras[k]]
        self.offset = b.top - self.theme.px(8)
        self._clamp()
        self.current = k
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        th = self.theme
        if event.type == pygame.MOUSEWHEEL:
            return self.scroll_by(-int(getattr(event, "y", 0)) * th.px(60))
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
            pos = getattr(event, "pos", (-1, -1))
            track = at_end(self.viewport, th.px(14), self.rtl)
            if track.collidepoint(pos) and self.content_h > self.viewport.height:
                frac = (pos[1] - self.viewport.top) / max(1, self.viewport.height)
                self.offset = int(frac * self.max_offset)
                self._clamp()
                return True
        if event.type == pygame.KEYDOWN:
            k = event.key
            line = th.px(60)
            page = max(line, self.viewport.height - th.px(80))
            shift = getattr(event, "mod", 0) & pygame.KMOD_SHIFT
            if k == pygame.K_DOWN:
                return self.scroll_by(line)
            if k == pygame.K_UP:
                return self.scroll_by(-line)
            if k == pygame.K_PAGEDOWN or (k == pygame.K_SPACE and not shift):
                return self.scroll_by(page)
            if k == pygame.K_PAGEUP or (k == pygame.K_SPACE and shift):
                return self.scroll_by(-page)
            if k == pygame.K_HOME:
                return self.scroll_by(-self.offset)
            if k == pygame.K_END:
                return self.scroll_by(self.max_offset - self.offset)
            if k in (pygame.K_n, pygame.K_j):
                return self.step_paragraph(1)
            if k in (pygame.K_p, pygame.K_k):
                return self.step_paragraph(-1)
        return super().handle(event)

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface)
        f = self.frame
        assert f is not None
        if self.paras:
            b = self.blocks[self.paras[self.current]]
            pos = self.t("article.position", id=b.id, n=self.current + 1, total=len(self.paras))
            w = th.px(240)
            r = at_end(f.header, w, self.rtl)
            draw_line(
                surface,
                pos,
                (r.left if self.rtl else r.right, f.header.centery),
                th.text("small"),
                self.lang,
                anchor="midleft" if self.rtl else "midright",
            )
        vp = self.viewport
        if self.error:
            draw_text(surface, self.error, vp, th.text("body_dim"), self.lang)
            self.ring.draw(surface)
            return
        old = surface.get_clip()
        surface.set_clip(vp.clip(old))
        for b in self.blocks:
            top = vp.top + b.top - self.offset
            if top > vp.bottom or top + b.height < vp.top:
                continue
            if b.kind == "intro":
                y = top
                for n in b.notes:
                    style = th.text(n.role)
                    draw_text(
                        surface, n.text, pygame.Rect(self.card_x, y, self.card_w, 0), style, n.lang
                    )
                    y += n.h + th.px(6)
            elif b.kind == "heading":
                r = pygame.Rect(self.card_x, top, self.card_w, b.height)
                draw_text(surface, b.main, r, th.text("h2").with_colour(c.accent), self.lang)
            else:
                self._draw_para(surface, b, top)
        surface.set_clip(old)
        scrollbar(surface, vp, self.offset, self.content_h, th, self.rtl)
        self.ring.draw(surface)

    def _draw_para(self, surface: pygame.Surface, b: _Block, top: int) -> None:
        th, c = self.theme, self.theme.c
        card = pygame.Rect(self.card_x, top, self.card_w, b.height)
        cited = b.id in self.highlight
        current = self.paras and self.blocks[self.paras[self.current]] is b
        rounded(
            surface,
            card,
            c.panel,
            c.accent if cited else c.border,
            th.radius,
            width=max(1, th.px(2)) if cited else 1,
        )
        if current:
            bar = at_start(card.inflate(0, -th.px(20)), th.px(4), self.rtl)
            pygame.draw.rect(surface, c.accent, bar, border_radius=th.px(2))
        inner = inset(card, th.pad, th.pad)
        label_style = th.text("small_bold").with_colour(c.accent)
        draw_line(
            surface,
            b.id,
            (inner.right if self.rtl else inner.left, inner.top),
            label_style,
            "en",
            anchor="topright" if self.rtl else "topleft",
        )
        if cited:
            sym = signal("cited")[0]
            draw_line(
                surface,
                f"{sym} {self.t('article.cited')}",
                (inner.left if self.rtl else inner.right, inner.top),
                th.text("small_bold").with_colour(c.accent),
                self.lang,
                anchor="topleft" if self.rtl else "topright",
            )
        y = inner.top + th.text("small_bold").line_height + th.px(8)
        if self.side:
            main_r, notes_r = row(
                pygame.Rect(inner.left, y, inner.width, b.height),
                [self.main_w, None],
                th.px(28),
                self.rtl,
            )
        else:
            main_r = pygame.Rect(inner.left, y, inner.width, b.main_h)
            notes_r = pygame.Rect(inner.left, y + b.main_h + th.px(16), inner.width, b.notes_h)
        draw_text(surface, b.main, main_r, th.text("reading"), self.lang)
        if b.notes:
            if self.side:
                line = at_start(
                    pygame.Rect(
                        notes_r.left - th.px(14) if not self.rtl else notes_r.right + th.px(13),
                        y,
                        1,
                        b.notes_h,
                    ),
                    1,
                    False,
                )
                pygame.draw.rect(surface, c.border, line)
            else:
                pygame.draw.rect(
                    surface, c.border, (inner.left, notes_r.top - th.px(9), inner.width, 1)
                )
            ny = notes_r.top
            for n in b.notes:
                style = self._note_style(n.role)
                draw_text(
                    surface, n.text, pygame.Rect(notes_r.left, ny, notes_r.width, 0), style, n.lang
                )
                ny += n.h + (th.px(10) if n.role == "head" else th.px(4))
