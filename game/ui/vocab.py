"""Words for the engine's fixed vocabulary (GAME-DESIGN 3.3): package clauses and their
values, stances, indicators, outcomes, seats, all through the catalogues.

A screen never prints an engine value raw: `clause_value("sanctions", "tighten", lang)`
gives "Tighten" / "تشديد"; `stance_label("reject", lang)` gives "✗ Reject" (a symbol and a
word, so the colour is never the only signal).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.engine import package
from game.engine.vocab import OUTCOMES as OUTCOMES  # re-exported: the screens list them
from game.engine.vocab import READ_CLAUSES
from game.engine.vocab import SEATS as SEATS
from game.engine.vocab import STANCES as STANCES
from game.ui.i18n import number, t
from game.ui.theme import signal

CLAUSES = tuple(c for c in READ_CLAUSES if c != "troops.total")
"""The package's clauses in the engine's order, the troops split by who sends them."""
CLAUSE_VALUES: dict[str, tuple[str, ...]] = {
    c: package.CHOICES.get(c, ("false", "true")) for c in package.CLAUSES if c != "troops"
}
DEFAULT_PACKAGE: dict[str, Any] = package.default()
INDICATORS = ("territory", "momentum", "us_engagement", "unity", "blame", "us_burden")


def seat_name(seat: str, lang: str, long: bool = False) -> str:
    return t(f"seat.{seat}_long" if long else f"seat.{seat}", lang)


def seat_list(seats: list[str] | tuple[str, ...], lang: str) -> str:
    sep = "، " if lang == "ar" else ", "
    return sep.join(seat_name(s, lang) for s in seats) or t("common.none", lang)


def clause_label(clause: str, lang: str) -> str:
    """`troops.europe` -> "European troops"; `sanctions` -> "Sanctions on Russia"."""
    return t("package." + clause.replace(".", "_"), lang)


def _key_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def clause_value(clause: str, value: Any, lang: str) -> str:
    """The words for a clause's value (troop numbers as "15,000 soldiers")."""
    if clause.startswith("troops"):
        n = int(value or 0)
        return t("package.troops_value", lang, n=number(n)) if n else t("package.troops_none", lang)
    return t(f"package.values.{clause}.{_key_value(value)}", lang)


def package_items(
    package: Mapping[str, Any], lang: str, only_changed: bool = False
) -> list[tuple[str, str, str]]:
    """(clause, label, value words) for every clause of a package (or only those that differ
    from the defaults)."""
    out: list[tuple[str, str, str]] = []
    for clause in CLAUSES:
        if clause.startswith("troops."):
            seat = clause.split(".", 1)[1]
            value = (package.get("troops") or {}).get(seat, 0)
            default = 0
        else:
            value = package.get(clause, DEFAULT_PACKAGE[clause])
            default = DEFAULT_PACKAGE[clause]
        if only_changed and value == default:
            continue
        out.append((clause, clause_label(clause, lang), clause_value(clause, value, lang)))
    return out


def stance_word(stance: str, lang: str) -> str:
    return t(f"stance.{stance}", lang)


def stance_label(stance: str, lang: str) -> str:
    """A symbol and a word: "✓ Accept", "✗ Reject"."""
    return f"{signal('stance.' + stance)[0]} {stance_word(stance, lang)}"


def result_label(success: bool, lang: str) -> str:
    key = "success" if success else "failure"
    return f"{signal('result.' + key)[0]} {t('debate.' + key, lang)}"


def outcome_label(outcome: str, lang: str) -> str:
    return f"{signal('outcome.' + outcome)[0]} {t('outcome.' + outcome, lang)}"


def indicator_name(name: str, lang: str) -> str:
    key = f"indicator.{name}"
    text = t(key, lang)
    return name.replace("_", " ") if text == key else text


def change_label(delta: int, lang: str) -> str:
    """ "▲ up 5" / "▼ down 3" / "• no change"."""
    if delta > 0:
        return f"{signal('change.up')[0]} {t('common.change_up', lang, n=delta)}"
    if delta < 0:
        return f"{signal('change.down')[0]} {t('common.change_down', lang, n=-delta)}"
    return f"{signal('change.none')[0]} {t('common.no_change', lang)}"


def text_of(value: Any, lang: str) -> str:
    """A content `Text` (pydantic model or dict with en/ar) in a language, falling back to
    the other language when one is missing."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        en, ar = value.get("en", ""), value.get("ar", "")
    else:
        en, ar = getattr(value, "en", ""), getattr(value, "ar", "")
    return str((ar or en) if lang == "ar" else (en or ar))


def date_words(iso: str, lang: str) -> str:
    """ "2025-08-15" -> "15 August 2025" / "15 أغسطس 2025" (Western digits)."""
    import datetime as dt

    try:
        d = dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return t("date.format", lang, day=d.day, month=t(f"date.months.m{d.month}", lang), year=d.year)
