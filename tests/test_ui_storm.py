"""The long storm (GAME-DESIGN 9): 10,000 seeded random input events across every screen,
in both languages, must raise nothing. When it fails it writes a replay file
(`out/storm-replay-SEED.json`: the seed, the screen, and every event up to the crash) and
`replay(path)` plays it again, so a failure on a projector becomes a bug report.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.ui.app import App

from .conftest import ROOT
from .test_ui_game import _random_events, _screens, make_app

SEED = 20251129


EVENTS = 10_000
SCREENS = ("title", "setup", "glossary", "article", "settings", "help")


def _all_screens(app: App) -> dict[str, Any]:
    from game.ui.scenes.setup import SetupScene

    screens = {
        "title": lambda: None,
        "setup": lambda: app.push(SetupScene(app)),
        "glossary": lambda: app.open_glossary(),
        "article": lambda: app.open_article(paragraph="P15"),
        "settings": lambda: app.open_settings(),
        "help": lambda: app.open_help(),
    }
    screens.update(_screens(app))
    return screens


def _record(event: pygame.event.Event) -> dict[str, Any]:
    data = {k: (list(v) if isinstance(v, tuple) else v) for k, v in event.dict.items()}
    data.pop("window", None)
    return {"type": event.type, "dict": data}


def _event(record: dict[str, Any]) -> pygame.event.Event:
    d = {k: (tuple(v) if isinstance(v, list) else v) for k, v in record["dict"].items()}
    return pygame.event.Event(record["type"], d)


def storm(app: App, seed: int, total: int, lang: str) -> dict[str, Any] | None:
    """Run the storm; None if nothing failed, else the replay (also written to out/)."""
    rng = random.Random(seed)
    screens = _all_screens(app)
    events = _random_events(rng, app)
    names = list(screens)
    per_screen = max(1, total // len(names))
    for name in names:
        app.title()
        screens[name]()
        app.render(force=True)
        log: list[dict[str, Any]] = []
        for _ in range(per_screen):
            event = next(events)
            log.append(_record(event))
            pygame.event.post(event)
            app.pump()
            if not app.running:
                app.running = True
            if len(app.stack) == 1:
                screens[name]()
            if app.crashes:
                replay = {
                    "seed": seed,
                    "lang": lang,
                    "screen": name,
                    "crash": {"what": app.crashes[0].what, "where": app.crashes[0].where},
                    "events": log,
                }
                out = ROOT / "out"
                out.mkdir(exist_ok=True)
                (out / f"storm-replay-{seed}-{lang}.json").write_text(
                    json.dumps(replay, indent=1), encoding="utf-8"
                )
                return replay
    return None


def replay(path: Path, tmp: Path) -> App:
    """Play a replay file again on a fresh app; the crash it recorded should recur."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    from game.ui.content import Content

    app = make_app(tmp, Content(), data["lang"])
    _all_screens(app)[data["screen"]]()
    app.render(force=True)
    for record in data["events"]:
        pygame.event.post(_event(record))
        app.pump()
    return app


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_ten_thousand_random_events_over_every_screen(tmp_path, content, lang):
    app = make_app(tmp_path, content, lang)
    failed = storm(app, SEED, EVENTS // 2, lang)
    assert failed is None, (
        f"the storm crashed on {failed['screen']}: {failed['crash']}; "
        f"replay: out/storm-replay-{SEED}-{lang}.json"
    )


def test_a_replay_file_plays_the_same_events_again(tmp_path, content):
    """The replay machinery itself: a recorded run is read back and played without error."""
    app = make_app(tmp_path / "a", content)
    rng = random.Random(7)
    events = _random_events(rng, app)
    log = [_record(next(events)) for _ in range(50)]
    path = tmp_path / "replay.json"
    path.write_text(json.dumps({"lang": "ar", "screen": "round", "events": log}), encoding="utf-8")
    again = replay(path, tmp_path / "b")
    assert again.crashes == [] and again.lang == "ar"
    assert [_record(_event(r)) for r in log] == log
