"""The printable page's frame: language and direction, escaping, nothing fetched."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from game.report.page import esc, page, table


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(doc: str) -> _Collect:
    p = _Collect()
    p.feed(doc)
    return p


def test_arabic_page_is_right_to_left_and_english_left_to_right() -> None:
    ar = _parse(page("الضامن", "ar", "<p>نص</p>"))
    en = _parse(page("Guarantor", "en", "<p>text</p>"))
    assert ("html", {"lang": "ar", "dir": "rtl"}) in ar.tags
    assert ("html", {"lang": "en", "dir": "ltr"}) in en.tags
    assert "الضامن" in "".join(ar.text)


def test_text_is_escaped_in_cells_and_titles() -> None:
    doc = page("<script>x</script>", "en", table(["a<b"], [["<img src=x>", 3]], numeric=[1]))
    parsed = _parse(doc)
    assert not any(tag in ("script", "img") for tag, _ in parsed.tags)
    assert "<script>x</script>" in "".join(parsed.text)
    assert esc('"&') == "&quot;&amp;"


def test_nothing_is_fetched_from_the_network() -> None:
    doc = page("t", "en", table(["h"], [["v"]]))
    assert not re.search(r"(src|href)\s*=|@import|url\(", doc)
