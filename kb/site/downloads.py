"""Every table the CLI makes, as files the site links to, named in Chinese.

Thin adapters over the views: per document, the 任务分工表 of each department
and of all departments (``kb dept``), the targets table (``kb targets``), the
full export (``kb export``, JSON and CSV), the monitoring forms and the
evaluation report (``kb monitor``).  Names come from ``kb.site.layout.download``.
"""

from __future__ import annotations

from pathlib import Path

from kb.model import KnowledgeBase
from kb.site import layout
from kb.site.context import Context, one_document
from kb.text import write_text
from kb.views.export import export_data, items_csv, to_json
from kb.views.targets import target_rows, targets_csv, write_targets_xlsx
from kb.views.tasks import TaskRow, task_rows, tasks_csv, write_tasks_xlsx


def _tasks(docs: Path, doc: str, unit: str, rows: list[TaskRow], title: str) -> list[Path]:
    csv_path = docs / layout.department_download(doc, unit, "csv")
    write_text(csv_path, tasks_csv(rows), encoding="utf-8-sig")
    xlsx_path = docs / layout.department_download(doc, unit, "xlsx")
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    write_tasks_xlsx(rows, xlsx_path, title)
    return [csv_path, xlsx_path]


def write_department_tables(kb: KnowledgeBase, docs: Path) -> list[Path]:
    """Each department's 任务分工表 and all departments' (.xlsx, .csv); return the paths."""
    written = []
    for document in kb.documents:
        doc = document.slug
        names = sorted({d.name for item in document.items for d in item.departments})
        one_doc = one_document(kb, doc)
        for name in names:
            rows = task_rows(one_doc, department=name)
            written += _tasks(docs, doc, name, rows, f"{name}任务分工表（{document.title}）")
        every = task_rows(one_doc)
        all_title = f"任务分工表（{document.title}）"
        written += _tasks(docs, doc, layout.ALL_DEPARTMENTS, every, all_title)
    return written


def write_tables(kb: KnowledgeBase, docs: Path) -> list[Path]:
    """Per document: the targets table (.xlsx, .csv) and the full export (JSON, CSV)."""
    written = []
    for document in kb.documents:
        doc = document.slug
        one_doc = one_document(kb, doc)
        rows = target_rows(one_doc)
        path = docs / layout.download(doc, "targets", "xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_targets_xlsx(rows, path)
        written.append(path)
        files = [
            (layout.download(doc, "targets", "csv"), targets_csv(rows), "utf-8-sig"),
            (layout.download(doc, "export", "json"), to_json(export_data(one_doc)), "utf-8"),
            (layout.download(doc, "items", "csv"), items_csv(one_doc), "utf-8-sig"),
        ]
        for name, text, encoding in files:
            write_text(docs / name, text, encoding=encoding)
            written.append(docs / name)
    return written


def write_monitoring_downloads(ctx: Context, docs: Path) -> list[Path]:
    """Each document's evaluation report (.docx) and each reporting department's form (.xlsx)."""
    from kb.monitor.forms import write_template
    from kb.monitor.word import fixed_date, write_report

    written = []
    for document in ctx.docs:
        doc = document.slug
        report = ctx.evaluation(doc)
        path = docs / layout.report_download(doc, report.year)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_report(path, report, fixed_date(ctx.kb))
        written.append(path)
        names = sorted({i.reporter for i in ctx.doc_indicators(doc) if i.reporter})
        for name in names:
            path = docs / layout.form_download(doc, name)
            region = document.plans[0].region if document.plans else ""
            title = f"{region}妇女儿童发展规划监测数据报送表（{name}）"
            write_template(path, ctx.department_indicators(doc, name), title)
            written.append(path)
    return written
