"""Explaining the engine's events in words, for the screens after the round.

Everything here turns ids and numbers the engine reports into document blocks
(`game.ui.doc`): a rule with its words, basis, interpretation and the paragraphs it
cites (the Arabic as given with its corrected readings, or the English gloss); fact
checks (the article's claim against the record); the two sums term by term against
Russia's threshold; a change of an indicator with its cause; a package in short.

The functions take the scene (for the theme, the language and `t()`) and the `GameFlow`
(for the content behind every id); none of them changes the game.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import pygame

from game.engine.preview import attack_chance as engine_chance
from game.ui import i18n, vocab
from game.ui import notes as note_words
from game.ui.doc import Block, Card, Custom, Line, Stack, Text, Widgets
from game.ui.flow import text
from game.ui.layout import at_start, mirror
from game.ui.text import Anchor, Colour, draw_line, line_width
from game.ui.theme import signal
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.flow import GameFlow
    from game.ui.scene import Scene

MINUS = "−"


class Speaker(Protocol):
    """What the wording helpers need of a scene: its language and its catalogue. A scene is
    one; so is the printed debrief's `game.report.debrief.Words`."""

    @property
    def lang(self) -> str: ...

    def t(self, key: str, **fmt: Any) -> str: ...


# ---------------------------------------------------------------- numbers


def num(v: float) -> str:
    """36 -> "36"; 8.4 -> "8.4"; -14 -> "−14" (Western digits in both languages)."""
    v = round(float(v), 1)
    s = f"{abs(v):,.0f}" if v.is_integer() else f"{abs(v):,.1f}"
    return (MINUS + s) if v < 0 else s


def signed(v: float) -> str:
    """A term of a sum: "+36", "−14", "+8.4"."""
    s = num(v)
    return s if s.startswith(MINUS) else "+" + s


def pct(x: float) -> str:
    """0.1234 -> "12.3" (a percentage without its sign)."""
    v = round(x * 100, 1)
    return f"{v:.0f}" if v.is_integer() else f"{v:.1f}"


def quote(scene: Speaker, words: str) -> str:
    """Words in the language's quotation marks (“…” in English, «…» in Arabic)."""
    return scene.t("after.quote", q=words)


def arrow(scene: Scene) -> str:
    """An arrow pointing along the reading direction (a bullet for "then" or "moved")."""
    return "⬅" if scene.rtl else "➜"


def ids(items: Iterable[str]) -> str:
    """Paragraph ids as one unbreakable run ("P24, P25, P15" joined by no-break spaces): a
    list split across two lines would have its comma and bracket misplaced in Arabic."""
    return ",\u00a0".join(items)


def attack_chance(book: Mapping[str, Any], credibility: float) -> float:
    """The epilogue's yearly chance of renewed aggression for a credibility (GAME-DESIGN 3.9),
    as the engine computes it."""

    return engine_chance(book["epilogue"], credibility)


def over_years(chance: float, years: int) -> float:
    """The chance of at least one attack in `years` years."""
    return 1 - (1 - chance) ** years


# ---------------------------------------------------------------- words for ids


def cause_text(scene: Speaker, flow: GameFlow, cause: Mapping[str, Any] | None) -> str:
    """ "Rule: Nyet to NATO-member troops" / "News: Summit in Anchorage" / ..."""
    if not cause:
        return ""
    lang = scene.lang
    kind, value = next(iter(cause.items()))
    if kind == "override":
        return scene.t("after.cause.override", reason=str(value))
    if kind == "refusal":
        return scene.t("after.cause.refusal", seat=vocab.seat_name(str(value), lang))
    name = flow.label(str(value), lang)
    key = f"after.cause.{kind}"
    return scene.t(key, name=name) if kind in CAUSE_KINDS else name


CAUSE_KINDS = ("rule", "move", "event", "argument", "rebuttal")


def changed_name(scene: Speaker, flow: GameFlow, ev: Mapping[str, Any]) -> str:
    """The name of the indicator or position a `change` event moved."""
    if "indicator" in ev:
        return vocab.indicator_name(str(ev["indicator"]), scene.lang)
    return flow.label(str(ev.get("position", "")), scene.lang)


def from_to(scene: Speaker, a: Any, b: Any) -> str:
    return scene.t("after.from_to", a=a, b=b)


def flag_text(scene: Speaker, flag: str) -> str | None:
    key = f"after.flag.{flag}"

    return scene.t(key) if i18n.has(key) else None


def reason_text(scene: Speaker, kind: str, reason: str) -> str:
    """Why the talks ended, in words (the outcome's general explanation for an unknown reason)."""

    key = f"after.reason.{reason}"
    return scene.t(key) if i18n.has(key) else scene.t(f"outcome.explain.{kind}")


# ---------------------------------------------------------------- links to the article


class Links:
    """The small "open P15" buttons of a screen, made once each and kept in the focus
    ring in the order they first appear."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.buttons: dict[tuple[str, ...], Button] = {}

    def get(self, key: tuple[str, ...], pid: str, highlight: Sequence[str] = ()) -> Button:
        b = self.buttons.get(key)
        if b is None:
            app = self.scene.app
            marks = tuple(highlight) or (pid,)

            def go(pid: str = pid, marks: tuple[str, ...] = marks) -> None:
                app.open_article(paragraph=pid, highlight=marks)

            def label(pid: str = pid) -> str:
                return self.scene.t("after.open_paragraph", id=pid)

            b = Button(
                app,
                label,
                go,
                kind="small",
                name="open." + ".".join(key),
            )
            self.buttons[key] = b
            self.scene.ring.add(b)
        return b


# ---------------------------------------------------------------- blocks


def caption(scene: Scene, words: str, colour: Colour | None = None) -> Text:
    return Text(scene, words, "caption", colour=colour)


NOTE_KINDS = note_words.NOTE_KINDS


def notes(
    scene: Speaker, checks: Mapping[str, Any], item: Any, *, interpretation: bool = True
) -> list[tuple[str, str]]:
    """The notes an item carries, in the player's language, as (kind, words): "invented"
    when the game made the event or words up, one "factcheck" per checked figure (the
    record against the article's claim) and its "interpretation" (the designer's reading).
    Every screen that shows an item shows these beside it (`note_parts`, `note_blocks`); a
    screen with room only for a teaser leaves the interpretation to the next
    (`interpretation`). The words are `game.ui.notes`', which the printed pages use too."""
    return note_words.notes(scene.lang, checks, item, interpretation=interpretation)


def note_style(kind: str) -> tuple[str, Colour]:
    """The symbol and colour of a note kind (a word always goes with the colour)."""
    return signal("note." + kind)


def note_parts(
    scene: Scene, checks: Mapping[str, Any], item: Any, *, interpretation: bool = True
) -> list[Any]:
    """The notes as a card's parts (`game.ui.cards.Part`)."""
    from game.ui.cards import Part

    out = []
    for kind, words in notes(scene, checks, item, interpretation=interpretation):
        sym, col = note_style(kind)
        role = "small"
        out.append(Part(f"{sym} {words}", role, col))
    return out


def note_blocks(
    scene: Scene, checks: Mapping[str, Any], item: Any, *, interpretation: bool = True
) -> list[Block]:
    """The notes as document blocks, one per note."""
    out: list[Block] = []
    for kind, words in notes(scene, checks, item, interpretation=interpretation):
        sym, col = note_style(kind)
        role = "small"
        out.append(Text(scene, words, role, colour=col, bullet=sym, bullet_colour=col))
    return out


def factcheck_block(scene: Scene, flow: GameFlow, fc_id: str) -> Block | None:
    fc = flow.factcheck(fc_id)
    if fc is None:
        return None
    th, lang = scene.theme, scene.lang
    sym = signal("warning")[0]
    return Card(
        scene,
        [
            Text(
                scene,
                f"{sym} {scene.t('common.factcheck')} · {fc['paragraph']}",
                "small_bold",
                colour=th.c.warn,
            ),
            Text(scene, scene.t("article.factcheck_claim", claim=text(fc["claim"], lang)), "small"),
            Text(
                scene,
                scene.t("article.factcheck_record", record=text(fc["record"], lang)),
                "small_bold",
            ),
        ],
        fill=th.c.bg_deep,
        border=th.c.accent_dim,
        pad=12,
        gap=6,
    )


def quote_blocks(
    scene: Scene,
    flow: GameFlow,
    pid: str,
    button: Button,
    quoted: set[str],
) -> list[Block]:
    """A cited paragraph: its id, its words in the chosen language (Arabic as given, with
    each known translation error's corrected reading), and a button to the article. A
    paragraph already quoted on this screen is named, not repeated."""
    th, lang, c = scene.theme, scene.lang, scene.theme.c
    words = flow.paragraph(pid, lang)
    head = Text(scene, pid, "small_bold", lang="en", colour=c.accent)
    if pid in quoted or not words:
        note = scene.t("after.quoted_above") if pid in quoted else ""
        return [
            Stack(scene, [head, *([caption(scene, note)] if note else [])], gap=2),
            Widgets(scene, [button], height=34),
        ]
    quoted.add(pid)
    inner: list[Block] = [head, Text(scene, words, "small", colour=c.text)]
    if lang == "ar":
        for corr in flow.corrections(pid):
            inner.append(
                Text(
                    scene,
                    scene.t("article.correct_reading", right=corr["right"])
                    + " "
                    + scene.t("article.instead_of", wrong=corr["wrong"]),
                    "small_bold",
                    colour=c.warn,
                    bullet="✎",
                    bullet_colour=c.warn,
                )
            )
            inner.append(caption(scene, text(corr.get("note"), lang)))
    inner.append(Widgets(scene, [button], height=34))
    return [
        Card(
            scene,
            inner,
            fill=th.c.bg_deep,
            border=th.c.panel_hi,
            pad=12,
            gap=6,
        )
    ]


def rule_card(
    scene: Scene,
    flow: GameFlow,
    rule_id: str,
    links: Links,
    quoted: set[str],
    checked: set[str],
    accent: Colour | None = None,
) -> Card:
    """One rule that fired: title, id and basis, its words, its interpretation, the
    paragraphs it cites and its fact checks."""
    lang, c = scene.lang, scene.theme.c
    rule = flow.rule(rule_id)
    basis = rule.get("basis") or ""
    meta = rule_id
    if basis:
        meta += " · " + scene.t(f"answer.basis_values.{basis}")
    if rule.get("designer_gap"):
        meta += " · " + scene.t("answer.designer_gap")
    if rule.get("model_ref"):
        meta += f" · {rule['model_ref']}"
    says = text(rule.get("says"), lang)
    parts: list[Block] = [
        Text(scene, text(rule.get("title"), lang), "h3"),
        caption(scene, meta),
    ]
    if says:
        parts.append(Text(scene, quote(scene, says), "body", colour=c.text))
    if rule.get("invented"):  # the words are the game's, not the speaker's
        parts += note_blocks(scene, {}, {"invented": True})
    interp = text(rule.get("interpretation"), lang)
    if interp:
        parts.append(
            Text(
                scene,
                scene.t("common.interpretation", text=interp),
                "small",
                bullet="◇",
                bullet_colour=c.info,
            )
        )
    src = [str(p) for p in rule.get("source", [])]
    if src:
        parts.append(
            Text(scene, scene.t("after.cites", ids=ids(src)), "small_bold", colour=c.text_dim)
        )
        for pid in src:
            parts += quote_blocks(scene, flow, pid, links.get((rule_id, pid), pid, src), quoted)
    fcs = [f for f in rule.get("factcheck", []) or [] if f not in checked]
    for pid in src:
        fcs += [
            f.id for f in flow.factchecks.values() if f.paragraph == pid and f.id not in checked
        ]
    for f in dict.fromkeys(fcs):
        checked.add(f)
        b = factcheck_block(scene, flow, f)
        if b is not None:
            parts.append(b)
    return Card(scene, parts, accent=accent, gap=8)


def sum_blocks(
    scene: Scene,
    flow: GameFlow,
    name: str,
    base: float,
    terms: Sequence[Sequence[Any]],
    total: float,
    *,
    total_label: str | None = None,
) -> list[Block]:
    """One sum, term by term: the base, each term with its sources, the total."""
    lang, c = scene.lang, scene.theme.c
    out: list[Block] = []
    base_src = (
        flow.book.get(name, {}).get("source") if isinstance(flow.book.get(name), dict) else None
    )
    out.append(
        Line(
            scene,
            scene.t(f"after.sums.base_{name}"),
            num(base),
            role="small",
            value_role="small_bold",
            note=scene.t("common.sources", ids=ids(base_src)) if base_src else "",
        )
    )
    for term_id, value in terms:
        term = flow.terms.get(term_id, {})
        src = term.get("source") or []
        out.append(
            Line(
                scene,
                flow.label(str(term_id), lang),
                signed(float(value)),
                role="small",
                value_role="small_bold",
                value_colour=c.ok if float(value) > 0 else c.bad,
                note=scene.t("common.sources", ids=ids(src)) if src else "",
            )
        )
    if not terms:
        out.append(caption(scene, scene.t("after.sums.no_terms")))
    out.append(
        Line(
            scene,
            total_label or scene.t(f"indicator.{name}"),
            scene.t("after.sums.total", n=num(total)),
            role="body_bold",
            value_role="body_bold",
            value_lang=scene.lang,
            rule_above=True,
        )
    )
    return out


def package_blocks(
    scene: Scene, package: Mapping[str, Any], *, changed_only: bool = False
) -> list[Block]:
    """A package clause by clause (label at the start, value at the end); the clauses that
    differ from an empty package stand out, each with a mark (not only a colour)."""
    out: list[Block] = []
    c = scene.theme.c
    changed = {k for k, _, _ in vocab.package_items(package, scene.lang, only_changed=True)}
    for clause, label, value in vocab.package_items(package, scene.lang, only_changed=changed_only):
        on = clause in changed
        out.append(
            Line(
                scene,
                ("◆ " if on and not changed_only else "") + label,
                value,
                role="small_bold" if on else "small",
                value_role="small_bold" if on else "small",
                value_lang=scene.lang,
                colour=c.text if on else c.text_dim,
                value_colour=c.accent_hi if on else c.text_dim,
            )
        )
    return out


GOOD_WHEN_UP = {
    "territory": True,
    "us_engagement": True,
    "unity": True,
    "blame": True,
    "momentum": False,
    "us_burden": False,
}
"""Which way an indicator is good for the West (its colour); the symbol and the word always
say which way it moved, and positions stay neutral."""


def change_colour(scene: Scene, ev: Mapping[str, Any]) -> Colour:
    c = scene.theme.c
    good = GOOD_WHEN_UP.get(str(ev.get("indicator", "")))
    if good is None:
        return c.info
    up = int(ev["to"]) > int(ev["from"])
    return c.ok if up == good else c.bad


def change_line(scene: Scene, flow: GameFlow, ev: Mapping[str, Any]) -> Line:
    """ "Territory held by Kyiv ........ 81 → 79  ▼ down 2", and its cause under it."""
    a, b = int(ev["from"]), int(ev["to"])
    delta = b - a
    return Line(
        scene,
        changed_name(scene, flow, ev),
        f"{from_to(scene, a, b)}   {vocab.change_label(delta, scene.lang)}",
        role="small_bold",
        value_role="small_bold",
        value_colour=change_colour(scene, ev),
        value_lang=scene.lang,
        note=scene.t("round.cause", cause=cause_text(scene, flow, ev.get("cause"))),
    )


def stance_badge(scene: Scene, stance: str, *, big: bool = True) -> Custom:
    """Russia's stance, big: a symbol in a ring and the word, in the stance's colour."""
    th = scene.theme
    sym, colour = signal("stance." + stance)

    def height(width: int) -> int:
        return th.px(92 if big else 60)

    def paint(surface: pygame.Surface, r: pygame.Rect) -> None:
        c = th.c
        d = r.height
        circle = at_start(pygame.Rect(r.left, r.top, r.width, d), d, scene.rtl)
        pygame.draw.circle(surface, c.bg_deep, circle.center, d // 2)
        pygame.draw.circle(surface, colour, circle.center, d // 2, max(2, th.px(3)))
        draw_line(
            surface,
            sym,
            circle.center,
            th.text("h1" if big else "h2").with_colour(colour),
            "en",
            anchor="center",
        )
        words = mirror(
            pygame.Rect(r.left + d + th.px(18), r.top, r.width - d - th.px(18), d), r, scene.rtl
        )
        x = words.right if scene.rtl else words.left
        anchor_top: Anchor = "topright" if scene.rtl else "topleft"
        anchor_bottom: Anchor = "bottomright" if scene.rtl else "bottomleft"
        draw_line(
            surface,
            scene.t("stance.label"),
            (x, words.top + th.px(4)),
            th.text("small"),
            scene.lang,
            anchor=anchor_top,
            max_width=words.width,
        )
        word = vocab.stance_word(stance, scene.lang)
        sizes = ("display", "h1", "h2", "h3") if big else ("h1", "h2", "h3")
        # the largest size at which the whole word fits: shrink rather than cut it
        size = next(
            (n for n in sizes if line_width(word, th.text(n), scene.lang) <= words.width), sizes[-1]
        )
        draw_line(
            surface,
            word,
            (x, words.bottom),
            th.text(size).with_colour(colour),
            scene.lang,
            anchor=anchor_bottom,
            max_width=words.width,
        )

    return Custom(scene, height, paint)


def roll_terms(event: Mapping[str, Any]) -> list[tuple[str, int]]:
    """An argument's modifiers that count (name, signed value), in the engine's order; an
    event from before the listener's modifiers existed gives its strength, relevance and
    counter."""
    mods = event.get("modifiers")
    if isinstance(mods, list):
        return [(str(m["name"]), int(m["value"])) for m in mods if int(m.get("value", 0))]
    return [
        ("strength", int(event.get("strength", 0))),
        ("relevance", int(event.get("relevance", 0))),
        ("counter", -int(event.get("counter_strength", 0))),
    ]


def roll_sum(event: Mapping[str, Any], dice: str | None = None) -> str:
    """`5 + 5 + 2 + 2 + 1 = 15`: the dice and every modifier that counts, then the total."""
    d = event.get("dice") or [0, 0]
    out = dice if dice is not None else f"{d[0]} + {d[1]}"
    for _, v in roll_terms(event):
        out += f" {'+' if v >= 0 else '−'} {abs(v)}"
    return f"{out} = {event.get('total', 0)}"


def war_words(t: Callable[..., str], ep: Mapping[str, Any]) -> list[str]:
    """After a collapse, what the war that went on took (the epilogue's `war`), in words: the
    ending screen and the debrief page say the same. Empty for any other ending."""
    war: Mapping[str, Any] = ep.get("war") or {}
    if not war:
        return []
    out = [t("after.ending.war_goes_on", left=int(war.get("rounds_left", 0)))]
    land = war.get("territory")
    if land:
        out.append(
            t("after.ending.war_land", before=land[0], after=land[1], n=int(land[0]) - int(land[1]))
        )
    us = war.get("us_engagement")
    if us and int(us[0]) != int(us[1]):
        out.append(t("after.ending.war_us", before=us[0], after=us[1]))
    return out
