"""A line chart of values 0-100 over the rounds (the debrief's indicators over time).

Every line has its own marker shape (circle, square, triangle, diamond, ...), its own dash
pattern where it shares a colour family, and its name and last value written at its end:
colour is never the only signal. In Arabic the time axis runs right to left, like the rest
of the mirrored screen.

    draw_linechart(surface, rect, theme, "en", ["Start", "R1", "R2"],
                   [Series("Territory held by Kyiv", [80, 79, 77], colour, "circle")])

The drawn chart is cached per size, scale, language and data, so a screen that redraws
(scrolling, focus) only blits it.
"""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui.text import Colour, draw_line, line_width
from game.ui.theme import Theme

MARKERS = ("circle", "square", "triangle", "diamond", "down", "ring", "cross")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: Colour
    marker: str = "circle"
    dashed: bool = False
    label_value: bool = True


def marker(
    surface: pygame.Surface, kind: str, centre: tuple[int, int], r: int, colour: Colour
) -> None:
    """A marker shape (drawn, not a glyph)."""
    x, y = centre
    if kind == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif kind == "triangle":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)]
        )
    elif kind == "down":
        pygame.draw.polygon(
            surface, colour, [(x, y + r + 1), (x + r + 1, y - r), (x - r - 1, y - r)]
        )
    elif kind == "diamond":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)]
        )
    elif kind == "ring":
        pygame.draw.circle(surface, colour, centre, r + 1, max(2, r // 2))
    elif kind == "cross":
        w = max(2, r // 2)
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), w)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), w)
    else:
        pygame.draw.circle(surface, colour, centre, r)


def _dashed(
    surface: pygame.Surface,
    colour: Colour,
    a: tuple[float, float],
    b: tuple[float, float],
    width: int,
    dash: int,
) -> None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return
    n = max(1, int(length // dash))
    for i in range(0, n, 2):
        t0, t1 = i / n, min(1.0, (i + 1) / n)
        pygame.draw.line(
            surface,
            colour,
            (a[0] + dx * t0, a[1] + dy * t0),
            (a[0] + dx * t1, a[1] + dy * t1),
            width,
        )


_cache: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()


def chart_height(theme: Theme, n_series: int) -> int:
    """A good height: room for the plot and for one end label per line."""
    return max(
        theme.px(260), n_series * (theme.text("small").line_height + theme.px(4)) + theme.px(80)
    )


def draw_linechart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    lang: str,
    xs: Sequence[str],
    series: Sequence[Series],
    *,
    y_max: float = 100,
    note: str = "",
) -> None:
    key = (
        rect.size,
        theme.scale,
        lang,
        tuple(xs),
        tuple(series),
        y_max,
        note,
    )
    img = _cache.get(key)
    if img is None:
        img = pygame.Surface(rect.size, pygame.SRCALPHA)
        _render(img, theme, lang, list(xs), list(series), y_max, note)
        _cache[key] = img
        if len(_cache) > 16:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    surface.blit(img, rect.topleft)


def _render(
    surface: pygame.Surface,
    theme: Theme,
    lang: str,
    xs: list[str],
    series: list[Series],
    y_max: float,
    note: str,
) -> None:
    th, c = theme, theme.c
    rtl = lang == "ar"
    w, h = surface.get_size()
    cap = th.text("caption")
    small = th.text("small_bold")
    labels = [f"{s.name}  {_fmt(_last(s))}" if s.label_value else s.name for s in series]
    label_w = min(max((line_width(t, small, lang) for t in labels), default=0) + th.px(34), w // 3)
    axis_w = th.px(34)
    top = th.px(10)
    bottom = h - cap.line_height - th.px(14) - (cap.line_height + th.px(4) if note else 0)
    if rtl:
        plot = pygame.Rect(label_w, top, w - label_w - axis_w, bottom - top)
    else:
        plot = pygame.Rect(axis_w, top, w - label_w - axis_w, bottom - top)
    if plot.width <= 10 or plot.height <= 10:
        return
    n = len(xs)

    def px(i: int) -> float:
        f = i / max(1, n - 1) if n > 1 else 0.5
        return plot.right - f * plot.width if rtl else plot.left + f * plot.width

    def py(v: float) -> float:
        return plot.bottom - (max(0.0, min(y_max, v)) / y_max) * plot.height

    # grid and y numbers
    for v in (0, 25, 50, 75, 100):
        if v > y_max:
            continue
        y = int(py(v))
        pygame.draw.line(
            surface, c.panel_hi if v else c.border_hi, (plot.left, y), (plot.right, y), 1
        )
        ax = plot.right + th.px(6) if rtl else plot.left - th.px(6)
        draw_line(
            surface,
            str(v),
            (ax, y),
            cap,
            "en",
            anchor="midleft" if rtl else "midright",
        )
    # x labels (thinned when crowded)
    step = 1
    while (
        n
        and step < n
        and max(line_width(x, cap, lang) for x in xs) + th.px(8)
        > plot.width / max(1, (n - 1) / step + 1)
    ):
        step += 1
    for i, x in enumerate(xs):
        xx = int(px(i))
        pygame.draw.line(surface, c.border, (xx, plot.bottom), (xx, plot.bottom + th.px(4)), 1)
        if i % step == 0 or i == n - 1:
            draw_line(surface, x, (xx, plot.bottom + th.px(6)), cap, lang, anchor="midtop")
    if note:
        draw_line(
            surface,
            note,
            (plot.right if rtl else plot.left, h - th.px(2)),
            cap,
            lang,
            anchor="bottomright" if rtl else "bottomleft",
            max_width=w,
        )
    # lines and markers
    lw = max(2, th.px(2))
    r = max(4, th.px(5))
    ends: list[tuple[float, Series, str]] = []
    for s, text in zip(series, labels, strict=True):
        pts = [(px(i), py(v)) for i, v in enumerate(s.values) if v is not None]
        for a, b in itertools.pairwise(pts):
            if s.dashed:
                _dashed(surface, s.colour, a, b, lw, th.px(7))
            else:
                pygame.draw.line(surface, s.colour, a, b, lw)
        for p in pts:
            marker(surface, s.marker, (int(p[0]), int(p[1])), r, s.colour)
        if pts:
            ends.append((pts[-1][1], s, text))
    # end labels: spread so they never overlap, each with its marker
    lh = small.line_height
    ends.sort(key=lambda e: e[0])
    placed: list[float] = []
    for y_end, _, _ in ends:
        placed.append(max(y_end, (placed[-1] + lh) if placed else lh / 2))
    overflow = (placed[-1] + lh / 2 - h) if placed else 0
    if overflow > 0:
        placed = [max(lh / 2, p - overflow) for p in placed]
        for i in range(1, len(placed)):
            placed[i] = max(placed[i], placed[i - 1] + lh)
    for (y_line, s, text), y_at in zip(ends, placed, strict=True):
        x0 = plot.left - th.px(8) if rtl else plot.right + th.px(8)
        mx = x0 - th.px(8) if rtl else x0 + th.px(8)
        if abs(y_at - y_line) > 2:
            end_x = plot.left if rtl else plot.right
            pygame.draw.line(surface, s.colour, (end_x, y_line), (x0, y_at), 1)
        marker(surface, s.marker, (mx, int(y_at)), r, s.colour)
        tx = mx - th.px(12) if rtl else mx + th.px(12)
        draw_line(
            surface,
            text,
            (tx, int(y_at)),
            small.with_colour(s.colour),
            lang,
            anchor="midright" if rtl else "midleft",
            max_width=label_w - th.px(34),
        )


def _last(s: Series) -> float | None:
    for v in reversed(s.values):
        if v is not None:
            return v
    return None


def _fmt(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}"
