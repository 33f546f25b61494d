"""Shared test set-up: run from the project's top folder, with SDL's dummy drivers."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("GUARANTOR_CACHE_DIR", tempfile.mkdtemp(prefix="guarantor-cache-"))
# settings, saves and crash reports of the tests never land in the user's own folders
os.environ.setdefault("GUARANTOR_CONFIG_DIR", tempfile.mkdtemp(prefix="guarantor-config-"))
os.environ.setdefault("GUARANTOR_DATA_DIR", tempfile.mkdtemp(prefix="guarantor-data-"))

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge", "tutorial")
MAIN_SCENARIOS = SCENARIOS[:4]


@pytest.fixture(scope="session")
def bundles():
    """Every shipped scenario, loaded in full and linted, once per test session."""
    from game.content.loader import load, resolve

    return {sid: load(resolve(sid)) for sid in SCENARIOS}


@pytest.fixture(scope="module")
def content():
    """The screens' content (scenarios, catalogues), once per test module."""
    from game.ui.content import Content

    return Content()


@pytest.fixture(scope="session")
def engines(bundles):
    from game.engine import Engine

    return {sid: Engine(b.book) for sid, b in bundles.items()}


# ---------------------------------------------------------------- driving the screens (UI tests)

import pygame  # noqa: E402  (after SDL's dummy drivers are chosen above)


def char(k: int) -> str:
    """The character a key types ("a" for K_a), or "" for keys that type none."""
    name = pygame.key.name(k)
    return name if len(name) == 1 else ""


def key(k: int, mod: int = 0, uni: str = "") -> pygame.event.Event:
    """A key-down event."""
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=uni, scancode=0)


def press(app: Any, *keys: int, mod: int = 0) -> None:
    """Press keys one after another (each typing its character), then let the app handle them."""
    for k in keys:
        pygame.event.post(key(k, mod, char(k)))
    app.pump()


def click(app: Any, pos: tuple[int, int]) -> None:
    """Move the mouse to a point and click there."""
    pygame.mouse.set_pos(pos)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.pump()


def wheel(app: Any, pos: tuple[int, int], y: int) -> None:
    """Move the mouse to a point and turn the wheel there (y > 0: up)."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.pump()
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    app.pump()


def widget(scene: Any, name: str) -> Any:
    """The widget of a screen's focus ring with this name (StopIteration when there is none)."""
    return next(w for w in scene.ring.widgets if w.name == name)


class Ctx:
    """The smallest UI context a widget needs (a theme, a language, the catalogue), for
    drawing widgets and blocks without an App."""

    def __init__(self, lang: str = "en") -> None:
        from game.ui.theme import Theme

        self.theme = Theme(1.0)
        self._lang = lang

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def rtl(self) -> bool:
        return self._lang == "ar"

    def t(self, key: str, **fmt: object) -> str:
        from game.ui.i18n import t

        return t(key, self._lang, **fmt)


def title_app(
    tmp_path: Path,
    content: Any,
    lang: str = "en",
    scale: float = 1.0,
    size: tuple[int, int] = (1280, 800),
) -> Any:
    """A real App on the title screen, drawn once, with its folders in `tmp_path` and no
    settings written; the pending events cleared."""
    import pygame

    from game.ui.app import App

    a = App(
        size=size,
        lang=lang,
        scale=scale,
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        content=content,
        persist=False,
    )
    a.level = "easy"  # the computer seats as they were before levels (`play --computer easy`)
    a.title()
    a.render(force=True)
    pygame.event.clear()
    return a


def table(flow: Any, seat: str | None = None) -> list[dict[str, Any]]:
    """A person tables as the round screen's Table key does: the seats on turn end their
    turns (the computer's play in between) until the others have had their say (lap 2) and
    it is `seat`'s turn, then it tables. The events since (a round may end first: a computer
    seat tabled the proposal every seat answered)."""
    seat = seat or flow.current_seat
    events: list[dict[str, Any]] = []
    at = flow.state["round"]
    while flow.state["round"] == at and flow.state["phase"] == "talks":
        if flow.current_seat == seat and flow.lap >= 2:
            events += flow.act({"type": "table", "seat": seat})
            break
        events += flow.end_turn()
    return events


def sign_all(engine: Any, state: Any, humans: list[str]) -> Any:
    """Every seat answers Russia's acceptance in turn: the people in `humans` sign, the
    computer's seats answer as the computer does (level easy). The state after."""
    from game.engine.game import current_player, view
    from game.engine.players import make_player

    while state["phase"] == "signing":
        seat = current_player(state)
        assert seat is not None
        if seat in humans:
            action: dict[str, Any] = {"type": "sign", "seat": seat}
        else:
            action = dict(make_player(engine, seat, "easy", state["seed"]).act(view(state, seat)))
        state, _ = engine.apply(state, action)
    return state
