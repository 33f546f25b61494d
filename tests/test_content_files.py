"""Content files a user hands us may be anything: a named pipe, a device, a huge file,
a damaged or edited cache entry. Each is refused at once with one line (or, for the
cache, ignored and rebuilt), never read without bound, never waited on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.book import code_files, load_book
from game.content.loader import load
from game.content.problems import ContentError
from game.content.yamlload import load_file

from .conftest import ROOT

OFFER = ROOT / "tests/fixtures/offers/paper.yaml"
SCENARIO = ROOT / "scenarios/weak_guarantee.yaml"
DEVICES = [d for d in ("/dev/zero", "/dev/urandom") if os.path.exists(d)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it; the timeout only stops a hang from hanging the tests."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def copy_tree(tmp_path: Path) -> Path:
    """A teacher's copy of a scenario with its own `common/` folder."""
    shutil.copytree(ROOT / "scenarios/common", tmp_path / "common")
    shutil.copy(SCENARIO, tmp_path / SCENARIO.name)
    return tmp_path / SCENARIO.name


def one_error(done: subprocess.CompletedProcess[str], where: str, what: str) -> None:
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert done.returncode == 2, done
    assert lines == [f"{where}:1:1: {what}"], lines
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- named pipes


def test_a_named_pipe_as_scenario_offer_or_shared_file_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    what = "not a regular file (a named pipe)"
    one_error(run("validate", str(pipe)), str(pipe), what)
    one_error(run("respond", "--scenario", str(pipe), "--offer", str(OFFER)), str(pipe), what)
    one_error(run("respond", "--scenario", "weak_guarantee", "--offer", str(pipe)), str(pipe), what)
    one_error(
        run("simulate", "--scenario", str(pipe), "--seat", "europe", "--strategy", "random"),
        str(pipe),
        what,
    )

    lesson = copy_tree(tmp_path / "lesson")
    shared = lesson.parent / "common" / "actors.yaml"
    shared.unlink()
    os.mkfifo(shared)
    one_error(run("validate", str(lesson)), str(shared), what)
    one_error(run("respond", "--scenario", str(lesson), "--offer", str(OFFER)), str(shared), what)


@pytest.mark.parametrize("name", ["terms", "rules", "article"])
def test_every_shared_file_is_read_safely(tmp_path: Path, name: str) -> None:
    lesson = copy_tree(tmp_path)
    shared = lesson.parent / "common" / f"{name}.yaml"
    shared.unlink()
    os.mkfifo(shared)
    with pytest.raises(ContentError) as info:
        load(lesson)
    assert [p.message for p in info.value.problems] == ["not a regular file (a named pipe)"]


# ---------------------------------------------------------------- devices


@pytest.mark.parametrize("device", DEVICES)
def test_a_device_as_scenario_is_refused(device: str) -> None:
    what = "not a regular file (a device)"
    one_error(run("respond", "--scenario", device, "--offer", str(OFFER)), device, what)
    one_error(
        run("simulate", "--scenario", device, "--seat", "us", "--strategy", "random"), device, what
    )
    one_error(run("play", "--scenario", device), device, what)
    one_error(run("respond", "--scenario", "tutorial", "--offer", device), device, what)
    with pytest.raises(ContentError, match="device"):
        load_file(device)


# ---------------------------------------------------------------- size before reading

PEAK = """
import resource, sys
from pathlib import Path
from game.content.book import load_book
from game.content.problems import ContentError
try:
    load_book(Path(sys.argv[1]))
except ContentError as e:
    print(e.problems[0].message)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_a_huge_scenario_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as f:
        f.truncate(600 * 1024 * 1024)  # sparse: costs no disk
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(huge)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    message, peak_kib = done.stdout.strip().splitlines()
    assert message == "file is 600.0 MiB; the limit is 1 MiB"
    assert int(peak_kib) < 300 * 1024, f"peak memory {int(peak_kib) // 1024} MiB"


# ---------------------------------------------------------------- the rulebook cache


def _entry(cache: Path) -> Path:
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1
    return entries[0]


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict, Path]:
    monkeypatch.setenv("GUARANTOR_CACHE_DIR", str(tmp_path / "cache"))
    lesson = copy_tree(tmp_path / "lesson")
    book = load_book(lesson)
    assert book == load(lesson, full=False, lint=False).book
    return lesson, book, _entry(tmp_path / "cache")


def test_an_edited_cache_entry_is_not_trusted(cached: tuple[Path, dict, Path]) -> None:
    lesson, book, entry = cached
    assert book["threshold"]["base"] != 11
    record = json.loads(entry.read_text(encoding="utf-8"))
    record["book"]["threshold"]["base"] = 11
    entry.write_text(json.dumps(record), encoding="utf-8")
    assert load_book(lesson) == book
    # ... and the entry was rebuilt, so the next load uses it again
    assert json.loads(entry.read_text(encoding="utf-8"))["book"] == book


@pytest.mark.parametrize(
    "damage",
    [
        "wrong_shape_with_its_hash",
        "rules_not_a_list",
        "a_list",
        "truncated",
        "not_utf8",
        "deep",
        "other_key",
    ],
)
def test_a_cache_entry_of_the_wrong_shape_is_rebuilt(
    cached: tuple[Path, dict, Path], damage: str
) -> None:
    import hashlib

    lesson, book, entry = cached
    record = json.loads(entry.read_text(encoding="utf-8"))

    def sealed(new_book: object) -> str:
        text = json.dumps(new_book, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return json.dumps({**record, "book": new_book, "sha256": digest})

    if damage == "wrong_shape_with_its_hash":
        text = sealed({"id": "weak_guarantee", "rules": 3})
    elif damage == "rules_not_a_list":
        text = sealed({**book, "rules": {"a": 1}})
    elif damage == "a_list":
        text = "[1, 2, 3]"
    elif damage == "truncated":
        text = entry.read_text(encoding="utf-8")[:500]
    elif damage == "not_utf8":
        entry.write_bytes(b"\xff\xfe{}")
        text = ""
    elif damage == "deep":
        text = "[" * 100_000
    else:
        text = json.dumps({**record, "key": "0" * 40})
    if text:
        entry.write_text(text, encoding="utf-8")
    assert load_book(lesson) == book


def test_a_cache_entry_that_is_a_named_pipe_is_passed_over(
    cached: tuple[Path, dict, Path],
) -> None:
    lesson, book, entry = cached
    entry.unlink()
    os.mkfifo(entry)
    assert load_book(lesson) == book


KEY_FILES = """
import sys, json
from pathlib import Path
from game.content.loader import load
load(Path(sys.argv[1]), full=False, lint=False)
print(json.dumps(sorted(
    m.__file__ for name, m in sys.modules.items()
    if (name == "game" or name.startswith("game.")) and getattr(m, "__file__", None)
)))
"""


def _no_code(f: Path) -> bool:
    text = f.read_text(encoding="utf-8")
    return "import" not in text and "def " not in text and "class " not in text


def test_the_cache_key_covers_every_module_that_makes_the_rulebook() -> None:
    done = subprocess.run(
        [sys.executable, "-c", KEY_FILES, str(SCENARIO)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    used = {Path(f).resolve() for f in json.loads(done.stdout)}
    # a package's __init__ that only names the package (no code) decides nothing
    used = {f for f in used if not (f.name == "__init__.py" and _no_code(f))}
    keyed = {f.resolve() for f in code_files()}
    assert used, done.stderr
    assert used <= keyed, sorted(str(f) for f in used - keyed)


# ---------------------------------------------------------------- every kind of file


def _socket(path: Path) -> object:
    import socket

    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    return s


KINDS = {
    "named pipe": (lambda p: os.mkfifo(p), "not a regular file (a named pipe)"),
    "socket": (_socket, "not a regular file (a socket)"),
    "folder": (lambda p: p.mkdir(), "this is a folder, not a file"),
    "link to a device": (
        lambda p: p.symlink_to("/dev/zero"),
        "not a regular file (a device)",
    ),
    "link to itself": (
        lambda p: p.symlink_to(p.name),
        "cannot read the file: too many levels of symbolic links",
    ),
    "link to nothing": (lambda p: p.symlink_to("gone.yaml"), "file not found"),
    "under a file": (None, "cannot read the file: a part of the path is not a folder"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_file_that_is_not_a_regular_one_is_refused(tmp_path: Path, kind: str) -> None:
    make, message = KINDS[kind]
    path = tmp_path / "lesson.yaml"
    keep = None
    if make is None:
        (tmp_path / "plain").write_text("a: 1\n", encoding="utf-8")
        path = tmp_path / "plain" / "lesson.yaml"
    else:
        keep = make(path)
    with pytest.raises(ContentError) as info:
        load_file(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:1:1: {message}"]
    with pytest.raises(ContentError) as info:
        load_book(path)
    assert [p.message for p in info.value.problems] == [message]
    del keep
