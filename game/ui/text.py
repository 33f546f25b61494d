"""The one text-layout module: every string the game shows goes through here (GAME-DESIGN 6).

What was measured on pygame-ce 2.5.8 (SDL_ttf without mark positioning) decides the algorithm:

1. Wrap the LOGICAL text into lines first, by words, measuring each word after shaping
   (a paragraph is reshaped once: joining never crosses a space); each candidate line is
   measured whole again, shaped, with `SAFETY` pixels kept for kerning, so a rendered line
   never overflows its width.
2. Then, per line, `arabic_reshaper` (contextual forms, lam-alef, harakat kept) and the
   Unicode bidirectional algorithm from python-bidi, which gives the visual order. Each
   line gets the paragraph's direction and, as invisible marks at its ends, the strong
   direction of the text around it, so a line-initial number still reads as it would in
   the unbroken paragraph.
   `bidi.algorithm.get_display` (the pure-Python one) is used, not `bidi.get_display`:
   in python-bidi 0.6 the default Rust implementation does not mirror brackets, so
   "(P16)" inside Arabic came out as ")P16(". Both keep "2014" and "RAND" unreversed.
3. Render the visual string left to right with DejaVu Sans (it covers Arabic and Latin),
   aligned right in Arabic. `Font.set_script`/`set_direction` are never used: they
   reverse digits and Latin words ("2014" -> "4102").

Harakat are kept. With this renderer a combining mark is drawn over the glyph that follows
it in visual order, which is exactly where the bidi reordering puts its base letter.
`Font.metrics` returns the .notdef box for a missing character (not None) in this build,
so `missing_glyphs`/`has_glyphs` ask `pygame.freetype` instead.

A number range such as "15,000-20,000" inside Arabic is shown as the Unicode algorithm
(and every browser, so also the HTML debrief) shows it: each number unreversed, the first
number on the right, read right to left like the sentence around it.

Rendered lines are cached (an LRU bounded in bytes, keyed by the visual text, font and
colour) and so are layouts (keyed by text, font, width, language, alignment), so a screen
that redraws does not re-wrap or re-render unchanged text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import pygame
import pygame.freetype
from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display as _bidi_display

from game.data import data_dir

Colour = tuple[int, int, int] | tuple[int, int, int, int]
Align = Literal["start", "end", "left", "right", "center"]
Anchor = Literal[
    "topleft",
    "topright",
    "midleft",
    "midright",
    "center",
    "midtop",
    "midbottom",
    "bottomleft",
    "bottomright",
]

FONT_DIR = data_dir("fonts")  # packaged in a wheel, `assets/fonts/` in a checkout
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"

ELLIPSIS = "…"
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SPACES = re.compile(r"[ \t]+")


# ---------------------------------------------------------------- fonts


@dataclass(frozen=True)
class TextStyle:
    """How a piece of text looks: pixel size (already scaled), colour, weight, leading."""

    size: int
    colour: Colour = (232, 237, 244)
    bold: bool = False
    line_spacing: float = 1.3

    @property
    def font(self) -> pygame.font.Font:
        return get_font(self.size, self.bold)

    @property
    def line_height(self) -> int:
        return line_height(self.font, self.line_spacing)

    def with_colour(self, colour: Colour) -> TextStyle:
        return replace(self, colour=colour)


_fonts: dict[tuple[str, int], pygame.font.Font] = {}
_font_keys: dict[int, tuple[str, int]] = {}


def font_path(bold: bool = False) -> Path:
    return FONT_DIR / (BOLD if bold else REGULAR)


def get_font(size: int, bold: bool = False) -> pygame.font.Font:
    """The game's font (DejaVu Sans) at a pixel size; cached, never re-opened."""
    if not pygame.font.get_init():
        pygame.font.init()
    size = max(6, int(size))
    key = (BOLD if bold else REGULAR, size)
    f = _fonts.get(key)
    if f is None:
        f = pygame.font.Font(str(FONT_DIR / key[0]), size)
        _fonts[key] = f
        _font_keys[id(f)] = key
    return f


def _font_key(font: pygame.font.Font) -> tuple[str, int]:
    key = _font_keys.get(id(font))
    if key is None:  # a font made elsewhere: keep it alive so its id stays unique
        key = ("id", id(font))
        _font_keys[id(font)] = key
        _fonts[key] = font
    return key


def line_height(font: pygame.font.Font, spacing: float = 1.3) -> int:
    return max(1, round(font.get_linesize() * spacing))


# ---------------------------------------------------------------- shaping and direction


@functools.cache
def _reshaper() -> ArabicReshaper:
    # Harakat kept; only the lam-alef ligatures, which DejaVu Sans has (not U+FDF2 "Allah").
    return ArabicReshaper(
        configuration={
            "delete_harakat": False,
            "support_ligatures": True,
            "ARABIC LIGATURE ALLAH": False,
        }
    )


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def direction(text: str, lang: str) -> Literal["L", "R"]:
    """The base direction of a paragraph: its interface language's (right to left in the
    Arabic UI, left to right in the English one), whatever script its first word is in; a
    paragraph written wholly in the other script (a quotation, a language's own name) keeps
    that script's direction. Runs of the other script inside are isolated (`isolate_runs`)."""
    arabic, latin = has_arabic(text), _LATIN.search(text) is not None
    if lang == "ar":
        return "L" if latin and not arabic else "R"
    return "R" if arabic and not latin else "L"


_OPEN, _CLOSE = "([{«", ")]}»"


def isolate_runs(text: str, base: Literal["L", "R"]) -> str:
    """Wrap each run of the other script than the paragraph's (`base`) in an embedding
    (RLE/LRE ... PDF), so its own punctuation stays inside it: a bracket closed inside an
    Arabic phrase in an English sentence stays with the phrase, and the sentence's full stop
    stays at its end. A run goes from its first to its last strong letter of that script
    (with what lies between), and takes in a closing bracket whose opening one is inside."""
    other = "R" if base == "L" else "L"
    strong = ("R", "AL") if other == "R" else ("L",)
    mine = ("L",) if other == "R" else ("R", "AL")
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if unicodedata.bidirectional(text[i]) not in strong or text[i] in _EMBED + _PDF:
            out.append(text[i])
            i += 1
            continue
        start, end, j = i, i + 1, i + 1
        while j < n:
            t = unicodedata.bidirectional(text[j])
            if t in mine or text[j] in _EMBED + _PDF or text[j] in "\n":
                break
            if t in strong:
                end = j + 1
            j += 1
        depth = 0
        for ch in text[start:end]:
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
        while depth and end < n and text[end] in _CLOSE:
            end += 1
            depth -= 1
        out.append(("\u202b" if other == "R" else "\u202a") + text[start:end] + _PDF)
        i = end
    return "".join(out)


@functools.lru_cache(maxsize=8192)
def reshape(text: str) -> str:
    """Contextual Arabic forms (logical order kept); Latin-only text is returned as is."""
    if not has_arabic(text):
        return text
    try:
        return str(_reshaper().reshape(text))
    except Exception:  # never let a shaping bug take a screen down
        return text


_MARK = {"L": "\u200e", "R": "\u200f", "AL": "\u061c"}
_EMBED = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO
_PDF = "\u202c"
_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _strong(ch: str) -> str | None:
    t = unicodedata.bidirectional(ch)
    return t if t in ("L", "R", "AL") else None


def first_strong(text: str) -> str | None:
    for ch in text:
        t = _strong(ch)
        if t:
            return t
    return None


def last_strong(text: str) -> str | None:
    for ch in reversed(text):
        t = _strong(ch)
        if t:
            return t
    return None


@functools.lru_cache(maxsize=8192)
def _display(shaped: str, base: Literal["L", "R"], before: str | None, after: str | None) -> str:
    if base == "L" and not has_arabic(shaped):
        return _CONTROLS.sub("", shaped)
    try:
        marked = (
            _MARK.get(before or "", "") + isolate_runs(shaped, base) + _MARK.get(after or "", "")
        )
        return _CONTROLS.sub("", str(_bidi_display(marked, base_dir=base)))
    except Exception:  # never let a bidi bug take a screen down
        return _CONTROLS.sub("", shaped)


def visual(
    line: str,
    base: Literal["L", "R"] = "L",
    before: str | None = None,
    after: str | None = None,
) -> str:
    """One line in display order: reshaped, then reordered by the bidi algorithm.

    `before`/`after` are the bidi types (L, R, AL) of the strong characters just before
    and after the line in its paragraph. Lines are reordered one by one (after wrapping),
    so a mark of that type is put at each end for the algorithm and removed again: a
    number at the start of a line then reads as it does mid-paragraph (after Arabic it is
    an Arabic-context number, as the Unicode algorithm and browsers treat it).
    """
    return _display(reshape(line), base, before, after)


def ltr(fragment: str) -> str:
    """Mark a left-to-right fragment (a file path, an error message, code) to be kept whole
    inside right-to-left text: without it, its leading or trailing punctuation ("/", "'")
    moves to the other end. The marks (LRE ... PDF) are used by the bidi step and never drawn."""
    return "\u202a" + fragment + "\u202c"


def shape(line: str, lang: str) -> str:
    """What is drawn for one logical line of text in a language: visual order, shaped."""
    return visual(line, direction(line, lang))


# ---------------------------------------------------------------- measuring and wrapping

SAFETY = 2
"""Pixels kept free at the end of a line: widths are measured on the shaped text in logical
order, and kerning can differ by a pixel or two in the visual order."""

_widths: dict[tuple[tuple[str, int], str], int] = {}


def _width(shaped: str, font: pygame.font.Font) -> int:
    key = (_font_key(font), shaped)
    w = _widths.get(key)
    if w is None:
        if len(_widths) > 50_000:
            _widths.clear()
        w = font.size(shaped)[0] if shaped else 0
        _widths[key] = w
    return w


def measure(text: str, font: pygame.font.Font) -> int:
    """Pixel width of one line once shaped (to within the `SAFETY` pixels of kerning)."""
    return _width(reshape(text), font)


@functools.lru_cache(maxsize=4096)
def _words(para: str) -> tuple[tuple[str, str], ...]:
    """A paragraph's words, each (logical, shaped). The paragraph is reshaped whole once:
    joining never crosses a space, so its words are the shaped forms of the words."""
    logical = [w for w in _SPACES.split(para.strip()) if w]
    shaped = [w for w in _SPACES.split(reshape(para).strip()) if w]
    if len(shaped) != len(logical):
        shaped = [reshape(w) for w in logical]
    return tuple(zip(logical, shaped, strict=True))


def _split_long(word: str, font: pygame.font.Font, width: int) -> list[tuple[str, str]]:
    """Break a word wider than the line by characters, never splitting a mark from its base."""
    parts: list[str] = []
    current = ""
    for ch in word:
        if current and not _is_mark(ch) and measure(current + ch, font) > width:
            parts.append(current)
            current = ch
        else:
            current += ch
    if current:
        parts.append(current)
    return [(p, reshape(p)) for p in parts]


def _is_mark(ch: str) -> bool:
    return unicodedata.combining(ch) > 0 or ch == "\u0670"


@dataclass(frozen=True)
class _WrappedLine:
    text: str
    shaped: str
    base: Literal["L", "R"]
    before: str | None
    after: str | None


def _wrap(text: str, font: pygame.font.Font, width: int, lang: str) -> list[_WrappedLine]:
    width = max(1, int(width) - SAFETY)
    out: list[_WrappedLine] = []
    space = _width(" ", font)
    for para in text.replace("\r\n", "\n").split("\n"):
        base = direction(para, lang)
        words = _words(para)
        if not words:
            out.append(_WrappedLine("", "", base, None, None))
            continue
        lines: list[list[tuple[str, str]]] = []
        line: list[tuple[str, str]] = []
        line_w = 0
        pending = list(reversed(words))
        while pending:
            word = pending.pop()
            w = _width(word[1], font)
            if w > width:
                pieces = _split_long(word[0], font, width)
                if len(pieces) > 1:
                    pending.extend(reversed(pieces))
                    continue
            extra = w if not line else space + w
            if line and line_w + extra > width:
                lines.extend(_fit(line, font, width))
                line, line_w = [word], w
            else:
                line.append(word)
                line_w += extra
        if line:
            lines.extend(_fit(line, font, width))
        # the strong types around each line inside its paragraph
        texts = [(" ".join(w[0] for w in ln), " ".join(w[1] for w in ln)) for ln in lines]
        firsts = [first_strong(x) for x, _ in texts]
        lasts = [last_strong(x) for x, _ in texts]
        before: str | None = None
        open_marks: list[str] = []  # embeddings (see `ltr`) still open at a line break
        for i, (x, sx) in enumerate(texts):
            after = next((f for f in firsts[i + 1 :] if f), None)
            out.append(_WrappedLine(x, "".join(open_marks) + sx, base, before, after))
            before = lasts[i] or before
            for ch in x:
                if ch in _EMBED:
                    open_marks.append(ch)
                elif ch == _PDF and open_marks:
                    open_marks.pop()
    return out


def wrap(text: str, font: pygame.font.Font, width: int, lang: str = "en") -> list[str]:
    """The logical text broken into logical lines no wider than `width` once shaped.

    Newlines start new paragraphs; a blank line stays blank. Words are measured after
    shaping; each finished line is measured whole again and shortened if needed.
    """
    return [x.text for x in _wrap(text, font, width, lang)]


def _fit(
    words: list[tuple[str, str]], font: pygame.font.Font, width: int
) -> list[list[tuple[str, str]]]:
    """Check a candidate line on its shaped whole; move words to a next line if needed."""
    lines: list[list[tuple[str, str]]] = []
    while words:
        n = len(words)
        while n > 1 and _width(" ".join(w[1] for w in words[:n]), font) > width:
            n -= 1
        lines.append(words[:n])
        words = words[n:]
    return lines


def fits(text: str, font: pygame.font.Font, width: int) -> bool:
    """Whether one line of `text` is drawn whole within `width` (`truncate` leaves it)."""
    text = " ".join(_SPACES.split(text.replace("\n", " ").strip()))
    return measure(text, font) <= width - SAFETY


def truncate(text: str, font: pygame.font.Font, width: int, lang: str = "en") -> str:
    """One logical line cut to fit `width`, with an ellipsis when anything was cut."""
    text = " ".join(_SPACES.split(text.replace("\n", " ").strip()))
    width -= SAFETY
    if measure(text, font) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS, font) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS if lo else ELLIPSIS


# ---------------------------------------------------------------- rendering


class _SurfaceCache:
    """An LRU of rendered lines bounded by the bytes their pixels take."""

    def __init__(self, budget: int = 48 * 1024 * 1024) -> None:
        self.budget = budget
        self.used = 0
        self.items: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[object, ...]) -> pygame.Surface | None:
        s = self.items.get(key)
        if s is not None:
            self.items.move_to_end(key)
            self.hits += 1
        else:
            self.misses += 1
        return s

    def put(self, key: tuple[object, ...], surface: pygame.Surface) -> None:
        size = surface.get_width() * surface.get_height() * 4
        self.items[key] = surface
        self.used += size
        while self.used > self.budget and len(self.items) > 1:
            _, old = self.items.popitem(last=False)
            self.used -= old.get_width() * old.get_height() * 4

    def clear(self) -> None:
        self.items.clear()
        self.used = 0


_surfaces = _SurfaceCache()


def render_visual(vis: str, font: pygame.font.Font, colour: Colour) -> pygame.Surface:
    """A line already in visual order, rendered (cached)."""
    key = (vis, _font_key(font), tuple(colour))
    s = _surfaces.get(key)
    if s is None:
        if vis:
            s = font.render(vis, True, colour)
        else:
            s = pygame.Surface((0, font.get_height()), pygame.SRCALPHA)
        _surfaces.put(key, s)
    return s


def render_line(text: str, font: pygame.font.Font, colour: Colour, lang: str) -> pygame.Surface:
    """One logical line (no wrapping), shaped and reordered, rendered (cached)."""
    return render_visual(shape(text, lang), font, colour)


@dataclass(frozen=True)
class Line:
    """One rendered line of a layout, positioned inside the layout's box."""

    surface: pygame.Surface
    x: int
    y: int
    width: int
    height: int
    logical: str
    visual: str


@dataclass(frozen=True)
class _Geometry:
    logical: str
    visual: str
    x: int
    y: int
    width: int


_layouts: OrderedDict[tuple[object, ...], tuple[tuple[_Geometry, ...], int]] = OrderedDict()
_LAYOUT_CACHE = 1024


def _resolve_align(align: Align, lang: str) -> Literal["left", "right", "center"]:
    rtl = lang == "ar"
    if align == "start":
        return "right" if rtl else "left"
    if align == "end":
        return "left" if rtl else "right"
    return align


def _geometry(
    text: str,
    font: pygame.font.Font,
    width: int,
    lang: str,
    align: Align,
    spacing: float,
    max_lines: int | None,
) -> tuple[tuple[_Geometry, ...], int]:
    key = (text, _font_key(font), int(width), lang, align, spacing, max_lines)
    hit = _layouts.get(key)
    if hit is not None:
        _layouts.move_to_end(key)
        return hit
    lines = _wrap(text, font, width, lang)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[: max(1, max_lines)]
        last = lines[-1]
        cut = truncate(last.text + " " + ELLIPSIS, font, width, lang)
        lines[-1] = _WrappedLine(cut, reshape(cut), last.base, last.before, None)
    lh = line_height(font, spacing)
    side = _resolve_align(align, lang)
    geo: list[_Geometry] = []
    for i, ln in enumerate(lines):
        logical = ln.text
        vis = _display(ln.shaped, ln.base, ln.before, ln.after)
        w = font.size(vis)[0] if vis else 0
        if side == "right":
            x = width - w
        elif side == "center":
            x = (width - w) // 2
        else:
            x = 0
        geo.append(_Geometry(logical, vis, x, i * lh, w))
    result = (tuple(geo), len(lines) * lh)
    _layouts[key] = result
    if len(_layouts) > _LAYOUT_CACHE:
        _layouts.popitem(last=False)
    return result


def layout(
    text: str,
    font: pygame.font.Font,
    width: int,
    lang: str,
    align: Align = "start",
    colour: Colour = (232, 237, 244),
    *,
    line_spacing: float = 1.3,
    max_lines: int | None = None,
) -> list[Line]:
    """Wrap, shape, reorder and render `text` into lines at most `width` pixels wide.

    `lang` is the language of the text ("ar" gives a right-to-left paragraph); `align` is
    "start"/"end" (relative to `lang`) or "left"/"right"/"center". Each line carries its
    position inside the box. Layout and rendering are cached.
    """
    geo, _ = _geometry(text, font, width, lang, align, line_spacing, max_lines)
    lh = line_height(font, line_spacing)
    out = []
    for g in geo:
        s = render_visual(g.visual, font, colour)
        dy = (lh - s.get_height()) // 2
        out.append(Line(s, g.x, g.y + dy, g.width, s.get_height(), g.logical, g.visual))
    return out


def text_height(
    text: str,
    style: TextStyle,
    width: int,
    lang: str,
    *,
    max_lines: int | None = None,
) -> int:
    """The height `draw_text` would use for this text in this width (nothing rendered)."""
    _, h = _geometry(text, style.font, width, lang, "start", style.line_spacing, max_lines)
    return h


def draw_text(
    surface: pygame.Surface,
    text: str,
    rect: pygame.Rect | tuple[int, int, int, int],
    style: TextStyle,
    lang: str,
    *,
    align: Align = "start",
    max_lines: int | None = None,
    valign: Literal["top", "middle", "bottom"] = "top",
) -> int:
    """Draw wrapped text inside `rect` (its width wraps, its height only places it);
    return the height used. Lines below the surface's clip are not blitted."""
    rect = pygame.Rect(rect)
    font = style.font
    geo, height = _geometry(text, font, rect.width, lang, align, style.line_spacing, max_lines)
    top = rect.top
    if valign == "middle":
        top = rect.top + (rect.height - height) // 2
    elif valign == "bottom":
        top = rect.bottom - height
    clip = surface.get_clip()
    lh = line_height(font, style.line_spacing)
    for g in geo:
        y = top + g.y
        if y > clip.bottom or y + lh < clip.top:
            continue
        s = render_visual(g.visual, font, style.colour)
        surface.blit(s, (rect.left + g.x, y + (lh - s.get_height()) // 2))
    return height


def draw_line(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    style: TextStyle,
    lang: str,
    *,
    anchor: Anchor = "topleft",
    max_width: int | None = None,
) -> pygame.Rect:
    """One line (no wrapping; cut with an ellipsis past `max_width`) placed by an anchor
    of its box; returns the rect drawn."""
    font = style.font
    if max_width is not None:
        text = truncate(text, font, max_width, lang)
    s = render_line(text, font, style.colour, lang)
    r = s.get_rect()
    lh = line_height(font, 1.0)
    r.height = max(r.height, lh)
    setattr(r, anchor, pos)
    surface.blit(s, (r.x, r.y + (r.height - s.get_height()) // 2))
    return r


def line_width(text: str, style: TextStyle, lang: str) -> int:
    """The drawn width of one unwrapped line."""
    return measure(text, style.font)


# ---------------------------------------------------------------- glyph coverage


@functools.cache
def _ft_font(path: str) -> pygame.freetype.Font:
    if not pygame.freetype.get_init():
        pygame.freetype.init()
    return pygame.freetype.Font(path, 16)


def missing_glyphs(text: str, bold: bool = False, path: str | Path | None = None) -> list[str]:
    """The characters of `text` (and of its shaped Arabic forms) the font has no glyph for.

    Measured: pygame-ce 2.5.8's `Font.metrics` returns the .notdef box's metrics for a
    missing character instead of None, so `pygame.freetype` (whose `get_metrics` does
    return None) answers instead.
    """
    ft = _ft_font(str(path or font_path(bold)))
    chars = sorted(set(text) | set(reshape(text)) - {"\n", "\r", "\t"})
    if not chars:
        return []
    metrics = ft.get_metrics("".join(chars))
    return [c for c, m in zip(chars, metrics, strict=True) if m is None]


def has_glyphs(font: pygame.font.Font | str | Path | None, text: str) -> bool:
    """True when the font (one from `get_font`, a font file, or None for the regular face)
    has a glyph for every character of `text` and of its shaped forms."""
    if font is None or isinstance(font, (str, Path)):
        return not missing_glyphs(text, path=font)
    key = _font_key(font)
    if key[0] == "id":
        raise ValueError("has_glyphs needs a font from get_font() or a font file path")
    return not missing_glyphs(text, path=FONT_DIR / key[0])


def cache_stats() -> dict[str, int]:
    return {
        "surfaces": len(_surfaces.items),
        "bytes": _surfaces.used,
        "hits": _surfaces.hits,
        "misses": _surfaces.misses,
        "layouts": len(_layouts),
    }
