"""MkDocs hooks (``hooks:`` in each release's mkdocs.yml, copied there as mkdocs_hooks.py).

So that ``mkdocs build -f <release>/mkdocs.yml`` alone gives the same site:

* the sitemap is removed: it carries the build date, is of no use to a site
  opened from disk, and would make two builds differ;
* Material's stock search files (lunr and its worker, 1.2 MB) are removed:
  the site searches with kb-search.js, and the stock search plugin is off;
* source maps are removed: they are for debugging Material itself;
* with several documents, each page's navigation holds only its own document
  (and the pages at the root), so a page's size does not grow with the corpus;
* ``404.html`` is replaced by a page that needs no other file (inline style,
  no root-relative link), so it works from disk and from a sub-folder.

This file is copied alone into the release: it imports nothing from ``kb``.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

DATED_FILES = ("sitemap.xml", "sitemap.xml.gz")
UNUSED_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def _folder(item: Any) -> str:
    """The first path segment shared by every page under a navigation entry ("" at the root)."""
    pages = [item] if not getattr(item, "children", None) else _pages(item)
    folders = {p.file.src_uri.partition("/")[0] if "/" in p.file.src_uri else "" for p in pages}
    return folders.pop() if len(folders) == 1 else "*"


def _pages(item: Any) -> list[Any]:
    found = []
    for child in item.children or []:
        found += _pages(child) if getattr(child, "children", None) else [child]
    return [p for p in found if getattr(p, "file", None) is not None]


# Each document's own navigation, made once per build by on_nav (not once per page:
# that would make the build grow with the square of the number of documents).
_OWN_NAV: dict[str, Any] = {}


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """With several documents, one navigation per document: its own entries and the root's."""
    from mkdocs.structure.nav import Navigation

    _OWN_NAV.clear()
    folders = [_folder(item) for item in nav.items]
    documents = sorted({f for f in folders if f not in ("", "*")})
    if len(documents) < 2:
        return nav
    for own in ["", *documents]:
        items = [item for item, f in zip(nav.items, folders, strict=True) if f in ("", own)]
        mine = Navigation(items, nav.pages)
        mine.homepage = nav.homepage
        _OWN_NAV[own] = mine
    return nav


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Keep only the page's own document in its navigation when the site has several."""
    uri = page.file.src_uri
    mine = _OWN_NAV.get(uri.partition("/")[0] if "/" in uri else "", _OWN_NAV.get(""))
    if mine is not None:
        context["nav"] = mine
    return context


PAGE_404 = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>找不到该页面 - {name}</title>
<style>
body{{margin:0;color:#1f1f1f;background:#fff;line-height:1.6;
font-family:system-ui,-apple-system,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}}
header{{background:#00574f;color:#fff;padding:.8rem 1rem;font-size:1.1rem;font-weight:700}}
main{{max-width:40rem;margin:2rem auto;padding:0 1rem}}
a{{color:#00574f;text-decoration:underline}}
</style></head>
<body><header>{name}</header>
<main><h1>找不到该页面</h1>
<p>地址可能有误，或者该页面已在新版本中改名。</p>
<p><a id="kb-home" href="index.html">返回首页</a>，从首页的“我的单位”、搜索框或规划目录查找。</p>
</main>
<script>
/* The site's root: the part of the address before the first of its top-level names. */
(function () {{
  var tops = {tops};
  var parts = location.pathname.split("/");
  for (var i = 0; i < parts.length; i++) {{
    if (tops.indexOf(decodeURIComponent(parts[i])) >= 0) {{
      document.getElementById("kb-home").href = parts.slice(0, i).join("/") + "/index.html";
      return;
    }}
  }}
  if (location.protocol !== "file:") {{
    document.getElementById("kb-home").href = "/index.html";
  }}
}})();
</script>
</body></html>
"""


def write_404(site: Path, name: str) -> None:
    tops = sorted(p.name for p in site.iterdir() if p.name != "404.html")
    quoted = "[" + ",".join('"' + t.replace("\\", "").replace('"', "") + '"' for t in tops) + "]"
    text = PAGE_404.format(name=html.escape(name), tops=quoted)
    (site / "404.html").write_text(text, encoding="utf-8")


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    for name in DATED_FILES:
        (site / name).unlink(missing_ok=True)
    if "search" not in config["plugins"] and "material/search" not in config["plugins"]:
        for folder in UNUSED_FOLDERS:
            shutil.rmtree(site / folder, ignore_errors=True)
    for source_map in sorted(site.glob("assets/**/*.map")):
        source_map.unlink()
    write_404(site, config["site_name"])
