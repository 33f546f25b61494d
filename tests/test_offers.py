"""An offer (`guarantor respond --offer FILE`) takes numbers and booleans strictly: text is
not a number, `true` is not one soldier, `"yes"` is not true, and `010` (octal 8 in YAML 1.1)
is refused with a hint. Each mistake is one line at its place, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main

OFFERS = "tests/fixtures/offers"

CASES = [
    ("troops_as_text.yaml", "1:18: troops.europe: expected a whole number, not text ('5000')"),
    ("troops_true.yaml", "1:25: troops.us: expected a whole number, not true"),
    ("troops_float.yaml", "1:18: troops.europe: expected a whole number, not 5000.0"),
    (
        "membership_yes_quoted.yaml",
        "2:18: nato_membership: expected true or false, not text ('yes')",
    ),
    ("observers_yes.yaml", "1:12: observers: expected true or false, not text ('yes')"),
    (
        "troops_octal.yaml",
        "2:11: 010: a number may not start with 0 (YAML reads 010 as the octal number 8);"
        " write 10, or put it in quotes if it is text",
    ),
    ("troops_inf.yaml", "1:18: .inf (infinity) is not allowed; write a number"),
]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_an_offer_takes_numbers_and_booleans_strictly(capsys, name: str, expected: str) -> None:
    path = f"{OFFERS}/{name}"
    code = main(["respond", "--scenario", "weak_guarantee", "--offer", path])
    out, err = capsys.readouterr()
    assert code == 2
    assert (out + err).strip().splitlines() == [f"{path}:{expected}"]


def test_a_strict_offer_still_reads_what_it_should(capsys, tmp_path: Path) -> None:
    offer = tmp_path / "offer.yaml"
    offer.write_text(
        "troops: {europe: 10000, us: 0}\nnato_membership: false\nobservers: true\n",
        encoding="utf-8",
    )
    code = main(["respond", "--scenario", "weak_guarantee", "--offer", str(offer), "--json"])
    out, _ = capsys.readouterr()
    assert code == 0 and '"stance"' in out


def test_every_offer_fixture_is_tried() -> None:
    tried = {c[0] for c in CASES} | {"bad_value.yaml", "unknown_key.yaml"}
    tried |= {"european_force.yaml", "paper.yaml"}
    assert {p.name for p in Path(OFFERS).glob("*.yaml")} == tried
