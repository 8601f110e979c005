"""Numbers that look like targets but report what was already reached: refused first.

Prefaces, monitoring reports and news quote values in the words targets use
(婴儿死亡率由2020年的5.4‰下降到5‰; 2021年全国孕产妇死亡率为16.1/10万; 已分别降至…).
These rules run before the target rules and claim what they refuse, with the
reason, so that no target rule reads it.  Each is named for what it recognises:

    baseline_change   从/由 [2010年的] 值 下降到/提高至 [2020年的] 值
    past_comparison   比上年/较2012年 … 下降了 …, 与上年持平
    past_year         2018年… (a year before the plan's period) … 达到 78.4岁
    result_marker     已…, 历史最低, 只有/仅占…, 一直保持在…, 实现了…
    retrospective     截至2020年, 五年来, 实施以来, 数据显示, 经过…努力: to the end
                      of the paragraph, everything is a result

A plan's own goals never use these words, so they cost no target of the plans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.enrich.targets.lexicon import GAP, NUM, UNIT, VALUE
from kb.enrich.targets.scan import Found, Rule, Scan

_NUMBER = re.compile(rf"{NUM}(?:{UNIT})?")
_YEAR = r"(?:19|20)[0-9]{2}[ \t\u3000]*年(?:底|末)?"
_VALUES = rf"{VALUE}{GAP}(?:{UNIT})?(?:[、和,，]{GAP}{VALUE}{GAP}(?:{UNIT})?)*"
_CHANGE = r"(?:(?:下降|降低|减少|上升|提高|提升|增长|增加|扩大)(?:到|至|为)|降至|降到|增至|升至)"

_BASELINE = re.compile(
    rf"(?:分别)?(?:从|由)(?:{_YEAR}的?)?{GAP}{_VALUES}[,，]?{GAP}(?:分别)?{_CHANGE}"
    rf"{GAP}(?:{_YEAR}的?)?{GAP}{_VALUES}"
)
_COMPARISON = re.compile(
    rf"(?:比|较|与|同比)(?:上年|去年|同期|上届|上一年|{_YEAR})"
    r"(?:相比|持平|基础上)?"
)
_PAST_YEAR = re.compile(
    r"(?<![到至在于计争保以])(?P<year>(?:19|20)[0-9]{2})[ \t\u3000]*年(?:底|末)?"
    r"(?!的|数据|水平|为基|基础|以来|至|到|—|-)"
)
_MARKER = re.compile(
    r"已经?|历史最|只有|只占|仅占|仅为|一直|以前|实现了|达到了|下降了|提高了|"
    r"位居|居于|排位|排名"
)
_RETROSPECTIVE = re.compile(
    r"截至|截止|[一二三四五六七八九十0-9]+年来|近年来|以来|"
    r"(?:数据|监测|统计|结果|调查|报告)显示|经过[^。；;]{0,12}努力"
)

SENTENCE_REASON = "回顾或监测的结果（“{word}”），不是目标"


def _numbers(scan: Scan, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _NUMBER.finditer(scan.text, start, end))


def _refuse(scan: Scan, start: int, end: int, reason: str) -> Found:
    start = min(scan.free_from(start), end)
    return Found(start, end, values=_numbers(scan, start, end), reason=reason)


def baseline_change(scan: Scan) -> Iterator[Found]:
    """婴儿死亡率由2020年的5.4‰下降到5‰: a change already made, from one value to another."""
    for m in _BASELINE.finditer(scan.text):
        start = scan.clause_start(m.start())
        yield _refuse(scan, start, m.end(), "基线或已取得的变化（从…到…），不是目标")


def past_comparison(scan: Scan) -> Iterator[Found]:
    """比上年降低6.6%, 较2012年(…)下降18.78%: the sentence reports a change since."""
    for m in _COMPARISON.finditer(scan.text):
        years = re.findall(r"(?:19|20)[0-9]{2}", m.group())
        base = (scan.first_year - 1, scan.first_year) if scan.first_year is not None else ()
        if years and int(years[0]) in base:
            continue  # 较2020年下降20% in a 2021—2030 plan is a target; 比2023年… reports
        start, end = scan.sentence_start(m.start()), scan.sentence_end(m.end())
        yield _refuse(scan, start, end, f"与过去比较（“{m.group()}”），是监测结果，不是目标")


def past_year(scan: Scan) -> Iterator[Found]:
    """2018年人均预期寿命达到78.4岁, in a 2022—2025 plan: a year already past."""
    if scan.first_year is None:
        return
    for m in _PAST_YEAR.finditer(scan.text):
        if int(m["year"]) >= scan.first_year:
            continue
        start, end = scan.sentence_start(m.start()), scan.sentence_end(m.end())
        yield _refuse(scan, start, end, f"{m['year']}年的数值，早于规划期，是监测结果，不是目标")


def result_marker(scan: Scan) -> Iterator[Found]:
    """已分别降至…, 达到历史最优, 只占2.73%, 一直保持在70%以上: the sentence reports."""
    for m in _MARKER.finditer(scan.text):
        start, end = scan.sentence_start(m.start()), scan.sentence_end(m.end())
        yield _refuse(scan, start, end, SENTENCE_REASON.format(word=m.group()))


def retrospective(scan: Scan) -> Iterator[Found]:
    """截至2020年, 五年来, 数据显示: what follows, to the end of the paragraph, is a result."""
    for m in _RETROSPECTIVE.finditer(scan.text):
        start = scan.sentence_start(m.start())
        end = scan.text.find("\n", m.end())
        end = len(scan.text) if end < 0 else end
        yield _refuse(scan, start, end, SENTENCE_REASON.format(word=m.group()))


REFUSAL_RULES: tuple[tuple[str, Rule], ...] = (
    ("retrospective", retrospective),
    ("result_marker", result_marker),
    ("past_year", past_year),
    ("past_comparison", past_comparison),
    ("baseline_change", baseline_change),
)
