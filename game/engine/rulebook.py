"""The rulebook of one scenario, compiled once, and the questions a state can be asked.

Nothing here changes a state: Russia's answer to a package, who objects to it and why, the
moves a seat may make, the actions it may take, Russia's words. The rulebook itself never
changes after it is built; its memory (what each package met decides on its own, the fixed
facts of each argument card, Russia's threshold by momentum) changes how fast an answer
comes, never what it is (tests/test_engine_compiled.py checks it against the plain rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from game.engine import package as pkg
from game.engine.conditions import Cond, Ctx, Spec, compile_cond, compile_spec
from game.engine.debate import best_counter
from game.engine.effects import Compiled, compile_effects
from game.engine.russia import (
    Answer,
    AnswerFor,
    RussiaSpec,
    Threshold,
    compile_formula,
    compile_rules,
    evaluate,
)
from game.engine.shapes import ObjectionRecord, Readable
from game.engine.vocab import SEATS

HAND_SIZE = 4
ARGUMENTS_PER_ROUND = 2


class Objection(NamedTuple):
    """A seat's red line (no `unless`) or flexible position on a clause, compiled."""

    seat: str
    id: str
    when: Cond
    unless: Cond | None
    data: Mapping[str, Any]
    when_spec: Spec
    unless_spec: Spec | None


class PackageFacts:
    """What the rulebook works out once per package (packages are never changed in place):
    the clauses as conditions read them, and, when first asked, Russia's rulebook and the
    objections partly evaluated for it."""

    __slots__ = ("answer", "flat", "objections", "opening", "package")

    def __init__(self, package: pkg.Package, flat: dict[str, Any], opening: bool) -> None:
        self.package = package
        self.flat = flat
        self.opening = opening
        """Whether the package is the scenario's opening one, every clause as it was."""
        self.answer: AnswerFor | None = None
        self.objections: tuple[tuple[str, str, bool, Any, Cond | None, Cond | None], ...] | None = (
            None
        )


KEPT_OBJECTS = 256
"""How many package objects the rulebook knows by identity (then it starts again)."""
KEPT_PACKAGES = 4096
"""How many packages' facts the rulebook keeps (then it starts again): far more than a game
meets, enough for a batch of simulated games to meet the same packages again."""


class Rulebook:
    """The compiled rules of one scenario and the pure questions over its states."""

    def __init__(self, book: Mapping[str, Any]) -> None:
        self.book = book
        self.id: str = book["id"]
        self.rounds: int = int(book["rounds"])
        self.days_per_round: int = int(book.get("days_per_round", 7))
        self.start_date = dt.date.fromisoformat(str(book["start"]["date"]))
        self.threshold: Mapping[str, Any] = book["threshold"]
        self.rules = compile_rules(book["rules"])
        self.rule_by_id = {r["id"]: r for r in book["rules"]}
        self.rule_effects = {
            r["id"]: compile_effects(r.get("effects") or []) for r in book["rules"]
        }
        self.cred = compile_formula(book["credibility"])
        self.acc = compile_formula(book["acceptability"])
        self.russia = RussiaSpec(book["rules"], book["credibility"], book["acceptability"])
        self.threshold_at = Threshold(book["threshold"])
        self.actors: Mapping[str, Mapping[str, Any]] = book["actors"]
        self.arguments: Mapping[str, Mapping[str, Any]] = book["arguments"]
        self.argument_effects = {
            a: compile_effects(card["effects"]) for a, card in self.arguments.items()
        }
        self.counters: list[Mapping[str, Any]] = list(book.get("counters", []))
        self.events: list[Mapping[str, Any]] = sorted(
            book.get("events", []), key=lambda e: (str(e["date"]), e["id"])
        )
        self.news_by_round: dict[int, list[Mapping[str, Any]]] = {}
        """The dated events told in each round (those before the start come in round 1)."""
        self.news: dict[int, list[tuple[Mapping[str, Any], tuple[Compiled, ...]]]] = {}
        """The same events, each with its effects compiled."""
        for e in self.events:
            d = dt.date.fromisoformat(str(e["date"]))
            r = max(1, (d - self.start_date).days // self.days_per_round + 1)
            self.news_by_round.setdefault(r, []).append(e)
            self.news.setdefault(r, []).append((e, compile_effects(e.get("effects", []))))
        self.round_dates: dict[int, str] = {
            r: self.date_of(r).isoformat() for r in range(1, self.rounds + 1)
        }
        self.locked: frozenset[str] = frozenset(book.get("locked", []))
        self.seats: tuple[str, ...] = tuple(dict.fromkeys(book.get("seats", SEATS)))
        """The seats in turn order (a seat listed twice plays once, in its first place)."""
        self.objections: list[Objection] = []
        for seat in self.seats:
            actor = self.actors[seat]
            for o in actor.get("red_lines", []):
                self.objections.append(
                    Objection(
                        seat,
                        o["id"],
                        compile_cond(o["when"]),
                        None,
                        o,
                        compile_spec(o["when"]),
                        None,
                    )
                )
            for o in actor.get("flexible", []):
                self.objections.append(
                    Objection(
                        seat,
                        o["id"],
                        compile_cond(o["when"]),
                        compile_cond(o.get("unless")),
                        o,
                        compile_spec(o["when"]),
                        compile_spec(o.get("unless")),
                    )
                )
        self._objection_data = {o.id: o.data for o in self.objections}
        self.opening_flat = pkg.flat(book["package"])
        """The flat view of the package the scenario opens with (`opening_package` reads it)."""
        self._by_id: dict[int, PackageFacts] = {}
        """The facts of the packages read lately, by the package's identity."""
        self._facts: dict[tuple[Any, ...], PackageFacts] = {}
        """The facts of the packages read, by their clauses."""
        self._counters: dict[tuple[str, str], Mapping[str, Any] | None] = {}
        self._counterable: dict[str, frozenset[str]] = {}
        """The best counter of each listener to each card, as `counter_to` finds it."""
        self.memo: dict[Any, Any] = {}
        """What other modules work out once per rulebook (the ending's score parts)."""
        self.debate_memo: dict[str, Any] = {}
        """Each argument card's fixed facts, as `debate.chance` works them out (on first use)."""
        self.policies = {s: tuple(self.actors[s].get("policy", [])) for s in self.seats}
        self.moves: dict[str, Mapping[str, Any]] = {}
        self.move_when: dict[str, Cond] = {}
        self.move_effects: dict[str, tuple[Compiled, ...]] = {}
        self._seat_moves: dict[str, tuple[tuple[str, Cond], ...]] = {}
        """Each seat's moves in order, with their conditions."""
        for seat in self.seats:
            for m in self.actors[seat].get("moves", []):
                self.moves[m["id"]] = {**m, "seat": seat}
                self.move_when[m["id"]] = compile_cond(m.get("when"))
                self.move_effects[m["id"]] = compile_effects(m["effects"])
            self._seat_moves[seat] = tuple(
                (m["id"], self.move_when[m["id"]]) for m in self.actors[seat].get("moves", [])
            )
        self._own_moves = {seat: dict(moves) for seat, moves in self._seat_moves.items()}
        self.decks: dict[str, list[str]] = {
            seat: sorted(a for a, card in self.arguments.items() if seat in card["by"])
            for seat in self.seats
        }
        self.epilogue: Mapping[str, Any] = book["epilogue"]
        self.stories = [(compile_cond(s["when"]), s) for s in self.epilogue.get("stories", [])]
        self.score_conds = {
            (seat, t["id"]): compile_cond(t.get("when"))
            for seat in self.seats
            for t in self.actors[seat].get("score", [])
        }

    # ------------------------------------------------------------ reading a state

    def facts(self, package: pkg.Package) -> PackageFacts:
        """The package's facts: found by identity for a package read lately (its facts keep
        it alive, so no other package can take its id meanwhile), else by the package's
        clauses; a package that cannot be a key (unhashable values, a missing clause) gets
        facts of its own."""
        found = self._by_id.get(id(package))
        if found is not None and found.package is package:
            return found
        try:
            key: tuple[Any, ...] | None = pkg.key(package)
            found = self._facts.get(key)  # type: ignore[arg-type]
        except (KeyError, TypeError):
            key, found = None, None
        if found is None or found.package is not package:
            if found is not None:
                flat, opening = found.flat, found.opening
            else:
                flat = pkg.flat(package)
                opening = flat == self.opening_flat
            facts = PackageFacts(package, flat, opening)
            if found is not None:  # an equal package: what it decided holds for this one
                facts.answer, facts.objections = found.answer, found.objections
            if key is not None:
                if len(self._facts) >= KEPT_PACKAGES:
                    self._facts.clear()
                self._facts[key] = facts
            found = facts
        if len(self._by_id) >= KEPT_OBJECTS:
            self._by_id.clear()
        self._by_id[id(package)] = found
        return found

    def ctx(self, state: Readable, package: pkg.Package | None = None) -> Ctx:
        """What conditions read: the package (the one on the table unless given) and the state."""
        facts = self.facts(package if package is not None else state["package"])
        return self._ctx(facts, state)

    @staticmethod
    def _ctx(facts: PackageFacts, state: Readable) -> Ctx:
        """A package's facts and a state as conditions read them."""
        return Ctx(
            facts.flat,
            state["indicators"],
            state["positions"],
            state["flags"],
            state["round"],
            opening=facts.opening,
        )

    def _answer_for(self, facts: PackageFacts) -> AnswerFor:
        spec = facts.answer
        if spec is None:
            spec = facts.answer = self.russia.of(
                Ctx(facts.flat, {}, {}, {}, 0, opening=facts.opening)
            )
        return spec

    def assess(self, state: Readable, package: pkg.Package | None = None) -> Answer:
        """Russia's answer to a package in this state, without changing anything."""
        facts = self.facts(package if package is not None else state["package"])
        ctx = self._ctx(facts, state)
        return self._answer_for(facts).answer(self.threshold_at, ctx)

    def sums_into(self, ctx: Ctx) -> None:
        """Credibility and acceptability computed into `ctx`, for conditions that read them."""
        evaluate(self.cred, self.acc, ctx)

    def sums(self, state: Readable, package: pkg.Package) -> tuple[int, int]:
        """Credibility and acceptability (before red lines) of a package in this state."""
        c, _, a, _ = self.sums_of(state, package)
        return c, a

    def sums_of(
        self, state: Readable, package: pkg.Package | None = None
    ) -> tuple[int, list[list[Any]], int, list[list[Any]]]:
        """Credibility and acceptability of a package (the one on the table unless given)
        with their parts, as `russia.evaluate` gives them."""
        facts = self.facts(package if package is not None else state["package"])
        ctx = self._ctx(facts, state)
        return self._answer_for(facts).sums(ctx)

    def summed(self, state: Readable) -> tuple[Ctx, int, int]:
        """The context of the package on the table, with credibility and acceptability
        computed into it (`ctx` then `sums_into`), and the two sums."""
        facts = self.facts(state["package"])
        ctx = self._ctx(facts, state)
        c, _, a, _ = self._answer_for(facts).sums(ctx)
        return ctx, c, a

    def objections_to(
        self, state: Readable, package: pkg.Package, seat: str | None = None
    ) -> list[ObjectionRecord]:
        """Which seats refuse which clauses of a package, and why (computer and human alike)."""
        facts = self.facts(package)
        spec = facts.objections
        if spec is None:
            spec = facts.objections = self._objections_for(
                Ctx(facts.flat, {}, {}, {}, 0, opening=facts.opening)
            )
        ctx = self._ctx(facts, state)
        out: list[ObjectionRecord] = []
        for o_seat, o_id, red_line, source, when, unless in spec:
            if seat is not None and o_seat != seat:
                continue
            if (when is None or when(ctx)) and (unless is None or not unless(ctx)):
                out.append({"seat": o_seat, "id": o_id, "red_line": red_line, "source": source})
        return out

    def _objections_for(
        self, pctx: Ctx
    ) -> tuple[tuple[str, str, bool, Any, Cond | None, Cond | None], ...]:
        """The objections partly evaluated for the package in `pctx`: those that may still
        hold, each with what is left of its `when` and its `unless` (None: holds, lifted
        never)."""
        out = []
        for o in self.objections:
            when = o.when_spec(pctx)
            if when is False:
                continue
            unless = o.unless_spec(pctx) if o.unless_spec is not None else False
            if unless is True:
                continue
            out.append(
                (
                    o.seat,
                    o.id,
                    o.unless is None,
                    o.data["source"],
                    None if when is True else when,
                    None if unless is False else unless,
                )
            )
        return tuple(out)

    def objection_data(self, objection_id: str) -> Mapping[str, Any]:
        return self._objection_data[objection_id]

    def date_of(self, round_no: int) -> dt.date:
        return self.start_date + dt.timedelta(days=(round_no - 1) * self.days_per_round)

    def humans(self, state: Readable) -> list[str]:
        return [s for s, kind in state["seats"].items() if kind == "human"]

    def available_moves(self, state: Readable, seat: str, ctx: Ctx | None = None) -> list[str]:
        if state["used"][seat]["move"] is not None:
            return []
        if ctx is None:
            ctx = self.ctx(state)
        moves = self._seat_moves.get(seat)
        if moves is None:  # not one of this scenario's seats
            moves = tuple(
                (x["id"], self.move_when[x["id"]]) for x in self.actors[seat].get("moves", [])
            )
        if state["ongoing"]:
            running = {o["move"] for o in state["ongoing"]}
            return [m for m, when in moves if m not in running and when(ctx)]
        return [m for m, when in moves if when(ctx)]

    def may_move(self, state: Readable, seat: str, move_id: str) -> bool:
        """Whether `move_id` is among `available_moves(state, seat)` (only its own condition
        is asked)."""
        if state["used"][seat]["move"] is not None:
            return False
        when = self._own_moves.get(seat, {}).get(move_id)
        if when is None:
            return move_id in self.available_moves(state, seat)  # not a seat of this scenario
        if state["ongoing"] and any(o["move"] == move_id for o in state["ongoing"]):
            return False
        return bool(when(self.ctx(state)))

    def counterable(self, seat: str) -> frozenset[str]:
        """The argument cards `seat` can counter when they stand against it: addressed to it,
        moving a position, with a counter of its own (`legal.counters`); listed once."""
        found = self._counterable.get(seat)
        if found is None:
            found = self._counterable[seat] = frozenset(
                card_id
                for card_id, card in self.arguments.items()
                if card["to"] == seat
                and any(e["kind"] == "position" for e in card["effects"])
                and self.counter_to(seat, card_id)
            )
        return found

    def counter_to(self, listener: str, card_id: str) -> Mapping[str, Any] | None:
        """The listener's strongest counter-card to an argument (`debate.best_counter`),
        looked up once per listener and card."""
        key = (listener, card_id)
        if key in self._counters:
            return self._counters[key]
        found = self._counters[key] = best_counter(self.counters, listener, card_id)
        return found

    def policy_move(self, state: Readable, seat: str, ctx: Ctx | None = None) -> str | None:
        """The first move of the seat's policy it may make now (`available_moves`), or None:
        the policy is read in order and stops at the first, so the moves after it are not
        asked (nor the state's context made when no move of the policy is free)."""
        if state["used"][seat]["move"] is not None:
            return None
        running = {o["move"] for o in state["ongoing"]} if state["ongoing"] else ()
        own = self._own_moves[seat]
        for move_id in self.policies[seat]:
            when = own.get(move_id)
            if when is not None and move_id not in running:
                if ctx is None:
                    ctx = self.ctx(state)
                if when(ctx):
                    return str(move_id)
        return None

    def statement(self, stance: str, rule_ids: Sequence[str], lang: str) -> str:
        """What Russia says, in one language: the stance's line, then the words of each of
        Russia's own rules that fired (the allies' rules explain, they are not Russia's words).
        A text missing in one language falls back to the other."""
        parts = [_text(self.book["statements"][stance], lang)]
        parts += [
            _text(self.rule_by_id[r]["says"], lang) for r in rule_ids if r.startswith("russia.")
        ]
        return " ".join(p for p in parts if p)


def _text(obj: Mapping[str, Any] | None, lang: str) -> str:
    """A text in a language, falling back to the other one."""
    if not obj:
        return ""
    return str(obj.get(lang) or obj.get("en") or obj.get("ar") or "")
