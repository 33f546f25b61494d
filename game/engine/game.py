"""The game: one `Engine` per scenario, one `apply(state, action) -> (state, events)`.

The state is plain, JSON-serialisable data (dicts, lists, ints, strings); the
random generator's state is an integer inside it. The engine keeps only the
compiled, read-only rulebook. `apply` never mutates the state it is given.

Actions are dicts with a `type`:

    {"type": "argue",    "seat": "europe", "card": "arg.budapest", "dice": [3, 4]?}
    {"type": "move",     "seat": "us", "move": "us.sanctions"}
    {"type": "propose",  "seat": "europe", "package": {...}}
    {"type": "agree",    "seat": "ukraine"}
    {"type": "table",    "seat": "europe"}        # ends the round: Russia answers
    {"type": "walk_out", "seat": "us"}
    {"type": "sign",     "seat": "ukraine"}       # after Russia accepts: every human seat signs
    {"type": "refuse",   "seat": "ukraine"}       # ... or refuses, and the talks go on
    {"type": "override", "seat": "facilitator", "reason": "...", "set": {"momentum": 40}}

`dice` on `argue` is a facilitator's override of the roll; it is logged with
the action like everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.engine import package as pkg
from game.engine import rng
from game.engine.conditions import Cond, Ctx, clamp, compile_cond, effect_delta
from game.engine.debate import best_counter, resolve
from game.engine.russia import Answer, answer, compile_formula, compile_rules, evaluate

State = dict[str, Any]
Action = Mapping[str, Any]
Event = dict[str, Any]

SEATS = ("europe", "us", "ukraine")
HAND_SIZE = 4
ARGUMENTS_PER_ROUND = 2


class ActionError(ValueError):
    """An action that is not legal in this state; the message says why."""


@dataclass(frozen=True)
class _Objection:
    seat: str
    id: str
    when: Cond
    unless: Cond | None
    data: Mapping[str, Any]


class Engine:
    """The compiled rulebook of one scenario and the pure functions over its states."""

    def __init__(self, book: Mapping[str, Any]) -> None:
        self.book = book
        self.id: str = book["id"]
        self.rounds: int = int(book["rounds"])
        self.days_per_round: int = int(book.get("days_per_round", 7))
        self.start_date = dt.date.fromisoformat(str(book["start"]["date"]))
        self.threshold: Mapping[str, Any] = book["threshold"]
        self.rules = compile_rules(book["rules"])
        self.rule_by_id = {r["id"]: r for r in book["rules"]}
        self.cred = compile_formula(book["credibility"])
        self.acc = compile_formula(book["acceptability"])
        self.actors: Mapping[str, Mapping[str, Any]] = book["actors"]
        self.arguments: Mapping[str, Mapping[str, Any]] = book["arguments"]
        self.counters: list[Mapping[str, Any]] = list(book.get("counters", []))
        self.events: list[Mapping[str, Any]] = sorted(
            book.get("events", []), key=lambda e: (str(e["date"]), e["id"])
        )
        self.news_by_round: dict[int, list[Mapping[str, Any]]] = {}
        """The dated events told in each round (those before the start come in round 1)."""
        for e in self.events:
            d = dt.date.fromisoformat(str(e["date"]))
            r = max(1, (d - self.start_date).days // self.days_per_round + 1)
            self.news_by_round.setdefault(r, []).append(e)
        self.locked: frozenset[str] = frozenset(book.get("locked", []))
        self.seats: tuple[str, ...] = tuple(book.get("seats", SEATS))
        self.objections: list[_Objection] = []
        for seat in self.seats:
            actor = self.actors[seat]
            for o in actor.get("red_lines", []):
                self.objections.append(_Objection(seat, o["id"], compile_cond(o["when"]), None, o))
            for o in actor.get("flexible", []):
                self.objections.append(
                    _Objection(
                        seat, o["id"], compile_cond(o["when"]), compile_cond(o.get("unless")), o
                    )
                )
        self._objection_data = {o.id: o.data for o in self.objections}
        self._flat: tuple[tuple[Any, dict[str, Any]], tuple[Any, dict[str, Any]]] = (
            (None, {}),
            (None, {}),
        )
        """Flat views of the last two packages read (packages are never changed in place)."""
        self.rule_effects = {r["id"]: r.get("effects") or [] for r in book["rules"]}
        self.policies = {s: tuple(self.actors[s].get("policy", [])) for s in self.seats}
        self.round_dates: dict[int, str] = {}
        self.moves: dict[str, Mapping[str, Any]] = {}
        self.move_when: dict[str, Cond] = {}
        for seat in self.seats:
            for m in self.actors[seat].get("moves", []):
                self.moves[m["id"]] = {**m, "seat": seat}
                self.move_when[m["id"]] = compile_cond(m.get("when"))
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

    # ------------------------------------------------------------ start

    def new_game(
        self, seed: int, humans: list[str] | tuple[str, ...] = ()
    ) -> tuple[State, list[Event]]:
        """The opening state (round 1's news applied) and its events."""
        for seat in humans:
            if seat not in self.seats:
                raise ActionError(
                    f"unknown seat {seat!r} in scenario {self.id}; seats: {', '.join(self.seats)}"
                )
        start = self.book["start"]
        positions: dict[str, int] = {}
        for seat in self.seats:
            for p in self.actors[seat].get("positions", []):
                positions[p["id"]] = int(p["start"])
        positions.update(start.get("positions", {}))
        state: State = {
            "scenario": self.id,
            "seed": seed,
            "rng": rng.seed_state(seed),
            "round": 1,
            "phase": "talks",
            "seats": {s: ("human" if s in humans else "computer") for s in self.seats},
            "indicators": dict(start["indicators"]),
            "positions": positions,
            "flags": {f: True for f in start.get("flags", [])},
            "package": pkg.copy(self.book["package"]),
            "draft": None,
            "agreed": [],
            "used": {s: {"arguments": 0, "move": None} for s in self.seats},
            "hands": {s: [] for s in self.seats},
            "decks": {s: [] for s in self.seats},
            "played": [],
            "standing": [],
            "ongoing": [],
            "news": [],
            "answer": None,
            "history": [],
            "signed": [],
            "outcome": None,
            "epilogue": None,
            "scores": None,
        }
        events: list[Event] = []
        for seat in humans:
            state["rng"], deck = rng.shuffled(state["rng"], self.decks[seat])
            state["decks"][seat] = deck
        self._open_round(state, events)
        return state, events

    # ------------------------------------------------------------ the one entry point

    def apply(
        self, state: State, action: Action, *, in_place: bool = False
    ) -> tuple[State, list[Event]]:
        """The next state and what happened. Raises ActionError for an illegal action.

        The state given is left as it was, unless `in_place`: a caller that owns the state and
        never looks back at it (the batch simulator) may skip the copy; the result is the same,
        but after an ActionError such a state may be half changed and must be dropped."""
        if not (type(action) is dict or isinstance(action, Mapping)) or "type" not in action:
            raise ActionError(f"an action is a mapping with a 'type', not {action!r}")
        kind = action["type"]
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise ActionError(f"unknown action type {kind!r}; known: {', '.join(_HANDLERS)}")
        phase = state["phase"]
        if phase == "over":
            raise ActionError(
                f"the talks are over ({state['outcome']['kind']}); {kind} is not possible"
            )
        if kind != "override" and (phase == "signing") != (kind in ("sign", "refuse")):
            raise ActionError(
                "Russia has accepted: each human seat must sign or refuse"
                if phase == "signing"
                else f"{kind} is only possible after Russia accepts"
            )
        new = state if in_place else _copy(state)
        events: list[Event] = []
        handler(self, new, action, events)
        return new, events

    # ------------------------------------------------------------ reading the state

    def ctx(self, state: State, package: pkg.Package | None = None) -> Ctx:
        p = package if package is not None else state["package"]
        a, b = self._flat
        if a[0] is p:
            view = a[1]
        elif b[0] is p:
            view = b[1]
        else:
            view = pkg.flat(p)
            self._flat = ((p, view), a)
        return Ctx(
            view,
            state["indicators"],
            state["positions"],
            state["flags"],
            state["round"],
        )

    def assess(self, state: State, package: pkg.Package | None = None) -> Answer:
        """Russia's answer to a package in this state, without changing anything."""
        return answer(self.rules, self.cred, self.acc, self.threshold, self.ctx(state, package))

    def sums_into(self, ctx: Ctx) -> None:
        evaluate(self.cred, self.acc, ctx)

    def sums(self, state: State, package: pkg.Package) -> tuple[int, int]:
        """Credibility and acceptability (before red lines) of a package in this state."""
        c, _, a, _ = evaluate(self.cred, self.acc, self.ctx(state, package))
        return c, a

    def objections_to(
        self, state: State, package: pkg.Package, seat: str | None = None
    ) -> list[Event]:
        """Which seats refuse which clauses of a package, and why (computer and human alike)."""
        ctx = self.ctx(state, package)
        out: list[Event] = []
        for o in self.objections:
            if seat is not None and o.seat != seat:
                continue
            if o.when(ctx) and (o.unless is None or not o.unless(ctx)):
                out.append(
                    {
                        "seat": o.seat,
                        "id": o.id,
                        "red_line": o.unless is None,
                        "source": o.data["source"],
                    }
                )
        return out

    def objection_data(self, objection_id: str) -> Mapping[str, Any]:
        return self._objection_data[objection_id]

    def date_of(self, round_no: int) -> dt.date:
        return self.start_date + dt.timedelta(days=(round_no - 1) * self.days_per_round)

    def humans(self, state: State) -> list[str]:
        return [s for s, kind in state["seats"].items() if kind == "human"]

    def available_moves(self, state: State, seat: str, ctx: Ctx | None = None) -> list[str]:
        if state["used"][seat]["move"] is not None:
            return []
        if ctx is None:
            ctx = self.ctx(state)
        running = {o["move"] for o in state["ongoing"]} if state["ongoing"] else set()
        return [
            m
            for m in (x["id"] for x in self.actors[seat].get("moves", []))
            if m not in running and self.move_when[m](ctx)
        ]

    def legal_actions(self, state: State, seat: str) -> list[Action]:
        """The actions a seat may take now (proposals aside: any package is a proposal)."""
        if state["phase"] == "signing":
            if seat in self.humans(state) and seat not in state["signed"]:
                return [{"type": "sign", "seat": seat}, {"type": "refuse", "seat": seat}]
            return []
        if state["phase"] != "talks":
            return []
        out: list[Action] = []
        if state["used"][seat]["arguments"] < ARGUMENTS_PER_ROUND:
            out += [{"type": "argue", "seat": seat, "card": c} for c in state["hands"][seat]]
        out += [
            {"type": "move", "seat": seat, "move": m} for m in self.available_moves(state, seat)
        ]
        out.append({"type": "table", "seat": seat})
        out.append({"type": "walk_out", "seat": seat})
        return out

    # ------------------------------------------------------------ round mechanics

    def _open_round(self, state: State, events: list[Event]) -> None:
        """News for the round now starting; hands refilled; per-round usage reset."""
        r = state["round"]
        if r not in self.round_dates:
            self.round_dates[r] = self.date_of(r).isoformat()
        state["date"] = self.round_dates[r]
        news = []
        for e in self.news_by_round.get(r, ()):
            news.append(e["id"])
            events.append({"type": "news", "event": e["id"], "date": str(e["date"])})
            self._effects(state, e.get("effects", []), {"event": e["id"]}, events)
        state["news"] = news
        state["used"] = {s: {"arguments": 0, "move": None} for s in self.seats}
        state["agreed"] = []
        state["draft"] = None
        for seat in self.humans(state):
            hand, deck = list(state["hands"][seat]), list(state["decks"][seat])
            while len(hand) < HAND_SIZE and deck:
                hand.append(deck.pop(0))
            state["hands"][seat], state["decks"][seat] = hand, deck
        events.append({"type": "round", "round": r, "date": state["date"]})

    def _effects(
        self,
        state: State,
        effects: Sequence[Mapping[str, Any]],
        cause: dict[str, str],
        events: list[Event],
    ) -> None:
        for e in effects:
            kind = e["kind"]
            if kind == "shift":
                name = e["indicator"]
                indicators = state["indicators"]
                before = indicators.get(name, 0)
                delta = effect_delta(e, indicators) if e.get("scale") else e["delta"]
                after = before + delta  # whole numbers: clamped without rounding
                after = 0 if after < 0 else 100 if after > 100 else after
                if after != before:
                    indicators[name] = after
                    events.append(
                        {
                            "type": "change",
                            "indicator": name,
                            "from": before,
                            "to": after,
                            "cause": cause,
                        }
                    )
            elif kind == "position":
                name = e["position"]
                positions = state["positions"]
                before = positions.get(name, 0)
                after = before + int(e["delta"])
                after = 0 if after < 0 else 100 if after > 100 else after
                if after != before:
                    positions[name] = after
                    events.append(
                        {
                            "type": "change",
                            "position": name,
                            "from": before,
                            "to": after,
                            "cause": cause,
                        }
                    )
            elif kind == "flag":
                if e.get("set", True):
                    state["flags"][e["flag"]] = True
                else:
                    state["flags"].pop(e["flag"], None)
                events.append(
                    {"type": "flag", "flag": e["flag"], "set": e.get("set", True), "cause": cause}
                )

    def _computer_moves(self, state: State, events: list[Event]) -> None:
        ctx = self.ctx(state)
        for seat in self.seats:
            if state["seats"][seat] != "computer":
                continue
            available = self.available_moves(state, seat, ctx)
            for move_id in self.policies[seat]:
                if move_id in available:
                    self._do_move(state, seat, move_id, events)
                    ctx = self.ctx(state)  # the move may have changed what the next seat can do
                    break

    def _do_move(self, state: State, seat: str, move_id: str, events: list[Event]) -> None:
        move = self.moves[move_id]
        state["used"][seat] = {**state["used"][seat], "move": move_id}
        events.append({"type": "move", "seat": seat, "move": move_id})
        self._effects(state, move["effects"], {"move": move_id}, events)
        if int(move.get("lasting", 1)) > 1:
            state["ongoing"] = [
                *state["ongoing"],
                {"move": move_id, "seat": seat, "left": int(move["lasting"]) - 1},
            ]

    def _tick_ongoing(self, state: State, events: list[Event]) -> None:
        keep = []
        for o in state["ongoing"]:
            self._effects(state, self.moves[o["move"]]["effects"], {"move": o["move"]}, events)
            if o["left"] > 1:
                keep.append({**o, "left": o["left"] - 1})
        state["ongoing"] = keep

    def _finish(self, state: State, kind: str, reason: str, events: list[Event]) -> None:
        state["phase"] = "over"
        state["outcome"] = {"kind": kind, "reason": reason, "round": state["round"]}
        events.append({"type": "outcome", "kind": kind, "reason": reason})
        state["epilogue"] = self._epilogue(state)
        events.append({"type": "epilogue", **state["epilogue"]})
        state["scores"] = self.scores(state)
        events.append({"type": "scores", "scores": state["scores"]})

    def _epilogue(self, state: State) -> dict[str, Any]:
        deal = state["outcome"]["kind"] == "deal"
        ctx = self.ctx(state)
        cred, _, _, _ = evaluate(self.cred, self.acc, ctx)
        stories = [
            s["id"]
            for cond, s in self.stories
            if cond(ctx) and (not s.get("outcome") or state["outcome"]["kind"] in s["outcome"])
        ]
        if not deal:
            return {
                "deal": False,
                "credibility": cred,
                "chance": None,
                "aggression_year": None,
                "years": [],
                "stories": stories,
            }
        ep = self.epilogue
        chance = float(ep["base"]) * (1 - cred / 100.0) ** float(ep["exponent"])
        years: list[dict[str, Any]] = []
        hit: int | None = None
        for year in range(1, int(ep["years"]) + 1):
            state["rng"], x = rng.random(state["rng"])
            attacked = x < chance
            years.append({"year": year, "roll": round(x, 4), "attack": attacked})
            if attacked:
                hit = year
                loss = int(ep.get("territory_loss", 0))
                before = state["indicators"].get("territory", 0)
                state["indicators"]["territory"] = clamp(before - loss)
                years[-1]["territory"] = [before, state["indicators"]["territory"]]
                break
        return {
            "deal": True,
            "credibility": cred,
            "chance": round(chance, 4),
            "aggression_year": hit,
            "years": years,
            "stories": stories,
        }

    def scores(self, state: State) -> dict[str, dict[str, Any]]:
        """Each seat's score on its own objectives, with every part shown (3.9)."""
        ctx = self.ctx(state)
        cred, _, acc, _ = evaluate(self.cred, self.acc, ctx)
        outcome = (state.get("outcome") or {}).get("kind")
        epi = state.get("epilogue") or {}
        aggression = (outcome is not None and outcome != "deal") or epi.get(
            "aggression_year"
        ) is not None
        out: dict[str, dict[str, Any]] = {}
        for seat in self.seats:
            parts: list[list[Any]] = []
            for t in self.actors[seat].get("score", []):
                if t.get("outcome") and t["kind"] != "outcome" and outcome not in t["outcome"]:
                    continue
                if t.get("peace_holds") and aggression:
                    continue  # an end to the fighting that did not last counts for nothing
                if not self.score_conds[(seat, t["id"])](ctx):
                    continue
                kind, w, p = t["kind"], float(t.get("weight", 1)), float(t.get("points", 0))
                if kind == "indicator":
                    v = w * state["indicators"].get(t["indicator"], 0)
                elif kind == "derived":
                    v = w * (cred if t["name"] == "credibility" else acc)
                elif kind == "outcome":
                    v = p if outcome in (t.get("outcome") or []) else 0.0
                elif kind == "aggression":
                    v = p if aggression else 0.0
                elif kind == "rounds":
                    v = w * state["round"]
                elif kind == "flag":
                    v = p if t.get("flag") in state["flags"] else 0.0
                else:  # clause: the condition above already held
                    v = p
                if v:
                    parts.append([t["id"], round(v, 1)])
            out[seat] = {"total": round(sum(v for _, v in parts), 1), "parts": parts}
        return out


# ---------------------------------------------------------------- handlers


def _seat(engine: Engine, state: State, action: Action) -> str:
    seat = action.get("seat")
    if seat not in engine.seats:
        raise ActionError(f"unknown seat {seat!r}; seats: {', '.join(engine.seats)}")
    return str(seat)


def _argue(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    card_id = str(action.get("card"))
    if card_id not in engine.arguments:
        raise ActionError(f"unknown argument card {action.get('card')!r}")
    if state["used"][seat]["arguments"] >= ARGUMENTS_PER_ROUND:
        raise ActionError(f"{seat} has already played {ARGUMENTS_PER_ROUND} arguments this round")
    if state["seats"][seat] == "human" and card_id not in state["hands"][seat]:
        raise ActionError(f"{card_id} is not in {seat}'s hand")
    card = engine.arguments[card_id]
    if seat not in card["by"]:
        raise ActionError(f"{seat} cannot play {card_id}")
    dice = action.get("dice")
    overridden = dice is not None
    if dice is None:
        state["rng"], d1 = rng.randint(state["rng"], 1, 6)
        state["rng"], d2 = rng.randint(state["rng"], 1, 6)
    else:
        if (
            not isinstance(dice, (list, tuple))
            or len(dice) != 2
            or not all(isinstance(d, int) and 1 <= d <= 6 for d in dice)
        ):
            raise ActionError(f"dice must be two numbers 1-6, not {dice!r}")
        d1, d2 = dice
    counter = best_counter(engine.counters, card["to"], card_id)
    result = resolve(card, counter, (d1, d2))
    result.update({"type": "argument", "seat": seat, "overridden": overridden})
    if overridden:
        result["reason"] = str(action.get("reason", ""))
    events.append(result)
    state["used"][seat] = {**state["used"][seat], "arguments": state["used"][seat]["arguments"] + 1}
    state["hands"][seat] = [c for c in state["hands"][seat] if c != card_id]
    state["played"] = [
        *state["played"],
        {
            "round": state["round"],
            "seat": seat,
            **{k: result[k] for k in ("card", "counter", "dice", "total", "success")},
        },
    ]
    if result["success"]:
        engine._effects(state, card["effects"], {"argument": card_id}, events)
        state["standing"] = [*state["standing"], card_id]
    elif {seat, card["to"]} == {"us", "europe"}:
        state["flags"]["split"] = True
        events.append(
            {"type": "flag", "flag": "split", "set": True, "cause": {"argument": card_id}}
        )


def _move(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    move_id = action.get("move")
    if move_id not in engine.moves or engine.moves[move_id]["seat"] != seat:
        raise ActionError(f"{seat} has no move {move_id!r}")
    if move_id not in engine.available_moves(state, seat):
        raise ActionError(f"{move_id} is not available to {seat} now")
    engine._do_move(state, seat, str(move_id), events)


def _propose(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    try:
        new = pkg.normalise(action.get("package", {}))
    except pkg.PackageError as e:
        raise ActionError(str(e)) from e
    changed = pkg.changed_clauses(state["package"], new)
    locked = [c for c in changed if c in engine.locked]
    if locked:
        raise ActionError(f"this scenario does not allow changing: {', '.join(locked)}")
    state["draft"] = new
    state["draft_by"] = seat
    state["agreed"] = [seat]
    events.append(
        {
            "type": "proposal",
            "seat": seat,
            "package": new,  # packages are replaced whole, never changed: shared
            "changed": changed,
            "objections": engine.objections_to(state, new),
        }
    )


def _agree(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    if state["draft"] is None:
        raise ActionError("there is no proposal to agree to")
    if seat not in state["agreed"]:
        state["agreed"] = [*state["agreed"], seat]
    events.append({"type": "agree", "seat": seat})


REBUTTAL_TARGET = 8
"""A computer listener undoes a standing argument when 2d6 + counter - argument >= this."""


def _rebuttals(engine: Engine, state: State, events: list[Event]) -> None:
    """Computer listeners answer the arguments that landed against them last round, once each:
    a successful argument holds until it is countered (GAME-DESIGN 3.8), and one that
    survives its counter holds for good."""
    keep: list[str] = []
    for card_id in state["standing"]:
        card = engine.arguments[card_id]
        listener = card["to"]
        counter = best_counter(engine.counters, listener, card_id)
        moved = [e for e in card["effects"] if e["kind"] == "position"]
        if counter is None or not moved or state["seats"].get(listener) != "computer":
            keep.append(card_id)
            continue
        state["rng"], d1 = rng.randint(state["rng"], 1, 6)
        state["rng"], d2 = rng.randint(state["rng"], 1, 6)
        total = d1 + d2 + int(counter["strength"]) - int(card["strength"])
        success = total >= REBUTTAL_TARGET
        events.append(
            {
                "type": "rebuttal",
                "seat": listener,
                "card": card_id,
                "counter": counter["id"],
                "dice": [d1, d2],
                "counter_strength": int(counter["strength"]),
                "strength": int(card["strength"]),
                "total": total,
                "target": REBUTTAL_TARGET,
                "success": success,
            }
        )
        if success:
            undo = [{**e, "delta": -int(e["delta"])} for e in moved]
            engine._effects(state, undo, {"rebuttal": card_id}, events)
        # one answer each: an argument that survives its counter holds for good
    state["standing"] = keep


def _table(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    if state["standing"]:
        _rebuttals(engine, state, events)
    engine._computer_moves(state, events)
    draft = state["draft"]
    if draft is not None:
        objections = engine.objections_to(state, draft)
        blocking = [o for o in objections if state["seats"][o["seat"]] == "computer"]
        missing = [s for s in engine.humans(state) if s not in state["agreed"]]
        if not blocking and not missing:
            state["package"] = draft
            events.append({"type": "tabled", "seat": seat, "package": draft})
        else:
            events.append(
                {"type": "refused", "seat": seat, "objections": blocking, "not_agreed": missing}
            )
            backers = set(state["agreed"])
            refusers = {o["seat"] for o in blocking}
            if ("us" in refusers and "europe" in backers) or (
                "europe" in refusers and "us" in backers
            ):
                state["flags"]["split"] = True
                events.append(
                    {"type": "flag", "flag": "split", "set": True, "cause": {"refusal": seat}}
                )
    verdict = engine.assess(state)
    events.append(verdict.as_event(engine.rule_by_id.__getitem__))
    for rule_id in verdict.rules:
        effects = engine.rule_effects[rule_id]
        if effects:
            engine._effects(state, effects, {"rule": rule_id}, events)
    state["answer"] = {
        "stance": verdict.stance,
        "credibility": verdict.credibility,
        "acceptability": verdict.acceptability,
        "threshold": verdict.threshold,
        "rules": list(verdict.rules),
        "demands": dict(verdict.demands),
    }
    state["history"] = [
        *state["history"],
        {
            "round": state["round"],
            "date": state["date"],
            "package": state["package"],
            "stance": verdict.stance,
            "credibility": verdict.credibility,
            "acceptability": verdict.acceptability,
            "threshold": verdict.threshold,
            "rules": list(verdict.rules),
            "indicators": dict(state["indicators"]),
        },
    ]
    state["flags"].pop("split", None)
    if verdict.stance == "accept":
        refusing = [
            o
            for o in engine.objections_to(state, state["package"])
            if state["seats"][o["seat"]] == "computer"
        ]
        if refusing:
            events.append({"type": "not_signed", "objections": refusing})
            _fighting_goes_on(engine, state, events)
        elif engine.humans(state):
            state["phase"] = "signing"
            state["signed"] = []
            events.append({"type": "signing", "seats": engine.humans(state)})
            return
        else:
            engine._finish(state, "deal", "russia_accepts", events)
            return
    _end_round(engine, state, events)


def _end_round(engine: Engine, state: State, events: list[Event]) -> None:
    engine._tick_ongoing(state, events)
    if state["indicators"].get("us_engagement", 1) <= 0:
        engine._finish(state, "collapse", "us_cuts_adrift", events)
        return
    if state["round"] >= engine.rounds:
        engine._finish(state, "timeout", "rounds_out", events)
        return
    state["round"] += 1
    engine._open_round(state, events)


def _sign(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    if seat not in engine.humans(state):
        raise ActionError(f"{seat} is played by the computer, which signs by itself")
    if seat not in state["signed"]:
        state["signed"] = [*state["signed"], seat]
    events.append({"type": "signed", "seat": seat})
    if all(s in state["signed"] for s in engine.humans(state)):
        state["phase"] = "talks"
        engine._finish(state, "deal", "russia_accepts", events)


def _refuse(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    if seat not in engine.humans(state):
        raise ActionError(f"{seat} is played by the computer")
    events.append({"type": "refused_to_sign", "seat": seat})
    state["phase"] = "talks"
    state["signed"] = []
    _fighting_goes_on(engine, state, events)
    _end_round(engine, state, events)


def _fighting_goes_on(engine: Engine, state: State, events: list[Event]) -> None:
    """Russia accepted but the West did not sign: the week ends as if Russia had stalled."""
    ctx = engine.ctx(state)
    engine.sums_into(ctx)
    fired = [
        r.id
        for r in engine.rules
        if r.stance is None and r.on is not None and "stall" in r.on and r.when(ctx)
    ]
    events.append({"type": "no_deal", "rules": fired})
    for rule_id in fired:
        engine._effects(
            state, engine.rule_by_id[rule_id].get("effects", []), {"rule": rule_id}, events
        )


def _walk_out(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    seat = _seat(engine, state, action)
    engine._finish(state, "collapse", f"{seat}_walks_out", events)


def _override(engine: Engine, state: State, action: Action, events: list[Event]) -> None:
    """A facilitator sets indicators or positions directly, with a logged reason."""
    reason = action.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ActionError("an override needs a reason")
    changes = action.get("set", {})
    if not isinstance(changes, Mapping):
        raise ActionError("override 'set' must map indicator or position names to 0-100")
    for name, value in changes.items():
        if not isinstance(value, int) or not 0 <= value <= 100:
            raise ActionError(f"override {name}: {value!r} is not a whole number 0-100")
        if name in state["indicators"]:
            target = "indicators"
        elif name in state["positions"]:
            target = "positions"
        else:
            raise ActionError(f"override: unknown indicator or position {name!r}")
        before = state[target][name]
        state[target][name] = value
        key = "indicator" if target == "indicators" else "position"
        events.append(
            {
                "type": "change",
                key: name,
                "from": before,
                "to": value,
                "cause": {"override": reason},
            }
        )


_HANDLERS = {
    "argue": _argue,
    "move": _move,
    "propose": _propose,
    "agree": _agree,
    "table": _table,
    "walk_out": _walk_out,
    "sign": _sign,
    "refuse": _refuse,
    "override": _override,
}


def _copy(s: State) -> State:
    """A copy deep enough that handlers can change it freely; finished entries are shared."""
    n = dict(s)
    n["indicators"] = dict(s["indicators"])
    n["positions"] = dict(s["positions"])
    n["flags"] = dict(s["flags"])
    n["seats"] = dict(s["seats"])
    # packages are replaced whole, never changed in place, so they are shared
    n["used"] = {k: dict(v) for k, v in s["used"].items()}
    n["hands"] = {k: list(v) for k, v in s["hands"].items()}
    n["decks"] = {k: list(v) for k, v in s["decks"].items()}
    n["agreed"] = list(s["agreed"])
    return n
