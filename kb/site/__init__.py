"""The published site: generated Markdown, a Chinese search index, and MkDocs.

    knowledge base → pages (pages/), search index, downloads → <release>/site-docs/
                   → mkdocs.yml (from the package) → MkDocs (Material, strict)
                   → <release>/site/, published to --site with the release

``write_site_sources`` and ``build_site`` are the two steps; ``kb build``
runs them inside the release's staging folder (``kb.build``).
"""

from __future__ import annotations

from pathlib import Path

from kb.release import SITE
from kb.site.generate import write_site_sources
from kb.site.incremental import seed
from kb.site.mkdocs_run import CONFIG, run_mkdocs

README = "README.md"
README_TEXT = """\
# site/

这个目录是 `kb build` 生成的静态网站，请勿手工修改（下次构建会整体替换）。

- 打开：用浏览器直接打开 `index.html`（无需网络，也可放在内网共享目录中）；
  或运行 `kb serve`，在 http://127.0.0.1:8000/ 浏览。
- 页面内容来自知识库，Markdown 源文件在 `build/current/site-docs/`。
"""


def build_site(root: Path, previous: Path | None = None) -> int:
    """Run MkDocs on ``root/mkdocs.yml`` into ``root/site``, rendering again only what
    differs from the release ``previous`` (``kb.site.incremental``); return how many
    sources were unchanged (0: every page rendered)."""
    unchanged = seed(root, previous)
    (root / SITE / README).unlink(missing_ok=True)  # written after MkDocs: not in its 404 page
    run_mkdocs(root / CONFIG, dirty=unchanged > 0)
    (root / SITE / README).write_text(README_TEXT, encoding="utf-8")
    return unchanged


__all__ = ["build_site", "write_site_sources"]
