"""The engine's rulebook for a scenario, from a cache when its files have not changed.

Checking a scenario's shape needs pydantic, whose import and model building cost about
0.2 s; `simulate` and the game only need the rulebook the check produces. The rulebook is
kept as JSON in the user's cache folder under a hash of every file it was made from (the
scenario, its shared files, and the code that reads them), so any edit makes a new entry.

An entry is not trusted as it is: it carries its own key and the hash of its rulebook,
and the rulebook must have the shape the loader makes. An entry that is damaged, edited,
of the wrong shape or unreadable is ignored and rebuilt. Every file is read through
`safeio.read_bytes`: regular files only, without blocking, within a limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from game.content.paths import common_dir_for
from game.safeio import InputError, read_bytes

PLAY_FILES = ("terms", "rules", "actors", "arguments", "events", "epilogue")
CODE = ("book.py", "bundle.py", "loader.py", "paths.py", "problems.py", "schema.py", "yamlload.py")
"""The modules of this package that decide the rulebook (with `SHARED_CODE`)."""
SHARED_CODE = ("safeio.py", "data.py")
"""Modules of the game package the loader uses: safe reading, where the shipped files are;
and the engine's modules (the schema takes its words from `game.engine.vocab`, whose package
brings the rest of the engine)."""
FORMAT = 2
"""The layout of a cache entry; bumped when it changes."""
MAX_FILE = 1024 * 1024
"""As the loader's limit: a larger file is refused by the loader, never cached."""
MAX_ENTRY = 16 * 1024 * 1024


def cache_dir() -> Path | None:
    if os.environ.get("GUARANTOR_NO_CACHE"):
        return None
    env = os.environ.get("GUARANTOR_CACHE_DIR")
    if env:
        return Path(env)
    # imported only when the environment names no folder (a lazy import for start-up)
    import platformdirs

    return Path(platformdirs.user_cache_dir("guarantor")) / "books"


def code_files() -> list[Path]:
    """The code whose every change must make a new cache entry."""
    here = Path(__file__).resolve().parent
    return [
        *(here / c for c in CODE),
        *(here.parent / c for c in SHARED_CODE),
        *sorted((here.parent / "engine").glob("*.py")),
    ]


def _key(path: Path) -> str | None:
    """A hash of every file the rulebook is made from; None when one cannot be read
    (the loader then says why)."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    files = [
        path,
        *(common_dir_for(path) / f"{n}.yaml" for n in PLAY_FILES),
        *code_files(),
    ]
    try:
        for f in files:
            data = read_bytes(f, MAX_FILE)
            h.update(f"{f.name}:{len(data)}:".encode())
            h.update(data)
    except InputError:
        return None
    return h.hexdigest()[:40]


def _digest(book: Any) -> str:
    text = json.dumps(book, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_TOP: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "title": dict,
    "rounds": int,
    "days_per_round": int,
    "seats": list,
    "default_seat": str,
    "start": dict,
    "package": dict,
    "locked": list,
    "threshold": dict,
    "statements": dict,
    "rules": list,
    "credibility": dict,
    "acceptability": dict,
    "actors": dict,
    "arguments": dict,
    "counters": list,
    "events": list,
    "epilogue": dict,
}


def _items_ok(items: Any, need: dict[str, type | tuple[type, ...]]) -> bool:
    values = items.values() if isinstance(items, dict) else items
    return all(
        isinstance(x, dict) and all(isinstance(x.get(k), t) for k, t in need.items())
        for x in values
    )


def shape_ok(book: Any) -> bool:
    """True when `book` has the shape `loader.assemble` makes (the parts the engine reads)."""
    if not isinstance(book, dict) or set(book) != set(_TOP):
        return False
    if not all(isinstance(book[k], t) for k, t in _TOP.items()):
        return False
    if isinstance(book["rounds"], bool) or isinstance(book["days_per_round"], bool):
        return False
    start, th = book["start"], book["threshold"]
    number = (int, float)
    return (
        isinstance(start.get("date"), str)
        and isinstance(start.get("indicators"), dict)
        and isinstance(start.get("positions"), dict)
        and isinstance(start.get("flags"), list)
        and all(isinstance(th.get(k), number) for k in ("base", "per_momentum", "counter_margin"))
        and _items_ok(book["rules"], {"id": str, "when": dict, "effects": list, "says": dict})
        and all(
            isinstance(book[f].get("base"), number)
            and _items_ok(book[f].get("terms"), {"id": str, "kind": str})
            for f in ("credibility", "acceptability")
        )
        and _items_ok(book["actors"], {"id": str, "moves": list, "score": list})
        and _items_ok(book["arguments"], {"id": str, "to": str, "by": list, "effects": list})
        and _items_ok(book["counters"], {"id": str, "answers": list})
        and _items_ok(book["events"], {"id": str, "date": str, "effects": list})
        and isinstance(book["epilogue"].get("stories"), list)
    )


def _no_constant(s: str) -> Any:
    raise ValueError(f"{s} in a cache entry")


def _finite(s: str) -> float:
    v = float(s)
    if v != v or v in (float("inf"), float("-inf")):
        raise ValueError(f"{s} in a cache entry")
    return v


def _parse(data: bytes) -> Any:
    """A cache entry's JSON, or None when it is not JSON we wrote. Unlike `safeio.load_json`
    (for files a person hands us, which says what is wrong) this only has to refuse: the C
    parser's own limits stand in for the depth scan (nesting too deep is a RecursionError, a
    number too long a ValueError), and not-a-number and infinities are refused."""
    try:
        return json.loads(data.decode("utf-8"), parse_float=_finite, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        return None


def _read_entry(entry: Path, key: str) -> dict[str, Any] | None:
    """The rulebook in a cache entry, if the entry is whole and is the one for `key`."""
    try:
        data = _parse(read_bytes(entry, MAX_ENTRY))
    except InputError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    book = data.get("book")
    if data.get("sha256") != _digest(book) or not shape_ok(book):
        return None
    assert isinstance(book, dict)
    return book


def _write_entry(entry: Path, key: str, book: dict[str, Any]) -> None:
    record = {"format": FORMAT, "key": key, "sha256": _digest(book), "book": book}
    tmp: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when an entry is written (start-up)

        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(tmp, entry)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def load_book(path: Path) -> dict[str, Any]:
    """The rulebook; raises ContentError (via the loader) when the files are broken."""
    folder = cache_dir()
    key = _key(path) if folder is not None else None
    entry = folder / f"{key}.json" if folder is not None and key else None
    if entry is not None and key is not None:
        cached = _read_entry(entry, key)
        if cached is not None:
            return cached
    # imported here on purpose: the loader brings pydantic (about 0.2 s), needed only on a miss
    from game.content.loader import load

    book = load(path, full=False, lint=False).book
    if entry is not None and key is not None:
        _write_entry(entry, key, book)
    return book
