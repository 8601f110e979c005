"""The evaluation report: every indicator's standing as of a year, by domain, and what to watch.

``evaluation(kb, year)`` assesses every indicator with the figures up to
``year`` (``kb.enrich.status.assess``): the mid-term evaluation is 2025, the
final 2030, any other year an annual monitoring report.  The Word document
(``kb.monitor.word``) and the site's page (``kb.site.pages.report``) both
render this one structure, so they say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.enrich.status import NO_DATA, OFF_TRACK, STATUSES, Assessment
from kb.labels import STATUS_NAMES, VOLATILE_NAME, baseline_text, quantity, status_label
from kb.model import KnowledgeBase
from kb.monitor.catalogue import Indicator, catalogue

KINDS = {2025: "中期评估", 2030: "终期评估"}


@dataclass(frozen=True)
class Line:
    """One indicator in the report."""

    indicator: Indicator
    found: Assessment
    lead: str  # the lead department of the indicator's item

    @property
    def status_name(self) -> str:
        latest = self.found.latest[0] if self.found.latest else None
        name = status_label(self.found.status, latest, self.indicator.target.year)
        return f"{name}（{VOLATILE_NAME}）" if self.found.volatile else name

    @property
    def latest_text(self) -> str:
        if self.found.latest is None:
            return "—"
        year, value = self.found.latest
        return f"{quantity(value, self.indicator.unit)}（{year}年）"

    @property
    def baseline_text(self) -> str:
        return baseline_text(self.indicator.target) or "—"


@dataclass(frozen=True)
class DomainPart:
    plan: str
    domain: str
    name: str
    lines: tuple[Line, ...]

    def count(self, status: str) -> int:
        return sum(line.found.status == status for line in self.lines)

    @property
    def volatile(self) -> int:
        return sum(line.found.volatile for line in self.lines)


@dataclass(frozen=True)
class Evaluation:
    region: str
    year: int
    kind: str  # 中期评估 / 终期评估 / 年度监测
    domains: tuple[DomainPart, ...]
    figures: int  # reported figures up to the year

    @property
    def title(self) -> str:
        return f"{self.region}妇女儿童发展规划{self.kind}指标监测报告（{self.year}年）"

    def lines(self) -> list[Line]:
        return [line for part in self.domains for line in part.lines]

    def off_track(self) -> list[Line]:
        return [line for line in self.lines() if line.found.status == OFF_TRACK]

    def volatile(self) -> list[Line]:
        return [line for line in self.lines() if line.found.volatile]

    def summary(self) -> list[list[str]]:
        """Rows of the summary table: per domain, then the total."""
        header = ["领域", "指标", *(STATUS_NAMES[s] for s in STATUSES), VOLATILE_NAME]
        rows = [header]
        for part in self.domains:
            counts = [str(part.count(s)) for s in STATUSES]
            rows.append(
                [f"{part.domain} {part.name}", str(len(part.lines)), *counts, str(part.volatile)]
            )
        every = self.lines()
        total = [str(sum(line.found.status == s for line in every)) for s in STATUSES]
        rows.append(["合计", str(len(every)), *total, str(len(self.volatile()))])
        return rows

    @property
    def has_figures(self) -> bool:
        return self.figures > 0

    @property
    def no_data(self) -> int:
        return sum(line.found.status == NO_DATA for line in self.lines())


def latest_year(kb: KnowledgeBase, indicators: list[Indicator] | None = None) -> int:
    """The latest year any figure is reported for (else stated in a plan; else 2020);
    ``indicators``: ``catalogue(kb)`` when the caller has it already."""
    every = catalogue(kb) if indicators is None else indicators
    years = [o.year for i in every for o in i.target.observations]
    if not years:
        years = [y for i in every if i.target.baseline for y, _ in i.target.baseline.values]
    return max(years, default=2020)


def evaluation(
    kb: KnowledgeBase, year: int, doc: str | None = None, indicators: list[Indicator] | None = None
) -> Evaluation:
    """Every indicator (of ``doc``, when given) assessed with the figures up to ``year``;
    ``indicators``: those of ``catalogue(kb)`` the report covers, when the caller has them."""
    parts: list[DomainPart] = []
    by_domain: dict[tuple[str, str], list[Indicator]] = {}
    for i in catalogue(kb) if indicators is None else indicators:
        by_domain.setdefault((i.doc, i.domain), []).append(i)
    figures = 0
    domains = kb.domains() if doc is None else kb.document(doc).domains
    for domain in domains:
        lines = []
        for i in by_domain.get((domain.doc, domain.id), []):
            item = kb.item(i.doc, i.item_id)
            lead = next((d.name for d in item.departments if d.role == "lead"), "")
            lines.append(Line(i, i.assessment(year), lead))
            figures += sum(o.year <= year for o in i.target.observations)
        if lines:
            parts.append(DomainPart(domain.plan, domain.id, domain.name, tuple(lines)))
    covered = kb.documents if doc is None else (kb.document(doc),)
    region = next((p.region for d in covered for p in d.plans), "")
    kind = KINDS.get(year, "年度监测")
    return Evaluation(region, year, kind, tuple(parts), figures)


def method_paragraphs() -> list[str]:
    """How the status is reached, in the words the report and the site print."""
    return [
        "状态的判断方法：每项指标的数值包括规划原文写明的基线（如 2010 年、2020 年）"
        "和各单位报送的年度监测数据（同一年份以报送数据为准），只用截至报告年份的数值。",
        "已达标：最新数值已达到目标（在目标年份之前达到的称“提前达标”）。",
        "预期可达标：尚未达到，但按近 5 年数值的线性趋势（最小二乘法得出的每年变化量；"
        "近 5 年不足 2 个数值时，用最新数值与其前一个数值——通常是规划基线——之间的变化）"
        "从最新数值推算到目标年份，能达到目标。",
        "预期难以达标：按上述趋势推算达不到目标；或目标年份已到仍未达到；"
        "或只有 1 个数值且未达标、无法判断趋势（为及早预警，按预期难以达标处理）。",
        "无数据：既无基线也无报送数据（以某年为基数的目标，缺少基数年的数值）。",
        "波动较大：近 5 年至少 3 个数值，变化方向发生反转，"
        "且反转幅度（相邻两次反向变化中较小的一次）达到目标值的 5%。",
    ]
