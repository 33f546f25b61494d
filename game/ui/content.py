"""What the screens read from the scenario files, loaded once and kept (GAME-DESIGN 4).

`Content.scenarios()` lists the shipped scenarios (title, summary, seats, rounds, the
opening package) without loading their rulebooks; `Content.bundle(path)` loads one in
full for a game; the shared texts (glossary, article, fact checks) come from the first
scenario that loads. Loading errors are kept as messages for the screens to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content.problems import ContentError


class ContentUnavailable(Exception):
    """The shared texts could not be loaded; the message says why (file:line:col: ...)."""


@dataclass
class ScenarioInfo:
    path: Path
    id: str
    title: dict[str, str]
    summary: dict[str, str]
    archetype: str
    rounds: int
    seats: list[str]
    default_seat: str
    package: dict[str, Any]
    start: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    factcheck: list[str] = field(default_factory=list)
    """The fact checks of the figures the summary repeats."""
    interpretation: dict[str, str] | None = None
    lesson: int | None = None
    """The scenario's `lesson_rounds`, if it sets them."""

    @property
    def lesson_rounds(self) -> int:
        """The rounds of a 45-minute lesson: the scenario's own number, else at most 3."""
        return self.lesson if self.lesson is not None else min(self.rounds, LESSON_ROUNDS)


LESSON_ROUNDS = 3
"""A lesson's rounds when the scenario does not say (GAME-DESIGN 7): the 45-minute plan of
the teacher's sheets and guide (`game.report.handouts.lesson_plan`: the tutorial opener,
the briefings, three rounds of eight minutes, the ending, the debrief). `benchmarks/lesson.py`
measures what the teams' steps take against it."""


def _problem_text(e: Exception) -> str:
    if isinstance(e, ContentError) and e.problems:
        return str(e.problems[0])
    return f"{type(e).__name__}: {e}"


class Content:
    def __init__(self, paths: list[Path] | None = None) -> None:
        self._paths = paths
        self._scenarios: list[ScenarioInfo] | None = None
        self._bundles: dict[Path, Any] = {}
        self._common: Any = None
        self._common_error: str | None = None

    def paths(self) -> list[Path]:
        if self._paths is None:
            # the loader brings pydantic: imported when scenarios are first needed, not at start
            from game.content.loader import shipped

            self._paths = shipped()
        return self._paths

    def scenarios(self) -> list[ScenarioInfo]:
        """Every shipped scenario, tutorial last; one that fails to load carries `error`."""
        if self._scenarios is None:
            # lazy for start-up: the loader brings pydantic
            from game.content.loader import load

            out = []
            for p in self.paths():
                try:
                    b = load(p, full=False, lint=False)
                    sc = b.scenario
                    out.append(
                        ScenarioInfo(
                            path=p,
                            id=sc.id,
                            title=sc.title.model_dump(),
                            summary=sc.summary.model_dump(),
                            archetype=sc.archetype,
                            rounds=sc.rounds,
                            lesson=sc.lesson_rounds,
                            seats=list(sc.seats),
                            default_seat=sc.default_seat,
                            package=sc.package.model_dump(mode="json"),
                            start=sc.start.model_dump(mode="json"),
                            factcheck=list(sc.factcheck),
                            interpretation=(
                                sc.interpretation.model_dump() if sc.interpretation else None
                            ),
                        )
                    )
                except Exception as e:  # a broken teacher's file must not break the menu
                    out.append(
                        ScenarioInfo(
                            p,
                            p.stem,
                            {"en": p.stem, "ar": p.stem},
                            {},
                            "",
                            0,
                            [],
                            "",
                            {},
                            {},
                            error=_problem_text(e),
                        )
                    )
            order = {"weak": 0, "troops": 1, "air": 2, "pledge": 3, "tutorial": 4}
            out.sort(key=lambda s: (order.get(s.archetype, 9), s.id))
            self._scenarios = out
        return self._scenarios

    def bundle(self, path: Path) -> Any:
        """A scenario loaded in full (rulebook and shared texts); raises ContentError."""
        b = self._bundles.get(path)
        if b is None:
            # lazy for start-up: the loader brings pydantic
            from game.content.loader import load

            b = load(path, full=True, lint=False)
            self._bundles[path] = b
        return b

    def common(self) -> Any:
        """A full bundle whose shared files (glossary, article, fact checks) the screens read."""
        if self._common is None and self._common_error is None:
            errors = []
            for p in self.paths():
                try:
                    self._common = self.bundle(p)
                    break
                except Exception as e:
                    errors.append(_problem_text(e))
            else:
                self._common_error = errors[0] if errors else "no scenarios found"
        if self._common is None:
            raise ContentUnavailable(self._common_error or "no content")
        return self._common

    def error(self) -> str | None:
        try:
            self.common()
        except Exception as e:
            return self._common_error or _problem_text(e)
        return None

    def glossary(self) -> list[Any]:
        return list(self.common().common("glossary").glossary)

    def article(self) -> Any:
        return self.common().common("article")

    def factchecks(self) -> list[Any]:
        return list(self.common().common("factchecks").factchecks)

    def factchecks_by_id(self) -> dict[str, Any]:
        """The fact checks by id; none when the shared files do not load (the screen that
        asks shows its own error)."""
        try:
            return {f.id: f for f in self.factchecks()}
        except Exception:
            return {}
