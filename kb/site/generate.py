"""Write the site's sources: Markdown pages, navigation, assets, search index, downloads.

Everything under the docs folder is generated from the knowledge base; nothing
in it is edited by hand.  The folder is part of the release
(``build/current/site-docs``), so that ``mkdocs build`` can be run on it alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kb.export import export_data
from kb.model import KnowledgeBase
from kb.outputs import write_text
from kb.site import layout
from kb.site.context import Context
from kb.site.downloads import write_department_tables
from kb.site.hooks import NAV_FILE
from kb.site.pages import generate, navigation
from kb.site.search_index import build_index, index_script
from kb.text import decode, split_lines

ASSETS = Path(__file__).resolve().parent / "assets"


def source_lines(path: Path) -> list[str]:
    """The lines of a corpus file, numbered as the parser numbers them."""
    text, _ = decode(path.read_bytes(), str(path))
    return [line.text for line in split_lines(text or "")]


def write_site_docs(kb: KnowledgeBase, docs: Path, corpus: Path) -> None:
    """Generate every source file of the site into the folder ``docs``."""
    ctx = Context(export_data(kb))
    sources = {d.slug: source_lines(Path(d.file)) for d in kb.documents}
    for path, text in generate(ctx, sources).items():
        write_text(docs / path, text)
    write_text(docs / NAV_FILE, json.dumps(navigation(ctx), ensure_ascii=False, indent=1) + "\n")
    for asset in sorted(ASSETS.iterdir()):
        if asset.is_file():
            (docs / layout.ASSETS).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, docs / layout.ASSETS / asset.name)
    write_text(docs / layout.SEARCH_INDEX_JS, index_script(build_index(kb, corpus)))
    write_department_tables(kb, docs)
