"""A self-contained printable HTML page: nothing is fetched from the network.

Every page of the classroom's exports (the debrief, the handouts) is built here, so that they
share one look, one way of escaping and one way of setting the language and direction:

    html = page("Debrief", "ar", "<h1>" + esc(title) + "</h1>")

Arabic pages carry `lang="ar"` and `dir="rtl"`; text is escaped with `esc`, never pasted raw.
Styles are inline; fonts are the reader's own (a list that covers Arabic and Latin).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", "Segoe UI", Tahoma,
       Arial, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem;
       line-height: 1.5; color: #111; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid #333; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; }
.meta { color: #444; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #999; padding: .25rem .45rem; text-align: start;
         vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
blockquote { margin: .3rem 0; padding: .2rem .8rem; border-inline-start: 4px solid #888;
             color: #222; }
.note { font-size: .9rem; color: #333; }
.tag { font-size: .8rem; border: 1px solid #666; border-radius: 3px; padding: 0 .3rem; }
.cols { display: flex; gap: 1.2rem; flex-wrap: wrap; }
.cols > section { flex: 1 1 20rem; min-width: 0; }
svg { max-width: 100%; height: auto; }
.page-break { break-before: page; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, blockquote, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .noprint { display: none; }
}
"""


class Raw(str):
    """HTML already made safe (built with `esc`): `table` puts it in a cell as it is."""


def esc(value: object) -> str:
    """Text made safe inside HTML (quotes included, for attributes); `Raw` stays as it is."""
    if isinstance(value, Raw):
        return str(value)
    return html.escape(str(value), quote=True)


def direction(lang: str) -> str:
    return "rtl" if lang == "ar" else "ltr"


def page(title: str, lang: str, body: str, *, css: str = "") -> str:
    """A whole HTML document: the language and direction set, the styles inline."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}" dir="{direction(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{CSS}{css}</style>\n"
        "</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def table(
    head: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[int] = ()
) -> str:
    """A table with a header row; cells are escaped (a `Raw` cell is put as it is); columns
    in `numeric` align as numbers and read left to right in a right-to-left page too (a
    "−14" or "+8.4" is not turned into "14−")."""
    num = set(numeric)

    def cls(i: int) -> str:
        return ' class="num"' if i in num else ""

    def cell(i: int, c: object) -> str:
        return f'<bdi dir="ltr">{esc(c)}</bdi>' if i in num else esc(c)

    out = ["<table>", "<thead><tr>"]
    out += [f"<th{cls(i)}>{esc(h)}</th>" for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td{cls(i)}>{cell(i, c)}</td>" for i, c in enumerate(row)))
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)
