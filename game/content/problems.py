"""Problems found in content files, each with its place, and the one error that carries them.

Teachers edit the scenario files by hand, so every problem says where (file, line,
column, all 1-based) and what, in one line: `scenarios/x.yaml:7:3: unknown key 'sourse'`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import NamedTuple

MAX_PROBLEMS = 50
"""At most this many problems are reported; a last one says how many more there were."""


class Problem(NamedTuple):
    path: str
    """The file path as given by the caller."""
    line: int
    """1-based; 0 when the problem has no place in a file (an unknown scenario's name)."""
    column: int
    """1-based (0 with line 0)."""
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found; str() is the first one."""

    problems: list[Problem]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self.problems[0]) if self.problems else "no problems")

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        return (type(self), (self.problems,))


def capped(problems: Iterable[Problem], limit: int = MAX_PROBLEMS, more: int = 0) -> list[Problem]:
    """The problems without repeats, by place, at most `limit` of them and then
    `... and N more problems` (at the place of the first one left out). `more` counts
    problems already left out that come after all of these."""
    ordered = sorted(set(problems))
    if not ordered or (len(ordered) <= limit and not more):
        return ordered
    if len(ordered) <= limit:
        last = ordered[-1]
        rest = Problem(last.path, last.line, last.column, "")
    else:
        rest = ordered[limit]
        more += len(ordered) - limit
    noun = "problem" if more == 1 else "problems"
    return [
        *ordered[:limit],
        Problem(rest.path, rest.line, rest.column, f"... and {more} more {noun}"),
    ]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, if one is close enough to be a likely typo."""
    options = [c for c in choices if c != word]
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if found:
        return found[0]
    by_case = {c.lower(): c for c in options}
    found = difflib.get_close_matches(word.lower(), list(by_case), n=1, cutoff=0.6)
    return by_case[found[0]] if found else None
