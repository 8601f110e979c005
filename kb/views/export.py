"""The knowledge base as plain data: the JSON export contract and the CSV view.

``export_data`` is the one public shape of the knowledge base (``kb export``,
``kb.json`` in every release).  Other tools read it; keep its fields (add
freely).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from kb.enrich.reporting import indicator_id
from kb.labels import KIND_NAMES, PLAN_NAMES, ROLE_NAMES, status_name
from kb.model import (
    DepartmentRole,
    Document,
    Domain,
    IndicatorTarget,
    Item,
    KnowledgeBase,
    ParentLink,
    Project,
    Section,
    SharedIndicator,
    Span,
    Target,
)
from kb.records import to_data

FORMAT = "kb-export/1"


def lines_of(span: Span) -> list[int]:
    return [span.first, span.last]


def target_data(target: Target) -> dict[str, Any]:
    data = asdict(target)
    if target.baseline is None:
        data.pop("baseline")
    else:
        data["baseline"] = {
            "values": [{"year": y, "value": v} for y, v in target.baseline.values],
            "line": target.baseline.line,
            "phrase": target.baseline.phrase,
        }
    # Monitoring (kb.enrich.status): the reported figures, and the status in words.
    data["observations"] = [
        {
            "year": o.year,
            "value": o.value,
            "source": o.source,
            "form": o.form,
            "imported": o.imported,
        }
        for o in target.observations
    ]
    data["status_name"] = status_name(target)
    return data


def item_data(item: Item) -> dict[str, Any]:
    return {
        "doc": item.doc,
        "id": item.id,
        "plan": item.plan,
        "domain": item.domain,
        "kind": item.kind,
        "number": item.number,
        "text": item.text,
        "title": item.title,
        "file": item.span.file,
        "lines": lines_of(item.span),
        "targets": [
            {**target_data(t), "id": indicator_id(item.id, n)}
            for n, t in enumerate(item.targets, 1)
        ],
        "departments": [department_data(d) for d in item.departments],
        "related": [
            {"doc": r.doc, "id": r.id, "score": r.score, "why": list(r.why)} for r in item.related
        ],
        "pairs": [{"id": p.id, "score": p.score, "why": list(p.why)} for p in item.pairs],
        "parts": [{"line": p.line, "marker": p.marker, "text": p.text} for p in item.parts],
        "parent": None if item.parent is None else parent_data(item.parent),
    }


def parent_data(link: ParentLink) -> dict[str, Any]:
    """An item's counterpart in the plan it implements (``id`` "" when none is close)."""
    return {
        "doc": link.doc,
        "id": link.id,
        "score": link.score,
        "why": list(link.why),
        "targets": [
            {"indicator": c.indicator, "verdict": c.verdict, "child": c.child, "parent": c.parent}
            for c in link.targets
        ],
    }


def project_data(project: Project) -> dict[str, Any]:
    return {
        "doc": project.doc,
        "id": project.id,
        "plan": project.plan,
        "parent": project.parent,
        "number": project.number,
        "title": project.title,
        "text": project.text,
        "file": project.span.file,
        "lines": lines_of(project.span),
        "parts": [{"line": p.line, "marker": p.marker, "text": p.text} for p in project.parts],
    }


def department_data(role: DepartmentRole) -> dict[str, Any]:
    """A department of an item; who confirmed it and when, for a confirmed one."""
    data: dict[str, Any] = {
        "name": role.name,
        "role": role.role,
        "basis": role.basis,
        "evidence": list(role.evidence),
    }
    if role.basis == "confirmed":
        data["confirmed_by"] = role.confirmed_by
        data["confirmed_on"] = role.confirmed_on
    return data


def domain_data(domain: Domain) -> dict[str, Any]:
    return {
        "doc": domain.doc,
        "id": domain.id,
        "plan": domain.plan,
        "number": domain.number,
        "name": domain.name,
        "intro": domain.intro,
        "lines": lines_of(domain.span),
        "goals": list(domain.goal_ids),
        "measures": list(domain.measure_ids),
    }


def section_data(section: Section) -> dict[str, Any]:
    return {
        "doc": section.doc,
        "id": section.id,
        "plan": section.plan,
        "kind": section.kind,
        "parent": section.parent,
        "number": section.number,
        "heading": section.heading,
        "text": section.text,
        "lines": lines_of(section.span),
    }


def document_data(document: Document) -> dict[str, Any]:
    notice = document.notice
    return {
        "slug": document.slug,
        "file": document.file,
        "title": document.title,
        "line_count": document.line_count,
        "notice": None
        if notice is None
        else {
            "issuer": notice.issuer,
            "title": notice.title,
            "addressees": notice.addressees,
            "date": notice.date,
            "date_text": notice.date_text,
            "body": notice.body,
            "lines": lines_of(notice.span),
        },
        "level": document.level,
        "place": document.place,
        "implements": [
            {"title": c.title, "plan": c.plan, "place": c.place, "level": c.level, "line": c.line}
            for c in document.implements
        ],
    }


def export_data(kb: KnowledgeBase) -> dict[str, Any]:
    docs = kb.documents
    return {
        "format": FORMAT,
        "documents": [document_data(d) for d in docs],
        "plans": [
            {
                "doc": p.doc,
                "id": p.id,
                "name": PLAN_NAMES[p.id],
                "title": p.title,
                "region": p.region,
                "period": p.period,
                "lines": lines_of(p.span),
            }
            for d in docs
            for p in d.plans
        ],
        "sections": [section_data(s) for d in docs for s in d.sections],
        "domains": [domain_data(dom) for d in docs for dom in d.domains],
        "items": [item_data(i) for d in docs for i in d.items],
        "domain_links": [asdict(link) for link in kb.domain_links],
        "shared_subjects": [to_data(s) for s in kb.shared_subjects],
        "shared_indicators": [indicator_data(c) for c in kb.shared_indicators],
        "departments": [to_data(d) for d in kb.departments],
        "projects": [project_data(p) for d in docs for p in d.projects],
    }


def indicator_target_data(t: IndicatorTarget) -> dict[str, Any]:
    return {
        "id": t.id,
        "plan": t.plan,
        "target": None if t.target is None else target_data(t.target),
    }


def indicator_data(c: SharedIndicator) -> dict[str, Any]:
    return {
        "doc": c.doc,
        "indicator": c.indicator,
        "same": c.same,
        "women": [indicator_target_data(t) for t in c.women],
        "children": [indicator_target_data(t) for t in c.children],
    }


def to_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, real Chinese characters, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


CSV_COLUMNS = (
    ("doc", "文件"),
    ("id", "编号"),
    ("plan", "规划"),
    ("domain", "领域编号"),
    ("domain_name", "领域"),
    ("kind", "类别"),
    ("number", "序号"),
    ("title", "标题"),
    ("text", "原文"),
    ("lines", "行号"),
    ("targets", "量化指标"),
    ("departments", "责任单位"),
    ("related", "关联条目"),
)


def items_csv(kb: KnowledgeBase) -> str:
    """One row per goal and measure, with Chinese column headings."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([label for _, label in CSV_COLUMNS])
    for item in kb.items():
        writer.writerow(
            [
                item.doc,
                item.id,
                PLAN_NAMES[item.plan],
                item.domain,
                kb.domain_of(item).name,
                KIND_NAMES[item.kind],
                item.number,
                item.title or "",
                item.text,
                f"{item.span.first}-{item.span.last}",
                "；".join(t.phrase for t in item.targets),
                "；".join(f"{d.name}（{ROLE_NAMES[d.role]}）" for d in item.departments),
                "；".join(r.id for r in item.related),
            ]
        )
    return out.getvalue()
