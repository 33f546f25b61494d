"""Where scenarios are, without importing the schema (so light commands start fast)."""

from __future__ import annotations

import os
from pathlib import Path

from game.content.problems import ContentError, Problem
from game.data import data_dir


def scenarios_dir() -> Path:
    """The shipped scenarios (GUARANTOR_SCENARIOS names another folder): the package data of
    an installed wheel, or `scenarios/` at the top of a checkout (see game/data.py)."""
    env = os.environ.get("GUARANTOR_SCENARIOS")
    if env:
        return Path(env)
    return data_dir("scenarios")


def common_dir_for(path: Path) -> Path:
    """A scenario's shared files: `common/` beside it, else the shipped ones."""
    beside = path.parent / "common"
    return beside if (beside / "rules.yaml").exists() else scenarios_dir() / "common"


def shipped() -> list[Path]:
    """The shipped scenario files, sorted by name."""
    return sorted(p for p in scenarios_dir().glob("*.yaml") if p.is_file())


def resolve(name_or_path: str) -> Path:
    """A scenario id (`weak_guarantee`) or a path to a scenario file."""
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or os.sep in name_or_path or "/" in name_or_path:
        if not p.exists():
            raise ContentError([Problem(name_or_path, 1, 1, "file not found")])
        return p
    found = shipped()
    for candidate in found:
        if candidate.stem == name_or_path:
            return candidate
    if not found:
        raise ContentError([Problem("guarantor", 0, 0, no_scenarios_message())])
    known = ", ".join(c.stem for c in found)
    raise ContentError(
        [Problem("guarantor", 0, 0, f"unknown scenario {name_or_path!r}; known: {known}")]
    )


def no_scenarios_message() -> str:
    """What to say when the scenarios folder holds no scenario file."""
    folder = scenarios_dir()
    where = " (set by GUARANTOR_SCENARIOS)" if os.environ.get("GUARANTOR_SCENARIOS") else ""
    if folder.is_dir():
        what = "holds no scenario files"
    elif os.path.lexists(folder):
        what = "is not a folder"
    else:
        what = "does not exist"
    return f"the scenarios folder {folder}{where} {what}"
