"""Direction-only target rules: 逐步提高, 持续下降, 全覆盖 … (``value=None``).

The engine (``kb.targets``) runs these only with ``qualitative=True``: for
主要目标, not for 策略措施, where the same verbs describe actions rather than
outcomes.  Even then the indicator must be measurable (``is_measurable``):
健康水平不断提高 or 能力明显增强 give nothing.  A missed target is better than an
invented one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.enrich.targets.lexicon import clean_indicator, is_measurable, is_name, split_shared
from kb.enrich.targets.scan import Found, Rule, Scan

INCREASE_VERBS = ("提高", "提升", "增加", "延长")

_AFTER = re.compile(
    r"(?P<name>.+?)(?:进一步)?(?:巩固)?(?:逐步|持续|不断|明显|稳步|显著)?"
    r"(?P<verb>提高|提升|增加|延长|下降|降低|缩小|减少)"
)
_BEFORE = re.compile(
    r"(?:并且|同时)?(?:逐步|稳步|不断|持续|进一步)?(?P<verb>提高|提升|增加|降低|缩小|减少)"
    r"(?P<name>.+)"
)
_STATE = re.compile(r"(?:基本实现|实现)?(?P<name>.+?)(?P<state>全覆盖|基本消除|得到有效控制)")


def _direction(verb: str) -> str:
    return "increase" if verb in INCREASE_VERBS else "decrease"


def _whole_clauses(
    scan: Scan, pattern: re.Pattern[str]
) -> Iterator[tuple[int, int, re.Match[str], str]]:
    """Free clauses that ``pattern`` matches whole, with the indicator name cleaned."""
    for start, end in scan.clauses():
        m = pattern.fullmatch(scan.text, start, end)
        if m is not None:
            yield start, end, m, clean_indicator(m["name"])


def _directions(scan: Scan, pattern: re.Pattern[str]) -> Iterator[Found]:
    for start, end, m, name in _whole_clauses(scan, pattern):
        if is_measurable(name):
            how = _direction(m["verb"])
            names = split_shared(name)
            yield Found(start, end, tuple(scan.target(n, how, None, "", start, end) for n in names))


def direction_after(scan: Scan) -> Iterator[Found]:
    """乳腺癌人群筛查率逐步提高; 女职工职业病发病率明显降低."""
    return _directions(scan, _AFTER)


def direction_before(scan: Scan) -> Iterator[Found]:
    """提高生育保险参保率; 稳步提高农村卫生厕所普及率; 缩小两性家务劳动时间差距."""
    return _directions(scan, _BEFORE)


def achieve_state(scan: Scan) -> Iterator[Found]:
    """实现基本养老保险法定参保人员全覆盖; 女性青壮年文盲基本消除."""
    for start, end, m, name in _whole_clauses(scan, _STATE):
        if is_name(name):
            target = scan.target(name + m["state"], "achieve", None, "", start, end)
            yield Found(start, end, (target,))


QUALITATIVE_RULES: tuple[tuple[str, Rule], ...] = (
    ("direction_after", direction_after),
    ("direction_before", direction_before),
    ("achieve_state", achieve_state),
)
