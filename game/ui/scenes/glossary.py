"""The glossary: search by typing (English or Arabic), the terms in a list, the chosen one
in both languages with the paragraphs that use it (each opens the article there)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pygame

from game.ui import vocab
from game.ui.i18n import other
from game.ui.layout import flow, inset, row
from game.ui.scene import Scene, section_title
from game.ui.text import draw_text, text_height
from game.ui.widgets import Button, ListView, ScrollView, TextInput, rounded

_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)


def fold(text: str) -> str:
    """Text for matching: case, accents, harakat, tatweel and alef/ya/ta-marbuta forms folded."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or "\u0600" <= ch <= "\u06ff")
    text = _HARAKAT.sub("", text).translate(_FOLD)
    return re.sub(r"[\"'“”«»()\-–]", " ", text)


def search(entries: list[Any], query: str) -> list[Any]:
    """Entries whose term or definition (either language) has every word of `query`;
    matches in the term come first."""
    words = fold(query).split()
    if not words:
        return list(entries)
    scored = []
    for i, e in enumerate(entries):
        term = fold(f"{e.term.en} {e.term.ar}")
        full = term + " " + fold(f"{e.definition.en} {e.definition.ar} {e.id}")
        if all(w in full for w in words):
            scored.append((0 if all(w in term for w in words) else 1, i, e))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [e for _, _, e in scored]


class GlossaryScene(Scene):
    name = "glossary"

    def __init__(self, app: Any, query: str = "") -> None:
        self.initial_query = query
        super().__init__(app)

    def build(self) -> None:
        app = self.app
        self.error = app.content.error()
        self.entries: list[Any] = [] if self.error else app.content.glossary()
        self.factchecks = {} if self.error else {f.id: f for f in app.content.factchecks()}
        self.search = TextInput(
            app,
            "glossary.search_hint",
            text=self.initial_query,
            on_change=self._query,
            name="search",
        )
        self.list = ListView(
            app,
            self.entries,
            label=lambda e: vocab.text_of(e.term, self.lang),
            sublabel=lambda e: vocab.text_of(e.term, other(self.lang)),
            on_select=lambda e: self._chosen(),
            on_activate=lambda e: self._open_first(),
            name="terms",
        )
        self.chips: list[Button] = []
        self.view = ScrollView(app)
        self.ring.add(self.search, self.list)
        self.ring.focus(self.search)
        if self.initial_query:
            self._query(self.initial_query)
        else:
            self._chosen()

    # ------------------------------------------------------------ state

    def _query(self, text: str) -> None:
        self.list.set_items(search(self.entries, text), keep=False)
        self._chosen()

    def _chosen(self) -> None:
        for b in self.chips:
            if b in self.ring.widgets:
                self.ring.widgets.remove(b)
        if self.ring.current in self.chips:
            self.ring.focus(self.list)
        self.chips = []
        e = self.list.selected
        if e is not None:
            for pid in e.source:
                b = Button(
                    self.app, pid, self._opener(pid, e.source), kind="ghost", name=f"chip.{pid}"
                )
                self.chips.append(b)
            self.ring.add(*self.chips)
        self._layout_key = None
        self.dirty = True

    def _opener(self, pid: str, cited: list[str]) -> Callable[[], None]:
        def open_() -> None:
            self.app.open_article(pid, highlight=cited)

        return open_

    def _open_first(self) -> None:
        e = self.list.selected
        if e is not None and e.source:
            self.app.open_article(e.source[0], highlight=e.source)

    # ------------------------------------------------------------ input

    def handle(self, event: pygame.event.Event) -> bool:
        # typing always goes to the search field; up/down always move in the list
        if event.type == pygame.TEXTINPUT:
            return self.search.type_text(event)
        if event.type == pygame.KEYDOWN:
            k = event.key
            if k in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                return self.list.on_key(event)
            if k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.ring.current in (
                self.search,
                self.list,
            ):
                self._open_first()
                return True
            if k == pygame.K_BACKSPACE or (k == pygame.K_ESCAPE and self.search.text):
                return self.search.on_key(event)
        if self.view.handle(event):
            return True
        return super().handle(event)

    # ------------------------------------------------------------ layout and drawing

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "glossary.heading")
        body = f.body
        if body.width >= th.px(720):
            left, right = row(body, [0.36, None], th.px(28), self.rtl)
        else:
            h = max(th.px(160), body.height * 2 // 5)
            left = pygame.Rect(body.left, body.top, body.width, h)
            right = pygame.Rect(
                body.left, left.bottom + th.gap, body.width, max(0, body.height - h - th.gap)
            )
        self.left, self.right = left, right
        self.search.rect = pygame.Rect(left.left, left.top, left.width, th.control_h)
        cap = th.text("caption").line_height + th.px(10)
        self.count_rect = pygame.Rect(
            left.left, self.search.rect.bottom + th.px(6), left.width, cap
        )
        self.list.rect = pygame.Rect(
            left.left,
            self.count_rect.bottom,
            left.width,
            max(0, left.bottom - self.count_rect.bottom),
        )
        self.list.reveal()
        # the detail panel scrolls: its text is measured here, drawn at these offsets
        self.panel = right
        inner = inset(right, th.pad + th.px(6), th.pad)
        self.view.reset(inner)
        self.blocks: list[tuple[str, str, str, pygame.Rect]] = []
        e = self.list.selected
        y = 0
        w = inner.width - th.px(10)
        x = inner.left if not self.rtl else inner.left + th.px(10)
        if e is not None:
            ol = other(self.lang)

            def add(role: str, text: str, lang: str, gap: int) -> None:
                nonlocal y
                style = th.text("small_bold" if role == "section" else role)
                h = text_height(text, style, w, lang)
                self.blocks.append((role, text, lang, pygame.Rect(x, y, w, h)))
                y += h + gap

            add("h1", vocab.text_of(e.term, self.lang), self.lang, th.px(2))
            add("h3", vocab.text_of(e.term, ol), ol, th.px(16))
            add("reading", vocab.text_of(e.definition, self.lang), self.lang, th.px(12))
            add("body_dim", vocab.text_of(e.definition, ol), ol, th.px(20))
            add("section", self.t("glossary.in_article"), self.lang, th.px(8))
            widths = [max(th.px(64), b.natural_width()) for b in self.chips]
            cells = flow(pygame.Rect(x, y, w, 0), widths, th.px(38), th.px(8), self.rtl)
            for b, r in zip(self.chips, cells, strict=True):
                self.view.place(b, r)
            if cells:
                y = max(r.bottom for r in cells) + th.px(20)
            for fid in e.factcheck:
                fc = self.factchecks.get(fid)
                if fc is None:
                    continue
                add(
                    "section",
                    f"{self.t('glossary.factchecks')} · {fc.paragraph}",
                    self.lang,
                    th.px(6),
                )
                add(
                    "small",
                    self.t("article.factcheck_claim", claim=vocab.text_of(fc.claim, self.lang)),
                    self.lang,
                    th.px(4),
                )
                add(
                    "small",
                    self.t("article.factcheck_record", record=vocab.text_of(fc.record, self.lang)),
                    self.lang,
                    th.px(16),
                )
        self.view.extend(y)
        self.view.apply()

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface)
        n = len(self.list.items)
        if self.error:
            msg = self.error
        elif n == 0:
            msg = self.t("glossary.no_results", query=self.search.text)
        else:
            msg = self.t("glossary.results", n=n)
        draw_text(
            surface,
            msg,
            self.count_rect,
            th.text("caption"),
            self.lang,
            max_lines=1,
            valign="middle",
        )
        rounded(surface, self.list.rect.inflate(th.px(8), th.px(8)), c.panel, c.border, th.radius)
        rounded(surface, self.panel, c.panel, c.border, th.radius)
        vp = self.view.viewport
        old = surface.get_clip()
        surface.set_clip(vp.clip(old))
        for role, text, lang, r in self.blocks:
            sr = self.view.to_screen(r)
            if sr.bottom < vp.top or sr.top > vp.bottom:
                continue
            if role == "section":
                section_title(surface, self, text, sr)
                continue
            style = th.text(role)
            if role == "h3":
                # the term in the other language sits with the heading, on the UI's start side
                style = style.with_colour(c.accent)
                draw_text(surface, text, sr, style, lang, align="right" if self.rtl else "left")
                continue
            draw_text(surface, text, sr, style, lang, align="right" if lang == "ar" else "left")
        surface.set_clip(old)
        self.view.draw_scrollbar(surface)
        self.ring.draw(surface)
