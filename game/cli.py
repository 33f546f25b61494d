"""The command line (GAME-DESIGN 8): `guarantor COMMAND ...`, also `python -m game`.

Every error a user can cause prints one line that says what and where, and exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from game.content.problems import ContentError, Problem

EXIT_USAGE = 2


class UsageError(Exception):
    """A wrong command-line argument: one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    from game.engine.strategies import STRATEGIES

    seats = ("europe", "us", "ukraine")
    p = _Parser(
        prog="guarantor",
        description="Guarantor (الضامن): a negotiation game about security guarantees for Ukraine.",
    )
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    play = sub.add_parser("play", help="open the game")
    play.add_argument("--scenario", help="scenario id or file")
    play.add_argument(
        "--seat", action="append", choices=seats, help="a human seat (repeat for hot-seat)"
    )
    play.add_argument("--lang", choices=("en", "ar"))
    play.add_argument("--seed", type=int)
    play.add_argument("--scale", type=float)
    play.add_argument("--fullscreen", action="store_true")
    play.add_argument("--load", metavar="FILE", help="open a saved game")

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
    sim.add_argument("--seat", required=True, choices=seats)
    sim.add_argument("--strategy", required=True, choices=sorted(STRATEGIES))
    sim.add_argument("--games", type=int, default=100)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--json", action="store_true")
    sim.add_argument(
        "--save-dir", metavar="DIR", help="write each game as a save file that `play --load` opens"
    )

    shots = sub.add_parser("shots", help="render every screen of a scripted game to PNG files")
    shots.add_argument("--out", required=True, metavar="DIR")
    shots.add_argument("--lang", choices=("en", "ar"), default="en")

    sub.add_parser("schema", help="the JSON Schema of scenario files")
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
        print(json.dumps(rows, ensure_ascii=False, indent=2))
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
    for raw in args.paths or []:
        p = Path(raw)
        if p.is_dir():
            paths += sorted(x for x in p.glob("*.yaml") if x.is_file())
        elif p.parent.name == "common" and p.exists():
            paths += sorted(x for x in p.parent.parent.glob("*.yaml") if x.is_file())
        else:
            paths.append(p)
    if not args.paths:
        paths = shipped()
        if not paths:
            from game.content.paths import no_scenarios_message

            raise UsageError(no_scenarios_message())
    if not paths:
        raise UsageError("no scenario files to check")
    problems: list[Problem] = []
    bundles = []
    for path in dict.fromkeys(paths):
        if not path.exists():
            problems.append(Problem(str(path), 1, 1, "file not found"))
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


def resolve_path(scenario: str) -> Path:
    from game.content.paths import resolve

    return resolve(scenario)


def _engine(scenario: str) -> Any:
    from game.content.book import load_book
    from game.content.paths import resolve
    from game.engine import Engine

    book = load_book(resolve(scenario))
    return book, Engine(book)


def cmd_respond(args: argparse.Namespace) -> int:
    from game.content.schema import Package
    from game.content.yamlload import load_file, validate

    book, engine = _engine(args.scenario)
    doc = load_file(args.offer)
    offer = validate(Package, doc).model_dump(mode="json")
    state, _ = engine.new_game(0)
    verdict = engine.assess(state, offer)
    statement = statement_for(book, verdict.stance, verdict.rules)
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
        print(json.dumps(out, ensure_ascii=False))
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


def statement_for(book: dict[str, Any], stance: str, rules: Sequence[str]) -> dict[str, str]:
    """Russia's words: the stance's line, then what each rule that fired says."""
    by_id = {r["id"]: r for r in book["rules"]}
    out = {}
    for lang in ("en", "ar"):
        parts = [book["statements"][stance][lang]]
        parts += [by_id[r]["says"][lang] for r in rules if not by_id[r]["id"].startswith("us.")]
        out[lang] = " ".join(p for p in parts if p)
    return out


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.engine.strategies import play

    started = time.perf_counter()
    if args.games < 1 or args.games > 1_000_000:
        raise UsageError(f"--games must be 1-1000000, not {args.games}")
    book, engine = _engine(args.scenario)
    if args.seat not in engine.seats:
        raise UsageError(
            f"scenario {engine.id} has no seat {args.seat!r}; seats: {', '.join(engine.seats)}"
        )
    outcomes = {"deal": 0, "collapse": 0, "timeout": 0}
    indicators = list(book["start"]["indicators"])
    totals = dict.fromkeys(indicators, 0.0)
    scores: dict[str, float] = dict.fromkeys(engine.seats, 0.0)
    fired: dict[str, int] = {}
    stances = {"accept": 0, "counter": 0, "stall": 0, "reject": 0}
    aggression = 0
    rounds = 0
    digest = hashlib.sha256()
    save_dir = Path(args.save_dir) if args.save_dir else None
    if save_dir is not None:
        from game import saves

        try:
            save_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UsageError(f"--save-dir {save_dir}: cannot create it ({e.strerror})") from None
        scenario_path = resolve_path(args.scenario)
    start_state, _ = engine.new_game(args.seed)
    gc.disable()  # a batch of small, short-lived dicts: collection costs a tenth and frees nothing
    for i in range(args.games):
        state, log, _events = play(engine, args.seed + i, args.seat, args.strategy)
        outcomes[state["outcome"]["kind"]] += 1
        for k in indicators:
            totals[k] += state["indicators"][k]
        for seat, s in state["scores"].items():
            scores[seat] += s["total"]
        for h in state["history"]:
            stances[h["stance"]] += 1
            for r in h["rules"]:
                fired[r] = fired.get(r, 0) + 1
        if state["epilogue"]["aggression_year"] is not None:
            aggression += 1
        rounds += state["round"]
        digest.update(repr((log, state["outcome"], state["indicators"])).encode())
        if save_dir is not None:
            seed = args.seed + i
            name = f"{engine.id}-{args.seat}-{args.strategy}-seed{seed}.json"
            saves.write(
                save_dir / name,
                saves.make(
                    engine.id,
                    scenario_path,
                    seed,
                    [args.seat],
                    [dict(a) for a in log],
                    {"strategy": args.strategy, "round": state["round"]},
                ),
            )
    gc.enable()
    n = args.games
    out = {
        "scenario": engine.id,
        "seat": args.seat,
        "strategy": args.strategy,
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
        "seconds": round(time.perf_counter() - started, 4),
        "digest": digest.hexdigest(),
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"{engine.id}: {n} games as {args.seat} playing {args.strategy} (seed {args.seed})")
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

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    from game.ui.app import run

    return run(args)


def cmd_shots(args: argparse.Namespace) -> int:
    from game.ui.shots import render_all

    written = render_all(Path(args.out), args.lang)
    for path in written:
        print(path)
    return 0


COMMANDS = {
    "play": cmd_play,
    "list": cmd_list,
    "validate": cmd_validate,
    "respond": cmd_respond,
    "simulate": cmd_simulate,
    "schema": cmd_schema,
    "shots": cmd_shots,
}


def main(argv: Sequence[str] | None = None) -> int:
    import faulthandler

    if sys.stderr is not None and not faulthandler.is_enabled():
        with contextlib.suppress(Exception):
            faulthandler.enable()
    try:
        args = _parser().parse_args(argv)
        command = args.command or "play"
        if args.command is None:
            args = _parser().parse_args(["play", *(argv or sys.argv[1:])])
        return COMMANDS[command](args)
    except UsageError as e:
        print(f"guarantor: {e}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as e:
        print(str(e.problems[0]) if e.problems else str(e), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # never a traceback in front of a class
        if os.environ.get("GUARANTOR_DEBUG"):
            raise
        print(
            f"guarantor: internal error: {type(e).__name__}: {e} (set GUARANTOR_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 70
