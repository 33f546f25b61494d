"""Save files (GAME-DESIGN 9): the scenario, the seed, the human seats and the action log.

Written atomically: a temporary file in the same folder, flushed and synced, the previous
save kept as `NAME.bak`, then `os.replace`, then the folder synced. Writers of one save take
turns (a lock on the folder), so two games saving at once never mix. A damaged
file in the way is never overwritten: it is kept aside as `NAME-damaged-TIME.json` (a second
name for the same bytes, made before the new save replaces the first). A save is versioned;
older versions are brought up to date by pure one-step migrations.

Reading checks the whole file before any of it is used: it is opened only when it is a
regular file of at most `MAX_BYTES` (a FIFO or `/dev/zero` answers at once), parsed with
bounded nesting and number sizes, and every field is checked for its type and shape by a
strict model (`SaveModel`): `"facilitator": "no"`, `"version": true`, `"turn": "x"` or a
move that is a list are refused. Every problem is a `SaveError` with one line.

The action log is capped at `MAX_ACTIONS`, what a real game can reach with a wide margin:
`MAX_ROUNDS` (a scenario's most rounds, as the content schema allows) times
`MAX_ACTIONS_PER_ROUND`. A round holds at most `ROUND_LIMITED` (38) actions the rules limit
(three seats with two arguments, one move and counters to the arguments that landed against
them, nine passes in three laps, a computer's answer to the proposal on each turn, one table,
one walk-out, three signatures or refusals) plus a person's proposals, answers, undos and
overrides, which the rules do not limit; a real round sees a few of these, and 256 a round leaves room for a class that tries
every clause.

Version 3 logs every seat's actions (the computer's too) in the engine's turn order, with
`pass` and `undo`. A version 1 or 2 log holds only the human seats' actions: it is marked
`turnless_log`, and `open_session` fills in the turns (`session.fill_turns`) as it replays it.
Version 5 draws each of a game's random numbers from a stream of the seed's own (the dice,
each computer seat's deck, the epilogue's years); an older save is marked `old_random` and
replays with the generators it had (the same dice, cards and ending).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from game import safeio
from game.content.book import load_book
from game.content.paths import resolve
from game.content.problems import ContentError
from game.engine import ActionError, Engine
from game.engine.session import Session, fill_turns
from game.engine.vocab import Level, Seat

FORMAT = "guarantor-save"
VERSION = 5
"""1: the scenario, seed, seats and log. 2: also the game's `name` (a class's own name for
it) and, for a replay from a round, `replay_of` (how the game it replays ended). 3: the log
holds every seat's actions in the engine's turn order (the computer's too, and `pass`,
`undo`), where versions 1 and 2 held the human seats' actions only. 4: a class game's
`room` (its code and the SHA-256 of each seat's token, game/net/): optional, so a version 3
save is one of version 4 as it is; the version goes up because a version 3 reader refuses a
field it does not know as damage, and must say "saved by a newer Guarantor" instead.
5: each of the game's generators is a stream of the seed's own, the seed mixed with a salt
(`rng.own_stream`): the dice (versions 1 to 4 seeded them so that seed s + 1 rolled seed s's
dice one draw on), each computer seat's deck, and the epilogue's years, which versions 1 to 4
rolled from the dice (now the same seed meets the same years whatever was played). An older
save is marked `old_random` and replays with the generators it had, to the same game and
ending. A version 4 reader would replay a version 5 game to another game, so it must refuse
it as newer."""

MAX_ROUNDS = 30
"""The most rounds a scenario may have (game/content/schema.py, `Scenario.rounds`)."""
MAX_ACTIONS_PER_ROUND = 256
ROUND_LIMITED = 3 * (2 + 1 + 2) + 3 * 3 * 2 + 1 + 1 + 3
"""The actions a round can hold that the rules limit (see the module's notes): for each of
three seats two arguments, a move and two counters; for each seat's turn in three laps a
pass and the computer's answer to the proposal; a table, a walk-out, three signatures."""
UNLIMITED_PER_ROUND = MAX_ACTIONS_PER_ROUND - ROUND_LIMITED
"""Proposals, agreements, overrides and injected events a game accepts in one round, so that
every save it writes stays under `MAX_ACTIONS` and opens again."""
MAX_ACTIONS = MAX_ROUNDS * MAX_ACTIONS_PER_ROUND
"""The longest action log a save may hold (7,680): see the module's notes."""
MAX_BYTES = 4 * 1024 * 1024
"""A save's largest size: `MAX_ACTIONS` actions of up to 512 bytes each (a full package
written with indentation is about 300)."""
MAX_SCENARIO_BYTES = 4 * 1024 * 1024
"""The most read of a scenario file to compare it with the hash a save holds."""
MAX_PATH = 4096

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds what a version 1 save never had (a name, the ending a replay
    replays): both optional, so a version 1 save is one of version 2 as it is."""
    return {**data, "version": 2}


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Versions 1 and 2 logged only the human seats' actions, with no turns: the log is
    marked, and the turns are filled in when it is replayed (`open_session`, which has the
    rulebook)."""
    return {**data, "version": 3, "turnless_log": True}


def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 adds a class game's `room`, which a version 3 save never had: optional (a
    game played on one machine has none), so a version 3 save is one of version 4 as it is."""
    return {**data, "version": 4}


def _v4_to_v5(data: dict[str, Any]) -> dict[str, Any]:
    """Versions 1 to 4 drew the game's random numbers otherwise (the dice from the seed as
    it stands, the epilogue's years from the dice): the save is marked so, and replays to the
    same game and ending (`open_session`: `Engine.new_game`'s `old_random`). Kept when the
    game is saved again."""
    return {**data, "version": 5, "old_random": True}


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}
"""version -> a pure function from a save of that version to one of the next."""

MAX_NAME = 80
"""The longest name a game may be given ("9B Tuesday, second group")."""


class SaveError(ValueError):
    """A save that cannot be opened; str() is one line for the user: `NAME: what is wrong`.

    `key` names the kind of problem and `fmt` its details, so that a screen can say it in
    the player's language (catalogue key `saves_error.KEY`); `detail` is the English text."""

    def __init__(self, name: str, key: str, detail: str, **fmt: object) -> None:
        super().__init__(f"{name}: {detail}")
        self.name, self.key, self.detail, self.fmt = name, key, detail, fmt


# ---------------------------------------------------------------- the shape of a save

Short = Annotated[StrictStr, Field(max_length=200)]
Clause = StrictStr | StrictBool | StrictInt | dict[Short, StrictInt]


class _Action(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    seat: Short | None = None


class _Argue(_Action):
    type: Literal["argue"]
    card: Short
    dice: (
        Annotated[list[Annotated[StrictInt, Field(ge=1, le=6)]], Field(min_length=2, max_length=2)]
        | None
    ) = None
    reason: Annotated[StrictStr, Field(max_length=2000)] | None = None


class _Move(_Action):
    type: Literal["move"]
    move: Short


class _Propose(_Action):
    type: Literal["propose"]
    package: Annotated[dict[Short, Clause], Field(max_length=32)]


class _Plain(_Action):
    type: Literal["agree", "table", "pass", "walk_out", "sign", "refuse", "undo"]


class _Object(_Action):
    type: Literal["object"]
    objections: Annotated[list[Short], Field(max_length=32)]


class _Counter(_Action):
    type: Literal["counter"]
    card: Short


class _Respond(_Action):
    type: Literal["respond"]
    answer: Literal["concede", "counter", "stand"]
    counter: Short | None = None


class _Override(_Action):
    type: Literal["override"]
    reason: Annotated[StrictStr, Field(max_length=2000)]
    set: Annotated[dict[Short, StrictInt], Field(max_length=64)] = {}


class _Intervention(_Action):
    """A facilitator's intervention (game.engine.facilitator); the engine checks the rest."""

    type: Literal["inject", "verdict", "skip", "end_talks"]
    reason: Annotated[StrictStr, Field(max_length=2000)]
    event: Short | None = None
    by: Short | None = None
    card: Short | None = None
    rating: Short | None = None
    votes: (
        Annotated[list[Annotated[StrictInt, Field(ge=0, le=1000)]], Field(max_length=5)] | None
    ) = None


Action = Annotated[
    _Argue | _Move | _Propose | _Plain | _Object | _Counter | _Respond | _Override | _Intervention,
    Field(discriminator="type"),
]


class _Scenario(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    id: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    path: Annotated[StrictStr, Field(min_length=1, max_length=MAX_PATH)] | None = None
    sha256: Annotated[StrictStr, Field(pattern=r"^([0-9a-f]{16}|[0-9a-f]{64})?$")] = ""


Name = Annotated[
    StrictStr,
    Field(min_length=1, max_length=MAX_NAME, pattern=r"^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$"),
]
"""A game's name: printable, not only spaces."""


class _Outcome(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    kind: Short
    reason: Short
    round: Annotated[StrictInt, Field(ge=0, le=MAX_ROUNDS + 1)]


class _Ending(BaseModel):
    """How a game ended, kept in the save of its replay (`game.report.debrief.ending`)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    over: StrictBool
    outcome: _Outcome
    round: Annotated[StrictInt, Field(ge=0, le=MAX_ROUNDS + 1)]
    package: Annotated[dict[Short, Clause], Field(max_length=32)]
    indicators: Annotated[dict[Short, StrictInt], Field(max_length=64)]
    scores: Annotated[dict[Short, StrictInt | StrictFloat], Field(max_length=8)]
    from_round: Annotated[StrictInt, Field(ge=1, le=MAX_ROUNDS + 1)]
    name: Name | None = None


ROOM_CODE = r"^[A-Z0-9]{4,12}$"
"""A class game's room code (game/net/): 4 to 12 capital letters and digits."""


class _Room(BaseModel):
    """A class game's room: its code and, per seat, the SHA-256 of the seat's secret token
    (so that a restarted host lets each team back in, and nobody else)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    code: Annotated[StrictStr, Field(pattern=ROOM_CODE)]
    tokens: dict[Seat, Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]] = {}


class SaveModel(BaseModel):
    """Every field of a save of the current version, with its exact type."""

    model_config = ConfigDict(strict=True, extra="forbid")
    format: Literal["guarantor-save"]
    version: StrictInt
    scenario: _Scenario
    seed: Annotated[StrictInt, Field(ge=-(2**63), le=2**63 - 1)]
    humans: Annotated[list[Seat], Field(min_length=1, max_length=3)]
    actions: Annotated[list[Action], Field(max_length=MAX_ACTIONS)]
    saved_at: Annotated[StrictStr, Field(max_length=40)] | None = None
    facilitator: StrictBool = False
    turn: Annotated[StrictInt, Field(ge=0, le=2)] = 0
    """Version 1: which human seat was on turn (version 2 logs the turns themselves)."""
    turnless_log: StrictBool = False
    """The log was written by version 1 or 2 (human seats' actions only): `open_session`."""
    old_random: StrictBool = False
    """The game was saved first by version 1 to 4: it draws its random numbers as they did
    then (`_v4_to_v5`)."""
    round: Annotated[StrictInt, Field(ge=1, le=MAX_ROUNDS + 1)] | None = None
    rounds: Annotated[StrictInt, Field(ge=1, le=MAX_ROUNDS)] | None = None
    """A lesson's fewer rounds (absent: the scenario's)."""
    strategy: Short | None = None
    name: Name | None = None
    replay_of: _Ending | None = None
    computer: Annotated[dict[Seat, Level], Field(max_length=3)] = {}
    """Each computer seat's level (none: `easy`, as before there were levels)."""
    room: _Room | None = None


_INPUT_KEYS = {
    "not_regular": "not_regular",
    "too_large": "too_large",
    "os_error": "unreadable",
    "not_utf8": "not_text",
    "bad_json": "cut_off",
    "too_deep": "too_deep",
    "huge_number": "huge_number",
    "not_finite": "huge_number",
}


def saves_dir() -> Path:
    env = os.environ.get("GUARANTOR_DATA_DIR")
    if env:
        return Path(env) / "saves"
    # imported only when the environment names no folder (a lazy import for start-up)
    import platformdirs

    return Path(platformdirs.user_data_dir("guarantor")) / "saves"


def make(
    scenario_id: str,
    scenario_path: Path | None,
    seed: int,
    humans: list[str],
    actions: Sequence[Mapping[str, Any]],
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
        "actions": [dict(a) for a in actions],
        "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        **(extra or {}),
    }


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of a save's folder while writing one of its saves: writers take turns.
    (The folder itself is the lock file: nothing is left beside the saves.)"""
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system: writers are not serialised
        yield
        return
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write(path: Path, data: dict[str, Any], *, durable: bool = True) -> None:
    """Write atomically, keeping the previous save as a backup and a damaged one aside.
    `durable=False` skips the syncs to the disk (the steps within a round: still atomic,
    but a power cut may take back the last few; a round's end is always synced).

    Raises OSError when the file cannot be written (a read-only folder, a full disk); the
    save that was there is then as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    with locked(path):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                if durable:
                    os.fsync(f.fileno())
            if os.path.lexists(path):
                try:
                    check(path)
                except SaveError:
                    # never overwrite a damaged save, nor let it replace a good backup
                    _keep_aside(path)
                else:
                    _copy_atomic(path, path.with_name(path.name + ".bak"), durable)
            os.replace(tmp, path)
            if durable:
                _sync_dir(path.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _keep_aside(path: Path) -> Path:
    """A second name for a damaged save's bytes (`NAME-damaged-TIME[-N].json`), never
    taking a name that exists; the original name is then free to be replaced."""
    stem, suffix = path.stem, path.suffix
    stamp = time.strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        aside = path.with_name(f"{stem}-damaged-{stamp}{'' if n == 1 else f'-{n}'}{suffix}")
        try:
            os.link(path, aside, follow_symlinks=False)
            return aside
        except FileExistsError:
            n += 1
        except OSError as e:
            if e.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            if os.path.lexists(aside):  # no hard links here: move it (we hold the lock)
                n += 1
                continue
            os.rename(path, aside)
            return aside


def _copy_atomic(src: Path, dst: Path, durable: bool = True) -> None:
    data = safeio.read_bytes(src, MAX_BYTES) if safeio.is_regular(src) else b""
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
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
    """The save's data, checked whole and migrated to the current version; SaveError with
    one line otherwise. Never blocks and never reads more than `MAX_BYTES`."""
    path = Path(path)
    name = str(path)
    try:
        raw = safeio.read_bytes(path, MAX_BYTES)
    except safeio.InputError as e:
        if e.key == "os_error" and e.reason == "file not found":
            raise SaveError(name, "missing", "no such save file") from None
        if e.key == "not_regular" and e.fmt.get("what") == "a folder":
            raise SaveError(name, "folder", "is a folder, not a save file") from None
        if e.key == "too_large":
            kib = int(str(e.fmt.get("size", 0))) // 1024
            raise SaveError(
                name, "too_large", f"too large for a save ({kib} KiB)", kib=kib
            ) from None
        if e.key == "not_regular":
            what = str(e.fmt.get("what", "a special file"))
            raise SaveError(name, "not_regular", f"not a save file ({what})", what=what) from None
        raise SaveError(name, "unreadable", f"cannot be read ({e.reason})", why=e.reason) from None
    if not raw.strip():
        raise SaveError(name, "empty", "the file is empty (the save was cut off)")
    try:
        data = safeio.load_json(raw)
    except safeio.InputError as e:
        key = _INPUT_KEYS.get(e.key, "damaged")
        if key == "cut_off":
            line, column = e.fmt.get("line", 1), e.fmt.get("column", 1)
            raise SaveError(
                name,
                "cut_off",
                f"damaged save (cut off or changed at line {line}, column {column})",
                line=line,
                column=column,
            ) from None
        if key == "not_text":
            raise SaveError(name, "not_text", "not a Guarantor save (not text)") from None
        if key == "too_deep":
            raise SaveError(
                name,
                "too_deep",
                f"damaged save (nested deeper than {safeio.MAX_JSON_DEPTH} levels)",
                depth=safeio.MAX_JSON_DEPTH,
            ) from None
        raise SaveError(
            name, "huge_number", "damaged save (a number too large for a save)"
        ) from None
    return upgrade(data, name)


def upgrade(data: Any, name: str = "save") -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(name, "foreign", "not a Guarantor save")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise SaveError(name, "damaged", "damaged save (its version part)", part="version")
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
    """Every field's type and shape (the strict model), the log's length first."""
    actions = data.get("actions")
    if isinstance(actions, list) and len(actions) > MAX_ACTIONS:
        raise SaveError(
            name,
            "too_long",
            f"its action log is longer than any game can be ({len(actions):,} actions; "
            f"the most a game can reach is {MAX_ACTIONS:,})",
            n=len(actions),
            limit=MAX_ACTIONS,
        )
    try:
        SaveModel.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(x) for x in err["loc"]]
        # a union's alternative names the action type in its place: drop it
        if len(loc) >= 3 and loc[0] == "actions":
            loc = loc[:2] + loc[3:]
        part = ".".join(loc) or "?"
        raise SaveError(
            name, "damaged", f"damaged save (its {part} part: {err['msg']})", part=part
        ) from None
    humans = data["humans"]
    if len(set(humans)) != len(humans):
        raise SaveError(
            name, "damaged", "damaged save (its humans part: a seat twice)", part="humans"
        )


def check(path: Path) -> dict[str, Any]:
    """Read and check a save without opening anything; raises SaveError."""
    return read(path)


# ---------------------------------------------------------------- its scenario


def scenario_hash(path: Path) -> str:
    """The first 16 hex digits of the scenario file's SHA-256 ("" when it cannot be read)."""
    try:
        return hashlib.sha256(safeio.read_bytes(path, MAX_SCENARIO_BYTES)).hexdigest()[:16]
    except safeio.InputError:
        return ""


def _book(ref: str) -> tuple[Path, dict[str, Any]] | None:
    """The scenario file a reference names and its rulebook, or None when it cannot be used."""

    try:
        path = resolve(ref)
        if not safeio.is_regular(path):
            return None
        return path, load_book(path)
    except (ContentError, OSError, ValueError):
        return None


def find_scenario(data: dict[str, Any], name: str = "save") -> tuple[Path, SaveError | None]:
    """The scenario file to replay a save with, and a notice when it may not be the one the
    game was played with (the player decides): the stored file changed, is gone (the shipped
    scenario of the same id stands in), or now holds another scenario. SaveError when no
    scenario of the save's id can be found."""
    sc = data["scenario"]
    sid, stored, wanted = sc["id"], sc.get("path"), sc.get("sha256", "")
    notice: SaveError | None = None
    if stored:
        found = _book(stored)
        if found is not None and found[1].get("id") == sid:
            path = found[0]
            if wanted and scenario_hash(path) != wanted:
                notice = SaveError(
                    name,
                    "scenario_edited",
                    f"its scenario file {stored} has been changed since the game was saved; "
                    "the game may not replay as it was played",
                    path=stored,
                )
            return path, notice
        key = "scenario_other" if found is not None else "scenario_gone"
        detail = (
            f"its scenario file {stored} now holds another scenario"
            if found is not None
            else f"its scenario file {stored} is gone or can no longer be read"
        )
        notice = SaveError(
            name, key, f"{detail}; the shipped scenario {sid} stands in", path=stored, scenario=sid
        )
    shipped = _book(sid)
    if shipped is None or shipped[1].get("id") != sid:
        raise SaveError(name, "no_scenario", f"its scenario {sid!r} is not available", scenario=sid)
    path = shipped[0]
    if notice is None and wanted and scenario_hash(path) != wanted:
        notice = SaveError(
            name,
            "scenario_edited",
            f"its scenario {sid} has been changed since the game was saved; "
            "the game may not replay as it was played",
            path=sid,
        )
    return path, notice


LAST = ".last"
"""In a saves folder: the name of the save of the game last played there (Continue)."""


def remember_last(path: Path) -> None:
    """Note a save as the game last played in its folder (best effort)."""
    path = Path(path)
    with contextlib.suppress(OSError):
        pointer = path.with_name(LAST)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".last.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(path.name + "\n")
            os.replace(tmp, pointer)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def last(folder: Path) -> Path | None:
    """The save of the game last played in a folder: the one `remember_last` noted when it
    is still there, else the newest save by its time of writing; None when there is none."""
    folder = Path(folder)
    try:
        name = safeio.read_bytes(folder / LAST, 4096).decode("utf-8").strip()
    except (safeio.InputError, UnicodeDecodeError):
        name = ""
    if name and "/" not in name and os.sep not in name and name.endswith(".json"):
        p = folder / name
        if safeio.is_regular(p):
            return p
    newest: tuple[float, Path] | None = None
    try:
        for p in folder.glob("*.json"):
            if p.name.startswith(".") or not safeio.is_regular(p):
                continue
            with contextlib.suppress(OSError):
                t = p.stat().st_mtime
                if newest is None or t > newest[0]:
                    newest = (t, p)
    except OSError:
        return None
    return newest[1] if newest else None


def slug(name: str, limit: int = 40) -> str:
    """A game's name as part of a file name: its Latin letters and digits, the rest made
    dashes ("9B Tuesday" -> "9b-tuesday"); "" when nothing is left. (An Arabic name stays
    in the save, not in its file name: a file name mixing scripts reads in a scrambled
    order in either direction, and some systems' file names take ASCII best.)"""
    out = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in name)
    out = "-".join(p for p in out.split("-") if p)
    return out[:limit].strip("-")


def fresh_name(
    folder: Path, scenario_id: str, when: float | None = None, name: str | None = None
) -> Path:
    """A new save's name a person can read, `[NAME-]SCENARIO-YYYY-MM-DD-HHMM.json` (with
    `-2`, ... when taken; NAME from the game's name, as `slug` makes it): never the name of
    a save that exists."""
    stamp = time.strftime("%Y-%m-%d-%H%M", time.localtime(when))
    label = slug(name or "")
    stem = f"{label + '-' if label else ''}{scenario_id.replace('_', '-')}-{stamp}"
    n = 1
    while True:
        p = Path(folder) / f"{stem}{'' if n == 1 else f'-{n}'}.json"
        if not os.path.lexists(p):
            return p
        n += 1


def rename(path: Path, name: str | None) -> dict[str, Any]:
    """Give a saved game a name (None or only spaces: no name), written as a save is (the
    previous one kept as the backup); SaveError when the save cannot be read, OSError when
    it cannot be written. The file keeps its name; the data written is returned."""
    data = read(path)
    clean = " ".join((name or "").split())[:MAX_NAME]
    if clean:
        data["name"] = clean
    else:
        data.pop("name", None)
    _check_shape(data, str(path))
    write(Path(path), data)
    return data


def open_session(data: dict[str, Any], name: str = "save") -> tuple[dict[str, Any], Session]:
    """The scenario's rulebook and a Session replayed from the save; SaveError when the
    scenario cannot be found or the log no longer applies to it. (`find_scenario` says
    whether the scenario is the one the game was played with.)"""

    path, _ = find_scenario(data, name)
    try:
        book = load_book(path)
    except (ContentError, OSError):
        raise SaveError(
            name,
            "no_scenario",
            f"its scenario {data['scenario']['id']!r} is not available",
            scenario=data["scenario"]["id"],
        ) from None
    engine = Engine(book)
    try:
        actions = data["actions"]
        if data.get("turnless_log"):
            actions = fill_turns(engine, data["seed"], data["humans"], actions, data.get("turn", 0))
        session = Session(
            engine,
            data["seed"],
            data["humans"],
            actions,
            levels=data.get("computer") or {},
            rounds=data.get("rounds"),
            old_random=data.get("old_random", False),
        )
    except ActionError as e:
        raise SaveError(
            name,
            "changed",
            f"the scenario has changed since this game was saved ({e})",
            why=str(e),
        ) from None
    return book, session
