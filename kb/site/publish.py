"""Build the site from the generated sources and publish it by two renames."""

from __future__ import annotations

from pathlib import Path

from kb.errors import OutputError
from kb.outputs import publish_tree, staging, write_text
from kb.site.mkdocs_run import run_mkdocs

SITE_DOCS = "site-docs"
README = "README.md"
README_TEXT = """\
# site/

这个目录是 `kb build` 生成的静态网站，请勿手工修改（下次构建会整体替换）。

- 打开：用浏览器直接打开 `index.html`（无需网络，也可放在内网共享目录中）；
  或运行 `kb serve`，在 http://127.0.0.1:8000/ 浏览。
- 页面内容来自知识库，Markdown 源文件在 `build/current/site-docs/`。
"""


def build_site(docs: Path, site: Path) -> Path:
    """MkDocs ``docs`` into a staging folder beside ``site``, then replace ``site``.

    A failed build raises ``OutputError`` and leaves the previous ``site`` intact.
    """
    site = site.absolute()
    try:
        with staging(site.parent, site.name) as stage:
            run_mkdocs(docs, stage)
            write_text(stage / README, README_TEXT)
            publish_tree(stage, site)
    except OSError as exc:
        raise OutputError(
            f"写入网站 {site} 失败（{exc.strerror or exc}）；之前的网站保持不变"
        ) from exc
    return site
