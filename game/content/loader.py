"""Loading a scenario: its file, the shared files in `common/`, the shape check of each,
the lint pass over the whole, and the plain-data rulebook the engine compiles.

A scenario file finds its shared files in a `common/` folder beside it; a teacher's copy
elsewhere falls back to the shipped `scenarios/common/`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.content import schema
from game.content.bundle import CORE_INDICATORS, Bundle, Source
from game.content.paths import common_dir_for, resolve, scenarios_dir, shipped
from game.content.problems import ContentError, Problem, capped
from game.content.yamlload import load_file, validate

COMMON_FILES: dict[str, type[BaseModel]] = {
    "terms": schema.TermsFile,
    "rules": schema.RulesFile,
    "actors": schema.ActorsFile,
    "arguments": schema.ArgumentsFile,
    "events": schema.EventsFile,
    "epilogue": schema.EpilogueFile,
    "article": schema.ArticleFile,
    "factchecks": schema.FactChecksFile,
    "glossary": schema.GlossaryFile,
    "debrief": schema.DebriefFile,
    "scales": schema.ScalesFile,
}
"""The shared files, in the order they are read; each `common/NAME.yaml`."""

OPTIONAL_FILES = ("scales",)
"""Shared files a teacher's own `common/` folder may leave out (measured, not written)."""

PLAY_FILES = ("terms", "rules", "actors", "arguments", "events", "epilogue")
"""What the engine needs; the rest is for the screens and the lint pass."""

__all__ = [
    "CORE_INDICATORS",
    "Bundle",
    "Source",
    "assemble",
    "common_dir_for",
    "load",
    "resolve",
    "scenarios_dir",
    "shipped",
]


def _display(path: Path) -> str:
    """A path as a teacher would type it: relative to the working folder when inside it."""
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if shown == os.pardir or shown.startswith(os.pardir + os.sep) else shown


def _read(path: Path, model: type[BaseModel], shown: str) -> Source:
    doc = load_file(shown)
    return Source(doc, validate(model, doc))


def load(path: Path | str, *, full: bool = True, lint: bool = True) -> Bundle:
    """Read a scenario and its shared files; raise ContentError with every problem found.

    `full=False` reads only what the engine needs (for simulation); lint needs `full`.
    """
    path = Path(path)
    problems: list[Problem] = []
    files: dict[str, Source] = {}
    try:
        files["scenario"] = _read(path, schema.Scenario, _display(path))
    except ContentError as e:
        problems += e.problems
    common = common_dir_for(path)
    for name, model in COMMON_FILES.items():
        if not full and name not in PLAY_FILES:
            continue
        p = common / f"{name}.yaml"
        if name in OPTIONAL_FILES and not p.exists():
            continue
        try:
            files[name] = _read(p, model, _display(p))
        except ContentError as e:
            problems += e.problems
    if problems:
        raise ContentError(capped(problems))
    bundle = Bundle(path, files["scenario"].model, files)
    bundle.book = assemble(bundle)
    if lint and full:
        # imported here on purpose: only a full check lints, so the engine-only load (and the
        # rulebook cache keyed on the code it runs) never brings in the linter and its search
        from game.content.lint import lint as run_lint

        found = run_lint(bundle)
        if found:
            raise ContentError(capped(found))
    return bundle


def _dump(items: list[Any]) -> list[dict[str, Any]]:
    return [x.model_dump(mode="json") for x in items]


def _merge_terms(base: list[Any], overrides: list[Any]) -> list[dict[str, Any]]:
    out = {t.id: t.model_dump(mode="json") for t in base}
    for t in overrides:
        out[t.id] = t.model_dump(mode="json")
    return list(out.values())


def assemble(bundle: Bundle) -> dict[str, Any]:
    """The engine's rulebook: plain dicts and lists, scenario overrides applied."""
    sc = bundle.scenario
    terms: schema.TermsFile = bundle.common("terms")
    rules_file: schema.RulesFile = bundle.common("rules")
    actors: schema.ActorsFile = bundle.common("actors")
    args: schema.ArgumentsFile = bundle.common("arguments")
    events: schema.EventsFile = bundle.common("events")
    epilogue: schema.EpilogueFile = bundle.common("epilogue")

    replaced = {r.id: r for r in sc.rules.replace}
    rules = [
        (replaced.get(r.id) or r).model_dump(mode="json")
        for r in rules_file.rules
        if r.id not in sc.rules.disable
    ]
    rules += _dump(sc.rules.add)
    arguments = {a.id: a.model_dump(mode="json") for a in [*args.arguments, *sc.arguments]}
    return {
        "id": sc.id,
        "title": sc.title.model_dump(),
        "rounds": sc.rounds,
        "days_per_round": sc.days_per_round,
        "seats": list(sc.seats),
        "default_seat": sc.default_seat,
        "start": sc.start.model_dump(mode="json"),
        "package": sc.package.model_dump(mode="json"),
        "locked": list(sc.locked),
        "threshold": (sc.threshold or rules_file.threshold).model_dump(mode="json"),
        "statements": rules_file.statements.model_dump(mode="json"),
        "rules": rules,
        "credibility": {
            "base": terms.credibility.base,
            "terms": _merge_terms(terms.credibility.terms, sc.terms.credibility),
        },
        "acceptability": {
            "base": terms.acceptability.base,
            "terms": _merge_terms(terms.acceptability.terms, sc.terms.acceptability),
        },
        "actors": {a.id: a.model_dump(mode="json") for a in actors.actors},
        "arguments": arguments,
        "counters": _dump([*args.counters, *sc.counters]),
        "events": _dump([*events.events, *sc.events]),
        "epilogue": epilogue.epilogue.model_dump(mode="json"),
        **_scale(bundle),
    }


def _scale(bundle: Bundle) -> dict[str, Any]:
    """Each seat's measured score scale in this scenario, when it has one (screens only)."""
    if "scales" not in bundle.files:
        return {}
    scales: schema.ScalesFile = bundle.common("scales")
    mine = scales.scales.get(bundle.scenario.id)
    if not mine:
        return {}
    return {"scale": {seat: s.model_dump(mode="json") for seat, s in mine.items()}}
