"""The rulebook's partial evaluation (what a package alone decides, worked out once per
package) answers exactly as the plain compiled conditions, terms and rules do: the same
Russia's answer field for field, the same objections, the same sums, whatever the package
and the state; and a package met again, equal or the same object, gets the same answers."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Engine, vocab
from game.engine import package as pkg
from game.engine import rulebook as rulebook_module
from game.engine.conditions import Ctx, compile_cond, compile_spec, compile_term, compile_term_spec
from game.engine.russia import answer, evaluate

from .conftest import SCENARIOS

PACKAGES = st.builds(
    lambda europe, us, rest: pkg.normalise({"troops": {"europe": europe, "us": us}, **rest}),
    st.sampled_from([0, 500, 1000, 4000, 4999, 5000, 15000, 20000, 60000]),
    st.sampled_from([0, 5000, 10000]),
    st.fixed_dictionaries(
        {k: st.sampled_from(v) for k, v in pkg.CHOICES.items()},
        optional={k: st.booleans() for k in pkg.FLAGS},
    ),
)
LEVELS = st.integers(0, 100)
FLAGS = st.lists(st.sampled_from(["split", "witkoff_claim", "frozen_line", "ceasefire"]))


def _state(engine: Engine, data: st.DataObject) -> dict[str, Any]:
    state, _ = engine.new_game(data.draw(st.integers(0, 10**6)))
    state["indicators"] = {k: data.draw(LEVELS) for k in state["indicators"]}
    state["positions"] = {k: data.draw(LEVELS) for k in state["positions"]}
    state["flags"] = dict.fromkeys(data.draw(FLAGS), True)
    state["round"] = data.draw(st.integers(1, engine.rounds))
    return state


def _package(engine: Engine, package: Any, data: st.DataObject) -> Any:
    """The drawn package, or now and then the scenario's opening one (a fresh copy), which
    `opening_package` conditions single out."""
    if data.draw(st.booleans()):
        return pkg.copy(engine.new_game(0)[0]["package"])
    return package


def _plain_ctx(engine: Engine, state: dict[str, Any], package: Any) -> Ctx:
    """The context the plain rules read, worked out afresh (the opening flag included)."""
    flat = pkg.flat(package)
    return Ctx(
        flat,
        state["indicators"],
        state["positions"],
        state["flags"],
        state["round"],
        opening=flat == pkg.flat(engine.book["package"]),
    )


def _reference_objections(engine: Engine, state: dict[str, Any], package: Any) -> list[Any]:
    ctx = _plain_ctx(engine, state, package)
    return [
        {"seat": o.seat, "id": o.id, "red_line": o.unless is None, "source": o.data["source"]}
        for o in engine.objections
        if o.when(ctx) and (o.unless is None or not o.unless(ctx))
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sid=st.sampled_from(SCENARIOS), package=PACKAGES, data=st.data())
def test_answers_objections_and_sums_are_the_plain_rules(engines, sid, package, data):
    engine = engines[sid]
    package = _package(engine, package, data)
    state = _state(engine, data)
    ctx = _plain_ctx(engine, state, package)
    want = answer(engine.rules, engine.cred, engine.acc, engine.threshold, ctx)
    for p in (package, pkg.copy(package), package):  # new, equal, and the same object again
        got = engine.assess(state, p)
        assert got.as_dict() == want.as_dict()
        assert engine.objections_to(state, p) == _reference_objections(engine, state, package)
        ref = _plain_ctx(engine, state, p)
        assert engine.sums_of(state, p) == evaluate(engine.cred, engine.acc, ref)
        ctx, c, a = engine.summed({**state, "package": p})
        assert (c, a, ctx.derived) == (want.credibility, want.raw_acceptability, ref.derived)


def _conditions(book: Any) -> list[Any]:
    """Every condition in a scenario's rulebook (rules, red lines, positions, moves, terms,
    stories, scores)."""
    out = [r["when"] for r in book["rules"]]
    for actor in book["actors"].values():
        out += [o["when"] for o in actor.get("red_lines", [])]
        for o in actor.get("flexible", []):
            out += [o["when"], o.get("unless")]
        out += [m.get("when") for m in actor.get("moves", [])]
        out += [s.get("when") for s in actor.get("score", [])]
    for f in ("credibility", "acceptability"):
        out += [t.get("when") for t in book[f]["terms"]]
    out += [s["when"] for s in book["epilogue"].get("stories", [])]
    return [c for c in out if c is not None]


def _combined(leaves: list[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        st.sampled_from(leaves),
        lambda inner: (
            st.fixed_dictionaries(
                {"kind": st.sampled_from(["all", "any"]), "of": st.lists(inner, max_size=4)}
            )
            | st.fixed_dictionaries({"kind": st.just("not"), "cond": inner})
        ),
        max_leaves=6,
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sid=st.sampled_from(SCENARIOS), package=PACKAGES, data=st.data())
def test_a_condition_partly_evaluated_answers_as_the_whole(engines, sid, package, data):
    engine = engines[sid]
    leaves = _conditions(engine.book)
    cond = data.draw(_combined(leaves))
    state = _state(engine, data)
    flat = pkg.flat(package)
    opening = data.draw(st.booleans())  # what the package alone decides, either way
    ctx = Ctx(
        flat,
        state["indicators"],
        state["positions"],
        state["flags"],
        state["round"],
        opening=opening,
    )
    ctx.derived = {"credibility": data.draw(LEVELS), "acceptability": data.draw(LEVELS)}
    left = compile_spec(cond)(Ctx(flat, {}, {}, {}, 0, opening=opening))
    got = left if isinstance(left, bool) else left(ctx)
    assert got == bool(compile_cond(cond)(ctx))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sid=st.sampled_from(SCENARIOS), package=PACKAGES, data=st.data())
def test_a_term_partly_evaluated_is_the_whole_term(engines, sid, package, data):
    engine = engines[sid]
    terms = [*engine.book["credibility"]["terms"], *engine.book["acceptability"]["terms"]]
    term = dict(data.draw(st.sampled_from(terms)))
    if data.draw(st.booleans()):
        term["scale"] = {
            "indicator": data.draw(st.sampled_from(["us_engagement", "momentum", "unity"])),
            "factor": data.draw(st.sampled_from([0.7, -0.5, 1.0, 0.25])),
        }
    if data.draw(st.booleans()):
        term["when"] = data.draw(_combined(_conditions(engine.book)))
    if data.draw(st.booleans()):
        term = {**term, "kind": "indicator", "indicator": "momentum", "factor": 0.3}
    state = _state(engine, data)
    flat = pkg.flat(package)
    opening = data.draw(st.booleans())  # what the package alone decides, either way
    ctx = Ctx(
        flat,
        state["indicators"],
        state["positions"],
        state["flags"],
        state["round"],
        opening=opening,
    )
    ctx.derived = {"credibility": data.draw(LEVELS), "acceptability": data.draw(LEVELS)}
    left = compile_term_spec(term)(Ctx(flat, {}, {}, {}, 0, opening=opening))
    got = left if isinstance(left, float) else left(ctx)
    want = compile_term(term)(ctx)
    assert got == want and (not got) == (not want)


def test_many_packages_are_forgotten_and_still_answered_the_same(engines, monkeypatch):
    """Past KEPT_PACKAGES (and KEPT_OBJECTS) the rulebook forgets the packages it met, and
    answers as before."""
    monkeypatch.setattr(rulebook_module, "KEPT_PACKAGES", 5)
    monkeypatch.setattr(rulebook_module, "KEPT_OBJECTS", 3)
    engine = Engine(engines["ground_troops"].book)
    state, _ = engine.new_game(1)
    packages = [
        pkg.normalise({"troops": {"europe": n, "us": 0}, "pledge": pledge})
        for n in (0, 3000, 15000)
        for pledge in vocab.CHOICES["pledge"]
    ]
    first = [(engine.assess(state, p).as_dict(), engine.objections_to(state, p)) for p in packages]
    assert len(engine._facts) <= 5 and len(engine._by_id) <= 3
    again = [
        (engine.assess(state, pkg.copy(p)).as_dict(), engine.objections_to(state, p))
        for p in packages
    ]
    assert again == first
    assert len({str(a["credibility"]) for a, _ in first}) > 1  # the packages differ in answer
