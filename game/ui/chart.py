"""The credibility-acceptability chart (GAME-DESIGN 3.4, 5).

x = acceptability to Moscow, y = credibility, both 0-100. Russia's threshold is a vertical
line with its value; the band just below it is where Russia names its price (counter), the
area beyond it where it can accept. Points: the package on the table (◆), the draft being
built (●) and earlier rounds' packages (○, a faint trail, labelled R1, R2, ...). A package
that crosses a red line is marked ✗ and its acceptability is shown as what it counts for
(0) with a dashed line from where its terms alone would put it. Every point has a label and
its own shape: colour is never the only signal. In Arabic the x axis runs right to left.

    draw_chart(surface, rect, theme, lang, threshold=61, counter_margin=15, points=[...],
               words=ChartWords(...))

The frame (grid, axes, zones, threshold) is cached per size, scale, language and threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from game.ui.text import draw_line, draw_text, line_width, text_height
from game.ui.theme import Theme, mix


@dataclass(frozen=True)
class Point:
    credibility: int
    acceptability: int
    label: str
    kind: str  # table | draft | past
    red_line: bool = False
    raw_acceptability: int | None = None
    """Where the terms alone put a red-lined package (drawn faint, joined to x = 0)."""


@dataclass(frozen=True)
class ChartWords:
    x_axis: str
    y_axis: str
    threshold: str
    accept_zone: str
    counter_zone: str


_frames: dict[tuple[object, ...], pygame.Surface] = {}


def plot_rect(rect: pygame.Rect, theme: Theme, lang: str) -> pygame.Rect:
    """The area inside `rect` where 0-100 x 0-100 is drawn: numbers on the start side and
    below, the axis titles and the threshold's label above and below."""
    th = theme
    rtl = lang == "ar"
    cap = th.text("caption")
    small = th.text("small")
    side_pad = th.px(34)  # the y numbers
    bottom_pad = cap.line_height + small.line_height + th.px(12)
    top_pad = small.line_height * 2 + th.px(10)  # the y title; the threshold's label
    end = th.px(18)
    w = rect.width - side_pad - end
    h = rect.height - bottom_pad - top_pad
    x = rect.left + (end if rtl else side_pad)
    return pygame.Rect(x, rect.top + top_pad, max(1, w), max(1, h))


def _to_screen(plot: pygame.Rect, acc: float, cred: float, rtl: bool) -> tuple[int, int]:
    fx = max(0.0, min(100.0, acc)) / 100
    fy = max(0.0, min(100.0, cred)) / 100
    x = plot.left + round(plot.width * fx)
    if rtl:
        x = plot.right - round(plot.width * fx)
    y = plot.bottom - round(plot.height * fy)
    return x, y


def _dashed(
    surface: pygame.Surface,
    colour: tuple[int, ...],
    a: tuple[int, int],
    b: tuple[int, int],
    width: int,
    dash: int,
) -> None:
    (x1, y1), (x2, y2) = a, b
    length = max(abs(x2 - x1), abs(y2 - y1))
    if length == 0:
        return
    n = max(1, length // (2 * dash))
    for i in range(n + 1):
        t0 = (2 * i * dash) / length
        t1 = min(1.0, (2 * i * dash + dash) / length)
        if t0 >= 1:
            break
        p0 = (round(x1 + (x2 - x1) * t0), round(y1 + (y2 - y1) * t0))
        p1 = (round(x1 + (x2 - x1) * t1), round(y1 + (y2 - y1) * t1))
        pygame.draw.line(surface, colour, p0, p1, width)


def _zones(
    plot: pygame.Rect, threshold: int, counter_margin: int, rtl: bool
) -> tuple[pygame.Rect, pygame.Rect]:
    """The counter band and the acceptance area of the plot."""
    lo = max(0, threshold - counter_margin)
    x_lo, _ = _to_screen(plot, lo, 0, rtl)
    x_t, _ = _to_screen(plot, threshold, 0, rtl)
    x_end, _ = _to_screen(plot, 100, 0, rtl)
    band = pygame.Rect(min(x_lo, x_t), plot.top, abs(x_t - x_lo), plot.height)
    acc = pygame.Rect(min(x_t, x_end), plot.top, abs(x_end - x_t), plot.height)
    return band, acc


def _zone_captions(
    plot: pygame.Rect, th: Theme, lang: str, band: pygame.Rect, acc: pygame.Rect, words: ChartWords
) -> list[tuple[pygame.Rect, str, Any]]:
    """Where each zone's caption goes (none where the zone is too narrow for its longest word)."""
    out = []
    for zone, text, colour in (
        (acc, words.accept_zone, th.c.ok),
        (band, words.counter_zone, th.c.warn),
    ):
        zs = th.text("caption").with_colour(colour)
        longest = max((line_width(w, zs, lang) for w in text.split()), default=0)
        if zone.width >= longest + th.px(10):
            h = text_height(text, zs, zone.width - th.px(8), lang, max_lines=3)
            box = pygame.Rect(
                zone.left + th.px(4), plot.bottom - h - th.px(6), zone.width - th.px(8), h
            )
            out.append((box, text, zs))
    return out


def _frame(
    rect: pygame.Rect,
    theme: Theme,
    lang: str,
    threshold: int,
    counter_margin: int,
    words: ChartWords,
) -> pygame.Surface:
    key = (rect.size, theme.scale, lang, threshold, counter_margin, words)
    surf = _frames.get(key)
    if surf is not None:
        return surf
    th, c = theme, theme.c
    rtl = lang == "ar"
    surf = pygame.Surface(rect.size, pygame.SRCALPHA)
    local = pygame.Rect(0, 0, rect.width, rect.height)
    plot = plot_rect(local, th, lang)
    pygame.draw.rect(surf, c.bg_deep, plot)
    # zones: counter band and acceptance area
    band, acc = _zones(plot, threshold, counter_margin, rtl)
    x_t, _ = _to_screen(plot, threshold, 0, rtl)
    pygame.draw.rect(surf, mix(c.bg_deep, c.warn, 0.09), band)
    pygame.draw.rect(surf, mix(c.bg_deep, c.ok, 0.12), acc)
    # grid
    cap = th.text("caption")
    for v in (0, 25, 50, 75, 100):
        x, _ = _to_screen(plot, v, 0, rtl)
        _, y = _to_screen(plot, 0, v, rtl)
        pygame.draw.line(surf, c.panel_hi, (x, plot.top), (x, plot.bottom), 1)
        pygame.draw.line(surf, c.panel_hi, (plot.left, y), (plot.right, y), 1)
        draw_line(surf, str(v), (x, plot.bottom + th.px(3)), cap, "en", anchor="midtop")
        if rtl:
            draw_line(surf, str(v), (plot.right + th.px(4), y), cap, "en", anchor="midleft")
        else:
            draw_line(surf, str(v), (plot.left - th.px(4), y), cap, "en", anchor="midright")
    pygame.draw.rect(surf, c.border, plot, 1)
    # axis titles: x under the numbers, y above its axis (text is never rotated)
    ax = th.text("small").with_colour(c.text_dim)
    draw_line(
        surf,
        words.x_axis,
        (plot.centerx, plot.bottom + cap.line_height + th.px(8)),
        ax,
        lang,
        anchor="midtop",
        max_width=plot.width,
    )
    y_title_x = plot.right + th.px(4) if rtl else plot.left - th.px(4)
    draw_line(
        surf,
        words.y_axis,
        (y_title_x, local.top),
        ax,
        lang,
        anchor="topright" if rtl else "topleft",
        max_width=plot.width,
    )
    # zone captions inside each zone, when the zone is wide enough for their longest word
    for box, text, zs in _zone_captions(plot, th, lang, band, acc, words):
        draw_text(surf, text, box, zs, lang, align="center", max_lines=3)
    # the threshold line, and its value above the plot
    _dashed(surf, c.warn, (x_t, plot.top), (x_t, plot.bottom), max(2, th.px(2)), th.px(6))
    pygame.draw.line(surf, c.warn, (x_t, plot.top - th.px(4)), (x_t, plot.top), max(2, th.px(2)))
    label = words.threshold
    ls = th.text("small_bold").with_colour(c.warn)
    lw = line_width(label, ls, lang)
    ly = plot.top - th.px(6) - ls.line_height
    lx = x_t - lw // 2
    lx = max(local.left, min(local.right - lw, lx))
    draw_line(surf, label, (lx, ly), ls, lang, anchor="topleft", max_width=local.width)
    if len(_frames) > 16:
        _frames.clear()
    _frames[key] = surf
    return surf


def _diamond(
    surface: pygame.Surface,
    centre: tuple[int, int],
    r: int,
    fill: tuple[int, ...],
    edge: tuple[int, ...],
) -> None:
    x, y = centre
    pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    pygame.draw.polygon(surface, fill, pts)
    pygame.draw.polygon(surface, edge, pts, max(1, r // 4))


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    lang: str,
    *,
    threshold: int,
    counter_margin: int,
    points: list[Point],
    words: ChartWords,
    report: dict[str, list[pygame.Rect]] | None = None,
) -> pygame.Rect:
    """Draw the chart in `rect`; returns the plot area. With `report`, it is filled with
    where the labels of the table and the draft went ("labels") and the zone captions left
    in sight ("captions"): a label that finds no free place covers a caption whole, never
    half of it."""
    th, c = theme, theme.c
    rtl = lang == "ar"
    surface.blit(_frame(rect, theme, lang, threshold, counter_margin, words), rect.topleft)
    plot = plot_rect(rect, th, lang)
    past = [p for p in points if p.kind == "past"]
    # the trail of earlier rounds
    trail = [_to_screen(plot, p.acceptability, p.credibility, rtl) for p in past]
    if len(trail) > 1:
        pygame.draw.lines(surface, mix(c.border_hi, c.bg, 0.3), False, trail, max(1, th.px(2)))
    cap = th.text("caption")
    band, acc = _zones(plot, threshold, counter_margin, rtl)
    captions = [box for box, _, _ in _zone_captions(plot, th, lang, band, acc, words)]
    past_boxes: list[pygame.Rect] = []
    for p, pos in zip(past, trail, strict=True):
        pygame.draw.circle(surface, c.bg_deep, pos, th.px(5))
        pygame.draw.circle(surface, c.text_faint, pos, th.px(5), max(1, th.px(2)))
        above = pos[1] - th.px(7) - cap.line_height >= plot.top
        ly = pos[1] - th.px(7) - cap.line_height if above else pos[1] + th.px(7)
        box = draw_line(surface, p.label, (pos[0], ly), cap, lang, anchor="midtop")
        past_boxes.append(box)
        for hit in [b for b in captions if b.colliderect(box)]:  # a caption goes whole
            _hide_caption(surface, th, plot, hit, band, rtl)
            captions.remove(hit)
            draw_line(surface, p.label, (pos[0], ly), cap, lang, anchor="midtop")
    # the table and the draft: first every mark, then the labels, which avoid the marks,
    # the dashed red-line segments and each other
    main = sorted((p for p in points if p.kind != "past"), key=lambda p: p.kind != "table")
    r = th.px(8)
    marks: list[tuple[Point, tuple[int, int], pygame.Rect]] = []
    obstacles: list[pygame.Rect] = list(captions)
    essential: list[pygame.Rect] = []  # the marks and the red-line segments
    for p in main:
        pos = _to_screen(plot, p.acceptability, p.credibility, rtl)
        colour = c.accent if p.kind == "draft" else c.info
        if p.red_line and p.raw_acceptability is not None:
            raw = _to_screen(plot, p.raw_acceptability, p.credibility, rtl)
            _dashed(surface, c.bad, raw, pos, max(1, th.px(2)), th.px(4))
            pygame.draw.circle(surface, c.bad, raw, th.px(4), max(1, th.px(1)))
            seg = pygame.Rect(
                min(raw[0], pos[0]), pos[1] - th.px(3), abs(raw[0] - pos[0]), th.px(6)
            )
            obstacles.append(seg)
            essential.append(seg)
        if p.kind == "table":
            _diamond(surface, pos, r + th.px(1), colour, c.text)
        else:
            pygame.draw.circle(surface, colour, pos, r)
            pygame.draw.circle(surface, c.text, pos, r, max(1, th.px(2)))
        dot = pygame.Rect(0, 0, 2 * r + th.px(4), 2 * r + th.px(4))
        dot.center = pos
        obstacles.append(dot)
        essential.append(dot)
        marks.append((p, pos, dot))
    placed: list[pygame.Rect] = []
    top_y = min((pos[1] for _, pos, _ in marks), default=0)
    for p, pos, _ in marks:
        colour = c.accent if p.kind == "draft" else c.info
        text = p.label + ("  ✗" if p.red_line else "")
        style = th.text("small_bold").with_colour(c.text)
        w = line_width(text, style, lang) + th.px(12)
        h = style.line_height
        cands = []
        order = [(1, 0), (0, -1), (0, 1), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1)]
        if len(marks) > 1:  # two marks: the higher one's label above, the lower one's below
            up = pos[1] == top_y
            order = [(0, -1), (1, -1), (-1, -1)] if up else [(0, 1), (1, 1), (-1, 1)]
            order += [(1, 0), (-1, 0), (0, 1), (0, -1)]
        for dx, dy in order:
            for far in (1, 2, 3):
                sx = dx if not rtl else -dx
                cx = pos[0] + sx * (r + th.px(10) + w // 2) if dx else pos[0]
                cy = pos[1] + dy * (r + h // 2 + th.px(6)) * far
                box = pygame.Rect(0, 0, w, h)
                box.center = (cx, cy)
                cands.append(box)
        area = plot.inflate(th.px(24), th.px(8)).clip(rect)
        best = None
        for box in cands:
            if area.contains(box) and not any(box.colliderect(o) for o in obstacles + placed):
                best = box
                break
        if best is None:  # clear of the marks and the other label, over as little of a
            # zone's caption as can be
            free = [
                b
                for b in cands
                if area.contains(b) and not any(b.colliderect(o) for o in placed + essential)
            ]
            if free:
                best = min(free, key=lambda b: sum(_overlap(b, box) for box in captions))
            else:
                best = next(
                    (
                        b
                        for b in cands
                        if area.contains(b) and not any(b.colliderect(o) for o in placed)
                    ),
                    cands[0],
                )
            best = best.clamp(rect)
        for hit in [box for box in captions if box.colliderect(best)]:
            _hide_caption(surface, th, plot, hit, band, rtl)
            captions.remove(hit)
        placed.append(best)
        near = (
            max(best.left, min(pos[0], best.right)),
            max(best.top, min(pos[1], best.bottom)),
        )
        if abs(near[0] - pos[0]) + abs(near[1] - pos[1]) > r + th.px(14):
            pygame.draw.line(surface, colour, pos, near, 1)
        box = best.inflate(0, th.px(2))
        pygame.draw.rect(surface, mix(c.bg_deep, colour, 0.25), box, border_radius=th.px(6))
        pygame.draw.rect(surface, colour, box, 1, border_radius=th.px(6))
        draw_line(surface, text, best.center, style, lang, anchor="center", max_width=w)
    if report is not None:
        report["labels"] = placed + past_boxes
        report["captions"] = captions
    return plot


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.width * c.height


def _hide_caption(
    surface: pygame.Surface,
    th: Theme,
    plot: pygame.Rect,
    cap: pygame.Rect,
    band: pygame.Rect,
    rtl: bool,
) -> None:
    """Paint a zone's caption out (its zone's colour and grid), for a label that must sit
    over it: a caption is gone whole rather than half hidden under a label."""
    c = th.c
    fill = mix(c.bg_deep, c.warn, 0.09) if band.contains(cap) else mix(c.bg_deep, c.ok, 0.12)
    old = surface.get_clip()
    surface.set_clip(cap.clip(plot).clip(old))
    pygame.draw.rect(surface, fill, cap)
    for v in (25, 50, 75):
        x, y = _to_screen(plot, v, v, rtl)
        pygame.draw.line(surface, c.panel_hi, (x, plot.top), (x, plot.bottom), 1)
        pygame.draw.line(surface, c.panel_hi, (plot.left, y), (plot.right, y), 1)
    surface.set_clip(old)
