"""Fact checks, interpretations and the "invented for the game" tag reach the player
wherever the claim is shown (issue 9, item 1): argument cards, counter-cards in the debate,
news events, briefings, the setup screen's summaries and the glossary, in both languages.
Real content, the real App under SDL's dummy driver, the screens' own functions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.content.loader import load, shipped
from game.ui import i18n, vocab
from game.ui.app import App
from game.ui.content import Content
from game.ui.flow import GameFlow
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.debate import DebateScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.glossary import GlossaryScene
from game.ui.scenes.round import RoundScene
from game.ui.scenes.setup import SetupScene

from .conftest import press, table

LANGS = ("en", "ar")


@pytest.fixture(scope="module")
def books() -> list[Any]:
    return [load(p, full=True, lint=False) for p in shipped()]


def make_app(tmp: Path, content: Content, lang: str) -> App:
    a = App(
        size=(1280, 800),
        config_dir=tmp / "config",
        data_dir=tmp / "data",
        content=content,
        persist=False,
        lang=lang,
    )
    a.level = "easy"  # the computer seats as before levels
    a.title()
    a.render(force=True)
    pygame.event.clear()
    return a


@pytest.fixture(params=LANGS)
def app(request: Any, tmp_path: Path, content: Content) -> Iterator[App]:
    a = make_app(tmp_path, content, request.param)
    assert a.lang == request.param
    yield a
    assert a.crashes == [], a.crashes


def field(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def expected(
    item: Any, checks: dict[str, Any], lang: str, interpretation: bool = True
) -> list[str]:
    """What must be said beside an item, worked out from the content alone."""
    out = []
    if field(item, "invented"):
        out.append(i18n.t("common.invented", lang))
    for fid in field(item, "factcheck") or []:
        out.append(vocab.text_of(checks[fid].record, lang))
    interp = vocab.text_of(field(item, "interpretation"), lang)
    if interp and interpretation:
        out.append(interp)
    return out


def check_beside(
    said: str, item: Any, checks: dict[str, Any], lang: str, what: str, interpretation: bool = True
) -> None:
    for words in expected(item, checks, lang, interpretation):
        assert words in said, f"{what}: {words[:60]!r} not shown ({lang})"
    if not field(item, "invented"):
        assert i18n.t("common.invented", lang) not in said, f"{what}: tagged invented ({lang})"
    if not field(item, "factcheck"):
        assert i18n.t("common.factcheck", lang) not in said, f"{what}: a fact check ({lang})"


def words(blocks: Any) -> str:
    """Every text in a list of document blocks (or a `DocView`), nested ones included."""
    out: list[str] = []

    def walk(b: Any) -> None:
        v = getattr(b, "text", None)
        if isinstance(v, str):
            out.append(v)
        inner = list(b.inner()) if hasattr(b, "inner") else []
        child = getattr(b, "child", None)
        for c in inner + ([child] if child is not None and child not in inner else []):
            walk(c)

    for top in blocks.blocks if hasattr(blocks, "walk") else blocks:
        walk(top)
    return "\n".join(out)


# ---------------------------------------------------------------- the round and the debate


def test_argument_cards_and_news_carry_their_notes(app: App, books: list[Any]) -> None:
    lang = app.lang
    seen_fc = seen_invented = 0
    for book in books:
        sc = book.scenario
        for seat in sc.seats:
            flow = GameFlow.new(book, [seat], seed=5)
            r = RoundScene(app, flow)
            app.push(r)
            press(app, pygame.K_2)  # the arguments tab: the hand's cards are drawn
            app.render(force=True)
            hand = r.state["hands"][seat]
            assert hand, (sc.id, seat)
            for cid in flow.arguments:  # every card a seat can hold, the hand's among them
                card = flow.arguments[cid]
                said = "\n".join(p.text for p in r.panels.argument_parts(cid))
                check_beside(said, card, flow.factchecks, lang, f"{sc.id} {cid}")
                seen_fc += bool(card.get("factcheck"))
            app.pop()
        # the news: every event of the scenario, as the news tab shows it
        flow = GameFlow.new(book, [sc.default_seat], seed=5)
        r = RoundScene(app, flow)
        app.push(r)
        for eid, event in flow.events_by_id.items():
            said = words(_news(r, {**flow.state, "news": [eid]}))
            assert vocab.text_of(event.get("title"), lang) in said
            check_beside(said, event, flow.factchecks, lang, f"{sc.id} {eid}")
            seen_invented += bool(event.get("invented"))
        app.pop()
    assert seen_fc and seen_invented


class _With:
    """The round scene seen with another state (a round whose news is one given event)."""

    def __init__(self, scene: RoundScene, state: dict[str, Any]) -> None:
        self._scene, self.state = scene, state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._scene, name)


def _news(r: RoundScene, state: dict[str, Any]) -> list[Any]:
    from game.ui.scenes.round_panels import RoundPanels, _Writer

    panels = RoundPanels(_With(r, state))  # type: ignore[arg-type]
    w = _Writer(r.app, 600)
    panels._news(w)
    return w.blocks


def test_the_debate_shows_the_argument_and_the_counter_with_their_notes(
    app: App, books: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    lang = app.lang
    app.settings.animations = False
    book = next(b for b in books if b.scenario.id == "ground_troops")
    flow = GameFlow.new(book, ["europe"], seed=7)
    card = flow.state["hands"]["europe"][0]
    events = flow.act({"type": "argue", "seat": "europe", "card": card})
    arg = next(e for e in events if e.get("type") == "argument")
    invented = 0
    for cid, counter in flow.counters.items():
        # the engine's own result, as if the listener had answered with this counter
        answers = counter.get("answers", [])
        shown = {**arg, "counter": cid, "card": answers[0] if answers else arg["card"]}
        d = DebateScene(app, flow, [shown])
        app.push(d)
        app.render(force=True)
        said = words(d.doc)
        assert vocab.text_of(counter.get("text"), lang) in said
        argument = flow.arguments.get(shown["card"], {})
        for words_ in expected(argument, flow.factchecks, lang):
            assert words_ in said, (shown["card"], lang)
        for words_ in expected(counter, flow.factchecks, lang):
            assert words_ in said, (cid, lang)
        invented += bool(counter.get("invented"))
        app.pop()
    assert invented


# ---------------------------------------------------------------- before the game


def test_briefings_show_the_notes_of_their_summary_and_situation(
    app: App, books: list[Any]
) -> None:
    lang = app.lang
    seen = 0
    for book in books:
        sc = book.scenario
        for seat in sc.seats:
            flow = GameFlow.new(book, [seat], seed=1)
            b = BriefingScene(app, flow, seat, then=lambda: None)
            app.push(b)
            app.render(force=True)
            said = words(b.doc)
            assert vocab.text_of(sc.summary, lang) in said
            for words_ in expected(sc, flow.factchecks, lang):
                assert words_ in said, (sc.id, seat, lang)
            brief = sc.briefings.get(seat)
            if brief is not None and brief.situation:
                for words_ in expected(brief, flow.factchecks, lang):
                    assert words_ in said, (sc.id, seat, lang)
                seen += bool(brief.factcheck)
            app.pop()
    assert seen


def test_setup_summaries_show_their_notes(app: App, content: Content) -> None:
    lang = app.lang
    checks = {f.id: f for f in content.factchecks()}
    press(app, pygame.K_n)
    setup = app.top
    assert isinstance(setup, SetupScene)
    seen = set()
    checked = 0
    for _ in range(len(content.scenarios()) + 1):
        app.render(force=True)
        s = setup.scenario
        assert s is not None
        said = "\n".join(t for _, t, _, _ in setup.info_blocks)
        check_beside(said, s, checks, lang, s.id, interpretation=False)
        checked += bool(s.factcheck)
        seen.add(s.id)
        press(app, pygame.K_DOWN)
    assert seen == {s.id for s in content.scenarios()} and checked


def test_glossary_entries_show_their_fact_checks_and_no_others(app: App, content: Content) -> None:
    lang = app.lang
    checks = {f.id: f for f in content.factchecks()}
    g = GlossaryScene(app)
    app.push(g)
    app.render(force=True)
    g.ring.focus(g.list)
    n = len(g.list.items)
    checked = 0
    for i in range(n):
        app.render(force=True)
        e = g.list.selected
        said = "\n".join(t for _, t, _, _ in g.blocks)
        for fid in e.factcheck:
            assert vocab.text_of(checks[fid].record, lang) in said, (e.id, lang)
            checked += 1
        if not e.factcheck:
            assert i18n.t("glossary.factchecks", lang) not in said, e.id
        if i < n - 1:
            press(app, pygame.K_DOWN)
    # no entry repeats a checked figure today (the content lint makes one that does cite its
    # check); every entry was looked at
    assert n == len(content.glossary()) and checked == sum(
        len(e.factcheck) for e in content.glossary()
    )


def test_russias_rules_say_when_their_words_are_invented(app: App, books: list[Any]) -> None:
    """The rule cards of Russia's answer (`explain.rule_card`): the invented tag beside the
    words the game puts in Moscow's mouth, and only there; the interpretation and the fact
    checks as before."""
    from game.ui import explain as ex

    lang = app.lang
    book = next(b for b in books if b.scenario.id == "ground_troops")
    flow = GameFlow.new(book, ["europe"], seed=3)
    r = RoundScene(app, flow)
    app.push(r)
    app.render(force=True)
    tag = i18n.t("common.invented", lang)
    invented = 0
    for rid, rule in flow.rules.items():
        card = ex.rule_card(r, flow, rid, ex.Links(r), set(), set())
        said = words([card])
        assert (tag in said) == bool(rule.get("invented")), (rid, lang)
        interp = vocab.text_of(rule.get("interpretation"), lang)
        assert interp in said, (rid, lang)
        invented += bool(rule.get("invented"))
        # Russia's words as the news tab repeats them, after an answer citing the rule
        stance = (rule.get("on") or ["stall"])[0]
        news = words(
            _news(r, {**flow.state, "news": [], "answer": {"stance": stance, "rules": [rid]}})
        )
        assert flow.statement(stance, [rid], lang) in news
        assert (tag in news) == bool(rule.get("invented")), (rid, lang)
    assert invented


def test_if_tabled_now_tags_the_rules_it_names(app: App, books: list[Any]) -> None:
    """The round screen's "If tabled now": each rule that would hold Russia's answer back is
    named with its invented tag (and fact checks) when it has one, and only then, as on
    Russia's answer. Every rule with a stance is reached on the real screen, with packages
    built in the builder: a European force, NATO membership, a rich offer in round 1, and
    the opening package unchanged in round 3 (after two weeks of arming Ukraine)."""
    lang = app.lang
    book = next(b for b in books if b.scenario.id == "tutorial")
    flow = GameFlow.new(book, ["europe"], seed=1)
    r = RoundScene(app, flow)
    app.push(r)
    press(app, pygame.K_4)
    tag = i18n.t("common.invented", lang)
    seen: set[str] = set()

    def check(clauses: dict[str, Any]) -> None:
        r.model.reset()
        for clause, value in clauses.items():
            r.model.set_clause(clause, value)
        r.sync(reset_draft=False)
        app.render(force=True)
        said = "\n".join(words(blocks) for _, blocks in r.columns)
        named = [rid for rid in r.live.rules if flow.rules[rid].get("stance")]
        assert named, clauses
        for rid in named:
            rule = flow.rules[rid]
            assert vocab.text_of(rule["title"], lang) in said, (rid, lang)
            for fid in rule.get("factcheck") or []:
                assert vocab.text_of(flow.factchecks[fid].record, lang) in said, (rid, fid)
        invented = sum(bool(flow.rules[rid].get("invented")) for rid in named)
        assert said.count(tag) == invented, (named, lang)
        seen.update(named)

    check({"troops.europe": 15000})
    check({"nato_membership": True})
    check({"pledge": "assurances", "recognition": "de_jure", "sanctions": "lift"})
    for _ in range(2):  # Europe arms Ukraine, so Moscow's sums would take the opening package
        if "europe.arm_ukraine" in flow.engine.available_moves(flow.state, "europe"):
            flow.act({"type": "move", "seat": "europe", "move": "europe.arm_ukraine"})
        table(flow, "europe")
    assert flow.state["round"] == 3
    check({})
    with_stance = {rid for rid, rule in flow.rules.items() if rule.get("stance")}
    assert seen == with_stance, (seen, with_stance)
    assert any(flow.rules[rid].get("invented") for rid in seen)
    assert not all(flow.rules[rid].get("invented") for rid in seen)


def test_the_package_builder_says_a_binding_treaty_is_not_in_the_article(app: App) -> None:
    from .test_ui_round import start_by_keyboard

    start_by_keyboard(app)
    press(app, pygame.K_RETURN)
    r = app.top
    assert isinstance(r, RoundScene)
    press(app, pygame.K_4)
    app.render(force=True)
    note = i18n.t("package.invented_option.pledge.binding_treaty", app.lang)
    assert vocab.clause_value("pledge", "binding_treaty", app.lang) in note
    seen = []
    for _ in range(len(vocab.CLAUSE_VALUES["pledge"])):  # every pledge, chosen in the builder
        said = "\n".join(words(blocks) for _, blocks in r.columns)
        seen.append(r.draft["pledge"])
        assert (note in said) == (r.draft["pledge"] == "binding_treaty"), r.draft["pledge"]
        r.ring.focus(r.rows["pledge"])
        press(app, pygame.K_RIGHT)
        app.render(force=True)
    assert "binding_treaty" in seen


def _lines(blocks: Any) -> list[str]:
    """The texts of document blocks in reading order, a label-and-value line by its label."""
    out: list[str] = []

    def walk(b: Any) -> None:
        for attr in ("text", "label"):
            v = getattr(b, attr, None)
            if isinstance(v, str):
                out.append(v)
        inner = list(b.inner()) if hasattr(b, "inner") else []
        child = getattr(b, "child", None)
        for c in inner + ([child] if child is not None and child not in inner else []):
            walk(c)

    for top in blocks.blocks if hasattr(blocks, "walk") else blocks:
        walk(top)
    return out


@pytest.mark.parametrize("outcome", ["deal", "timeout"])
def test_each_score_part_says_its_own_reading(app: App, books: list[Any], outcome: str) -> None:
    """The ending and the debrief: right under each part of each seat's score, the notes
    its data carries (its interpretation: what the text says it rewards, and that its weight
    is a design number; its fact checks), in the player's language, and no note of another
    part. After a deal (Kyiv pays Moscow's price for paper assurances) the epilogue's odds
    carry the epilogue's interpretation too; after talks that ran out, the parts of failing."""
    from game.ui.scenes.ending import EndingScene
    from game.ui.shots import paper_with_a_price, play_out

    lang = app.lang
    if outcome == "deal":
        book = next(b for b in books if b.scenario.id == "weak_guarantee")
        flow = GameFlow.new(book, ["ukraine"], seed=3)
        paper_with_a_price(flow)
        flow.act({"type": "sign", "seat": "ukraine"})
    else:
        book = next(b for b in books if b.scenario.id == "ground_troops")
        flow = GameFlow.new(book, ["europe"], seed=11)
        play_out(flow, "reassurance")
    assert flow.state["outcome"]["kind"] == outcome
    every_note = {n for t in flow.score_terms.values() for n in expected(t, flow.factchecks, lang)}
    parts = [(seat, pid) for seat, sc in flow.state["scores"].items() for pid, _ in sc["parts"]]
    assert len(parts) >= 6
    for scene in (EndingScene(app, flow), DebriefScene(app, flow)):
        app.push(scene)
        app.render(force=True)
        lines = [t for v in ("doc", "side") if hasattr(scene, v) for t in _lines(getattr(scene, v))]
        for seat, pid in parts:
            term = flow.score_terms[pid]
            notes = expected(term, flow.factchecks, lang)
            assert notes, pid  # every score part carries its reading (test_truth)
            label = flow.label(pid, lang)
            # the part's line in its seat's card: the card starts with the seat's name
            start = lines.index(vocab.seat_name(seat, lang))
            at = lines.index(label, start)
            beside = lines[at + 1 : at + 1 + len(notes)]
            for note, line in zip(notes, beside, strict=True):
                assert note in line, (type(scene).__name__, pid, lang, line)
            after = lines[at + 1 + len(notes)] if at + 1 + len(notes) < len(lines) else ""
            assert not any(n in after for n in every_note), (pid, after)
        if outcome == "deal" and isinstance(scene, EndingScene):
            interp = vocab.text_of(flow.book["epilogue"]["interpretation"], lang)
            assert interp and interp in "\n".join(lines)
        app.pop()


def test_recaps_of_a_played_card_keep_its_correction(app: App, books: list[Any]) -> None:
    """A card that repeats a checked figure keeps its correction where the claim is told
    again: the round's "played this round", Russia's answer and the debrief."""
    from game.ui.scenes.answer import AnswerScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.shots import play_out

    lang = app.lang
    book = next(b for b in books if b.scenario.id == "ground_troops")
    flow = GameFlow.new(book, ["ukraine"], seed=1)
    card = next(c for c in flow.state["hands"]["ukraine"] if flow.arguments[c].get("factcheck"))
    record = vocab.text_of(flow.factchecks[flow.arguments[card]["factcheck"][0]].record, lang)
    flow.act({"type": "argue", "seat": "ukraine", "card": card})
    r = RoundScene(app, flow)
    app.push(r)
    press(app, pygame.K_2)
    app.render(force=True)
    played = "\n".join(words(blocks) for _, blocks in r.columns)
    assert flow.label(card, lang) in played and record in played
    app.pop()
    events = table(flow, "ukraine")
    a = AnswerScene(app, flow, events)
    app.push(a)
    app.render(force=True)
    assert record in words(a.doc) + words(a.side)
    app.pop()
    play_out(flow, "reassurance")
    d = DebriefScene(app, flow)
    app.push(d)
    app.render(force=True)
    assert record in words(d.doc)


def test_the_debrief_tags_each_rule_it_names(app: App, books: list[Any]) -> None:
    """The debrief's rounds name Russia's rules with their invented tag and fact checks beside
    them, as Russia's answer does: as many tags as invented rules and cards it names."""
    lang = app.lang
    book = next(b for b in books if b.scenario.id == "tutorial")
    flow = GameFlow.new(book, ["europe"], seed=1)
    while flow.state["phase"] == "talks":
        table(flow, "europe")
    scene = DebriefScene(app, flow)
    app.push(scene)
    app.render(force=True)
    said = "\n".join(words(getattr(scene, v)) for v in ("doc", "side") if hasattr(scene, v))
    rules = [flow.rules[rid] for r in flow.history() for rid in r["rules"]]
    cards = [flow.arguments[p["card"]] for p in flow.state["played"]]
    invented = sum(bool(item.get("invented")) for item in [*rules, *cards])
    assert any(rule.get("invented") for rule in rules)
    assert said.count(i18n.t("common.invented", lang)) == invented
    for rule in rules:
        for fid in rule.get("factcheck") or []:
            assert vocab.text_of(flow.factchecks[fid].record, lang) in said
