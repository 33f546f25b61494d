"""The lint pass: checks across a whole scenario that no single file's shape can show.

Unknown ids, effects on indicators that do not exist, rules that can never fire, text
missing in one language, content without a source, quotes that are not in the article,
figures repeated without their fact check. Every problem has its file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from game.content.bundle import CORE_INDICATORS, Bundle
from game.content.problems import Problem, did_you_mean
from game.content.reach import unreachable
from game.content.yamlload import Doc
from game.engine import package as pkg
from game.engine.conditions import CONDITIONS
from game.engine.vocab import ACTORS, READ_CLAUSES

Loc = tuple[str | int, ...]

ENGINE_FLAGS = {"split"}
"""Flags the engine itself sets (on a refusal or a failed argument between the US and Europe)."""

CLAUSE_VALUES: dict[str, tuple[Any, ...]] = {
    **pkg.CHOICES,
    "nato_membership": (True, False),
    "observers": (True, False),
}
NUMERIC = tuple(c for c in READ_CLAUSES if c.startswith("troops."))


class Linter:
    def __init__(self, bundle: Bundle) -> None:
        self.b = bundle
        self.problems: list[Problem] = []
        sc = bundle.scenario
        self.indicators = set(sc.start.indicators)
        actors = bundle.common("actors").actors
        self.positions = {p.id for a in actors for p in a.positions}
        self.actor_ids = {a.id for a in actors}
        self.moves = {m.id: a.id for a in actors for m in a.moves}
        self.paragraphs = {p.id: p for p in bundle.common("article").paragraphs}
        self.factchecks = {f.id: f for f in bundle.common("factchecks").factchecks}
        self.arguments = {a.id: a for a in bundle.common("arguments").arguments}
        self.arguments.update({a.id: a for a in sc.arguments})
        self.rounds = sc.rounds
        self.flags_set = set(ENGINE_FLAGS) | set(sc.start.flags)
        self.shared_indicators: dict[str, tuple[Doc, Loc]] = {}
        """Indicators the shared files use: a scenario must start with each."""
        for name, src in bundle.files.items():
            for node, loc, parent in walk(src.doc.data):
                if not isinstance(node, dict):
                    continue
                if parent == "effects" and node.get("kind") == "flag":
                    self.flags_set.add(node.get("flag", ""))
                if name != "scenario" and isinstance(node.get("indicator"), str):
                    self.shared_indicators.setdefault(node["indicator"], (src.doc, loc))
        self.problem_locs: list[tuple[str, Loc]] = []
        self.replaced = {r.id for r in sc.rules.replace} | set(sc.rules.disable)

    def add(self, doc: Doc, loc: Loc, message: str, key: bool = False) -> None:
        self.problem_locs.append((doc.path, loc))
        line, col = doc.at(loc, key=key)
        self.problems.append(Problem(doc.path, line, col, message))

    # ---------------------------------------------------------------- passes

    def run(self) -> list[Problem]:
        self.ids()
        for name, src in self.b.files.items():
            self.texts(src.doc)
            self.references(src.doc, name)
            if name not in ("article", "factchecks"):
                self.quotes(src.doc)
        self.scenario()
        self.arguments_check()
        self.actors_check()
        self.rules_check()
        return self.problems

    def ids(self) -> None:
        """Every id once. The shared files come first, so that a scenario's id that repeats a
        shared one is reported in the scenario; a scenario's `rules.replace` and `terms`
        entries name a shared rule or term on purpose and are not duplicates."""
        seen: dict[str, tuple[Doc, Loc]] = {}
        shared_rules = {r.id for r in self.b.common("rules").rules}
        terms = self.b.common("terms")
        shared_terms = {
            which: {t.id for t in getattr(terms, which).terms}
            for which in ("credibility", "acceptability")
        }
        names = [n for n in self.b.files if n != "scenario"] + ["scenario"]
        for name in names:
            src = self.b.files[name]
            for node, loc, _parent in walk(src.doc.data):
                if not (isinstance(node, dict) and isinstance(node.get("id"), str) and loc):
                    continue
                if _paragraph(loc):
                    continue
                ident = node["id"]
                if name == "scenario" and _overrides(loc, ident, shared_rules, shared_terms):
                    continue
                if ident in seen:
                    first_doc, first_loc = seen[ident]
                    line, _ = first_doc.at((*first_loc, "id"))
                    hint = ""
                    if name == "scenario" and loc[:2] == ("rules", "add") and ident in shared_rules:
                        hint = "; to change a shared rule, put it under rules.replace"
                    self.add(
                        src.doc,
                        (*loc, "id"),
                        f"duplicate id {ident!r} (first at {first_doc.path}:{line}){hint}",
                    )
                else:
                    seen[ident] = (src.doc, loc)

    def texts(self, doc: Doc) -> None:
        for node, loc, parent in walk(doc.data):
            if _is_text(node, parent):
                for lang, name in (("en", "English"), ("ar", "Arabic")):
                    value = node.get(lang)
                    if not isinstance(value, str) or not value.strip():
                        at = (*loc, lang) if lang in node else loc
                        self.add(doc, at, f"{_dotted(loc)}: the {name} text is missing")
                        continue
                    for m in INTERNAL.finditer(value):
                        self.add(
                            doc,
                            (*loc, lang),
                            f"{_dotted(loc)}: the {name} text shows players {m.group(0)!r}, "
                            "a name from the files or the design notes; say it in words",
                        )
            if (
                isinstance(node, dict)
                and isinstance(node.get("source"), list)
                and not node["source"]
                and parent != "threshold"
            ):
                self.add(
                    doc,
                    (*loc, "source"),
                    f"{_dotted(loc)}: no source; cite the paragraphs it comes from",
                )

    def references(self, doc: Doc, name: str) -> None:
        for node, loc, parent in walk(doc.data):
            if not isinstance(node, dict):
                continue
            for key in ("source",):
                for i, ref in enumerate(node.get(key) or []):
                    if isinstance(ref, str) and ref not in self.paragraphs:
                        self.add(doc, (*loc, key, i), f"no paragraph {ref} in the article")
            if (
                isinstance(node.get("evidence_ref"), str)
                and node["evidence_ref"] not in self.paragraphs
            ):
                self.add(
                    doc,
                    (*loc, "evidence_ref"),
                    f"no paragraph {node['evidence_ref']} in the article",
                )
            for i, fc in enumerate(node.get("factcheck") or []):
                if fc not in self.factchecks:
                    hint = did_you_mean(fc, self.factchecks)
                    self.add(
                        doc,
                        (*loc, "factcheck", i),
                        f"unknown fact check {fc!r}"
                        + (f" (did you mean {hint!r}?)" if hint else ""),
                    )
            if (
                parent in ("when", "unless", "cond", "of")
                and "kind" in node
                and node["kind"] in CONDITIONS
            ):
                self.condition(doc, loc, node)
            if parent == "effects" and "kind" in node:
                self.effect(doc, loc, node)
            if parent in ("terms", "credibility", "acceptability") and "clause" in node:
                self.term(doc, loc, node)
            if parent == "scale" or (node.get("kind") == "indicator" and "factor" in node):
                self.indicator(doc, (*loc, "indicator"), node.get("indicator"))
            briefing = name == "scenario" and len(loc) == 2 and loc[0] == "briefings"
            if ("source" in node or briefing) and name not in ("factchecks", "article"):
                self.figures(doc, loc, node)
            gap = node.get("designer_gap") is True
            if (gap or node.get("invented") is True) and not node.get("interpretation"):
                what = "designer_gap: true" if gap else "invented: true"
                self.add(
                    doc,
                    (*loc, "designer_gap" if gap else "invented"),
                    f"{_dotted(loc)}: {what} needs an interpretation that says what the designer chose",
                )

    def indicator(self, doc: Doc, loc: Loc, name: Any) -> None:
        if doc is not self.b.files["scenario"].doc and name in self.shared_indicators:
            return  # reported once, at the scenario's start.indicators
        if name not in self.indicators:
            hint = did_you_mean(str(name), self.indicators)
            self.add(
                doc,
                loc,
                f"unknown indicator {name!r}"
                + (f" (did you mean {hint!r}?)" if hint else "")
                + f"; the scenario starts with: {', '.join(sorted(self.indicators))}",
            )

    def position(self, doc: Doc, loc: Loc, name: Any) -> None:
        if name not in self.positions:
            hint = did_you_mean(str(name), self.positions)
            self.add(
                doc,
                loc,
                f"unknown position {name!r}" + (f" (did you mean {hint!r}?)" if hint else ""),
            )

    def condition(self, doc: Doc, loc: Loc, c: dict[str, Any]) -> None:
        kind = c["kind"]
        if "op" in c and "value" in c:
            listed = isinstance(c["value"], list)
            if c["op"] in ("in", "not_in") and not listed:
                self.add(
                    doc,
                    (*loc, "value"),
                    f"op {c['op']} needs a list of values, like [{_show(c['value'])}]",
                )
            elif c["op"] not in ("in", "not_in") and listed:
                self.add(
                    doc,
                    (*loc, "value"),
                    f"op {c['op']} compares with one value, not a list (use in or not_in)",
                )
        if kind == "derived" and not _sums_known(loc):
            self.add(
                doc,
                (*loc, "kind"),
                "credibility and acceptability are known only when Russia weighs a package:"
                " a derived condition may be used in Russia's rules, score terms and"
                " epilogue stories, not here",
            )
        if kind == "indicator":
            self.indicator(doc, (*loc, "indicator"), c.get("indicator"))
            for v in _values(c.get("value")):
                if not 0 <= v <= 100 and not (
                    c["op"] in ("lt", "le", "gt", "ge") and -1 <= v <= 101
                ):
                    self.add(
                        doc,
                        (*loc, "value"),
                        f"indicators run 0-100; {v} can never be compared true",
                    )
        elif kind == "position":
            self.position(doc, (*loc, "position"), c.get("position"))
        elif kind == "flag":
            if c.get("flag") not in self.flags_set:
                self.add(
                    doc,
                    (*loc, "flag"),
                    f"flag {c.get('flag')!r} is never set (no event, move or rule sets it), so this can never be true",
                )
        elif kind == "round":
            vals = _values(c.get("value"))
            if c["op"] in ("eq", "in") and all(not 1 <= v <= self.rounds for v in vals):
                self.add(
                    doc,
                    (*loc, "value"),
                    f"the scenario has rounds 1-{self.rounds}; this can never be true",
                )
        elif kind == "clause":
            clause = c["clause"]
            vals = _values(c.get("value"))
            if clause in CLAUSE_VALUES:
                allowed = CLAUSE_VALUES[clause]
                for v in vals:
                    if v not in allowed or isinstance(v, bool) != isinstance(allowed[0], bool):
                        self.add(
                            doc,
                            (*loc, "value"),
                            f"{clause} is one of: {', '.join(str(a).lower() if isinstance(a, bool) else str(a) for a in allowed)}; {v!r} never occurs",
                        )
                        break
                if c["op"] in ("lt", "le", "gt", "ge"):
                    self.add(
                        doc, (*loc, "op"), f"{clause} is not a number; use eq, ne, in or not_in"
                    )
            elif clause in NUMERIC:
                for v in vals:
                    if isinstance(v, bool) or not isinstance(v, int):
                        self.add(
                            doc,
                            (*loc, "value"),
                            f"{clause} is a number of soldiers; {v!r} never occurs",
                        )

    def term(self, doc: Doc, loc: Loc, t: dict[str, Any]) -> None:
        """A curve reads a number of soldiers; a table's keys are values of its clause."""
        clause = t["clause"]
        if t.get("kind") == "curve" and clause not in NUMERIC:
            self.add(
                doc,
                (*loc, "clause"),
                f"a curve reads a number ({', '.join(NUMERIC)}); {clause} is not one:"
                " use kind: table",
            )
        elif t.get("kind") == "table" and clause in NUMERIC:
            self.add(
                doc,
                (*loc, "clause"),
                f"{clause} is a number of soldiers: use kind: curve, not a table",
            )
        elif t.get("kind") == "table" and isinstance(t.get("points"), dict):
            allowed = [_show(a) for a in CLAUSE_VALUES.get(clause, ())]
            for key in t["points"]:
                shown = key.lower() if key in ("True", "False") else key
                if allowed and shown not in allowed:
                    self.add(
                        doc,
                        (*loc, "points", key),
                        f"{key!r} is not a value of {clause} (one of: {', '.join(allowed)})",
                        key=True,
                    )

    def effect(self, doc: Doc, loc: Loc, e: dict[str, Any]) -> None:
        if e["kind"] == "shift":
            self.indicator(doc, (*loc, "indicator"), e.get("indicator"))
        elif e["kind"] == "position":
            self.position(doc, (*loc, "position"), e.get("position"))

    def figures(self, doc: Doc, loc: Loc, item: dict[str, Any]) -> None:
        cited = set(item.get("source") or [])
        have = set(item.get("factcheck") or [])
        if doc is self.b.files["scenario"].doc:
            have |= set(self.b.scenario.factcheck)  # the scenario's own checks cover its texts
        text = " ".join(_own_texts(item))
        for fc in self.factchecks.values():
            if fc.id in have:
                continue
            for fig in fc.figures:
                # a card that repeats the figure without citing its paragraph still needs the
                # check; there a number counts only standing alone (not "2023-24")
                if _mentions(text, fig, strict=fc.paragraph not in cited):
                    self.add(
                        doc,
                        (*loc, "source"),
                        f"{_dotted(loc)}: repeats the figure {fig!r} from {fc.paragraph}, whose record differs; add factcheck: [{fc.id}]",
                    )
                    break

    def quotes(self, doc: Doc) -> None:
        """Words in quote marks are the article's: Arabic as given (or a recorded correction's
        reading), English from the project's gloss, of a paragraph the item cites. So the same
        sentence is quoted alike wherever it appears."""
        for node, loc, parent, cited in _walk_cited(doc.data):
            if not _is_text(node, parent) or parent in QUOTE_FREE:
                continue
            paras = [self.paragraphs[p] for p in cited if p in self.paragraphs] or list(
                self.paragraphs.values()
            )
            for lang in ("en", "ar"):
                value = node.get(lang)
                if not isinstance(value, str):
                    continue
                for span in quoted(value):
                    if not _quote_found(span, paras):
                        where = ", ".join(p.id for p in paras) if cited else "the article"
                        self.add(
                            doc,
                            (*loc, lang),
                            f"{_dotted(loc)}: {span!r} stands in quote marks but is not the "
                            f"article's words in {where}"
                            + (
                                " (Arabic as given, or a recorded correction's reading)"
                                if ARABIC.search(span)
                                else " (English from the gloss)"
                            ),
                        )

    # ---------------------------------------------------------------- whole-scenario checks

    def scenario(self) -> None:
        src = self.b.files["scenario"]
        doc, sc = src.doc, self.b.scenario
        for name in CORE_INDICATORS:
            if name not in sc.start.indicators:
                self.add(
                    doc,
                    ("start", "indicators"),
                    f"start.indicators must include {name!r} (every scenario has {', '.join(CORE_INDICATORS)})",
                )
        for name, (where, loc) in sorted(self.shared_indicators.items()):
            if name not in sc.start.indicators and name not in CORE_INDICATORS:
                line, _ = where.at(loc)
                self.add(
                    doc,
                    ("start", "indicators"),
                    f"start.indicators must include {name!r}: the shared files use it ({where.path}:{line})",
                )
        for name in sc.start.positions:
            self.position(doc, ("start", "positions", name), name)
        for seat in sc.seats:
            if seat not in sc.briefings:
                self.add(doc, ("briefings",), f"no briefing for the seat {seat!r}")
        if sc.default_seat not in sc.seats:
            self.add(
                doc, ("default_seat",), f"default_seat {sc.default_seat!r} is not one of the seats"
            )
        first_step: dict[str, int] = {}
        for i, step in enumerate(sc.coach):
            if step.done_by in first_step:
                self.add(
                    doc,
                    ("coach", i, "done_by"),
                    f"coach: a second step done by {step.done_by!r} (the first is step "
                    f"{first_step[step.done_by] + 1}); both would end at once, so this one would never show",
                )
            else:
                first_step[step.done_by] = i
        rule_ids = {r.id for r in self.b.common("rules").rules}
        for i, rid in enumerate(sc.rules.disable):
            if rid not in rule_ids:
                hint = did_you_mean(rid, rule_ids)
                self.add(
                    doc,
                    ("rules", "disable", i),
                    f"no rule {rid!r} to disable" + (f" (did you mean {hint!r}?)" if hint else ""),
                )
        for i, r in enumerate(sc.rules.replace):
            if r.id not in rule_ids:
                self.add(
                    doc,
                    ("rules", "replace", i, "id"),
                    f"no rule {r.id!r} to replace; use rules.add for a new rule",
                )
        terms = self.b.common("terms")
        for which in ("credibility", "acceptability"):
            known = {t.id for t in getattr(terms, which).terms}
            for i, t in enumerate(getattr(sc.terms, which)):
                if t.id not in known and not t.id.startswith(("cred.", "acc.")):
                    self.add(
                        doc,
                        ("terms", which, i, "id"),
                        f"{t.id!r} replaces no shared term; new terms are named cred.* or acc.*",
                    )

    def arguments_check(self) -> None:
        for name in ("arguments", "scenario"):
            src = self.b.files[name]
            doc = src.doc
            cards = src.model.arguments
            for i, a in enumerate(cards):
                loc: Loc = ("arguments", i)
                if a.to in a.by:
                    self.add(doc, (*loc, "to"), f"{a.id} addresses one of its own speakers")
                para = self.paragraphs.get(a.evidence_ref)
                if para is not None:
                    if a.evidence.ar and a.evidence.ar not in para.ar:
                        self.add(
                            doc,
                            (*loc, "evidence", "ar"),
                            f"{a.id}: the Arabic evidence is not a quote from {a.evidence_ref} as given",
                        )
                    if a.evidence.en and a.evidence.en not in para.en:
                        self.add(
                            doc,
                            (*loc, "evidence", "en"),
                            f"{a.id}: the English evidence is not from the gloss of {a.evidence_ref}",
                        )
                    ar_at, ar_n = _sentence_ids(para.ar, a.evidence.ar)
                    en_at, en_n = _sentence_ids(para.en, a.evidence.en)
                    if ar_n == en_n and ar_at and en_at and not ar_at & en_at:
                        self.add(
                            doc,
                            (*loc, "evidence"),
                            f"{a.id}: the English and Arabic evidence quote different sentences of "
                            f"{a.evidence_ref} (sentence {min(en_at) + 1} and sentence {min(ar_at) + 1})",
                        )
                for j, e in enumerate(a.effects):
                    if e.kind == "position" and not e.position.startswith(a.to + "."):
                        self.add(
                            doc,
                            (*loc, "effects", j, "position"),
                            f"{a.id} addresses {a.to} but moves {e.position}, which is not {a.to}'s",
                        )
            for i, c in enumerate(src.model.counters):
                for j, aid in enumerate(c.answers):
                    target = self.arguments.get(aid)
                    if target is None:
                        hint = did_you_mean(aid, self.arguments)
                        self.add(
                            doc,
                            ("counters", i, "answers", j),
                            f"no argument {aid!r}" + (f" (did you mean {hint!r}?)" if hint else ""),
                        )
                    elif target.to != c.by:
                        self.add(
                            doc,
                            ("counters", i, "answers", j),
                            f"{aid} addresses {target.to}, so {c.by} cannot counter it",
                        )

    def actors_check(self) -> None:
        src = self.b.files["actors"]
        for need in ACTORS:
            if need not in self.actor_ids:
                self.add(src.doc, ("actors",), f"no actor {need!r}")
        for i, a in enumerate(src.model.actors):
            for j, move_id in enumerate(a.policy):
                if self.moves.get(move_id) != a.id:
                    self.add(src.doc, ("actors", i, "policy", j), f"{a.id} has no move {move_id!r}")
            for j, m in enumerate(a.moves):
                if not m.id.startswith(a.id + "."):
                    self.add(
                        src.doc,
                        ("actors", i, "moves", j, "id"),
                        f"a move of {a.id} is named {a.id}.*",
                    )
            for j, t in enumerate(a.score):
                need_field = {"indicator": "indicator", "derived": "name", "flag": "flag"}.get(
                    t.kind
                )
                if need_field and getattr(t, need_field) is None:
                    self.add(
                        src.doc,
                        ("actors", i, "score", j),
                        f"a score term of kind {t.kind} needs {need_field!r}",
                    )
                if t.kind == "indicator" and t.indicator is not None:
                    self.indicator(src.doc, ("actors", i, "score", j, "indicator"), t.indicator)

    def rules_check(self) -> None:
        if self.problems:
            return  # the search runs the engine, which needs every condition sound
        never = unreachable(self.b.book, self.flags_set)
        for name, base in (("rules", ("rules",)), ("scenario", ("rules", "add"))):
            src = self.b.files[name]
            rules = src.model.rules if name == "rules" else src.model.rules.add
            for i, r in enumerate(rules):
                loc: Loc = (*base, i)
                for j, clause in enumerate(r.demand_clauses):
                    if clause not in pkg.CLAUSES:
                        self.add(
                            src.doc,
                            (*loc, "demand_clauses", j),
                            f"{clause!r} is not a clause of the package",
                        )
                    elif r.demands is None:
                        self.add(
                            src.doc,
                            (*loc, "demand_clauses", j),
                            "demand_clauses names clauses of `demands`, which is missing",
                        )
                where = (src.doc.path, (*loc, "when"))
                if any(
                    p == where[0] and q[: len(where[1])] == where[1] for p, q in self.problem_locs
                ):
                    continue  # the condition already has a problem of its own
                if r.id in never and (name == "scenario" or r.id not in self.replaced):
                    self.add(src.doc, (*loc, "when"), f"rule {r.id} can never fire: {never[r.id]}")


# ---------------------------------------------------------------- helpers


def walk(
    node: Any, loc: Loc = (), parent: str | int | None = None
) -> Iterator[tuple[Any, Loc, Any]]:
    """Every node with its location and the key (or list's key) that holds it."""
    yield node, loc, parent
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, (*loc, k), k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, (*loc, i), parent)


QUOTE = re.compile(
    r"“([^”\n]+)”|\"([^\"\n]+)\"|«([^»\n]+)»|‘([^’\n]+)’|(?<![\w’'])'([^'\n]+)'(?![\w'])"
)
"""A span in quote marks: curly, straight, guillemets, or single quotes that are not apostrophes."""

ARABIC = re.compile(r"[\u0600-\u06ff]")
INTERNAL = re.compile(r"(?<![\w{.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w}])|GAME-DESIGN[ \d.]*\d")
"""What players must never read in a text: a field's name (`land_per_round`) or a
reference to the design notes (`GAME-DESIGN 3.9`)."""
QUOTE_FREE = ("term",)
"""Texts that name a term (a glossary headword) rather than quote the article."""


def quoted(text: str) -> Iterator[str]:
    """Spans in quote marks of two words or more (a single quoted word names a term)."""
    for m in QUOTE.finditer(text):
        span = next(g for g in m.groups() if g is not None)
        span = " ".join(span.split()).strip(" .,;:?!")
        if len(span.split()) >= 2:
            yield span


SENTENCE_END = re.compile(r"(?<=[.?!؟])\s+")


def _sentence_ids(paragraph: str, quote: str) -> tuple[set[int], int]:
    """Which sentences of the paragraph the quote touches (none when it is not there), and how
    many sentences the paragraph has: the Arabic and its gloss can be compared sentence by
    sentence only where both split into the same number."""
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(paragraph)), len(paragraph) + 1]
    start = paragraph.find(quote) if quote else -1
    touched = {
        i
        for i in range(len(bounds) - 1)
        if start >= 0 and start < bounds[i + 1] and start + len(quote) > bounds[i]
    }
    return touched, len(bounds) - 1


def _squash(text: str) -> str:
    return " ".join(text.split())


def _quote_found(span: str, paras: list[Any]) -> bool:
    if ARABIC.search(span):
        return any(
            span in _squash(p.ar) or any(span in _squash(c.right) for c in p.corrections)
            for p in paras
        )
    low = span.lower()
    return any(low in _squash(p.en).lower() for p in paras)


def _walk_cited(
    node: Any, loc: Loc = (), parent: str | int | None = None, cited: tuple[str, ...] = ()
) -> Iterator[tuple[Any, Loc, Any, tuple[str, ...]]]:
    """`walk`, with the paragraphs cited by the nearest item that has a `source`."""
    if isinstance(node, dict) and isinstance(node.get("source"), list):
        cited = tuple(str(x) for x in node["source"])
    yield node, loc, parent, cited
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk_cited(v, (*loc, k), k, cited)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_cited(v, (*loc, i), parent, cited)


def _is_text(node: Any, parent: Any) -> bool:
    return (
        isinstance(node, dict)
        and bool(node)
        and set(node) <= {"en", "ar"}
        and parent not in ("points",)
    )


def _own_texts(item: dict[str, Any]) -> Iterator[str]:
    for key, v in item.items():
        if isinstance(v, dict) and _is_text(v, key):
            yield from (str(x) for x in v.values())


def _mentions(text: str, figure: str, strict: bool = False) -> bool:
    if any(ch.isdigit() for ch in figure):
        before = r"(?<![\w.,\-–/])" if strict else r"(?<![\w.,])"
        return re.search(rf"{before}{re.escape(figure)}(?![\w])", text) is not None
    return figure.lower() in text.lower()


def _overrides(loc: Loc, ident: str, rules: set[str], terms: dict[str, set[str]]) -> bool:
    """A scenario's entry that replaces a shared rule or term by its id."""
    if len(loc) == 3 and loc[:2] == ("rules", "replace"):
        return ident in rules
    if len(loc) == 3 and loc[0] == "terms" and isinstance(loc[1], str) and loc[1] in terms:
        return ident in terms[loc[1]]
    return False


def _sums_known(loc: Loc) -> bool:
    """Where credibility and acceptability have been worked out when a condition is read:
    Russia's rules (shared, or a scenario's own), score terms and epilogue stories."""
    if "terms" in loc or "credibility" in loc or "acceptability" in loc:
        return False  # a term's condition is read while the sums are being made
    return bool(loc) and (loc[0] == "rules" or "score" in loc or "stories" in loc)


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _values(v: Any) -> list[Any]:
    return list(v) if isinstance(v, list) else [v]


def _paragraph(loc: Loc) -> bool:
    return bool(loc) and loc[0] == "paragraphs"


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the scenario"


def lint(bundle: Bundle) -> list[Problem]:
    return Linter(bundle).run()
