"""The UI's string catalogues: `game/ui/locale/en.yaml` and `ar.yaml`, one per language,
plus per-area parts in `locale/en/*.yaml` and `locale/ar/*.yaml` (the same file names in
both; a key may live in one file only).

Keys are dotted paths into the nested YAML (`title.new_game`). `t(key, lang, **fmt)` fills
`{placeholders}` with `str.format`. A test checks that both catalogues have the same keys
and the same placeholders per key. Numbers use Western digits in both languages.

A missing key never crashes a screen: it falls back to English, then to the key itself.
"""

from __future__ import annotations

import functools
import string
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

LANGS = ("en", "ar")
LANG_NAMES = {"en": "English", "ar": "العربية"}
LOCALE_DIR = Path(str(files("game.ui") / "locale"))  # package data, in a wheel as in a checkout


class CatalogueError(ValueError):
    """A catalogue file that cannot be read; the message names the file and the problem."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (a silent override hides a lost string)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            mark = key_node.start_mark
            raise CatalogueError(
                f"{mark.name}:{mark.line + 1}:{mark.column + 1}: duplicate key {key!r}"
            )
        seen[key] = loader.construct_object(value_node, deep=True)
    return seen


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _flatten(prefix: str, value: Any, out: dict[str, str], where: str) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out, where)
    elif isinstance(value, str):
        out[prefix] = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out[prefix] = str(value)
    else:
        raise CatalogueError(f"{where}: {prefix}: a string is needed, not {type(value).__name__}")


def read_catalogue(path: Path) -> dict[str, str]:
    """One catalogue file, flattened to dotted keys."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as e:
        raise CatalogueError(f"{path.name}: {e}") from e
    if not isinstance(data, dict):
        raise CatalogueError(f"{path.name}: the catalogue must be a mapping")
    out: dict[str, str] = {}
    _flatten("", data, out, path.name)
    return out


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """The flattened catalogue of a language (read once)."""
    if lang not in LANGS:
        lang = "en"
    out = read_catalogue(LOCALE_DIR / f"{lang}.yaml")
    for part in catalogue_parts(lang):
        more = read_catalogue(part)
        clash = sorted(set(more) & set(out))
        if clash:
            raise CatalogueError(
                f"{part.name}: key {clash[0]!r} is already in another {lang} catalogue"
            )
        out.update(more)
    return out


def catalogue_parts(lang: str) -> list[Path]:
    """Further catalogue files of a language, one per area of the game: `locale/LANG/*.yaml`."""
    return sorted((LOCALE_DIR / lang).glob("*.yaml"))


def has(key: str, lang: str = "en") -> bool:
    return key in catalogue(lang)


def t(key: str, lang: str, **fmt: Any) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled from `fmt`."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue("en").get(key, key)
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):
        return text


def placeholders(text: str) -> set[str]:
    """The names of the `{placeholders}` in a catalogue string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def other(lang: str) -> str:
    return "ar" if lang == "en" else "en"


def number(n: int | float, lang: str = "en") -> str:
    """A number with Western digits and thousands separators, in both languages."""
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.1f}"
    return f"{int(n):,}"
