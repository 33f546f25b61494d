"""Screenshots without a window: every screen rendered to PNG (`guarantor shots`).

    render_all(Path("shots/ar"), "ar") -> [shots/ar/title.png, ...]

Uses SDL's dummy video driver and a 1280x800 window (or `size`); settings are neither read nor written.
Besides the menus, a scripted, seeded game is played through the real game screens
(`game_shots`): the briefing, the hand-off between two human seats, the round, the debate,
Russia's answer (a rejection, with its rules), the signing, the ending and the debrief, and
the Load screen with a damaged save and its backup; and a class game's screens (joining,
the host's screen, a team's round while its step waits for the host). A game screen whose
module is not there yet is left out (its name is in `SKIPPED` after the run).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.shapes import Event
    from game.ui.app import App
    from game.ui.flow import GameFlow

SIZE = (1280, 800)
SKIPPED: list[str] = []
"""Game screens left out of the last `render_all` because their module is missing."""


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

    def settings_damaged(app: App) -> None:
        from game.ui.prefs import Damage
        from game.ui.scenes.notice import settings_damaged as notice

        kept = Path("/home/player/.config/guarantor/settings-damaged-20250815-120000.json")
        app.push(notice(app, Damage(keys=["scale", "window"], kept=kept)))

    return [
        ("title", title),
        ("setup", setup),
        ("glossary", glossary),
        ("article", article),
        ("settings", settings),
        ("settings_damaged", settings_damaged),
        ("help", help_),
        ("error", error),
    ]


def game_shots() -> list[tuple[str, Callable[[App], None]]]:
    """The game screens, from three scripted, seeded games played on `GameFlow`s:

    A. `ground_troops`, Europe and Ukraine at one computer (hot-seat), seed 7: the briefing,
       the hand-off, the round, a debate, Russia's "nyet" to a European force and its rules;
       then played on to the end by the `reassurance` strategy for the debrief.
    B. `weak_guarantee`, Ukraine alone, seed 3: Kyiv adds Moscow's price (de facto
       recognition) to the paper draft and Russia accepts it; the signing; the deal and its
       epilogue.
    C. `weak_guarantee`, Ukraine alone against seats at `normal`, seed 2: Europe argues at
       Kyiv, who answers in a dialog (two counters to choose from).
    """
    import importlib

    from game.content.loader import load, resolve
    from game.engine import Engine
    from game.ui.flow import GameFlow

    cache: dict[str, object] = {}

    def troops() -> GameFlow:
        if "a" not in cache:
            b = load(resolve("ground_troops"), full=True, lint=False)
            cache["a"] = GameFlow.new(b, ["europe", "ukraine"], seed=7)
        return cache["a"]  # type: ignore[return-value]

    def scene(module: str, cls: str) -> Callable[..., object] | None:
        try:
            mod = importlib.import_module(f"game.ui.scenes.{module}")
        except ImportError:
            return None
        return getattr(mod, cls, None)

    def briefing(app: App) -> None:
        make = scene("briefing", "BriefingScene")
        if make is None:
            raise _Skip
        app.push(make(app, troops(), "europe", then=lambda: None))  # type: ignore[arg-type]

    def handoff(app: App) -> None:
        make = scene("handoff", "HandoffScene")
        if make is None:
            raise _Skip
        app.push(make(app, troops(), "ukraine", then=lambda: None))  # type: ignore[arg-type]

    def round_(app: App) -> None:
        make = scene("round", "RoundScene")
        if make is None:
            raise _Skip
        app.push(make(app, troops()))  # type: ignore[arg-type]

    def debate(app: App) -> None:
        make_round, make = scene("round", "RoundScene"), scene("debate", "DebateScene")
        if make is None or make_round is None:
            raise _Skip
        flow = troops()
        if "debate" not in cache:
            card = flow.state["hands"]["europe"][0]
            cache["debate"] = flow.act({"type": "argue", "seat": "europe", "card": card})
        app.push(make_round(app, flow))  # type: ignore[arg-type]
        animations = app.settings.animations
        app.settings.animations = False  # the settled result, not a frame of the roll
        try:
            app.push(make(app, flow, cache["debate"]))  # type: ignore[arg-type]
        finally:
            app.settings.animations = animations

    def argued(app: App) -> None:
        """A computer seat at `normal` argues at Kyiv as the talks open (weak_guarantee, the
        first seed that deals it with two counters for Kyiv to choose from)."""
        make_round = scene("round", "RoundScene")
        if make_round is None or scene("argued", "ArguedAtScene") is None:
            raise _Skip
        if "argued" not in cache:
            b = load(resolve("weak_guarantee"), full=True, lint=False)
            levels = {"europe": "normal", "us": "normal"}
            for seed in range(40):
                game = GameFlow.new(b, ["ukraine"], seed=seed, levels=levels)
                pending = game.state["pending"]
                if pending is not None and pending["to"] == "ukraine":
                    card = pending["card"]
                    counters = [c for c in game.engine.counters if c["by"] == "ukraine"]
                    if sum(card in c["answers"] for c in counters) == 2:
                        cache["argued"] = game
                        break
            else:
                raise _Skip
        app.push(make_round(app, cache["argued"]))  # type: ignore[arg-type]  # the dialog opens over it

    def answer(app: App) -> None:
        from game.ui.scenes.answer import AnswerScene

        flow = troops()
        if "answer" not in cache:
            flow.act(
                {
                    "type": "propose",
                    "seat": "europe",
                    "package": {
                        "troops": {"europe": 20000, "us": 0},
                        "air_support": "us",
                        "pledge": "assurances",
                        "recognition": "de_facto",
                    },
                }
            )
            flow.end_turn()  # the computer's US answers; Ukraine's turn
            flow.act({"type": "agree", "seat": "ukraine"})
            flow.end_turn()  # lap 2: Europe's turn again
            cache["answer"] = flow.act({"type": "table", "seat": "europe"})
        app.push(AnswerScene(app, flow, cache["answer"]))  # type: ignore[arg-type]

    def class_view(app: App, contrast: bool = False, details: bool = False) -> None:
        from game.ui.scenes.class_view import SETTING, ClassViewScene
        from game.ui.scenes.round import RoundScene

        flow = troops()
        if "answer" not in cache:
            answer(app)
        if flow.state["draft"] is None:  # a draft on the table, Ukraine yet to agree
            table = flow.state["package"]
            flow.act({"type": "propose", "seat": "europe", "package": {**table, "observers": True}})
        app.settings.extra = {**app.settings.extra, SETTING: contrast}
        app.push(RoundScene(app, flow))
        view = ClassViewScene(app, flow)
        view.details = details
        app.push(view)

    def console(app: App) -> None:
        from game.ui.scenes.facilitator import FacilitatorScene
        from game.ui.scenes.round import RoundScene

        flow = troops()
        if "answer" not in cache:
            answer(app)
        app.settings.extra = {}
        facilitator, flow.facilitator = flow.facilitator, True
        try:
            app.push(RoundScene(app, flow))
            scene_ = FacilitatorScene(app, flow)
            scene_.reason.set_text("The class argued it well")
            app.push(scene_)
        finally:
            flow.facilitator = facilitator

    def vote(app: App) -> None:
        from game.ui.scenes.facilitator import FacilitatorScene, VoteScene

        flow = troops()
        console(app)
        top = app.top
        assert isinstance(top, FacilitatorScene) and top.card is not None
        v = VoteScene(app, top, top.card)
        v.votes = [1, 2, 5, 9, 4]
        app.push(v)
        del flow

    def paper() -> GameFlow:
        if "b" not in cache:
            b = load(resolve("weak_guarantee"), full=True, lint=False)
            flow = GameFlow.new(b, ["ukraine"], seed=3)
            paper_with_a_price(flow)
            cache["b"] = flow
        return cache["b"]  # type: ignore[return-value]

    def signing(app: App) -> None:
        from game.ui.scenes.signing import SigningScene

        app.push(SigningScene(app, paper()))

    def ending(app: App) -> None:
        from game.ui.scenes.ending import EndingScene

        flow = paper()
        if not flow.session.over:
            flow.act({"type": "sign", "seat": "ukraine"})
        app.push(EndingScene(app, flow))

    def debrief(app: App) -> None:
        from game.ui.scenes.debrief import DebriefScene

        flow = troops()
        if "answer" not in cache:
            answer(app)
        play_out(flow, "reassurance")
        app.push(DebriefScene(app, flow))

    def load_(app: App) -> None:
        from game import saves
        from game.ui.scenes.load import LoadScene, saves_folder

        folder = saves_folder(app)
        folder.mkdir(parents=True, exist_ok=True)
        troops().save(folder / "ground-troops-seed7.json")
        paper().save(folder / "autosave.json")
        good = paper().save_data()
        saves.write(folder / "class-3b.json", good)
        saves.write(folder / "class-3b.json", good)  # the second write keeps a backup
        (folder / "class-3b.json").write_text('{"format": "guarantor-save", "vers', "utf-8")
        scene_ = LoadScene(app)
        app.push(scene_)
        damaged = next(i for i, e in enumerate(scene_.entries) if not e.ok)
        scene_.list.select(damaged)

    def class_host() -> Any:
        if "host" not in cache:
            from game.net.host import Host, Status
            from game.net.seat_api import SeatAPI

            b = load(resolve("weak_guarantee"), full=True, lint=False)
            host = Host(
                SeatAPI(Engine(b.book)),
                scenario_id="weak_guarantee",
                scenario_path=None,
                seed=3,
                code="K7QM2X",  # the same picture every run
            )
            host.status = Status(
                address="192.168.1.5:8765",
                code=host.code,
                taken=("europe", "us"),
                connected=("europe",),
                observers=1,
                turn="europe",
                save="/home/teacher/.local/share/guarantor/saves/class-weak_guarantee.json",
            )
            cache["host"] = (host, b)
        return cache["host"]

    def join(app: App) -> None:
        from game.ui.scenes.remote import JoinScene

        scene_ = JoinScene(app)
        app.push(scene_)
        scene_.address.set_text("192.168.1.5:8765")
        scene_.code.set_text("AB")
        scene_.go()  # a room code too short: said under the fields

    def host_screen(app: App) -> None:
        from game.ui.scenes.host import HostScene

        host, _ = class_host()
        app.push(HostScene(app, host))

    def team_round(app: App) -> None:
        """A team's window (Europe) on the round screen, its step waiting for the host."""
        import json

        from game.net import protocol
        from game.ui.remote_flow import Inbox, RemoteFlow
        from game.ui.scenes.remote import SLOW, RemoteGame
        from game.ui.scenes.round import RoundScene

        host, b = class_host()
        seat = "europe"
        view = host.api.view(host.state, seat)
        msg = protocol.view(0, view, host.api.legal_actions(view, seat), [], host.log_part(0))
        inbox = Inbox()
        link = _QuietLink(inbox)
        game = RemoteGame(app, link, seat)  # type: ignore[arg-type]
        flow = RemoteFlow(b, inbox, link.send, seat, app.t, lambda: app.lang)
        flow.take(("view", json.loads(msg)))
        flow.shown = flow.seq
        game.flow = flow
        app.push(RoundScene(app, flow))
        flow.sending = SLOW + 1  # drawn while a step waits for the host's answer

    return [
        ("join", join),
        ("host", host_screen),
        ("team_round", team_round),
        ("briefing", briefing),
        ("handoff", handoff),
        ("round", round_),
        ("debate", debate),
        ("argued", argued),
        ("answer", answer),
        ("class_view", class_view),
        ("class_view_contrast", lambda app: class_view(app, contrast=True)),
        ("class_view_details", lambda app: class_view(app, details=True)),
        ("facilitator", console),
        ("vote", vote),
        ("signing", signing),
        ("ending", ending),
        ("debrief", debrief),
        ("load", load_),
    ]


PAPER_WITH_A_PRICE = {"pledge": "assurances", "observers": True, "recognition": "de_facto"}
"""The weak scenario's paper draft with the price Moscow names, de facto recognition."""


def paper_with_a_price(flow: GameFlow) -> list[Event]:
    """The lone human seat proposes `PAPER_WITH_A_PRICE` (Moscow never signs the opening
    draft unchanged) and tables it week after week until Moscow answers otherwise than by
    playing for time: in `weak_guarantee` it accepts once its opening weeks are over. The
    last table's events."""
    seat = flow.humans[0]
    flow.act({"type": "propose", "seat": seat, "package": dict(PAPER_WITH_A_PRICE)})
    events: list[Event] = []
    while flow.state["phase"] == "talks":  # Moscow signs nothing in the opening weeks
        if flow.lap < 2:
            flow.end_turn()  # the others have their say before a package is tabled
        else:
            events = flow.act({"type": "table", "seat": seat})
    return events


def play_out(flow: GameFlow, strategy: str, limit: int = 1000) -> None:
    """Play a game to its end with a scripted strategy (`game.engine.strategies`) for the
    first human seat; any other human seat agrees to the proposals and signs; the computer
    seats play as always (the flow runs them)."""
    from game.engine.shapes import Action, View
    from game.engine.strategies import StrategyPlayer

    class Follower:
        def __init__(self, seat: str) -> None:
            self.seat = seat

        def act(self, view: View) -> Action:
            if view["phase"] == "signing":
                return {"type": "sign", "seat": self.seat}
            if view["draft"] is not None and self.seat not in view["answers"]:
                return {"type": "agree", "seat": self.seat}
            return {"type": "pass", "seat": self.seat}

    lead = flow.humans[0]
    players: dict[str, StrategyPlayer | Follower] = {
        s: Follower(s) for s in flow.humans if s != lead
    }
    players[lead] = StrategyPlayer(flow.engine, lead, strategy, flow.session.seed)
    for _ in range(limit):
        seat = flow.engine.current_player(flow.state)
        if seat is None:
            return
        flow.act(players[seat].act(flow.engine.view(flow.state, seat)))


def _write_png(surface: object, path: Path) -> None:
    """Encode in memory, then write the file ourselves: a full disk or a folder that cannot
    be written is an OSError naming the file (not SDL's bare error), and no half-written
    picture is left behind."""
    import io

    import pygame

    buf = io.BytesIO()
    pygame.image.save(surface, buf, path.name)  # type: ignore[arg-type]
    try:
        with open(path, "wb") as f:
            f.write(buf.getvalue())
    except OSError as e:
        with contextlib.suppress(OSError):
            path.unlink()
        e.filename = e.filename or str(path)
        raise


class _QuietLink:
    """A team's link for a picture: it sends nothing and hears nothing."""

    def __init__(self, inbox: Any) -> None:
        self.inbox = inbox

    def send(self, action: dict[str, Any], ref: int) -> None:
        pass

    def close(self) -> None:
        pass


class _Skip(Exception):
    """This game screen's module is not there yet."""


def each_shot(app: App) -> Iterator[str]:
    """Draw every screen on `app` in turn (the title screen under each): yield its name
    once it is on top, rendered; a game screen whose module is missing is left out (its
    name goes to `SKIPPED`)."""
    SKIPPED.clear()
    for name, make in [*_scenes(), *game_shots()]:
        if app.net is not None:  # a team's window drawn before: let it go
            app.net.close()
        app.title()
        try:
            if name != "title":
                make(app)
        except _Skip:
            SKIPPED.append(name)
            continue
        app.render(force=True)
        yield name


def render_all(
    out: Path, lang: str, scale: float = 1.0, size: tuple[int, int] = SIZE
) -> list[Path]:
    """Render every built screen in `lang` (at a UI `scale`, 1 to 2, in a window of `size`)
    to `out/NAME.png`; return the files written."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

    from game.ui.app import App

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = App(
            lang=lang,
            scale=scale,
            fullscreen=False,
            size=size,
            config_dir=Path(tmp),
            data_dir=Path(tmp),
            persist=False,
        )
        app.rng.seed(2025)
        for name in each_shot(app):
            path = out / f"{name}.png"
            _write_png(app.screen, path)
            written.append(path)
        if app.crashes:
            raise RuntimeError(
                f"a screen failed while rendering: {app.crashes[0].what} in {app.crashes[0].where}"
            )
    return written
