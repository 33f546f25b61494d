"""The debate's sum on screen adds up: the dice and every modifier the engine counted, with a
label for each in both languages."""

from __future__ import annotations

import re

import pytest

from game.engine.strategies import play
from game.ui import explain as ex
from game.ui import i18n

from .conftest import MAIN_SCENARIOS


def argument_events(engine, seeds=range(8)):
    for seed in seeds:
        for strategy in ("random", "bargain"):
            _, _, events = play(engine, seed, "europe", strategy)
            yield from (e for e in events if e["type"] == "argument")


@pytest.mark.parametrize("sid", MAIN_SCENARIOS)
def test_the_shown_sum_adds_up_and_every_modifier_has_words(engines, sid):
    seen = 0
    for e in argument_events(engines[sid]):
        seen += 1
        text = ex.roll_sum(e)
        left, total = text.split(" = ")
        numbers = [int(n) for n in re.findall(r"\d+", left)]
        signs = ["+", *re.findall(r" ([+−]) ", left)]
        value = sum(n if s == "+" else -n for n, s in zip(numbers, signs, strict=True))
        assert value == int(total) == e["total"], (text, e)
        for name, _ in ex.roll_terms(e):
            for lang in ("en", "ar"):
                assert i18n.catalogue(lang).get(f"debate.mod.{name}"), (lang, name)
    assert seen > 0


def test_an_event_from_before_the_listeners_modifiers_still_reads():
    old = {"dice": [3, 4], "strength": 2, "relevance": 1, "counter_strength": 2, "total": 8}
    assert ex.roll_sum(old) == "3 + 4 + 2 + 1 − 2 = 8"
