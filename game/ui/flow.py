"""A game in progress as the screens see it: the session, the content behind every id, whose
turn it is (the engine's: the computer seats play in between) and saving. No pygame here: the screens draw what this holds and turn
input into `flow.act(action)`.

    flow = GameFlow.new(bundle, humans=["europe"], seed=7)
    flow.act({"type": "propose", "seat": "europe", "package": {...}})
    flow.act({"type": "table", "seat": "europe"})       # autosaves when a round ends
    flow.rule("russia.no_nato_troops")["says"]["ar"]
    flow.paragraph("P15", "ar")                          # the Arabic as given
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from game import saves
from game.content.problems import ContentError
from game.engine import ActionError, Engine
from game.engine.game import Action, Event, State
from game.engine.session import Session
from game.engine.vocab import SEATS

SEAT_ORDER = SEATS
"""The human seats are listed in the engine's order of seats."""


def text(obj: Mapping[str, Any] | None, lang: str) -> str:
    """The text in a language, falling back to the other one (never empty when either exists)."""
    if not obj:
        return ""
    return str(obj.get(lang) or obj.get("en") or obj.get("ar") or "")


class GameFlow:
    def __init__(
        self,
        bundle: Any,
        session: Session,
        *,
        save_dir: Path | None = None,
        facilitator: bool = False,
        save_path: Path | None = None,
    ) -> None:
        self.bundle = bundle
        self.book: dict[str, Any] = bundle.book
        self.session = session
        self.facilitator = facilitator
        self.save_dir = save_dir
        self.save_path = save_path
        self.notice: saves.SaveError | None = None
        """Set when loaded: the scenario may not be the one the game was played with."""
        self.save_problem: str | None = None
        """Why the last autosave failed (a read-only folder, a full disk), until a save works."""
        self.save_problem_shown = False
        """The screens have said `save_problem` (said once until a save works again)."""
        self.save_errno: int | None = None
        """The failed save's error number, for a screen to say it in the player's language."""
        self.name: str | None = None
        """The game's name a class knows it by ("9B Tuesday"), kept in its save."""
        self.replay_of: dict[str, Any] | None = None
        self.room: dict[str, Any] | None = None
        """A class game's room (its code and the seats' token hashes) when the save was a
        host's: kept when the game is saved again, so the host can go on with the same code."""
        """For a replay from a round: how the game it replays ended (`game.report.debrief
        .ending`, with `from_round`), kept in its save to compare the two endings."""
        self.coached: set[str] = set()
        """A tutorial's coached steps the screens saw done that the log does not record
        (`game.ui.coach`): the news read, a clause changed, Russia's answer read."""
        self._index()

    # ------------------------------------------------------------ making one

    @classmethod
    def new(
        cls,
        bundle: Any,
        humans: Sequence[str],
        seed: int,
        *,
        save_dir: Path | None = None,
        facilitator: bool = False,
        levels: Mapping[str, str] | None = None,
        rounds: int | None = None,
    ) -> GameFlow:
        """`rounds`: a lesson's fewer rounds (None: the scenario's)."""
        ordered = [s for s in SEAT_ORDER if s in humans]
        session = Session(Engine(bundle.book), seed, ordered, levels=levels, rounds=rounds)
        return cls(bundle, session, save_dir=save_dir, facilitator=facilitator)

    @classmethod
    def load(cls, path: Path, *, save_dir: Path | None = None) -> GameFlow:
        """Open a save; raises saves.SaveError with one line when it cannot be opened.
        `notice` holds what the player must hear before playing on (the scenario may not be
        the one the game was played with)."""
        # the loader brings pydantic: imported when a save is opened, not at start-up
        from game.content.loader import load

        data = saves.read(path)
        scenario_path, notice = saves.find_scenario(data, str(path))
        _, session = saves.open_session(data, str(path))
        try:
            bundle = load(scenario_path, full=True, lint=False)
        except (ContentError, OSError):
            sid = data["scenario"]["id"]
            raise saves.SaveError(
                str(path), "no_scenario", f"its scenario {sid!r} is not available", scenario=sid
            ) from None
        flow = cls(
            bundle,
            session,
            save_dir=save_dir,
            facilitator=data.get("facilitator", False),
            save_path=Path(path),
        )
        flow.notice = notice
        flow.name = data.get("name")
        flow.replay_of = data.get("replay_of")
        flow.room = data.get("room")
        return flow

    def _index(self) -> None:
        b = self.bundle
        self.rules = {r["id"]: r for r in self.book["rules"]}
        self.arguments = self.book["arguments"]
        self.counters = {c["id"]: c for c in self.book["counters"]}
        self.actors = self.book["actors"]
        self.events_by_id = {e["id"]: e for e in self.book["events"]}
        self.moves = {m["id"]: m for a in self.actors.values() for m in a.get("moves", [])}
        self.objections = {
            o["id"]: o
            for a in self.actors.values()
            for o in [*a.get("red_lines", []), *a.get("flexible", [])]
        }
        self.positions = {p["id"]: p for a in self.actors.values() for p in a.get("positions", [])}
        self.score_terms = {t["id"]: t for a in self.actors.values() for t in a.get("score", [])}
        terms = [*self.book["credibility"]["terms"], *self.book["acceptability"]["terms"]]
        self.terms = {t["id"]: t for t in terms}
        self.stories = {s["id"]: s for s in self.book["epilogue"].get("stories", [])}
        self.paragraphs = (
            {p.id: p for p in b.common("article").paragraphs} if "article" in b.files else {}
        )
        self.factchecks = (
            {f.id: f for f in b.common("factchecks").factchecks} if "factchecks" in b.files else {}
        )
        self.glossary = list(b.common("glossary").glossary) if "glossary" in b.files else []
        self.debrief = b.common("debrief") if "debrief" in b.files else None

    # ------------------------------------------------------------ the game

    @property
    def engine(self) -> Engine:
        return self.session.engine

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def humans(self) -> list[str]:
        return self.session.humans

    @property
    def rounds(self) -> int:
        """How many rounds this game has (a lesson has fewer than its scenario)."""
        return int(self.state["rounds"])

    @property
    def hot_seat(self) -> bool:
        return len(self.humans) > 1

    @property
    def current_seat(self) -> str:
        """The human seat whose turn it is (the engine's turn: the session runs the computer
        seats until a human seat is on turn); once the talks are over, the first human seat."""
        seat = self.engine.current_player(self.state)
        return seat if seat in self.humans else self.humans[0]

    @property
    def turn(self) -> int:
        """Which of the human seats is on turn (an index into `humans`)."""
        return self.humans.index(self.current_seat)

    @property
    def lap(self) -> int:
        """How many times the turn has gone round the table this round (1, 2, 3)."""
        return int(self.state["lap"])

    def act(self, action: Action) -> list[Event]:
        """Apply a person's action (raises ActionError when it is not legal), let the computer
        seats play until a person is on turn again, and autosave, so that the game can be
        resumed exactly where it was left. The events of them all, in order."""
        if (
            action.get("type") in ("propose", "agree", "object", "undo", "override", "inject")
            and self.actions_this_round() >= saves.UNLIMITED_PER_ROUND
        ):
            raise ActionError(
                f"this round has seen {saves.UNLIMITED_PER_ROUND} proposals and agreements, "
                "the most a round keeps: table the package or walk out"
            )
        round_before = self.state["round"]
        events = self.session.act(action)
        ends = self.state["round"] != round_before or self.state["phase"] == "over"
        self.autosave(durable=ends or self.state["phase"] == "signing")
        if self.save_problem is not None and self.state["phase"] == "over":
            self.save_problem_shown = False  # the finished game: say it again, offer elsewhere
        return events

    def actions_this_round(self) -> int:
        """The actions taken since the current round began."""
        events = self.session.events  # the opening's, then one list per action
        for i in range(len(events) - 1, 0, -1):
            if any(e.get("type") == "round" for e in events[i]):
                return len(events) - 1 - i
        return len(events) - 1

    def end_turn(self) -> list[Event]:
        """The seat on turn passes: the next seats play (the computer's at once) until a
        person is on turn; their events (a round may have ended: see `state`)."""
        return self.act({"type": "pass", "seat": self.current_seat})

    def can_undo(self) -> bool:
        return self.session.can_undo()

    def undo_refusal(self) -> str | None:
        """Why undo is refused now (for the screen to say), or None."""
        return self.session.undo_refusal()

    def undo_block(self) -> dict[str, Any] | None:
        """Why undo is refused now, as data (reason: nothing, roll, tabled, answered, over)."""
        return self.session.undo_block()

    def undo(self) -> None:
        if self.actions_this_round() >= saves.UNLIMITED_PER_ROUND:
            raise ActionError(
                f"this round has seen {saves.UNLIMITED_PER_ROUND} actions, the most a round"
                " keeps: table the package or walk out"
            )
        self.session.undo()
        self.autosave(durable=False)

    # ------------------------------------------------------------ saving

    def save_data(self) -> dict[str, Any]:
        path = getattr(self.bundle, "path", None)
        extra: dict[str, Any] = {
            "facilitator": self.facilitator,
            "round": self.state["round"],
            **({"name": self.name} if self.name else {}),
            **({"replay_of": self.replay_of} if self.replay_of else {}),
            **({"room": self.room} if self.room else {}),
            "computer": dict(self.session.levels),
        }
        if self.session.rounds is not None:
            extra["rounds"] = self.session.rounds
        if self.session.old_random:  # saved first before version 5: its dice stay
            extra["old_random"] = True
        return saves.make(
            self.engine.id,
            Path(path) if path else None,
            self.session.seed,
            self.humans,
            self.session.actions,
            extra,
        )

    def save(self, path: Path | None = None, *, durable: bool = True) -> Path:
        """Write the game to its save (or `path`, which becomes its save); raises OSError
        when it cannot be written. A new game's save gets a fresh name a person can read,
        never that of an existing save."""
        target = path or self.save_path or self._default_path()
        saves.write(target, self.save_data(), durable=durable)
        self.save_path = target
        self.save_problem = None
        self.save_problem_shown = False
        saves.remember_last(target)
        return target

    def autosave(self, *, durable: bool = True) -> Path | None:
        """Save the game when it has a saves folder; a failure never stops the game: it is
        kept in `save_problem` for the screens to say (with a way to save elsewhere)."""
        if self.save_dir is None and self.save_path is None:
            return None
        from game.safeio import InputError, os_reason

        try:
            return self.save(durable=durable)
        except OSError as e:
            self.save_problem, self.save_errno = os_reason(e), e.errno
        except InputError as e:
            self.save_problem = e.reason
        return None

    def _default_path(self) -> Path:
        folder = self.save_dir or saves.saves_dir()
        return saves.fresh_name(folder, self.engine.id, name=self.name)

    # ------------------------------------------------------------ content by id

    def rule(self, rule_id: str) -> dict[str, Any]:
        return dict(self.rules[rule_id])

    def argument(self, card_id: str) -> dict[str, Any]:
        return dict(self.arguments[card_id])

    def counter(self, counter_id: str) -> dict[str, Any]:
        return dict(self.counters[counter_id])

    def paragraph(self, pid: str, lang: str) -> str:
        """A paragraph in the chosen language: the Arabic as given, or the English gloss."""
        p = self.paragraphs.get(pid)
        if p is None:
            return ""
        return str(p.ar if lang == "ar" else p.en)

    def corrections(self, pid: str) -> list[dict[str, Any]]:
        p = self.paragraphs.get(pid)
        return [c.model_dump() for c in p.corrections] if p is not None else []

    def factcheck(self, fc_id: str) -> dict[str, Any] | None:
        f = self.factchecks.get(fc_id)
        return f.model_dump() if f is not None else None

    def statement(self, stance: str, rules: Sequence[str], lang: str) -> str:
        """What Russia says (the engine's `statement`, which the command line prints too)."""
        return self.engine.statement(stance, rules, lang)

    def seat_name(self, seat: str, lang: str) -> str:
        return text(self.actors[seat]["name"], lang)

    def label(self, item_id: str, lang: str) -> str:
        """A short name for any id the engine reports: rule, move, argument, term, event,
        position, objection, score part, story."""
        for table, key in (
            (self.rules, "title"),
            (self.moves, "name"),
            (self.terms, "label"),
            (self.events_by_id, "title"),
            (self.positions, "label"),
            (self.score_terms, "label"),
            (self.objections, "says"),
            (self.arguments, "claim"),
            (self.counters, "text"),
            (self.stories, "text"),
        ):
            if item_id in table:
                return text(table[item_id].get(key), lang)
        return item_id

    def history(self) -> list[dict[str, Any]]:
        """Every finished round: the package, Russia's stance, the rules, the indicators,
        and the arguments played (for the debrief)."""
        played = self.state["played"]
        rows = []
        for h in self.state["history"]:
            rows.append({**h, "arguments": [p for p in played if p["round"] == h["round"]]})
        return rows
