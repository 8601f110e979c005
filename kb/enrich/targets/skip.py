"""Numbers that are not targets, and why: years, ages, a hotline, a named period …

After the target rules ran, every Arabic number in the text that is not the
value of a target is classified by ``SKIP_RULES`` (in order; the last,
``unread``, takes the rest) and listed with a short Chinese reason, for
``kb check --verbose``.  Chinese numerals with a measure word (九年, 一所) are
listed too, unless a count rule took one as its value (县级至少有一家…).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kb.enrich.targets.lexicon import NUM, UNIT


@dataclass(frozen=True)
class SkippedNumber:
    """A number in the text that is not the value of any target, and why."""

    phrase: str  # the number with the words that show what it is, e.g. 0-6岁
    reason: str  # Chinese, e.g. 年龄或年龄段（人群描述），不是目标值
    line: int
    method: str  # the rule that classified it


TOKEN = re.compile(rf"{NUM}(?:/{NUM}万)?(?:[-—–~～]{NUM})?")
_CHINESE_COUNT = re.compile(r"(?<!第)[一二三四五六七八九十两]+(?:周岁|岁|年|所|家|名)")
_GAP = r"[ \t\u3000]*"
_AGE = re.compile(rf"{_GAP}(?:周岁|岁|个月|月龄)(?:以下|以上|以内|内)?")
_YEAR = re.compile(r"[0-9]{4}(?:[-—–~～][0-9]{4})?")
_YEAR_UNIT = re.compile(rf"{_GAP}年")
# 76项主要目标, 95条策略措施, 8个领域, 7大优先发展领域, 6个重点项目.
_ITEM_COUNT = re.compile(
    rf"{_GAP}(?:项|条|个|大)[^，。；、]{{0,6}}?"
    r"(?:主要目标|策略措施|主要措施|重点项目|实事项目|领域|指标|目标)"
)
# 未来10年, 今后10年中, 近10年: a span of time, not a value.
_DURATION_BEFORE = ("未来", "今后", "近", "这")
SkipRule = Callable[[str, int, int], tuple[int, int, str] | None]


def year_number(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    unit = _YEAR_UNIT.match(text, end)
    if not _YEAR.fullmatch(text, start, end) or unit is None:
        return None
    stop = unit.end()
    if end - start > 4:
        return start, stop, "年份范围（如规划期），不是目标值"
    if text[start - 1 : start] in ("到", "至"):
        return start, stop, "目标年份（已记入目标的年份）"
    if text[start - 1 : start] == "以" or "为基" in text[end : end + 6]:
        return start, stop, "基期年份（已记入目标的基期）"
    return start, stop, "年份，不是目标值"


def damaged_year(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """到202 年, 到20 0年: a year that lost a digit when it was copied."""
    m = re.match(r"(?:[0-9]{3}|[0-9]{2}[ \u3000][0-9])[ \u3000]*年", text[start:])
    if not m or text[max(0, start - 1) : start] not in ("到", "至", "在"):
        return None
    if end - start == 4:
        return None
    return start, start + m.end(), "年份不完整（复制时可能丢了数字），不是目标值"


def item_count(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    m = _ITEM_COUNT.match(text, end)
    return (start, m.end(), "条目或领域的个数，不是目标值") if m else None


def duration(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    if not text.startswith("年", end) or not text[:start].endswith(_DURATION_BEFORE):
        return None
    return start, end + 1, "时间跨度（未来N年），不是目标值"


def age(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    m = _AGE.match(text, end)
    if m and m.group().strip() in ("", "内"):
        return None
    return (start, m.end(), "年龄或年龄段（人群描述），不是目标值") if m else None


def hotline(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    if "热线" in text[end : end + 8] or "热线" in text[max(0, start - 4) : start]:
        return start, end, "热线号码，不是目标值"
    return None


def named_period(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    if text[max(0, start - 4) : start] == "生命早期" and text.startswith("天", end):
        return start - 4, end + 1, "时期名称（生命早期1000天），不是目标值"
    return None


def unread(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    unit = re.compile(UNIT).match(text, end)
    return start, unit.end() if unit else end, "未识别为目标，请人工核对"


SKIP_RULES: tuple[tuple[str, SkipRule], ...] = (
    ("year_number", year_number),
    ("damaged_year", damaged_year),
    ("item_count", item_count),
    ("duration", duration),
    ("age", age),
    ("hotline", hotline),
    ("named_period", named_period),
    ("unread", unread),
)


def skipped_numbers(
    text: str, line: int, accounted: list[tuple[int, int]]
) -> Iterator[tuple[int, SkippedNumber]]:
    """The numbers of ``text`` outside the ``accounted`` spans, each with its position."""
    for token in TOKEN.finditer(text):
        start, end = token.span()
        if any(a < end and start < b for a, b in accounted):
            continue
        for name, rule in SKIP_RULES:
            if found := rule(text, start, end):
                first, last, reason = found
                yield start, SkippedNumber(text[first:last], reason, line, name)
                break
    for m in _CHINESE_COUNT.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in accounted):
            continue  # the value of a count: 县级至少有一家…
        reason = "中文数字计数，不读作目标值，请人工核对"
        if m.group().endswith("岁"):
            reason = "年龄（中文数字），不是目标值"
        yield m.start(), SkippedNumber(m.group(), reason, line, "chinese_numeral")
