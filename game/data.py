"""Where the shipped data is: the scenarios and the fonts.

An installed wheel carries them as package data in `game/_data/` (pyproject.toml maps the
packages `game._data.scenarios` and `game._data.fonts` onto the top-level `scenarios/` and
`assets/fonts/` folders), beside this module. The wheel is unpacked on disk (a package inside
a zip file is not supported), so the folder is found from this file's own place rather than
through `importlib.resources`, whose import would cost a command's start-up more than the
rest of it. A checkout, run in place or installed editable (`pip install -e .`), has no
`game/_data/`: there the folders at the top of the repository are used, so an edit to a
scenario takes effect at once.
"""

from __future__ import annotations

from pathlib import Path

CHECKOUT = {"scenarios": ("scenarios",), "fonts": ("assets", "fonts")}
"""Each data folder's place in a checkout, from the top of the repository."""


def packaged(name: str) -> Path | None:
    """The folder `name` as the installed package carries it, or None (a checkout)."""
    found = Path(__file__).resolve().parent / "_data" / name
    return found if found.is_dir() else None


def data_dir(name: str) -> Path:
    """The shipped folder `name` (`scenarios` or `fonts`): packaged, else the checkout's."""
    return packaged(name) or Path(__file__).resolve().parent.parent.joinpath(*CHECKOUT[name])
