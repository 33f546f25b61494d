"""Screenshots without a window: every screen rendered to PNG (`guarantor shots`).

    render_all(Path("shots/ar"), "ar") -> [shots/ar/title.png, ...]

Uses SDL's dummy video driver and a 1280x800 window; settings are neither read nor written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.app import App

SIZE = (1280, 800)


def _scenes() -> list[tuple[str, Callable[[App], None]]]:
    from game.ui.crash import CrashInfo
    from game.ui.scenes.article import ArticleScene
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.glossary import GlossaryScene
    from game.ui.scenes.help import HelpScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.setup import SetupScene

    def title(app: App) -> None:
        app.title()

    def setup(app: App) -> None:
        app.push(SetupScene(app))

    def glossary(app: App) -> None:
        app.push(GlossaryScene(app))

    def article(app: App) -> None:
        app.push(ArticleScene(app, paragraph="P10", highlight=["P10", "P12"]))

    def settings(app: App) -> None:
        app.push(SettingsScene(app))

    def help_(app: App) -> None:
        app.push(HelpScene(app))

    def error(app: App) -> None:
        from game.ui.prefs import data_dir

        info = CrashInfo(
            "KeyError: 'P99'", "round.draw", data_dir() / "crashes" / "crash-20250815-120000.txt"
        )
        app.push(ErrorScene(app, info))

    def pending(app: App) -> None:
        s = SetupScene(app)
        app.push(s)
        s.start()

    return [
        ("title", title),
        ("setup", setup),
        ("glossary", glossary),
        ("article", article),
        ("settings", settings),
        ("help", help_),
        ("error", error),
        ("pending", pending),
    ]


def render_all(out: Path, lang: str) -> list[Path]:
    """Render every built screen in `lang` to `out/NAME.png`; return the files written."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.ui.app import App

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = App(
            lang=lang,
            scale=1.0,
            fullscreen=False,
            size=SIZE,
            config_dir=Path(tmp),
            data_dir=Path(tmp),
            persist=False,
        )
        app.rng.seed(2025)
        for name, make in _scenes():
            app.title()
            if name != "title":
                make(app)
            app.render(force=True)
            path = out / f"{name}.png"
            pygame.image.save(app.screen, str(path))
            written.append(path)
        if app.crashes:
            raise RuntimeError(
                f"a screen failed while rendering: {app.crashes[0].what} in {app.crashes[0].where}"
            )
    return written
