"""Settings kept between runs: a small JSON file under the user's config folder
(`platformdirs.user_config_dir("guarantor")/settings.json`).

Written atomically (a temporary file in the same folder, flushed and fsynced, then
`os.replace`). Reading never fails and never hangs: the file is read with
`game.safeio.read_bytes` (regular files only, without blocking, bounded) and parsed with
bounded depth. Each value is checked on its own, so one bad value (`"scale": 1e400`, a
string where a number belongs) falls back to its default and keeps the others.

A file that was damaged in any way is moved aside as `settings-damaged-TIME.json` (the
bytes as they were; nothing is lost), the repaired settings are written in its place at
once, and `load` returns a `Damage` so that the app can tell the player, once, in their
language. Keys this version does not know (written by a newer version) are kept and
written back; so are the values of a newer version's file that this version cannot read,
unless the player changes that setting.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import safeio

APP_NAME = "guarantor"
SETTINGS_FILE = "settings.json"
VERSION = 1
MAX_BYTES = 64 * 1024
KNOWN = ("lang", "scale", "fullscreen", "facilitator", "animations", "window", "extra")
"""The settings this version reads, in the order they are shown when some were damaged."""


def config_dir() -> Path:
    """Where settings live; GUARANTOR_CONFIG_DIR moves them (a portable copy, tests)."""
    env = os.environ.get("GUARANTOR_CONFIG_DIR")
    if env:
        return Path(env)
    # imported only when the environment names no folder (a lazy import for start-up)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """Where saves and crash reports go; GUARANTOR_DATA_DIR moves them."""
    env = os.environ.get("GUARANTOR_DATA_DIR")
    if env:
        return Path(env)
    # imported only when the environment names no folder (a lazy import for start-up)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


@dataclass
class Damage:
    """What was wrong with the settings file and where the old one was kept.

    `why` is the key of the reason the whole file could not be used (`not_regular`,
    `too_large`, `not_utf8`, `bad_json`, `too_deep`, `not_object`, `unreadable`), or ""
    when only some values were bad: those are `keys`. `kept` is the old file's new name,
    or None when it could not be moved aside (then it is left as it was, and nothing is
    written over it in this session)."""

    why: str = ""
    keys: list[str] = field(default_factory=list)
    kept: Path | None = None
    detail: str = ""
    """The reason in English, for logs and tests."""


class _Bad:
    """A number JSON can spell but a settings file may not hold (1e400, NaN, 10**400)."""

    def __repr__(self) -> str:
        return "<bad number>"


BAD = _Bad()


def _lenient_float(s: str) -> float | _Bad:
    v = float(s)
    return v if math.isfinite(v) else BAD


def _lenient_int(s: str) -> int | _Bad:
    return BAD if len(s.lstrip("-")) > safeio.MAX_INT_DIGITS else int(s)


def _lenient_constant(s: str) -> _Bad:
    return BAD


MAX_VALUE_DEPTH = 32
"""How deeply one setting's value may nest (a deeper one falls back on its own)."""


def _clean(value: Any) -> bool:
    """True when a parsed value holds no bad number anywhere and nests at most
    MAX_VALUE_DEPTH deep (walked without recursion: the value may be deep)."""
    todo: list[tuple[Any, int]] = [(value, 0)]
    while todo:
        v, depth = todo.pop()
        if v is BAD:
            return False
        if isinstance(v, (dict, list)):
            if depth >= MAX_VALUE_DEPTH:
                return False
            items = v.values() if isinstance(v, dict) else v
            todo.extend((x, depth + 1) for x in items)
    return True


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check(name: str, value: Any) -> Any:
    """The value to use for a known setting, or BAD."""
    if name == "lang":
        return value if value in ("en", "ar") else BAD
    if name == "scale":
        from game.ui.theme import SCALE_MAX, SCALE_MIN, clamp_scale

        if _is_number(value) and math.isfinite(value) and SCALE_MIN <= value <= SCALE_MAX:
            return clamp_scale(value)
        return BAD
    if name in ("fullscreen", "facilitator", "animations"):
        return value if isinstance(value, bool) else BAD
    if name == "window":
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and all(320 <= v <= 16384 for v in value)
        ):
            return (value[0], value[1])
        return BAD
    if name == "extra":
        return value if isinstance(value, dict) and _clean(value) else BAD
    raise KeyError(name)


@dataclass
class Settings:
    lang: str = "en"
    scale: float = 1.0
    fullscreen: bool = False
    facilitator: bool = False
    animations: bool = True
    window: tuple[int, int] = (1280, 800)
    extra: dict[str, Any] = field(default_factory=dict)
    """Values other screens store (kept as they are, if JSON)."""
    unknown: dict[str, Any] = field(default_factory=dict, repr=False)
    """Keys of the file this version does not know (a newer version's), written back."""
    passthrough: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    """A newer version's values this version cannot read: name -> (as in the file, the
    default used instead); written back while the setting still has that default."""
    version: int = VERSION
    """The version of the file read (a newer version's number is kept when writing)."""

    @classmethod
    def read(cls, data: Any) -> tuple[Settings, list[str]]:
        """The settings in a parsed file, and the names of the values that could not be used
        (each of those has its default)."""
        s = cls()
        if not isinstance(data, dict):
            return s, ["*"]
        bad: list[str] = []
        version = data.get("version", VERSION)
        newer = False
        if _is_number(version) and not isinstance(version, float) and 1 <= version < 2**31:
            s.version = int(version)
            newer = s.version > VERSION
        else:
            bad.append("version")
        for name in KNOWN:
            if name not in data:
                continue
            value = _check(name, data[name])
            if value is not BAD:
                setattr(s, name, value)
            elif newer and _clean(data[name]):
                s.passthrough[name] = (data[name], getattr(s, name))
            else:
                bad.append(name)
        for key, value in data.items():
            if key in KNOWN or key == "version":
                continue
            if _clean(value):
                s.unknown[key] = value
            else:
                bad.append(key)
        return s, bad

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = dict(self.unknown)
        for name in KNOWN:
            value = getattr(self, name)
            raw = self.passthrough.get(name)
            if raw is not None and value == raw[1]:
                value = raw[0]
            d[name] = list(value) if name == "window" and isinstance(value, tuple) else value
        d["version"] = max(VERSION, self.version)
        return d


def _parse(data: bytes) -> Any:
    """The JSON in the file. A number out of range becomes BAD and a value nested too deep
    is parsed still (as far as the parser's own limit), so that only that value falls back
    (`_clean`); anything else wrong raises safeio.InputError."""
    try:
        return safeio.load_json(data)
    except safeio.InputError as e:
        if e.key not in ("huge_number", "not_finite", "too_deep"):
            raise
        error = e
    try:  # the text is UTF-8 (load_json decoded it before it looked further)
        return json.loads(
            data.decode("utf-8"),
            parse_float=_lenient_float,
            parse_int=_lenient_int,
            parse_constant=_lenient_constant,
        )
    except json.JSONDecodeError as e:
        raise safeio.InputError(
            f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})", key="bad_json"
        ) from None
    except (ValueError, RecursionError):
        raise error from None


def load(folder: Path) -> tuple[Settings, Damage | None]:
    """The settings in `folder`, and what was wrong with the file (None when nothing was,
    or when there is no file yet). A damaged file is moved aside and the repaired settings
    are written at once, so the player is told only once."""
    path = folder / SETTINGS_FILE
    try:
        os.lstat(path)
    except OSError as e:
        if e.errno in (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG):
            return Settings(), None  # no file there (and none can be: then nothing is saved)
        # else a folder on the way that cannot be read: read_bytes says why
    except ValueError:
        return Settings(), None
    try:
        data = _parse(safeio.read_bytes(path, MAX_BYTES))
    except safeio.InputError as e:
        why = e.key if e.key in ("not_regular", "too_large", "not_utf8", "too_deep") else ""
        why = why or ("bad_json" if e.key == "bad_json" else "unreadable")
        return Settings(), _set_aside(folder, Damage(why=why, detail=e.reason), Settings())
    if not isinstance(data, dict):
        damage = Damage(why="not_object", detail="not a JSON object")
        return Settings(), _set_aside(folder, damage, Settings())
    settings, bad = Settings.read(data)
    if not bad:
        return settings, None
    damage = Damage(keys=bad, detail="values that cannot be used: " + ", ".join(bad))
    return settings, _set_aside(folder, damage, settings)


def _set_aside(folder: Path, damage: Damage, repaired: Settings) -> Damage:
    """Move the damaged file aside (renaming keeps it exactly, whatever it is) and write the
    repaired settings in its place."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        aside = folder / f"settings-damaged-{stamp}{'' if n == 0 else f'-{n}'}.json"
        if os.path.lexists(aside):
            continue
        try:
            os.rename(folder / SETTINGS_FILE, aside)
        except OSError:
            return damage
        damage.kept = aside
        save(folder, repaired)
        return damage
    return damage


def save(folder: Path, settings: Settings) -> bool:
    """Write the settings atomically; False (and nothing half-written) if it failed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(settings.to_dict(), ensure_ascii=False, indent=2)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, folder / SETTINGS_FILE)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError, RecursionError):
        return False
    return True
