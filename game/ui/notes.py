"""The notes a piece of content carries, in words: "Invented for the game", each fact check
(the record against the article's claim) and the designer's interpretation.

One wording for every place that shows content: the screens (`game.ui.explain`, which draws
these) and the printed pages (`game.report`). No pygame here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.ui import i18n

NOTE_KINDS = ("invented", "factcheck", "interpretation")


def field(item: Any, key: str) -> Any:
    """A field of content given as a model or as a dict."""
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def text_of(value: Any, lang: str) -> str:
    """A content text (a model or a dict with en/ar) in a language, falling back to the other."""
    if value is None:
        return ""
    en, ar = field(value, "en") or "", field(value, "ar") or ""
    return str((ar or en) if lang == "ar" else (en or ar))


def notes(
    lang: str, checks: Mapping[str, Any], item: Any, *, interpretation: bool = True
) -> list[tuple[str, str]]:
    """The notes an item carries, in `lang`, as (kind, words): "invented" when the game made
    the event or words up, one "factcheck" per checked figure (the record against the
    article's claim) and its "interpretation" (the designer's reading). `item` is content as
    a model or a dict; `checks` the fact checks by id. A place with room only for a teaser
    leaves the interpretation to the next (`interpretation`)."""
    if not item:
        return []
    out: list[tuple[str, str]] = []
    if field(item, "invented"):
        out.append(("invented", i18n.t("common.invented", lang)))
    for fid in field(item, "factcheck") or []:
        fc = checks.get(str(fid))
        if fc is not None:
            record = text_of(field(fc, "record"), lang)
            para = field(fc, "paragraph")
            out.append(("factcheck", i18n.t("common.factcheck_note", lang, id=para, record=record)))
    interp = text_of(field(item, "interpretation"), lang) if interpretation else ""
    if interp:
        out.append(("interpretation", i18n.t("common.interpretation", lang, text=interp)))
    return out
