"""Write the site's sources into a release: Markdown pages, assets, search index, downloads.

Everything under ``site-docs/`` is generated from the knowledge base; nothing
in it is edited by hand.  With ``mkdocs.yml`` beside it, the release holds
all that ``mkdocs build`` needs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kb.corpus import Corpus
from kb.model import KnowledgeBase
from kb.release import SITE_DOCS
from kb.search.browser import CORE_SCRIPT, browser_index_files, write_browser_index
from kb.search.indexer import Analyzed
from kb.site import layout
from kb.site.context import Context
from kb.site.downloads import (
    FileCache,
    write_department_tables,
    write_monitoring_downloads,
    write_tables,
)
from kb.site.mkdocs_run import write_config
from kb.site.pages import generate, navigation
from kb.site.pages.home import site_name
from kb.text import split_lines, write_text

ASSETS = Path(__file__).resolve().parent / "assets"


def write_site_sources(
    kb: KnowledgeBase,
    corpus: Corpus,
    analyzed: Analyzed,
    root: Path,
    cache: FileCache | None = None,
) -> None:
    """Generate the site's sources into ``root/site-docs`` and its config into ``root``.

    With ``cache``, each unchanged document's downloads are copied from it.
    """
    docs = root / SITE_DOCS
    ctx = Context(kb)
    sources = {p.slug: [line.text for line in split_lines(p.text)] for p in corpus.plans}
    for path, text in generate(ctx, sources).items():
        write_text(docs / path, text)
    (docs / layout.ASSETS).mkdir(parents=True, exist_ok=True)
    for asset in [*sorted(ASSETS.iterdir()), CORE_SCRIPT]:
        if asset.is_file():
            shutil.copyfile(asset, docs / layout.ASSETS / asset.name)
    write_browser_index(
        docs, browser_index_files(kb, analyzed, layout.item_href, layout.department_href)
    )
    write_department_tables(ctx, docs, cache)
    write_tables(ctx, docs, cache)
    write_monitoring_downloads(ctx, docs, cache)
    write_config(root, navigation(ctx), site_name(ctx))
