"""Writing Markdown whose text comes from the corpus: escaped so that it renders inert.

Corpus text is data, never markup.  Every ASCII character that means something
to a Markdown parser or to HTML (``*``, ``_``, ``[``, ``|``, ``#``, ``<``, ``&`` …)
is written as a numeric character reference.  CommonMark and Python-Markdown
both decode references in text without treating them as structure, so
``<script>`` shows as ``<script>`` and ``*em*`` shows with its asterisks.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# ASCII punctuation that never starts or ends Markdown or HTML syntax.
_HARMLESS = set(",;?%/'\"@$")
_SPECIAL = {c for c in map(chr, range(33, 127)) if not c.isalnum()} - _HARMLESS
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_BLANKS = re.compile(r"[ \t\u3000\u00a0]+")


def text(value: str) -> str:
    """One line of corpus text as inert Markdown inline content."""
    return _BLANKS.sub(" ", value.replace("\r", " ").replace("\n", " ")).strip().translate(_ESCAPES)


def paragraphs(value: str) -> str:
    """Multi-line corpus text: one Markdown paragraph per non-blank line."""
    return "\n\n".join(text(line) for line in value.splitlines() if line.strip())


def attr(value: str) -> str:
    """A value for an HTML attribute (double-quoted)."""
    return text(value).replace('"', "&#34;").replace("'", "&#39;")


def link(label: str, url: str) -> str:
    """A Markdown link whose label is corpus text and whose URL we built."""
    return f"[{text(label)}]({quote(url, safe='/#.-_~:?=&%')})"


def heading(level: int, label: str, anchor: str | None = None) -> str:
    suffix = f" {{ #{anchor} }}" if anchor else ""
    return f"{'#' * level} {text(label)}{suffix}"


def table(
    header: list[str], rows: list[list[str]], css: str = "", nowrap: tuple[str, ...] = ()
) -> str:
    """An HTML table whose cells are Markdown (``md_in_html``); rows become cards on a phone.

    Each cell carries its column's name (``data-label``), which the phone layout
    shows before the value; empty cells are marked ``kb-empty`` and hidden there.
    Header names are ours, never corpus text; columns named in ``nowrap``
    (short values such as 类别 or 状态) are kept on one line on wide screens.
    """
    names = [attr(name) for name in header]
    classes = " ".join(["kb-table", css]).strip()
    head = "".join(f'<th scope="col">{name}</th>' for name in names)
    lines = [f'<table class="{classes}" markdown="1">', f"<thead><tr>{head}</tr></thead>"]
    lines.append('<tbody markdown="1">')
    for row in rows:
        cells = []
        for column, name, cell in zip(header, names, row, strict=True):
            marks = ["kb-empty"] if not cell.strip() else []
            marks += ["kb-nowrap"] if column in nowrap else []
            css_class = f' class="{" ".join(marks)}"' if marks else ""
            cells.append(f'<td data-label="{name}"{css_class} markdown="span">{cell.strip()}</td>')
        lines.append(f'<tr markdown="1">{"".join(cells)}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
