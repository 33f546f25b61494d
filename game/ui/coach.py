"""A tutorial's coached steps (the scenario's `coach:` list) and how far the player is.

    coach.current(flow, "round")     # (2, step) : the third step, shown on the round screen
    coach.mark(flow, "news")         # the player did a step the log does not record
    coach.line(flow, "round", lang, t)   # "Step 3 of 6: Make a move ..." or ""

A step is done when the game's log has its action by a human seat (an argument played, a
move made, a proposal, the package tabled: the computer seats' actions are in the log too) or when a screen marked it (the news read, a clause changed,
Russia's answer read); marks are kept on the flow and never touch the game. The round
screen shows the first step not done that it can complete (every step but `answer`); the
answer screen shows the first `answer` step not done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.ui.flow import GameFlow

LOGGED = {"argue": "argue", "move": "move", "propose": "package", "table": "table"}
"""Actions of the log and the step each completes."""


def steps(flow: GameFlow) -> list[Any]:
    """The scenario's coached steps (none for a scenario without `coach:`)."""
    sc = getattr(flow.bundle, "scenario", None)
    return list(getattr(sc, "coach", None) or [])


def done(flow: GameFlow) -> set[str]:
    """The actions done so far: the log's and the screens' marks."""
    from game.engine.session import standing

    out = set(flow.coached)
    for a in standing(flow.session.actions):  # an undone move is not done
        step = LOGGED.get(str(a.get("type")))
        if step is not None and a.get("seat") in flow.humans:
            out.add(step)
    return out


def current(flow: GameFlow, where: str) -> tuple[int, Any] | None:
    """The step to show on the round screen (`where="round"`) or the answer screen
    (`"answer"`): its index and the step, or None when there is none to show."""
    finished = done(flow)
    for i, step in enumerate(steps(flow)):
        if step.done_by in finished:
            continue
        if (step.done_by == "answer") == (where == "answer"):
            return i, step
    return None


def mark(flow: GameFlow, action: str) -> None:
    """The player did `action` (one the log does not record)."""
    if steps(flow):
        flow.coached.add(action)


def line(flow: GameFlow, where: str, lang: str, t: Callable[..., str]) -> str:
    """The hint of the current step in words ("" when there is none)."""
    found = current(flow, where)
    if found is None:
        return ""
    i, step = found
    words = str(getattr(step.text, lang, "") or step.text.en)
    return t("round.coach", n=i + 1, total=len(steps(flow)), hint=words)


def draw(scene: Any, surface: Any, rect: Any, text: str) -> None:
    """The coach line: the hint in the accent colour, on one line at the start side."""
    from game.ui.text import draw_line

    if not text or rect.width <= 0:
        return
    th = scene.theme
    draw_line(
        surface,
        text,
        (rect.right if scene.rtl else rect.left, rect.centery),
        th.text("small_bold").with_colour(th.c.accent),
        scene.lang,
        anchor="midright" if scene.rtl else "midleft",
        max_width=rect.width,
    )
