"""The home page and the search page."""

from __future__ import annotations

from kb.labels import PLAN_NAMES
from kb.model import Document, Plan
from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context
from kb.site.picker import picker

SITE_NAME = "妇女儿童发展规划知识库"


def search_form(page: str, autofocus: bool = False) -> str:
    """Our own HTML (no corpus text): a GET form that works from disk too."""
    action = layout.html_path(layout.rel(page, layout.SEARCH))
    focus = " autofocus" if autofocus else ""
    return (
        f'<form class="kb-search-form" action="{action}" role="search">'
        '<label for="kb-q-page">搜索条目</label>'
        f'<input id="kb-q-page" type="search" name="q" placeholder="如：孕产妇死亡率、筛查、托育"'
        f' autocomplete="off"{focus}>'
        '<button type="submit">搜索</button></form>'
    )


def counts(ctx: Context, doc: str, plan: Plan) -> list[str]:
    domains = ctx.plan_domains(doc, plan.id)
    items = [i for i in ctx.doc_items(doc) if i.plan == plan.id]
    targets = sum(len(i.targets) for i in items)
    with_departments = sum(bool(i.departments) for i in items)
    return [
        str(len(domains)),
        str(sum(i.kind == "goal" for i in items)),
        str(sum(i.kind == "measure" for i in items)),
        str(targets),
        str(with_departments),
    ]


def document_block(ctx: Context, document: Document) -> list[str]:
    doc, page = document.slug, layout.HOME
    notice = document.notice
    plans = ctx.plans(doc)
    titles = "和".join(f"《{p.title}》" for p in plans)
    if notice:
        intro = f"{titles}由{notice.issuer}于{notice.date_text}印发（{notice.title}）。"
    else:
        intro = f"{titles}。"
    parts = [md.text(intro)]
    rows = []
    for plan in plans:
        url = layout.rel(page, layout.plan_page(doc, plan.id))
        rows.append([md.link(plan.title, url), *counts(ctx, doc, plan)])
    header = ["规划", "领域", "主要目标", "策略措施", "量化指标", "有责任单位的条目"]
    parts.append(md.table(header, rows))
    return parts


def entry_points(ctx: Context, doc: str) -> str:
    page = layout.HOME
    departments = md.link("责任单位", layout.rel(page, layout.departments_page(doc)))
    targets = md.link("量化指标", layout.rel(page, layout.targets_page(doc)))
    links = md.link("两规划关联", layout.rel(page, layout.links_page(doc)))
    source = md.link("原文", layout.rel(page, layout.source_page(doc)))
    search = md.link("搜索页", layout.rel(page, layout.SEARCH))
    return "\n".join(
        [
            f"- **公众**：从上面的规划或领域开始浏览；每条主要目标和策略措施都有编号"
            f"（如 W1-G2），点编号旁的链接可回到{source}对应的行。",
            f"- **各部门**：在{departments}中找到本单位，查看牵头和配合的条目，"
            "并下载本单位的任务分工表（Excel 或 CSV）。",
            f"- **工作人员**：用页首搜索框或{search}查找条目，多个词可以连写，如“农村妇女就业”；"
            "搜索结果的网址（…search.html?q=查询词）可以直接分享。"
            f"{targets}列出 2030 年目标与基线，{links}列出两部规划的对应领域和共同主题。",
        ]
    )


def site_name(ctx: Context) -> str:
    """The name in every page's header: the place's, so that a phone shows which county."""
    if len(ctx.docs) == 1:
        document = ctx.docs[0]
        place = document.place or (document.plans[0].region if document.plans else "")
        if place:
            return f"{place}妇女儿童发展规划"
    return SITE_NAME


def domain_cards(ctx: Context, doc: str, plan: Plan) -> str:
    """One card per domain: its name and how many goals, measures and targets it has."""
    cards = []
    for d in ctx.plan_domains(doc, plan.id):
        href = layout.html_path(layout.rel(layout.HOME, layout.domain_page(doc, d.id)))
        items = [ctx.kb.item(doc, i) for i in (*d.goal_ids, *d.measure_ids)]
        targets = sum(len(i.targets) for i in items)
        cards.append(
            f'<a class="kb-card" href="{md.attr(href)}"><strong>{md.text(d.id + " " + d.name)}'
            f"</strong><span>目标 {len(d.goal_ids)} · 措施 {len(d.measure_ids)} · "
            f"指标 {targets}</span></a>"
        )
    return f'<div class="kb-cards">{"".join(cards)}</div>'


def at_a_glance(ctx: Context, document: Document) -> list[str]:
    """The plans' domains as cards, and the indicators with their baselines and status."""
    from kb.site.pages.targets import status_counts, target_table

    doc = document.slug
    parts = []
    for plan in ctx.plans(doc):
        url = layout.rel(layout.HOME, layout.plan_page(doc, plan.id))
        parts.append(md.heading(3, PLAN_NAMES[plan.id], f"{doc}-{plan.id}"))
        parts.append(f"{md.link(plan.title, url)}")
        parts.append(domain_cards(ctx, doc, plan))
    counts_line, with_baseline = status_counts(ctx, doc)
    if counts_line:
        targets = md.link("量化指标", layout.rel(layout.HOME, layout.targets_page(doc)))
        parts.append(md.heading(3, "指标与状态", f"{doc}-targets"))
        parts.append(f"{counts_line}。下表为规划原文写明了基线的指标，全部指标见{targets}。")
        parts.append(target_table(ctx, layout.HOME, doc, with_baseline))
    return parts


def home_page(ctx: Context) -> str:
    name = site_name(ctx)
    parts = [
        md.heading(1, name),
        "本站收录县级《妇女发展规划》和《儿童发展规划》（2021–2030 年）全文，"
        "按规划、领域、主要目标和策略措施整理，并标注量化指标、责任单位和两部规划之间的关联。"
        "本站不依赖网络，可从内网共享或本地磁盘直接打开。",
    ]
    if len(ctx.docs) == 1:
        document = ctx.docs[0]
        doc = document.slug
        parts += [
            md.heading(2, "我的单位", "my-department"),
            "各部门：输入或选择本单位的名称（简称、旧称都可以），查看本单位牵头和配合的条目，"
            "下载任务分工表。",
            picker(ctx, layout.HOME, doc),
            md.heading(2, "搜索条目", "search"),
            search_form(layout.HOME),
            md.heading(2, "规划一览", "plans"),
            *document_block(ctx, document),
            *at_a_glance(ctx, document),
        ]
    else:
        listing = md.link("全部文件", layout.rel(layout.HOME, layout.documents_page()))
        parts += [
            md.heading(2, "搜索条目", "search"),
            search_form(layout.HOME),
            f"本站收录 {len(ctx.docs)} 份文件，见{listing}；各文件的页面中有“我的单位”"
            "和责任单位列表。",
        ]
    parts.append(md.heading(2, "怎样使用", "how-to"))
    for document in ctx.docs[:1] if len(ctx.docs) == 1 else ():
        parts.append(entry_points(ctx, document.slug))
    if len(ctx.docs) > 1:
        parts.append(
            "在全部文件中选一份，从它的规划、领域或责任单位开始浏览；页首的搜索框在全部文件中查找。"
        )
    return "\n\n".join(parts) + "\n"


def documents_page(ctx: Context) -> str:
    """With several documents: each document with its plans, counts and entry pages."""
    page = layout.documents_page()
    rows = []
    for document in ctx.docs:
        doc = document.slug
        plans = " · ".join(
            md.link(PLAN_NAMES[p.id], layout.rel(page, layout.plan_page(doc, p.id)))
            for p in ctx.plans(doc)
        )
        departments = md.link("责任单位", layout.rel(page, layout.departments_page(doc)))
        targets = md.link("量化指标", layout.rel(page, layout.targets_page(doc)))
        items = ctx.doc_items(doc)
        rows.append(
            [
                md.text(document.title),
                md.text(document.place),
                plans,
                str(len(items)),
                f"{departments} · {targets}",
            ]
        )
    header = ["文件", "地方", "规划", "条目", "入口"]
    parts = [md.heading(1, "全部文件"), f"共 {len(ctx.docs)} 份文件。", md.table(header, rows)]
    return "\n\n".join(parts) + "\n"


def search_page() -> str:
    return (
        "\n\n".join(
            [
                md.heading(1, "搜索"),
                "按编号（如 W1-G2）或内容搜索两部规划的全部主要目标和策略措施。"
                "多个词可以连写，也可以用空格分开；同义词（如“托育”与“托幼”）会一并查找。",
                search_form(layout.SEARCH, autofocus=True),
                '<div id="kb-search-results" class="kb-search-results" aria-live="polite"></div>',
                "<noscript>搜索需要启用浏览器的 JavaScript。</noscript>",
            ]
        )
        + "\n"
    )
