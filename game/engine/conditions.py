"""Conditions and terms: compiled once from plain data into small functions.

Data names a `kind`; each kind has one compiler in a registry. Nothing is
parsed from strings and nothing is evaluated as code.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping
from typing import Any

Data = Mapping[str, Any]


class Ctx:
    """What a condition may read: the package on the table and the state around it."""

    __slots__ = ("derived", "flags", "ind", "opening", "pkg", "pos", "round")

    def __init__(
        self,
        pkg: dict[str, Any],
        ind: dict[str, int],
        pos: dict[str, int],
        flags: dict[str, bool],
        round: int,
        derived: dict[str, int] | None = None,
        opening: bool = False,
    ) -> None:
        self.pkg = pkg
        self.ind = ind
        self.pos = pos
        self.flags = flags
        self.round = round
        self.derived: dict[str, int] = {} if derived is None else derived
        self.opening = opening
        """Whether the package is the one the scenario opened with, every clause as it was."""

    def __repr__(self) -> str:
        return (
            f"Ctx(pkg={self.pkg!r}, ind={self.ind!r}, pos={self.pos!r}, flags={self.flags!r}, "
            f"round={self.round!r}, derived={self.derived!r}, opening={self.opening!r})"
        )


Cond = Callable[[Ctx], bool]


def _in(a: Any, b: Any) -> bool:
    return a in b


def _not_in(a: Any, b: Any) -> bool:
    return a not in b


OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "in": _in,
    "not_in": _not_in,
}


def _value(d: Data) -> Any:
    v = d["value"]
    return tuple(v) if isinstance(v, list) else v


def _compare(op: str, read: Callable[[Ctx], Any], v: Any) -> Cond:
    """A comparison specialised per operator (no operator call per evaluation)."""
    if op == "eq":
        return lambda c: read(c) == v
    if op == "ne":
        return lambda c: read(c) != v
    if op == "lt":
        return lambda c: read(c) < v
    if op == "le":
        return lambda c: read(c) <= v
    if op == "gt":
        return lambda c: read(c) > v
    if op == "ge":
        return lambda c: read(c) >= v
    if op == "in":
        return lambda c: read(c) in v
    fn = OPS[op]
    return lambda c: fn(read(c), v)


def _clause(d: Data) -> Cond:
    op, key, v = d["op"], d["clause"], _value(d)
    if op == "eq":
        return lambda c: c.pkg[key] == v
    if op == "gt":
        return lambda c: c.pkg[key] > v
    if op == "in":
        return lambda c: c.pkg[key] in v
    return _compare(op, lambda c: c.pkg[key], v)


def _indicator(d: Data) -> Cond:
    op, key, v = d["op"], d["indicator"], _value(d)
    # one comparison per operator, reading the indicator in place (no inner call)
    if op == "ge":
        return lambda c: c.ind.get(key, 0) >= v
    if op == "lt":
        return lambda c: c.ind.get(key, 0) < v
    if op == "le":
        return lambda c: c.ind.get(key, 0) <= v
    if op == "gt":
        return lambda c: c.ind.get(key, 0) > v
    if op == "eq":
        return lambda c: c.ind.get(key, 0) == v
    return _compare(op, lambda c: c.ind.get(key, 0), v)


def _derived(d: Data) -> Cond:
    op, key, v = OPS[d["op"]], d["name"], d["value"]
    return lambda c: op(c.derived[key], v)


def _position(d: Data) -> Cond:
    op, key, v = d["op"], d["position"], d["value"]
    if op == "ge":
        return lambda c: c.pos.get(key, 0) >= v
    if op == "lt":
        return lambda c: c.pos.get(key, 0) < v
    fn = OPS[op]
    return lambda c: fn(c.pos.get(key, 0), v)


def _round(d: Data) -> Cond:
    op, v = OPS[d["op"]], _value(d)
    return lambda c: op(c.round, v)


def _flag(d: Data) -> Cond:
    key = d["flag"]
    return lambda c: key in c.flags


def _all(d: Data) -> Cond:
    parts = tuple(compile_cond(x) for x in d["of"])
    if len(parts) == 2:
        a, b = parts
        return lambda c: a(c) and b(c)

    def every(c: Ctx) -> bool:  # a plain loop: measurably faster than all(genexpr) here
        for p in parts:  # noqa: SIM110
            if not p(c):
                return False
        return True

    return every


def _any(d: Data) -> Cond:
    parts = tuple(compile_cond(x) for x in d["of"])
    if len(parts) == 2:
        a, b = parts
        return lambda c: a(c) or b(c)

    def some(c: Ctx) -> bool:  # a plain loop: measurably faster than any(genexpr) here
        for p in parts:  # noqa: SIM110
            if p(c):
                return True
        return False

    return some


def _not(d: Data) -> Cond:
    inner = compile_cond(d["cond"])
    return lambda c: not inner(c)


def _opening_package(d: Data) -> Cond:
    return lambda c: c.opening


def _always(d: Data) -> Cond:
    return lambda c: True


CONDITIONS: dict[str, Callable[[Data], Cond]] = {
    "clause": _clause,
    "indicator": _indicator,
    "derived": _derived,
    "position": _position,
    "round": _round,
    "flag": _flag,
    "all": _all,
    "any": _any,
    "not": _not,
    "opening_package": _opening_package,
    "always": _always,
}


def compile_cond(d: Data | None) -> Cond:
    """A condition function; None means always true."""
    if d is None:
        return _always({})
    return CONDITIONS[d["kind"]](d)


def reads(d: Data | None) -> set[tuple[str, str]]:
    """What a condition reads, as (kind, name) pairs: used by the lint pass."""
    if d is None:
        return set()
    kind = d["kind"]
    if kind in ("all", "any"):
        out: set[tuple[str, str]] = set()
        for x in d["of"]:
            out |= reads(x)
        return out
    if kind == "not":
        return reads(d["cond"])
    name = {
        "clause": "clause",
        "indicator": "indicator",
        "derived": "name",
        "position": "position",
        "flag": "flag",
    }.get(kind)
    return {(kind, d[name])} if name else {(kind, "")}


def package_only(d: Data | None) -> bool:
    """True when a condition reads nothing but the package: its clauses, or whether it is the
    opening package (`Ctx.opening`, which the package alone decides)."""
    read = reads(d)
    return bool(read) and all(kind in ("clause", "opening_package") for kind, _ in read)


# ---------------------------------------------------------------- partial evaluation

Spec = Callable[[Ctx], "bool | Cond"]
"""A condition partly evaluated for one package: given a context holding the package (and
nothing else that the partial evaluation reads), True or False when the package alone decides,
otherwise the condition left over, which reads the rest of the state."""


def compile_spec(d: Data | None) -> Spec:
    """A condition's partial evaluator (see `Spec`). What is left over is built from the same
    compiled conditions as `compile_cond`'s, so it answers exactly as the whole would: the
    parts decided by the package are dropped from an `all` or an `any` (conditions have no
    side effects, so the order they are asked in changes nothing)."""
    if d is None or d["kind"] == "always":
        return lambda c: True
    if package_only(d):
        whole = compile_cond(d)
        return lambda c: bool(whole(c))
    kind = d["kind"]
    if kind in ("all", "any"):
        parts = tuple(compile_spec(x) for x in d["of"])
        decides = kind == "any"  # a part with this value decides the whole

        def spec(c: Ctx) -> bool | Cond:
            left: list[Cond] = []
            for part in parts:
                r = part(c)
                if r is decides:
                    return decides
                if r is not (not decides):
                    left.append(r)  # type: ignore[arg-type]
            if not left:
                return not decides
            if len(left) == 1:
                return left[0]
            return _joined(kind, tuple(left))

        return spec
    if kind == "not":
        inner = compile_spec(d["cond"])

        def negated(c: Ctx) -> bool | Cond:
            r = inner(c)
            if r is True or r is False:
                return not r
            return lambda x: not r(x)

        return negated
    whole = compile_cond(d)  # reads the state only: left over as it is
    return lambda c: whole


def _joined(kind: str, parts: tuple[Cond, ...]) -> Cond:
    if kind == "all":
        return lambda c: all(p(c) for p in parts)
    return lambda c: any(p(c) for p in parts)


# ---------------------------------------------------------------- terms

Term = Callable[[Ctx], float]


def _scaled(d: Data, raw: Term) -> Term:
    scale = d.get("scale")
    if not scale:
        return raw
    key, factor = scale["indicator"], float(scale["factor"])
    return lambda c: raw(c) * ((1.0 - factor) + factor * c.ind.get(key, 0) / 100.0)


def _when(d: Data, raw: Term) -> Term:
    if d.get("when") is None:
        return raw
    cond = compile_cond(d["when"])
    return lambda c: raw(c) if cond(c) else 0.0


def _table(d: Data) -> Term:
    key = d["clause"]
    points = {_key(k): float(v) for k, v in d["points"].items()}
    return lambda c: points.get(c.pkg[key], 0.0)


def _key(k: Any) -> Any:
    """Table keys come from YAML as text; booleans are written true/false."""
    if k in ("true", "True"):
        return True
    if k in ("false", "False"):
        return False
    return k


def _curve(d: Data) -> Term:
    key = d["clause"]
    pts = sorted((int(x), float(y)) for x, y in d["curve"])

    def f(c: Ctx) -> float:
        x = float(c.pkg[key])
        if x <= pts[0][0]:
            return pts[0][1]
        for (x0, y0), (x1, y1) in itertools.pairwise(pts):
            if x <= x1:
                return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        return pts[-1][1]

    return f


def _const(d: Data) -> Term:
    v = float(d["points"])
    return lambda c: v


def _ind_term(d: Data) -> Term:
    key, factor, pivot = d["indicator"], float(d["factor"]), int(d.get("pivot", 50))
    return lambda c: factor * (c.ind.get(key, 0) - pivot)


TERMS: dict[str, Callable[[Data], Term]] = {
    "table": _table,
    "curve": _curve,
    "const": _const,
    "indicator": _ind_term,
}


def compile_term(d: Data) -> Term:
    return _when(d, _scaled(d, TERMS[d["kind"]](d)))


TermSpec = Callable[[Ctx], "float | Term"]
"""A term partly evaluated for one package: its value when the package alone decides it,
otherwise the term left over (which reads the state), computing exactly what the whole term
would."""


def compile_term_spec(d: Data) -> TermSpec:
    """A term's partial evaluator (see `TermSpec`), mirroring `compile_term` step by step:
    the raw value, then its scale, then its condition."""
    kind = d["kind"]
    raw = TERMS[kind](d)
    if kind == "indicator":

        def base(c: Ctx) -> float | Term:
            return raw

    else:  # table, curve, const: the package alone

        def base(c: Ctx) -> float | Term:
            return raw(c)

    scale = d.get("scale")
    scaled = base
    if scale:
        key, factor = scale["indicator"], float(scale["factor"])

        def scaled(c: Ctx) -> float | Term:
            r = base(c)
            if isinstance(r, float):
                if not r:
                    return r  # nothing to scale: zero whatever the indicator
                return lambda x: r * ((1.0 - factor) + factor * x.ind.get(key, 0) / 100.0)
            return lambda x: r(x) * ((1.0 - factor) + factor * x.ind.get(key, 0) / 100.0)

    if d.get("when") is None:
        return scaled
    cond = compile_spec(d["when"])

    def when(c: Ctx) -> float | Term:
        holds = cond(c)
        if holds is False:
            return 0.0
        r = scaled(c)
        if holds is True:
            return r
        if isinstance(r, float):
            return lambda x: r if holds(x) else 0.0
        return lambda x: r(x) if holds(x) else 0.0

    return when


# ---------------------------------------------------------------- numbers


def clamp(v: float, low: int = 0, high: int = 100) -> int:
    r = round(v)
    return low if r < low else high if r > high else r
