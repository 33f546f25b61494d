"""The command line (GAME-DESIGN 8): `guarantor COMMAND ...`, also `python -m game`.

Every error a user can cause prints one line that says what and where, and exits 2: a
wrong argument, a file that is missing, unreadable, too long a name or under something
that is not a folder, a `--save-dir` or `--out` that cannot be written. When our own
output cannot be written (stdout on a full device or closed, a disk that fills up while
`simulate --save-dir` or `shots` writes) the line says so and the exit code is 74. A
reader that goes away (`| head -1`) ends the command quietly. Ctrl-C: one line, 130.
"internal error" (70) is left for faults of ours.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import hashlib
import io
import json
import os
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

from game.content.problems import ContentError, Problem
from game.safeio import os_reason

EXIT_USAGE = 2
EXIT_IO = 74
"""The output could not be written: the device is full or failing, or stdout is closed
(sysexits' EX_IOERR; the input was right, so not 2)."""
EXIT_INTERRUPTED = 130

DEVICE_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF")
    if hasattr(errno, name)
)
"""Errors of the device rather than of the path a user gave."""


class UsageError(Exception):
    """A wrong command-line argument: one line, exit 2."""


class OutputFileError(Exception):
    """A file of ours could not be written because of the device (full, failing): exit 74."""


class OutputError(Exception):
    """Writing our own output (stdout) failed; wraps the OSError."""

    def __init__(self, error: OSError) -> None:
        super().__init__(os_reason(error))
        self.error = error


class _Output(io.TextIOBase):
    """stdout as the commands see it: a failed write becomes an `OutputError` (so it is told
    apart from a file that could not be written), and a closed stdout (None) is one too.

    Text that the stream's encoding cannot hold is escaped (`\\u0627`) rather than fatal: a
    user who sets PYTHONIOENCODING=ascii, or a console in a legacy code page, said that is
    what their side can take, so we do not push UTF-8 bytes at it; JSON goes out with
    `\\uXXXX` escapes instead (`emit_json`), which parses back to the same text."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__()
        self.stream = stream
        if stream is not None:
            with contextlib.suppress(AttributeError, ValueError, OSError):
                cast(io.TextIOWrapper, stream).reconfigure(errors="backslashreplace")

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def _target(self) -> TextIO:
        if self.stream is None:
            raise OutputError(OSError(errno.EBADF, "standard output is closed"))
        return self.stream

    def write(self, s: str) -> int:
        try:
            return self._target().write(s)
        except UnicodeEncodeError:  # a stream that would not take backslashreplace
            text = s.encode(self.encoding, "backslashreplace").decode(self.encoding)
            return self._target().write(text)
        except OSError as e:
            raise OutputError(e) from None

    def flush(self) -> None:
        try:
            if self.stream is not None:
                self.stream.flush()
        except OSError as e:
            raise OutputError(e) from None

    def unicode_ok(self) -> bool:
        try:
            "الضامن".encode(self.encoding)
        except (LookupError, UnicodeEncodeError):
            return False
        return True


def emit_json(data: Any, *, indent: int | None = None) -> None:
    """JSON on stdout: as UTF-8 text where the stream takes it, else with \\u escapes."""
    out = sys.stdout
    ascii_only = isinstance(out, _Output) and not out.unicode_ok()
    print(json.dumps(data, ensure_ascii=ascii_only, indent=indent))


def path_status(path: Path) -> tuple[int | None, str]:
    """(st_mode, "") for a path that can be looked at, else (None, the reason in words)."""
    try:
        return os.stat(path).st_mode, ""
    except OSError as e:
        return None, os_reason(e)
    except ValueError as e:  # a NUL in the path
        return None, str(e)


def not_regular(mode: int) -> str:
    """Why a file of this mode cannot be read as a scenario ("" for a regular file): a
    named pipe or a device would block or never end."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "not a regular file (a named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return "not a regular file"


def check_scenario_arg(raw: str | None) -> None:
    """A --scenario given as a path must be a regular file (an id is looked up later)."""
    if not raw:
        return
    mode, _ = path_status(Path(raw))
    if mode is not None and not stat.S_ISDIR(mode) and not_regular(mode):
        raise ContentError([Problem(raw, 1, 1, not_regular(mode))])


def output_dir(option: str, raw: str) -> Path:
    """A folder we are to write into: made if missing, and tried with a scratch file, so a
    path that cannot be used is one line (exit 2) before any work is done."""
    folder = Path(raw)
    mode, _ = path_status(folder)
    if mode is not None and not stat.S_ISDIR(mode):
        what = (
            "a named pipe"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a file"
        )
        raise UsageError(f"{option} {raw}: is {what}, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"{option} {raw}: cannot create it ({os_reason(e)})") from None
    try:
        import tempfile  # here, not at the top: most commands never write (start-up)

        with tempfile.TemporaryFile(dir=folder, prefix=".guarantor-check-"):
            pass
    except OSError as e:
        raise UsageError(f"{option} {raw}: cannot write there ({os_reason(e)})") from None
    return folder


def write_failed(option: str, raw: str, e: OSError) -> UsageError | OutputFileError:
    """A write into a folder given on the command line failed part-way."""
    name = Path(e.filename).name if isinstance(e.filename, str) else ""
    where = f"{option} {raw}: cannot write {name}" if name else f"{option} {raw}: cannot write"
    if e.errno in DEVICE_ERRNOS:
        return OutputFileError(f"{where} ({os_reason(e)})")
    return UsageError(f"{where} ({os_reason(e)})")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    from game.engine.strategies import STRATEGIES
    from game.engine.vocab import LEVELS, SEATS

    p = _Parser(
        prog="guarantor",
        description="Guarantor (الضامن): a negotiation game about security guarantees for Ukraine.",
    )
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    play = sub.add_parser("play", help="open the game")
    play.add_argument("--scenario", help="scenario id or file")
    play.add_argument(
        "--seat", action="append", choices=SEATS, help="a human seat (repeat for hot-seat)"
    )
    play.add_argument("--lang", choices=("en", "ar"))
    play.add_argument("--seed", type=int)
    play.add_argument("--scale", type=float)
    play.add_argument("--fullscreen", action="store_true")
    play.add_argument("--load", metavar="FILE", help="open a saved game")
    play.add_argument(
        "--computer",
        choices=LEVELS,
        default="normal",
        help="the computer seats' level (default normal)",
    )

    ls = sub.add_parser("list", help="the scenarios: id, titles, seats, rounds")
    ls.add_argument("--json", action="store_true")

    val = sub.add_parser("validate", help="check scenario files")
    val.add_argument("paths", nargs="*", metavar="PATH")
    val.add_argument(
        "--coverage",
        action="store_true",
        help="also list each paragraph of the article with the content that cites it",
    )

    resp = sub.add_parser(
        "respond", help="Russia's answer to an offer in a scenario's opening state"
    )
    resp.add_argument("--scenario", required=True)
    resp.add_argument("--offer", required=True, metavar="FILE")
    resp.add_argument("--json", action="store_true")

    sim = sub.add_parser("simulate", help="play whole games headless with a scripted strategy")
    sim.add_argument("--scenario", required=True)
    sim.add_argument("--seat", required=True, choices=SEATS)
    sim.add_argument("--strategy", required=True, choices=sorted(STRATEGIES))
    sim.add_argument("--games", type=int, default=100)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--json", action="store_true")
    sim.add_argument(
        "--computer",
        choices=LEVELS,
        default="easy",
        help="the level of the seats the strategy does not play (default easy)",
    )
    sim.add_argument(
        "--save-dir", metavar="DIR", help="write each game as a save file that `play --load` opens"
    )

    shots = sub.add_parser("shots", help="render every screen of a scripted game to PNG files")
    shots.add_argument("--out", required=True, metavar="DIR")
    shots.add_argument("--lang", choices=("en", "ar"), default="en")
    shots.add_argument(
        "--scale", type=_shot_scale, default=1.0, metavar="X", help="UI scale, 1 to 2 (projector)"
    )
    shots.add_argument(
        "--size",
        type=_shot_size,
        default=None,
        metavar="WxH",
        help="window size in pixels (default 1280x800; at least 800x560)",
    )

    sub.add_parser("schema", help="the JSON Schema of scenario files")

    hand = sub.add_parser(
        "handouts", help="a printable private page per seat and a teacher's sheet"
    )
    hand.add_argument("--scenario", required=True, metavar="ID", help="scenario id or file")
    hand.add_argument("--out", required=True, metavar="DIR")
    hand.add_argument("--lang", choices=("en", "ar"), default="en")
    hand.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="N",
        help="deal the opening hands as a game with this seed does (default: 1)",
    )

    deb = sub.add_parser(
        "debrief", help="the debrief as a printable page, with FILE.json and FILE.csv beside it"
    )
    deb.add_argument("save", metavar="SAVE")
    deb.add_argument("--out", required=True, metavar="FILE.html")
    deb.add_argument("--lang", choices=("en", "ar"), default="en")
    host = sub.add_parser("host", help="host a class game on the local network")
    host.add_argument(
        "--scenario", metavar="ID", help="scenario id or file (default: weak_guarantee)"
    )
    host.add_argument(
        "--port", type=int, metavar="N", help="the port to listen on (default 8765; 0: any free)"
    )
    host.add_argument("--code", help="the room code (default: a random one)")
    host.add_argument("--lang", choices=("en", "ar"))
    host.add_argument(
        "--headless", action="store_true", help="no window: print the address and code"
    )
    host.add_argument(
        "--save-dir", metavar="DIR", help="where the game is saved after every action"
    )
    host.add_argument("--resume", metavar="SAVE", help="go on with a class game from its save")

    join = sub.add_parser(
        "join", help="join a class game as a team, a computer player or an observer"
    )
    join.add_argument(
        "address", metavar="HOST[:PORT]", help="the address the host shows (default port 8765)"
    )
    join.add_argument("--code", required=True, help="the room code the host shows")
    join.add_argument("--seat", choices=SEATS, help="the team's seat")
    join.add_argument(
        "--bot",
        choices=("easy", "normal", "hard"),
        metavar="LEVEL",
        help="play the seat with a computer player of this level, without a window",
    )
    join.add_argument(
        "--observe", action="store_true", help="watch the public view (the class view), read-only"
    )
    join.add_argument("--lang", choices=("en", "ar"))
    return p


# ---------------------------------------------------------------- commands


def cmd_list(args: argparse.Namespace) -> int:
    from game.content.loader import load, shipped

    paths = shipped()
    if not paths:
        from game.content.paths import no_scenarios_message

        raise UsageError(no_scenarios_message())
    rows: list[dict[str, Any]] = []
    for path in paths:
        b = load(path, full=False, lint=False)
        sc = b.scenario
        rows.append(
            {
                "id": sc.id,
                "title": sc.title.model_dump(),
                "seats": list(sc.seats),
                "rounds": sc.rounds,
                "default_seat": sc.default_seat,
                "archetype": sc.archetype,
            }
        )
    if args.json:
        emit_json(rows, indent=2)
    else:
        width = max(len(r["id"]) for r in rows)
        for r in rows:
            print(
                f"{r['id']:<{width}}  {r['rounds']:>2} rounds  seats: {', '.join(r['seats']):<22}  {r['title']['en']}"
            )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from game.content.loader import load, shipped

    paths: list[Path] = []
    problems: list[Problem] = []
    for raw in args.paths or []:
        p = Path(raw)
        mode, why = path_status(p)
        if mode is None:
            problems.append(Problem(raw, 1, 1, why))
        elif stat.S_ISDIR(mode):
            found = _yaml_files(p)
            if isinstance(found, str):
                problems.append(Problem(raw, 1, 1, found))
            else:
                paths += found
        elif p.parent.name == "common":
            found = _yaml_files(p.parent.parent)
            paths += found if not isinstance(found, str) else [p]
        else:
            paths.append(p)
    if not args.paths:
        paths = shipped()
        if not paths:
            from game.content.paths import no_scenarios_message

            raise UsageError(no_scenarios_message())
    if not paths and not problems:
        raise UsageError("no scenario files to check")
    bundles = []
    for path in dict.fromkeys(paths):
        mode, why = path_status(path)
        if mode is None or not_regular(mode):
            problems.append(Problem(str(path), 1, 1, why or not_regular(mode or 0)))
            continue
        try:
            bundles.append(load(path))
        except ContentError as e:
            problems += e.problems
    if problems:
        for line in dict.fromkeys(str(p) for p in problems):
            print(line)
        return EXIT_USAGE
    if args.coverage:
        from game.content.coverage import coverage, report

        for line in report(coverage(bundles)):
            print(line)
    print("ok")
    return 0


def _yaml_files(folder: Path) -> list[Path] | str:
    """The regular `*.yaml` files in a folder, or why the folder cannot be listed."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as e:
        return os_reason(e)
    return [folder / n for n in names if n.endswith(".yaml") and _is_file(folder / n)]


def _is_file(path: Path) -> bool:
    mode, _ = path_status(path)
    return mode is not None and stat.S_ISREG(mode)


def resolve_path(scenario: str) -> Path:
    from game.content.paths import resolve

    return resolve(scenario)


def _engine(scenario: str) -> Any:
    from game.content.book import load_book
    from game.content.paths import resolve
    from game.engine import Engine

    check_scenario_arg(scenario)
    book = load_book(resolve(scenario))
    return book, Engine(book)


def cmd_respond(args: argparse.Namespace) -> int:
    from game.content.schema import Package
    from game.content.yamlload import load_file, validate

    _, engine = _engine(args.scenario)
    doc = load_file(args.offer)
    offer = validate(Package, doc).model_dump(mode="json")
    state, _ = engine.new_game(0)
    verdict = engine.assess(state, offer)
    statement = {
        lang: engine.statement(verdict.stance, verdict.rules, lang) for lang in ("en", "ar")
    }
    out = {
        "scenario": engine.id,
        "stance": verdict.stance,
        "credibility": verdict.credibility,
        "acceptability": verdict.acceptability,
        "rules": [{"id": r, "source": list(engine.rule_by_id[r]["source"])} for r in verdict.rules],
        "statement": statement,
        "threshold": verdict.threshold,
        "demands": verdict.demands,
    }
    if args.json:
        emit_json(out)
    else:
        print(f"{engine.id}: Russia's stance: {verdict.stance.upper()}")
        print(
            f"  credibility {verdict.credibility}, acceptability {verdict.acceptability} (threshold {verdict.threshold})"
        )
        for r in verdict.rules:
            rule = engine.rule_by_id[r]
            print(f"  {r} [{', '.join(rule['source'])}]: {rule['says']['en']}")
        if verdict.demands:
            print("  price: " + ", ".join(f"{k}: {v}" for k, v in verdict.demands.items()))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from collections import Counter
    from operator import itemgetter

    from game.engine.strategies import play_quiet
    from game.engine.vocab import ACTION_TYPES, OUTCOMES, STANCES

    started = time.perf_counter()
    if args.games < 1 or args.games > 1_000_000:
        raise UsageError(f"--games must be 1-1000000, not {args.games}")
    book, engine = _engine(args.scenario)
    if args.seat not in engine.seats:
        raise UsageError(
            f"scenario {engine.id} has no seat {args.seat!r}; seats: {', '.join(engine.seats)}"
        )
    outcomes = dict.fromkeys(OUTCOMES, 0)
    indicators = list(book["start"]["indicators"])
    totals = dict.fromkeys(indicators, 0.0)
    scores: dict[str, float] = dict.fromkeys(engine.seats, 0.0)
    fired: dict[str, int] = {}
    stances = dict.fromkeys(STANCES, 0)
    aggression = 0
    rounds = 0
    taken: Counter[tuple[str, str]] = Counter()
    """(seat, action type) -> how many times, over every game."""
    seat_and_type = itemgetter("seat", "type")
    digest = hashlib.sha256()
    save_dir = output_dir("--save-dir", args.save_dir) if args.save_dir else None
    if save_dir is not None:
        from game import saves

        scenario_path = resolve_path(args.scenario)
    start_state, _ = engine.new_game(args.seed)
    gc.disable()  # a batch of small, short-lived dicts: collection costs a tenth and frees nothing
    for i in range(args.games):
        state, log = play_quiet(
            engine, args.seed + i, args.seat, args.strategy, level=args.computer
        )
        outcome, epilogue, final_scores = state["outcome"], state["epilogue"], state["scores"]
        assert outcome and epilogue and final_scores, "play() returns a finished game"
        outcomes[outcome["kind"]] += 1
        for k in indicators:
            totals[k] += state["indicators"][k]
        for seat, s in final_scores.items():
            scores[seat] += s["total"]
        for h in state["history"]:
            stances[h["stance"]] += 1
            for r in h["rules"]:
                fired[r] = fired.get(r, 0) + 1
        if epilogue["aggression_year"] is not None:
            aggression += 1
        rounds += state["round"]
        taken.update(map(seat_and_type, log))
        digest.update(repr((log, outcome, state["indicators"])).encode())
        if save_dir is not None:
            seed = args.seed + i
            name = f"{engine.id}-{args.seat}-{args.strategy}-seed{seed}.json"
            data = saves.make(
                engine.id,
                scenario_path,
                seed,
                [args.seat],
                [dict(a) for a in log],
                {"strategy": args.strategy, "round": state["round"]},
            )
            try:
                saves.write(save_dir / name, data)
            except OSError as e:
                e.filename = e.filename or str(save_dir / name)
                raise write_failed("--save-dir", args.save_dir, e) from None
    gc.enable()
    n = args.games
    out = {
        "scenario": engine.id,
        "seat": args.seat,
        "strategy": args.strategy,
        "computer": args.computer,
        "games": n,
        "seed": args.seed,
        "outcomes": outcomes,
        "start": {k: start_state["indicators"][k] for k in indicators},
        "mean_final": {k: round(totals[k] / n, 2) for k in indicators},
        "mean_scores": {k: round(v / n, 2) for k, v in scores.items()},
        "stances": stances,
        "rules_fired": dict(sorted(fired.items())),
        "aggression_after_deal": aggression,
        "mean_rounds": round(rounds / n, 2),
        "actions": {
            s: {t: round(taken[s, t] / n, 2) for t in ACTION_TYPES if (s, t) in taken}
            for s in engine.seats
        },
        "seconds": round(time.perf_counter() - started, 4),
        "digest": digest.hexdigest(),
    }
    if args.json:
        emit_json(out)
    else:
        print(
            f"{engine.id}: {n} games as {args.seat} playing {args.strategy} (seed {args.seed}),"
            f" the other seats {args.computer}"
        )
        print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in outcomes.items()))
        print(f"  renewed aggression after a deal: {aggression} of {outcomes['deal']}")
        print(
            "  indicators (start -> mean final): "
            + ", ".join(f"{k} {out['start'][k]} -> {out['mean_final'][k]}" for k in indicators)
        )
        print("  mean scores: " + ", ".join(f"{k} {v}" for k, v in out["mean_scores"].items()))
        print(f"  {out['seconds']} s, digest {out['digest'][:16]}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.content.schema import json_schema

    emit_json(json_schema(), indent=2)
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    check_scenario_arg(args.scenario)
    from game.ui.app import run

    return run(args)


def _shot_scale(text: str) -> float:
    """`shots --scale`: a finite number from 1 to 2 (the UI's scales)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1.0 <= value <= 2.0:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text} is outside 1 to 2")
    return value


def _shot_size(text: str) -> tuple[int, int]:
    """`shots --size`: WIDTHxHEIGHT in pixels, no smaller than the window's least size."""
    from game.ui.app import MIN_SIZE

    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"not WIDTHxHEIGHT: {text!r}")
    w, h = int(parts[0]), int(parts[1])
    least_w, least_h = MIN_SIZE
    if w < least_w or h < least_h or w > 8192 or h > 8192:
        raise argparse.ArgumentTypeError(f"{text} is outside {least_w}x{least_h} to 8192x8192")
    return w, h


def cmd_shots(args: argparse.Namespace) -> int:
    from game.ui.shots import SIZE, render_all

    out = output_dir("--out", args.out)
    try:
        written = render_all(out, args.lang, args.scale, args.size or SIZE)
    except OSError as e:
        raise write_failed("--out", args.out, e) from None
    for path in written:
        print(path)
    return 0


def cmd_handouts(args: argparse.Namespace) -> int:
    from game.content.loader import load
    from game.report import handouts

    check_scenario_arg(args.scenario)
    bundle = load(resolve_path(args.scenario), full=True, lint=False)
    docs = handouts.build(bundle, args.lang, args.seed)
    out = output_dir("--out", args.out)
    try:
        written = handouts.write(out, docs)
    except OSError as e:
        raise write_failed("--out", args.out, e) from None
    for path in written:
        print(path)
    return 0


def output_file(option: str, raw: str, also: Sequence[Path] = ()) -> Path:
    """A file we are to write (and `also`, written beside it): not a folder, in a folder
    that exists and takes a new file, so a path that cannot be used is one line (exit 2)
    before any work is done."""
    target = Path(raw)
    for p in (target, *also):
        mode, why = path_status(p)
        if mode is None and not os.path.lexists(p) and p.parent.exists():
            try:  # a name the system will not take (too long): said before any work
                os.stat(p)
            except FileNotFoundError:
                pass
            except OSError as e:
                raise UsageError(f"{option} {raw}: {os_reason(e)}") from None
        if mode is not None and stat.S_ISDIR(mode):
            raise UsageError(f"{option} {raw}: {p} is a folder, not a file")
        if mode is not None and not stat.S_ISREG(mode):
            raise UsageError(f"{option} {raw}: {p}: {not_regular(mode)}")
    folder = target.parent
    mode, why = path_status(folder)
    if mode is None:
        raise UsageError(f"{option} {raw}: its folder {folder}: {why}")
    if not stat.S_ISDIR(mode):
        raise UsageError(f"{option} {raw}: {folder} is a file, not a folder")
    import tempfile  # here, not at the top: most commands never write (start-up)

    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".guarantor-check-"):
            pass
    except OSError as e:
        raise UsageError(f"{option} {raw}: cannot write there ({os_reason(e)})") from None
    return target


def cmd_debrief(args: argparse.Namespace) -> int:
    from game import saves
    from game.report.debrief import companions, export
    from game.ui.flow import GameFlow

    json_path, csv_path = companions(Path(args.out))
    out = output_file("--out", args.out, (json_path, csv_path))
    try:
        flow = GameFlow.load(Path(args.save))
    except saves.SaveError as e:
        raise UsageError(str(e)) from None
    if flow.notice is not None:  # the scenario may not be the one the game was played with
        say(f"guarantor: note: {flow.notice}")
    try:
        written = export(flow, out, args.lang)
    except OSError as e:
        raise write_failed("--out", args.out, e) from None
    for path in written:
        print(path)
    return 0


def cmd_host(args: argparse.Namespace) -> int:
    check_scenario_arg(args.scenario)
    if args.save_dir:
        output_dir("--save-dir", args.save_dir)
    from game.net.run import cmd_host as run

    return run(args)


def cmd_join(args: argparse.Namespace) -> int:
    from game.net.run import cmd_join as run

    return run(args)


COMMANDS = {
    "play": cmd_play,
    "list": cmd_list,
    "validate": cmd_validate,
    "respond": cmd_respond,
    "simulate": cmd_simulate,
    "schema": cmd_schema,
    "shots": cmd_shots,
    "handouts": cmd_handouts,
    "debrief": cmd_debrief,
    "host": cmd_host,
    "join": cmd_join,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every way it can fail ends in one plain line and an exit code:
    2 for a user's wrong input, 74 when the output cannot be written, 130 when interrupted,
    and 70 only for a fault of ours."""
    import faulthandler

    if sys.stderr is not None and not faulthandler.is_enabled():
        with contextlib.suppress(Exception):
            faulthandler.enable()
    real = sys.stdout
    out = _Output(real)
    sys.stdout = cast(TextIO, out)
    try:
        code = _run(argv)
        out.flush()
        return code
    except OutputError as e:
        return _output_failed(e.error, real)
    finally:
        sys.stdout = real


def _no_empty_values(args: argparse.Namespace) -> None:
    """A value given as empty text (`--out ""`: a script's unset variable) is one line: an
    empty path would mean the current folder, an empty code or scenario nothing at all."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            shown = _POSITIONAL.get(name) or "--" + name.replace("_", "-")
            raise UsageError(f"{shown}: empty; give a value")


_POSITIONAL = {"save": "SAVE", "paths": "PATH", "address": "HOST[:PORT]"}
"""The commands' positional arguments, as their usage lines name them."""


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
        command = args.command or "play"
        if args.command is None:
            args = _parser().parse_args(["play", *(argv or sys.argv[1:])])
        _no_empty_values(args)
        return COMMANDS[command](args)
    except UsageError as e:
        say(f"guarantor: {e}")
        return EXIT_USAGE
    except OutputFileError as e:
        say(f"guarantor: {e}")
        return EXIT_IO
    except ContentError as e:
        say(str(e.problems[0]) if e.problems else str(e))
        return EXIT_USAGE
    except OutputError:
        raise
    except KeyboardInterrupt:
        say("guarantor: interrupted")
        return EXIT_INTERRUPTED
    except OSError as e:  # a path we were given that the code on the way did not check
        name = os.fsdecode(e.filename) if isinstance(e.filename, (str, bytes)) else ""
        say(f"guarantor: {name}: {os_reason(e)}" if name else f"guarantor: {os_reason(e)}")
        return EXIT_IO if e.errno in DEVICE_ERRNOS else EXIT_USAGE
    except Exception as e:  # never a traceback in front of a class
        if os.environ.get("GUARANTOR_DEBUG"):
            raise
        say(
            f"guarantor: internal error: {type(e).__name__}: {e} (set GUARANTOR_DEBUG=1 for details)"
        )
        return 70


def say(line: str) -> None:
    """One line on stderr; if even that cannot be written, nothing more can be done."""
    with contextlib.suppress(Exception):
        print(line, file=sys.stderr, flush=True)


def _output_failed(error: OSError, real: TextIO | None) -> int:
    """stdout failed: a reader that went away (`| head`) ends us quietly; a full or broken
    device is one line on stderr. Either way the unwritten rest is dropped, so the
    interpreter's last flush at exit does not fail again with a traceback."""
    if real is not None and real is sys.__stdout__:
        with contextlib.suppress(Exception):
            fd = cast(TextIO, real).fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)
    if error.errno == errno.EPIPE:
        return 0
    why = "standard output is closed" if error.errno == errno.EBADF else os_reason(error)
    say(f"guarantor: cannot write the output: {why}")
    return EXIT_IO
