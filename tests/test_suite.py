"""The test suite itself: every test checks something."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

TESTS = ROOT / "tests"


def _checks(node: ast.AST, helpers: dict[str, ast.FunctionDef], seen: set[str]) -> bool:
    """Whether code asserts: an `assert`, `pytest.raises`/`fail`/`warns`, or a call to a helper
    of the same file that does."""
    for n in ast.walk(node):
        if isinstance(n, ast.Assert):
            return True
        if isinstance(n, ast.Call):
            func = ast.unparse(n.func)
            if func in ("pytest.raises", "pytest.fail", "pytest.warns"):
                return True
            if isinstance(n.func, ast.Name) and n.func.id in helpers and n.func.id not in seen:
                seen.add(n.func.id)
                if _checks(helpers[n.func.id], helpers, seen):
                    return True
    return False


def unchecked_tests(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    helpers = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    return [
        f"{path.name}:{fn.lineno} {name}"
        for name, fn in helpers.items()
        if name.startswith("test") and not _checks(fn, helpers, {name})
    ]


def test_the_finder_sees_a_test_without_a_check(tmp_path):
    p = tmp_path / "test_x.py"
    p.write_text(
        "def helper(x):\n    assert x\n\n"
        "def test_direct():\n    assert 1\n\n"
        "def test_through_a_helper():\n    helper(1)\n\n"
        "def test_raises():\n    with pytest.raises(ValueError):\n        int('x')\n\n"
        "def test_nothing():\n    print('hello')\n",
        encoding="utf-8",
    )
    assert unchecked_tests(p) == ["test_x.py:14 test_nothing"]


def test_every_test_checks_something():
    missing = [t for p in sorted(TESTS.glob("test_*.py")) for t in unchecked_tests(p)]
    assert missing == [], "tests with no assertion: " + ", ".join(missing)
