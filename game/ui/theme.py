"""Colours, sizes and signals: a dark navy/slate theme with one amber accent.

- Contrast is checked by a test (WCAG ratio): body text >= 7:1 on the background and on
  panels, secondary text and signal colours >= 4.5:1, so text survives a washed-out projector.
- Every size is a base size at 1x (a 1280x800 window) times the UI scale (1.0-2.0).
- Colour is never the only signal: stances, successes and failures each have a symbol and
  a word (`signal()` gives the symbol and colour; the word comes from the catalogue).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.ui.text import Colour, TextStyle

SCALE_MIN = 1.0
SCALE_MAX = 2.0
SCALE_STEP = 0.25


@dataclass(frozen=True)
class Palette:
    bg: Colour = (12, 19, 32)
    bg_deep: Colour = (8, 13, 23)
    panel: Colour = (21, 31, 49)
    panel_hi: Colour = (30, 44, 68)
    raised: Colour = (38, 54, 82)
    border: Colour = (58, 76, 106)
    border_hi: Colour = (92, 114, 150)
    text: Colour = (238, 242, 248)
    text_dim: Colour = (178, 192, 212)
    text_faint: Colour = (134, 150, 174)
    accent: Colour = (245, 185, 66)
    accent_hi: Colour = (255, 207, 110)
    accent_dim: Colour = (112, 86, 38)
    on_accent: Colour = (16, 20, 28)
    focus: Colour = (255, 207, 110)
    ok: Colour = (98, 212, 148)
    warn: Colour = (245, 185, 66)
    bad: Colour = (255, 118, 118)
    info: Colour = (128, 182, 255)
    highlight: Colour = (58, 50, 28)
    disabled: Colour = (96, 108, 128)


PALETTE = Palette()

HIGH_CONTRAST = Palette(
    bg=(0, 0, 0),
    bg_deep=(0, 0, 0),
    panel=(0, 0, 0),
    panel_hi=(24, 24, 24),
    raised=(40, 40, 40),
    border=(200, 200, 200),
    border_hi=(255, 255, 255),
    text=(255, 255, 255),
    text_dim=(255, 255, 255),
    text_faint=(230, 230, 230),
    accent=(255, 221, 0),
    accent_hi=(255, 235, 80),
    accent_dim=(140, 120, 0),
    on_accent=(0, 0, 0),
    focus=(255, 235, 80),
    ok=(80, 255, 140),
    warn=(255, 221, 0),
    bad=(255, 110, 110),
    info=(120, 200, 255),
    highlight=(70, 60, 0),
    disabled=(160, 160, 160),
)
"""The class view's high-contrast theme (a setting): white and yellow on black, every
text colour at least 7:1 for a washed-out projector."""

# symbol + colour for every signal whose meaning a colour alone must not carry
_SIGNALS: dict[str, tuple[str, Colour]] = {
    "stance.accept": ("✓", PALETTE.ok),
    "stance.counter": ("⇄", PALETTE.warn),
    "stance.stall": ("⋯", PALETTE.info),
    "stance.reject": ("✗", PALETTE.bad),
    "result.success": ("✓", PALETTE.ok),
    "result.failure": ("✗", PALETTE.bad),
    "outcome.deal": ("✓", PALETTE.ok),
    "outcome.collapse": ("✗", PALETTE.bad),
    "outcome.timeout": ("⋯", PALETTE.info),
    "change.up": ("▲", PALETTE.ok),
    "change.down": ("▼", PALETTE.bad),
    "change.none": ("•", PALETTE.text_dim),
    "warning": ("⚠", PALETTE.warn),
    "cited": ("◆", PALETTE.accent),
    "note.invented": ("✦", PALETTE.info),
    "note.factcheck": ("⚠", PALETTE.warn),
    "note.interpretation": ("◇", PALETTE.info),
}


def signal(name: str) -> tuple[str, Colour]:
    """The symbol and colour of a signal (`stance.reject`, `result.success`, ...).
    Draw the symbol and the catalogue's word next to the colour, never the colour alone."""
    return _SIGNALS.get(name, ("•", PALETTE.text_dim))


SIGNAL_NAMES = tuple(_SIGNALS)

# base sizes at 1x: (pixel size, bold, colour attribute of the palette, line spacing)
_ROLES: dict[str, tuple[int, bool, str, float]] = {
    "display": (60, True, "text", 1.15),
    "h1": (34, True, "text", 1.2),
    "h2": (25, True, "text", 1.25),
    "h3": (20, True, "text", 1.3),
    "body": (18, False, "text", 1.45),
    "body_bold": (18, True, "text", 1.45),
    "body_dim": (18, False, "text_dim", 1.45),
    "reading": (19, False, "text", 1.6),
    "small": (15, False, "text_dim", 1.4),
    "small_bold": (15, True, "text", 1.4),
    "caption": (13, False, "text_faint", 1.35),
    "button": (18, True, "text", 1.2),
    "key": (12, True, "text_dim", 1.0),
    "accent": (18, True, "accent", 1.3),
}
ROLES = tuple(_ROLES)


class Theme:
    """Sizes at the current UI scale; text styles by role."""

    def __init__(self, scale: float = 1.0, palette: Palette = PALETTE) -> None:
        self.palette = palette
        self.scale = clamp_scale(scale)
        self._styles: dict[str, TextStyle] = {}

    @property
    def c(self) -> Palette:
        return self.palette

    def set_scale(self, scale: float) -> None:
        self.scale = clamp_scale(scale)
        self._styles.clear()

    def px(self, n: float) -> int:
        """A base-1x length at the current scale (at least 1 for a positive length)."""
        v = round(n * self.scale)
        return max(1, v) if n > 0 else v

    def text(self, role: str) -> TextStyle:
        """The text style of a role: display, h1, h2, h3, body, body_bold, body_dim,
        reading, small, small_bold, caption, button, key, accent."""
        s = self._styles.get(role)
        if s is None:
            size, bold, colour, spacing = _ROLES.get(role, _ROLES["body"])
            s = TextStyle(self.px(size), getattr(self.palette, colour), bold, spacing)
            self._styles[role] = s
        return s

    # spacing scale
    @property
    def gap(self) -> int:
        return self.px(12)

    @property
    def pad(self) -> int:
        return self.px(20)

    @property
    def margin(self) -> int:
        return self.px(40)

    @property
    def radius(self) -> int:
        return self.px(10)

    @property
    def control_h(self) -> int:
        """Height of buttons and other controls (>= 44 px at 1x: easy to hit)."""
        return self.px(46)

    @property
    def focus_w(self) -> int:
        return max(2, self.px(3))


def clamp_scale(scale: float) -> float:
    try:
        s = float(scale)
    except (TypeError, ValueError):
        return 1.0
    if not math.isfinite(s):  # NaN, or an infinity (1e400 in a settings file)
        return 1.0
    s = min(SCALE_MAX, max(SCALE_MIN, s))  # before dividing: 1e308 / 0.25 overflows
    return round(s / SCALE_STEP) * SCALE_STEP


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Blend two colours (t=0 gives a, t=1 gives b)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))  # type: ignore[return-value]


def luminance(c: Colour) -> float:
    def ch(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = c[:3]
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a: Colour, b: Colour) -> float:
    """The WCAG contrast ratio of two colours (1-21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
