"""Can a rule ever fire? A bounded search over packages and states, run by the real engine.

The search tries every value of each clause the rule reads (numbers at the edges its
conditions name), over a few background packages, momentum levels, rounds and flags (and, for
a rule that asks, each package both as the scenario's opening one and not).
A rule that fires nowhere in that space is reported with a reason; the search stops at the
first state where it fires, so rules that can fire cost little.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from game.engine import package as pkg
from game.engine.conditions import Ctx, reads
from game.engine.russia import answer, compile_formula, compile_rules

BACKGROUNDS: tuple[dict[str, Any], ...] = (
    {},
    {"pledge": "assurances", "observers": True},
    {"recognition": "de_facto", "sanctions": "ease", "nato_posture": "pullback"},
    {"troops": {"europe": 20000, "us": 0}, "air_support": "us", "pledge": "article5_like"},
    {"air_support": "us_and_europe", "pledge": "binding_treaty", "sanctions": "tighten"},
)


def _numbers(cond: Mapping[str, Any] | None, clause: str) -> set[int]:
    out = {0}
    if cond is None:
        return out
    stack = [cond]
    while stack:
        c = stack.pop()
        if c["kind"] in ("all", "any"):
            stack.extend(c["of"])
        elif c["kind"] == "not":
            stack.append(c["cond"])
        elif c["kind"] == "clause" and c["clause"] == clause:
            vals = c["value"] if isinstance(c["value"], list) else [c["value"]]
            for v in vals:
                if isinstance(v, int) and not isinstance(v, bool):
                    out |= {max(0, v - 1), v, v + 1}
    return out


def _packages(rule: Mapping[str, Any]) -> Iterator[pkg.Package]:
    read = {name for kind, name in reads(rule["when"]) if kind == "clause"}
    domains: list[tuple[str, list[Any]]] = []
    for clause in sorted(read):
        if clause.startswith("troops."):
            domains.append((clause, sorted(_numbers(rule["when"], clause))))
        elif clause in pkg.CHOICES:
            domains.append((clause, list(pkg.CHOICES[clause])))
        else:
            domains.append((clause, [False, True]))
    for background in BACKGROUNDS:
        for combo in itertools.product(*(values for _, values in domains)):
            p = pkg.normalise(background)  # set clause by clause below
            for (clause, _), value in zip(domains, combo, strict=True):
                if clause == "troops.total":
                    p["troops"] = {"europe": value, "us": 0}
                elif clause.startswith("troops."):
                    p["troops"][clause.split(".")[1]] = value
                else:
                    p[clause] = value
            yield p


def unreachable(book: Mapping[str, Any], flags: set[str]) -> dict[str, str]:
    """Rule id -> why it never fires, for every rule of the book that fires nowhere in the search.

    One joint search: each state tried is answered once by the real engine, and every rule
    that fires there is ticked off, so the search costs little once most rules have fired.
    """
    rules = compile_rules(book["rules"])
    cred, acc = compile_formula(book["credibility"]), compile_formula(book["acceptability"])
    pending = {r["id"]: r for r in book["rules"]}
    tried: dict[str, int] = dict.fromkeys(pending, 0)
    indicators = dict(book["start"]["indicators"])
    rounds = sorted({1, 2, int(book["rounds"])})
    levels = (50, 0, 100)
    seen: set[tuple[Any, ...]] = set()
    for rule in list(pending.values()):
        if rule["id"] not in pending:
            continue
        read = reads(rule["when"])
        read_ind = {name for kind, name in read if kind == "indicator"}
        read_pos = {name for kind, name in read if kind == "position"}
        # whether the package is the scenario's opening one is tried both ways, as flags are
        openings = (True, False) if ("opening_package", "") in read else (False,)
        for p in _packages(rule):
            flat = pkg.flat(p)
            for momentum, level, r, with_flags, opening in itertools.product(
                levels, levels, rounds, (True, False), openings
            ):
                if rule["id"] not in pending:
                    break
                ind = dict(indicators)
                ind["momentum"] = momentum
                for name in read_ind:
                    ind[name] = level
                pos = {name: level for name in read_pos}
                key = (
                    tuple(sorted(flat.items())),
                    tuple(sorted(ind.items())),
                    tuple(sorted(pos.items())),
                    r,
                    with_flags,
                    opening,
                )
                if key in seen:
                    continue
                seen.add(key)
                tried[rule["id"]] += 1
                ctx = Ctx(
                    flat,
                    ind,
                    pos,
                    {f: True for f in flags} if with_flags else {},
                    r,
                    opening=opening,
                )
                for fired in answer(rules, cred, acc, book["threshold"], ctx).rules:
                    pending.pop(fired, None)
            if rule["id"] not in pending:
                break
    out: dict[str, str] = {}
    for rule_id, rule in pending.items():
        on = sorted(rule.get("on") or [])
        where = (
            f" while Russia's stance is {' or '.join(on)}" if on and not rule.get("stance") else ""
        )
        out[rule_id] = (
            f"its condition never holds{where} ({tried[rule_id]} packages and states tried)"
        )
    return out
