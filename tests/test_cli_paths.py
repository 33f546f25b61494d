"""Paths and output of every command, run as a user runs them: a name too long, a folder
that cannot be read or written, a full device, a closed or broken stdout, an ASCII-only
stdout. Each ends in one plain line and an exit code (2 for a wrong input, 74 when the
output cannot be written), never "internal error" and never a traceback."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT

LONG = "a" * 300
OFFER = "tests/fixtures/offers/paper.yaml"
SIM = ["simulate", "--scenario", "tutorial", "--seat", "ukraine", "--strategy", "paper"]


def run(
    *args: str,
    env: dict[str, str] | None = None,
    stdout: int | None = subprocess.PIPE,
    prefix: list[str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "game", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec,
    )


def one_line(out: subprocess.CompletedProcess[str], code: int) -> str:
    """The run failed with `code` and said so in one plain line on stderr (`validate`
    prints the problems it found on stdout, as its report)."""
    err = out.stderr or out.stdout or ""
    assert "Traceback" not in (out.stdout or "")
    assert out.returncode == code, (out.returncode, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(err.splitlines()) == 1, err
    return err.strip()


# ---------------------------------------------------------------- a name too long


@pytest.mark.parametrize(
    "args",
    [
        ["validate", f"{LONG}.yaml"],
        ["validate", f"{LONG}/"],
        ["respond", "--scenario", f"{LONG}.yaml", "--offer", OFFER],
        ["respond", "--scenario", "tutorial", "--offer", f"{LONG}.yaml"],
        ["play", "--scenario", f"{LONG}.yaml"],
        ["play", "--scenario", f"{LONG}/x.yaml"],
        ["simulate", "--scenario", f"{LONG}.yaml", "--seat", "ukraine", "--strategy", "paper"],
        [*SIM, "--games", "1", "--save-dir", f"/tmp/{LONG}"],
        ["shots", "--out", f"/tmp/{LONG}"],
        ["handouts", "--scenario", "tutorial", "--out", f"/tmp/{LONG}"],
        ["handouts", "--scenario", f"{LONG}.yaml", "--out", "/tmp/handouts-never"],
    ],
    ids=lambda a: " ".join(x if len(x) < 40 else "LONG" for x in a),
)
def test_a_name_too_long_is_one_line_and_exit_2(args):
    line = one_line(run(*args), 2)
    assert "too long" in line


# ---------------------------------------------------------------- folders that cannot be used


OUTPUT_COMMANDS = (
    ("--save-dir", [*SIM, "--games", "1"]),
    ("--out", ["shots"]),
    ("--out", ["handouts", "--scenario", "tutorial"]),
)
"""The commands that write into a folder given on the command line."""


def test_output_folders_that_are_files_or_under_files(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    for option, command in OUTPUT_COMMANDS:
        line = one_line(run(*command, option, str(a_file)), 2)
        assert line == f"guarantor: {option} {a_file}: is a file, not a folder"
        line = one_line(run(*command, option, os.devnull), 2)
        assert line == f"guarantor: {option} {os.devnull}: is a device, not a folder"
        pipe = tmp_path / f"pipe{len(option)}{command[0]}"
        os.mkfifo(pipe)
        line = one_line(run(*command, option, str(pipe)), 2)
        assert line == f"guarantor: {option} {pipe}: is a named pipe, not a folder"
        line = one_line(run(*command, option, str(a_file / "sub")), 2)
        assert line.startswith(f"guarantor: {option} {a_file / 'sub'}: cannot create it")
        assert "not a folder" in line
    assert a_file.read_text() == "x"


def _without_root_powers() -> list[str]:
    """A prefix that runs a command without root's power to ignore permission bits, so that
    a folder made unreadable or unwritable with chmod really is so ([] when not root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permission bits cannot be tested")
    probe = subprocess.run(
        [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", "true"],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("running as root and setpriv cannot drop the file-permission capabilities")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


@pytest.fixture
def locked(tmp_path):
    """`locked/inner/` holding a copy of a scenario and an offer, with `locked/` mode 000;
    and `readonly/`, an existing empty folder of mode 555."""
    inner = tmp_path / "locked" / "inner"
    inner.mkdir(parents=True)
    shutil.copy(OFFER, inner / "offer.yaml")
    shutil.copy("scenarios/tutorial.yaml", inner / "tutorial.yaml")
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    os.chmod(tmp_path / "locked", 0)
    os.chmod(readonly, 0o555)
    yield tmp_path
    os.chmod(tmp_path / "locked", 0o755)
    os.chmod(readonly, 0o755)


def test_paths_inside_a_folder_that_cannot_be_read(locked):
    prefix = _without_root_powers()
    inner = locked / "locked" / "inner"
    cases = [
        ["validate", str(inner / "tutorial.yaml")],
        ["validate", str(inner)],
        ["respond", "--scenario", str(inner / "tutorial.yaml"), "--offer", OFFER],
        ["respond", "--scenario", "tutorial", "--offer", str(inner / "offer.yaml")],
        ["play", "--scenario", str(inner / "tutorial.yaml")],
        [
            "simulate",
            "--scenario",
            str(inner / "tutorial.yaml"),
            "--seat",
            "us",
            "--strategy",
            "paper",
        ],
        [*SIM, "--games", "1", "--save-dir", str(inner / "saves")],
        ["shots", "--out", str(inner / "shots")],
        ["handouts", "--scenario", str(inner / "tutorial.yaml"), "--out", str(locked / "h")],
        ["handouts", "--scenario", "tutorial", "--out", str(inner / "h")],
    ]
    for args in cases:
        line = one_line(run(*args, prefix=prefix), 2)
        assert "permission denied" in line, (args, line)
        assert str(inner) in line, (args, line)


def test_output_folders_that_cannot_be_written(locked):
    prefix = _without_root_powers()
    readonly = locked / "readonly"
    for option, command in OUTPUT_COMMANDS:
        line = one_line(run(*command, option, str(readonly), prefix=prefix), 2)
        assert line == f"guarantor: {option} {readonly}: cannot write there (permission denied)"
        line = one_line(run(*command, option, str(readonly / "sub"), prefix=prefix), 2)
        assert (
            line == f"guarantor: {option} {readonly / 'sub'}: cannot create it (permission denied)"
        )
    assert list(readonly.iterdir()) == []


def _small_files() -> None:
    """In the child: no file may grow past 256 bytes (the writes fail with EFBIG)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))


@pytest.mark.parametrize(
    ("option", "command", "first"),
    [
        ("--save-dir", [*SIM, "--games", "3", "--seed", "5"], "tutorial-ukraine-paper-seed5.json"),
        ("--out", ["shots"], "title.png"),
        ("--out", ["handouts", "--scenario", "tutorial"], "europe.html"),
    ],
)
def test_a_write_that_fails_part_way_is_one_line_and_exit_74(tmp_path, option, command, first):
    out = run(*command, option, str(tmp_path), preexec=_small_files)
    line = one_line(out, 74)
    assert line == f"guarantor: {option} {tmp_path}: cannot write {first} (File too large)"
    assert list(tmp_path.iterdir()) == []  # nothing half-written is left


# ---------------------------------------------------------------- stdout


OUTPUTS = [
    ["list"],
    ["list", "--json"],
    ["validate"],
    ["validate", "tests/fixtures/lint/scenario_argument_bad_quote.yaml"],
    ["respond", "--scenario", "tutorial", "--offer", OFFER],
    ["respond", "--scenario", "tutorial", "--offer", OFFER, "--json"],
    [*SIM, "--games", "2"],
    [*SIM, "--games", "2", "--json"],
    ["schema"],
]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", OUTPUTS, ids=" ".join)
def test_stdout_on_a_full_device(args):
    with open("/dev/full", "w") as full:
        out = run(*args, stdout=full.fileno())
    line = one_line(out, 74)
    assert line == "guarantor: cannot write the output: no space left on the device"


def test_stdout_on_a_full_device_for_shots(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        out = run("shots", "--out", str(tmp_path), stdout=full.fileno())
    one_line(out, 74)
    assert (tmp_path / "title.png").is_file()  # the pictures themselves were written


@pytest.mark.parametrize("args", [["list"], ["schema"], ["list", "--json"]], ids=" ".join)
def test_a_closed_stdout(args):
    """stdout closed before we start (`guarantor list >&-`), and closed under us."""
    before = subprocess.run(
        ["sh", "-c", 'exec "$0" -m game "$@" >&-', sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    under = subprocess.run(
        [sys.executable, "-c", CLOSE_AND_RUN, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    for out in (before, under):
        line = one_line(out, 74)
        assert line == "guarantor: cannot write the output: standard output is closed"


CLOSE_AND_RUN = """
import os, runpy, sys
os.close(1)
sys.argv = ["guarantor", *sys.argv[1:]]
runpy.run_module("game", run_name="__main__")
"""


@pytest.mark.parametrize(
    "args", [["schema"], ["list", "--json"], [*SIM, "--games", "2"]], ids=" ".join
)
def test_a_reader_that_goes_away_ends_us_quietly(args):
    """`guarantor schema | head -1`: the reader closes the pipe after one line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=300)
    assert first.strip() and err == "" and code == 0


# ---------------------------------------------------------------- an ASCII-only stdout


ASCII = {"PYTHONIOENCODING": "ascii"}


def test_json_on_an_ascii_stdout_is_escaped_and_means_the_same():
    plain = run("list", "--json")
    ascii_ = run("list", "--json", env=ASCII)
    assert ascii_.returncode == 0 and ascii_.stderr == ""
    assert ascii_.stdout.isascii() and "\\u0627" in ascii_.stdout
    assert json.loads(ascii_.stdout) == json.loads(plain.stdout)
    assert any("ا" in r["title"]["ar"] for r in json.loads(ascii_.stdout))


@pytest.mark.parametrize(
    "args",
    [
        ["respond", "--scenario", "tutorial", "--offer", OFFER, "--json"],
        ["schema"],
        [*SIM, "--games", "1", "--json"],
    ],
    ids=" ".join,
)
def test_every_json_output_on_an_ascii_stdout(args):
    plain, ascii_ = run(*args), run(*args, env=ASCII)
    assert ascii_.returncode == 0 and ascii_.stderr == "" and ascii_.stdout.isascii()
    got, want = json.loads(ascii_.stdout), json.loads(plain.stdout)
    got.pop("seconds", None), want.pop("seconds", None)
    assert got == want


def test_arabic_in_a_text_line_on_an_ascii_stdout_is_escaped(tmp_path):
    folder = tmp_path / "سيناريو"
    folder.mkdir()
    (folder / "x.yaml").write_text("id: [unclosed\n", "utf-8")
    out = run("validate", str(folder / "x.yaml"), env=ASCII)
    assert out.returncode == 2 and out.stderr == ""
    assert out.stdout.isascii() and "\\u0633\\u064a" in out.stdout
    assert "Traceback" not in out.stdout


def test_no_scenarios_to_list(tmp_path):
    for args in (["list"], ["list", "--json"], ["validate"]):
        line = one_line(run(*args, env={"GUARANTOR_SCENARIOS": str(tmp_path / "none")}), 2)
        assert str(tmp_path / "none") in line


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_scenario_path_that_is_a_pipe_or_a_device_does_not_hang(tmp_path, kind):
    """Each run has a deadline (`run`'s timeout), so a hang fails the test."""
    if kind == "fifo":
        path = tmp_path / "scenario.yaml"
        os.mkfifo(path)
        what = "not a regular file (a named pipe)"
    else:
        path = Path("/dev/zero")
        what = "not a regular file (a device)"
    cases = [
        ["validate", str(path)],
        ["respond", "--scenario", str(path), "--offer", OFFER],
        ["simulate", "--scenario", str(path), "--seat", "us", "--strategy", "paper"],
        ["play", "--scenario", str(path)],
    ]
    for args in cases:
        line = one_line(run(*args), 2)
        assert line == f"{path}:1:1: {what}", (args, line)
