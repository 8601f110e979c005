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


# Every download, named in Chinese as an office files it (任务分工表-县卫生健康局.xlsx).
DOWNLOAD_NAMES = {
    "tasks": "任务分工表",
    "targets": "量化指标",
    "export": "知识库",
    "items": "条目",
    "form": "监测数据报送表",
    "report": "评估报告",
}
ALL_DEPARTMENTS = "全部单位"
_UNSAFE = str.maketrans({c: "_" for c in '/\\:*?"<>|'})


def download(doc: str, kind: str, ext: str, unit: str = "") -> str:
    """``<doc>/downloads/任务分工表-县卫生健康局.xlsx``; ``unit`` names the department or year."""
    name = DOWNLOAD_NAMES[kind] + (f"-{unit}" if unit else "")
    return f"{doc}/downloads/{name.translate(_UNSAFE)}.{ext}"


def department_download(doc: str, name: str, ext: str) -> str:
    return download(doc, "tasks", ext, name)


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
    return download(doc, "report", "docx", f"{year}年")


def form_download(doc: str, name: str) -> str:
    return download(doc, "form", "xlsx", name)


def documents_page() -> str:
    """With several documents: the page that lists them (the home page stays small)."""
    return "documents.md"
