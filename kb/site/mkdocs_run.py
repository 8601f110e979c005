"""The site's MkDocs configuration, written into the release, and running MkDocs on it.

The configuration comes with the package (``kb/site/mkdocs.yml``, plus the
hooks), never from the working folder: ``kb build`` works from any folder,
installed as a normal package.  Every MkDocs warning is collected and fatal.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import yaml

from kb.errors import OutputError

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "mkdocs.yml"
HOOKS = HERE / "hooks.py"
CONFIG = "mkdocs.yml"
HOOKS_COPY = "mkdocs_hooks.py"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_config(root: Path, nav: list[Any], name: str) -> Path:
    """``root/mkdocs.yml`` (the template, the site's name and the navigation) and the hooks."""
    nav_text = yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False, width=1000)
    name_line = yaml.safe_dump({"site_name": name}, allow_unicode=True).strip()
    template = TEMPLATE.read_text(encoding="utf-8")
    template = "\n".join(
        name_line if line.startswith("site_name:") else line for line in template.splitlines()
    )
    config = root / CONFIG
    config.write_text(template + "\n\n" + nav_text, encoding="utf-8")
    shutil.copyfile(HOOKS, root / HOOKS_COPY)
    return config


class _NotDirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build is under way (``kb.site.incremental``
    makes it one only when no page but the changed ones can differ)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def run_mkdocs(config_file: Path, dirty: bool = False) -> None:
    """Build the site that ``config_file`` describes (strict: a warning fails the build);
    ``dirty``: render only the sources newer than their pages (``kb.site.incremental``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    previous = logger.level, logger.propagate
    # MkDocs' INFO lines are not ours to print; its warnings end up in our error.
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    quiet = _NotDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        config = load_config(config_file=str(config_file), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        detail = "；".join(collect.messages) or str(exc)
        raise OutputError(f"MkDocs 构建网站失败：{detail}") from exc
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        logger.removeHandler(collect)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]
