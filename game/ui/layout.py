"""Rect helpers that know reading direction: in Arabic the whole layout mirrors.

Write a layout once in reading order ("start" is left in English, right in Arabic) and
these helpers place it: `row()` returns its cells start-first, so in Arabic the first
cell is the rightmost; `mirror()` flips any rect inside its container.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

Size = int | float | None
"""A cell size: an int is pixels, a float in (0, 1] a share of the free space after the
fixed cells, None an equal share of what is left."""


def mirror(rect: pygame.Rect, bounds: pygame.Rect, rtl: bool) -> pygame.Rect:
    """`rect` flipped left-right inside `bounds` when `rtl`."""
    if not rtl:
        return pygame.Rect(rect)
    r = pygame.Rect(rect)
    r.x = bounds.left + (bounds.right - rect.right)
    return r


def _split(total: int, sizes: Sequence[Size], gap: int) -> list[int]:
    n = len(sizes)
    if n == 0:
        return []
    free = max(0, total - gap * (n - 1))
    fixed = sum(s for s in sizes if isinstance(s, int) and not isinstance(s, bool))
    rest = max(0, free - fixed)
    shares = [s for s in sizes if isinstance(s, float)]
    share_px = [int(rest * s) for s in shares]
    left = max(0, rest - sum(share_px))
    nones = sum(1 for s in sizes if s is None)
    out: list[int] = []
    it = iter(share_px)
    for s in sizes:
        if s is None:
            out.append(left // nones if nones else 0)
        elif isinstance(s, float):
            out.append(next(it))
        else:
            out.append(max(0, int(s)))
    return out


def row(
    rect: pygame.Rect, sizes: Sequence[Size], gap: int = 0, rtl: bool = False
) -> list[pygame.Rect]:
    """Cells side by side, in reading order (start first)."""
    widths = _split(rect.width, sizes, gap)
    out = []
    x = rect.left
    for w in widths:
        out.append(pygame.Rect(x, rect.top, w, rect.height))
        x += w + gap
    return [mirror(r, rect, rtl) for r in out]


def inset(rect: pygame.Rect, dx: int, dy: int | None = None) -> pygame.Rect:
    """`rect` shrunk by dx on the left and right and dy (default dx) on top and bottom."""
    dy = dx if dy is None else dy
    r = pygame.Rect(rect.left + dx, rect.top + dy, rect.width - 2 * dx, rect.height - 2 * dy)
    r.width = max(0, r.width)
    r.height = max(0, r.height)
    return r


def at_start(rect: pygame.Rect, width: int, rtl: bool) -> pygame.Rect:
    """A slice `width` wide at the start side of `rect` (left, or right in Arabic)."""
    width = min(width, rect.width)
    if rtl:
        return pygame.Rect(rect.right - width, rect.top, width, rect.height)
    return pygame.Rect(rect.left, rect.top, width, rect.height)


def at_end(rect: pygame.Rect, width: int, rtl: bool) -> pygame.Rect:
    """A slice `width` wide at the end side of `rect` (right, or left in Arabic)."""
    return at_start(rect, width, not rtl)


def flow(
    rect: pygame.Rect, widths: Sequence[int], height: int, gap: int, rtl: bool
) -> list[pygame.Rect]:
    """Items of given widths laid out in reading order, wrapping onto new rows."""
    out = []
    x, y = 0, rect.top
    for w in widths:
        w = min(w, rect.width)
        if x and x + w > rect.width:
            x = 0
            y += height + gap
        r = pygame.Rect(rect.left + x, y, w, height)
        out.append(mirror(r, rect, rtl))
        x += w + gap
    return out
