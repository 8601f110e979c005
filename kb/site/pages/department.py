"""Department pages: each department's items, lead first, with the 任务分工表 download."""

from __future__ import annotations

from kb.labels import BASIS_NAMES, KIND_NAMES
from kb.model import Item
from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context

EXTENSIONS = (("xlsx", "Excel 表格"), ("csv", "CSV，UTF-8"))
PRINT_NOTE = "打印：用浏览器的“打印”即可，本页按 A4 横向排版，表格每页重复表头，页首和目录不打印。"


def downloads(page: str, doc: str, unit: str) -> str:
    """``任务分工表-县卫生健康局.xlsx（Excel 表格） · ….csv（CSV，UTF-8）``."""
    links = []
    for ext, label in EXTENSIONS:
        path = layout.department_download(doc, unit, ext)
        links.append(f"{md.link(path.rpartition('/')[2], layout.rel(page, path))}（{label}）")
    return " · ".join(links)


def confirmation(item: Item, department: str) -> str:
    role = next(r for r in item.departments if r.name == department)
    if role.basis == "confirmed":
        who = " ".join(x for x in (role.confirmed_by, role.confirmed_on) if x)
        return md.text(f"已确认（{who}）" if who else "已确认")
    return "待确认（推断）"


def item_row(page: str, item: Item, department: str) -> list[str]:
    url = layout.rel(page, layout.item_url(item.doc, item.id, item.domain))
    role = next(r for r in item.departments if r.name == department)
    why = BASIS_NAMES.get(role.basis, "")
    evidence = "、".join(role.evidence)
    return [
        md.link(item.id, url),
        KIND_NAMES[item.kind],
        md.text(item.text),
        md.text(f"{why}：{evidence}" if evidence else why),
        confirmation(item, department),
    ]


def department_page(ctx: Context, doc: str, name: str, rows: list[tuple[str, Item]]) -> str:
    page = layout.department_page(doc, name)
    leads = [item for role, item in rows if role == "lead"]
    partners = [item for role, item in rows if role == "partner"]
    waiting = [item for _, item in rows if not _confirmed(item, name)]
    parts = [
        md.heading(1, name),
        f"牵头 {len(leads)} 条，配合 {len(partners)} 条。",
        f"确认情况：已确认 {len(rows) - len(waiting)} 条，待确认 {len(waiting)} 条。",
        f"任务分工表下载：{downloads(page, doc, name)}",
        PRINT_NOTE,
    ]
    header = ["编号", "类别", "内容", "依据", "确认"]
    for title, anchor, items in (("牵头", "lead", leads), ("配合", "partner", partners)):
        if items:
            parts.append(md.heading(2, f"{title}（{len(items)} 条）", anchor))
            cells = [item_row(page, i, name) for i in items]
            parts.append(md.table(header, cells, "kb-tasks", ("类别", "确认")))
    if waiting:
        parts.append(md.heading(2, f"待确认（{len(waiting)} 条）", "waiting"))
        parts.append(
            "以下条目的分工是据规划原文和单位职责推断的草稿，尚未经任务分工表确认："
            + "、".join(
                md.link(i.id, layout.rel(page, layout.item_url(i.doc, i.id, i.domain)))
                for i in waiting
            )
        )
    parts += indicators_section(ctx, page, doc, name)
    return "\n\n".join(parts) + "\n"


def indicators_section(ctx: Context, page: str, doc: str, name: str) -> list[str]:
    """The indicators this department reports, with their status and its form (monitoring)."""
    from kb.site.pages.monitoring import indicator_link

    indicators = ctx.department_indicators(doc, name)
    if not indicators:
        return []
    form = md.link("监测数据报送表（.xlsx）", layout.rel(page, layout.form_download(doc, name)))
    rows = [
        [
            indicator_link(page, i),
            md.text(i.name),
            md.text(i.goal()),
            md.text(i.status_name() + ("（波动较大）" if i.target.volatile else "")),
        ]
        for i in indicators
    ]
    return [
        md.heading(2, f"报送的监测指标（{len(indicators)} 项）", "indicators"),
        f"本单位每年报送以下指标的数值。下载{form}，填好后交县统计局（kb monitor import 导入）。",
        md.table(["编号", "指标", "目标", "状态"], rows),
    ]


def _confirmed(item: Item, department: str) -> bool:
    return any(r.name == department and r.basis == "confirmed" for r in item.departments)


def departments_index(ctx: Context, doc: str) -> str:
    page = layout.departments_page(doc)
    departments = ctx.doc_departments(doc)
    parts = [md.heading(1, "责任单位")]
    if not departments:
        parts.append("本知识库尚未给条目标注责任单位。")
        return "\n\n".join(parts) + "\n"
    parts.append(
        "各单位牵头或配合的主要目标和策略措施。“原文点名”表示规划原文写明了该单位；"
        "“据内容推断”表示依据条文主题和单位职责推断；“按职责”表示依据名录中该单位的"
        "职责规则；“实施本目标的策略措施”表示落实该目标的措施由该单位承担；"
        "“人工确认”表示已经任务分工表确认（注明确认人和日期）。"
    )
    parts.append(f"全部单位的任务分工表：{downloads(page, doc, layout.ALL_DEPARTMENTS)}")
    rows = []
    for name, items in departments:
        lead = sum(role == "lead" for role, _ in items)
        sure = sum(_confirmed(item, name) for _, item in items)
        url = layout.rel(page, layout.department_page(doc, name))
        rows.append([md.link(name, url), str(lead), str(len(items) - lead), str(sure)])
    parts.append(md.table(["单位", "牵头", "配合", "已确认"], rows))
    return "\n\n".join(parts) + "\n"
