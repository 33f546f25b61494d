"""The safe reader: regular files only, never blocking, bounded; JSON bounded in depth and size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.safeio import InputError, json_depth, load_json, read_bytes


def test_regular_file_is_read(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"hello")
    assert read_bytes(p, 5) == b"hello"


def test_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 11)
    with pytest.raises(InputError, match="too large"):
        read_bytes(p, 10)


def test_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        read_bytes(fifo, 1000)


@pytest.mark.parametrize("dev", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(dev: str) -> None:
    if not os.path.exists(dev):
        pytest.skip(f"{dev} is not on this system")
    with pytest.raises(InputError, match="device"):
        read_bytes(dev, 1000)


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_bytes(tmp_path, 1000)
    with pytest.raises(InputError, match="not found"):
        read_bytes(tmp_path / "nope", 1000)
    with pytest.raises(InputError, match="too long"):
        read_bytes(tmp_path / ("x" * 300), 1000)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000, "nested deeper"),
        ("[1" + "0" * 4300 + "]", "4301 digits"),
        ('{"a": NaN}', "NaN"),
        ('{"a": Infinity}', "Infinity"),
        ('{"a": -Infinity}', "Infinity"),
        ('{"a": 1e400}', "out of range"),
        ("[1,", "not valid JSON"),
    ],
)
def test_hostile_json_is_one_line(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as info:
        load_json(text)
    assert "\n" not in str(info.value)


def test_bad_utf8() -> None:
    with pytest.raises(InputError, match="UTF-8"):
        load_json(b'{"a": "\xff"}')


def test_brackets_inside_strings_do_not_count() -> None:
    assert json_depth('{"a": "[[[[{{{", "b": [1, "\\"]]]"]}') == 2
    assert load_json('{"a": "[[[[" }') == {"a": "[[[["}


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=30,
    )
)
def test_ordinary_json_round_trips(value: object) -> None:
    import json

    text = json.dumps(value)
    assert load_json(text) == value


@given(st.text(max_size=200))
def test_any_text_parses_or_is_one_input_error(text: str) -> None:
    try:
        load_json(text)
    except InputError as e:
        assert "\n" not in str(e)
