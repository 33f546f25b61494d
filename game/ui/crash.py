"""Crash reports: what the error screen points to instead of showing a traceback.

A report is a text file `crashes/crash-YYYYmmdd-HHMMSS-N.txt` under the user's data folder
(`platformdirs.user_data_dir("guarantor")`): the time, versions, the scene stack, the last
input events (keys and clicks, never the text typed) and the traceback. It is private to its
user (0600, like saves and settings), written whole or not at all: when the disk is full no
report is left behind, and the error screen says that none could be written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import re
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CrashInfo:
    """What the error screen shows."""

    what: str
    """The exception's type and message, one line."""
    where: str
    """The scene and the step (handle, draw, enter, ...)."""
    path: Path | None
    """The report written, or None if it could not be written."""


def describe(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


_TYPED = re.compile(r"""['"](unicode|text)['"]: (?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def without_typing(event: str) -> str:
    """An input event's line without what was typed (names, answers, searches)."""
    return _TYPED.sub(lambda m: f"'{m.group(1)}': '…'", event)


def write_report(
    folder: Path,
    exc: BaseException,
    where: str,
    stack: Sequence[str] = (),
    recent: Sequence[str] = (),
    settings: dict[str, object] | None = None,
    game: dict[str, object] | None = None,
) -> Path | None:
    """Write a crash report into `folder/crashes/`; return its path, or None on failure.

    `game` is the game in progress as a save (scenario, seed, seats, action log), so the
    report replays the game up to the crash: `guarantor play --load` opens the JSON part."""
    try:
        import pygame

        pg = pygame.version.ver
    except Exception:
        pg = "?"
    now = dt.datetime.now()
    lines = [
        "Guarantor crash report",
        f"time: {now.isoformat(timespec='seconds')}",
        f"where: {where}",
        f"what: {describe(exc)}",
        f"python: {sys.version.split()[0]} on {platform.platform()}",
        f"pygame-ce: {pg}",
        f"scene stack: {' > '.join(stack) or '-'}",
        f"settings: {settings or {}}",
        "recent events:",
        *[f"  {without_typing(e)}" for e in recent],
        "",
        "traceback:",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ]
    if game:
        import json

        try:
            lines += [
                "game (a save; scenario, seed, seats and action log):",
                json.dumps(game, ensure_ascii=False),
            ]
        except (TypeError, ValueError):
            lines += ["game: could not be written"]
    try:
        out = folder / "crashes"
        out.mkdir(parents=True, exist_ok=True, mode=0o700)
        stem = f"crash-{now:%Y%m%d-%H%M%S}"
        n = 1
        while True:
            path = out / (f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt")
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                n += 1
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                path.unlink()  # never an empty or cut-off report
            raise
        return path
    except OSError:
        return None
