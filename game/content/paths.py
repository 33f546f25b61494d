"""Where scenarios are, without importing the schema (so light commands start fast)."""

from __future__ import annotations

import os
from pathlib import Path

from game.content.problems import ContentError, Problem


def scenarios_dir() -> Path:
    """The shipped scenarios: `scenarios/` at the top of the project."""
    env = os.environ.get("GUARANTOR_SCENARIOS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "scenarios"


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
    for candidate in shipped():
        if candidate.stem == name_or_path:
            return candidate
    known = ", ".join(c.stem for c in shipped())
    raise ContentError(
        [Problem("guarantor", 1, 1, f"unknown scenario {name_or_path!r}; known: {known}")]
    )
