"""The file-level loading layer: every broken file is answered with a located problem,
hostile files quickly, and nothing ever raises anything but ContentError."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.content import yamlload
from game.content.problems import ContentError, Problem, capped, did_you_mean
from game.content.schema import RulesFile, Scenario
from game.content.yamlload import MAX_BYTES, Doc, Mark, load_file, load_text, validate

ROOT = Path(__file__).resolve().parent.parent
BROKEN = "tests/fixtures/broken"

VALID = """\
# A small scenario used by the loader tests.
id: tutorial_sample
title:
  en: A first round at the table
  ar: جولة أولى على الطاولة
summary:
  en: Europe offers a small force; Russia weighs it.
  ar: تعرض أوروبا قوة صغيرة وتزنها روسيا.
archetype: tutorial
source: [P01, P03, H1]
rounds: 6
days_per_round: 7
start:
  date: 2025-08-15
  indicators: {momentum: 55, territory: 40, us_engagement: 60}
  positions: {us.air_support: 30}
  flags: [summit_held]
package:
  troops: {europe: 10000, us: 0}
  air_support: none
  pledge: assurances
  nato_membership: false
  sanctions: keep
locked: [nato_membership]
threshold:
  base: 55
  per_momentum: 0.4
  source: [P03]
briefings:
  europe:
    situation:
      en: "You speak for Europe: a small force is ready."
      ar: أنت تتحدث باسم أوروبا.
events:
  - id: ceasefire_talks
    date: 2025-08-22
    title: {en: Talks resume, ar: استئناف المحادثات}
    text: {en: Both sides send delegations., ar: يرسل الطرفان وفودا.}
    effects:
      - {kind: shift, indicator: momentum, delta: -5}
    source: [P02]
rules:
  disable: [russia.no_observers]
  add:
    - id: russia.no_big_force
      title: {en: No large Western force, ar: لا قوة غربية كبيرة}
      when:
        kind: all
        of:
          - {kind: clause, clause: troops.total, op: gt, value: 30000}
          - {kind: not, cond: {kind: flag, flag: summit_held}}
      stance: reject
      on: [reject, stall]
      says: {en: Too many troops., ar: قوات كثيرة جدا.}
      source: [P05]
      basis: explicit
debrief:
  - id: q1
    text: {en: "Was the force credible?", ar: "هل كانت القوة ذات مصداقية؟"}
    source: [P01]
"""


def problems_of(text: str | bytes, model: type[BaseModel] | None = None) -> list[Problem]:
    with pytest.raises(ContentError) as info:
        doc = load_text(text, "t.yaml")
        if model is not None:
            validate(model, doc)
    return info.value.problems


def messages(text: str | bytes, model: type[BaseModel] | None = None) -> list[str]:
    return [str(p) for p in problems_of(text, model)]


# ---------------------------------------------------------------- the broken fixtures

FIXTURES: list[tuple[str, type[BaseModel], str]] = [
    (
        "unknown_key.yaml",
        Scenario,
        "unknown_key.yaml:16:3: unknown key 'sourse' (did you mean 'source'?)",
    ),
    ("missing_key.yaml", RulesFile, "missing_key.yaml:3:5: missing key 'source'"),
    (
        "wrong_type.yaml",
        Scenario,
        "wrong_type.yaml:7:9: rounds: expected a whole number, not text ('six')",
    ),
    (
        "bad_enum.yaml",
        Scenario,
        "bad_enum.yaml:12:16: package.air_support: 'planes' is not one of:"
        " none, europe, us, us_and_europe",
    ),
    (
        "bad_source.yaml",
        Scenario,
        "bad_source.yaml:6:15: source[1]: 'P99' is not a paragraph or heading of the article"
        " (P01-P33, H1-H4)",
    ),
    (
        "bad_condition_kind.yaml",
        RulesFile,
        "bad_condition_kind.yaml:5:18: rules[0].when.kind: 'clauses' is not one of:"
        " clause, indicator, derived, position, round, flag, all, any, not, opening_package, always",
    ),
    (
        "bad_stance.yaml",
        RulesFile,
        "bad_stance.yaml:6:13: rules[0].stance: 'reject2' is not one of: reject, stall, counter",
    ),
    (
        "negative_troops.yaml",
        Scenario,
        "negative_troops.yaml:11:20: package.troops.europe: must be at least 0, not -5000",
    ),
    (
        "bad_indicator_id.yaml",
        Scenario,
        "bad_indicator_id.yaml:9:16: start.indicators: key 'Momentum' is not a valid id"
        " (lower-case letters, digits and _, starting with a letter; dots between parts)",
    ),
    (
        "text_not_mapping.yaml",
        Scenario,
        "text_not_mapping.yaml:3:8: title: expected a mapping with keys en, ar,"
        " not text ('A broken sample')",
    ),
    (
        "duplicate_key.yaml",
        Scenario,
        "duplicate_key.yaml:8:1: duplicate key 'id' (first at line 2)",
    ),
    (
        "tab_indent.yaml",
        Scenario,
        "tab_indent.yaml:12:1: could not parse: found a tab character"
        " (indent with spaces, not tabs)",
    ),
    (
        "colon_in_text.yaml",
        Scenario,
        "colon_in_text.yaml:17:17: could not parse: mapping values are not allowed here"
        " (is there a ': ' inside a text? put the text in quotes)",
    ),
    (
        "unclosed_quote.yaml",
        Scenario,
        "unclosed_quote.yaml:5:7: could not parse: the quote that starts here is never closed",
    ),
    (
        "anchor_alias.yaml",
        Scenario,
        "anchor_alias.yaml:6:9: anchors and aliases are not allowed (&sources)",
    ),
    (
        "python_tag.yaml",
        Scenario,
        "python_tag.yaml:7:9: tags are not allowed (!!python/object/apply:os.system)",
    ),
    ("number_key.yaml", Scenario, "number_key.yaml:15:3: keys must be text, not a number (1)"),
    (
        "two_documents.yaml",
        Scenario,
        "two_documents.yaml:17:1: only one document is allowed in a file"
        " (a second one starts here)",
    ),
    (
        "top_level_list.yaml",
        Scenario,
        "top_level_list.yaml:2:1: the top level must be a mapping of keys, not a list",
    ),
    ("empty.yaml", Scenario, "empty.yaml:1:1: the file is empty"),
    (
        "invalid_utf8.yaml",
        Scenario,
        "invalid_utf8.yaml:3:36: not valid UTF-8 (byte 0xff at offset 131)",
    ),
    (
        "control_character.yaml",
        Scenario,
        "control_character.yaml:3:21: the character U+0007 is not allowed (a control character)",
    ),
    (
        "threshold_nan.yaml",
        Scenario,
        "threshold_nan.yaml:17:19: .nan (not a number) is not allowed; write a number",
    ),
    (
        "per_momentum_inf.yaml",
        Scenario,
        "per_momentum_inf.yaml:19:17: .inf (infinity) is not allowed; write a number",
    ),
    (
        "points_nan.yaml",
        Scenario,
        "points_nan.yaml:24:46: .nan (not a number) is not allowed; write a number",
    ),
    (
        "factor_huge.yaml",
        Scenario,
        "factor_huge.yaml:24:15: terms.acceptability[0].factor: must be at most 10, not 1e+308",
    ),
    (
        "empty_curve.yaml",
        Scenario,
        "empty_curve.yaml:24:14: terms.credibility[0].curve: needs at least 1 item, not 0",
    ),
    (
        "date_past_calendar.yaml",
        Scenario,
        "date_past_calendar.yaml:9:9: start.date: must be between 1900-01-01 and 2100-12-31"
        " (the rounds must stay within the calendar) (got '9999-12-31')",
    ),
    (
        "troops_as_text.yaml",
        Scenario,
        "troops_as_text.yaml:11:20: package.troops.europe: expected a whole number,"
        " not text ('5000')",
    ),
]


@pytest.mark.parametrize(("name", "model", "first"), FIXTURES, ids=[f[0] for f in FIXTURES])
def test_broken_fixture(
    name: str, model: type[BaseModel], first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    path = f"{BROKEN}/{name}"
    with pytest.raises(ContentError) as info:
        validate(model, load_file(path))
    assert str(info.value) == f"{BROKEN}/{first}"
    assert str(info.value.problems[0]) == f"{BROKEN}/{first}"
    for problem in info.value.problems:
        assert problem.path == path
        assert problem.line >= 1 and problem.column >= 1
        assert "\n" not in problem.message


def test_every_fixture_is_in_the_table() -> None:
    on_disk = {p.name for p in (ROOT / BROKEN).glob("*.yaml")}
    assert on_disk == {name for name, _, _ in FIXTURES}
    assert len(on_disk) >= 14


def test_anchor_and_alias_both_reported() -> None:
    found = messages((ROOT / BROKEN / "anchor_alias.yaml").read_bytes())
    assert found == [
        "t.yaml:6:9: anchors and aliases are not allowed (&sources)",
        "t.yaml:18:11: anchors and aliases are not allowed (*sources)",
    ]


# ---------------------------------------------------------------- hostile input, answered fast


def refused(text: str | bytes) -> list[Problem]:
    """The problems a hostile text is answered with (how fast: benchmarks/bench.py, hostile)."""
    with pytest.raises(ContentError) as info:
        load_text(text, "t.yaml")
    return info.value.problems


def test_two_mib_file_is_refused_before_parsing() -> None:
    found = refused("a: " + "[" * (2 * 1024 * 1024))
    assert [str(p) for p in found] == ["t.yaml:1:1: file is 2.0 MiB; the limit is 1 MiB"]


def test_just_over_the_limit_says_bytes() -> None:
    found = refused(b"#" * (MAX_BYTES + 1))
    assert found[0].message == "file is 1,048,577 bytes; the limit is 1 MiB"


def test_big_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: b\n" * (3 * 1024 * 1024 // 5))
    with pytest.raises(ContentError) as info:
        load_file(path)
    assert info.value.problems == [Problem(str(path), 1, 1, "file is 3.0 MiB; the limit is 1 MiB")]


@pytest.mark.parametrize("opening", ["[", "{a: ", "[{a: "])
def test_a_million_nested_brackets(opening: str) -> None:
    text = opening * (1_000_000 // len(opening))
    found = refused(text)
    assert len(found) == 1
    assert found[0].line == 1
    assert found[0].message == "the nesting is too deep: more than 64 levels"


def test_deep_block_nesting() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(200))
    found = refused(text)
    assert [str(p) for p in found] == ["t.yaml:65:65: the nesting is too deep: more than 64 levels"]


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "a: " + "[" * 63 + "]" * 63
    doc = load_text(text, "t.yaml")
    depth, node = 0, doc.data["a"]
    while isinstance(node, list):
        depth, node = depth + 1, node[0] if node else None
    assert depth == 63
    found = refused("a: " + "[" * 64 + "]" * 64)
    assert found[0].message == "the nesting is too deep: more than 64 levels"


def test_alias_bomb() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        this, prev = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{this}: &{this} [" + ", ".join([f"*{prev}"] * 9) + "]")
    found = refused("\n".join(lines) + "\n")
    assert str(found[0]) == "t.yaml:1:4: anchors and aliases are not allowed (&a)"
    assert len(found) == 51
    assert found[-1].message == "... and 41 more problems"  # 91 in all


def test_many_bad_bytes_are_capped() -> None:
    found = refused(b"a: " + b"\xff" * 1000 + b"\n" + b"b: \xfe\xfe x \xc3\n" * 5000)
    assert len(found) == 51
    assert str(found[0]) == "t.yaml:1:4: not valid UTF-8 (byte 0xff at offset 3)"
    assert str(found[1]) == "t.yaml:2:4: not valid UTF-8 (byte 0xfe at offset 1007)"
    assert str(found[2]) == "t.yaml:2:9: not valid UTF-8 (byte 0xc3 at offset 1012)"
    assert found[-1].message == "... and 9951 more problems"


def test_too_many_values() -> None:
    found = refused("a: [" + "1," * 400_000 + "]")
    assert [p.message for p in found] == ["too many values in one file (the limit is 50,000)"]


def test_many_duplicates_are_counted_not_kept() -> None:
    found = refused("a: 1\n" * 20_000)
    assert len(found) == 51
    assert str(found[0]) == "t.yaml:2:1: duplicate key 'a' (first at line 1)"
    assert str(found[-1]) == "t.yaml:52:1: ... and 19949 more problems"


def test_a_file_wrong_everywhere_is_answered_in_full() -> None:
    text = "id: 5\nsource: [" + "x, " * 24_000 + "]\n"
    found = problems_of(text, Scenario)
    assert len(found) == 51
    assert [str(p) for p in found[6:9]] == [
        "t.yaml:1:1: missing key 'title'",
        "t.yaml:1:5: id: expected text, not 5",
        "t.yaml:2:10: source[0]: 'x' is not a paragraph or heading of the article (P01-P33, H1-H4)",
    ]
    assert str(found[-1]) == "t.yaml:2:136: ... and 23958 more problems"


# ---------------------------------------------------------------- loading details


def test_marks_of_keys_and_values() -> None:
    doc = load_text(VALID, "v.yaml")
    assert doc.marks[()] == Mark(None, (2, 1))
    assert doc.marks[("rounds",)] == Mark((11, 1), (11, 9))
    assert doc.at(("package", "air_support")) == (20, 16)
    assert doc.at(("package", "air_support"), key=True) == (20, 3)
    assert doc.at(("source", 2)) == (10, 20)
    assert doc.at(("source", 2), key=True) == (10, 20)  # a list item has no key
    assert doc.at(("events", 0, "effects", 0, "delta")) == (40, 51)
    # Not in the file: the longest part of the path that is.
    assert doc.at(("package", "pledge", "nothing", 3)) == (21, 11)
    assert doc.at(("package", "recognition"), key=True) == (18, 1)
    assert doc.at(("no_such_key",)) == (2, 1)
    assert Doc("x.yaml", {}, {}).at(("a",)) == (1, 1)


def test_scalars_are_read_as_safe_yaml_reads_them() -> None:
    text = (
        "a: true\nb: 10\nc: 2025-08-15\nd: '1'\ne: 1_000\nf: ~\ng:\nh: -1.5e+3\n"
        "i: 0x_\nj: 1.5\nk: text with spaces\nl: False\nm: 0\nn: 0x1f\n"
    )
    data = load_text(text, "t.yaml").data
    assert data == {
        "a": True,
        "b": 10,
        "c": "2025-08-15",
        "d": "1",
        "e": 1000,
        "f": None,
        "g": None,
        "h": -1500.0,
        "i": "0x_",
        "j": 1.5,
        "k": "text with spaces",
        "l": False,
        "m": 0,
        "n": 31,
    }
    # As PyYAML's safe_load reads them, but dates stay text and `0x_` (which makes
    # safe_load itself fail) is left as text.
    assert data == yaml.safe_load(text.replace("i: 0x_\n", "")) | {"c": "2025-08-15", "i": "0x_"}


def test_only_true_and_false_are_booleans() -> None:
    text = "a: yes\nb: No\nc: on\nd: OFF\ne: TRUE\nf: y\n"
    assert load_text(text, "t.yaml").data == {
        "a": "yes",
        "b": "No",
        "c": "on",
        "d": "OFF",
        "e": True,
        "f": "y",
    }


def test_base_sixty_stays_text() -> None:
    assert load_text("a: 1:30\nb: 1:30.5\n", "t.yaml").data == {"a": "1:30", "b": "1:30.5"}


@pytest.mark.parametrize(
    ("value", "written"),
    [("010", "10"), ("-010", "-10"), ("08", "8"), ("00", "0"), ("0_10", "10"), ("+007", "7")],
)
def test_a_leading_zero_is_refused_with_a_hint(value: str, written: str) -> None:
    assert messages(f"a: b\nn: {value}\n") == [
        f"t.yaml:2:4: {value}: a number may not start with 0 (YAML reads 010 as the octal"
        f" number 8); write {written}, or put it in quotes if it is text"
    ]
    # in quotes it is text, as the hint says
    assert load_text(f"n: '{value}'\n", "t.yaml").data == {"n": value}


@pytest.mark.parametrize(
    ("value", "what"),
    [
        (".nan", "(not a number) is not allowed; write a number"),
        (".NaN", "(not a number) is not allowed; write a number"),
        (".inf", "(infinity) is not allowed; write a number"),
        ("-.Inf", "(infinity) is not allowed; write a number"),
        ("1.0e+999", "is too large a number"),
        ("-1.0e+400", "is too large a number"),
    ],
)
def test_numbers_that_are_not_finite_are_refused_where_they_stand(value: str, what: str) -> None:
    assert messages(f"a:\n  b: [1, {value}]\n") == [f"t.yaml:2:10: {value} {what}"]


def test_keys_are_text() -> None:
    data = load_text("on: [accept]\ntrue: 1\nno: 2\n'3': 3\n2025-08-15: 4\n", "t.yaml").data
    assert data == {"on": ["accept"], "true": 1, "no": 2, "3": 3, "2025-08-15": 4}
    assert messages("1: x\n1.5: y\n~: z\n? [a]\n: w\n{a: 1}: v\n") == [
        "t.yaml:1:1: keys must be text, not a number (1)",
        "t.yaml:2:1: keys must be text, not a number (1.5)",
        "t.yaml:3:1: keys must be text, not null (~)",
        "t.yaml:4:3: keys must be text, not a list",
        "t.yaml:6:1: keys must be text, not a mapping",
    ]
    assert messages("? \n: x\n") == ["t.yaml:1:2: keys must be text; this key is empty"]
    # Keys are shown on one line, special characters escaped.
    assert messages('a: 1\n"a\\nb": 2\n"a\\nb": 3\n') == [
        "t.yaml:3:1: duplicate key 'a\\nb' (first at line 2)"
    ]


def test_every_problem_is_collected_and_sorted() -> None:
    text = "b: !!str x\na: 1\nc: !foo y\na: 2\nd: {e: 1, e: 2}\nf: &x 3\ng: *x\n"
    assert messages(text) == [
        "t.yaml:1:4: tags are not allowed (!!str)",
        "t.yaml:3:4: tags are not allowed (!foo)",
        "t.yaml:4:1: duplicate key 'a' (first at line 2)",
        "t.yaml:5:11: duplicate key 'e' (first at line 5)",
        "t.yaml:6:4: anchors and aliases are not allowed (&x)",
        "t.yaml:7:4: anchors and aliases are not allowed (*x)",
    ]


def test_top_level_must_be_a_mapping() -> None:
    assert messages("just words\n") == [
        "t.yaml:1:1: the top level must be a mapping of keys, not text ('just words')"
    ]
    assert messages("# comment\n\n42\n") == [
        "t.yaml:3:1: the top level must be a mapping of keys, not 42"
    ]


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n", "~\n", "\ufeff"])
def test_empty_files(text: str) -> None:
    assert messages(text) == ["t.yaml:1:1: the file is empty"]


def test_encodings() -> None:
    assert load_text("\ufeffa: 1\n".encode(), "t.yaml").data == {"a": 1}
    assert messages("a: 1\n".encode("utf-16")) == [
        "t.yaml:1:1: not valid UTF-8 (the file is saved as UTF-16: save it as UTF-8)"
    ]
    # A lone surrogate in a str cannot be UTF-8 either.
    assert messages("a: 1\nb: x\ud800\n") == ["t.yaml:2:5: not valid UTF-8 (byte 0xed at offset 9)"]
    assert load_text("a: عربي\n", "t.yaml").data == {"a": "عربي"}


def test_syntax_errors_are_located() -> None:
    assert messages("a: [1, 2\nb: 3\n") == [
        "t.yaml:2:2: could not parse: did not find expected ',' or ']'"
        " (while parsing a flow sequence at line 1)"
    ]
    assert messages("a: @b\n") == [
        "t.yaml:1:4: could not parse: found the character '@', which cannot start a value"
        " (put the text in quotes)"
    ]


def test_load_file_problems(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ContentError) as info:
        load_file(missing)
    assert info.value.problems == [Problem(str(missing), 1, 1, "file not found")]
    with pytest.raises(ContentError) as info:
        load_file(tmp_path)
    assert info.value.problems[0].message == "this is a folder, not a file"
    with pytest.raises(ContentError) as info:
        load_file("bad\0name.yaml")
    assert info.value.problems[0].message.startswith("cannot read the file: ")
    good = tmp_path / "good.yaml"
    good.write_text(VALID, encoding="utf-8")
    assert validate(Scenario, load_file(good)).id == "tutorial_sample"
    assert load_file(str(good)).path == str(good)


def test_without_libyaml_the_pure_python_parser_does_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_c = [messages(t) for t in ("a: [1\n", "a:\n\tb: 1\n", "a: b: c\n")]
    monkeypatch.setattr(yamlload, "_LOADER", yaml.SafeLoader)
    assert validate(Scenario, load_text(VALID, "t.yaml")).rounds == 6
    found = refused("[" * 1_000_000)
    assert found[0].message == "the nesting is too deep: more than 64 levels"
    without = [messages(t) for t in ("a: [1\n", "a:\n\tb: 1\n", "a: b: c\n")]
    assert without[1:] == with_c[1:]
    # The parsers word this one differently, at the same place.
    assert without[0] == [
        "t.yaml:2:1: could not parse: expected ',' or ']', but got '<stream end>'"
        " (while parsing a flow sequence at line 1)"
    ]
    assert with_c[0] == [
        "t.yaml:2:1: could not parse: did not find expected ',' or ']'"
        " (while parsing a flow sequence at line 1)"
    ]


# ---------------------------------------------------------------- validation messages


def mutated(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


def test_valid_sample_validates() -> None:
    scenario = validate(Scenario, load_text(VALID, "t.yaml"))
    assert isinstance(scenario, Scenario)
    assert str(scenario.events[0].date) == "2025-08-22"
    assert scenario.rules.add[0].on == ["reject", "stall"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "value: 30000}",
            "value: {a: 1}}",
            "t.yaml:50:65: rules.add[0].when.of[0].value:"
            " expected true or false, a whole number, text or a list, not a mapping",
        ),
        (
            "value: 30000}",
            "value: [1, [2]]}",
            "t.yaml:50:69: rules.add[0].when.of[0].value[1]:"
            " expected true or false, a whole number or text, not a list",
        ),
        (
            "{kind: clause, clause: troops.total, op: gt",
            "{kind: clause, clause: troops.total, op: equals",
            "t.yaml:50:54: rules.add[0].when.of[0].op:"
            " 'equals' is not one of: eq, ne, lt, le, gt, ge, in, not_in",
        ),
        (
            "flag: summit_held}}",
            "flag: Summit}}",
            "t.yaml:51:50: rules.add[0].when.of[1].cond.flag: 'Summit' is not a valid id"
            " (lower-case letters, digits and _, starting with a letter; dots between parts)",
        ),
        (
            "{kind: not, cond: {kind: flag, flag: summit_held}}",
            "{kind: not, cond: {flag: summit_held}}",
            "t.yaml:51:25: missing key 'kind' (one of: clause, indicator, derived, position,"
            " round, flag, all, any, not, opening_package, always)",
        ),
        (
            "date: 2025-08-22",
            "date: 2025-13-45",
            "t.yaml:36:11: events[0].date: expected a date (like 2025-08-15),"
            " not text ('2025-13-45')",
        ),
        (
            "  europe:\n    situation",
            "  russia:\n    situation",
            "t.yaml:30:3: briefings: key 'russia' is not one of: europe, us, ukraine",
        ),
        (
            "{kind: shift, indicator: momentum, delta: -5}",
            "{kind: shift, indicator: momentum, delta: -5, scale: {indicator: x, factr: 1}}",
            "t.yaml:40:55: missing key 'factor'",
        ),
        (
            "on: [reject, stall]",
            "on: [reject, yes]",
            "t.yaml:53:20: rules.add[0].on[1]: 'yes' is not one of: accept, counter, stall, reject",
        ),
        (
            "  flags: [summit_held]\n",
            "  flags: [summit_held]\n  colour: red\n",
            "t.yaml:18:3: unknown key 'colour' (allowed: date, indicators, positions, flags)",
        ),
        (
            "archetype: tutorial",
            "archetype: [tutorial]",
            "t.yaml:9:12: archetype: expected one of: weak, troops, air, pledge, tutorial;"
            " not a list",
        ),
        (
            "locked: [nato_membership]",
            "locked: nato_membership",
            "t.yaml:24:9: locked: expected a list, not text ('nato_membership')",
        ),
    ],
)
def test_validation_messages(old: str, new: str, expected: str) -> None:
    assert str(problems_of(mutated(old, new), Scenario)[0]) == expected


def test_all_validation_problems_are_reported() -> None:
    text = mutated("rounds: 6", "rounds: 0\nround: 6").replace("air_support: none", "air: x")
    assert messages(text, Scenario) == [
        "t.yaml:11:9: rounds: must be at least 1, not 0",
        "t.yaml:12:1: unknown key 'round' (did you mean 'rounds'?)",
        "t.yaml:21:3: unknown key 'air' (allowed: troops, air_support, pledge,"
        " nato_membership, observers, sanctions, recognition, nato_posture)",
    ]


# ---------------------------------------------------------------- problems.py


def test_problem_and_error() -> None:
    first = Problem("a.yaml", 2, 3, "second")
    error = ContentError([first, Problem("a.yaml", 9, 1, "later")])
    assert str(first) == "a.yaml:2:3: second"
    assert str(error) == "a.yaml:2:3: second"
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, ContentError) and again.problems == error.problems
    assert str(ContentError([])) == "no problems"


def test_capped() -> None:
    many = [Problem("a", line, 1, "x") for line in range(60, 0, -1)]
    out = capped(many + many[:5])
    assert len(out) == 51
    assert [p.line for p in out[:50]] == list(range(1, 51))
    assert out[-1] == Problem("a", 51, 1, "... and 10 more problems")
    assert capped(many[:3]) == sorted(many[:3])
    # Problems already left out (known to come later) are counted in.
    out = capped(many[:3], more=7)
    assert out[:3] == sorted(many[:3])
    assert out[3] == Problem("a", 60, 1, "... and 7 more problems")
    assert capped([], more=3) == []


def test_did_you_mean() -> None:
    assert did_you_mean("sourse", ["source", "id", "title"]) == "source"
    assert did_you_mean("Titel", ["source", "id", "title"]) == "title"
    assert did_you_mean("zzz", ["source", "id", "title"]) is None
    assert did_you_mean("id", ["id"]) is None


# ---------------------------------------------------------------- fuzzing: only ever ContentError

JUNK = [
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!!str ",
    "!tag ",
    "[[[[",
    "{{",
    "]]",
    "}",
    ": ",
    "- ",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "<<: ",
    "|\n",
    ">-\n",
    "'",
    '"',
    "#",
    "\t",
    "\n",
    "  ",
    "\x00",
    "\x07",
    "\u2028",
    "\ufeff",
    "\ud800",
    "0x_",
    "1e999",
    "1.0e+999",
    "1.0e+308",
    ".nan",
    ".inf",
    "-.Inf",
    "010",
    "08",
    "1:30",
    "on",
    "9" * 5000,
    "~",
    "yes",
    "ع",
    "@",
    "`",
    "%",
    ",",
]


@st.composite
def mutations(draw: st.DrawFn) -> str | bytes:
    text = VALID
    for _ in range(draw(st.integers(1, 6))):
        lines = text.split("\n")
        op = draw(st.sampled_from(["del", "ins", "rep", "junk", "dline", "dup", "swap", "indent"]))
        pos = draw(st.integers(0, max(0, len(text) - 1)))
        n = draw(st.integers(0, max(0, len(lines) - 1)))
        m = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "del":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)) :]
        elif op == "ins":
            text = text[:pos] + draw(st.text(min_size=1, max_size=5)) + text[pos:]
        elif op == "rep":
            text = text[:pos] + draw(st.characters()) + text[pos + 1 :]
        elif op == "junk":
            text = text[:pos] + draw(st.sampled_from(JUNK)) + text[pos:]
        elif op == "dline":
            del lines[n]
            text = "\n".join(lines)
        elif op == "dup":
            lines.insert(m, lines[n])
            text = "\n".join(lines)
        elif op == "swap":
            lines[n], lines[m] = lines[m], lines[n]
            text = "\n".join(lines)
        else:
            lines[n] = " " * draw(st.integers(0, 6)) + lines[n].lstrip(" ")
            text = "\n".join(lines)
    if draw(st.booleans()):
        return text
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_files_only_ever_raise_content_error(text: str | bytes) -> None:
    for model in (Scenario, RulesFile):
        try:
            result = validate(model, load_text(text, "m.yaml"))
        except ContentError as e:
            assert 1 <= len(e.problems) <= 51
            for p in e.problems:
                assert p.path == "m.yaml"
                assert p.line >= 1 and p.column >= 1
                assert p.message and "\n" not in p.message
        else:
            assert isinstance(result, model)


VOCAB = st.sampled_from(
    ["clause", "kind", "P99", "P01", "reject2", "troops.europe", "en", "Bad Id", "2025-02-30"]
)
JUNK_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**7)
    | st.integers(-(10**400), 10**400)
    | st.floats()
    | st.sampled_from([float("nan"), float("inf"), 1e308, "010", "yes", "5000"])
    | st.text(max_size=8)
    | VOCAB,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=6) | VOCAB, inner, max_size=3)
    ),
    max_leaves=6,
)


def _nodes(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _nodes(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _nodes(value, (*path, i))
    return found


@st.composite
def data_mutations(draw: st.DrawFn) -> str:
    data = load_text(VALID, "v.yaml").data
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_nodes(data)))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        op = draw(st.sampled_from(["replace", "delete", "rename", "wrap", "add"]))
        if op == "replace":
            parent[last] = draw(JUNK_VALUES)
        elif op == "delete":
            del parent[last]
        elif op == "rename" and isinstance(parent, dict):
            parent[f"{last}{draw(st.sampled_from(['s', '_', 'x']))}"] = parent.pop(last)
        elif op == "wrap":
            parent[last] = [parent[last]]
        elif op == "add" and isinstance(parent[last], dict):
            parent[last][draw(st.text(max_size=6) | VOCAB)] = draw(JUNK_VALUES)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data_mutations())
def test_wrong_data_is_always_located(text: str) -> None:
    lines = text.count("\n") + 1
    try:
        result = validate(Scenario, load_text(text, "d.yaml"))
    except ContentError as e:
        assert 1 <= len(e.problems) <= 51
        for p in e.problems:
            assert 1 <= p.line <= lines and p.column >= 1, p
            assert p.message and "\n" not in p.message
    else:
        assert isinstance(result, Scenario)
