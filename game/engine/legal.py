"""The actions a seat may take now: `legal_actions(book, view, seat)`, read from its view.

It reads only what a seat's view holds (`shapes.View`), so asking with the state or with the
seat's view gives the same list. It is complete, but for one thing: any well-formed package
is a legal proposal, so proposals are listed from a fixed set of candidates
(`candidate_packages`):

- each change of a single clause of the draft, and of the package on the table, to each of
  its values (troops in steps of `TROOP_STEPS`, each choice, each flag turned over), never of
  a clause the scenario locks;
- the packages the scripted strategies aim at (`strategies.TARGETS`, locked clauses as on
  the table).

Everything else is listed in full: the cards of the seat's hand while it has arguments left,
its counters to arguments standing against it, its moves, agree and object (with the
objections that hold) while it has not answered the draft, pass, table (from lap 2), walk
out and undo (when the last action can be taken back); after Russia accepts, sign and refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from game.engine import package as pkg
from game.engine.rulebook import ARGUMENTS_PER_ROUND
from game.engine.shapes import Action, View
from game.engine.targets import TARGETS
from game.engine.vocab import FLAG_CLAUSES, TROOP_SEATS

if TYPE_CHECKING:
    from game.engine.rulebook import Rulebook

TROOP_STEPS: dict[str, tuple[int, ...]] = {
    "europe": (0, 5_000, 15_000, 20_000, 40_000, 60_000),
    "us": (0, 5_000, 10_000),
}
"""The troop numbers a one-clause candidate tries for each sender."""


def single_changes(book: Rulebook, base: pkg.Package) -> list[pkg.Package]:
    """Every package that differs from `base` in one clause (locked clauses never change)."""
    out: list[pkg.Package] = []
    for who in TROOP_SEATS:
        if "troops" in book.locked:
            break
        for n in TROOP_STEPS[who]:
            if n != base["troops"][who]:
                out.append({**base, "troops": {**base["troops"], who: n}})
    for clause, options in pkg.CHOICES.items():
        if clause in book.locked:
            continue
        out += [{**base, clause: o} for o in options if o != base[clause]]
    for flag in FLAG_CLAUSES:
        if flag not in book.locked:
            out.append({**base, flag: not base[flag]})
    return out


def candidate_packages(book: Rulebook, v: View) -> list[pkg.Package]:
    """The proposals `legal_actions` lists (see the module's notes), each once, in order."""
    table = v["package"]
    bases = [table] if v["draft"] is None else [v["draft"], table]
    found: list[pkg.Package] = []
    for base in bases:
        found += single_changes(book, base)
    for want in TARGETS.values():
        p = pkg.normalise(want)
        for clause in book.locked:
            p[clause] = pkg.copy(table)[clause]
        found.append(p)
    seen: set[str] = set()
    out: list[pkg.Package] = []
    for p in found:
        key = repr(sorted(p.items()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def counters(book: Rulebook, v: Mapping[str, Any], seat: str) -> list[str]:
    """The standing arguments `seat` can counter now (addressed to it, having moved a
    position, with a counter of its own)."""
    out: list[str] = []
    mine = book.counterable(seat)
    for card_id in v["standing"]:
        if card_id in mine and card_id not in out:
            out.append(card_id)
    return out


def answers(book: Rulebook, card_id: str, seat: str) -> list[Action]:
    """A person's answers to a computer seat's argument: concede, each of their counters to
    it, or let it stand."""
    out: list[Action] = [{"type": "respond", "seat": seat, "answer": "concede"}]
    out += [
        {"type": "respond", "seat": seat, "answer": "counter", "counter": c["id"]}
        for c in book.counters
        if c["by"] == seat and card_id in c["answers"]
    ]
    out.append({"type": "respond", "seat": seat, "answer": "stand"})
    return out


def legal_actions(book: Rulebook, v: View, seat: str) -> list[Action]:
    if v["phase"] == "over" or v["turn"] != seat or seat not in book.seats:
        return []
    if v["phase"] == "signing":
        return [{"type": "sign", "seat": seat}, {"type": "refuse", "seat": seat}]
    pending = v.get("pending")
    if pending:
        return answers(book, pending["card"], seat)
    out: list[Action] = []
    if v["used"][seat]["arguments"] < ARGUMENTS_PER_ROUND:
        for card in dict.fromkeys(v["hand"]):
            out.append({"type": "argue", "seat": seat, "card": card})
    out += [{"type": "counter", "seat": seat, "card": c} for c in counters(book, v, seat)]
    out += [{"type": "move", "seat": seat, "move": m} for m in book.available_moves(v, seat)]
    draft = v["draft"]
    if draft is not None and seat not in v["answers"]:
        out.append({"type": "agree", "seat": seat})
        holding = [o["id"] for o in book.objections_to(v, draft, seat)]
        if holding:
            out.append({"type": "object", "seat": seat, "objections": holding})
    out += [{"type": "propose", "seat": seat, "package": p} for p in candidate_packages(book, v)]
    if v["can_undo"]:
        out.append({"type": "undo", "seat": seat})
    if v["lap"] >= 2:
        out.append({"type": "table", "seat": seat})
    out.append({"type": "pass", "seat": seat})
    out.append({"type": "walk_out", "seat": seat})
    return out
