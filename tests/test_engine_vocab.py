"""One vocabulary: the engine declares seats, clauses and their values, stances, outcomes and
action types once (game.engine.vocab); the content schema, the engine's registries and the
command line must all say exactly the same."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest

from game.content import schema
from game.engine import package as pkg
from game.engine import vocab
from game.engine.actions import HANDLERS
from game.engine.conditions import CONDITIONS, OPS, TERMS
from game.engine.effects import EFFECTS
from game.engine.outcome import SCORES


def literal_values(annotation: Any) -> tuple[Any, ...]:
    """The values of the one Literal inside an annotation (through Optional, list, Annotated)."""
    found: list[tuple[Any, ...]] = []

    def walk(a: Any) -> None:
        origin = get_origin(a)
        if origin is Literal:
            found.append(get_args(a))
        elif origin in (Union, types.UnionType, list, Annotated):
            for arg in get_args(a):
                walk(arg)

    walk(annotation)
    assert len(found) == 1, f"{annotation!r} holds {len(found)} Literal types"
    return found[0]


def field(model: type[Any], name: str) -> tuple[Any, ...]:
    return literal_values(model.model_fields[name].annotation)


def union_kinds(union: Any) -> set[str]:
    """The `kind` of each model in a discriminated union."""
    models = get_args(get_args(union)[0])
    return {field(m, "kind")[0] for m in models}


CASES = [
    ("Scenario.seats", field(schema.Scenario, "seats"), vocab.SEATS),
    ("Scenario.default_seat", field(schema.Scenario, "default_seat"), vocab.SEATS),
    (
        "Scenario.briefings",
        literal_values(schema.Scenario.model_fields["briefings"].annotation.__args__[0]),
        vocab.SEATS,
    ),
    ("Actor.id", field(schema.Actor, "id"), vocab.ACTORS),
    ("Argument.by", field(schema.Argument, "by"), vocab.ACTORS),
    ("Argument.to", field(schema.Argument, "to"), vocab.ACTORS),
    ("Counter.by", field(schema.Counter, "by"), vocab.ACTORS),
    ("Rule.on", field(schema.Rule, "on"), vocab.STANCES),
    ("Rule.stance", field(schema.Rule, "stance"), get_args(vocab.ForcedStance)),
    ("ScoreTerm.outcome", field(schema.ScoreTerm, "outcome"), vocab.OUTCOMES),
    ("EpilogueStory.outcome", field(schema.EpilogueStory, "outcome"), vocab.OUTCOMES),
    ("Scenario.locked", field(schema.Scenario, "locked"), pkg.CLAUSES),
    ("ClauseCond.clause", field(schema.ClauseCond, "clause"), vocab.READ_CLAUSES),
    ("TableTerm.clause", field(schema.TableTerm, "clause"), vocab.READ_CLAUSES),
    ("ClauseCond.op", field(schema.ClauseCond, "op"), tuple(OPS)),
    ("DerivedCond.name", field(schema.DerivedCond, "name"), get_args(vocab.Derived)),
    ("ScoreTerm.kind", field(schema.ScoreTerm, "kind"), tuple(SCORES)),
    *(
        (f"Package.{clause}", field(schema.Package, clause), pkg.CHOICES[clause])
        for clause in pkg.CHOICES
    ),
]


@pytest.mark.parametrize(("where", "schema_says", "engine_says"), CASES, ids=[c[0] for c in CASES])
def test_the_schemas_literal_types_are_the_engines(where, schema_says, engine_says):
    assert schema_says == tuple(engine_says), where


def test_the_schemas_package_is_the_engines():
    assert tuple(schema.Package.model_fields) == pkg.CLAUSES
    assert tuple(schema.Troops.model_fields) == pkg.TROOPS
    assert schema.Package().model_dump(mode="json") == pkg.default()
    assert tuple(schema.Statements.model_fields) == vocab.STANCES
    flags = [c for c, f in schema.Package.model_fields.items() if f.annotation in (bool, "bool")]
    assert tuple(flags) == pkg.FLAGS
    assert set(pkg.flat(pkg.default())) == set(vocab.READ_CLAUSES)


def test_every_kind_the_schema_accepts_has_one_function_in_the_engine():
    assert union_kinds(schema.Condition) == set(CONDITIONS)
    assert union_kinds(schema.Effect) == set(EFFECTS)
    assert union_kinds(schema.Term) == set(TERMS)


def test_every_action_type_has_one_handler():
    # `undo` is Engine.apply's own: it gives back an earlier state instead of changing one
    assert tuple(HANDLERS) == tuple(t for t in vocab.ACTION_TYPES if t != "undo")
    assert set(vocab.ACTION_TYPES) >= vocab.FINAL_ACTIONS


def test_the_command_line_offers_the_engines_seats():
    from game.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for command in ("play", "simulate"):
        seat = next(a for a in sub.choices[command]._actions if a.dest == "seat")
        assert tuple(seat.choices) == vocab.SEATS, command


@pytest.mark.parametrize(
    ("part", "value"),
    [("humans", ["europe", "russia"]), ("actions", [{"type": "dance", "seat": "europe"}])],
)
def test_a_save_with_a_word_the_engine_does_not_know_is_damaged(tmp_path, part, value):
    """A save's seats and action types are the engine's: anything else is damage, found when
    the save is read (not later, as a scenario that seems to have changed)."""
    from game import saves

    data = saves.make("tutorial", None, 1, ["europe"], [{"type": "table", "seat": "europe"}])
    data[part] = value
    path = tmp_path / "game.json"
    saves.write(path, data)
    with pytest.raises(saves.SaveError) as e:
        saves.read(path)
    assert e.value.key == "damaged"
    assert "\n" not in str(e.value)


def test_a_saves_action_types_are_the_engines():
    from game import saves

    union = get_args(get_args(saves.Action)[0])
    kinds = [k for model in union for k in field(model, "type")]
    assert sorted(kinds) == sorted(vocab.ACTION_TYPES)
    assert field(saves.SaveModel, "humans") == vocab.SEATS
