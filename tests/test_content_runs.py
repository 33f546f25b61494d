"""Whatever validates must run: a scenario (or a shared file) that `validate` passes never
crashes `simulate`, `respond` or a game. And whatever does not validate is refused with
problems that each have a place.

Hypothesis puts conditions of every kind where a condition can stand (a move's `when`,
an objection's `when` and `unless`, a term's, a score term's, a rule's, a story's), numbers
of every size (NaN, infinities, 1e308, huge integers) in every numeric field, dates at the
calendar's ends, terms of every kind over every clause, effects of every kind, and
scenario shapes (seats, locks, package, rounds), then runs the real loader and, when it
passes, the real command line and engine."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.content.loader import load
from game.content.problems import ContentError
from game.content.yamlload import load_file
from game.engine import Engine, vocab
from game.engine.strategies import play

from .conftest import ROOT

SCENARIO = "weak_guarantee.yaml"
FILES = ("scenario", "actors", "rules", "terms", "epilogue", "events", "arguments")

Loc = tuple[str | int, ...]


class Tree(dict[str, Any]):
    def __repr__(self) -> str:
        return "Tree(...)"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A teacher's copy of a scenario and its shared files, and their data."""
    top = tmp_path_factory.mktemp("lesson")
    shutil.copytree(ROOT / "scenarios/common", top / "common")
    shutil.copy(ROOT / "scenarios" / SCENARIO, top / SCENARIO)
    paths = {
        name: top / SCENARIO if name == "scenario" else top / "common" / f"{name}.yaml"
        for name in FILES
    }
    return Tree(
        scenario=top / SCENARIO,
        paths=paths,
        data={name: load_file(p).data for name, p in paths.items()},
    )


def _walk(node: Any, loc: Loc = ()) -> list[tuple[Loc, Any]]:
    out = [(loc, node)]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _walk(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _walk(v, (*loc, i))
    return out


HOLDERS = ("moves", "score", "terms", "stories", "red_lines", "flexible", "rules", "add")


def condition_places(data: Any) -> list[Loc]:
    """Every place a condition stands or may stand."""
    places: list[Loc] = []
    for loc, node in _walk(data):
        if loc and loc[-1] in ("when", "unless"):
            places.append(loc)
        elif isinstance(node, dict) and len(loc) >= 2 and isinstance(loc[-1], int):
            holder = loc[-2]
            if holder in HOLDERS and "id" in node:
                places.append((*loc, "when"))
            if holder in ("flexible",):
                places.append((*loc, "unless"))
    return places


def number_places(data: Any) -> list[Loc]:
    return [
        loc
        for loc, node in _walk(data)
        if isinstance(node, int | float) and not isinstance(node, bool) and loc
    ]


def put(data: Any, loc: Loc, value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


CLAUSES = list(vocab.READ_CLAUSES)
OPS = st.sampled_from(get_args(vocab.Op))
SCALARS = (
    st.integers(-3, 300_000)
    | st.booleans()
    | st.sampled_from(["us", "none", "assurances", "keep", "pullback", "x"])
)
VALUES = SCALARS | st.lists(SCALARS, max_size=3)
INTS = st.integers(-5, 120) | st.lists(st.integers(-5, 120), max_size=3)

LEAVES = st.one_of(
    st.fixed_dictionaries(
        {"kind": st.just("clause"), "clause": st.sampled_from(CLAUSES), "op": OPS, "value": VALUES}
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("indicator"),
            "indicator": st.sampled_from(["momentum", "territory", "unity", "blame"]),
            "op": OPS,
            "value": INTS,
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("derived"),
            "name": st.sampled_from(["credibility", "acceptability"]),
            "op": OPS,
            "value": INTS,
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("position"),
            "position": st.sampled_from(["us.air_support", "ukraine.paper"]),
            "op": OPS,
            "value": INTS,
        }
    ),
    st.fixed_dictionaries({"kind": st.just("round"), "op": OPS, "value": INTS}),
    st.fixed_dictionaries(
        {"kind": st.just("flag"), "flag": st.sampled_from(["split", "ceasefire"])}
    ),
    st.just({"kind": "opening_package"}),
    st.just({"kind": "always"}),
)
CONDITIONS = st.recursive(
    LEAVES,
    lambda inner: (
        st.fixed_dictionaries(
            {"kind": st.sampled_from(["all", "any"]), "of": st.lists(inner, max_size=3)}
        )
        | st.fixed_dictionaries({"kind": st.just("not"), "cond": inner})
    ),
    max_leaves=4,
)
NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 100, 101, 0.5, 1e308, -1e308, 2**63, 10**400]),
)
DATES = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)) | st.sampled_from(
    [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2100, 12, 31), dt.date(1899, 12, 31)]
)


def try_it(tree: dict[str, Any], name: str, data: Any) -> None:
    """Write the changed file, validate the lesson; if it passes, it must run."""
    path: Path = tree["paths"][name]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")
    try:
        try:
            bundle = load(tree["scenario"])
        except ContentError as e:
            assert e.problems
            for p in e.problems:
                assert p.line >= 1 and p.column >= 1, p
                assert p.message and "\n" not in p.message, p
                assert "internal" not in p.message.lower(), p
            return
        engine = Engine(bundle.book)
        state, _ = engine.new_game(0)
        assert engine.assess(state).stance in ("accept", "counter", "stall", "reject")
        for seat in bundle.book["seats"]:
            for strategy in ("random", "bargain"):
                final, _, _ = play(engine, 3, seat, strategy)
                assert final["phase"] == "over"
        seat = bundle.book["seats"][0]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(
                [
                    "simulate",
                    "--scenario",
                    str(tree["scenario"]),
                    "--seat",
                    seat,
                    "--strategy",
                    "random",
                    "--games",
                    "3",
                    "--json",
                ]
            )
        assert code == 0
        assert json.loads(out.getvalue())["games"] == 3
    finally:
        original = tree["data"][name]
        path.write_text(
            yaml.safe_dump(original, allow_unicode=True, sort_keys=False, width=10_000),
            encoding="utf-8",
        )


def _copy(data: Any) -> Any:
    return json.loads(json.dumps(data))


SLOW = settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example loads a scenario
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SLOW
@given(st.data())
def test_a_condition_anywhere_that_validates_runs(
    tree: dict[str, Any], data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(["actors", "rules", "terms", "epilogue", "scenario"]))
    doc = _copy(tree["data"][name])
    places = condition_places(doc)
    if name == "scenario":
        doc.setdefault("terms", {}).setdefault("credibility", [])
        places.append(("rules", "add", 0, "when"))
        doc.setdefault("rules", {})["add"] = [
            {
                "id": "russia.teacher_rule",
                "title": {"en": "A rule", "ar": "قاعدة"},
                "when": {"kind": "always"},
                "says": {"en": "We say so.", "ar": "نقول ذلك."},
                "source": ["P03"],
                "basis": "implied",
                "effects": [{"kind": "shift", "indicator": "momentum", "delta": 1}],
            }
        ]
    loc = data.draw(st.sampled_from(places))
    put(doc, loc, data.draw(CONDITIONS))
    try_it(tree, name, doc)


@SLOW
@given(st.data())
def test_a_number_anywhere_that_validates_runs(tree: dict[str, Any], data: st.DataObject) -> None:
    name = data.draw(
        st.sampled_from(["actors", "rules", "terms", "epilogue", "scenario", "events", "arguments"])
    )
    doc = _copy(tree["data"][name])
    for _ in range(data.draw(st.integers(1, 3))):
        loc = data.draw(st.sampled_from(number_places(doc)))
        put(doc, loc, data.draw(NUMBERS))
    if name == "scenario" and data.draw(st.booleans()):
        doc["start"]["date"] = data.draw(DATES).isoformat()
        doc["rounds"] = data.draw(st.integers(1, 30))
        doc["days_per_round"] = data.draw(st.integers(1, 60))
    try_it(tree, name, doc)


# ---------------------------------------------------------------- examples, each said once


def _with(tree: dict[str, Any], name: str, loc: Loc, value: Any) -> Any:
    doc = _copy(tree["data"][name])
    put(doc, loc, value)
    return doc


DERIVED = {"kind": "derived", "name": "credibility", "op": "ge", "value": 40}


def _first(data: Any, holder: str) -> Loc:
    for loc, node in _walk(data):
        if loc and loc[-1] == holder and isinstance(node, list) and node:
            return (*loc, 0)
    raise AssertionError(holder)


@pytest.mark.parametrize(
    ("holder", "key"), [("moves", "when"), ("red_lines", "when"), ("flexible", "unless")]
)
def test_a_derived_condition_where_the_sums_are_unknown_is_refused(
    tree: dict[str, Any], holder: str, key: str
) -> None:
    loc = (*_first(tree["data"]["actors"], holder), key)
    doc = _with(tree, "actors", loc, DERIVED)
    path: Path = tree["paths"]["actors"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["validate", str(tree["scenario"])])
        lines = out.getvalue().splitlines()
        assert code == 2
        assert len(lines) == 1 and lines[0].startswith(f"{path}:"), lines
        assert lines[0].endswith(
            "credibility and acceptability are known only when Russia weighs a package:"
            " a derived condition may be used in Russia's rules, score terms and epilogue"
            " stories, not here"
        )
    finally:
        try_it(tree, "actors", tree["data"]["actors"])


@pytest.mark.parametrize(
    ("name", "holder"), [("actors", "score"), ("epilogue", "stories"), ("rules", "rules")]
)
def test_a_derived_condition_where_the_sums_are_known_runs(
    tree: dict[str, Any], name: str, holder: str
) -> None:
    item = _first(tree["data"][name], holder)
    doc = _copy(tree["data"][name])
    holder_node = doc
    for part in item:
        holder_node = holder_node[part]
    old = holder_node.get("when")
    holder_node["when"] = DERIVED if old is None else {"kind": "any", "of": [old, DERIVED]}
    path: Path = tree["paths"][name]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        bundle = load(tree["scenario"])
        engine = Engine(bundle.book)
        for seat in bundle.book["seats"]:
            final, _, _ = play(engine, 1, seat, "bargain")
            assert final["scores"]
    finally:
        try_it(tree, name, tree["data"][name])


SEATS = st.sampled_from(["europe", "us", "ukraine"])
LOCKABLE = st.sampled_from(["troops", "air_support", "pledge", "nato_membership", "observers"])
PACKAGES = st.fixed_dictionaries(
    {},
    optional={
        "troops": st.fixed_dictionaries(
            {}, optional={"europe": st.integers(0, 10**6), "us": st.integers(0, 10**6)}
        ),
        "air_support": st.sampled_from(["none", "europe", "us", "us_and_europe"]),
        "pledge": st.sampled_from(["none", "assurances", "article5_like", "binding_treaty"]),
        "nato_membership": st.booleans(),
        "observers": st.booleans(),
        "nato_posture": st.sampled_from(["unchanged", "pullback"]),
    },
)


@SLOW
@given(st.data())
def test_a_scenario_shape_that_validates_runs(tree: dict[str, Any], data: st.DataObject) -> None:
    doc = _copy(tree["data"]["scenario"])
    doc["seats"] = data.draw(st.lists(SEATS, min_size=0, max_size=4))
    doc["default_seat"] = data.draw(SEATS)
    doc["locked"] = data.draw(st.lists(LOCKABLE, max_size=6))
    doc["package"] = data.draw(PACKAGES)
    doc["rounds"] = data.draw(st.integers(1, 30))
    doc["days_per_round"] = data.draw(st.integers(1, 60))
    doc["start"]["flags"] = data.draw(
        st.lists(st.sampled_from(["split", "witkoff_claim"]), max_size=3)
    )
    doc["start"]["positions"] = data.draw(
        st.dictionaries(st.sampled_from(["ukraine.paper", "us.air_support"]), st.integers(0, 100))
    )
    doc["start"]["date"] = data.draw(DATES).isoformat()
    try_it(tree, "scenario", doc)


TERM_KINDS = st.sampled_from(["table", "curve", "const", "indicator"])
POINT_KEYS = st.sampled_from(["none", "assurances", "us", "true", "True", "pullback", "5000", "x"])


@SLOW
@given(st.data())
def test_a_term_of_any_kind_over_any_clause_that_validates_runs(
    tree: dict[str, Any], data: st.DataObject
) -> None:
    doc = _copy(tree["data"]["terms"])
    which = data.draw(st.sampled_from(["credibility", "acceptability"]))
    terms = doc[which]["terms"]
    term = terms[data.draw(st.integers(0, len(terms) - 1))]
    term["kind"] = kind = data.draw(TERM_KINDS)
    for key in ("clause", "points", "curve", "indicator", "factor", "pivot"):
        term.pop(key, None)
    if kind in ("table", "curve"):
        term["clause"] = data.draw(st.sampled_from(CLAUSES))
    if kind == "table":
        term["points"] = data.draw(st.dictionaries(POINT_KEYS, st.integers(-100, 100), max_size=3))
    elif kind == "curve":
        term["curve"] = data.draw(
            st.lists(
                st.tuples(st.integers(0, 300_000), st.integers(-100, 100)).map(list), max_size=4
            )
        )
    elif kind == "const":
        term["points"] = data.draw(st.integers(-100, 100))
    else:
        term["indicator"] = data.draw(st.sampled_from(["momentum", "unity", "blame"]))
        term["factor"] = data.draw(st.floats(-10, 10))
    try_it(tree, "terms", doc)


EFFECTS = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {
                "kind": st.just("shift"),
                "indicator": st.sampled_from(["momentum", "territory", "blame", "morale"]),
                "delta": st.integers(-120, 120),
            },
            optional={
                "scale": st.fixed_dictionaries(
                    {
                        "indicator": st.sampled_from(["momentum", "unity", "morale"]),
                        "factor": st.floats(-11, 11),
                    }
                )
            },
        ),
        st.fixed_dictionaries(
            {
                "kind": st.just("position"),
                "position": st.sampled_from(["us.air_support", "ukraine.paper", "russia.x"]),
                "delta": st.integers(-120, 120),
            }
        ),
        st.fixed_dictionaries(
            {"kind": st.just("flag"), "flag": st.sampled_from(["split", "new_flag"])},
            optional={"set": st.booleans()},
        ),
    ),
    max_size=3,
)


@SLOW
@given(st.data())
def test_effects_anywhere_that_validate_run(tree: dict[str, Any], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["actors", "rules", "events", "arguments", "scenario"]))
    doc = _copy(tree["data"][name])
    places = [loc for loc, _ in _walk(doc) if loc and loc[-1] == "effects"]
    if not places:
        return
    put(doc, data.draw(st.sampled_from(places)), data.draw(EFFECTS))
    try_it(tree, name, doc)
