"""Search results for the terminal (Chinese) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from kb.search.engine import Answer, Hit

ROLE_NAMES = {"lead": "牵头", "partner": "配合"}
MAX_DEPARTMENTS = 6


def printable(text: str) -> str:
    """``text`` safe to print: undecodable bytes from the command line become �."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def hits_json(hits: Sequence[Hit]) -> str:
    return json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=1) + "\n"


def batch_json(results: Mapping[str, Sequence[Hit]]) -> str:
    """``{query: [hits]}``, queries in the order given."""
    data = {printable(q): [h.as_dict() for h in hits] for q, hits in results.items()}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def departments_text(hit: Hit) -> str:
    if not hit.departments:
        return "责任单位：（未定）"
    names = [f"{name}（{ROLE_NAMES.get(role, role)}）" for name, role in hit.departments]
    more = len(names) - MAX_DEPARTMENTS
    shown = "、".join(names[:MAX_DEPARTMENTS]) + (f" 等 {len(names)} 个单位" if more > 0 else "")
    return f"责任单位：{shown}"


def nothing_text(query: str, suggestions: Sequence[str]) -> str:
    """Nothing fits ``query``: say so, and name the closest subjects."""
    shown = printable(query.strip())
    if not shown:
        return "没有符合筛选条件的条目。可以放宽筛选条件。"
    lines = [f"没有切合“{shown}”的条目。可以换个说法，或放宽筛选条件。"]
    if suggestions:
        lines.append(f"相近的主题：{'、'.join(suggestions)}（kb links --subject 主题 查看）")
    return "\n".join(lines)


def departments_hint(departments: Sequence[str]) -> str:
    names = "、".join(departments)
    return f"查询中的单位：{names}；该单位负责的全部条目：kb dept {departments[0]}"


def answer_text(query: str, answer: Answer, limit: int) -> str:
    """``hits_text``, or the closest subjects when nothing fits; the departments named."""
    text = (
        hits_text(query, answer.hits, limit)
        if answer.hits
        else nothing_text(query, answer.suggestions)
    )
    return text + ("\n\n" + departments_hint(answer.departments) if answer.departments else "")


def answers_text(results: Mapping[str, Answer], limit: int) -> str:
    return "\n\n".join(answer_text(q, a, limit) for q, a in results.items())


def hits_text(query: str, hits: Sequence[Hit], limit: int) -> str:
    """A numbered list: ID, domain and kind, score; the snippet; the departments."""
    shown = printable(query.strip()) or "（按筛选条件列出）"
    if not hits:
        return nothing_text(query, ())
    several_docs = len({h.doc for h in hits}) > 1
    more = f"显示前 {limit} 条（--limit 可调整）" if len(hits) >= limit else f"共 {len(hits)} 条"
    lines = [f"“{shown}”：{more}"]
    for rank, hit in enumerate(hits, 1):
        ident = f"{hit.doc}:{hit.id}" if several_docs else hit.id
        lines += [
            "",
            f"{rank:>2}. {ident}  {hit.domain_name} · {hit.kind_name}  （得分 {hit.score:.2f}）",
            f"    {hit.snippet}",
            f"    {departments_text(hit)}",
        ]
    return "\n".join(lines)
