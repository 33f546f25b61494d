"""Russia's answer: a pure function that returns its reasons with its verdict.

The screen that explains the answer and the test that checks it read the
same `Answer`: the stance, the two sums with every term, the threshold, and
each rule that fired with its sources.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from game.engine.conditions import (
    Cond,
    Ctx,
    Term,
    TermSpec,
    clamp,
    compile_cond,
    compile_spec,
    compile_term,
    compile_term_spec,
)
from game.engine.shapes import RussiaEvent
from game.engine.vocab import STANCES, Stance

STANCE_ORDER = STANCES
"""Later is further from a deal: a rule's stance holds the answer at least that far."""


class CompiledRule(NamedTuple):
    id: str
    when: Cond
    stance: Stance | None
    on: frozenset[str] | None
    data: Mapping[str, Any]


class Formula(NamedTuple):
    base: float
    terms: tuple[tuple[str, Term], ...]

    def evaluate(self, ctx: Ctx) -> tuple[int, list[list[Any]]]:
        parts: list[list[Any]] = []
        total = self.base
        for term_id, term in self.terms:
            v = term(ctx)
            if v:
                parts.append([term_id, round(v, 2)])
                total += v
        return clamp(total), parts


def compile_formula(d: Mapping[str, Any]) -> Formula:
    return Formula(
        float(d.get("base", 0)),
        tuple((t["id"], compile_term(t)) for t in d.get("terms", [])),
    )


def compile_rules(rules: list[Mapping[str, Any]]) -> tuple[CompiledRule, ...]:
    return tuple(
        CompiledRule(
            r["id"],
            compile_cond(r["when"]),
            r.get("stance"),
            frozenset(r["on"]) if r.get("on") else None,
            r,
        )
        for r in rules
    )


class Answer:
    """Russia's answer to a package: its stance, the two sums with every term, the threshold,
    and the rules that decided it."""

    __slots__ = (
        "acceptability",
        "acceptability_terms",
        "credibility",
        "credibility_terms",
        "demands",
        "momentum",
        "raw_acceptability",
        "rules",
        "stance",
        "threshold",
    )
    FIELDS = (
        "stance",
        "credibility",
        "acceptability",
        "raw_acceptability",
        "threshold",
        "momentum",
        "rules",
        "demands",
        "credibility_terms",
        "acceptability_terms",
    )

    def __init__(
        self,
        stance: Stance,
        credibility: int,
        acceptability: int,
        raw_acceptability: int,
        threshold: int,
        momentum: int,
        rules: list[str],
        demands: dict[str, Any] | None = None,
        credibility_terms: list[list[Any]] | None = None,
        acceptability_terms: list[list[Any]] | None = None,
    ) -> None:
        self.stance = stance
        self.credibility = credibility
        self.acceptability = acceptability
        """Reported acceptability: 0 when a red line fired."""
        self.raw_acceptability = raw_acceptability
        self.threshold = threshold
        self.momentum = momentum
        """Russia's momentum the threshold was computed from (it rises with it, P03)."""
        self.rules = rules
        self.demands: dict[str, Any] = {} if demands is None else demands
        self.credibility_terms: list[list[Any]] = (
            [] if credibility_terms is None else credibility_terms
        )
        self.acceptability_terms: list[list[Any]] = (
            [] if acceptability_terms is None else acceptability_terms
        )

    def as_dict(self) -> dict[str, Any]:
        """Every field by name."""
        return {f: getattr(self, f) for f in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Answer) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # it holds lists

    def __repr__(self) -> str:
        return "Answer(" + ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items()) + ")"

    def as_event(self, rule_data: Callable[[str], Mapping[str, Any]]) -> RussiaEvent:
        return {
            "type": "russia",
            "stance": self.stance,
            "credibility": self.credibility,
            "acceptability": self.acceptability,
            "raw_acceptability": self.raw_acceptability,
            "threshold": self.threshold,
            "momentum": self.momentum,
            "rules": [{"id": r, "source": rule_data(r)["source"]} for r in self.rules],
            "demands": dict(self.demands),
            "credibility_terms": self.credibility_terms,
            "acceptability_terms": self.acceptability_terms,
        }


def threshold(th: Mapping[str, Any], momentum: int) -> int:
    return clamp(float(th["base"]) + float(th["per_momentum"]) * (momentum - 50))


def evaluate(
    cred: Formula, acc: Formula, ctx: Ctx
) -> tuple[int, list[list[Any]], int, list[list[Any]]]:
    c, cparts = cred.evaluate(ctx)
    a, aparts = acc.evaluate(ctx)
    ctx.derived = {"credibility": c, "acceptability": a}
    return c, cparts, a, aparts


def answer(
    rules: tuple[CompiledRule, ...],
    cred: Formula,
    acc: Formula,
    th: Mapping[str, Any],
    ctx: Ctx,
) -> Answer:
    """Russia's stance on the package in `ctx` (GAME-DESIGN 3.5)."""
    c, cparts, a, aparts = evaluate(cred, acc, ctx)
    momentum = int(ctx.ind.get("momentum", 50))
    t = threshold(th, momentum)

    computed: Stance
    if a >= t:
        computed = "accept"
    elif a >= t - float(th["counter_margin"]):
        computed = "counter"
    else:
        computed = "stall"
    # A rule with a stance holds Russia's answer at least that far from accepting: a red line
    # forces `reject`; `counter` means Russia names its price or plays for time, but signs
    # nothing. Only the rules that changed the answer are listed as deciding it.
    stance: Stance = computed
    holding: list[tuple[str, Stance]] = []
    for r in rules:
        if r.stance is not None and r.when(ctx):
            holding.append((r.id, r.stance))
            if STANCE_ORDER.index(r.stance) > STANCE_ORDER.index(stance):
                stance = r.stance
    fired: list[str] = [rid for rid, st in holding if st == stance] if stance != computed else []

    demands: dict[str, Any] = {}
    for r in rules:
        if r.stance is not None:
            continue
        if r.on is not None and stance not in r.on:
            continue
        if r.when(ctx):
            fired.append(r.id)
            want = r.data.get("demands")
            if want:
                for clause in r.data.get("demand_clauses", []):
                    demands[clause] = want[clause]

    reported = 0 if stance == "reject" else a
    ctx.derived = {"credibility": c, "acceptability": reported}
    return Answer(stance, c, reported, a, t, momentum, fired, demands, cparts, aparts)


# ---------------------------------------------------------------- one package at a time
#
# Russia's answer, worked out in two steps: first what the package alone decides (most of
# it: which terms count and for how much, which rules cannot fire), once per package; then,
# for each state, the little that is left. The result is `answer`'s, field for field.


class FormulaFor(NamedTuple):
    """A formula partly evaluated for one package: the total and parts of its leading terms
    that the package alone decides, then the rest in order, each a value or a term."""

    total: float
    parts: tuple[tuple[str, float], ...]
    rest: tuple[tuple[str, float | None, Term | None], ...]

    def evaluate(self, ctx: Ctx) -> tuple[int, list[list[Any]]]:
        parts: list[list[Any]] = [[i, v] for i, v in self.parts]
        total = self.total
        for term_id, value, term in self.rest:
            v = value if term is None else term(ctx)
            if v:
                parts.append([term_id, round(v, 2)])
                total += v
        return clamp(total), parts


class FormulaSpec(NamedTuple):
    base: float
    terms: tuple[tuple[str, TermSpec], ...]

    def of(self, pctx: Ctx) -> FormulaFor:
        """The formula for the package in `pctx` (adding in `Formula.evaluate`'s order)."""
        total = self.base
        parts: list[tuple[str, float]] = []
        rest: list[tuple[str, float | None, Term | None]] = []
        for term_id, spec in self.terms:
            r = spec(pctx)
            if rest or not isinstance(r, float):
                if isinstance(r, float):
                    if r:
                        rest.append((term_id, r, None))
                else:
                    rest.append((term_id, None, r))
            elif r:
                parts.append((term_id, round(r, 2)))
                total += r
        return FormulaFor(total, tuple(parts), tuple(rest))


def formula_spec(d: Mapping[str, Any]) -> FormulaSpec:
    return FormulaSpec(
        float(d.get("base", 0)),
        tuple((t["id"], compile_term_spec(t)) for t in d.get("terms", [])),
    )


class AnswerFor(NamedTuple):
    """Russia's rulebook partly evaluated for one package: its two formulas, and the rules
    that may still fire, each with what is left of its condition (None: it holds)."""

    cred: FormulaFor
    acc: FormulaFor
    stance_rules: tuple[tuple[str, Stance, int, Cond | None], ...]
    other_rules: tuple[tuple[str, frozenset[str] | None, Cond | None, Mapping[str, Any]], ...]

    def sums(self, ctx: Ctx) -> tuple[int, list[list[Any]], int, list[list[Any]]]:
        """As `evaluate`: both sums with their parts, left in `ctx.derived`."""
        c, cparts = self.cred.evaluate(ctx)
        a, aparts = self.acc.evaluate(ctx)
        ctx.derived = {"credibility": c, "acceptability": a}
        return c, cparts, a, aparts

    def answer(self, th: Threshold, ctx: Ctx) -> Answer:
        """As `answer`, for this package."""
        c, cparts = self.cred.evaluate(ctx)
        a, aparts = self.acc.evaluate(ctx)
        ctx.derived = {"credibility": c, "acceptability": a}
        momentum = int(ctx.ind.get("momentum", 50))
        t = th.at(momentum)
        computed: Stance
        if a >= t:
            computed = "accept"
        elif a >= t - th.counter_margin:
            computed = "counter"
        else:
            computed = "stall"
        stance: Stance = computed
        order = STANCE_ORDER.index(stance)
        holding: list[tuple[str, Stance]] = []
        for rule_id, rule_stance, rule_order, when in self.stance_rules:
            if when is None or when(ctx):
                holding.append((rule_id, rule_stance))
                if rule_order > order:
                    stance, order = rule_stance, rule_order
        fired = [rid for rid, st in holding if st == stance] if stance != computed else []
        demands: dict[str, Any] = {}
        for rule_id, on, when, data in self.other_rules:
            if on is not None and stance not in on:
                continue
            if when is None or when(ctx):
                fired.append(rule_id)
                want = data.get("demands")
                if want:
                    for clause in data.get("demand_clauses", []):
                        demands[clause] = want[clause]
        reported = 0 if stance == "reject" else a
        ctx.derived = {"credibility": c, "acceptability": reported}
        return Answer(stance, c, reported, a, t, momentum, fired, demands, cparts, aparts)


class Threshold:
    """Russia's threshold, by momentum (`threshold`), remembered for each momentum met."""

    def __init__(self, th: Mapping[str, Any]) -> None:
        self.data = th
        self.counter_margin = float(th["counter_margin"])
        self._at: dict[int, int] = {}

    def at(self, momentum: int) -> int:
        t = self._at.get(momentum)
        if t is None:
            t = self._at[momentum] = threshold(self.data, momentum)
        return t


class RussiaSpec:
    """Russia's rulebook, ready to be partly evaluated for any package (`of`)."""

    def __init__(
        self,
        rules: list[Mapping[str, Any]],
        credibility: Mapping[str, Any],
        acceptability: Mapping[str, Any],
    ) -> None:
        self.cred = formula_spec(credibility)
        self.acc = formula_spec(acceptability)
        self.rules = tuple(
            (
                r["id"],
                r.get("stance"),
                frozenset(r["on"]) if r.get("on") else None,
                compile_spec(r["when"]),
                r,
            )
            for r in rules
        )

    def of(self, pctx: Ctx) -> AnswerFor:
        """The rulebook for the package in `pctx`."""
        stance_rules: list[tuple[str, Stance, int, Cond | None]] = []
        other_rules: list[tuple[str, frozenset[str] | None, Cond | None, Mapping[str, Any]]] = []
        for rule_id, stance, on, spec, data in self.rules:
            r = spec(pctx)
            if r is False:
                continue
            when = None if r is True else r
            if stance is not None:
                stance_rules.append((rule_id, stance, STANCE_ORDER.index(stance), when))
            else:
                other_rules.append((rule_id, on, when, data))
        return AnswerFor(
            self.cred.of(pctx), self.acc.of(pctx), tuple(stance_rules), tuple(other_rules)
        )
