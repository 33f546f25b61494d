"""The scenario a class game runs, sent by the host to every machine that joins.

A teacher's own scenario (a shipped one copied and edited) exists only on the teacher's
machine, so the host sends it in its `welcome`: the scenario's source files as the host
reads them (the scenario file and every shared file of `common/` the game's screens read),
with the SHA-256 of the whole. A joining machine checks the hash, writes the files into a
folder of its own (the data folder's `join/scenarios/HASH/`) and reads them with the very
loader and strict schema that read them on the host (`game.content.loader.load`), then plays
with that rulebook. Nothing the host sends is trusted for being the host's: the names of the
files are a fixed set, each file and the whole are bounded in size, and a file that the
loader refuses stops the machine with the loader's own line (file:line:column).

Why the source files and not the assembled rulebook: the rulebook has no strict schema of its
own (it is the loader's output), so a machine could not check it the way the host checked
its scenario; the team's screens also read the files the engine does not (the glossary, the
article's quotes, the fact checks); and the files are what a teacher edits, so a problem is
named in their terms. They are small (the shipped scenario with its shared files is about
240 KB; `MAX_PACKAGE` leaves a wide margin).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError

from game import safeio
from game.content.loader import COMMON_FILES, OPTIONAL_FILES, load
from game.content.paths import common_dir_for
from game.content.problems import ContentError
from game.content.yamlload import MAX_BYTES as MAX_FILE

MAX_PACKAGE = 2 * 1024 * 1024
"""The most text a scenario's files may hold in all (each file at most the loader's 1 MiB).
The shipped scenarios are about 240 KB with their shared files."""

NAMES = ("scenario", *COMMON_FILES)
"""The files a package may hold: the scenario, then each shared file by its name."""

FILE_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\.ya?ml$"
"""The scenario file's own name, as the host has it (shown in the loader's messages)."""


class PackageError(ValueError):
    """A scenario that cannot be sent or used; str() is one line."""


class _Wire(BaseModel):
    """The `package` of a welcome, checked whole before any of it is used."""

    model_config = ConfigDict(strict=True, extra="forbid")
    name: Annotated[StrictStr, Field(pattern=FILE_NAME)]
    sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
    files: (
        Annotated[
            dict[StrictStr, Annotated[StrictStr, Field(max_length=MAX_FILE)]],
            Field(max_length=len(NAMES)),
        ]
        | None
    ) = None


def digest(name: str, files: dict[str, str]) -> str:
    """The SHA-256 of a package: its canonical JSON (keys sorted, no spaces, UTF-8)."""
    text = json.dumps(
        {"name": name, "files": files}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Package:
    """A scenario's source files, as sent: `name` is the scenario file's name."""

    id: str
    name: str
    files: dict[str, str]
    sha256: str

    def wire(self, with_files: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "sha256": self.sha256}
        if with_files:
            out["files"] = self.files
        return out


def pack(path: Path, scenario_id: str) -> Package:
    """The files of the scenario at `path`, as the loader reads them; PackageError with one
    line when one cannot be read or they are too large to send."""
    name = path.name
    if not re.fullmatch(FILE_NAME, name):
        raise PackageError(
            f"{path}: a scenario to host needs a plain file name (letters, digits, _ . -, "
            "ending .yaml)"
        )
    files: dict[str, str] = {}
    common = common_dir_for(path)
    wanted = [("scenario", path)] + [(n, common / f"{n}.yaml") for n in COMMON_FILES]
    for key, p in wanted:
        if key in OPTIONAL_FILES and not p.exists():
            continue
        try:
            files[key] = safeio.read_bytes(p, MAX_FILE).decode("utf-8")
        except safeio.InputError as e:
            raise PackageError(f"{p}: {e.reason}") from None
        except UnicodeDecodeError:
            raise PackageError(f"{p}: not UTF-8 text") from None
    total = sum(len(t.encode("utf-8")) for t in files.values())
    if total > MAX_PACKAGE:
        raise PackageError(
            f"{path}: the scenario with its shared files is {total:,} bytes; "
            f"a class game sends at most {MAX_PACKAGE:,}"
        )
    return Package(scenario_id, name, files, digest(name, files))


@dataclass(frozen=True)
class Received:
    """A package a machine was sent, checked, written and loaded."""

    id: str
    sha256: str
    path: Path
    """The scenario file as written on this machine."""
    book: dict[str, Any]
    """The engine's rulebook, from the loader."""
    bundle: Any
    """The loaded scenario with every file (`game.content.bundle.Bundle`), for the screens."""


def folder() -> Path:
    """Where a machine keeps the scenarios it was sent (the data folder's `join/scenarios`)."""
    from game.saves import saves_dir

    return saves_dir().parent / "join" / "scenarios"


def receive(scenario_id: str, wire: Any, into: Path | None = None) -> Received:
    """A welcome's package checked (its shape, sizes and hash), written under `into` (the data
    folder's) and loaded with the strict loader; PackageError with one line otherwise."""
    try:
        pkg = _Wire.model_validate(wire)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "package"
        raise PackageError(
            f"the host sent its scenario in a shape this machine cannot read ({where}: "
            f"{err['msg']})"
        ) from None
    if pkg.files is None:
        raise PackageError("the host sent no scenario files")
    unknown = sorted(set(pkg.files) - set(NAMES))
    if unknown:
        raise PackageError(
            f"the host's scenario holds a file this machine does not know ({unknown[0]!r})"
        )
    if "scenario" not in pkg.files:
        raise PackageError("the host's scenario holds no scenario file")
    total = sum(len(t.encode("utf-8", "surrogatepass")) for t in pkg.files.values())
    if total > MAX_PACKAGE:
        raise PackageError(
            f"the host's scenario is {total:,} bytes; a machine takes at most {MAX_PACKAGE:,}"
        )
    try:
        actual = digest(pkg.name, pkg.files)
    except UnicodeEncodeError:
        actual = ""
    if actual != pkg.sha256:
        raise PackageError(
            f"the host's scenario {scenario_id} arrived damaged (its files do not match "
            "their SHA-256); join again"
        )
    path = _write(pkg.name, pkg.files, pkg.sha256, into)
    try:
        bundle = load(path, full=True, lint=False)
    except ContentError as e:
        first = e.problems[0] if e.problems else None
        more = f" (and {len(e.problems) - 1} more)" if len(e.problems) > 1 else ""
        raise PackageError(
            f"the host's scenario {scenario_id} does not load on this machine: {first}{more}; "
            "is this Guarantor the same version as the host's?"
        ) from None
    if bundle.scenario.id != scenario_id:
        raise PackageError(
            f"the host said it plays {scenario_id} but sent the scenario {bundle.scenario.id}"
        )
    return Received(scenario_id, pkg.sha256, path, bundle.book, bundle)


def _write(name: str, files: dict[str, str], sha256: str, into: Path | None) -> Path:
    """The files written into `into/HASH/` (the scenario, and `common/` beside it), each
    replaced atomically; a folder of the temporary directory when the data folder cannot
    be written."""
    try:
        return _write_in(folder() if into is None else into, name, files, sha256)
    except OSError:
        fallback = Path(tempfile.mkdtemp(prefix="guarantor-scenario-"))
        try:
            return _write_in(fallback, name, files, sha256)
        except OSError as e:
            raise PackageError(
                f"cannot keep the host's scenario on this machine ({e.strerror or e})"
            ) from None


def _write_in(base: Path, name: str, files: dict[str, str], sha256: str) -> Path:
    home = base / sha256[:32]
    (home / "common").mkdir(parents=True, exist_ok=True)
    for key, text in files.items():
        target = home / name if key == "scenario" else home / "common" / f"{key}.yaml"
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    for key in OPTIONAL_FILES:  # a file the host does not have must not linger from before
        if key not in files:
            with contextlib.suppress(FileNotFoundError):
                (home / "common" / f"{key}.yaml").unlink()
    return home / name
