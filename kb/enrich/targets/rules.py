"""The numeric target rules, most specific first: one function per way of stating a value.

Each rule finds its pattern in the text and yields what it read (``Found``): the
span, its targets and the spans of their values.  ``NUMERIC_RULES`` is the order
the engine (``kb.targets``) runs them in: a 分别 list or a 以…为基数 change is
read before the plain ``indicator verb value`` of ``simple_value``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kb.enrich.targets.lexicon import (
    BOUNDARY,
    CORE,
    NUM,
    TAIL,
    UNIT,
    VERB,
    clean_indicator,
    comparator,
    complete_name,
    distribute,
    finite_value,
    is_name,
    normalize_unit,
    split_names,
    split_shared,
)
from kb.enrich.targets.scan import Found, Rule, Scan
from kb.text import BLANKS, HAN


def _named_values(
    scan: Scan, pattern: re.Pattern[str]
) -> Iterator[tuple[re.Match[str], int, str, float]]:
    """Matches with an indicator name in front (from the clause start) and a finite value."""
    for m in pattern.finditer(scan.text):
        start = scan.clause_start(m.start())
        name = clean_indicator(scan.text[start : m.start()])
        value = finite_value(m["num"])
        if is_name(name) and value is not None:
            yield m, start, name, value


_RELATIVE = re.compile(
    rf"以(?P<year>[0-9]{{4}})年的?(?:数据|水平)?为基[数期准]，?"
    rf"(?P<verb>下降|降低|减少|提高|提升|增长|增加|上升)(?P<num>{NUM})(?P<unit>%|％|‰|个百分点)?"
)


def relative_change(scan: Scan) -> Iterator[Found]:
    """儿童伤害死亡率以2020年数据为基数下降20% → decrease_by 20%, base year 2020."""
    for m, start, name, value in _named_values(scan, _RELATIVE):
        change = "decrease_by" if m["verb"] in ("下降", "降低", "减少") else "increase_by"
        unit = normalize_unit(m["unit"] or "")
        target = scan.target(name, change, value, unit, start, m.end())
        target = replace(target, base_year=int(m["year"]))
        yield Found(start, m.end(), (target,), (m.span("num"),))


_VALUES = rf"{NUM}(?:{UNIT})?(?:[、和及与]{NUM}(?:{UNIT})?)+"
_RESPECTIVELY = re.compile(rf"分别(?:(?P<verb>{VERB})|为)?(?P<values>{_VALUES})(?P<tail>{TAIL})?")
_ONE_VALUE = re.compile(rf"(?P<num>{NUM})(?P<unit>{UNIT})?")


def respectively(scan: Scan) -> Iterator[Found]:
    """新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、5.0‰和6.0‰以下 → three targets."""
    for m in _RESPECTIVELY.finditer(scan.text):
        start = scan.clause_start(m.start())
        names = split_names(clean_indicator(scan.text[start : m.start()]))
        values = list(_ONE_VALUE.finditer(scan.text, m.start("values"), m.end("values")))
        spans = tuple(v.span("num") for v in values)
        if not names or len(names) != len(values):
            yield Found(start, m.end(), values=spans, reason="分别列举的指标与数值个数不一致")
            continue
        units = [normalize_unit(v["unit"] or "") for v in values]
        for i in range(len(units) - 2, -1, -1):
            units[i] = units[i] or units[i + 1]  # 10和5% → both %
        how = comparator(m["verb"] or "", m["tail"])
        targets = tuple(
            scan.target(
                complete_name(name, unit), how, finite_value(v["num"]), unit, start, m.end()
            )
            for name, v, unit in zip(distribute(names), values, units, strict=True)
        )
        yield Found(start, m.end(), targets, spans)


_SHARE = rf"{NUM}(?:%|％)的[^{BOUNDARY}%％]+?"
_PREFIXED = re.compile(
    rf"(?P<chain>{_SHARE}(?:[和、]{_SHARE})*)"
    rf"(?P<predicate>(?:在|接受|建立|设立|参加|开展|享有|拥有|掌握|具备|配备)[^{BOUNDARY}]*)"
)
_SHARE_PART = re.compile(
    rf"(?P<num>{NUM})(?:%|％)的(?P<who>[^{BOUNDARY}%％]+?)(?=[和、][0-9０-９]|$)"
)


def prefixed_share(scan: Scan) -> Iterator[Found]:
    """95%的城市社区和85%的农村社区(村)建立家长学校 → two minimum shares.

    The indicator is the group and what it does, plus 的比例:
    城市社区建立家长学校或家庭教育指导服务站点的比例 >= 95%.
    """
    for m in _PREFIXED.finditer(scan.text):
        predicate = m["predicate"]
        chain = m["chain"]
        targets, spans = [], []
        for part in _SHARE_PART.finditer(chain):
            value = finite_value(part["num"])
            name = f"{part['who']}{predicate}的比例"
            targets.append(scan.target(name, ">=", value, "%", m.start(), m.end()))
            offset = m.start("chain")
            spans.append((offset + part.start("num"), offset + part.end("num")))
        if targets:
            yield Found(m.start(), m.end(), tuple(targets), tuple(spans))


_PER = re.compile(rf"(?P<per>每[千万百十]?[名所个户位][^{BOUNDARY}、拥]{{1,8}}?)拥有")
_PER_PART = re.compile(rf"(?P<name>[^、]+?){CORE}")


def per_population(scan: Scan) -> Iterator[Found]:
    """每千名儿童拥有儿科执业(助理)医生达到1.12名、床位增至3.17张 → two targets."""
    for m in _PER.finditer(scan.text):
        end = scan.clause_end(m.end())
        targets, spans = [], []
        for piece in re.finditer(r"[^、]+", scan.text[m.end() : end]):
            part = _PER_PART.fullmatch(scan.text, m.end() + piece.start(), m.end() + piece.end())
            if part is None:
                continue
            unit = normalize_unit(part["unit"])
            name = f"{m['per']}{part['name']}数"
            how = comparator(part["verb"], part["tail"])
            targets.append(scan.target(name, how, finite_value(part["num"]), unit, m.start(), end))
            spans.append(part.span("num"))
        if targets:
            yield Found(m.start(), end, tuple(targets), tuple(spans))


_STAFF = re.compile(
    rf"(?P<verb>至少各配备|至少配备|各配备|配备|有)(?P<num>{NUM})名(?P<tail>以上)?"
    rf"(?P<what>[^{BOUNDARY}]+)"
)


def staffing_count(scan: Scan) -> Iterator[Found]:
    """县四班子中，至少各配备1名女干部 / 每所镇卫生院…至少配备2名…医生."""
    holder, holder_sentence = "", -1
    for m in _STAFF.finditer(scan.text):
        start = scan.clause_start(m.start())
        own = scan.text[start : m.start()]
        previous = scan.previous_clause(start) if not own.strip(BLANKS) else None
        if previous and previous[1].endswith("中"):
            start, own = previous
        own = clean_indicator(own)
        if m["verb"] == "有" and not own.endswith("中"):
            continue  # 有N名 only in 某某班子中有1名以上女干部
        own = own.removesuffix("中")
        sentence = scan.sentence_start(m.start())
        if not own and sentence == holder_sentence:
            own = holder  # 至少配备2名… after 每所…至少配备1名…
        if not is_name(own):
            continue
        holder, holder_sentence = own, sentence
        how = ">=" if m["verb"].startswith("至少") or m["tail"] else "="
        name = f"{own}{m['what']}人数"
        target = scan.target(name, how, finite_value(m["num"]), "名", start, m.end())
        yield Found(start, m.end(), (target,), (m.span("num"),))


_DAILY = re.compile(rf"每天至少(?P<num>{NUM})(?P<unit>小时|分钟)(?P<what>[^{BOUNDARY}]+)")


def daily_minimum(scan: Scan) -> Iterator[Found]:
    """保障儿童每天至少1小时中等及以上强度的运动 → 儿童每天…运动时间 >= 1小时."""
    for m in _DAILY.finditer(scan.text):
        start = scan.clause_start(m.start())
        who = clean_indicator(scan.text[start : m.start()]).removeprefix("保障")
        name = f"{who}每天{m['what']}时间"
        target = scan.target(name, ">=", finite_value(m["num"]), m["unit"], start, m.end())
        yield Found(start, m.end(), (target,), (m.span("num"),))


_GROUP_ITEM = rf"[{HAN}]{{2,5}}?(?:达到|不少于){NUM}(?:小时|分钟)"
_GROUPED = re.compile(rf"时间(?P<items>{_GROUP_ITEM}(?:、{_GROUP_ITEM})+)")
_GROUP_PART = re.compile(
    rf"(?P<who>[{HAN}]{{2,5}}?)(?:达到|不少于)(?P<num>{NUM})(?P<unit>小时|分钟)"
)


def grouped_durations(scan: Scan) -> Iterator[Found]:
    """每天睡眠时间小学生达到10小时、初中生达到9小时 → one target per group."""
    for m in _GROUPED.finditer(scan.text):
        start = scan.clause_start(m.start())
        name = clean_indicator(scan.text[start : m.start("items")])
        targets, spans = [], []
        for part in _GROUP_PART.finditer(scan.text, m.start("items"), m.end("items")):
            value = finite_value(part["num"])
            who = f"{part['who']}{name}"
            targets.append(scan.target(who, ">=", value, part["unit"], start, m.end()))
            spans.append(part.span("num"))
        yield Found(start, m.end(), tuple(targets), tuple(spans))


_SIMPLE = re.compile(CORE)


def simple_value(scan: Scan) -> Iterator[Found]:
    """孕产妇死亡率下降到12/10万以下; A率和B率保持在90%以上 (one value, two targets)."""
    for m, start, name, value in _named_values(scan, _SIMPLE):
        unit = normalize_unit(m["unit"])
        how = comparator(m["verb"], m["tail"])
        targets = tuple(
            scan.target(complete_name(part, unit), how, value, unit, start, m.end())
            for part in split_shared(name)
        )
        yield Found(start, m.end(), targets, (m.span("num"),))


NUMERIC_RULES: tuple[tuple[str, Rule], ...] = (
    ("relative_change", relative_change),
    ("respectively", respectively),
    ("prefixed_share", prefixed_share),
    ("per_population", per_population),
    ("staffing_count", staffing_count),
    ("daily_minimum", daily_minimum),
    ("grouped_durations", grouped_durations),
    ("simple_value", simple_value),
)
