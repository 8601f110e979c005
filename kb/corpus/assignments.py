"""Confirmed assignments: ``corpus/assignments.yaml``, read and written.

What the 妇儿工委办 confirmed after circulating the 任务分工表: one entry per
item, with its lead(s), partners, who confirmed it and when.  ``kb assign
import`` writes the file (``format_assignments``); people may edit it too, so
``read_assignments`` checks every entry and names the line of every mistake.
Department names may be any name of the gazetteer (they are stored
canonical); whether the item IDs exist is checked against the parsed plans
(``kb.enrich.confirmed``).  The next build uses a confirmed entry in place of
the inferred departments of its item.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from kb.corpus.yaml_source import YamlSource, node_line
from kb.errors import Problem
from kb.model import Department
from kb.names import nearest, owners

CODE = "bad-assignment"
TOP_KEYS = ("version", "items")
ENTRY_KEYS = ("id", "doc", "lead", "partners", "by", "date", "before")
ITEM_ID = re.compile(r"^[WC]\d{1,2}-[GM]\d{1,3}$")

HEADER = """\
# 已确认的任务分工（人工确认）
#
# 县妇儿工委办公室把 kb dept --format xlsx 导出的任务分工表发给各单位，收回后运行
#     kb assign import 收回的表.xlsx --by 县妇儿工委办 --date 2026-12-15
# 写入本文件：每个条目一项——编号（id）、牵头单位（lead，可以有几个）、配合单位
# （partners）、确认人（by）、确认日期（date）。before 记下确认之前的分工
# （程序推断的或上次确认的；与这次确认的不同时才有），只供查对。
# 下次 kb build 时，这里的分工代替程序推断的分工，依据显示为“人工确认”。
# 也可以手工修改（单位写全称、简称或别称均可）；改完运行 kb check 检查。
"""


@dataclass(frozen=True)
class Confirmed:
    """One item's confirmed departments."""

    id: str  # e.g. W1-G2
    leads: tuple[str, ...]  # canonical names
    partners: tuple[str, ...]
    by: str
    date: str  # ISO, e.g. 2026-12-15
    doc: str = ""  # the document's slug; "" when the corpus has one
    line: int = 0
    before: str = ""  # the assignment shown before this confirmation, when it differed


@dataclass(frozen=True)
class Assignments:
    file: str = ""
    entries: tuple[Confirmed, ...] = field(default=())


def valid_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def read_assignments(
    text: str, file: str, departments: Sequence[Department]
) -> tuple[Assignments, list[Problem]]:
    """Check ``assignments.yaml``; every bad entry is a problem and is left out.

    ``departments`` are the gazetteer's bodies the names resolve against (none:
    every name is reported, since no gazetteer could be read).
    """
    src = YamlSource.compose(text, file, CODE)
    if not src.ok or src.root is None:
        return Assignments(file), src.problems
    top = src.mapping(src.root, "文件顶层", TOP_KEYS) or {}
    nodes = top.get("items")
    if nodes is None or (isinstance(nodes, yaml.ScalarNode) and not nodes.value):
        return Assignments(file), src.problems
    if not isinstance(nodes, yaml.SequenceNode):
        src.problem(nodes, "items 应当是列表，每项是一个条目的分工")
        return Assignments(file), src.problems
    entries: list[Confirmed] = []
    seen: dict[tuple[str, str], int] = {}
    for node in nodes.value:
        entry = _entry(src, node, departments)
        if entry is None:
            continue
        key = (entry.doc, entry.id)
        if key in seen:
            src.problem(entry.line, f"{entry.id} 重复：第 {seen[key]} 行已有")
            continue
        seen[key] = entry.line
        entries.append(entry)
    return Assignments(file, tuple(entries)), src.problems


def _entry(src: YamlSource, node: yaml.Node, departments: Sequence[Department]) -> Confirmed | None:
    fields = src.mapping(node, "条目", ENTRY_KEYS)
    if fields is None:
        return None
    missing = [k for k in ("id", "by", "date") if k not in fields]
    if missing:
        src.problem(node, f"缺少 {'、'.join(missing)}（每项应有 id、lead、partners、by、date）")
        return None
    ident, by, date = (src.string(fields[k]) for k in ("id", "by", "date"))
    if ident is None or by is None or date is None:
        return None
    ok = True
    if not ITEM_ID.match(ident):
        src.problem(fields["id"], f"编号“{ident}”写法不对：应如 W1-G2、C5-M3")
        ok = False
    if not valid_date(date):
        src.problem(fields["date"], f"日期“{date}”无效：应写成 2026-12-15 这样的年-月-日")
        ok = False
    leads = _names(src, fields.get("lead"), departments, "牵头单位")
    partners = _names(src, fields.get("partners"), departments, "配合单位")
    if leads is not None and not leads:
        src.problem(fields.get("lead", node), f"{ident}：lead（牵头单位）为空，至少要有一个")
        ok = False
    if leads is None or partners is None or not ok:
        return None
    doc = src.string(fields["doc"]) if "doc" in fields else ""
    before = src.string(fields["before"]) if "before" in fields else ""
    return Confirmed(
        id=ident,
        leads=leads,
        partners=tuple(p for p in partners if p not in leads),
        by=by,
        date=date,
        doc=doc or "",
        line=node_line(fields["id"]),
        before=before or "",
    )


def _names(
    src: YamlSource, node: yaml.Node | None, departments: Sequence[Department], what: str
) -> tuple[str, ...] | None:
    """Canonical names of a ``lead``/``partners`` value (one name or a list); None if bad."""
    if node is None or (
        isinstance(node, yaml.ScalarNode) and (node.tag.endswith(":null") or not node.value.strip())
    ):
        return ()
    pairs = [(node, str(node.value))] if isinstance(node, yaml.ScalarNode) else src.strings(node)
    found: list[str] = []
    ok = True
    for name_node, name in pairs:
        matched = owners(departments, name)
        if len(matched) == 1:
            found.append(matched[0].name)
            continue
        ok = False
        if len(matched) > 1:
            names = "、".join(d.name for d in matched)
            src.problem(name_node, f"{what}“{name}”同时指 {names}：请写明是哪一个")
        else:
            hint = "、".join(nearest(departments, name))
            src.problem(
                name_node,
                f"{what}“{name}”不在单位名录中" + (f"：是不是 {hint}？" if hint else ""),
            )
    return tuple(dict.fromkeys(found)) if ok else None


# --------------------------------------------------------------------------- writing


def _quoted(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, default_style='"').strip()


PLAIN = re.compile(r"^[^\s,\[\]{}:#&*!|>'\"%@`]+$")


def _flow(names: Sequence[str]) -> str:
    return "[" + ", ".join(n if PLAIN.match(n) else _quoted(n) for n in names) + "]"


def format_assignments(entries: Sequence[Confirmed]) -> str:
    """The file's text: the header, then one block per item, in the given order."""
    lines = [HEADER, "version: 1", "items:" if entries else "items: []"]
    for e in entries:
        lines.append(f"  - id: {e.id}")
        if e.doc:
            lines.append(f"    doc: {e.doc}")
        lines.append(f"    lead: {_flow(e.leads)}")
        lines.append(f"    partners: {_flow(e.partners)}")
        lines.append(f"    by: {_quoted(e.by)}")
        lines.append(f"    date: {e.date}")
        if e.before:
            lines.append(f"    before: {_quoted(e.before)}")
    return "\n".join(lines) + "\n"
