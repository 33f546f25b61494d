"""The engine's rulebook for a scenario, from a cache when its files have not changed.

Checking a scenario's shape needs pydantic, whose import and model building cost about
0.2 s; `simulate` and the game only need the rulebook the check produces. The rulebook is
kept as JSON in the user's cache folder under a hash of every file it was made from (the
scenario, its shared files, and the loader's own code), so any edit makes a new entry.
A damaged or unreadable cache entry is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from game.content.paths import common_dir_for

PLAY_FILES = ("terms", "rules", "actors", "arguments", "events", "epilogue")
CODE = ("loader.py", "schema.py", "book.py")


def cache_dir() -> Path | None:
    if os.environ.get("GUARANTOR_NO_CACHE"):
        return None
    env = os.environ.get("GUARANTOR_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("guarantor")) / "books"


def _key(path: Path) -> str | None:
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = [
        path,
        *(common_dir_for(path) / f"{n}.yaml" for n in PLAY_FILES),
        *(here / c for c in CODE),
    ]
    try:
        for f in files:
            data = f.read_bytes()
            h.update(f"{f.name}:{len(data)}:".encode())
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()[:40]


def load_book(path: Path) -> dict[str, Any]:
    """The rulebook; raises ContentError (via the loader) when the files are broken."""
    folder = cache_dir()
    key = _key(path) if folder is not None else None
    entry = folder / f"{key}.json" if folder is not None and key else None
    if entry is not None:
        try:
            book = json.loads(entry.read_text(encoding="utf-8"))
            if isinstance(book, dict) and book.get("id"):
                return book
        except (OSError, ValueError):
            pass
    from game.content.loader import load

    book = load(path, full=False, lint=False).book
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(book, f, ensure_ascii=False)
            os.replace(tmp, entry)
        except OSError:
            pass
    return book
