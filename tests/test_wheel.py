"""Installing it: the wheel carries everything the game needs, and a checkout still works.

The wheel is built from a copy of the project, by way of a source distribution (the copy is
then deleted), installed into a fresh virtual environment outside the repository, and its `guarantor` is run from an empty folder:
`list`, `validate`, `respond`, `simulate`, `shots`. Nothing comes from the network: the wheel
is built with the setuptools that `make test` installs (`--no-build-isolation`), installed with
`--no-index --no-deps`, and the fresh environment borrows the running environment's installed
dependencies (pygame-ce, pydantic, ...) through a `.pth` line, as a machine that installed them
from the registry would have them.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pyproject.toml", "README.md")
PROJECT_DIRS = ("game", "scenarios", "assets")
OFFER = ROOT / "tests" / "fixtures" / "offers" / "european_force.yaml"
CLOCK_SCREENS = {"load.png"}
"""Screens that show the time of day (when the listed games were saved)."""


def _env(**extra: str) -> dict[str, str]:
    """The environment of a command: nothing points at the checkout."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "GUARANTOR_SCENARIOS", "GUARANTOR_NO_CACHE")
    }
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.update(extra)
    return env


def _run(cmd: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _here(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The same command, run by the checkout's game."""
    return _run([sys.executable, "-m", "game", *args], ROOT, **env)


@dataclass
class Installed:
    wheel: Path
    python: Path
    guarantor: Path
    site: Path
    run: Path
    """An empty folder outside the repository, where the commands run."""
    cache: Path
    files: set[Path]
    """The installed package's files, right after installing."""

    def __call__(self, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
        return _run([self.guarantor, *args], self.run, GUARANTOR_CACHE_DIR=str(self.cache), **env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    src, dist, env_dir, run, cache = (base / n for n in ("src", "dist", "venv", "run", "cache"))
    # a copy of the project, so the build leaves nothing in the checkout
    src.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, src / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    # as `python -m build` does: the source distribution, then the wheel from it
    sdist = f"from setuptools import build_meta; build_meta.build_sdist({str(dist)!r})"
    built = _run([sys.executable, "-c", sdist], src)
    assert built.returncode == 0, built.stdout + built.stderr
    (tarball,) = dist.glob("guarantor-*.tar.gz")
    shutil.rmtree(src)  # no checkout left to fall back on
    pip_wheel = ["pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
    built = _run([sys.executable, "-m", *pip_wheel, "--wheel-dir", dist, tarball], base)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("guarantor-*.whl")

    builder = venv.EnvBuilder(with_pip=True)
    builder.create(env_dir)
    context = builder.ensure_directories(env_dir)
    py = Path(context.env_exe)
    done = _run([py, "-m", "pip", "install", "--no-deps", "--no-index", wheel], base)
    assert done.returncode == 0, done.stdout + done.stderr
    fresh_site = Path(
        _run(
            [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base
        ).stdout.strip()
    )
    # the dependencies, as installed in the environment running the tests (after the wheel,
    # so pip saw an empty environment; the fresh site-packages stays first on sys.path)
    found = [*site.getsitepackages(), site.getusersitepackages()]
    (fresh_site / "zz_dependencies.pth").write_text(
        "".join(f"{p}\n" for p in found if Path(p).is_dir()), encoding="utf-8"
    )
    run.mkdir()
    cache.mkdir()
    guarantor = Path(context.bin_path) / ("guarantor.exe" if os.name == "nt" else "guarantor")
    return Installed(wheel, py, guarantor, fresh_site, run, cache, _files(fresh_site / "game"))


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if "__pycache__" not in p.parts}


def test_the_wheel_carries_the_scenarios_fonts_and_catalogues(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as z:
        names = set(z.namelist())
    shipped = {
        *(f"game/_data/scenarios/{p.name}" for p in (ROOT / "scenarios").glob("*.yaml")),
        *(f"game/_data/scenarios/common/{p.name}" for p in (ROOT / "scenarios/common").iterdir()),
        *(f"game/_data/fonts/{p.name}" for p in (ROOT / "assets/fonts").iterdir()),
        *(
            f"game/{p.relative_to(ROOT / 'game').as_posix()}"
            for p in (ROOT / "game/ui/locale").rglob("*.yaml")
        ),
    }
    assert len(shipped) > 20
    assert shipped <= names, sorted(shipped - names)


def test_the_installed_game_uses_only_the_installed_files(installed: Installed) -> None:
    probe = (
        "import game, game.content.paths as p, game.ui.text as t, game.ui.i18n as i\n"
        "for x in (game.__file__, p.scenarios_dir(), t.FONT_DIR, i.LOCALE_DIR): print(x)"
    )
    out = _run([installed.python, "-c", probe], installed.run)
    assert out.returncode == 0, out.stderr
    places = [Path(line) for line in out.stdout.splitlines()]
    assert len(places) == 4
    for place in places:
        assert place.is_relative_to(installed.site), place
        assert not place.is_relative_to(ROOT), place


def test_list_and_validate_from_the_wheel(installed: Installed) -> None:
    listed = installed("list")
    assert listed.returncode == 0, listed.stderr
    assert sorted(line.split()[0] for line in listed.stdout.splitlines()) == sorted(SCENARIOS)

    checked = installed("validate")
    assert (checked.returncode, checked.stdout.strip()) == (0, "ok"), checked.stderr

    # a teacher's copy outside the package uses the shipped common/ files
    mine = installed.run / "my_lesson.yaml"
    shutil.copy2(installed.site / "game/_data/scenarios/weak_guarantee.yaml", mine)
    checked = installed("validate", mine.name)
    assert (checked.returncode, checked.stdout.strip()) == (0, "ok"), checked.stderr

    module = _run([installed.python, "-m", "game", "list"], installed.run)
    assert (module.returncode, module.stdout) == (0, listed.stdout), module.stderr


def test_respond_and_simulate_from_the_wheel_match_the_checkout(installed: Installed) -> None:
    offer = installed.run / "offer.yaml"
    shutil.copy2(OFFER, offer)
    args = ["respond", "--scenario", "ground_troops", "--offer", "offer.yaml", "--json"]
    answer = installed(*args)
    assert answer.returncode == 0, answer.stderr
    mine = _here(*args[:-2], OFFER, "--json", GUARANTOR_NO_CACHE="1")
    assert mine.returncode == 0, mine.stderr
    assert answer.stdout == mine.stdout
    # the rulebook cache's key is made from the installed code files as well
    assert list(installed.cache.glob("*.json")), "no rulebook cached"

    sim = ["simulate", "--scenario", "tutorial", "--seat", "europe", "--strategy", "paper"]
    sim += ["--games", "3", "--seed", "5", "--json"]
    ran, mine = installed(*sim), _here(*sim)
    assert ran.returncode == 0, ran.stderr
    ours, theirs = json.loads(ran.stdout), json.loads(mine.stdout)
    del ours["seconds"], theirs["seconds"]  # the rest, the games' digest included, is the same
    assert ours == theirs


def test_shots_from_the_wheel_match_the_checkout(installed: Installed) -> None:
    """Every screen, in Arabic (the fonts and both catalogues), the same pixels as here."""
    made = installed("shots", "--out", "wheel-shots", "--lang", "ar")
    assert made.returncode == 0, made.stderr
    mine = _here("shots", "--out", installed.run / "here", "--lang", "ar")
    assert mine.returncode == 0, mine.stderr
    ours = sorted(p.name for p in (installed.run / "wheel-shots").glob("*.png"))
    theirs = sorted(p.name for p in (installed.run / "here").glob("*.png"))
    assert ours and ours == theirs
    import pygame

    for name in ours:
        a = pygame.image.load(installed.run / "wheel-shots" / name)
        b = pygame.image.load(installed.run / "here" / name)
        assert a.get_size() == b.get_size()
        if name in CLOCK_SCREENS:
            # the two runs may fall in different minutes: only the lines with a time may differ
            width, height = a.get_size()
            rows = zip(
                *(_rows(pygame.image.tobytes(x, "RGB"), width * 3) for x in (a, b)), strict=True
            )
            assert sum(ra != rb for ra, rb in rows) <= height // 10, name
        else:
            assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB"), name


def _rows(data: bytes, stride: int) -> list[bytes]:
    return [data[i : i + stride] for i in range(0, len(data), stride)]


def test_a_missing_scenarios_folder_is_a_clear_error(installed: Installed) -> None:
    for command in (
        ["list"],
        ["validate"],
        ["respond", "--scenario", "tutorial", "--offer", str(OFFER)],
    ):
        out = installed(*command, GUARANTOR_SCENARIOS=str(installed.run / "nowhere"))
        assert out.returncode == 2, (command, out.stderr)
        assert "internal error" not in out.stderr
        assert "nowhere" in out.stderr and "GUARANTOR_SCENARIOS" in out.stderr, out.stderr


def test_nothing_is_written_into_the_installation(installed: Installed) -> None:
    """Saves, settings, crash reports and the rulebook cache go to the user's folders."""
    made = installed("shots", "--out", "again", "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert _files(installed.site / "game") == installed.files


# ---------------------------------------------------------------- a checkout


def test_the_override_picks_the_scenarios(tmp_path: Path) -> None:
    (tmp_path / "common").mkdir()
    for f in (ROOT / "scenarios/common").iterdir():
        shutil.copy2(f, tmp_path / "common" / f.name)
    shutil.copy2(ROOT / "scenarios/tutorial.yaml", tmp_path / "tutorial.yaml")
    for cmd in (["list"], ["validate"]):
        out = _here(*cmd, GUARANTOR_SCENARIOS=str(tmp_path))
        assert out.returncode == 0, out.stderr
        assert out.stdout.split()[0] == ("tutorial" if cmd == ["list"] else "ok")
    empty = tmp_path / "empty"
    empty.mkdir()
    out = _here("list", GUARANTOR_SCENARIOS=str(empty))
    assert out.returncode == 2 and "holds no scenario files" in out.stderr, out.stderr


def test_a_checkout_uses_its_own_folders_so_edits_take_effect_at_once(tmp_path: Path) -> None:
    """Run from elsewhere, the installed (editable) game finds the checkout's files."""
    probe = (
        "import game.content.paths as p, game.ui.text as t, game.ui.i18n as i\n"
        "for x in (p.scenarios_dir(), t.FONT_DIR, i.LOCALE_DIR): print(x)"
    )
    out = _run([sys.executable, "-c", probe], tmp_path)
    if "No module named 'game'" in out.stderr:
        pytest.skip(
            "the game is not installed in this environment (make test installs it editable)"
        )
    assert out.returncode == 0, out.stderr
    places = [Path(line) for line in out.stdout.splitlines()]
    assert places == [ROOT / "scenarios", ROOT / "assets/fonts", ROOT / "game/ui/locale"]


def test_every_package_is_in_pyproject() -> None:
    """The wheel's package list (written out, for the data mapping) misses no folder of game/."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    listed = set(config["setuptools"]["packages"])
    mapped = config["setuptools"]["package-dir"]
    found = {
        ".".join(d.relative_to(ROOT).parts)
        for d in [ROOT / "game", *(ROOT / "game").rglob("*")]
        if d.is_dir() and (any(d.glob("*.py")) or any(d.glob("*.yaml")))
    }
    for package, folder in mapped.items():
        found |= {
            ".".join((package, *d.relative_to(ROOT / folder).parts))
            for d in [ROOT / folder, *(ROOT / folder).rglob("*")]
            if d.is_dir()
        }
    assert listed == found
