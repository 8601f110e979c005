"""Every page of the site as generated Markdown, and the navigation over them."""

from __future__ import annotations

import html
from typing import Any

from kb.labels import PLAN_NAMES
from kb.site import layout
from kb.site.context import Context
from kb.site.pages.department import department_page, departments_index
from kb.site.pages.domain import domain_page
from kb.site.pages.home import documents_page, home_page, search_page
from kb.site.pages.links import links_page
from kb.site.pages.monitoring import indicator_page, monitoring_page
from kb.site.pages.plan import plan_page
from kb.site.pages.report import report_page
from kb.site.pages.source import source_page
from kb.site.pages.targets import targets_page

Nav = list[Any]


def generate(ctx: Context, sources: dict[str, list[str]]) -> dict[str, str]:
    """Docs-relative path → Markdown, for every page; ``sources`` holds each doc's lines."""
    pages = {layout.HOME: home_page(ctx), layout.SEARCH: search_page()}
    if len(ctx.docs) > 1:
        pages[layout.documents_page()] = documents_page(ctx)
    for document in ctx.docs:
        doc = document.slug
        for plan in ctx.plans(doc):
            pages[layout.plan_page(doc, plan.id)] = plan_page(ctx, plan)
            for domain in ctx.plan_domains(doc, plan.id):
                pages[layout.domain_page(doc, domain.id)] = domain_page(ctx, domain)
        pages[layout.departments_page(doc)] = departments_index(ctx, doc)
        for name, rows in ctx.doc_departments(doc):
            pages[layout.department_page(doc, name)] = department_page(ctx, doc, name, rows)
        pages[layout.targets_page(doc)] = targets_page(ctx, doc)
        pages[layout.links_page(doc)] = links_page(ctx, doc)
        pages[layout.source_page(doc)] = source_page(ctx, document, sources[doc])
        report = ctx.evaluation(doc)
        pages[layout.monitoring_page(doc)] = monitoring_page(ctx, doc, report)
        pages[layout.report_page(doc)] = report_page(ctx, doc, report)
        for indicator in ctx.doc_indicators(doc):
            pages[layout.indicator_page(doc, indicator.id)] = indicator_page(ctx, indicator)
    return pages


def document_nav(ctx: Context, doc: str) -> Nav:
    nav: Nav = []
    for plan in ctx.plans(doc):
        entries: Nav = [{"规划全文": layout.plan_page(doc, plan.id)}]
        entries += [
            {f"{d.id} {d.name}": layout.domain_page(doc, d.id)}
            for d in ctx.plan_domains(doc, plan.id)
        ]
        nav.append({PLAN_NAMES[plan.id]: entries})
    departments: Nav = [{"全部单位": layout.departments_page(doc)}]
    departments += [
        {name: layout.department_page(doc, name)} for name, _ in ctx.doc_departments(doc)
    ]
    nav += [
        {"责任单位": departments},
        {"量化指标": layout.targets_page(doc)},
        {"监测评估": monitoring_nav(ctx, doc)},
        {"两规划关联": layout.links_page(doc)},
        {"原文": layout.source_page(doc)},
    ]
    return nav


def monitoring_nav(ctx: Context, doc: str) -> Nav:
    """The dashboard, the report, and every indicator's page by domain."""
    by_domain: dict[str, Nav] = {}
    for i in ctx.doc_indicators(doc):
        entry = {f"{i.id} {i.name}": layout.indicator_page(doc, i.id)}
        by_domain.setdefault(f"{i.domain} {i.domain_name}", []).append(entry)
    return [
        {"监测指标总览": layout.monitoring_page(doc)},
        {"评估报告": layout.report_page(doc)},
        *({title: entries} for title, entries in by_domain.items()),
    ]


def escaped(nav: Nav) -> Nav:
    """Titles HTML-escaped: Material puts navigation titles into pages unescaped."""
    out: Nav = []
    for entry in nav:
        for title, value in entry.items():
            out.append({html.escape(title): escaped(value) if isinstance(value, list) else value})
    return out


def navigation(ctx: Context) -> Nav:
    """The site's navigation (``nav:`` of mkdocs.yml), titles escaped."""
    return escaped(raw_navigation(ctx))


def raw_navigation(ctx: Context) -> Nav:
    nav: Nav = [{"首页": layout.HOME}, {"搜索": layout.SEARCH}]
    if len(ctx.docs) == 1:
        return nav + document_nav(ctx, ctx.docs[0].slug)
    nav.append({"全部文件": layout.documents_page()})
    return nav + [{d.title: document_nav(ctx, d.slug)} for d in ctx.docs]
