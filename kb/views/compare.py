"""Cross-county views: one indicator's targets compared across the documents of a corpus.

``kb compare 孕产妇死亡率`` lists, for every document that sets a numeric target
for the indicator, the value, comparator and year, and how it compares with
the plans above it that the corpus holds: the plans it cites (its city's,
province's, the national 纲要: ``kb.enrich.parents.parent_documents``) and,
when it cites none of them, a national 纲要 of the same plan and period.
``kb compare`` alone lists the indicators that documents set targets for.

An indicator is one name after the normalisation the monitoring and the
parents use (``kb.enrich.status.indicator_key``: spaces and the known aliases
such as 学前三年毛入园率 → 学前教育毛入园率; ``kb.enrich.parents.indicator_key``:
brackets), so the same indicator read from different plans is one row group;
a target's ``scope`` (城市, 农村 …) is kept apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.enrich.parents import indicator_key as bare_key
from kb.enrich.parents import parent_documents, verdict
from kb.enrich.status import indicator_key as alias_key
from kb.errors import NotFoundError
from kb.labels import goal_text
from kb.model import Document, Item, KnowledgeBase, Target
from kb.text import natural_key
from kb.views.tables import Cell, table_csv, write_xlsx

LEVELS = ("国家", "省", "市", "县", "区")
LEVEL_NAMES = {"国家": "国家", "省": "省级", "市": "市级", "县": "县级", "区": "区级"}
VERDICTS = {
    "stricter": "更严",
    "same": "相同",
    "looser": "更宽",
    "different": "写法不同",
    "only-here": "未设此指标",
}
HEADER = ("级别", "地区", "文件", "编号", "指标", "目标", "目标年份", "与上级比较", "原文", "行号")
WIDTHS = (6, 14, 30, 8, 26, 16, 8, 50, 60, 6)


def key(name: str) -> str:
    """The identity of an indicator across documents."""
    return bare_key(alias_key(name))


@dataclass(frozen=True)
class Against:
    """What a plan above the document sets for the same indicator."""

    level: str
    place: str
    doc: str
    item: str  # "" when it sets no numeric target for it
    target: Target | None
    verdict: str  # stricter, same, looser, different, only-here


@dataclass(frozen=True)
class Setting:
    """One document's numeric target for the indicator."""

    document: Document
    item: Item
    target: Target
    against: tuple[Against, ...]

    def against_text(self) -> str:
        parts = []
        for a in self.against:
            who = (
                f"{LEVEL_NAMES.get(a.level, a.level)}（{a.place}）" if a.level != "国家" else "国家"
            )
            if a.target is None:
                parts.append(f"{who}：{VERDICTS['only-here']}")
            else:
                theirs = f"{goal_text(a.target)}，{a.target.year}年，{a.item}"
                parts.append(f"{who}：{VERDICTS[a.verdict]}（{theirs}）")
        return "；".join(parts) if parts else "—"

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc": self.document.slug,
            "level": self.document.level,
            "place": self.document.place,
            "item": self.item.id,
            "indicator": self.target.indicator,
            "scope": self.target.scope,
            "comparator": self.target.comparator,
            "value": self.target.value,
            "unit": self.target.unit,
            "year": self.target.year,
            "goal": goal_text(self.target),
            "phrase": self.target.phrase,
            "line": self.target.line,
            "file": self.item.span.file,
            "against": [
                {
                    "level": a.level,
                    "place": a.place,
                    "doc": a.doc,
                    "item": a.item,
                    "goal": goal_text(a.target) if a.target else "",
                    "year": a.target.year if a.target else None,
                    "verdict": a.verdict,
                }
                for a in self.against
            ],
        }


@dataclass(frozen=True)
class Comparison:
    indicator: str  # the name most documents use
    settings: tuple[Setting, ...]

    @property
    def documents(self) -> int:
        return len({s.document.slug for s in self.settings})

    def extremes(self) -> tuple[Setting, Setting] | None:
        """The strictest and the loosest target, when most targets are comparable."""
        shapes = Counter(
            (s.target.comparator, s.target.unit, s.target.scope) for s in self.settings
        )
        (comparator, unit, scope), _ = shapes.most_common(1)[0]
        alike = [
            s
            for s in self.settings
            if (s.target.comparator, s.target.unit, s.target.scope) == (comparator, unit, scope)
        ]
        if comparator not in ("<=", ">=", "decrease_by", "increase_by") or len(alike) < 2:
            return None
        ordered = sorted(alike, key=lambda s: float(s.target.value or 0))
        low, high = ordered[0], ordered[-1]
        return (low, high) if comparator == "<=" else (high, low)


@dataclass(frozen=True)
class IndicatorCount:
    indicator: str
    documents: int
    targets: int


def _numeric(kb: KnowledgeBase) -> list[tuple[Document, Item, Target]]:
    return [
        (document, item, target)
        for document in kb.documents
        for item in document.items
        for target in item.targets
        if target.value is not None
    ]


def indicator_counts(kb: KnowledgeBase) -> list[IndicatorCount]:
    """Every indicator with a numeric target: how many documents and targets set it."""
    names: dict[str, Counter[str]] = {}
    docs: dict[str, set[str]] = {}
    targets: Counter[str] = Counter()
    for document, _, target in _numeric(kb):
        k = key(target.indicator)
        names.setdefault(k, Counter())[target.indicator] += 1
        docs.setdefault(k, set()).add(document.slug)
        targets[k] += 1
    counts = [IndicatorCount(_name(names[k]), len(docs[k]), targets[k]) for k in names]
    return sorted(counts, key=lambda c: (-c.documents, -c.targets, c.indicator))


def _name(names: Counter[str]) -> str:
    return min(names, key=lambda n: (-names[n], len(n), n))


def _references(document: Document, documents: tuple[Document, ...]) -> list[Document]:
    """The plans above ``document`` in the corpus: those it cites, nearest first, then the
    national 纲要 of the same plan and period when it cites none in the corpus."""
    found: list[Document] = []
    for _, parent in parent_documents(document, documents):
        if parent not in found:
            found.append(parent)
    if document.level != "国家" and not any(d.level == "国家" for d in found):
        own = {(p.id, p.period) for p in document.plans}
        for other in documents:
            if other.level == "国家" and own & {(p.id, p.period) for p in other.plans}:
                found.append(other)
                break
    return found


def _against(target: Target, reference: Document, wanted: str) -> Against:
    candidates = [
        (item, t)
        for item in reference.items
        for t in item.targets
        if t.value is not None and key(t.indicator) == wanted
    ]
    same_scope = [c for c in candidates if c[1].scope == target.scope] or candidates
    if not same_scope:
        return Against(reference.level, reference.place, reference.slug, "", None, "only-here")
    item, theirs = same_scope[0]
    return Against(
        reference.level,
        reference.place,
        reference.slug,
        item.id,
        theirs,
        verdict(target, theirs),
    )


def _level_rank(document: Document) -> int:
    return LEVELS.index(document.level) if document.level in LEVELS else len(LEVELS)


def find_indicator(kb: KnowledgeBase, query: str) -> str:
    """The indicator key ``query`` names: exactly, or the one indicator whose name contains it."""
    counts = indicator_counts(kb)
    wanted = key(query.strip())
    known = {key(c.indicator): c for c in counts}
    if wanted in known:
        return wanted
    keys = {key(t.indicator) for _, _, t in _numeric(kb)}
    if wanted in keys:
        return wanted
    partial = sorted({k for k in keys if wanted and wanted in k})
    if len(partial) == 1:
        return partial[0]
    if partial:
        shown = "、".join(partial[:8]) + (" 等" if len(partial) > 8 else "")
        raise NotFoundError(f"“{query}”对应多个指标：{shown}；请写出完整的指标名称")
    shown = "、".join(c.indicator for c in counts[:5])
    raise NotFoundError(
        f"没有哪份文件为“{query}”设定了有数值的目标；kb compare 不带参数列出全部指标"
        + (f"（如 {shown}）" if shown else "")
    )


def compare(kb: KnowledgeBase, query: str) -> Comparison:
    """Every document's numeric targets for the indicator ``query`` names, compared."""
    wanted = find_indicator(kb, query)
    return _comparisons(kb, {wanted})[wanted]


def comparisons(kb: KnowledgeBase, min_documents: int = 2) -> list[Comparison]:
    """Every indicator that at least ``min_documents`` documents set, in the order of
    ``indicator_counts``; one pass over the corpus."""
    counts = [c for c in indicator_counts(kb) if c.documents >= min_documents]
    found = _comparisons(kb, {key(c.indicator) for c in counts})
    return [found[key(c.indicator)] for c in counts]


def _comparisons(kb: KnowledgeBase, wanted: set[str]) -> dict[str, Comparison]:
    references = {d.slug: _references(d, kb.documents) for d in kb.documents}
    names: dict[str, Counter[str]] = {}
    settings: dict[str, list[Setting]] = {}
    for document, item, target in _numeric(kb):
        k = key(target.indicator)
        if k not in wanted:
            continue
        names.setdefault(k, Counter())[target.indicator] += 1
        against = tuple(_against(target, r, k) for r in references[document.slug])
        settings.setdefault(k, []).append(Setting(document, item, target, against))
    order = {d.slug: n for n, d in enumerate(kb.documents)}

    def sort_key(s: Setting) -> tuple[Any, ...]:
        rank = _level_rank(s.document)
        return (rank, s.document.place, order[s.document.slug], natural_key(s.item.id))

    return {
        k: Comparison(_name(names[k]), tuple(sorted(found, key=sort_key)))
        for k, found in settings.items()
    }


def _indicator_name(target: Target) -> str:
    return f"{target.indicator}（{target.scope}）" if target.scope else target.indicator


def _cells(comparison: Comparison) -> list[list[Cell]]:
    return [
        [
            s.document.level or "—",
            s.document.place or "—",
            s.document.slug,
            s.item.id,
            _indicator_name(s.target),
            goal_text(s.target),
            s.target.year,
            s.against_text(),
            s.target.phrase,
            s.target.line,
        ]
        for s in comparison.settings
    ]


def summary_text(comparison: Comparison) -> str:
    """One line: how many documents set the indicator, the strictest and the loosest."""
    count = len(comparison.settings)
    line = f"“{comparison.indicator}”：{comparison.documents} 份文件设定了 {count} 个有数值的目标"
    extremes = comparison.extremes()
    if extremes is None:
        return line
    strict, loose = extremes
    if strict.target.value == loose.target.value:
        return line + f"；都是 {goal_text(strict.target)}"
    return line + f"；最严 {_holders(comparison, strict)}，最宽 {_holders(comparison, loose)}"


def _holders(comparison: Comparison, setting: Setting) -> str:
    """``≤ 10/10万（青山县）``, or ``≥ 70%（中国等 3 份）`` when several share the value."""
    t = setting.target
    same = [
        s
        for s in comparison.settings
        if (s.target.comparator, s.target.unit, s.target.scope, s.target.value)
        == (t.comparator, t.unit, t.scope, t.value)
    ]
    places = list(dict.fromkeys(s.document.place or s.document.slug for s in same))
    who = places[0] if len(places) == 1 else f"{places[0]}等 {len(places)} 份"
    return f"{goal_text(t)}（{who}）"


def compare_text(comparison: Comparison) -> str:
    lines = [summary_text(comparison), "", " | ".join(HEADER[:8])]
    lines += [" | ".join(str(c) for c in cells[:8]) for cells in _cells(comparison)]
    return "\n".join(lines)


def compare_csv(comparison: Comparison) -> str:
    return table_csv(HEADER, _cells(comparison))


def compare_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "indicator": comparison.indicator,
        "documents": comparison.documents,
        "targets": [s.as_dict() for s in comparison.settings],
    }


def write_compare_xlsx(comparison: Comparison, path: Path) -> None:
    title = f"各地“{comparison.indicator}”目标比较"
    write_xlsx(path, title, HEADER, _cells(comparison), WIDTHS, sheet="指标比较")


COUNT_HEADER = ("指标", "设定目标的文件数", "目标数")


def _count_cells(counts: list[IndicatorCount]) -> list[list[Cell]]:
    return [[c.indicator, c.documents, c.targets] for c in counts]


def counts_text(counts: list[IndicatorCount], documents: int) -> str:
    lines = [f"{documents} 份文件中有数值目标的指标 {len(counts)} 项"]
    lines[0] += "；kb compare 指标名称 比较各文件的目标"
    lines += ["", " | ".join(COUNT_HEADER)]
    lines += [" | ".join(str(c) for c in cells) for cells in _count_cells(counts)]
    return "\n".join(lines)


def counts_csv(counts: list[IndicatorCount]) -> str:
    return table_csv(COUNT_HEADER, _count_cells(counts))


def write_counts_xlsx(counts: list[IndicatorCount], path: Path) -> None:
    write_xlsx(
        path, "各文件设定目标的指标", COUNT_HEADER, _count_cells(counts), (30, 16, 10), sheet="指标"
    )
