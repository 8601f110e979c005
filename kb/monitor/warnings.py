"""Early warning: the indicators expected to miss their target, or whose figures swing."""

from __future__ import annotations

from kb.labels import VOLATILE_NAME
from kb.monitor.report import Evaluation, Line


def warning_lines(report: Evaluation) -> list[Line]:
    """Off-track or volatile indicators, in catalogue order."""
    return [x for x in report.lines() if x.found.status == "off_track" or x.found.volatile]


def warnings_text(report: Evaluation) -> str:
    found = warning_lines(report)
    if not report.has_figures and not found:
        return f"截至 {report.year} 年暂无监测数据，也没有依据规划基线预警的指标。"
    if not found:
        return f"截至 {report.year} 年，没有预期难以达标或{VOLATILE_NAME}的指标。"
    lines = [f"截至 {report.year} 年需要关注的指标（{len(found)} 项）："]
    for x in found:
        i = x.indicator
        lines.append(f"{i.id}  {i.name}：{x.status_name}；目标 {i.goal()}；最新 {x.latest_text}")
        departments = f"报送单位：{i.reporter or '未确定'}"
        if x.lead and x.lead != i.reporter:
            departments += f"；牵头单位：{x.lead}"
        lines.append(f"    {departments}")
        lines.append(f"    依据：{x.found.method}")
    return "\n".join(lines)
