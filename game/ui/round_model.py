"""What the round screen shows, without pygame: the package being built and what it would meet.

    model = RoundModel(flow, seat)
    model.set_clause("observers", True)     # the builder's draft changes, nothing is sent
    model.changed()                         # ["observers"]
    model.outlook()                         # Outlook: propose first? refused by whom? tabled?
    model.chart_points()                    # the rounds so far, the table and the draft

The model reads the game through the flow and asks the engine for the rules (Russia's
answer to a package, the allies' objections, what tabling would meet); it never changes the
game. The round screen (`game.ui.scenes.round`) draws it and turns input into actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine import package as pkg
from game.engine.game import ARGUMENTS_PER_ROUND
from game.engine.preview import TablePreview, table_preview
from game.engine.shapes import ObjectionRecord, State

if TYPE_CHECKING:
    from game.engine.russia import Answer
    from game.ui.flow import GameFlow


@dataclass(frozen=True)
class ChartPoint:
    """A point on the credibility-acceptability chart: `kind` past (an earlier round, `round`
    set), table, table_and_draft (the builder is the table) or draft."""

    credibility: int
    acceptability: int
    kind: str
    red_line: bool = False
    raw_acceptability: int | None = None
    round: int = 0


@dataclass(frozen=True)
class Outlook:
    """What the main action would do now, for the hint under the columns.

    `next_seat` is set when the seat ends its turn (the seat that plays next); else it
    tables: `refused_by` (computer seats that object) and `not_agreed` (human seats) say why
    tabling would be refused, both empty when the package would reach Russia."""

    proposes: bool
    next_seat: str | None = None
    refused_by: tuple[str, ...] = ()
    not_agreed: tuple[str, ...] = ()


class RoundModel:
    def __init__(self, flow: GameFlow, seat: str) -> None:
        self.flow = flow
        self.seat = seat
        self.draft: dict[str, Any] = pkg.copy(self.reference())
        self.base: dict[str, Any] = pkg.copy(self.draft)
        """What the builder was last set to (the proposal or the table then): what this
        seat changed since is `edited`, whatever another seat proposed meanwhile."""
        self.recompute()

    # ------------------------------------------------------------ the game as it stands

    @property
    def state(self) -> State:
        return self.flow.state

    def reference(self) -> dict[str, Any]:
        """What the builder starts from: the proposal being discussed, else the table."""
        st = self.flow.state
        draft = st["draft"]
        ref: dict[str, Any] = draft if draft is not None else st["package"]
        return ref

    @property
    def last_seat(self) -> bool:
        """The main action tables: from lap 2 (every seat has had its say), with nothing
        changed in the builder, once every other human seat has answered the proposal; else
        it ends the turn (the engine's `pass`), and proposes the builder's changes first."""
        st = self.state
        if st["lap"] < 2 or self.changed():
            return False
        if st["draft"] is None:
            return True
        return all(s in st["answers"] for s in self.flow.humans if s != self.seat)

    def next_seat(self) -> str:
        """The seat that plays after this one (the computer's too)."""
        seats = self.flow.engine.seats
        return seats[(seats.index(self.seat) + 1) % len(seats)]

    def can_undo(self) -> bool:
        return self.flow.can_undo() and self.flow.state["turn"] == self.seat

    def undo_reason(self) -> str | None:
        """Why this seat cannot undo now, as the engine's reason (`nothing`, `roll`, `tabled`,
        `answered`, `over`), or None when it can. Another seat's action in hot-seat is
        `nothing` (nothing of this seat's turn to take back)."""
        if self.can_undo():
            return None
        block = self.flow.undo_block()
        return "nothing" if block is None else str(block["reason"])

    def arguments_left(self) -> int:
        return max(0, ARGUMENTS_PER_ROUND - int(self.state["used"][self.seat]["arguments"]))

    # ------------------------------------------------------------ the builder

    @staticmethod
    def clause_value(package: dict[str, Any], clause: str) -> Any:
        """A clause's value; "troops.europe" and "troops.us" are the two troop numbers."""
        if clause.startswith("troops."):
            return package["troops"][clause.split(".", 1)[1]]
        return package[clause]

    def changed(self) -> list[str]:
        """Clauses where the builder differs from the proposal (or the table)."""
        return pkg.changed_clauses(self.reference(), self.draft)

    def differs_from_table(self, clause: str) -> bool:
        differs: bool = self.clause_value(self.draft, clause) != self.clause_value(
            self.state["package"], clause
        )
        return differs

    def set_clause(self, clause: str, value: Any) -> None:
        """Change one clause of the builder's draft (the package is replaced, never edited)."""
        d = pkg.copy(self.draft)
        if clause.startswith("troops."):
            d["troops"][clause.split(".", 1)[1]] = int(value)
        else:
            d[clause] = value
        self.draft = d
        self.recompute()

    def edited(self) -> list[str]:
        """Clauses this seat changed in the builder since it was last set (a proposal that
        arrived meanwhile from another seat is no edit of this seat's)."""
        return pkg.changed_clauses(self.base, self.draft)

    def reset(self) -> None:
        """The builder back to the proposal (or the table)."""
        self.draft = pkg.copy(self.reference())
        self.base = pkg.copy(self.draft)
        self.recompute()

    def recompute(self) -> None:
        """Ask the engine again: Russia's answer to the draft and to the table, the allies'
        objections to the draft."""
        st, eng = self.state, self.flow.engine
        self.live: Answer = eng.assess(st, self.draft)
        self.table_live: Answer = eng.assess(st, st["package"])
        self.objections: list[ObjectionRecord] = eng.objections_to(st, self.draft)

    # ------------------------------------------------------------ what the buttons would do

    @property
    def show_agree(self) -> bool:
        """Another seat's proposal on the table (a person's in hot-seat or a class game, or a
        computer seat's: seats at `normal` and `hard` propose too): this seat may agree to it,
        as the engine lets it."""
        st = self.state
        return bool(st.get("draft") is not None and st.get("draft_by") != self.seat)

    @property
    def can_agree(self) -> bool:
        return self.show_agree and self.seat not in self.state["answers"]

    def blocking_seats(self) -> list[str]:
        """The computer seats that object to the draft, in seat order."""
        seats = {o["seat"] for o in self.objections if self.state["seats"][o["seat"]] == "computer"}
        return [s for s in self.flow.engine.seats if s in seats]

    def preview(self) -> TablePreview:
        """What tabling now would meet: the builder's changes are proposed first (only this
        seat then agrees); with none, the proposal under discussion as it stands."""
        if self.changed():
            return table_preview(self.flow.engine, self.state, self.draft, agreed=[self.seat])
        return table_preview(self.flow.engine, self.state)

    def outlook(self) -> Outlook:
        f = self.flow
        proposes = bool(self.changed())
        if not self.last_seat:
            return Outlook(proposes, next_seat=self.next_seat())
        p = self.preview()
        return Outlook(
            proposes,
            refused_by=tuple(p.blocking_seats(f.engine.seats)),
            not_agreed=tuple(p.missing),
        )

    # ------------------------------------------------------------ the side panels

    def chart_points(self) -> list[ChartPoint]:
        """The earlier rounds, the package on the table and (when it differs) the draft."""
        st = self.state
        pts = [
            ChartPoint(
                int(h["credibility"]),
                int(h["acceptability"]),
                "past",
                h.get("stance") == "reject",
                round=int(h["round"]),
            )
            for h in st.get("history", [])
        ]
        same = not pkg.changed_clauses(st["package"], self.draft)
        t = self.table_live
        pts.append(
            ChartPoint(
                t.credibility,
                t.acceptability,
                "table_and_draft" if same else "table",
                t.stance == "reject",
                t.raw_acceptability,
            )
        )
        if not same:
            d = self.live
            pts.append(
                ChartPoint(
                    d.credibility,
                    d.acceptability,
                    "draft",
                    d.stance == "reject",
                    d.raw_acceptability,
                )
            )
        return pts

    def last_changes(self) -> dict[str, int]:
        """Net change of each indicator since the previous round's screen (the last round's
        consequences and this round's news; in round 1, the opening news)."""
        r = self.state["round"]
        current = 0
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for e in self.flow.session.all_events():
            if e["type"] == "round":
                current = e["round"]
                continue
            if current == r - 1 and e["type"] == "change" and "indicator" in e:
                name = str(e.get("indicator"))
                first.setdefault(name, e["from"])
                last[name] = e["to"]
        return {k: last[k] - first[k] for k in last}

    def cited(self) -> list[str]:
        """The article's paragraphs the week's news cites, each once, in order."""
        ids: list[str] = []
        for eid in self.state.get("news", []):
            for pid in self.flow.events_by_id.get(eid, {}).get("source", []):
                if pid not in ids:
                    ids.append(pid)
        return ids
