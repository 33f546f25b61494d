"""Save files (GAME-DESIGN 9): the scenario, the seed, the human seats and the action log.

Written atomically: a temporary file in the same folder, flushed and synced, the previous
save kept as `NAME.bak`, then `os.replace`, then the folder synced. A damaged file in the
way is never overwritten: it is kept aside as `NAME-damaged-TIME.json`. A save is versioned;
older versions are brought up to date by pure one-step migrations, and a damaged, foreign or
newer file raises `SaveError` with one line that says what is wrong, without touching it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = "guarantor-save"
VERSION = 1
MAX_BYTES = 16 * 1024 * 1024

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""version -> a pure function from a save of that version to one of the next."""


class SaveError(ValueError):
    """A save that cannot be opened; str() is one line for the user: `NAME: what is wrong`.

    `key` names the kind of problem and `fmt` its details, so that a screen can say it in
    the player's language (catalogue key `saves_error.KEY`); `detail` is the English text."""

    def __init__(self, name: str, key: str, detail: str, **fmt: object) -> None:
        super().__init__(f"{name}: {detail}")
        self.name, self.key, self.detail, self.fmt = name, key, detail, fmt


def saves_dir() -> Path:
    env = os.environ.get("GUARANTOR_DATA_DIR")
    if env:
        return Path(env) / "saves"
    import platformdirs

    return Path(platformdirs.user_data_dir("guarantor")) / "saves"


def scenario_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def make(
    scenario_id: str,
    scenario_path: Path | None,
    seed: int,
    humans: list[str],
    actions: list[dict[str, Any]],
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The save's data: everything needed to replay the game."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {
            "id": scenario_id,
            "path": str(scenario_path) if scenario_path else None,
            "sha256": scenario_hash(scenario_path) if scenario_path else "",
        },
        "seed": seed,
        "humans": list(humans),
        "actions": list(actions),
        "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        **(extra or {}),
    }


def write(path: Path, data: dict[str, Any]) -> None:
    """Write atomically, keeping the previous save as a backup."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            backup = path.with_name(path.name + ".bak")
            try:
                check(path)
            except SaveError:
                # never overwrite a damaged save, nor let it replace a good backup: keep it aside
                aside = path.with_name(
                    f"{path.stem}-damaged-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}"
                )
                n = 1
                while aside.exists():
                    n += 1
                    aside = aside.with_name(
                        f"{path.stem}-damaged-{time.strftime('%Y%m%d-%H%M%S')}-{n}{path.suffix}"
                    )
                os.replace(path, aside)
            else:
                _copy_atomic(path, backup)
        os.replace(tmp, path)
        _sync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _copy_atomic(src: Path, dst: Path) -> None:
    data = src.read_bytes()
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, dst)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read(path: Path) -> dict[str, Any]:
    """The save's data, migrated to the current version; SaveError with one line otherwise."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SaveError(name, "missing", "no such save file") from None
    except OSError as e:
        raise SaveError(
            name, "unreadable", f"cannot be read ({e.strerror})", why=e.strerror
        ) from None
    if path.is_dir():
        raise SaveError(name, "folder", "is a folder, not a save file")
    if size > MAX_BYTES:
        raise SaveError(
            name, "too_large", f"too large for a save ({size // 1024} KiB)", kib=size // 1024
        )
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SaveError(
            name, "unreadable", f"cannot be read ({e.strerror})", why=e.strerror
        ) from None
    if not raw.strip():
        raise SaveError(name, "empty", "the file is empty (the save was cut off)")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(name, "not_text", "not a Guarantor save (not text)") from None
    except json.JSONDecodeError as e:
        raise SaveError(
            name,
            "cut_off",
            f"damaged save (cut off or changed at line {e.lineno}, column {e.colno})",
            line=e.lineno,
            column=e.colno,
        ) from None
    return upgrade(data, name)


def upgrade(data: Any, name: str = "save") -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(name, "foreign", "not a Guarantor save")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise SaveError(name, "damaged", "damaged save (no version)", part="version")
    if version > VERSION:
        raise SaveError(
            name,
            "newer",
            f"saved by a newer Guarantor (save version {version}; this one reads up to {VERSION})",
            version=version,
            known=VERSION,
        )
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version = data["version"]
    _check_shape(data, name)
    out: dict[str, Any] = data
    return out


def _check_shape(data: dict[str, Any], name: str) -> None:
    sc = data.get("scenario")
    if not isinstance(sc, dict) or not isinstance(sc.get("id"), str):
        raise SaveError(name, "damaged", "damaged save (no scenario)", part="scenario")
    if not isinstance(data.get("seed"), int) or isinstance(data.get("seed"), bool):
        raise SaveError(name, "damaged", "damaged save (no seed)", part="seed")
    humans = data.get("humans")
    if not isinstance(humans, list) or not all(h in ("europe", "us", "ukraine") for h in humans):
        raise SaveError(name, "damaged", "damaged save (seats)", part="seats")
    actions = data.get("actions")
    if not isinstance(actions, list) or not all(
        isinstance(a, dict) and isinstance(a.get("type"), str) for a in actions
    ):
        raise SaveError(name, "damaged", "damaged save (actions)", part="actions")


def check(path: Path) -> dict[str, Any]:
    """Read and check a save without opening anything; raises SaveError."""
    return read(path)


def open_session(data: dict[str, Any], name: str = "save") -> tuple[Any, Any]:
    """The scenario's rulebook and a Session replayed from the save; SaveError when the
    scenario cannot be found or the log no longer applies to it."""
    from game.content.book import load_book
    from game.content.paths import resolve
    from game.content.problems import ContentError
    from game.engine import ActionError, Engine
    from game.engine.session import Session

    sc = data["scenario"]
    candidates = [p for p in (sc.get("path"), sc["id"]) if p]
    book = None
    for ref in candidates:
        try:
            book = load_book(resolve(str(ref)))
            break
        except ContentError:
            continue
    if book is None:
        raise SaveError(
            name, "no_scenario", f"its scenario {sc['id']!r} is not available", scenario=sc["id"]
        )
    engine = Engine(book)
    try:
        session = Session(engine, data["seed"], data["humans"], data["actions"])
    except ActionError as e:
        raise SaveError(
            name,
            "changed",
            f"the scenario has changed since this game was saved ({e})",
            why=str(e),
        ) from None
    return book, session
