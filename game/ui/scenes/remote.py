"""A team's machine in a class game (GAME-DESIGN 7): join (address, room code, seat), then
the game's usual screens (briefing, round, debate, Russia's answer, signing, ending,
debrief) for the seat, driven by the view the host sends; an observer gets the class view.

The connection runs in a thread of its own (`RemoteLink`, a `game.net.client.Client` on an
asyncio loop); what it hears goes into an `Inbox` and wakes the window (`NET_EVENT`). The
window's thread takes it (`RemoteGame.poll`, called by the app after every event): the
game the screens read (`game.ui.remote_flow.RemoteFlow`) moves on, and the screens follow
another seat's action (the round screen re-reads the game and says what the others did;
a round tabled by another seat opens Russia's answer; the end opens the ending). The
screens send the seat's actions through the flow; the host decides. Whose turn it is, and
a host that is away, are said at the start of the footer of every game screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.net.client import Address, Client, Fatal, normal_code, parse_address
from game.ui import vocab
from game.ui.events import NET_EVENT
from game.ui.layout import inset
from game.ui.remote_flow import Inbox, RemoteFlow
from game.ui.scene import Scene
from game.ui.scenes import game_nav
from game.ui.text import draw_line, draw_text, fits, line_width, ltr, text_height
from game.ui.widgets import Button, Choice, Label, TextInput, rounded

if TYPE_CHECKING:
    from pathlib import Path

    from game.ui.app import App


SLOW = 1.5
"""Seconds an action waits before the status says no answer came yet (and how to stop)."""

WINDOW_EVENTS = (
    pygame.VIDEORESIZE,
    pygame.WINDOWSIZECHANGED,
    pygame.WINDOWEXPOSED,
    pygame.WINDOWSHOWN,
    pygame.WINDOWRESTORED,
)


def _wake() -> None:
    with contextlib.suppress(pygame.error):
        pygame.event.post(pygame.event.Event(NET_EVENT))


class RemoteLink:
    """A connection to the host in a thread; what it hears goes into `inbox`."""

    def __init__(
        self,
        address: Address,
        code: str,
        seat: str | None,
        observe: bool,
        token_file: Path | None,
        inbox: Inbox | None = None,
    ) -> None:
        self.address = address
        self.inbox = inbox or Inbox(_wake)
        self._loop: asyncio.AbstractEventLoop | None = None
        self.client = Client(
            address,
            code,
            seat=seat,
            observe=observe,
            token_file=token_file,
            on_view=self._on_view,
            on_status=self._on_status,
            on_refusal=lambda msg: self.inbox.put("refused", msg),
            until_over=False,
        )
        self._thread = threading.Thread(target=self._main, name="guarantor-join", daemon=True)
        self._thread.start()

    def _main(self) -> None:
        async def run() -> None:
            self._loop = asyncio.get_running_loop()
            try:
                await self.client.run()
            except Fatal as e:
                self.inbox.put("fatal", str(e))

        asyncio.run(run())

    def _on_view(self, msg: dict[str, Any]) -> None:
        self.inbox.put("view", msg)

    def _on_status(self, line: str) -> None:
        if "not answering" in line:
            self.inbox.put("gone", line)

    def send(self, action: dict[str, Any], ref: int) -> None:
        """From the window's thread: the action goes out on the link's loop. One that
        cannot go (the connection dropped meanwhile) is said as the host being away."""
        loop = self._loop
        if loop is None:
            self.inbox.put("gone", "not connected yet")
            return
        fut = asyncio.run_coroutine_threadsafe(self.client.send_action(action, ref), loop)

        def sent(f: Any) -> None:
            if not f.cancelled() and f.exception() is not None:
                self.inbox.put("gone", str(f.exception()))

        fut.add_done_callback(sent)

    def close(self) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self.client.stop)
        self._thread.join(timeout=5)


class RemoteGame:
    """The class game on a team's (or an observer's) window: the link, the flow made from
    the first view, and the screens kept in step with the host (`app.net`)."""

    def __init__(self, app: App, link: RemoteLink, seat: str | None) -> None:
        self.app = app
        self.link = link
        self.seat = seat
        self.flow: RemoteFlow | None = None
        self.gone = False
        self.fatal = ""
        self.closed = False
        self._early: list[dict[str, Any]] = []
        self.missing = ""
        """The scenario the host plays that this machine does not have."""
        self.status_rect = pygame.Rect(0, 0, 0, 0)
        self.status_cut = False
        self.told: list[Any] = []
        """The other seats' steps since this team's last own one, told on the round screen."""
        """Whether the last drawing of the status had to cut its words."""
        """Where the status was last drawn (a click on it stops waiting for an answer)."""
        app.net = self

    # ------------------------------------------------------------ keeping up

    def alive(self) -> bool:
        """A screen of this game is still on the window's stack."""
        for s in self.app.stack:
            if getattr(s, "net", None) is self:
                return True
            if self.flow is not None and getattr(s, "flow", None) is self.flow:
                return True
        return False

    def poll(self) -> None:
        """After any event, on the window's thread: take what the link heard; move the
        screens on when the host's game has (not while an overlay is on top)."""
        if self.closed:
            return
        if not self.alive():
            self.close()
            return
        if self.flow is None:
            self._before_first_view()
            return
        flow = self.flow
        if flow.sending:  # an action waits for its answer: it takes what comes itself
            return
        # (an action that had no answer marks the host away without a word from the link)
        if flow.take_all() or (flow.gone, flow.fatal) != (self.gone, self.fatal):
            self.gone, self.fatal = flow.gone, flow.fatal
            self.app.redraw()
        if flow.seq > flow.shown:
            top = self.app.top
            if top is not None and getattr(top, "flow", None) is flow:
                self._move_on(top)

    def _before_first_view(self) -> None:
        """Until the game's screens open: the link's news; the views heard, kept in order
        (the first holds the whole log, the next ones only their own steps)."""
        while (item := self.link.inbox.get()) is not None:
            kind, what = item
            if kind == "gone":
                self.gone = True
            elif kind == "fatal":
                self.fatal = str(what)
            elif kind == "view" and not self.fatal:
                self.gone = False
                self._early.append(what)
        # the game opens from the connecting screen (not under a help page opened over it)
        if self._early and getattr(self.app.top, "net", None) is self:
            self._start(self._early)
            self._early = []
        self.app.redraw()

    def _start(self, views: list[dict[str, Any]]) -> None:
        """The first views: the scenario's content, the flow, and the first screen."""
        from game.content.loader import load, resolve
        from game.content.problems import ContentError

        sid = str((views[0].get("view") or {}).get("scenario", ""))
        sent = self.link.client.scenario  # what the host sent with its welcome, checked
        if sent is not None and sent.id == sid:
            bundle = sent.bundle
        else:
            try:
                bundle = load(resolve(sid), full=True, lint=False)
            except (ContentError, OSError):
                self.missing = sid
                self.fatal = f"no scenario {sid}"
                self.stop_link()
                return
        app = self.app
        if self.seat is not None:  # the seat the host gave (a token names its own seat)
            self.seat = str((views[0].get("view") or {}).get("seat") or self.seat)
        flow = RemoteFlow(
            bundle, self.link.inbox, self.link.send, self.seat, app.t, lambda: app.lang
        )
        for msg in views:
            flow.take(("view", msg))
        flow.take_all()
        flow.shown = flow.seq
        flow.waiting = self.wait_tick
        self.flow = flow
        if self.seat is None:
            from game.ui.scenes.class_view import ClassViewScene

            app.replace(ClassViewScene(app, flow))
            return
        phase = flow.state["phase"]
        if phase == "over":
            game_nav.finish(app, flow)
        elif phase == "signing":
            game_nav.after_answer(app, flow)
        else:
            game_nav.start(app, flow)

    def stop_link(self) -> None:
        """Stop trying (joining cannot work); the thread ends on its own."""
        loop = self.link._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.link.client.stop)

    def _move_on(self, top: Scene) -> None:
        """The host's game moved on (another seat acted, the facilitator stepped in): the
        screen on top follows."""
        flow = self.flow
        assert flow is not None
        events = flow.events_since(flow.shown)
        flow.shown = flow.seq
        if self.seat is None:
            top.dirty = True
            return
        kinds = {e["type"] for e in events}
        phase = flow.state["phase"]
        name = top.name
        if "russia" in kinds or "refused_to_sign" in kinds:
            game_nav.after_table(self.app, flow, events)  # Russia's answer, or who refused
        elif phase == "over" and name not in ("answer", "ending", "debrief"):
            game_nav.finish(self.app, flow)
        elif name == "round":
            if phase != "talks":
                game_nav.after_answer(self.app, flow)
                return
            sync = getattr(top, "sync", None)
            edited: Callable[[], Any] = getattr(top, "edited", lambda: [])
            if callable(sync):
                # the team's own edits stay; a builder they did not touch follows what
                # another team proposed meanwhile (compared with the new proposal, the old
                # one looked like an edit, and T would have proposed it again over theirs)
                sync(reset_draft=not edited())
            # told since this team's own last step or the round's start: each update from
            # the host would otherwise say only its own part (one seat's pass)
            cut = [i for i, e in enumerate(events) if e.get("seat") == self.seat]
            cut += [i for i, e in enumerate(events) if e["type"] == "round"]
            self.told = events[max(cut) + 1 :] if cut else [*self.told, *events]
            said = self.others(self.told)
            if flow.late and any(e.get("seat") == self.seat for e in events):
                flow.late = False  # the step the team stopped waiting for was taken after all
                said = "; ".join(x for x in (self.app.t("net.arrived"), said) if x)
            if said and hasattr(top, "say"):
                top.say(said)
        else:
            top._layout_key = None
            top.dirty = True

    def others(self, events: list[Any]) -> str:
        """What the other seats did, in one line (`others_did`, arguments and steps taken
        back too: no debate screen shows another team's roll here)."""
        from game.ui.scenes.round import TOLD, others_did

        assert self.flow is not None
        kinds = (*TOLD, "argument", "undone")
        return others_did(self.app.t, self.flow, events, self.seat, self.app.lang, kinds)

    def fatal_line(self) -> str:
        """Why joining cannot work, in the player's language (the host's words kept whole)."""
        t = self.app.t
        if self.missing:
            return t("net.fatal", why=t("net.no_scenario", scenario=ltr(self.missing)))
        return t("net.fatal", why=ltr(self.fatal))

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.link.close()
        if self.app.net is self:
            self.app.net = None

    # ------------------------------------------------------------ while an action waits

    def wait_tick(self, waited: float) -> bool:
        """The window's turn while an action waits for the host's answer: it redraws
        (saying "Sending…", then that no answer came yet and how to stop waiting) and hears
        its events: the window's own (resize, expose, close) are handled; Esc, or a click
        on the status, stops waiting; any other key or click is dropped (the screen under
        it is not to act twice). False: stop waiting."""
        app = self.app
        go_on = True
        for event in pygame.event.get():
            et = event.type
            if et == pygame.QUIT:
                app.quit()
                go_on = False
            elif self._stops_waiting(event):
                go_on = False
            elif et in WINDOW_EVENTS:
                app.dispatch(event)
        app.redraw()
        app.render(force=True)
        return go_on

    def _stops_waiting(self, event: pygame.event.Event) -> bool:
        """Esc, or a click on the status that says no answer came yet."""
        if event.type == pygame.KEYDOWN:
            return bool(event.key == pygame.K_ESCAPE)
        pos = getattr(event, "pos", None)
        return (
            event.type == pygame.MOUSEBUTTONDOWN
            and isinstance(pos, tuple)
            and self.status_rect.collidepoint(pos)
        )

    # ------------------------------------------------------------ the status line

    def status(self) -> tuple[str, str] | None:
        """What the footer says at its start: (words, kind ok|bad|info), or None."""
        t, lang = self.app.t, self.app.lang
        if self.fatal:
            return self.fatal_line(), "bad"
        flow = self.flow
        if flow is not None and flow.sending:
            return t("net.slow" if flow.sending >= SLOW else "net.sending"), "info"
        if self.gone:
            return t("net.away"), "bad"
        if flow is not None and flow.refusal:  # a step refused that no screen waited for
            return t("net.refused", why=flow.refusal), "bad"
        if flow is None or self.seat is None or flow.state.get("phase") == "over":
            return None
        if flow.my_turn:
            return t("net.your_turn"), "ok"
        if flow.waiting_for:
            return t("net.waiting", turn=vocab.seat_name(flow.waiting_for, lang)), "info"
        return None

    def _style(self) -> Any:
        return self.app.theme.text("small_bold")

    def width(self) -> int:
        """The room the status takes at the start of the footer (0 when there is none)."""
        said = self.status()
        if said is None or getattr(self.app.top, "net", None) is self:
            return 0
        th = self.app.theme
        words = said[0]
        need = line_width(words, self._style(), self.app.lang) + 2 * th.pad
        # two fifths of the footer leave the key chips their room; words that need more
        # (a projector's scale: how to stop waiting) take it, the chips making way
        most = self.app.screen.get_width() * 2 // 5
        if need > most:
            most = self.app.screen.get_width() - 2 * th.px(8) - th.px(12)
        return min(most, need) + th.px(12)

    def draw(self, surface: pygame.Surface) -> None:
        said = self.status()
        top = self.app.top
        if said is None or top is None or getattr(top, "net", None) is self:
            return  # the connecting screen says it in full
        words, kind = said
        th, c = self.app.theme, self.app.theme.c
        colour = {"bad": c.bad, "ok": c.ok}.get(kind, c.text)
        style = self._style().with_colour(colour)
        w = self.width() - th.px(12)
        h = style.line_height + th.px(6)
        frame = getattr(top, "frame", None)
        sw, sh = surface.get_size()
        cy = frame.footer.centery if frame is not None else sh - h // 2 - th.px(4)
        x = sw - w - th.px(8) if self.app.rtl else th.px(8)
        r = pygame.Rect(x, cy - h // 2, w, h)
        self.status_rect = r
        rounded(surface, r, c.bg_deep, colour, th.radius, 2)
        self.status_cut = not fits(words, style.font, w - th.pad)
        draw_line(
            surface, words, r.center, style, self.app.lang, anchor="center", max_width=w - th.pad
        )


class JoinScene(Scene):
    """The address of the teacher's computer, the room code and the seat."""

    name = "join"

    def build(self) -> None:
        app = self.app
        self.address = TextInput(app, "192.168.1.5:8765", search_icon=False, name="address")
        self.code = TextInput(app, "ABCD12", search_icon=False, max_len=12, name="code")
        options: list[tuple[str, Label]] = [(s, self._seat_label(s)) for s in vocab.SEATS]
        options.append(("observe", "net.observe"))
        self.seat = Choice(app, "net.seat", options, name="seat")
        self.connect = Button(app, "net.connect", self.go, kind="primary", name="connect")
        self.ring.add(self.address, self.code, self.seat, self.connect)
        self.ring.focus(self.address)
        self.error = ""
        self.error_field = ""
        self.label_role = "body"
        self.label_at: list[tuple[str, int, int, int]] = []

    def _say(self, error: str, field: str) -> None:
        """An error said in place of the label of the field it is about."""
        self.error, self.error_field = error, field
        self._layout_key = None  # the error may take more lines than the label
        self.dirty = True

    def _seat_label(self, seat: str) -> Callable[[], str]:
        return lambda: vocab.seat_name(seat, self.lang)

    def go(self) -> None:
        from game.net.client import token_file
        from game.net.host import DEFAULT_PORT

        try:
            address = parse_address(self.address.text, DEFAULT_PORT)
        except ValueError:
            self._say(self.t("net.bad_address", text=ltr(self.address.text)), "address")
            self.ring.focus(self.address)
            return
        try:
            code = normal_code(self.code.text)
        except ValueError:
            self._say(self.t("net.bad_code", text=ltr(self.code.text)), "code")
            self.ring.focus(self.code)
            return
        seat = None if self.seat.value == "observe" else str(self.seat.value)
        tokens = token_file(address, code, seat) if seat else None
        connect(self.app, RemoteLink(address, code, seat, seat is None, tokens), seat, self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.go()
            return True
        return super().handle(event)

    def label_text(self, field: str) -> str:
        """What is written above a field: its label, or the error about it."""
        if self.error and self.error_field == field:
            return self.error
        return self.t(f"net.join_{field}")

    def layout(self, rect: pygame.Rect) -> None:
        """One column, top down, each label measured (at a projector's scale it may take
        two lines; an error takes its field's label's place): the gaps shrink, then the
        labels take smaller type, then Connect goes beside the seat (when the seat's
        longest option still fits), so that every control stays on the screen."""
        th = self.theme
        self.standard_frame(rect, "net.join_heading")
        assert self.frame is not None
        body = inset(self.frame.body, th.pad, th.px(8))
        w = min(body.width, max(th.px(640), self.seat.natural_width()))
        w = min(w, body.width)
        x = body.right - w if self.rtl else body.left
        small = th.px(4)
        connect_w = min(w, max(th.px(240), self.connect.natural_width()))
        side_ok = w - connect_w - th.gap >= self.seat.natural_width()
        candidates = [("body", False), ("small", False)]
        if side_ok:
            candidates += [("body", True), ("small", True)]
        for role, side in candidates:
            self.label_role = role
            gap = th.px(28)
            while self._place(x, body.top, w, gap, side, connect_w) > body.bottom and gap > small:
                gap = max(small, gap - th.px(4))
            if self._place(x, body.top, w, gap, side, connect_w) <= body.bottom:
                return

    def _place(self, x: int, top: int, w: int, gap: int, side: bool, connect_w: int) -> int:
        th = self.theme
        ctl, small = th.control_h, th.px(4)
        style = th.text(self.label_role)
        y = top + gap
        self.label_at = []
        for widget, field in ((self.address, "address"), (self.code, "code")):
            self.label_at.append((field, y, x, w))
            y += text_height(self.label_text(field), style, w, self.lang) + small
            widget.rect = pygame.Rect(x, y, w, ctl)
            y += ctl + gap
        cw = connect_w
        if side:
            seat_w = w - cw - th.gap
            self.seat.rect = pygame.Rect(x + (cw + th.gap if self.rtl else 0), y, seat_w, ctl)
            self.connect.rect = pygame.Rect(x if self.rtl else x + w - cw, y, cw, ctl)
        else:
            self.seat.rect = pygame.Rect(x, y, w, ctl)
            y += ctl + gap
            self.connect.rect = pygame.Rect(x + w - cw if self.rtl else x, y, cw, ctl)
        return self.connect.rect.bottom

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        th = self.theme
        for field, y, x, w in self.label_at:
            style = th.text(self.label_role)
            if self.error and self.error_field == field:
                style = style.with_colour(th.c.bad)
            draw_text(surface, self.label_text(field), pygame.Rect(x, y, w, 0), style, self.lang)
        self.ring.draw(surface)


def connect(app: App, link: RemoteLink, seat: str | None, replacing: Scene | None = None) -> Any:
    """Start following the host through `link`: the connecting screen until the first view
    (then the game's screens); returns the `RemoteGame`."""
    old = getattr(app, "net", None)
    if old is not None:
        old.close()
    game = RemoteGame(app, link, seat)
    scene = ConnectScene(app, game)
    if replacing is not None and app.top is replacing:
        app.replace(scene)
    else:
        app.push(scene)
    return game


class ConnectScene(Scene):
    """Until the host's first view: connecting, the host not answering, or why joining
    cannot work. Esc goes back to the title screen (and lets the seat go)."""

    name = "connecting"

    def __init__(self, app: App, net: RemoteGame) -> None:
        self.net = net
        super().__init__(app)

    @property
    def link(self) -> RemoteLink:
        return self.net.link

    def build(self) -> None:
        pass

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == NET_EVENT:
            self.dirty = True
            return True
        return super().handle(event)

    def lines(self) -> list[tuple[str, str]]:
        net = self.net
        if net.fatal:
            return [(net.fatal_line(), "h3")]
        out = [(self.t("net.connecting", address=ltr(str(self.link.address))), "body")]
        if net.gone:
            out.insert(0, (self.t("net.gone"), "h3"))
        return out

    def layout(self, rect: pygame.Rect) -> None:
        self.standard_frame(rect, "net.join_heading")

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        th = self.theme
        assert self.frame is not None
        body = inset(self.frame.body, th.pad, th.pad)
        y = body.top
        for text, role in self.lines():
            y += draw_text(
                surface, text, pygame.Rect(body.left, y, body.width, 0), th.text(role), self.lang
            )
            y += th.px(12)
        self.ring.draw(surface)
