"""The 任务分工表 of each department, as files the site links to (XLSX and CSV).

A thin adapter over ``kb.views.tasks``: one table per department and document.
"""

from __future__ import annotations

from pathlib import Path

from kb.model import KnowledgeBase
from kb.text import write_text
from kb.site import layout
from kb.site.context import Context
from kb.views.tasks import task_rows, tasks_csv, write_tasks_xlsx


def write_department_tables(kb: KnowledgeBase, docs: Path) -> list[Path]:
    """Write ``<doc>/downloads/<department>.xlsx|csv`` under ``docs``; return the paths."""
    written = []
    for document in kb.documents:
        names = sorted({d.name for item in document.items for d in item.departments})
        one_doc = KnowledgeBase(documents=(document,))
        for name in names:
            rows = task_rows(one_doc, department=name)
            csv_path = docs / layout.download(document.slug, name, "csv")
            write_text(csv_path, tasks_csv(rows), encoding="utf-8-sig")
            xlsx_path = docs / layout.download(document.slug, name, "xlsx")
            xlsx_path.parent.mkdir(parents=True, exist_ok=True)
            write_tasks_xlsx(rows, xlsx_path, f"{name}任务分工表（{document.title}）")
            written += [csv_path, xlsx_path]
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
