"""``kb links``: the cross-links as plain data (JSON) and as a Chinese text view.

``links_data`` is the whole picture in one JSON-ready dict -- domain pairs,
shared subjects with their items, shared indicators with both plans' targets --
read from the knowledge base the links enricher filled in
(``kb.enrich.links``, ``kb.enrich.indicators``).  ``links_text`` formats the
same data for the terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from kb.errors import NotFoundError
from kb.labels import PLAN_NAMES, goal_text
from kb.model import DomainLink, IndicatorTarget, KnowledgeBase, SharedIndicator

KIND_NAMES = {"counterpart": "对应", "partial": "部分"}


def counterparts(links: Sequence[DomainLink]) -> set[tuple[str, str, str]]:
    """The domain pairs that are each other's strongest link (对应领域); the rest are partial."""
    strongest: dict[tuple[str, str], DomainLink] = {}
    for link in links:  # sorted strongest first, so the first one seen wins
        strongest.setdefault((link.doc, link.women), link)
        strongest.setdefault((link.doc, link.children), link)
    return {
        (d.doc, d.women, d.children)
        for d in links
        if strongest[(d.doc, d.women)] is d and strongest[(d.doc, d.children)] is d
    }


def summary(t: IndicatorTarget) -> str:
    """The target in a few characters, e.g. ``≥ 99%`` or ``提高（定性）``."""
    return "未设目标" if t.target is None else goal_text(t.target)


def verdict(c: SharedIndicator) -> str:
    """目标相同 / 目标不同 / 无法比较, with the targets compared."""
    w = next((t for t in c.women if t.target is not None), None)
    k = next((t for t in c.children if t.target is not None), None)
    if c.same is None or w is None or k is None:
        return "无法比较（至少一部规划未设目标）"
    if c.same:
        return f"目标相同（{summary(w)}）"
    return f"目标不同（妇女规划 {summary(w)}，儿童规划 {summary(k)}）"


def pair_counts(kb: KnowledgeBase) -> Counter[tuple[str, str, str]]:
    """(doc, women's domain, children's domain) → how many item pairs link them."""
    return Counter(
        (i.doc, i.domain, kb.item(r.doc, r.id).domain)
        for i in kb.items()
        if i.plan == "W"
        for r in i.related
    )


def links_data(kb: KnowledgeBase, subject: str | None = None) -> dict[str, Any]:
    """Domain pairs, shared subjects and shared indicators; ``subject`` narrows the last two."""
    pairs = pair_counts(kb)
    matching = counterparts(kb.domain_links)
    subjects = [s for s in kb.shared_subjects if _wanted(s.name, subject)]
    indicators = [c for c in kb.shared_indicators if _wanted(c.indicator, subject)]
    if subject is not None and not subjects and not indicators:
        raise NotFoundError(
            f"没有名称含“{subject}”的共同主题。不带 --subject 运行 kb links 可列出全部共同主题"
        )
    linked = [i for i in kb.items() if i.related]
    return {
        "domain_links": [
            {
                "doc": d.doc,
                "women": d.women,
                "women_name": kb.domain(d.doc, d.women).name,
                "children": d.children,
                "children_name": kb.domain(d.doc, d.children).name,
                "strength": d.strength,
                "kind": "counterpart" if (d.doc, d.women, d.children) in matching else "partial",
                "links": pairs[(d.doc, d.women, d.children)],
                "why": list(d.why),
            }
            for d in kb.domain_links
        ],
        "subjects": [
            {
                "doc": s.doc,
                "name": s.name,
                "indicator": s.indicator,
                "women": list(s.women),
                "children": list(s.children),
                "links": s.links,
                "domains": list(s.domains),
            }
            for s in subjects
        ],
        "indicators": [
            {
                "doc": c.doc,
                "indicator": c.indicator,
                "verdict": verdict(c),
                "women": [_target_data(t) for t in c.women],
                "children": [_target_data(t) for t in c.children],
            }
            for c in indicators
        ],
        "summary": {
            "linked_items": len(linked),
            "linked_women": sum(i.plan == "W" for i in linked),
            "linked_children": sum(i.plan == "C" for i in linked),
            "items": len(kb.items()),
            "pairs": sum(pairs.values()),
        },
    }


def _wanted(name: str, subject: str | None) -> bool:
    return subject is None or subject in name


def _target_data(t: IndicatorTarget) -> dict[str, Any]:
    target = t.target
    return {
        "id": t.id,
        "phrase": target.phrase if target else "",
        "comparator": target.comparator if target else "",
        "value": target.value if target else None,
        "unit": target.unit if target else "",
        "summary": summary(t),
    }


def links_text(data: dict[str, Any]) -> str:
    """The Chinese view of ``links_data``."""
    lines: list[str] = []
    if data["domain_links"]:
        lines.append("领域对应（强度：两个领域的每个条目在对方领域中最相关条目的相关度，取平均）")
        for d in data["domain_links"]:
            lines.append(
                f"  {_pair(d['women'], d['women_name'], d['children'], d['children_name'])}"
                f"  {KIND_NAMES[d['kind']]}  强度 {d['strength']:.3f}  关联 {d['links']} 对"
                f"  共同主题：{'、'.join(d['why'])}"
            )
        lines.append("")
    lines += _subject_lines(data)
    if data["indicators"]:
        lines.append("")
        lines.append(f"共同指标 {len(data['indicators'])} 个（两部规划都设了目标）")
        for c in data["indicators"]:
            lines.append(f"  {c['indicator']}：{c['verdict']}")
            for plan, key in (("W", "women"), ("C", "children")):
                for t in c[key]:
                    lines.append(f"    {t['id']}  {PLAN_NAMES[plan]}：“{t['phrase']}”")
    s = data["summary"]
    lines.append("")
    lines.append(
        f"共 {s['linked_items']} 条主要目标和策略措施（全部 {s['items']} 条）有跨规划关联："
        f"妇女规划 {s['linked_women']} 条，儿童规划 {s['linked_children']} 条；"
        f"关联 {s['pairs']} 对。查看一条的关联：kb show 编号"
    )
    return "\n".join(lines)


def _pair(women: str, women_name: str, children: str, children_name: str) -> str:
    return f"{women} {women_name} ↔ {children} {children_name}"


def _subject_lines(data: dict[str, Any]) -> list[str]:
    names = {}
    for d in data["domain_links"]:
        names[(d["doc"], d["women"])] = d["women_name"]
        names[(d["doc"], d["children"])] = d["children_name"]
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {
        (d["doc"], d["women"], d["children"]): [] for d in data["domain_links"]
    }
    other: list[dict[str, Any]] = []
    for s in data["subjects"]:
        groups.get((s["doc"], *s["domains"]), other).append(s)
    lines = [f"共同主题 {len(data['subjects'])} 个（↔ 左边是妇女规划的条目，右边是儿童规划的条目）"]
    for (doc, women, children), subjects in groups.items():
        if subjects:
            lines.append(f"  {_pair(women, names[(doc, women)], children, names[(doc, children)])}")
            lines += [_subject_line(s) for s in subjects]
    if other:
        lines.append("  其他领域之间")
        lines += [_subject_line(s) for s in other]
    return lines


def _subject_line(s: dict[str, Any]) -> str:
    mark = "（共同指标）" if s["indicator"] else ""
    items = f"{'、'.join(s['women'])} ↔ {'、'.join(s['children'])}"
    return f"    {s['name']}{mark}（{s['links']} 对）：{items}"
