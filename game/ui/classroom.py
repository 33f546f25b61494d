"""The classroom's desk (GAME-DESIGN 7): what a facilitator sets that is not the game itself.

Pause, Russia's rules shown or hidden, the round timer per phase: these belong to the room,
not to the talks, so they live here, beside the game (one `Desk` per game in progress), and
never in its log. Everything that changes the talks is an engine action with a reason
(`game.engine.facilitator`), done through `GameFlow.act`.

    desk = classroom.desk(flow)     # the game's desk (made on first use)
    desk.timer_on = True            # a countdown for each phase, shown on every game screen
    classroom.game_flow(app)        # the game on the app's stack, if any

`draw_timer(app, surface)` draws the countdown in a corner of every game screen while the
timer runs; the app calls it after the scenes and wakes once a second (`CLOCK`).
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.text import draw_line
from game.ui.widgets import rounded

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import GameFlow

CLOCK = pygame.event.custom_type()
"""Posted once a second while a timer runs, so that the countdown is redrawn."""
DEFAULT_MINUTES = 7
"""A phase's minutes when the timer starts: the talks of a round of the 45-minute plan
(`game.report.handouts.ROUND_MINUTES` less Russia's answer, read in short on the class
view)."""
MIN_MINUTES, MAX_MINUTES = 1, 60


def now() -> float:
    """The clock the timer reads (seconds; a test may set another)."""
    return time.monotonic()


@dataclass
class Desk:
    """The facilitator's settings for one game (none of it is the game's state)."""

    paused: bool = False
    rules_hidden: bool = False
    """Russia's rules are hidden on the class view and Russia's answer (the class guesses)."""
    timer_on: bool = False
    minutes: int = DEFAULT_MINUTES
    """The time each phase gets when its timer starts."""
    phase: tuple[int, str] | None = None
    """The phase the countdown is for: (round, phase); a new phase starts a new countdown."""
    left_ms: int = 0
    last: float = field(default_factory=lambda: now())

    def sync(self, state: Any, at: float | None = None) -> None:
        """Run the clock up to now (not while paused); a new phase restarts it."""
        at = now() if at is None else at
        key = (int(state["round"]), str(state["phase"]))
        if key != self.phase:
            self.phase = key
            self.left_ms = self.minutes * 60_000
        elif self.timer_on and not self.paused and state["phase"] != "over":
            self.left_ms = max(0, self.left_ms - int((at - self.last) * 1000))
        self.last = at

    def restart(self) -> None:
        self.left_ms = self.minutes * 60_000
        self.last = now()

    def shorten(self, minutes: int = 1) -> None:
        """Take minutes off this phase's countdown (a negative number gives more time)."""
        self.left_ms = max(0, min(MAX_MINUTES * 60_000, self.left_ms - minutes * 60_000))

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(MIN_MINUTES, min(MAX_MINUTES, minutes))

    @property
    def running(self) -> bool:
        return self.timer_on and not self.paused

    def clock(self) -> str:
        """The time left as M:SS."""
        s = (self.left_ms + 999) // 1000
        return f"{s // 60}:{s % 60:02d}"


_DESKS: weakref.WeakKeyDictionary[GameFlow, Desk] = weakref.WeakKeyDictionary()


def desk(flow: GameFlow) -> Desk:
    d = _DESKS.get(flow)
    if d is None:
        d = _DESKS[flow] = Desk()
        d.sync(flow.state)
    return d


def game_flow(app: App) -> GameFlow | None:
    """The game in progress on the app's stack (the top-most scene that has one)."""
    for s in reversed(app.stack):
        flow = getattr(s, "flow", None)
        if flow is not None and hasattr(flow, "session"):
            return flow  # type: ignore[no-any-return]
    return None


def wake(app: App) -> None:
    """Tick once a second while a game's timer runs (the loop otherwise sleeps)."""
    flow = game_flow(app)
    on = flow is not None and flow.facilitator and desk(flow).running
    pygame.time.set_timer(CLOCK, 1000 if on else 0)


def timer_words(app: App) -> str | None:
    """The countdown as shown ("Time left 6:59"), or None when no game's timer is shown."""
    flow = game_flow(app)
    if flow is None or not flow.facilitator:
        return None
    d = desk(flow)
    if not d.timer_on or flow.state["phase"] == "over":
        return None
    d.sync(flow.state)
    words = (
        app.t("classroom.timer.left", time=d.clock()) if d.left_ms else app.t("classroom.timer.up")
    )
    return app.t("classroom.paused") + " · " + words if d.paused else words


def _style(app: App) -> Any:
    return app.theme.text("small_bold")


def timer_width(app: App) -> int:
    """The room the countdown takes at the end of the footer (0 when there is none): the
    footer's key chips make way for it (`Scene.draw_footer`)."""
    words = timer_words(app)
    if words is None:
        return 0
    from game.ui.text import line_width

    th = app.theme
    return line_width(words, _style(app), app.lang) + 2 * th.pad + th.px(12)


def draw_timer(app: App, surface: pygame.Surface) -> None:
    """The countdown at the end of the footer, over every game screen (red at zero)."""
    words = timer_words(app)
    if words is None:
        return
    flow = game_flow(app)
    assert flow is not None
    out = desk(flow).left_ms == 0
    th, c = app.theme, app.theme.c
    style = _style(app).with_colour(c.bad if out else c.text)
    w = timer_width(app) - th.px(12)
    h = style.line_height + th.px(6)
    top = app.top
    frame = getattr(top, "frame", None)
    sw, sh = surface.get_size()
    cy = frame.footer.centery if frame is not None else sh - h // 2 - th.px(4)
    x = th.px(8) if app.rtl else sw - w - th.px(8)
    r = pygame.Rect(x, cy - h // 2, w, h)
    rounded(surface, r, c.bg_deep, c.bad if out else c.border_hi, th.radius, 2)
    draw_line(
        surface,
        words,
        r.center,
        style,
        app.lang,
        anchor="center",
    )
