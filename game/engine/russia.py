"""Russia's answer: a pure function that returns its reasons with its verdict.

The screen that explains the answer and the test that checks it read the
same `Answer`: the stance, the two sums with every term, the threshold, and
each rule that fired with its sources.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.conditions import Cond, Ctx, Term, clamp, compile_cond, compile_term
from game.engine.shapes import RussiaEvent
from game.engine.vocab import STANCES, Stance

STANCE_ORDER = STANCES
"""Later is further from a deal: a rule's stance holds the answer at least that far."""


@dataclass(frozen=True)
class CompiledRule:
    id: str
    when: Cond
    stance: Stance | None
    on: frozenset[str] | None
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Formula:
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


@dataclass
class Answer:
    stance: Stance
    credibility: int
    acceptability: int
    """Reported acceptability: 0 when a red line fired."""
    raw_acceptability: int
    threshold: int
    momentum: int
    """Russia's momentum the threshold was computed from (it rises with it, P03)."""
    rules: list[str]
    demands: dict[str, Any] = field(default_factory=dict)
    credibility_terms: list[list[Any]] = field(default_factory=list)
    acceptability_terms: list[list[Any]] = field(default_factory=list)

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
