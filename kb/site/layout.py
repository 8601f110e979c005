"""Where every page lives, and links between them.

One folder per corpus document (its slug); inside it one page per plan, per
domain and per department, plus the targets, cross-links and original text.
Links are relative ``.md`` paths, which MkDocs checks (``--strict``) and turns
into ``.html`` links that also work when the site is opened from disk.
"""

from __future__ import annotations

import hashlib
import posixpath

from kb.model import Item
from kb.search.browser import BROWSER_INDEX

HOME = "index.md"
SEARCH = "search.md"
ASSETS = "assets"
SEARCH_INDEX_JS = BROWSER_INDEX


def plan_page(doc: str, plan: str) -> str:
    return f"{doc}/{plan}.md"


def domain_page(doc: str, domain: str) -> str:
    return f"{doc}/{domain}.md"


def departments_page(doc: str) -> str:
    return f"{doc}/departments.md"


def department_slug(name: str) -> str:
    """A stable ASCII file name for a department (names are Chinese)."""
    return "d-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def department_page(doc: str, name: str) -> str:
    return f"{doc}/departments/{department_slug(name)}.md"


def download(doc: str, name: str, ext: str) -> str:
    return f"{doc}/downloads/{department_slug(name)}.{ext}"


def targets_page(doc: str) -> str:
    return f"{doc}/targets.md"


def links_page(doc: str) -> str:
    return f"{doc}/links.md"


def source_page(doc: str) -> str:
    return f"{doc}/source.md"


def line_anchor(line: int) -> str:
    return f"L{line}"


def item_url(doc: str, item_id: str, domain: str) -> str:
    return f"{domain_page(doc, domain)}#{item_id}"


def source_url(doc: str, line: int) -> str:
    return f"{source_page(doc)}#{line_anchor(line)}"


def rel(from_page: str, target: str) -> str:
    """``target`` (a docs-relative path, maybe with ``#anchor``) as seen from ``from_page``."""
    path, hash_, anchor = target.partition("#")
    here = posixpath.dirname(from_page) or "."
    relative = posixpath.relpath(path, here) if path else ""
    return relative + hash_ + anchor


def html_path(page: str) -> str:
    """The built file of a Markdown page (``use_directory_urls: false``)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


def item_href(item: Item) -> str:
    """An item's address from the site's root, e.g. ``gaotai/W1.html#W1-G2``."""
    return html_path(domain_page(item.doc, item.domain)) + "#" + item.id


def department_href(doc: str, name: str) -> str:
    """A department's page from the site's root (the browser search links to it)."""
    return html_path(department_page(doc, name))


# Monitoring (kb.site.pages.monitoring, kb.site.pages.report).


def monitoring_page(doc: str) -> str:
    return f"{doc}/monitoring.md"


def report_page(doc: str) -> str:
    return f"{doc}/report.md"


def indicator_page(doc: str, ident: str) -> str:
    """``C1-G3#2`` (or ``slug:C1-G3#2``) → ``<doc>/indicators/C1-G3-2.md``."""
    return f"{doc}/indicators/{ident.rpartition(':')[2].replace('#', '-')}.md"


def report_download(doc: str, year: int) -> str:
    return f"{doc}/downloads/report-{year}.docx"


def form_download(doc: str, name: str) -> str:
    return f"{doc}/downloads/{department_slug(name)}-form.xlsx"
