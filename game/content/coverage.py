"""Which content cites each paragraph of the article (`guarantor validate --coverage`).

Every paragraph of the argument (P01-P31) should reach the player somewhere: a card, an
event, a rule, a briefing, a glossary entry, a debrief question. This walks the loaded
scenarios and their shared files and lists, for each paragraph, what cites it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from game.content.loader import Bundle

ARGUMENT = [f"P{n:02d}" for n in range(1, 32)]
"""The paragraphs of the argument itself; P32 is the byline and P33 the credit line."""

PLAYER_FACING = (
    "argument",
    "counter",
    "event",
    "rule",
    "briefing",
    "glossary",
    "debrief",
    "epilogue",
    "objection",
    "move",
)
"""Kinds of content a player reads during a game or its debrief, each with its paragraphs."""


def cited_by(bundle: Bundle) -> Iterator[tuple[str, str, list[str]]]:
    """(kind, name, paragraphs) for every piece of content in a loaded scenario that cites."""
    sc = bundle.scenario
    yield "scenario", sc.id, list(sc.source)
    for seat, b in sc.briefings.items():
        yield "briefing", f"{sc.id}.{seat}", list(b.source)
    for a in [*bundle.common("arguments").arguments, *sc.arguments]:
        yield "argument", a.id, [*a.source, a.evidence_ref]
    for c in [*bundle.common("arguments").counters, *sc.counters]:
        yield "counter", c.id, list(c.source)
    for e in [*bundle.common("events").events, *sc.events]:
        yield "event", e.id, list(e.source)
    rules = bundle.common("rules")
    for r in [*rules.rules, *sc.rules.add, *sc.rules.replace]:
        yield "rule", r.id, list(r.source)
    for g in bundle.common("glossary").glossary:
        yield "glossary", g.id, list(g.source)
    debrief = bundle.common("debrief")
    yield "debrief", "debrief.thesis", list(debrief.source)
    for q in [*debrief.questions, *sc.debrief]:
        yield "debrief", q.id, list(q.source)
    epilogue = bundle.common("epilogue").epilogue
    for s in epilogue.stories:
        yield "epilogue", s.id, list(s.source)
    terms = bundle.common("terms")
    for t in [*terms.credibility.terms, *terms.acceptability.terms]:
        yield "term", t.id, list(t.source)
    for actor in bundle.common("actors").actors:
        yield "actor", actor.id, list(actor.source)
        for o in [*actor.red_lines, *actor.flexible]:
            yield "objection", o.id, list(o.source)
        for m in actor.moves:
            yield "move", m.id, list(m.source)
        for p in actor.positions:
            yield "position", p.id, list(p.source)
        for s in actor.score:
            yield "score", s.id, list(s.source)


def coverage(bundles: Iterable[Bundle]) -> dict[str, list[tuple[str, str]]]:
    """Each paragraph and heading of the article, in order, with (kind, name) of what cites it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for bundle in bundles:
        if not out:
            out = {p.id: [] for p in bundle.common("article").paragraphs}
        for kind, name, paras in cited_by(bundle):
            for pid in dict.fromkeys(paras):
                entry = (kind, name)
                if pid in out and entry not in out[pid]:
                    out[pid].append(entry)
    return out


def uncovered(
    cov: dict[str, list[tuple[str, str]]], kinds: Iterable[str] = PLAYER_FACING
) -> list[str]:
    """Paragraphs of the argument that no player-facing content cites."""
    wanted = set(kinds)
    return [pid for pid in ARGUMENT if not any(k in wanted for k, _ in cov.get(pid, []))]


def report(cov: dict[str, list[tuple[str, str]]]) -> list[str]:
    """One line per paragraph: `P05: argument arg.gap_visions, rule ukraine.war_weariness`."""
    lines = []
    for pid, items in cov.items():
        facing = [f"{k} {n}" for k, n in items if k in PLAYER_FACING]
        other = [f"{k} {n}" for k, n in items if k not in PLAYER_FACING]
        shown = ", ".join(facing + other) if items else "(nothing cites it)"
        mark = "" if facing or pid not in ARGUMENT else "  <- no player-facing content"
        lines.append(f"{pid} ({len(facing)}): {shown}{mark}")
    gaps = uncovered(cov)
    lines.append(
        "every paragraph P01-P31 reaches the player"
        if not gaps
        else f"not reaching the player: {', '.join(gaps)}"
    )
    return lines
