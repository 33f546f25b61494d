"""Settings kept between runs: a small JSON file under the user's config folder
(`platformdirs.user_config_dir("guarantor")/settings.json`).

Written atomically (a temporary file in the same folder, flushed and fsynced, then
`os.replace`). A missing, damaged or strange file gives the defaults and never an error;
each field is checked on its own, so one bad value does not lose the others.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from game.ui.theme import clamp_scale

APP_NAME = "guarantor"
SETTINGS_FILE = "settings.json"
VERSION = 1
MAX_BYTES = 64 * 1024


def config_dir() -> Path:
    """Where settings live; GUARANTOR_CONFIG_DIR moves them (a portable copy, tests)."""
    env = os.environ.get("GUARANTOR_CONFIG_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """Where saves and crash reports go; GUARANTOR_DATA_DIR moves them."""
    env = os.environ.get("GUARANTOR_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


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

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        s = cls()
        if not isinstance(data, dict):
            return s
        if data.get("lang") in ("en", "ar"):
            s.lang = data["lang"]
        scale = data.get("scale")
        if isinstance(scale, (int, float)) and not isinstance(scale, bool):
            s.scale = clamp_scale(scale)
        for name in ("fullscreen", "facilitator", "animations"):
            if isinstance(data.get(name), bool):
                setattr(s, name, data[name])
        w = data.get("window")
        if (
            isinstance(w, list)
            and len(w) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and 320 <= v <= 16384 for v in w)
        ):
            s.window = (w[0], w[1])
        if isinstance(data.get("extra"), dict):
            s.extra = data["extra"]
        return s

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["window"] = list(self.window)
        d["version"] = VERSION
        return d


def load(folder: Path) -> tuple[Settings, bool]:
    """The settings in `folder` and whether a file was there but could not be used."""
    path = folder / SETTINGS_FILE
    try:
        if not path.exists():
            return Settings(), False
        if path.stat().st_size > MAX_BYTES:
            return Settings(), True
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return Settings(), True
    if not isinstance(data, dict):
        return Settings(), True
    return Settings.from_dict(data), False


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
    except (OSError, TypeError, ValueError):
        return False
    return True
