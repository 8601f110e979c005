"""Only changed pages rendered again: the previous release's site, and MkDocs' dirty build.

A page's HTML depends on its own Markdown, on the navigation and configuration
(``mkdocs.yml``, the same for every page of a document), on the hooks, and on
the versions of MkDocs and its theme.  When all of these are those of the
previous release, ``seed`` copies that release's ``site/`` into the new one and
marks every source file whose bytes did not change as older than its page
(its modification time is set to 0), so that MkDocs' dirty build
(``run_mkdocs(dirty=True)``) reads and renders only the pages and assets that
changed.  Anything else -- another configuration, other versions, a page that
is gone -- and nothing is seeded: MkDocs builds every page, as the first build.

The copy is a copy, not a hard link: MkDocs writes pages in place, and the
previous release must stay as it was.  The result is byte-identical to a full
build (``tests/test_cache.py`` compares the two); a full build (``kb build
--force``) also checks anchors into pages a dirty build does not read.
"""

from __future__ import annotations

import json
import os
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kb.release import SITE, SITE_DOCS as DOCS
from kb.site.mkdocs_run import CONFIG, HOOKS_COPY

STAMP = "mkdocs-stamp.json"  # the versions that rendered a release's site
RENDERERS = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions")


def stamp() -> str:
    """The versions of the packages that turn Markdown into the site's HTML."""
    found = {}
    for name in RENDERERS:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return json.dumps(found, sort_keys=True) + "\n"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def seed(root: Path, previous: Path | None) -> int:
    """Seed ``root/site`` from ``previous`` (a release folder); return how many of the
    new sources are unchanged (and will not be rendered again), 0 when nothing was seeded."""
    (root / STAMP).write_text(stamp(), encoding="utf-8")
    if previous is None or not (previous / SITE).is_dir():
        return 0
    if not all(_same(root / name, previous / name) for name in (CONFIG, HOOKS_COPY, STAMP)):
        return 0
    new_docs, old_docs = root / DOCS, previous / DOCS
    new = {p.relative_to(new_docs) for p in new_docs.rglob("*") if p.is_file()}
    old = {p.relative_to(old_docs) for p in old_docs.rglob("*") if p.is_file()}
    gone = old - new
    if any(p.suffix == ".md" for p in gone):  # a page that is gone: its HTML would stay
        return 0
    site = root / SITE
    shutil.copytree(previous / SITE, site)  # copy2: the pages keep their times
    for path in gone:  # assets MkDocs copies under the same name (search shards)
        (site / path).unlink(missing_ok=True)
    unchanged = 0
    for path in sorted(new & old):
        if _same(new_docs / path, old_docs / path):
            os.utime(new_docs / path, (0, 0))
            unchanged += 1
    return unchanged
