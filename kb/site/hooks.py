"""MkDocs hooks (``hooks:`` in each release's mkdocs.yml, copied there as mkdocs_hooks.py).

So that ``mkdocs build -f <release>/mkdocs.yml`` alone gives the same site:

* the sitemap is removed: it carries the build date, is of no use to a site
  opened from disk, and would make two builds differ;
* Material's stock search files (lunr and its worker, 1.2 MB) are removed:
  the site searches with kb-search.js, and the stock search plugin is off;
* source maps are removed: they are for debugging Material itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

DATED_FILES = ("sitemap.xml", "sitemap.xml.gz")
UNUSED_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    for name in DATED_FILES:
        (site / name).unlink(missing_ok=True)
    if "search" not in config["plugins"] and "material/search" not in config["plugins"]:
        for folder in UNUSED_FOLDERS:
            shutil.rmtree(site / folder, ignore_errors=True)
    for source_map in sorted(site.glob("assets/**/*.map")):
        source_map.unlink()
