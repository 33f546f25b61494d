"""Debate (GAME-DESIGN 3.8): 2d6 plus named modifiers against a target, every part shown.

The modifiers are the card's own (strength, relevance), the listener's best counter, and three
that depend on the listener and the evidence, so that choosing an argument is a real choice:

- `stance`: how far the listener is from changing its mind on the position the card moves. A
  listener that already leans the card's way is receptive (+1); one within 15 points of its
  threshold is open (0); one 16-30 points away is reluctant (-1); one further away is hostile
  (-2). Russia's stance is its confidence that it is winning (P03): `momentum` 70 or more -2,
  55 or more -1, 40 or more 0, below +1. A card that moves only indicators at an ally is 0.
- `red_line`: -1 when the card asks the listener to give way on a clause it also holds a red
  line on (Ukraine asked to live with de facto recognition, when it will never recognise the
  occupation in law), so the listener is hostile there.
- `repetition`: -1 for each argument this listener has already heard on the same position or
  indicator this round or the last, at most -2 (what it has already heard).
- `evidence`: +1 when the card rests on what the text says (no interpretation, no disputed
  figure), 0 when it is the designer's reading (`interpretation`), -1 when it repeats a figure
  the record disputes (`factcheck`).

`chance` gives the exact probability over the 36 outcomes of 2d6 before the roll; `resolve`
applies the same modifiers to the dice, so the two can never disagree.
`preview` tells what a card moves, how far the listener is from changing its mind, and whether
playing it would cut against the playing seat's own package.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple, cast

from game.engine.effects import apply_effects
from game.engine.shapes import Resolution, State

TARGET = 8
"""2d6 + modifiers >= TARGET: the argument lands."""

OPEN_WITHIN = 15
"""A listener this close to its threshold (or closer) is open to the argument."""
RELUCTANT_WITHIN = 30
"""Further than OPEN_WITHIN and up to this far, reluctant; beyond it, hostile."""
DEFAULT_THRESHOLD = 50
"""The threshold of a position no objection names (positions run 0-100)."""
REPETITION_CAP = 2
RED_LINE = 1
"""What asking a listener to give way next to one of its red lines costs."""
MEMORY = 2
"""A listener remembers the arguments of this round and the last (a round is about a week)."""

OUTCOMES = tuple((a, b) for a in range(1, 7) for b in range(1, 7))
"""The 36 equally likely rolls of 2d6."""

WINS = tuple(sum(1 for a, b in OUTCOMES if a + b >= need) for need in range(14))
"""How many of the 36 rolls reach a 2d6 sum of `need` (index), for needs 0-13."""


def wins_at(need: int) -> int:
    """How many of the 36 rolls of 2d6 reach `need` (all of them at 2 or less, none above 12)."""
    return 36 if need <= 2 else 0 if need > 12 else WINS[need]


class DebateError(ValueError):
    """A card or listener that cannot be argued; the message says why."""


class Odds:
    """The chance of one argument before it is played, with every part of the modifier."""

    __slots__ = ("card", "counter", "modifier", "modifiers", "seat", "target", "to")

    def __init__(
        self,
        card: str,
        seat: str,
        to: str,
        counter: str | None,
        modifiers: tuple[dict[str, Any], ...],
        target: int,
    ) -> None:
        self.card = card
        self.seat = seat
        self.to = to
        self.counter = counter
        self.modifiers = modifiers
        """Each {"name", "value", ...details}; the values add up to `modifier`."""
        self.target = target
        self.modifier: int = sum(int(m["value"]) for m in modifiers)

    def _fields(self) -> tuple[Any, ...]:
        return (self.card, self.seat, self.to, self.counter, self.modifiers, self.target)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Odds) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # its modifiers are dicts

    def __repr__(self) -> str:
        return (
            f"Odds(card={self.card!r}, seat={self.seat!r}, to={self.to!r}, "
            f"counter={self.counter!r}, modifiers={self.modifiers!r}, target={self.target!r})"
        )

    @property
    def need(self) -> int:
        """The 2d6 sum needed to land."""
        return self.target - self.modifier

    @property
    def wins(self) -> int:
        """How many of the 36 rolls land."""
        return wins_at(self.need)

    @property
    def chance(self) -> float:
        return self.wins / 36

    def value(self, name: str) -> int:
        return sum(int(m["value"]) for m in self.modifiers if m["name"] == name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "card": self.card,
            "seat": self.seat,
            "to": self.to,
            "counter": self.counter,
            "modifiers": [dict(m) for m in self.modifiers],
            "modifier": self.modifier,
            "target": self.target,
            "need": self.need,
            "wins": self.wins,
            "chance": round(self.chance, 4),
        }


def best_counter(
    counters: Sequence[Mapping[str, Any]], listener: str, card_id: str
) -> Mapping[str, Any] | None:
    """The listener's strongest counter-card to this argument (first wins a tie)."""
    best: Mapping[str, Any] | None = None
    for c in counters:
        if (
            c["by"] == listener
            and card_id in c["answers"]
            and (best is None or c["strength"] > best["strength"])
        ):
            best = c
    return best


# ---------------------------------------------------------------- the listener's thresholds


def _position_tests(cond: Mapping[str, Any] | None) -> Iterator[tuple[str, str, int]]:
    """(position, op, value) of every position comparison inside a condition."""
    if not cond:
        return
    kind = cond.get("kind")
    if kind == "position" and isinstance(cond.get("value"), int):
        yield str(cond["position"]), str(cond["op"]), int(cond["value"])
    for key in ("of",):
        for sub in cond.get(key) or ():
            yield from _position_tests(sub)
    if isinstance(cond.get("cond"), Mapping):
        yield from _position_tests(cond["cond"])


def _clauses(cond: Mapping[str, Any] | None) -> set[str]:
    """The package clauses a condition reads (troops.total reads troops.europe and troops.us)."""
    if not cond:
        return set()
    out: set[str] = set()
    if cond.get("kind") == "clause":
        name = str(cond["clause"])
        out |= {"troops.europe", "troops.us"} if name == "troops.total" else {name}
    for sub in cond.get("of") or ():
        out |= _clauses(sub)
    if isinstance(cond.get("cond"), Mapping):
        out |= _clauses(cond["cond"])
    return out


def red_lines_near(engine: Any, listener: str, position: str) -> list[dict[str, Any]]:
    """The listener's red lines on a clause its objections on this position are about:
    an argument that asks it to give way there comes close to a line it will never cross."""
    clauses: set[str] = set()
    for o in engine.actors[listener].get("flexible", []):
        if any(pos == position for pos, _, _ in _position_tests(o.get("unless"))):
            clauses |= _clauses(o.get("when"))
    out = []
    for r in engine.actors[listener].get("red_lines", []):
        shared = sorted(clauses & _clauses(r.get("when")))
        if shared:
            out.append({"red_line": r["id"], "clauses": shared})
    return out


def thresholds(engine: Any, position: str) -> list[dict[str, Any]]:
    """The values at which a position changes its holder's mind: each flexible objection whose
    `unless` tests it, as {"objection", "seat", "op", "value"} (lowest value first)."""
    out: list[dict[str, Any]] = []
    for seat in engine.seats:
        for o in engine.actors[seat].get("flexible", []):
            for pos, op, value in _position_tests(o.get("unless")):
                if pos == position:
                    out.append({"objection": o["id"], "seat": seat, "op": op, "value": value})
    out.sort(key=lambda t: (t["value"], t["objection"]))
    return out


def _willing_at(op: str, value: int) -> int:
    """The lowest position value that passes `position op value` for ge/gt (the usual form)."""
    return value + 1 if op == "gt" else value


def distance(engine: Any, position: str, at: int, delta: int) -> tuple[int, int]:
    """How far a position must travel in the card's direction to change its holder's mind,
    and the threshold it is measured against: the lowest value at which an objection on it
    lifts (its first change of mind). <= 0: it already leans the card's way."""
    t = min(
        (
            _willing_at(x["op"], x["value"])
            for x in thresholds(engine, position)
            if x["op"] in ("ge", "gt")
        ),
        default=DEFAULT_THRESHOLD,
    )
    if delta > 0:
        return t - at, t  # at or above the threshold already: <= 0
    return at - t + 1, t  # below it already: <= 0


def _stance_value(dist: int) -> int:
    if dist <= 0:
        return 1
    if dist <= OPEN_WITHIN:
        return 0
    if dist <= RELUCTANT_WITHIN:
        return -1
    return -2


def _aims(card: Mapping[str, Any]) -> set[str]:
    out = set()
    for e in card["effects"]:
        if e["kind"] == "position":
            out.add(e["position"])
        elif e["kind"] == "shift":
            out.add(e["indicator"])
    return out


class _Card(NamedTuple):
    """What `chance` reads of a card that never changes in a game: its own modifiers, the
    listener's best counter, its red line and evidence, and each position it moves with the
    threshold that position is measured against. Worked out once per rulebook and card."""

    to: str
    by: tuple[str, ...]
    counter: str | None
    fixed: tuple[dict[str, Any], ...]
    """The modifiers strength, relevance and counter, in that order."""
    red_line: dict[str, Any]
    evidence: dict[str, Any]
    moved: tuple[tuple[str, int, int], ...]
    """(position, delta, threshold) of each position the card moves."""
    aims: frozenset[str]


def _card_facts(engine: Any, card_id: str) -> _Card | None:
    """The card's fixed facts, from the rulebook's memo (None for an unknown card)."""
    memo: dict[str, _Card] | None = getattr(engine, "debate_memo", None)
    if memo is not None:
        facts = memo.get(card_id)
        if facts is not None:
            return facts
    card = engine.arguments.get(card_id)
    if card is None:
        return None
    counter = best_counter(engine.counters, card["to"], card_id)
    basis = evidence_basis(card)
    moved = []
    for e in card["effects"]:
        if e["kind"] == "position":
            _, t = distance(engine, e["position"], 0, int(e["delta"]))
            moved.append((str(e["position"]), int(e["delta"]), t))
    fixed: tuple[dict[str, Any], ...] = (
        {"name": "strength", "value": int(card["strength"])},
        {"name": "relevance", "value": int(card["relevance"])},
        {
            "name": "counter",
            "value": -int(counter["strength"]) if counter else 0,
            "counter": counter["id"] if counter else None,
        },
    )
    facts = _Card(
        to=card["to"],
        by=tuple(card["by"]),
        counter=counter["id"] if counter else None,
        fixed=fixed,
        red_line=_red_line(engine, card),
        evidence={"name": "evidence", "value": _EVIDENCE[basis], "basis": basis},
        moved=tuple(moved),
        aims=frozenset(_aims(card)),
    )
    if memo is not None:
        memo[card_id] = facts
    return facts


def _stance(engine: Any, state: Mapping[str, Any], facts: _Card) -> dict[str, Any]:
    if facts.moved:
        worst: dict[str, Any] | None = None
        positions = state["positions"]
        for position, delta, t in facts.moved:
            at = int(positions.get(position, 0))
            dist = t - at if delta > 0 else at - t + 1  # as `distance`
            value = _stance_value(dist)
            if worst is None or value < worst["value"]:
                worst = {
                    "name": "stance",
                    "value": value,
                    "position": position,
                    "at": at,
                    "threshold": t,
                    "distance": dist,
                }
        assert worst is not None
        return worst
    if facts.to == "russia":
        momentum = int(state["indicators"].get("momentum", 50))
        value = 1 if momentum < 40 else 0 if momentum < 55 else -1 if momentum < 70 else -2
        return {"name": "stance", "value": value, "indicator": "momentum", "at": momentum}
    return {"name": "stance", "value": 0}


def _red_line(engine: Any, card: Mapping[str, Any]) -> dict[str, Any]:
    """-1 when the card asks the listener to give way, on a clause it holds a red line on."""
    listener = card["to"]
    if listener not in engine.actors:
        return {"name": "red_line", "value": 0}
    near: list[dict[str, Any]] = []
    for e in card["effects"]:
        if e["kind"] == "position" and int(e["delta"]) > 0:
            near += red_lines_near(engine, listener, e["position"])
    if not near:
        return {"name": "red_line", "value": 0}
    return {"name": "red_line", "value": -RED_LINE, **near[0]}


def _repetition(engine: Any, state: Mapping[str, Any], facts: _Card) -> dict[str, Any]:
    heard = 0
    since = int(state["round"]) - MEMORY + 1
    played = state.get("played", ())
    if played:
        to, aims = facts.to, facts.aims
        for p in played:
            if p["round"] < since:
                continue
            other = _card_facts(engine, p["card"])
            if other is not None and other.to == to and not other.aims.isdisjoint(aims):
                heard += 1
    return {"name": "repetition", "value": -min(heard, REPETITION_CAP), "heard": heard}


def evidence_basis(card: Mapping[str, Any]) -> str:
    """explicit (the text says it), implied (the designer's reading) or hedged (disputed)."""
    if card.get("factcheck"):
        return "hedged"
    if card.get("interpretation"):
        return "implied"
    return "explicit"


_EVIDENCE = {"explicit": 1, "implied": 0, "hedged": -1}


BEST = "best"
"""`chance(..., counter=BEST)`: the listener answers with its strongest counter (the default)."""


def chance(
    engine: Any,
    state: Mapping[str, Any],
    seat: str,
    card_id: str,
    listener: str | None = None,
    counter: str | None = BEST,
) -> Odds:
    """The exact odds of `seat` playing `card_id` now, before any roll (nothing is changed).
    The listener answers with its strongest counter, or with `counter` (the id of one of its
    counters to this card; None: it lets the argument stand, without a counter)."""
    facts = _card_facts(engine, card_id)
    if facts is None:
        raise DebateError(f"unknown argument card {card_id!r}")
    if seat not in facts.by:
        raise DebateError(f"{seat} cannot play {card_id}")
    if listener is not None and listener != facts.to:
        raise DebateError(f"{card_id} is addressed to {facts.to}, not {listener}")
    strength, relevance, best = facts.fixed
    answered = facts.counter
    if counter != BEST:
        answer: Mapping[str, Any] | None = None
        if counter is not None:
            answer = next(
                (
                    c
                    for c in engine.counters
                    if c["id"] == counter and c["by"] == facts.to and card_id in c["answers"]
                ),
                None,
            )
            if answer is None:
                raise DebateError(f"{counter} is not a counter of {facts.to} to {card_id}")
        answered = answer["id"] if answer else None
        best = {
            "name": "counter",
            "value": -int(answer["strength"]) if answer else 0,
            "counter": answered,
        }
    mods: tuple[dict[str, Any], ...] = (
        dict(strength),
        dict(relevance),
        dict(best),
        _stance(engine, state, facts),
        dict(facts.red_line),
        _repetition(engine, state, facts),
        dict(facts.evidence),
    )
    return Odds(card_id, seat, facts.to, answered, mods, TARGET)


def resolve(odds: Odds, dice: tuple[int, int]) -> Resolution:
    """The full, open resolution of one argument: the dice plus every modifier."""
    by = {m["name"]: m for m in odds.modifiers}
    modifier = odds.modifier
    total = dice[0] + dice[1] + modifier
    return {
        "card": odds.card,
        "to": odds.to,
        "counter": odds.counter,
        "dice": [dice[0], dice[1]],
        "strength": int(by["strength"]["value"]),
        "relevance": int(by["relevance"]["value"]),
        "counter_strength": -int(by["counter"]["value"]),
        "modifiers": [dict(m) for m in odds.modifiers],
        "modifier": modifier,
        "chance": round(wins_at(odds.target - modifier) / 36, 4),
        "total": total,
        "target": odds.target,
        "success": total >= odds.target,
    }


# ---------------------------------------------------------------- what a card would do


def own_package(state: Mapping[str, Any], seat: str) -> tuple[str, Any]:
    """The package a seat stands behind now: the draft on the desk if it proposed it or
    agreed to it, or else the package on the table."""
    if state.get("draft") is not None and (
        state.get("draft_by") == seat or state.get("answers", {}).get(seat) == "agree"
    ):
        return "draft", state["draft"]
    return "tabled", state["package"]


def _after(state: Mapping[str, Any], card: Mapping[str, Any]) -> dict[str, Any]:
    """The state's positions, indicators and flags if the card lands: the engine's own
    effects, run on copies."""
    after: dict[str, Any] = {
        **state,
        "positions": dict(state["positions"]),
        "indicators": dict(state["indicators"]),
        "flags": dict(state["flags"]),
    }
    apply_effects(cast(State, after), card["effects"], {"argument": card["id"]}, [])
    return after


def _harder(op: str, delta: int) -> bool:
    """Does moving a position by delta make `position op value` harder to pass?"""
    return (op in ("ge", "gt") and delta < 0) or (op in ("le", "lt") and delta > 0)


def preview(engine: Any, state: Mapping[str, Any], seat: str, card_id: str) -> dict[str, Any]:
    """What a card would do if it lands, before it is played (GAME-DESIGN 3.8):

    - `moves`: each position it moves, with `direction` (+1 toward agreeing, -1 away), `delta`,
      the listener's value now (`at`), `after`, its `threshold` for changing its mind and its
      `distance` from it in the card's direction (<= 0: it already leans that way), and every
      objection that position lifts (`thresholds`, see `thresholds`);
    - `shifts`: each indicator it moves, with `delta`, `at` and `after`;
    - `package`: which package is the seat's own (`draft` or `tabled`);
    - `warnings`: each seat that would be less likely to agree to that package: `refuses` when
      it would newly object, `further` when an objection it already has would be harder to lift;
    - `helps`: the objections to that package it would lift (`lifts`) or bring closer (`closer`);
    - `odds`: `chance(...)` as a dict.
    """
    odds = chance(engine, state, seat, card_id)
    card = engine.arguments[card_id]
    moves = []
    for e in card["effects"]:
        if e["kind"] == "position":
            at = int(state["positions"].get(e["position"], 0))
            delta = int(e["delta"])
            dist, t = distance(engine, e["position"], at, delta)
            moves.append(
                {
                    "position": e["position"],
                    "seat": card["to"],
                    "direction": 1 if delta > 0 else -1,
                    "delta": delta,
                    "at": at,
                    "after": max(0, min(100, at + delta)),
                    "threshold": t,
                    "distance": dist,
                    "thresholds": thresholds(engine, e["position"]),
                }
            )
    after = _after(state, card)
    shifts: list[dict[str, Any]] = []
    for e in card["effects"]:
        if e["kind"] == "shift" and e["indicator"] not in {x["indicator"] for x in shifts}:
            at = int(state["indicators"].get(e["indicator"], 0))
            end = int(after["indicators"][e["indicator"]])
            shifts.append({"indicator": e["indicator"], "delta": end - at, "at": at, "after": end})
    which, package = own_package(state, seat)
    before_obj = {o["id"]: o for o in engine.objections_to(state, package)}
    after_obj = {o["id"]: o for o in engine.objections_to(after, package)}
    moved = {m["position"]: m for m in moves}
    warnings: list[dict[str, Any]] = []
    helps: list[dict[str, Any]] = []
    for oid, o in after_obj.items():
        if oid not in before_obj:
            warnings.append({"kind": "refuses", "seat": o["seat"], "objection": oid})
    for oid, o in before_obj.items():
        if oid not in after_obj:
            helps.append({"kind": "lifts", "seat": o["seat"], "objection": oid})
            continue
        if o["red_line"]:
            continue
        for pos, op, value in _position_tests(engine.objection_data(oid).get("unless")):
            m = moved.get(pos)
            if m is None or m["after"] == m["at"]:
                continue
            entry = {
                "seat": o["seat"],
                "objection": oid,
                "position": pos,
                "from": m["at"],
                "to": m["after"],
                "threshold": value,
            }
            if _harder(op, m["delta"]):
                warnings.append({"kind": "further", **entry})
            else:
                helps.append({"kind": "closer", **entry})
    return {
        "card": card_id,
        "seat": seat,
        "to": card["to"],
        "moves": moves,
        "shifts": shifts,
        "package": which,
        "warnings": warnings,
        "helps": helps,
        "odds": odds.as_dict(),
    }


def hand(engine: Any, state: Mapping[str, Any], seat: str) -> list[dict[str, Any]]:
    """`preview` of every card in a seat's hand, in hand order: what the hand shows."""
    return [preview(engine, state, seat, c) for c in state["hands"][seat]]
