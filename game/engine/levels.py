"""The computer seats' levels: `easy`, `normal` and `hard` players (GAME-DESIGN 3.6).

Every level is a `players.Player`: it is given its seat's view (`Engine.view`) and answers
with one of the actions `Engine.legal_actions` lists for it. None of them ever reads what the
view does not hold: the cards it has not seen, the order of the decks and the dice are
sampled (`outlook.determinise`) from the player's own generator, seeded by `seed`.

- `easy` is `easy.EasyPlayer`: counters, the first move of its policy, agrees or objects
  with its objections, passes, tables from lap 2, signs unless an objection holds.
- `normal` negotiates, then looks one action ahead. With the draft first (`negotiate`): it
  agrees to a draft worth at least what the package on the table is worth to it (what
  follows if the draft is not agreed: that package goes to Russia), objects at once with its
  objections when one holds (the reasons quoted from the data; it never signs such a
  package), and amends a draft it would lose by; with no draft, it proposes. What it proposes
  is the package worth most to it among those no seat objects to by its data and every other
  seat would agree to, as far as its view lets it tell (each seat's objectives are public
  data: the package must be worth at least the table to each), Russia's named price paid
  among the candidates; once every seat has agreed, it tables. Everything else (arguments,
  moves, countering, passing, tabling, walking out, signing) it weighs one step ahead: it
  applies each legal action with the engine to a state rebuilt from its view and takes the
  one whose result is worth most to its seat (`outlook.value`: its own score for a finished
  game, else its outlook). A roll is weighed over both its results by its exact chance. It
  argues at whoever blocks the package it wants (a person or a computer seat), weighs
  refusing a deal Russia accepted against the talks as they stand, and walks out only when
  what the talks can still bring is worth less than the collapse it causes (the war going
  on without a guarantee: `outlook.leaving_value`).
- `hard` searches: it keeps the few actions `normal` rates best (and passing, and what its
  `Autopilot` would do where it stands: the move its worlds expect of it), and plays each of
  them out to the end of the round (Russia's answer, the signing if it accepts) in WORLDS
  sampled worlds (determinisation: the unseen cards dealt at random, fresh dice), itself by its
  `Autopilot` (the package it proposes, or the draft it agreed to, or its first target; a draft
  every seat agreed to tabled at once, as it does itself; otherwise `easy`), the others by their
  `easy` players, and weighs where each world stands then as `normal` weighs a state (a finished
  game's score; else the outlook as the next round opens). When it proposes, it weighs the few
  best packages `normal` would put forward the same way. It takes another action than `normal`'s
  only when its worlds, the same worlds for every candidate, show a clear gain (MARGIN) twice
  over: as `normal` weighs where they stand, and with Russia's chances read past its opening
  weeks (in rounds 1-2 Moscow signs nothing whatever its sums say, which `normal`'s outlook
  reads as a package it will never sign: weighed that way alone, the worlds of round 1 favour
  packages Russia cannot yet take, and deals come later). The bar is higher (HELD a world more)
  for each world in which `normal`'s choice ends the talks in a deal and the other action does
  not: a deal in hand is certain, the outlook of talks left open an estimate. Its budget is a
  number of worlds, so a decision takes the same work on any machine and the same seed gives the
  same decision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from game.engine import outlook, rng, vocab
from game.engine.actions import REBUTTAL_TARGET
from game.engine.debate import best_counter, chance
from game.engine.easy import EasyPlayer, Player
from game.engine.game import ActionError, Engine, current_player, view
from game.engine.shapes import Action, Package, State, View

LEVELS = vocab.LEVELS

Aims = tuple[list[Package], list[Package]]
"""What a seat works toward: its targets and its wish (`outlook.aims`)."""
"""The computer players' levels, weakest first."""

GAIN = 0.05
"""What an action must add to the seat's outlook, over passing, for `normal` to take it
(an action worth no more than passing is not worth the time of the table)."""

WORLDS = 6
"""How many sampled worlds `hard` plays each of its candidate actions out in."""
CANDIDATES = 3
"""How many of `normal`'s best-rated actions `hard` plays out (passing and tabling are always
among them when legal)."""
MARGIN = 1.0
"""How much more, on average over its worlds, an action must be worth to `hard` than the one
`normal` would take (the first it weighs) for `hard` to take it instead, by both of its
weighings (`HardPlayer._search`): the worlds are few and played out roughly, so a small
difference is noise."""
HELD = 2.0
"""What more, a world, an action must be worth to `hard` than `normal`'s choice for each world
in which `normal`'s choice ends the talks in a deal and the action does not (a deal in hand
is certain; the outlook of talks left open is an estimate from worlds played roughly, which
flatters a package Russia has not yet taken)."""
TOLERANCE = 0.5
"""A draft worth this little less than the package on the table is still agreed to (a
negotiator does not hold the table up over half a point)."""
PROPOSALS = 2
"""At most this many proposals a round by one seat (a draft and one amendment)."""
TURN_ACTIONS = 6
"""At most this many actions a turn before a computer seat passes."""
OWN_STEPS = 1
"""In a played-out world, at most this many more actions of the seat's own turn."""
ROLLOUT_STEPS = 400
"""At most this many actions in one played-out world (a whole game takes far fewer)."""


class NormalPlayer:
    """Level `normal`: the legal action whose result is worth most to the seat, one step
    ahead (see the module's notes)."""

    def __init__(self, engine: Engine, seat: str, seed: int) -> None:
        self.engine = engine
        self.seat = seat
        self.rng = rng.own_stream(seed, 0x4E524D4C)  # (apart from any other seed's)
        self._targets: dict[Any, Aims] = {}
        self._turn: Any = None
        self._done = 0
        self._proposed = 0
        self._worths: dict[Any, float] = {}
        self._kinds: set[str] = set()
        self._floor = 0.0

    def _seed(self) -> int:
        self.rng, bits = rng.next_u64(self.rng)
        return bits

    def act(self, v: View) -> Action:
        state = outlook.determinise(self.engine, v, self.seat, self._seed())
        aims = self.targets(state)
        legal = self.options(v, aims)
        if len(legal) == 1:
            return self.took(legal[0])
        said = self.negotiate(v, state, legal)
        if said is not None:
            return self.took(said)
        rated = rate(self.engine, state, self.seat, legal, aims, Memo())
        return self.took(rated[0][1])

    # ------------------------------------------------------------ negotiating a draft

    def worth(self, state: State, package: Package, seat: str | None = None) -> float:
        """What sending `package` to Russia is worth to `seat` (default: its own): the deal
        over Russia's chance of taking it, else the talks running out. For another seat it
        is this seat's estimate, from the public data of that seat's objectives."""
        who = seat or self.seat
        key = (who, repr(package), outlook.world_key(state))
        got = self._worths.get(key)
        if got is None:
            if len(self._worths) > 20_000:
                self._worths.clear()
            eng = self.engine
            none = self._none(state, who)
            x = outlook.prospect(eng, state, who, package)
            got = self._worths[key] = x.chance * x.deal + (1 - x.chance) * none
        return got

    def _none(self, state: State, seat: str) -> float:
        key = ("none", seat, outlook.world_key(state))
        got = self._worths.get(key)
        if got is None:
            got = self._worths[key] = outlook.no_deal_value(self.engine, state, seat)
        return got

    def acceptable(self, state: State, package: Package) -> bool:
        """Would every other seat agree to `package`, as far as this seat can tell? None of
        their objections holds against it, and it is worth at least the package on the table
        to each (what happens if the draft is not agreed)."""
        tabled = state["package"]
        for s in self.engine.seats:
            if s == self.seat:
                continue
            if self.worth(state, package, s) < self.worth(state, tabled, s) - TOLERANCE:
                return False
        return True

    def proposal(self, state: State, floor: float) -> Package | None:
        """The package it puts forward: of the candidates (`outlook.candidate_packages`,
        Russia's price paid among them) that no seat objects to by its data and every other
        seat would agree to, the one worth most to it, if that beats `floor`."""
        best = self.proposals(state, floor, 1)
        return best[0] if best else None

    def proposals(self, state: State, floor: float, count: int) -> list[Package]:
        """The `count` best packages it could put forward (see `proposal`), best first."""
        eng = self.engine
        tabled, draft = state["package"], state.get("draft")
        scored: list[tuple[float, int, Package]] = []
        for i, p in enumerate(outlook.candidate_packages(eng, state)):
            if p in (tabled, draft):
                continue
            mine = self.worth(state, p)
            if mine <= floor or (len(scored) >= count and mine <= scored[-1][0]):
                continue
            if eng.objections_to(state, p) or not self.acceptable(state, p):
                continue
            scored.append((mine, -i, p))
            scored.sort(key=lambda x: (-x[0], -x[1]))
            del scored[count:]
        self._floor = floor
        return [p for _, _, p in scored]

    def negotiate(self, v: View, state: State, legal: list[Action]) -> Action | None:
        """What a negotiator does with the draft before anything else, or None (the rest is
        weighed by `rate`): it agrees to a draft worth at least what the package on the table
        is worth to it (what follows if the draft is not agreed); a draft worth less it amends
        with a package every other seat would agree to and that is worth more to it; with no
        draft, it proposes such a package when it beats the table; once every seat has agreed,
        it tables; when a seat's objections hold, it amends around them."""
        if v["phase"] != "talks" or v.get("pending"):
            return None
        kinds = {a["type"] for a in legal} | (self._kinds & {"propose"})
        if "respond" in kinds:
            return None
        seat, tabled, draft = self.seat, state["package"], state.get("draft")
        answers = cast(Mapping[str, Any], v.get("answers") or {})
        can_propose = "propose" in kinds and self._proposed < PROPOSALS
        on_table = self.worth(state, tabled)

        def propose(floor: float) -> Action | None:
            if not can_propose:
                return None
            p = self.proposal(state, floor)
            return {"type": "propose", "seat": seat, "package": p} if p is not None else None

        if draft is None:
            return propose(on_table + GAIN)
        drafted = self.worth(state, draft)
        if "agree" in kinds:
            if drafted >= on_table - TOLERANCE:
                return next(a for a in legal if a["type"] == "agree")
            return propose(max(drafted, on_table) + GAIN)
        if any(a != "agree" for a in answers.values()):
            # a seat objects or did not agree: the draft is dead; amend around it
            return propose(on_table + GAIN)
        if "table" in kinds and all(answers.get(s) == "agree" for s in self.engine.seats):
            return next(a for a in legal if a["type"] == "table")
        return None

    def options(self, v: View, aims: Aims) -> list[Action]:
        """The legal actions it weighs, and proposals of the packages it works toward (any
        package is a legal proposal): never a proposal some seat objects to by its data (it
        would not be tabled: the package on the table would go to Russia instead), at most
        one proposal a round (seats that each put their own draft over the other's table
        nothing), and only passing once it has taken TURN_ACTIONS actions this turn."""
        legal = _legal(self.engine, v, self.seat)
        self._kinds = {a["type"] for a in legal}
        if any(a["type"] == "propose" for a in legal):
            listed = {repr(a["package"]) for a in legal if a["type"] == "propose"}
            for p in [*aims[0], *aims[1]]:
                if repr(p) not in listed and p != v["package"] and p != v["draft"]:
                    listed.add(repr(p))
                    legal.append({"type": "propose", "seat": self.seat, "package": p})
        turn = (v["round"], v["phase"], v["lap"])
        if turn != self._turn:
            if self._turn is None or self._turn[0] != v["round"]:
                self._proposed = 0
            self._turn, self._done = turn, 0
        ending: list[Action] = [a for a in legal if a["type"] == "pass"]
        if ending and self._done >= TURN_ACTIONS:
            return ending
        # its own objections bind it: it objects at once to a draft one of them holds against
        # (a red line or a position not yet moved), saying why, and refuses to sign such a
        # package
        objecting: list[Action] = [a for a in legal if a["type"] == "object"]
        if objecting:
            return objecting
        # and it agrees at once to a draft it has no objection to that is worth at least what
        # the package on the table is worth to it (a draft goes to Russia only when every seat
        # has agreed: a seat that waits in silence tables nothing)
        agreeing: list[Action] = [a for a in legal if a["type"] == "agree"]
        if agreeing and v["draft"] is not None and self._better(v, v["draft"], v["package"]):
            return agreeing
        held = {"agree": v["draft"], "sign": v["package"]}
        for kind, package in held.items():
            if (
                package is not None
                and any(a["type"] == kind for a in legal)
                and self.engine.objections_to(v, package, self.seat)
            ):
                legal = [a for a in legal if a["type"] != kind]
        # proposals are the negotiator's (`negotiate`): weighed one step ahead on their own,
        # each seat's own package put over the others' would table nothing
        return [a for a in legal if a["type"] != "propose"]

    def _better(self, v: View, draft: Package, tabled: Package) -> bool:
        """Is the draft, sent to Russia, worth at least the tabled package to this seat?"""
        eng, state = self.engine, cast(State, v)
        none = outlook.no_deal_value(eng, state, self.seat)

        def worth(p: Package) -> float:
            x = outlook.prospect(eng, state, self.seat, p)
            return x.chance * x.deal + (1 - x.chance) * none

        return worth(draft) >= worth(tabled)

    def took(self, action: Action) -> Action:
        self._done += 1
        self._proposed += action["type"] == "propose"
        return action

    def targets(self, state: State) -> Aims:
        """The packages worth working toward now (`outlook.aims`), kept while the
        world they were weighed in stands (the last few worlds)."""
        answer = state.get("answer")
        key = (
            outlook.world_key(state),
            repr(state["package"]),
            repr(state.get("draft")),
            repr(answer["demands"]) if answer else None,
        )
        got = self._targets.get(key)
        if got is None:
            if len(self._targets) > 8:
                self._targets.clear()
            got = self._targets[key] = outlook.aims(self.engine, state, self.seat)
        return got


class HardPlayer(NormalPlayer):
    """Level `hard`: `normal`'s best few actions, each played out to the end of the talks in
    sampled worlds (see the module's notes)."""

    def __init__(
        self,
        engine: Engine,
        seat: str,
        seed: int,
        worlds: int = WORLDS,
        candidates: int = CANDIDATES,
    ) -> None:
        super().__init__(engine, seat, seed)
        self.worlds = worlds
        self.candidates = candidates
        self.others = {s: EasyPlayer(engine, s) for s in engine.seats}

    def act(self, v: View) -> Action:
        eng, seat = self.engine, self.seat
        root = outlook.determinise(eng, v, seat, self._seed())
        aims = self.targets(root)
        legal = self.options(v, aims)
        if len(legal) == 1:
            return self.took(legal[0])
        said = self.negotiate(v, root, legal)
        if said is not None and said["type"] != "propose":
            return self.took(said)
        if said is not None:
            # which package to put forward: the few best, each played out
            options = [
                cast(Action, {"type": "propose", "seat": seat, "package": p})
                for p in self.proposals(root, self._floor, self.candidates)
            ]
            if len(options) > 1:
                return self.took(self._search(v, options, aims, Memo()))
            return self.took(said)
        memo = Memo()
        rated = rate(eng, root, seat, legal, aims, memo)
        if v["phase"] == "signing":
            # a deal Russia accepted is weighed as `normal` weighs it, against the talks as
            # they stand: a world played on by `easy` seats flatters refusing it
            return self.took(rated[0][1])
        keep = [a for _, a in rated[: self.candidates]]
        for a in legal:
            if a["type"] == "pass" and a not in keep:
                keep.append(a)
        # and the action its worlds expect of it: what its autopilot would do here
        mine = Autopilot(eng, seat, aims[0][0] if aims[0] else None, root).act(v)
        if mine not in keep and mine in legal:
            keep.append(mine)
        if len(keep) == 1:
            return self.took(keep[0])
        return self.took(self._search(v, keep, aims, memo))

    def _search(self, v: View, keep: list[Action], aims: Aims, memo: Memo) -> Action:
        """The action of `keep` whose sampled worlds, played out, end best for the seat:
        `normal`'s choice (the first) unless another's gain over it, in the same worlds, is
        at least MARGIN a world both as `normal` weighs where the worlds stand and with
        Russia's chances read past its opening weeks (`outlook.accept_chance`, `settled`)."""
        eng, seat = self.engine, self.seat
        settled = Memo(settled=True)
        totals = [[0.0, 0.0] for _ in keep]
        deals = [0 for _ in keep]
        for _ in range(self.worlds):
            world = outlook.determinise(eng, v, seat, self._seed())
            for i, a in enumerate(keep):
                x, y, dealt = self._play_out(world, a, aims, (memo, settled))
                totals[i][0] += x
                totals[i][1] += y
                deals[i] += dealt
        # the gain over `normal`'s choice, less the bar it must clear: MARGIN a world, and
        # HELD more for each world where `normal`'s choice ends in a deal and it does not
        clear = [
            min(t[k] - totals[0][k] for k in (0, 1))
            - MARGIN * self.worlds
            - HELD * max(0, deals[0] - d)
            for t, d in zip(totals, deals, strict=True)
        ]
        best = max(range(1, len(keep)), key=lambda i: (clear[i], -i))
        if clear[best] < 0:
            return keep[0]  # `normal`'s choice, unless the worlds show a clear gain over it
        return keep[best]

    def _play_out(
        self, world: State, action: Action, aims: Aims, memos: tuple[Memo, Memo]
    ) -> tuple[float, float, bool]:
        """One world played on from `action` to the end of the round (Russia's answer, the
        signing if it accepts): the seat by its autopilot (`Autopilot`, working toward the
        package it proposes, the draft it stands by, or its first target), the others by
        their `easy` players; worth the seat's final score if the talks ended (a deal's over
        the epilogue's chance), else its outlook as the next round opens (`outlook.value`, as
        `normal` weighs a state: a world played on to the end by seats that no longer argue
        undervalues playing on), once by each of the two memos (`_search`), and whether the
        talks ended in a deal."""
        eng, seat = self.engine, self.seat
        if action["type"] == "walk_out":
            x = leaving_value(eng, world, seat)
            return x, x, False
        state, _ = eng.apply(world, action)
        # it works on for the package it proposes now, else for its first target
        target = cast(Package, action["package"]) if action["type"] == "propose" else None
        if target is None and aims[0]:
            target = aims[0][0]
        pilot = Autopilot(eng, seat, target, state)
        start = world["round"]
        for _ in range(ROLLOUT_STEPS):
            who = current_player(state)
            if who is None:
                break
            if state["round"] != start and state["phase"] == "talks":
                break
            v = view(state, who)
            a = pilot.act(v) if who == seat else self.others[who].act(v)
            state = eng.step(state, a)  # in place, no events: only the end is read
        if state["phase"] == "over":
            x = outlook.final_value(eng, state, seat)
            return x, x, state["outcome"] is not None and state["outcome"]["kind"] == "deal"
        return (
            memos[0].value(eng, state, seat, aims),
            memos[1].value(eng, state, seat, aims),
            False,
        )


class Autopilot:
    """How `hard` expects to play on in a sampled world, cheaply: it proposes its target once a
    round while no seat objects to it (by the data) and it has not agreed to the draft on the
    desk (it stands by a draft it agreed to, as its own proposal: putting another over it
    would table neither), tables a draft every seat agreed to at once (as the seat itself
    does: a world where it made a move first would flatter a draft that move alone carries),
    and otherwise plays as `easy` does."""

    def __init__(self, engine: Engine, seat: str, target: Package | None, state: State) -> None:
        self.easy = EasyPlayer(engine, seat)
        self.engine = engine
        self.seat = seat
        self.target = target
        self.proposed = -1
        if self.target is not None and engine.objections_to(state, self.target):
            self.target = None

    def act(self, v: View) -> Action:
        t = self.target
        if (
            t is not None
            and v["phase"] == "talks"
            and not v.get("pending")
            and self.proposed != v["round"]
            and t != v["package"]
            and t != v["draft"]
            and not (v["draft"] is not None and v["answers"].get(self.seat) == "agree")
        ):
            self.proposed = v["round"]
            return {"type": "propose", "seat": self.seat, "package": t}
        if (
            v["phase"] == "talks"
            and not v.get("pending")
            and v["draft"] is not None
            and all(v["answers"].get(s) == "agree" for s in self.engine.seats)
            and v["lap"] >= 2  # tabling is legal on its turn from lap 2 (`legal_actions`)
        ):
            # as the seat itself does (`NormalPlayer.negotiate`): a draft every seat agreed
            # to is tabled at once, before any move `easy` would make first
            return {"type": "table", "seat": self.seat}
        return self.easy.act(v)


class Memo:
    """What one decision has worked out already: each state's worth (by its key) and each
    package's prospects in each world (see `outlook.value`)."""

    def __init__(self, settled: bool = False) -> None:
        self.worth: dict[Any, float] = {}
        self.seen: dict[Any, Any] = {}
        self.settled = settled
        """Russia's chances read past its opening weeks (`outlook.accept_chance`)."""

    def value(self, engine: Engine, s: State, seat: str, aims: Aims) -> float:
        key = _key(s)
        got = self.worth.get(key)
        if got is None:
            got = self.worth[key] = outlook.value(
                engine, s, seat, aims[0], self.seen, aims[1], self.settled
            )
        return got


def _legal(engine: Engine, v: View, seat: str) -> list[Action]:
    legal = [a for a in engine.legal_actions(v, seat) if a["type"] != "undo"]
    if not legal:
        raise ActionError(f"{seat} has nothing to do: it is not its turn")
    return legal


def leaving_value(engine: Engine, state: State, seat: str) -> float:
    """What walking out is worth to the seat: its score after the collapse it causes
    (`outlook.leaving_value`: the war goes on without a guarantee)."""
    return outlook.leaving_value(engine, state, seat)


def rate(
    engine: Engine,
    state: State,
    seat: str,
    legal: list[Action],
    targets: Aims | None = None,
    memo: Memo | None = None,
) -> list[tuple[float, Action]]:
    """Each legal action with the worth of its result to the seat, best first; an action
    that does not beat passing by GAIN ranks after passing."""
    if targets is None:
        targets = outlook.aims(engine, state, seat)
    known = memo if memo is not None else Memo()
    aims = targets

    def worth(s: State) -> float:
        return known.value(engine, s, seat, aims)

    scored: list[tuple[float, int, Action]] = []
    floor = None
    for i, a in enumerate(legal):
        try:
            w = _worth(engine, state, seat, a, worth)
        except ActionError:
            continue
        if a["type"] == "pass":
            floor = w
        scored.append((w, i, a))
    if floor is not None:
        scored = [
            (w if a["type"] == "pass" or w > floor + GAIN else floor - 1, i, a)
            for w, i, a in scored
        ]
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [(w, a) for w, _, a in scored]


def _worth(
    engine: Engine, state: State, seat: str, a: Action, worth: Callable[[State], float]
) -> float:
    """What an action's result is worth to the seat; a roll's results weighed by their
    chances (an argument's exactly, through the facilitator's dice: the same resolution)."""
    d = cast(Mapping[str, Any], a)
    kind = d["type"]
    if kind == "walk_out":
        return leaving_value(engine, state, seat)
    if kind == "pass":
        return worth(state)  # the turn ends; the round's end is not an action's cost
    if kind == "refuse":
        # a deal Russia has accepted is weighed against what the talks bring as they stand
        # (the package on the table, or none), not against hopes still to be argued for
        s, _ = engine.apply(state, a)
        return outlook.value(engine, s, seat)
    if kind == "argue":
        # a person argued at answers as the computer would (its best counter): the roll
        odds = chance(engine, state, seat, str(d["card"]))
        total = 0.0
        for success, p in ((True, odds.chance), (False, 1 - odds.chance)):
            dice = _dice_for(odds.need, success)
            if p > 0 and dice is not None:
                s, _ = engine.apply(state, cast(Action, {**d, "dice": list(dice)}))
                total += p * worth(s)
        return total
    if kind == "counter":
        card = engine.arguments[str(d["card"])]
        counter = best_counter(engine.counters, seat, str(d["card"]))
        strength = int(counter["strength"]) if counter else 0
        need = REBUTTAL_TARGET - strength + int(card["strength"])
        return _rolled(engine, state, a, _share(need), "rebuttal", worth)
    if kind == "respond" and d["answer"] != "concede":
        pending: Mapping[str, Any] = state.get("pending") or {}
        odds = chance(
            engine,
            state,
            str(pending.get("seat")),
            str(pending.get("card")),
            counter=d.get("counter"),
        )
        return _rolled(engine, state, a, odds.chance, "argument", worth)
    s, _ = engine.apply(state, a)
    return worth(s)


def _share(need: int) -> float:
    """The chance that 2d6 reaches `need`."""
    return sum(1 for x in range(1, 7) for y in range(1, 7) if x + y >= need) / 36


def _dice_for(need: int, success: bool) -> tuple[int, int] | None:
    """Two dice whose sum reaches `need` (success) or falls short of it; None if none can."""
    for a in range(1, 7):
        for b in range(1, 7):
            if (a + b >= need) == success:
                return (a, b)
    return None


def _rolled(
    engine: Engine,
    state: State,
    a: Action,
    p: float,
    event: str,
    worth: Callable[[State], float],
) -> float:
    """A roll the action cannot fix the dice of, weighed by its chance `p`: each result is
    found by trying generators on copies of the state (the seat's own sampling)."""
    seen: dict[bool, float] = {}
    for k in range(24):
        trial = cast(State, {**state, "rng": rng.seed_state(k)})
        s, events = engine.apply(trial, a)
        hit = any(e["type"] == event and e.get("success") for e in events)
        if hit not in seen:
            seen[hit] = worth(s)
        if len(seen) == 2 or p in (0.0, 1.0):
            break
    if len(seen) == 1:
        return next(iter(seen.values()))
    return p * seen[True] + (1 - p) * seen[False]


def _key(s: State) -> Any:
    draft = s.get("draft")
    return (
        s["phase"],
        s["round"],
        tuple(s["indicators"].values()),
        tuple(s["positions"].values()),
        tuple(sorted(s["flags"])),
        repr(s["package"]),
        repr(draft),
        repr(sorted((k, repr(v)) for k, v in (s.get("answers") or {}).items())),
        repr(s.get("outcome")),
    )


def make_player(engine: Engine, seat: str, level: str, seed: int) -> Player:
    """The computer player of `level` for `seat`; `seed` seeds what it samples."""
    if level == "easy":
        return EasyPlayer(engine, seat)
    if level == "normal":
        return NormalPlayer(engine, seat, seed)
    if level == "hard":
        return HardPlayer(engine, seat, seed)
    raise ValueError(f"unknown computer level {level!r}; known: {', '.join(LEVELS)}")


def players_for(engine: Engine, levels: Mapping[str, str], seed: int) -> dict[str, Player]:
    """A player for each seat named in `levels` (seat -> level), each seeded apart."""
    return {
        s: make_player(engine, s, level, seed * 31 + i)
        for i, (s, level) in enumerate(sorted(levels.items()))
    }
