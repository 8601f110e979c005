"""What the national template (中国妇女/儿童发展纲要 2021—2030年) fixes for every plan.

Plans of counties, cities and provinces follow the national 纲要: the same
chapters in the same order and, within them, the same development domains.
The parser reads a chapter's role from its title, and checks domain names
against the template's, so that a misspelt name is reported rather than
silently becoming a new domain.
"""

from __future__ import annotations

# A chapter's role, by the words of its title (first match wins).
CHAPTER_ROLES: tuple[tuple[str, str], ...] = (
    ("重点项目", "projects"),
    ("重点工程", "projects"),
    ("专栏", "projects"),
    ("组织实施", "implementation"),
    ("监测评估", "monitoring"),
    ("发展领域", "domains"),
    ("主要目标", "domains"),
    ("策略措施", "domains"),
    ("指导思想", "framework"),
    ("基本原则", "framework"),
    ("总体目标", "framework"),
)
# The parts of the framework chapter, by the start of their heading.
FRAMEWORK_KINDS: tuple[tuple[str, str], ...] = (
    ("指导思想", "guidance"),
    ("基本原则", "principles"),
    ("总体目标", "overall"),
)
# The domains of the national 纲要, in their order.
DOMAINS: dict[str, tuple[str, ...]] = {
    "W": (
        "妇女与健康",
        "妇女与教育",
        "妇女与经济",
        "妇女参与决策和管理",
        "妇女与社会保障",
        "妇女与家庭建设",
        "妇女与环境",
        "妇女与法律",
    ),
    "C": (
        "儿童与健康",
        "儿童与安全",
        "儿童与教育",
        "儿童与福利",
        "儿童与家庭",
        "儿童与环境",
        "儿童与法律保护",
    ),
}


def template_number(plan: str, name: str) -> int | None:
    """The place of a domain in the national template (儿童与安全 → 2), or ``None``.

    A name one typing mistake away from a template name counts as that name.
    """
    names = DOMAINS.get(plan, ())
    if name in names:
        return names.index(name) + 1
    close = [i for i, d in enumerate(names, 1) if edit_distance(name, d) == 1]
    return close[0] if len(close) == 1 else None


def edit_distance(a: str, b: str) -> int:
    """Edits between two names: insertions, deletions, substitutions, and swaps.

    Two neighbouring characters swapped (康健 for 健康) count as one edit, as a
    typing slip does (optimal string alignment distance).
    """
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def domain_name_problem(plan: str, name: str) -> str | None:
    """What looks wrong with a domain's name, in Chinese; None when nothing does.

    A name of the template, or one far from all of them (a local domain such
    as 妇女与数字生活), is fine.  One typing mistake away from a template name,
    or a name of the other plan's template, is reported.
    """
    own = DOMAINS.get(plan, ())
    if name in own:
        return None
    others = [d for p, names in DOMAINS.items() if p != plan for d in names]
    if name in others:
        return f"领域“{name}”属于另一部规划；这部规划的领域名称应为{'、'.join(own)}之一"
    close = [d for d in own if edit_distance(name, d) == 1]
    if close:
        return f"领域名称“{name}”与国家纲要的领域“{close[0]}”只差一个字：是否写错？"
    return None
