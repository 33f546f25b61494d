"""Reading files a user handed us, safely: regular files only, never blocking, bounded.

Every file the game reads on a user's behalf (a scenario, a shared `common/` file, an offer,
a save, the settings, a cache entry) may be anything: a FIFO that never answers, `/dev/zero`
that never ends, a folder, a file of 600 MiB. `read_bytes` opens without blocking, refuses
what is not a regular file, and never reads more than its limit plus one byte, so the
answer comes at once and costs at most the limit in memory.

`load_json` parses JSON that may have been damaged or made by hand: nesting is bounded
before the parser sees it (Python's parser recurses), integers longer than 30 digits,
NaN and infinities are refused, and every problem is one `InputError` line.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

MAX_JSON_DEPTH = 64
MAX_INT_DIGITS = 30


class InputError(ValueError):
    """A file we cannot use; `reason` is one plain line without the path (the caller adds it)."""

    def __init__(self, reason: str, *, key: str = "unreadable", **fmt: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.key = key
        self.fmt = fmt


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def os_reason(e: OSError) -> str:
    """An OSError as a short plain phrase, without a traceback or the path."""
    if e.errno == errno.ENOENT:
        return "file not found"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ENAMETOOLONG:
        return "file name too long"
    if e.errno == errno.ENOTDIR:
        return "a part of the path is not a folder"
    if e.errno == errno.EISDIR:
        return "is a folder, not a file"
    if e.errno == errno.ENOSPC:
        return "no space left on the device"
    if e.errno == errno.EROFS:
        return "the device is read-only"
    if e.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return e.strerror or str(e)


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole of a regular file of at most `limit` bytes; raises InputError otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if e.errno == errno.ENXIO:  # a socket (or a device with nothing behind it)
            try:
                what = _describe(os.stat(path).st_mode)
            except OSError:
                what = "a special file"
            raise InputError(f"not a regular file ({what})", key="not_regular", what=what) from None
        raise InputError(os_reason(e), key="os_error", why=os_reason(e)) from None
    except ValueError:  # a NUL character in the path
        raise InputError(
            "the file name has a NUL character", key="os_error", why="bad file name"
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = _describe(st.st_mode)
            raise InputError(f"not a regular file ({what})", key="not_regular", what=what)
        if st.st_size > limit:
            raise InputError(
                f"file too large ({st.st_size:,} bytes; the limit is {limit:,})",
                key="too_large",
                size=st.st_size,
                limit=limit,
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise InputError(
                f"file too large (over {limit:,} bytes)", key="too_large", size=total, limit=limit
            )
        return b"".join(chunks)
    except OSError as e:
        raise InputError(os_reason(e), key="os_error", why=os_reason(e)) from None
    finally:
        os.close(fd)


def is_regular(path: Path | str) -> bool:
    """True for an existing regular file (following links), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text, outside strings."""
    skeleton = _BRACKETS.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for ch in skeleton:
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def _parse_int(s: str) -> int:
    if len(s.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(f"a number with {len(s)} digits", key="huge_number", digits=len(s))
    return int(s)


def _parse_float(s: str) -> float:
    v = float(s)
    if v != v or v in (float("inf"), float("-inf")):
        raise InputError(f"a number out of range ({s[:20]})", key="huge_number", digits=len(s))
    return v


def _parse_constant(s: str) -> Any:
    raise InputError(f"{s} is not a number a file may hold", key="not_finite", value=s)


def load_json(data: bytes | str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON made by hand or damaged; raises InputError with one plain line."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"not UTF-8 text (byte {e.start})", key="not_utf8") from None
    else:
        text = data
    if json_depth(text) > max_depth:
        raise InputError(f"nested deeper than {max_depth} levels", key="too_deep", depth=max_depth)
    try:
        return json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except json.JSONDecodeError as e:
        raise InputError(
            f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
            key="bad_json",
            line=e.lineno,
            column=e.colno,
        ) from None
    except RecursionError:
        raise InputError(f"nested deeper than {max_depth} levels", key="too_deep") from None
