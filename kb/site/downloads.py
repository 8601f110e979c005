"""Every table the CLI makes, as files the site links to, named in Chinese.

Thin adapters over the views: per document, the 任务分工表 of each department
and of all departments (``kb dept``), the targets table (``kb targets``), the
full export (``kb export``, JSON and CSV), the monitoring forms and the
evaluation report (``kb monitor``).  Names come from ``kb.site.layout.download``.

Each document's files depend on that document alone (its record with its
links, and the code; the report also on the corpus's date and latest year):
with a ``FileCache`` (``kb.cache``), an unchanged document's files are copied
from the cache instead of being written again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol

from kb.model import Document, KnowledgeBase
from kb.records import to_data
from kb.release import code_digest
from kb.site import layout
from kb.site.context import Context
from kb.text import write_text
from kb.views.export import export_data, items_csv, to_json
from kb.views.targets import target_rows, targets_csv, write_targets_xlsx
from kb.views.tasks import TaskRow, task_rows, tasks_csv, write_tasks_xlsx


class FileCache(Protocol):
    """Files kept by key between builds (``kb.cache.DocumentCache``)."""

    def files(self, key: str) -> Path | None:
        """The folder of the files kept under ``key``, or None."""

    def keep(self, key: str, root: Path, paths: list[Path]) -> None:
        """Keep ``paths`` (under ``root``) under ``key``."""


def document_key(kind: str, one_doc: KnowledgeBase, *extra: str) -> str:
    """A digest of everything a document's downloads are made from: its share of the
    knowledge base (``KnowledgeBase.alone``), the code, and ``extra``."""
    digest = hashlib.sha256(f"{kind}\0{code_digest()}\0{chr(0).join(extra)}\0".encode())
    record = json.dumps(to_data(one_doc), ensure_ascii=False, sort_keys=True)
    digest.update(record.encode("utf-8"))
    return digest.hexdigest()


def cached(
    cache: FileCache | None, key: str, docs: Path, write: Callable[[], list[Path]]
) -> list[Path]:
    """The files ``write`` writes under ``docs``: copied from ``cache`` when it kept them."""
    if cache is None:
        return write()
    folder = cache.files(key)
    if folder is None:
        written = write()
        cache.keep(key, docs, written)
        return written
    copied = []
    for source in sorted(p for p in folder.rglob("*") if p.is_file()):
        target = docs / source.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied.append(target)
    return copied


def _tasks(docs: Path, doc: str, unit: str, rows: list[TaskRow], title: str) -> list[Path]:
    csv_path = docs / layout.department_download(doc, unit, "csv")
    write_text(csv_path, tasks_csv(rows), encoding="utf-8-sig")
    xlsx_path = docs / layout.department_download(doc, unit, "xlsx")
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    write_tasks_xlsx(rows, xlsx_path, title)
    return [csv_path, xlsx_path]


def write_department_tables(
    ctx: Context, docs: Path, cache: FileCache | None = None
) -> list[Path]:
    """Each department's 任务分工表 and all departments' (.xlsx, .csv); return the paths."""
    written = []
    for document in ctx.docs:
        one_doc = ctx.alone(document.slug)
        key = document_key("tasks", one_doc)
        written += cached(cache, key, docs, partial(_department_tables, one_doc, document, docs))
    return written


def _department_tables(one_doc: KnowledgeBase, document: Document, docs: Path) -> list[Path]:
    doc = document.slug
    written = []
    names = sorted({d.name for item in document.items for d in item.departments})
    for name in names:
        rows = task_rows(one_doc, department=name)
        written += _tasks(docs, doc, name, rows, f"{name}任务分工表（{document.title}）")
    every = task_rows(one_doc)
    all_title = f"任务分工表（{document.title}）"
    written += _tasks(docs, doc, layout.ALL_DEPARTMENTS, every, all_title)
    return written


def write_tables(ctx: Context, docs: Path, cache: FileCache | None = None) -> list[Path]:
    """Per document: the targets table (.xlsx, .csv) and the full export (JSON, CSV)."""
    written = []
    for document in ctx.docs:
        one_doc = ctx.alone(document.slug)
        key = document_key("tables", one_doc)
        written += cached(cache, key, docs, partial(_tables, one_doc, document.slug, docs))
    return written


def _tables(one_doc: KnowledgeBase, doc: str, docs: Path) -> list[Path]:
    rows = target_rows(one_doc)
    path = docs / layout.download(doc, "targets", "xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_targets_xlsx(rows, path)
    written = [path]
    files = [
        (layout.download(doc, "targets", "csv"), targets_csv(rows), "utf-8-sig"),
        (layout.download(doc, "export", "json"), to_json(export_data(one_doc)), "utf-8"),
        (layout.download(doc, "items", "csv"), items_csv(one_doc), "utf-8-sig"),
    ]
    for name, text, encoding in files:
        write_text(docs / name, text, encoding=encoding)
        written.append(docs / name)
    return written


def write_monitoring_downloads(
    ctx: Context, docs: Path, cache: FileCache | None = None
) -> list[Path]:
    """Each document's evaluation report (.docx) and each reporting department's form (.xlsx)."""
    from kb.monitor.report import latest_year
    from kb.monitor.word import fixed_date

    # the corpus's, not the document's: the report's date and year
    date, year = fixed_date(ctx.kb).isoformat(), str(ctx.year)
    written = []
    for document in ctx.docs:
        key = document_key("monitoring", ctx.alone(document.slug), date, year)
        written += cached(
            cache, key, docs, partial(_monitoring_downloads, ctx, document, docs)
        )
    return written


def _monitoring_downloads(ctx: Context, document: Document, docs: Path) -> list[Path]:
    from kb.monitor.forms import write_template
    from kb.monitor.word import fixed_date, write_report

    doc = document.slug
    report = ctx.evaluation(doc)
    path = docs / layout.report_download(doc, report.year)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_report(path, report, fixed_date(ctx.kb))
    written = [path]
    names = sorted({i.reporter for i in ctx.doc_indicators(doc) if i.reporter})
    for name in names:
        path = docs / layout.form_download(doc, name)
        region = document.plans[0].region if document.plans else ""
        title = f"{region}妇女儿童发展规划监测数据报送表（{name}）"
        write_template(path, ctx.department_indicators(doc, name), title)
        written.append(path)
    return written
