"""Run MkDocs (strict) on the generated pages; every warning is collected and fatal."""

from __future__ import annotations

import logging
from pathlib import Path

from kb.errors import OutputError

CONFIG = "mkdocs.yml"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def config_file() -> Path:
    """``mkdocs.yml`` of the working directory, else the one beside the ``kb`` package."""
    for folder in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (folder / CONFIG).is_file():
            return folder / CONFIG
    raise OutputError(f"找不到 {CONFIG}：请在项目根目录（含 {CONFIG} 的目录）运行 kb build")


def run_mkdocs(docs: Path, site: Path) -> None:
    """Build ``docs`` (generated Markdown) into ``site`` with the project's mkdocs.yml."""
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
    try:
        config = load_config(
            config_file=str(config_file()), docs_dir=str(docs), site_dir=str(site), strict=True
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        detail = "；".join(collect.messages) or str(exc)
        raise OutputError(f"MkDocs 构建网站失败：{detail}") from exc
    finally:
        logger.removeHandler(collect)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]
