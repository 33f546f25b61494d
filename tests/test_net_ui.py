"""The screens of a class game: the host's screen and a team's machine, driven headless
with a real host on loopback (its server in a thread, as `guarantor host` runs it)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.content.book import load_book
from game.content.paths import resolve
from game.engine import Engine
from game.net.client import Address, Client
from game.net.host import Host
from game.net.seat_api import SeatAPI
from tests.conftest import click, press, title_app

HANG = 30.0


def _serve(host: Host) -> Iterator[Host]:
    """Serve `host` on loopback from a thread of its own, until the test is done."""
    ready = threading.Event()
    box: dict[str, Any] = {}

    def serve() -> None:
        async def main() -> None:
            loop = asyncio.get_running_loop()
            stop = asyncio.Event()
            box["stop"] = lambda: loop.call_soon_threadsafe(stop.set)
            box["loop"] = loop
            await host.start("127.0.0.1", 0)
            ready.set()
            await stop.wait()
            await host.stop()

        asyncio.run(main())

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    assert ready.wait(HANG)
    host.loop = box["loop"]
    yield host
    box["stop"]()
    t.join(HANG)


@pytest.fixture
def served() -> Iterator[Host]:
    """A real host on loopback, served from a thread of its own."""
    api = SeatAPI(Engine(load_book(resolve("weak_guarantee"))))
    yield from _serve(Host(api, scenario_id="weak_guarantee", scenario_path=None, seed=3))


def _until(app: Any, done: Callable[[], bool]) -> None:
    """Pump the window until `done()` (the network answers from its own thread)."""
    end = time.monotonic() + HANG  # a hang guard only
    while not done():
        net = getattr(app, "net", None)
        flow = getattr(net, "flow", None)
        why = (app.top.name if app.top else None, getattr(flow, "seq", None))
        assert time.monotonic() < end, f"the network did not answer: {why}"
        app.pump()
        time.sleep(0.01)
    app.pump()
    app.render(force=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_host_screen_shows_address_code_and_seats(
    served: Host, tmp_path: Path, content: Any, lang: str
) -> None:
    from game.ui.scenes.host import HostScene

    app = title_app(tmp_path, content, lang)
    scene = app.push(HostScene(app, served))
    app.render(force=True)
    text = " ".join(t for t, _ in scene.lines())
    assert served.code in text and served.address in text
    seat = Client(Address("127.0.0.1", served.port), served.code, seat="us", until_over=False)
    fut = asyncio.run_coroutine_threadsafe(seat.run(), served.loop)  # type: ignore[attr-defined]
    _until(app, lambda: "us" in served.status.connected)
    joined = " ".join(t for t, _ in scene.lines())
    assert joined != text
    word = "joined" if lang == "en" else "انضم"
    assert word in joined
    served.loop.call_soon_threadsafe(seat.stop)  # type: ignore[attr-defined]
    fut.result(HANG)
    app.shutdown()


# ---------------------------------------------------------------- a team's game on its own machine


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line of text that reached the screen (in visual order, shaped)."""
    from game.ui import text as text_mod

    seen: list[str] = []
    real = text_mod.render_visual

    def record(vis: str, font: Any, colour: Any) -> pygame.Surface:
        seen.append(vis)
        return real(vis, font, colour)

    monkeypatch.setattr(text_mod, "render_visual", record)
    return seen


def _on_host(host: Host, fn: Callable[[], Any]) -> Any:
    """Run `fn` on the host's own loop (as its connections' actions run) and return its value."""

    async def call() -> Any:
        return fn()

    return asyncio.run_coroutine_threadsafe(call(), host.loop).result(HANG)  # type: ignore[attr-defined]


def _join(app: Any, host: Host, seat: str) -> Any:
    """Title -> Join a class game -> address, code, seat -> Connect; the `RemoteGame`."""
    from game.ui.scenes.remote import ConnectScene, JoinScene

    press(app, pygame.K_j)
    join = app.top
    assert isinstance(join, JoinScene)
    join.address.set_text(f"127.0.0.1:{host.port}")
    join.code.set_text(host.code.lower())
    join.seat.set_index([k for k, _ in join.seat.options].index(seat))
    press(app, pygame.K_RETURN)
    net = app.net
    # the connecting screen, until the host's first view (which may come at once)
    assert isinstance(app.top, ConnectScene) or net.flow is not None, app.top
    return net


def _status(app: Any) -> str:
    said = app.net.status()
    return said[0] if said else ""


def test_a_team_plays_its_turn_on_the_usual_screens_and_sees_the_others(
    served: Host, tmp_path: Path, content: Any
) -> None:
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.round import RoundScene

    app = title_app(tmp_path, content)
    net = _join(app, served, "europe")
    _until(app, lambda: isinstance(app.top, BriefingScene))
    flow = net.flow
    assert flow.state["hands"]["europe"] == served.state["hands"]["europe"]  # its own hand
    assert flow.state["hands"]["us"] == [] and not flow.state["rng"]  # nothing private
    others = {c for seat in ("us", "ukraine") for c in served.state["hands"][seat]}
    others -= set(served.state["hands"]["europe"])
    assert others and not any(card in json.dumps(flow.view) for card in others)
    assert "rng" not in flow.view and "hands" not in flow.view
    assert "seed" not in flow.view and flow.session.seed == 0  # the seed stays on the host
    assert flow.engine.legal_actions(flow.view, "europe") == flow.legal  # a view is enough
    assert flow.engine.legal_actions(flow.state, "europe") == flow.legal
    press(app, pygame.K_RETURN)  # the briefing read
    round_ = app.top
    assert isinstance(round_, RoundScene) and round_.seat == "europe"
    assert _status(app) == "Your turn"
    # a move, through its card on the Moves tab, as a player does it
    move = next(c for c in round_.move_cards if c.enabled)
    round_.tabs.select(2)
    move.activate()
    _until(app, lambda: len(served.log) == 1)
    assert served.log[0]["type"] == "move" and served.log[0]["seat"] == "europe"
    assert served.state["used"]["europe"]["move"] is not None
    assert round_.message_kind == "ok" and round_.message  # the screen said it was done
    # undo: the host takes the move back, and every machine's log forgets it
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    _until(app, lambda: len(served.log) == 2)
    assert served.log[-1]["type"] == "undo" and served.state["used"]["europe"]["move"] is None
    assert flow.remote_session.events[1] == [] and flow.seq == 2
    assert app.top.message == app.t("round.undone")
    press(app, pygame.K_t)  # end the turn (lap 1): the host hands it to the United States
    _until(app, lambda: served.api.current_player(served.state) == "us" and flow.seq == 3)
    top = app.top
    assert isinstance(top, RoundScene)
    assert _status(app) == "Waiting: United States is playing"
    assert top._hint() == ("Waiting: United States is playing", "warn")
    # another seat acts on its machine: the window follows and says what it did
    _on_host(served, lambda: served.act("us", {"type": "pass"}))
    _until(app, lambda: flow.seq == 4)
    assert app.top is top and top.message == "United States passed"
    assert _status(app) == "Waiting: Ukraine is playing"
    # out of turn: the host refuses, and the screen says why in the team's words
    press(app, pygame.K_t)
    assert top.message_kind == "error"
    assert "not your turn yet: Ukraine is playing" in top.message
    assert len(served.log) == 4  # nothing happened on the host
    assert not app.crashes
    app.shutdown()


def test_a_round_tabled_elsewhere_opens_russias_answer_on_the_team_window(
    served: Host, tmp_path: Path, content: Any
) -> None:
    from game.ui.scenes.answer import AnswerScene
    from game.ui.scenes.round import RoundScene

    app = title_app(tmp_path, content)
    net = _join(app, served, "ukraine")
    _until(app, lambda: net.flow is not None)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, RoundScene)
    # the other seats play elsewhere; the facilitator sends the package to Russia
    _on_host(served, lambda: served.act("europe", {"type": "pass"}))
    _on_host(served, lambda: served.act("us", {"type": "pass"}))
    _until(app, lambda: net.flow.seq == 2 and net.flow.my_turn)
    assert _status(app) == "Your turn"
    events = _on_host(
        served,
        lambda: served.facilitate({"type": "skip", "seat": "facilitator", "reason": "time"}),
    )
    assert any(e["type"] == "russia" for e in events)
    _until(app, lambda: isinstance(app.top, AnswerScene))
    answer = app.top
    russia = next(e for e in events if e["type"] == "russia")
    assert answer.russia["stance"] == russia["stance"]  # the host's own events, as sent
    press(app, pygame.K_RETURN)  # on to round 2: Europe's turn first
    _until(app, lambda: isinstance(app.top, RoundScene))
    assert net.flow.state["round"] == 2 and _status(app) == "Waiting: Europe is playing"
    assert not app.crashes
    app.shutdown()


def test_a_team_window_says_the_host_is_away_and_comes_back_with_it(
    served: Host, tmp_path: Path, content: Any, drawn: list[str]
) -> None:
    from game.ui.scenes.round import RoundScene
    from game.ui.text import shape

    app = title_app(tmp_path, content, "ar")
    net = _join(app, served, "us")
    _until(app, lambda: net.flow is not None)
    press(app, pygame.K_RETURN)
    round_ = app.top
    assert isinstance(round_, RoundScene)
    waiting = app.t("net.waiting", turn="أوروبا")
    assert _status(app) == waiting and "انتظار" in waiting
    drawn.clear()
    app.render(force=True)
    assert shape(waiting, "ar") in drawn  # drawn at the start of the footer, shaped
    loop = served.loop  # type: ignore[attr-defined]
    asyncio.run_coroutine_threadsafe(served.stop(), loop).result(HANG)
    _until(app, lambda: net.gone)
    assert _status(app) == app.t("net.away") and "المضيف غائب" in _status(app)
    drawn.clear()
    app.render(force=True)
    assert shape(app.t("net.away"), "ar") in drawn
    press(app, pygame.K_t)  # a step while the host is away: said, not lost silently
    assert round_.message_kind == "error" and app.t("net.away_act") in round_.message
    asyncio.run_coroutine_threadsafe(served.start("127.0.0.1", served.port), loop).result(HANG)
    _until(app, lambda: not net.gone)
    assert _status(app) == waiting and app.top is round_ and not app.crashes
    app.shutdown()


def test_an_observer_sees_the_class_view_and_no_private_string(
    served: Host, tmp_path: Path, content: Any, drawn: list[str]
) -> None:
    from game.ui.scenes.class_view import ClassViewScene

    app = title_app(tmp_path, content)
    net = _join(app, served, "observe")
    _until(app, lambda: isinstance(app.top, ClassViewScene))
    assert net.flow.seat is None and net.flow.state["hand"] == []
    _on_host(served, lambda: served.act("europe", {"type": "pass"}))
    _until(app, lambda: net.flow.seq == 1)
    drawn.clear()
    app.render(force=True)
    shown = "\n".join(drawn)
    for seat in ("Europe", "United States", "Ukraine"):
        assert seat in drawn  # the class view is drawn: every seat's public part
    assert "United States's turn" in drawn
    for seat in served.api.seats:  # how many cards each seat holds is public: as the host has it
        n = len(served.state["hands"][seat])
        assert any(app.t("classroom.cv.cards", n=n) in line for line in drawn), (seat, n)
    assert all(served.state["hands"][s] for s in served.api.seats)
    assert not any(app.t("classroom.cv.cards", n=0) in line for line in drawn)  # not unknown
    assert net.flow.view["hand_sizes"] == {s: len(h) for s, h in served.state["hands"].items()}
    markers = {
        card: net.flow.label(card, "en")
        for seat in served.api.seats
        for card in served.state["hands"][seat]
    }
    assert len(markers) >= 6  # each seat holds cards: their claims are the private strings
    sent = json.dumps(net.flow.view)
    for card, claim in markers.items():
        assert card not in sent, card  # never sent to an observer
        assert claim[:24] not in shown and card not in shown, card  # nor drawn
    assert not app.crashes
    app.shutdown()


def test_the_host_window_has_the_class_view_and_the_console_on_its_game(
    served: Host, tmp_path: Path, content: Any
) -> None:
    from game.ui.net_windows import host_screen
    from game.ui.scenes.answer import AnswerScene
    from game.ui.scenes.class_view import ClassViewScene
    from game.ui.scenes.facilitator import FacilitatorScene
    from game.ui.scenes.host import HostScene

    app = title_app(tmp_path, content)
    scene = host_screen(app, served)
    app.render(force=True)
    text = " ".join(t for t, _ in scene.lines())
    assert served.code in text and "F8" in text and "F9" in text
    press(app, pygame.K_F8)
    assert isinstance(app.top, ClassViewScene) and app.top.flow.state is served.state
    press(app, pygame.K_F8)
    press(app, pygame.K_F9)
    console = app.top
    assert isinstance(console, FacilitatorScene)
    console.reason.set_text("the bell rang")
    console.do_skip()  # through the engine, on the host's own loop
    assert served.log[-1]["type"] == "skip" and served.state["round"] == 2
    assert isinstance(app.top, AnswerScene)  # Russia's answer for the projector
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, HostScene)  # back home, not a seat's round
    app.title()  # as the ending's "to the title" does
    press(app, pygame.K_LSHIFT)  # the next event
    assert isinstance(app.top, HostScene)  # the host's screen stays while the game is served
    assert not app.crashes
    app.shutdown()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_host_window_stops_the_class_game_only_after_asking(
    tmp_path: Path, content: Any, lang: str
) -> None:
    """The host's screen has a way out a teacher can see (a button, and Esc): a question
    that says the game is kept and how to go on with it; Cancel stays, confirming ends the
    window (whose closing stops the server)."""
    from game.ui.net_windows import host_screen
    from game.ui.scenes.confirm import ConfirmScene

    api = SeatAPI(Engine(load_book(resolve("weak_guarantee"))))
    host = Host(
        api,
        scenario_id="weak_guarantee",
        scenario_path=None,
        seed=3,
        save_path=tmp_path / "class.json",
    )
    serving = _serve(host)
    served = next(serving)
    app = title_app(tmp_path, content, lang)
    scene = host_screen(app, served)
    app.render(force=True)
    assert scene.stop.visible and app.screen.get_rect().contains(scene.stop.rect)
    press(app, pygame.K_ESCAPE)
    ask = app.top
    assert isinstance(ask, ConfirmScene) and app.running
    assert served.code in ask.body and "class.json" in ask.body and "--resume" in ask.body
    press(app, pygame.K_ESCAPE)  # cancel: the class game goes on
    assert app.top is scene and app.running
    click(app, scene.stop.rect.center)
    assert isinstance(app.top, ConfirmScene)
    app.top.yes.activate()
    assert not app.running  # the window ends; the server stops with it
    assert not app.crashes
    app.shutdown()
    next(serving, None)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_host_screen_shows_address_code_and_turn_whole_at_any_scale(
    served: Host, tmp_path: Path, content: Any, lang: str, scale: float
) -> None:
    """A projector at 2x leaves the host's screen a quarter of its room: the address, the
    room code and whose turn it is are still drawn whole, nothing under the Stop button,
    and a line that does not fit is left out, never cut."""
    from game.ui.net_windows import host_screen
    from game.ui.text import text_height

    app = title_app(tmp_path, content, lang, scale=scale)
    scene = host_screen(app, served)
    app.render(force=True)
    th = scene.theme
    shown: list[str] = []
    for rect, part in scene.columns():
        y = rect.top
        for text, role in part:
            h = text_height(text, th.text(role), rect.width, lang)
            if y + h > rect.bottom:
                break
            box = pygame.Rect(rect.left, y, rect.width, h)
            assert not box.colliderect(scene.stop.rect), text
            assert app.screen.get_rect().contains(box), text
            shown.append(text)
            y += h + th.px(12)
    said = " ".join(shown)
    assert served.code in said and served.address in said
    from game.ui import vocab

    turn = vocab.seat_name(str(served.api.current_player(served.state)), lang)
    assert app.t("net.round_turn", round=1, turn=turn) in shown
    assert app.screen.get_rect().contains(scene.stop.rect)
    app.shutdown()


def test_a_team_window_with_a_real_host_process_killed_and_resumed(
    tmp_path: Path, content: Any
) -> None:
    """`guarantor host --headless` as the class runs it: the team's window plays its turn,
    says the host is away when the process is killed, and goes on when the host is resumed
    from its save on the same port (the seat comes back with its token)."""
    import os
    import subprocess
    import sys

    from game.ui.scenes.remote import RemoteLink, connect
    from game.ui.scenes.round import RoundScene

    env = {**os.environ, "GUARANTOR_DATA_DIR": str(tmp_path / "data")}

    def host(*args: str) -> tuple[subprocess.Popen[str], list[str]]:
        p = subprocess.Popen(
            [sys.executable, "-m", "game", "host", "--headless", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert p.stdout is not None
        return p, [p.stdout.readline().split()[1] for _ in range(3)]

    first, (address, code, save) = host("--port", "0", "--save-dir", str(tmp_path / "saves"))
    procs = [first]
    app = title_app(tmp_path, content)
    try:
        port = int(address.rsplit(":", 1)[1])
        net = connect(
            app, RemoteLink(Address("127.0.0.1", port), code, "europe", False, None), "europe"
        )
        _until(app, lambda: net.flow is not None)
        press(app, pygame.K_RETURN)  # the briefing
        round_ = app.top
        assert isinstance(round_, RoundScene) and net.flow.my_turn
        press(app, pygame.K_t)  # Europe ends its turn: the host takes it
        _until(app, lambda: net.flow.seq == 1)
        assert _status(app) == "Waiting: United States is playing"
        round_ = app.top  # the seat's round screen again, while the others play
        first.kill()
        first.wait(HANG)
        _until(app, lambda: net.gone)
        assert _status(app) == "The host is away, retrying…"
        again, _ = host("--port", str(port), "--resume", save)
        procs.append(again)
        _until(app, lambda: not net.gone)
        assert net.flow.seq == 1 and app.top is round_  # nothing lost
        assert _status(app) == "Waiting: United States is playing"
        assert not app.crashes
    finally:
        app.shutdown()
        for p in procs:
            if p.poll() is None:
                p.kill()
            p.wait(HANG)


def test_a_seat_another_machine_holds_is_said_on_the_connecting_screen(
    served: Host, tmp_path: Path, content: Any
) -> None:
    from game.ui.scenes.remote import ConnectScene

    other = Client(Address("127.0.0.1", served.port), served.code, seat="us", until_over=False)
    fut = asyncio.run_coroutine_threadsafe(other.run(), served.loop)  # type: ignore[attr-defined]
    app = title_app(tmp_path, content, "ar")
    try:
        _until(app, lambda: "us" in served.status.connected)
        net = _join(app, served, "us")
        _until(app, lambda: bool(net.fatal))
        top = app.top
        assert isinstance(top, ConnectScene) and net.flow is None
        said = top.lines()[0][0]
        assert said.startswith("تعذّر الانضمام") and "us is taken" in said
        assert not app.crashes
    finally:
        served.loop.call_soon_threadsafe(other.stop)  # type: ignore[attr-defined]
        fut.result(HANG)
        app.shutdown()


@pytest.fixture
def signing() -> Iterator[Host]:
    """A real host on loopback with a game at its signing (Russia accepted; Europe signs
    first): the log the computer players of level normal play in article5_pledge, at the
    first seed of 1-20 whose talks end so (not every game's talks reach a deal)."""
    api = SeatAPI(Engine(load_book(resolve("article5_pledge"))))
    for seed in range(1, 21):
        state, log = api.new_game(seed), []
        players = {s: api.player(s, "normal", seed) for s in api.seats}
        while state["phase"] == "talks":
            seat = api.current_player(state)
            assert seat is not None and len(log) < 400
            action = dict(players[seat].act(api.view(state, seat)))
            state, _ = api.apply(state, action)
            log.append(action)
        if state["phase"] == "signing" and state["turn"] == "europe":
            break
    else:
        raise AssertionError("no seed of 1-20 brings the talks to a signing Europe opens")
    host = Host(api, scenario_id="article5_pledge", scenario_path=None, seed=seed, actions=log)
    yield from _serve(host)


def test_a_team_signs_on_the_signing_screen_and_sees_the_end(
    signing: Host, tmp_path: Path, content: Any, drawn: list[str]
) -> None:
    from game.ui.scenes.ending import EndingScene
    from game.ui.scenes.signing import SigningScene

    app = title_app(tmp_path, content)
    net = _join(app, signing, "us")
    _until(app, lambda: isinstance(app.top, SigningScene))
    scene = app.top
    assert _status(app) == "Waiting: Europe is playing"
    press(app, pygame.K_s)  # before its turn: refused, and said on the screen
    assert scene.error == "not your turn yet: Europe is playing"
    drawn.clear()
    app.render(force=True)
    assert scene.error in drawn
    _on_host(signing, lambda: signing.act("europe", {"type": "sign"}))
    _until(app, lambda: net.flow.my_turn)
    assert app.top is scene and _status(app) == "Your turn"
    press(app, pygame.K_s)
    assert signing.log[-1] == {"type": "sign", "seat": "us"}
    _on_host(signing, lambda: signing.act("ukraine", {"type": "sign"}))
    _until(app, lambda: isinstance(app.top, EndingScene))
    assert app.top.kind == signing.state["outcome"]["kind"] and not app.crashes
    assert net.flow.session.seed == signing.seed  # the seed, sent once the talks are over
    app.shutdown()


def test_the_events_sent_are_the_sessions_also_after_a_resume_and_an_undo() -> None:
    """The host's batches of events (what every machine is sent) are exactly those a
    one-computer game keeps for the same log: an undo empties the batch it took back, also
    for a step taken before the host was resumed from its save."""
    from game.engine.session import Session

    api = SeatAPI(Engine(load_book(resolve("weak_guarantee"))))
    state = api.new_game(5)
    move = next(a for a in api.legal_actions(state, "europe") if a["type"] == "move")
    host = Host(api, scenario_id="weak_guarantee", scenario_path=None, seed=5, actions=[move])
    assert host.act("europe", {"type": "undo"}) is None  # on the resumed host
    assert host.events[1] == [] and host.log_part(0)["events"][1] == []
    session = Session(api.engine, 5, list(api.seats), host.log)
    assert host.events == session.events
    part = host.log_part()
    assert part["from"] == 0 and part["actions"] == [None, *host.log]  # all again after an undo
    assert host.act("europe", {"type": "pass"}) is None
    part = host.log_part()
    assert part["from"] == 3 and part["actions"] == [host.log[-1]] and "seed" not in part
    assert host.events == Session(api.engine, 5, list(api.seats), host.log).events


def test_a_scenario_only_the_host_has_is_played_on_the_team_window(
    tmp_path: Path, content: Any
) -> None:
    """The host plays a teacher's own scenario (a copy under another id, with its own title)
    that this machine never had: the welcome carries its files, the window checks and loads
    them, and the team plays it on the usual screens under its own title."""
    from game.ui.scenes.briefing import BriefingScene

    text = (Path("scenarios") / "weak_guarantee.yaml").read_text("utf-8")
    text = text.replace("id: weak_guarantee", "id: class_custom", 1)
    text = text.replace(
        '  en: "A weak guarantee: paper, sanctions and observers"',
        '  en: "Class 9B: a guarantee of our own"',
        1,
    )
    own = tmp_path / "host-only" / "class_custom.yaml"
    own.parent.mkdir()
    own.write_text(text, "utf-8")
    api = SeatAPI(Engine(load_book(own)))
    host = Host(api, scenario_id="class_custom", scenario_path=own, seed=2)
    served = _serve(host)
    next(served)
    app = title_app(tmp_path, content)
    try:
        net = _join(app, host, "ukraine")
        _until(app, lambda: isinstance(app.top, BriefingScene) or bool(net.fatal))
        assert not net.fatal and not net.missing
        flow = net.flow
        assert flow.bundle.scenario.id == "class_custom"
        assert str(flow.bundle.scenario.title.en) == "Class 9B: a guarantee of our own"
        assert flow.engine.legal_actions(flow.view, "ukraine") == flow.legal
        assert not own.parent.samefile(net.link.client.scenario.path.parent)  # its own copy
        assert not app.crashes
    finally:
        app.shutdown()
        next(served, None)
