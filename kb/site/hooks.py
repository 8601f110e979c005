"""MkDocs hooks (``hooks:`` in mkdocs.yml), so that ``mkdocs build`` alone gives the same site.

* the navigation comes from ``.nav.json``, which ``kb build`` writes beside the
  generated pages (MkDocs does not publish dot files);
* the sitemap is removed: it carries the build date, is of no use to a site
  opened from disk, and would make two builds differ;
* Material's stock search files (lunr and its worker, 1.2 MB) are removed:
  the site searches with kb-search.js, and the stock search plugin is off.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

NAV_FILE = ".nav.json"
DATED_FILES = ("sitemap.xml", "sitemap.xml.gz")
UNUSED_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def on_config(config: Any) -> Any:
    nav_file = Path(config["docs_dir"]) / NAV_FILE
    if config["nav"] is None and nav_file.is_file():
        config["nav"] = json.loads(nav_file.read_text(encoding="utf-8"))
    return config


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    for name in DATED_FILES:
        (site / name).unlink(missing_ok=True)
    if "search" not in config["plugins"] and "material/search" not in config["plugins"]:
        for folder in UNUSED_FOLDERS:
            shutil.rmtree(site / folder, ignore_errors=True)
    for source_map in sorted(site.glob("assets/**/*.map")):
        source_map.unlink()  # for debugging Material itself, not needed to browse
