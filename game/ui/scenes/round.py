"""The round screen (GAME-DESIGN 3.7, 5): one human seat's turn in one week of talks.

    RoundScene(app, flow)       # for flow.current_seat

What it shows: the date and the round; the week's news; the parties (who plays them,
Russia's last answer, each computer ally's objections to the draft, live); the package
builder (every clause; locked ones disabled with a note) with Propose, and Agree for another
seat's proposal in hot-seat; the credibility-acceptability chart with Russia's threshold
and the trail of earlier rounds; the argument hand (a played card opens the debate overlay);
the seat's moves; the indicators with their last change. Undo (Ctrl+Z), Save (Ctrl+S), Walk
out (confirmed), End turn (hot-seat) or Table (the last human seat).

The screen never edits the game state: every change is a `flow.act(action)`; what it keeps
itself is the package being built and which tab is open. An engine `ActionError` is shown as
a one-line message. Layout: three columns when the window is wide, two when it is medium
(the chart and the parties beside the tabs), one when narrow (they become an "Overview" tab);
every column scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import pygame

from game.engine import package as pkg
from game.engine.game import ActionError, current_player
from game.engine.preview import counter_odds
from game.engine.shapes import Action, Event, ObjectionRecord, State
from game.ui import coach, vocab
from game.ui.cards import CardButton, ClauseRow, Tabs, pill, pill_width
from game.ui.doc import Block, DocView, Stack
from game.ui.layout import at_end, at_start, row
from game.ui.round_model import RoundModel
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.scenes.argued import ArguedAtScene
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.round_dialogs import ConfirmScene, confirm_leave, saved_message
from game.ui.scenes.round_panels import Pad, RoundPanels, find_text
from game.ui.text import Align, draw_line, draw_text, line_width, ltr, text_height
from game.ui.theme import signal
from game.ui.widgets import Button, ScrollStop, ScrollView, Widget

if TYPE_CHECKING:
    from game.engine.russia import Answer
    from game.ui.app import App
    from game.ui.flow import GameFlow

TABS = ("news", "arguments", "moves", "package")
TROOP_STEPS = (0, 5_000, 10_000, 15_000, 20_000, 30_000, 40_000, 60_000)
"""Troop numbers the builder steps through, evenly by 5,000 up to 20,000 (Camille Grand's
force, P10, and the sizes the rules weigh), then towards what the Cold War needed (P25);
the numbers on the table and in the proposal are steps too."""
WIDE = 1100
MEDIUM = 700
"""Body widths (at 1x) for three and two columns."""


class RoundScene(Scene):
    name = "round"

    def __init__(self, app: App, flow: GameFlow) -> None:
        self.flow = flow
        self.seat = flow.current_seat
        self.message = ""
        self.message_kind = "info"
        self.message_cut = False
        """Whether the last drawing of the message line had to cut it."""
        self.msg_lines = 1
        self.mode = "wide"
        self.short = False
        self.tab = "news" if flow.state.get("news") else "package"
        if self.tab != "news":  # no news this week: nothing to read
            coach.mark(flow, "news")
        self.model = RoundModel(flow, self.seat)
        self.panels = RoundPanels(self)
        self.arg_cards: list[CardButton] = []
        self.counter_cards: list[CardButton] = []
        self.move_cards: list[CardButton] = []
        self.columns: list[tuple[DocView, list[Block]]] = []
        """The columns on screen and the blocks each was laid out with."""
        super().__init__(app)

    # ------------------------------------------------------------ reading the game

    @property
    def state(self) -> State:
        return self.flow.state

    # what the model knows, under the names the screen's code and tests use
    @property
    def draft(self) -> dict[str, Any]:
        return self.model.draft

    @property
    def live(self) -> Answer:
        return self.model.live

    @property
    def table_live(self) -> Answer:
        return self.model.table_live

    @property
    def objections(self) -> list[ObjectionRecord]:
        return self.model.objections

    @property
    def last_seat(self) -> bool:
        return self.model.last_seat

    def changed(self) -> list[str]:
        return self.model.changed()

    def edited(self) -> list[str]:
        """What this seat changed in the builder itself (`RoundModel.edited`)."""
        return self.model.edited()

    # ------------------------------------------------------------ widgets

    def build(self) -> None:
        app = self.app
        self.tabs = Tabs(
            app,
            [(k, f"round.tab.{k}") for k in TABS],
            index=TABS.index(self.tab),
            on_change=self._tab_changed,
        )
        self.rows: dict[str, ClauseRow] = {}
        locked = self.flow.engine.locked
        for clause in vocab.CLAUSES:
            self.rows[clause] = self._clause_row(clause, clause.split(".")[0] in locked)
        self.propose = Button(app, "round.propose", self.do_propose, shortcut="p", name="propose")
        self.agree = Button(app, self._agree_label, self.do_agree, shortcut="a", name="agree")
        self.reset = Button(
            app, "round.reset", self.do_reset, shortcut="r", kind="ghost", name="reset"
        )
        self.news_link = Button(
            app, "round.read_cited", self.open_cited, shortcut="c", kind="ghost", name="cited"
        )
        self.undo = Button(
            app, "round.undo", self.do_undo, chip="Ctrl+Z", kind="ghost", name="undo"
        )
        self.save = Button(
            app, "round.save", self.do_save, chip="Ctrl+S", kind="ghost", name="save"
        )
        self.walk = Button(
            app, "round.walk_out", self.ask_walk_out, shortcut="w", kind="ghost", name="walk_out"
        )
        self.main = Button(app, self._main_label, self.do_main, kind="primary", name="main")
        self.compact_bar = False
        self.compact = False
        self.title_rect = pygame.Rect(0, 0, 0, 0)
        self.coach_rect = pygame.Rect(0, 0, 0, 0)
        """The tutorial's coach line, above the message line (no height outside a tutorial)."""
        self.docs = [DocView(app) for _ in range(3)]
        self.views = [d.view for d in self.docs]
        self.stops = [
            ScrollStop(app, self.views[1], name="panel.parties"),
            ScrollStop(app, self.views[2], name="panel.chart"),
        ]
        """The side columns as focus stops: Tab reaches them, the keys scroll them."""
        self.ring.on_focus = self._reveal
        self.sync(reset_draft=False)
        self.ring.focus(self.tabs)

    def _clause_row(self, clause: str, locked: bool) -> ClauseRow:
        def word(value: Any) -> Callable[[], str]:
            """A value's words, asked each time they are drawn (the language may change)."""
            return lambda: vocab.clause_value(clause, value, self.lang)

        options: list[tuple[Any, Any]]
        if clause.startswith("troops."):
            who = clause.split(".", 1)[1]
            values = set(TROOP_STEPS)
            values.add(int(self.state["package"]["troops"][who]))
            values.add(int(self.model.draft["troops"][who]))
            options = [(n, word(n)) for n in sorted(values)]
            kind = "steps"
        elif clause in ("nato_membership", "observers"):
            options = [(v, word(v)) for v in (False, True)]
            kind = "toggle"
        else:
            options = [(v, word(v)) for v in vocab.CLAUSE_VALUES[clause]]
            kind = "cycle"

        def changed(value: Any) -> None:
            self.set_clause(clause, value)

        return ClauseRow(
            self.app,
            lambda: vocab.clause_label(clause, self.lang),
            options,
            RoundModel.clause_value(self.model.draft, clause),
            kind=kind,
            on_change=changed,
            note="round.locked" if locked else None,
            enabled=not locked,
            marked=lambda: self.model.differs_from_table(clause),
            name=f"clause.{clause}",
        )

    def _agree_label(self) -> str:
        by = self.state.get("draft_by") or self.seat
        return self.t("round.agree_to", seat=vocab.seat_name(by, self.lang))

    def _main_label(self) -> str:
        if self.compact_bar:
            return self.t("round.table_short" if self.last_seat else "round.end_turn_short")
        if self.last_seat:
            return self.t("round.propose_and_table" if self.changed() else "round.table")
        return self.t("round.propose_and_end" if self.changed() else "round.end_turn")

    # ------------------------------------------------------------ keeping up with the game

    def sync(self, reset_draft: bool = True) -> None:
        """Re-read the game after an action: the hand, the moves, the buttons, the layout."""
        if reset_draft:
            self.model.reset()
            for clause, w in self.rows.items():
                w.set_value(RoundModel.clause_value(self.model.draft, clause))
        self._cards()
        self._recompute()
        self._assemble()
        self.relayout()

    def relayout(self) -> None:
        self._layout_key = None
        self.dirty = True

    def _recompute(self) -> None:
        st, m = self.state, self.model
        m.recompute()
        changed = bool(self.changed())
        self.propose.enabled = changed
        self.propose.note = "round.proposed" if st.get("draft") is not None else "round.no_changes"
        self.reset.enabled = changed
        self.show_agree = m.show_agree
        self.agree.enabled = m.can_agree
        self.agree.note = "round.agreed"
        self.undo.enabled = m.can_undo()
        self.undo.note = f"round.undo_note.{m.undo_reason() or 'nothing'}"
        # T tables; in lap 1 (and while a proposal waits for answers) it ends the turn
        self.main.shortcut = "t" if self.last_seat or not self.flow.hot_seat else "e"

    def _cards(self) -> None:
        st, f = self.state, self.flow
        left = self.model.arguments_left()
        self.arg_cards = []
        for card_id in st["hands"].get(self.seat, []):
            self.arg_cards.append(
                CardButton(
                    self.app,
                    partial(self.panels.argument_parts, card_id),
                    partial(self.play_argument, card_id),
                    action="round.play",
                    enabled=left > 0,
                    note="round.no_arguments_left",
                    name=f"arg.{card_id}",
                )
            )
        # the arguments standing against the seat that it may counter now, each a card
        # with its chance (the roll shown by the debate screen, as every roll is)
        self.counter_cards = [
            CardButton(
                self.app,
                partial(self.panels.counter_parts, odds),
                partial(self.counter_argument, odds.card),
                action="round.counter_it",
                shortcut="k" if i == 0 else None,
                name=f"counter.{odds.card}",
            )
            for i, odds in enumerate(counter_odds(f.engine, st, self.seat))
            if current_player(st) == self.seat
        ]
        self.move_cards = []
        available = set(f.engine.available_moves(st, self.seat))
        used = st["used"][self.seat]["move"]
        running = {o["move"] for o in st.get("ongoing", [])}
        for m in f.actors[self.seat].get("moves", []):
            mid = m["id"]
            note = (
                "round.move_used"
                if used
                else ("round.move_running" if mid in running else "round.move_not_now")
            )
            self.move_cards.append(
                CardButton(
                    self.app,
                    partial(self.panels.move_parts, mid),
                    partial(self.take_move, mid),
                    action="round.make_move",
                    enabled=mid in available,
                    note=note,
                    accent=self.theme.c.info,
                    name=f"move.{mid}",
                )
            )

    def _assemble(self) -> None:
        """The focus order: back, tabs, the open tab's controls, then the action bar."""
        current = self.ring.current
        widgets: list[Widget] = [self._back] if self._back is not None else []
        widgets += [self.tabs, self.news_link, *self.counter_cards, *self.arg_cards]
        widgets += self.move_cards
        widgets += [*self.rows.values(), self.propose, self.agree, self.reset]
        widgets += self.stops
        widgets += [self.undo, self.save, self.walk, self.main]
        self.ring.widgets = widgets
        if current is not None and current in widgets:
            self.ring.current = current
        else:  # the card in focus was played: back to the tabs (play_argument does better)
            self.ring.current = None
            self.ring.focus(self.tabs)

    def _reveal(self, w: Widget) -> None:
        for v in self.views:
            if v.reveal(w):
                self.dirty = True

    def enter(self) -> None:
        self.answer_pending()

    def resume(self) -> None:
        """Back from the debate, the article or a dialog: the game may have moved on."""
        self.sync(reset_draft=False)
        self.answer_pending()

    def answer_pending(self) -> bool:
        """A computer seat's argument waits for this seat's answer: the dialog over this
        screen (`argued`), then the roll, if there is one, on the debate screen."""
        pending = self.state.get("pending")
        if not pending or pending["to"] != self.seat or self.app.top is not self:
            return False

        def answered(events: list[Any]) -> None:
            self.sync(reset_draft=False)
            if any(e.get("type") == "argument" for e in events):
                self.app.push(DebateScene(self.app, self.flow, events))
            elif any(e.get("type") == "conceded" for e in events):
                by = vocab.seat_name(str(pending["seat"]), self.lang)
                self.say(self.t("argued.conceded", seat=by), "ok")
            self.answer_pending()  # the seat that argued may argue again at once

        self.app.push(ArguedAtScene(self.app, self.flow, after=answered))
        return True

    def _tab_changed(self, key: str) -> None:
        if self.tab == "news" and key != "news":  # the news read, on to the next tab
            coach.mark(self.flow, "news")
        self.tab = key
        self.views[0].offset = 0
        self.relayout()

    # ------------------------------------------------------------ actions

    def set_clause(self, clause: str, value: Any) -> None:
        self.model.set_clause(clause, value)
        if self.changed():
            coach.mark(self.flow, "package")
        self.message = ""
        self._recompute()
        self.relayout()

    def act(self, action: dict[str, Any]) -> list[Event] | None:
        """Apply an action; an illegal one becomes a one-line message (the engine checks it)."""
        try:
            events = self.flow.act(cast(Action, {**action, "seat": self.seat}))
        except ActionError as e:
            self.say(self.t("round.not_possible", why=ltr(str(e))), "error")
            return None
        return events

    def say(self, text: str, kind: str = "info") -> None:
        self.message, self.message_kind = text, kind
        self.said = getattr(self, "said", 0) + 1
        self.dirty = True
        msg = getattr(self, "msg_rect", None)
        if msg is not None and self._lines_for(text, msg.width) != self.msg_lines:
            self._layout_key = None  # the message line takes another height: lay out again

    MESSAGE_LINES = 3
    """The most lines the message line grows to (what the other seats did, in full)."""

    def _lines_for(self, text: str, width: int) -> int:
        """The lines the message line takes for `text` (one, two on a projector's compact
        screen, more for a message that needs them, at most `MESSAGE_LINES`)."""
        style = self.theme.text("small_bold")
        need = -(-text_height(text + "  ", style, max(1, width), self.lang) // style.line_height)
        return max(1, min(self.MESSAGE_LINES, need))

    def do_propose(self) -> bool:
        if not self.changed():
            return True
        if self.act({"type": "propose", "package": pkg.copy(self.draft)}) is None:
            return False
        self.say(self.t("round.proposal_made"), "ok")
        self.sync(reset_draft=True)
        self.ring.focus(self.main)  # the next step: table it (or end the turn)
        return True

    def do_agree(self) -> None:
        if self.act({"type": "agree"}) is not None:
            self.say(self.t("round.agreed_done"), "ok")
            self.sync(reset_draft=True)

    def do_reset(self) -> None:
        self.sync(reset_draft=True)
        self.say(self.t("round.reset_done"))
        first = next((w for w in self.rows.values() if w.enabled), None)
        if first is not None:  # back to the rows that were just put back
            self.ring.focus(first)

    def do_undo(self) -> None:
        why = self.model.undo_reason()
        if why is not None:  # the engine's reason, in the player's words and language
            self.say(self.t(f"round.undo_refused.{why}"), "error")
            return
        try:
            self.flow.undo()
        except ActionError as e:
            self.say(self.t("round.not_possible", why=ltr(str(e))), "error")
            return
        self.say(self.t("round.undone"), "ok")
        self.sync(reset_draft=True)

    def do_save(self) -> None:
        from game.safeio import os_reason
        from game.ui.scenes.save_failed import save_failed

        if getattr(self.flow, "remote", False):  # a class game: the host saves every step
            self.say(self.t("net.host_saves"), "ok")
            return
        try:
            path = self.flow.save()
        except (OSError, ValueError) as e:  # a full disk, a read-only folder: offer elsewhere
            self.flow.save_problem = os_reason(e) if isinstance(e, OSError) else str(e)
            self.flow.save_errno = e.errno if isinstance(e, OSError) else None
            save_failed(self.app, self.flow, force=True)
            return
        self.say(saved_message(self.app, path), "ok")

    def play_argument(self, card_id: str) -> None:
        hand = list(self.state["hands"].get(self.seat, []))
        events = self.act({"type": "argue", "card": card_id})
        if events is None:
            return
        self.sync(reset_draft=False)
        if self.model.arguments_left() and self.arg_cards and card_id in hand:
            i = min(hand.index(card_id), len(self.arg_cards) - 1)
            self.ring.focus(self.arg_cards[i])

        self.app.push(DebateScene(self.app, self.flow, events))

    def counter_argument(self, card_id: str) -> None:
        """Counter an argument standing against the seat: the roll on the debate screen."""
        events = self.act({"type": "counter", "card": card_id})
        if events is None:
            return
        self.sync(reset_draft=False)
        self.app.push(DebateScene(self.app, self.flow, events))

    def take_move(self, move_id: str) -> None:
        events = self.act({"type": "move", "move": move_id})
        if events is None:
            return
        self.say(self.t("round.move_done", move=self.flow.label(move_id, self.lang)), "ok")
        self.sync(reset_draft=False)

    def open_cited(self) -> None:
        coach.mark(self.flow, "news")  # the news's paragraphs, read in the article
        ids = self.model.cited()
        self.app.open_article(paragraph=ids[0] if ids else None, highlight=ids)

    def ask_walk_out(self) -> None:
        self.app.push(
            ConfirmScene(
                self.app,
                self.t("round.walk_out_heading"),
                self.t("round.walk_out_body", seat=vocab.seat_name(self.seat, self.lang)),
                self.t("round.walk_out_confirm"),
                self.walk_out,
                shortcut="y",
                danger=True,
            )
        )

    def walk_out(self) -> None:
        if self.act({"type": "walk_out"}) is not None:
            game_nav.after_answer(self.app, self.flow)

    def do_main(self) -> None:
        """Table (from lap 2, `RoundModel.last_seat`) or end the turn (pass); proposes the
        builder's changes first (and then ends the turn: the others answer them)."""
        tables = self.last_seat
        if self.changed() and not self.do_propose():
            return
        if not tables:
            events = self.act({"type": "pass"})
            if events is None:
                return
            if any(e["type"] == "russia" for e in events) or self.state["phase"] != "talks":
                game_nav.after_table(self.app, self.flow, events)  # the round ended meanwhile
                return
            game_nav.turn(self.app, self.flow)
            if not self.flow.hot_seat or self.flow.current_seat == self.seat:
                top = self.app.top
                if isinstance(top, RoundScene):  # what the other seats did meanwhile
                    top.say(top.others_played(events, self.seat))
            return
        events = self.act({"type": "table"})
        if events is not None:
            game_nav.after_table(self.app, self.flow, events)

    def others_played(self, events: list[Event], seat: str) -> str:
        """What the other seats did on their turns, in one line (`others_did`)."""
        return others_did(self.t, self.flow, events, seat, self.lang)

    def back(self) -> bool:
        confirm_leave(self.app, self.flow)
        return True

    # ------------------------------------------------------------ input

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            mods = getattr(event, "mod", 0)
            ctrl = mods & (pygame.KMOD_CTRL | pygame.KMOD_META)
            if ctrl and event.key == pygame.K_z:
                self.do_undo()
                return True
            if ctrl and event.key == pygame.K_s:
                self.do_save()
                return True
            if (
                not ctrl
                and not mods & pygame.KMOD_ALT
                and event.key == pygame.K_a
                and self.model.can_agree
                and not getattr(self.ring.current, "captures_text", False)
            ):  # A agrees to the proposal waiting for this seat from any tab, as T tables
                self.do_agree()
                return True
            if not ctrl and not mods & pygame.KMOD_ALT:
                digit = _digit(event)
                if digit is not None and 1 <= digit <= len(self.tabs.items):
                    self.tabs.select(digit - 1)
                    self.ring.focus(self.tabs)
                    return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                cur = self.ring.current
                if not isinstance(cur, ClauseRow):
                    v = self._view_of(cur) or self.views[0]
                    step = v.viewport.height * 4 // 5
                    return v.scroll_by(-step if event.key == pygame.K_PAGEUP else step) or True
        if event.type == pygame.MOUSEWHEEL:
            for v in self.views:
                if v.handle(event):
                    return True
        said = getattr(self, "said", 0)
        used = super().handle(event)
        # the next key clears an error line, not the one that key's own action just said
        if (
            used
            and event.type == pygame.KEYDOWN
            and self.message_kind == "error"
            and getattr(self, "said", 0) == said
        ):
            self.message = ""
            if self.msg_lines > 1:  # the line gives its height back to the content
                self.relayout()
        return used

    def _view_of(self, w: Widget | None) -> ScrollView | None:
        if isinstance(w, ScrollStop):
            return w.view
        for v in self.views:
            if any(x is w for x, _ in v.items):
                return v
        return None

    # ------------------------------------------------------------ layout

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "")
        # a compact header: the round screen needs the height
        hh = th.text("h2").line_height + th.px(24)
        f.header.height = hh
        if self._back is not None:
            self._back.rect.centery = f.header.centery
        f.body.top = f.header.bottom + th.px(12)
        f.body.height = max(0, f.footer.top - th.px(6) - f.body.top)
        body = f.body
        # the action bar and the message line
        ch = th.control_h
        self.bar = pygame.Rect(body.left, body.bottom - ch, body.width, ch)
        msg_h = th.text("small_bold").line_height + th.px(8)
        # what the other seats did can take more than a line: the line grows for it (at most
        # three), the content giving up the height while it is said
        # a message takes the lines it needs; the hint shown when nothing is said, two at
        # most (the projector's compact screen gives it two already)
        if self.message:
            self.msg_lines = self._lines_for(self.message, body.width)
        else:
            self.msg_lines = min(2, self._lines_for(self._hint()[0], body.width))
        lines_h = (self.msg_lines - 1) * th.text("small_bold").line_height
        self.msg_rect = pygame.Rect(
            body.left, self.bar.top - msg_h - lines_h, body.width, msg_h + lines_h
        )
        self._layout_bar()
        top_of_lines = self.msg_rect.top
        if coach.current(self.flow, "round") is not None:  # a tutorial: the coach line above
            self.coach_rect = pygame.Rect(body.left, top_of_lines - msg_h, body.width, msg_h)
            top_of_lines = self.coach_rect.top
        else:
            self.coach_rect = pygame.Rect(body.left, top_of_lines, body.width, 0)
        content = pygame.Rect(
            body.left, body.top, body.width, max(0, top_of_lines - th.px(4) - body.top)
        )
        base = content.width / th.scale
        self.short = content.height < th.px(400)
        """Little height (a small window at a big scale): the help lines are left out."""
        self.mode = "wide" if base >= WIDE else ("medium" if base >= MEDIUM else "narrow")
        keys = list(TABS) + (["overview"] if self.mode == "narrow" else [])
        if [k for k, _ in self.tabs.items] != keys:
            self.tabs.items = [(k, f"round.tab.{k}") for k in keys]
            if self.tab not in keys:
                self.tab = "package"
            self.tabs.index = keys.index(self.tab)
        tab_h = th.px(40)
        self.compact = self.mode != "wide" and self.short
        """A large scale in a small window (a projector at 1.5-2x): the tabs go up into the
        header beside Back, and the round, date and seat become one line above the content,
        so the content gets the height the header and the tab row took."""
        if self.compact:  # the message line gets a second line (what Russia would say, then
            # the hint or what a button does), and the content gives up that height
            # two lines, no padding (a longer message: its lines)
            want = max(2, self.msg_lines) * th.text("small_bold").line_height
            extra = want - self.msg_rect.height
            self.msg_rect = pygame.Rect(
                body.left, self.msg_rect.top - extra, body.width, self.msg_rect.height + extra
            )
            content.height = max(0, content.height - extra)
            self.coach_rect.y -= extra
            back_w = (self._back.rect.width + th.pad) if self._back is not None else 0
            f.header.height = max(th.control_h, tab_h)
            if self._back is not None:
                self._back.rect.centery = f.header.centery
            tr = at_end(f.header, max(0, f.header.width - back_w), self.rtl)
            self.tabs.rect = pygame.Rect(tr.left, f.header.centery - tab_h // 2, tr.width, tab_h)
            line_h = th.text("small_bold").line_height + th.px(4)
            self.title_rect = pygame.Rect(body.left, f.header.bottom + th.px(4), body.width, line_h)
            top = self.title_rect.bottom + th.px(2)
            content = pygame.Rect(body.left, top, body.width, max(0, content.bottom - top))
        else:
            self.title_rect = pygame.Rect(0, 0, 0, 0)
        gap = th.px(22)
        self.grid = self.compact and self.tab == "package"
        """A projector's package tab: the clauses in a grid over the whole width, so every
        clause, Propose and what Russia would answer (the message line) are in sight."""
        if self.grid:
            centre, side_a, side_c = content, None, None
        elif self.mode == "wide":
            side_a, centre, side_c = row(content, [0.27, 0.40, None], gap, self.rtl)
        elif self.mode == "medium":
            centre, side_c = row(content, [0.55, None], gap, self.rtl)
            side_a = None
        else:
            centre, side_a, side_c = content, None, None
        for w in self._content_widgets():
            w.ctx = self.app  # the package grid may draw them smaller
            w.visible = False
            w.rect = pygame.Rect(0, 0, 0, 0)
            w.clip = None
        self.columns = []
        # the centre: tabs, then the open tab
        if self.compact:
            cv = pygame.Rect(centre)
        else:
            self.tabs.rect = pygame.Rect(centre.left, centre.top + th.px(3), centre.width, tab_h)
            cv = pygame.Rect(
                centre.left,
                self.tabs.rect.bottom + th.px(12),
                centre.width,
                max(0, centre.bottom - self.tabs.rect.bottom - th.px(12)),
            )
        self._column(self.docs[0], cv, self.panels.tab)
        if side_a is not None:
            self._column(self.docs[1], side_a, self.panels.side_a)
        if side_c is not None:
            self._column(self.docs[2], side_c, self.panels.side_c)
        for stop, side in zip(self.stops, (side_a, side_c), strict=True):
            stop.visible = side is not None
            stop.rect = pygame.Rect(side) if side is not None else pygame.Rect(0, 0, 0, 0)
        self.ring.ensure()

    def _content_widgets(self) -> list[Widget]:
        return [
            self.news_link,
            *self.arg_cards,
            *self.move_cards,
            *self.rows.values(),
            self.propose,
            self.agree,
            self.reset,
        ]

    def _column(
        self, doc: DocView, rect: pygame.Rect, write: Callable[[int, int], list[Block]]
    ) -> None:
        """One scrolling column: the scroll bar's room and 14 (base) of margin at the start
        side, 10 at the end side."""
        th = self.theme
        width = max(1, rect.width - th.px(14) - th.px(14) - th.px(10))
        blocks: list[Block] = [
            Pad(self.app, Stack(self.app, write(width, rect.height), gap=0), 14, 10)
        ]
        doc.layout(rect, blocks, gap=0)
        self.columns.append((doc, blocks))

    def text_rect(self, words: str) -> tuple[ScrollView, pygame.Rect]:
        """The column and the rect (in its content coordinates) of a text saying `words`."""
        for doc, blocks in self.columns:
            for b, top in zip(blocks, doc.tops, strict=True):
                r = find_text(b, words, doc.x, top)
                if r is not None:
                    return doc.view, r
        raise KeyError(words)

    def _layout_bar(self) -> None:
        """Undo and Save at the start, Walk out and the main action at the end; in a tight
        row the chips go first, then the main label shortens, then the others squeeze."""
        th = self.theme
        bar = self.bar
        gap = th.gap
        start = [self.undo, self.save]
        end = [self.walk, self.main]
        for w in (self.undo, self.save, self.walk):
            w.show_chip = True
        self.compact_bar = False

        def need() -> dict[Widget, int]:
            return {w: w.natural_width() for w in (*start, *end)}

        widths = need()
        if sum(widths.values()) + gap * 3 > bar.width:
            for w in (self.undo, self.save, self.walk):
                w.show_chip = False
            widths = need()
        if sum(widths.values()) + gap * 3 > bar.width:
            self.compact_bar = True
            widths = need()
        if sum(widths.values()) + gap * 3 > bar.width:
            spare = max(0, bar.width - widths[self.main] - gap * 3)
            for w in (*start, self.walk):
                widths[w] = spare // 3
        x = 0
        for w in start:
            r = pygame.Rect(bar.left + x, bar.top, widths[w], bar.height)
            if self.rtl:
                r.x = bar.right - x - widths[w]
            w.rect = r
            x += widths[w] + gap
        x = 0
        for w in reversed(end):
            r = pygame.Rect(bar.right - x - widths[w], bar.top, widths[w], bar.height)
            if self.rtl:
                r.x = bar.left + x
            w.rect = r
            x += widths[w] + gap

    # ------------------------------------------------------------ drawing

    def _title(self) -> str:
        st, lang = self.state, self.lang
        return " · ".join(
            (
                self.t("common.round_of", n=st["round"], total=self.flow.rounds),
                vocab.date_words(st.get("date", ""), lang),
            )
        )

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface, title="")
        f = self.frame
        assert f is not None
        # the header: the round and date at the start, the seat playing at the end
        seat_text = self.t("round.playing_as", seat=vocab.seat_name(self.seat, self.lang))
        if self.flow.hot_seat:
            seat_text += " · " + self.t(
                "round.turn_of", n=self.flow.turn + 1, total=len(self.flow.humans)
            )
        if self.compact:  # the round, date and seat in one line over the content
            m = self.title_rect
            draw_line(
                surface,
                f"{self._title()} · {seat_text}",
                (m.right if self.rtl else m.left, m.centery),
                th.text("small_bold").with_colour(c.accent),
                self.lang,
                anchor="midright" if self.rtl else "midleft",
                max_width=m.width,
            )
            self._draw_body(surface)
            return
        style = th.text("small_bold").with_colour(c.on_accent)
        pw = min(pill_width(seat_text, style, self.lang, th), f.header.width // 2)
        pr = at_end(f.header, pw, self.rtl)
        pill(surface, seat_text, pr.center, style, self.lang, th, fill=c.accent, anchor="center")
        used = (self._back.rect.width + th.pad) if self._back else 0
        title_w = max(0, f.header.width - used - pw - th.pad)
        tr = at_start(f.header, used + title_w, self.rtl)
        tr = at_end(tr, title_w, self.rtl)
        title = self._title()
        if line_width(title, th.text("h2"), self.lang) > title_w:
            title = self.t("common.round_of", n=self.state["round"], total=self.flow.rounds)
        draw_line(
            surface,
            title,
            (tr.right if self.rtl else tr.left, f.header.centery),
            th.text("h2"),
            self.lang,
            anchor="midright" if self.rtl else "midleft",
            max_width=max(1, title_w),
        )
        self._draw_body(surface)

    def _draw_body(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        for doc, _ in self.columns:
            doc.draw(surface)
        if self.coach_rect.height:
            coach.draw(self, surface, self.coach_rect, self.coach_hint())
        # the message line (or what tabling would do)
        self.message_cut = False
        text, kind = self._message()
        if text:
            col = {"error": c.bad, "ok": c.ok, "warn": c.warn}.get(kind, c.text_dim)
            prefix = {
                "error": signal("warning")[0] + " ",
                "ok": "✓ ",
                "warn": signal("warning")[0] + " ",
            }.get(kind, "")
            m = self.msg_rect
            style = th.text("small_bold").with_colour(col)
            lines = max(2 if self.compact else 1, self.msg_lines)
            whole = text_height(prefix + text, style, m.width, self.lang)
            self.message_cut = whole > lines * style.line_height
            if lines > 1:  # centred in the line's height
                h = text_height(prefix + text, style, m.width, self.lang, max_lines=lines)
                r = pygame.Rect(m.left, m.centery - h // 2, m.width, h)
                align: Align = "right" if self.rtl else "left"
                draw_text(surface, prefix + text, r, style, self.lang, align=align, max_lines=lines)
            else:
                draw_line(
                    surface,
                    prefix + text,
                    (m.right if self.rtl else m.left, m.centery),
                    style,
                    self.lang,
                    anchor="midright" if self.rtl else "midleft",
                    max_width=m.width,
                )
        self.ring.draw(surface)

    def footer_items(self) -> list[tuple[str, str]]:
        items = super().footer_items()
        items.insert(1, (f"1–{len(self.tabs.items)}", self.t("round.footer_tabs")))
        return items

    def describe(self, w: Widget | None) -> str | None:
        """What an action button does, in one line (shown while it is pointed at or in
        focus): Propose, Propose and table, Table and the rest differ in what reaches
        Russia and when, and the screen says so."""
        if w is None or not w.visible:
            return None
        lang = self.lang
        seat = vocab.seat_name(self.model.next_seat(), lang)
        if w is self.main:
            if self.last_seat:
                key = "propose_and_table" if self.changed() else "table"
            else:
                key = "propose_and_end" if self.changed() else "end_turn"
            return self.t(f"round.does.{key}", seat=seat)
        if w is self.agree:
            by = self.state.get("draft_by") or self.seat
            return self.t("round.does.agree", seat=vocab.seat_name(by, lang))
        names: dict[Widget, str] = {
            self.propose: "propose",
            self.reset: "reset",
            self.walk: "walk_out",
            self.undo: "undo",
            self.save: "save",
        }
        name = names.get(w)
        if w is self.undo and not w.enabled:  # why not, rather than what it would do
            return self.t(f"round.undo_refused.{self.model.undo_reason() or 'nothing'}")
        return self.t(f"round.does.{name}") if name else None

    def _message(self) -> tuple[str, str]:
        if self.message and self.message_kind == "error":
            return self.message, self.message_kind
        hovered = next((w for w in self.ring.widgets if w.hovered), None)
        for w in (hovered, None if self.message else self.ring.current):
            said = self.describe(w)
            if said:
                return said, "info"
        if self.message:
            return self.message, self.message_kind
        hint, kind = self._hint()
        if self.compact and not self._chart_in_sight():
            # no chart on screen: what Russia would answer stays in sight on every tab
            verdict = self.t(
                "round.if_tabled", stance=vocab.stance_label(self.live.stance, self.lang)
            )
            return f"{verdict} · {hint}", kind
        return hint, kind

    def coach_hint(self) -> str:
        """The tutorial's hint for the step the player is at ("" outside a tutorial)."""
        return coach.line(self.flow, "round", self.lang, self.t)

    def _chart_in_sight(self) -> bool:
        """The chart and the verdict under it are on screen (a side column, or the Overview)."""
        if self.tab == "overview":
            return True
        return self.mode != "narrow" and not self.grid

    def _hint(self) -> tuple[str, str]:
        lang = self.lang
        waiting = getattr(self.flow, "waiting_for", None)  # a class game: another seat plays
        if waiting:
            return self.t("net.waiting", turn=vocab.seat_name(waiting, lang)), "warn"
        o = self.model.outlook()
        if self.model.can_agree:  # a proposal waits for this seat's answer, in any lap
            by = vocab.seat_name(str(self.state.get("draft_by", "")), lang)
            return self.t("round.hint_you_not_agreed", seat=by), "warn"
        if o.next_seat is not None:
            hint = self.t("round.end_turn_hint", seat=vocab.seat_name(o.next_seat, lang))
            if o.proposes:
                hint = self.t("round.hint_will_propose") + " " + hint
            return hint, "info"
        if o.refused_by:
            return self.t("round.hint_refused", seats=vocab.seat_list(o.refused_by, lang)), "warn"
        if o.not_agreed:
            return self.t(
                "round.hint_not_agreed", seats=vocab.seat_list(o.not_agreed, lang)
            ), "warn"
        return self.t("round.table_hint"), "info"


def _digit(event: pygame.event.Event) -> int | None:
    uni = getattr(event, "unicode", "") or ""
    if len(uni) == 1 and uni.isdigit() and uni.isascii():
        return int(uni)
    k = getattr(event, "key", 0)
    if pygame.K_1 <= k <= pygame.K_9:
        return k - pygame.K_0
    if pygame.K_KP1 <= k <= pygame.K_KP9:
        return k - pygame.K_KP1 + 1
    return None


TOLD = ("proposal", "move", "agree", "object", "rebuttal", "pass")
"""What another seat did that is told on the round screen's message line (an argument is
shown by the debate screen on this computer)."""


def others_did(
    t: Callable[..., str],
    flow: Any,
    events: Sequence[Any],
    seat: str | None,
    lang: str,
    kinds: Sequence[str] = TOLD,
) -> str:
    """What the other seats than `seat` did, in one line: each seat named once, with what it
    did in order ("United States proposed a package, agreed to the proposal; Ukraine
    passed"); a pass is told only for a seat that did nothing else."""
    done: dict[str, list[Any]] = {}
    for e in events:
        who = str(e.get("seat", ""))
        if not who or who == seat or e["type"] not in kinds:
            continue
        done.setdefault(who, []).append(e)
    said: list[str] = []
    for who, acts in done.items():
        if any(e["type"] != "pass" for e in acts):
            acts = [e for e in acts if e["type"] != "pass"]
        name = vocab.seat_name(who, lang)
        parts = []
        for i, e in enumerate(acts):
            kind = str(e["type"])
            fmt: dict[str, str] = {"seat": name} if i == 0 else {}
            if kind == "move":
                fmt["move"] = flow.label(str(e["move"]), lang)
            elif kind == "argument":
                fmt["card"] = flow.label(str(e["card"]), lang)
            first = (
                f"net.other.{kind}"
                if kind in ("proposal", "argument", "undone")
                else (f"round.other.{kind}")
            )
            parts.append(t(first if i == 0 else f"round.did.{kind}", **fmt))
        said.append(t("round.did_join").join(parts))
    return t("round.seats_join").join(said)
