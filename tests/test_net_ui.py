"""The screens of a class game: the host's screen and a team's machine, driven headless
with a real host on loopback (its server in a thread, as `guarantor host` runs it)."""

from __future__ import annotations

import asyncio
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
from tests.conftest import press, title_app

HANG = 30.0


@pytest.fixture
def served() -> Iterator[Host]:
    """A real host on loopback, served from a thread of its own."""
    api = SeatAPI(Engine(load_book(resolve("weak_guarantee"))))
    host = Host(api, scenario_id="weak_guarantee", scenario_path=None, seed=3)
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
    host.loop = box["loop"]  # type: ignore[attr-defined]
    yield host
    box["stop"]()
    t.join(HANG)


def _until(app: Any, done: Callable[[], bool]) -> None:
    """Pump the window until `done()` (the network answers from its own thread)."""
    end = time.monotonic() + HANG  # a hang guard only
    while not done():
        link = getattr(app.top, "link", None)
        why = (
            (
                link.fatal,
                link.status,
                link.message
                and (
                    link.message["seq"],
                    link.message["view"].get("seat"),
                    len(link.message["legal"]),
                ),
                getattr(app.top, "_seq", "-"),
                len(getattr(app.top, "buttons", [])),
            )
            if link
            else app.top
        )
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


def test_a_team_joins_from_the_title_screen_and_ends_its_turn(
    served: Host, tmp_path: Path, content: Any
) -> None:
    from game.ui.scenes.remote import JoinScene, RemoteScene

    app = title_app(tmp_path, content)
    press(app, pygame.K_j)
    join = app.top
    assert isinstance(join, JoinScene)
    join.address.set_text(f"127.0.0.1:{served.port}")
    join.code.set_text(served.code.lower())
    press(app, pygame.K_RETURN)
    remote = app.top
    assert isinstance(remote, RemoteScene)
    _until(app, lambda: remote.link.message is not None and bool(remote.buttons))
    assert remote.link.message is not None
    assert remote.link.message["view"]["seat"] == "europe"  # the first seat, chosen by default
    labels = [b.label() if callable(b.label) else b.label for b in remote.buttons]
    assert "End my turn" in labels
    remote.buttons[labels.index("End my turn")].activate()
    _until(
        app,
        lambda: served.api.current_player(served.state) == "us" and remote.link.message["seq"] == 1,
    )
    assert remote.link.message["legal"] == []  # not its turn any more: nothing to press
    _until(app, lambda: not remote.buttons)
    assert app.top is remote and not app.crashes  # the screen took the empty list in its stride
    app.shutdown()
    remote.link.close()


def test_join_says_what_is_wrong_with_the_address(tmp_path: Path, content: Any) -> None:
    from game.ui.scenes.remote import JoinScene

    app = title_app(tmp_path, content)
    press(app, pygame.K_j)
    join = app.top
    assert isinstance(join, JoinScene)
    join.address.set_text("not an address")
    press(app, pygame.K_RETURN)
    assert app.top is join and "Not an address" in join.error


def test_a_team_screen_says_when_the_host_is_gone_and_comes_back_with_it(
    served: Host, tmp_path: Path, content: Any
) -> None:
    from game.ui.scenes.remote import RemoteLink, RemoteScene

    app = title_app(tmp_path, content, "ar")
    link = RemoteLink(Address("127.0.0.1", served.port), served.code, "us", False, None)
    remote = app.push(RemoteScene(app, link))
    _until(app, lambda: link.message is not None)
    loop = served.loop  # type: ignore[attr-defined]
    asyncio.run_coroutine_threadsafe(served.stop(), loop).result(HANG)
    _until(app, lambda: link.status == "gone")
    gone = [t for t, _ in remote.lines()]
    assert gone[0] == app.t("net.gone") and "حاسوب المعلم" in gone[0]
    port = served.port
    asyncio.run_coroutine_threadsafe(served.start("127.0.0.1", port), loop).result(HANG)
    _until(app, lambda: link.status == "" and link.client.connects >= 2)
    assert app.t("net.gone") not in [t for t, _ in remote.lines()]
    assert link.message is not None and link.message["view"]["seat"] == "us"
    assert app.top is remote and not app.crashes
    app.shutdown()


def test_every_action_a_seat_may_send_has_a_label_in_both_languages() -> None:
    from game.engine.vocab import ACTION_TYPES
    from game.net.protocol import SEAT_ACTIONS
    from game.ui import i18n

    seat_kinds = [k for k in ACTION_TYPES if k in SEAT_ACTIONS]
    assert set(seat_kinds) == set(SEAT_ACTIONS)  # the network's list is the engine's words
    for kind in seat_kinds:
        for lang in ("en", "ar"):
            assert i18n.has(f"net.action.{kind}", lang), (kind, lang)
