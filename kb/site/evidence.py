"""A target's evidence, as the site shows it wherever the target appears.

The phrase it was read from (as ``kb show`` prints it) with a link to its
source line; the 2010/2020 values the plan states, with a link to the line
they come from (usually in the preface); the status with the one sentence
that says how it was computed (``Target.status_method``, kb.enrich.status).
"""

from __future__ import annotations

from kb.labels import baseline_text, status_text
from kb.model import Target
from kb.site import layout
from kb.site import markdown as md

NO_STATUS = "—"
EXPLAINED = (
    "“无数据”：规划原文没有写明基线，也还没有报送的监测数据，无法判断进度；"
    "“—”：定性目标（如“逐步提高”“实现全覆盖”）没有可比较的数值，不判断状态。"
    "其余状态由基线和各单位报送的数值推算，每项下面写明推算方法。"
)


def line_link(page: str, doc: str, line: int, label: str | None = None) -> str:
    url = layout.rel(page, layout.source_url(doc, line))
    return md.link(label or f"第 {line} 行", url)


def phrase(page: str, doc: str, target: Target) -> str:
    """「phrase」（第 N 行）."""
    where = f"（{line_link(page, doc, target.line)}）" if target.line else ""
    return f"原文：“{md.text(target.phrase)}”{where}"


def baseline(page: str, doc: str, target: Target) -> str:
    """基线 2010年 9.15‰、2020年 2.84‰（第 N 行）, or "" when the plan states none."""
    if target.baseline is None:
        return ""
    where = line_link(page, doc, target.baseline.line)
    return f"基线：{md.text(baseline_text(target))}（{where}：“{md.text(target.baseline.phrase)}”）"


def status(target: Target) -> str:
    """状态：name — how it was computed; — for a target without any status."""
    name = status_text(target) or NO_STATUS
    how = f"（{md.text(target.status_method)}）" if target.status_method else ""
    return f"状态：{md.text(name)}{how}"


def facts(page: str, doc: str, target: Target) -> list[str]:
    """Every evidence line of a target, each a Markdown fragment."""
    found = [phrase(page, doc, target), baseline(page, doc, target), status(target)]
    return [f for f in found if f]
