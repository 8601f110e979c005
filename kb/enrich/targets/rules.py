"""The numeric target rules of values, most specific first: one function per way of stating one.

Each rule finds its pattern in the text and yields what it read (``Found``): the
span, its targets and the spans of their values.  ``VALUE_RULES`` is the order
the engine (``kb.enrich.targets.extract``) runs them in, after the counts of
``kb.enrich.targets.counts``: a 以…为基数 change or a 分别 list is read before the
plain ``indicator verb value`` of ``simple_value``.  The phrases' pieces (verbs,
values, units, tails, scopes) are ``kb.enrich.targets.lexicon``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kb.enrich.targets.lexicon import (
    BOUNDARY,
    CORE,
    GAP,
    NUM,
    TAIL,
    UNIT,
    VALUE,
    VERB,
    clean_indicator,
    comparator,
    complete_name,
    distribute,
    is_fraction,
    is_name,
    normalize_unit,
    read_value,
    split_names,
    split_scope,
    split_shared,
    unit_fits,
)
from kb.enrich.targets.scan import Found, Rule, Scan
from kb.text import BLANKS

_CHANGE_UNIT = r"%|％|‰|个百分点|个千分点"
_RELATIVE = re.compile(
    rf"(?:(?:以|在){GAP}(?P<year>[0-9]{{4}}){GAP}年的?(?:数据|水平)?(?:为)?"
    rf"(?:基数|基础|基准|基期)上?[，,]?{GAP})?"
    rf"(?P<per>每年)?(?P<verb>下降|降低|减少|提高|提升|增长|增加|上升)(?!了)"
    rf"{GAP}(?P<num>{VALUE}){GAP}(?P<unit>{_CHANGE_UNIT})?"
    rf"(?:(?:到|至|-|—|~){GAP}{NUM}{GAP}(?P<unit2>{_CHANGE_UNIT})?)?(?:以上)?"
)


def relative_change(scan: Scan) -> Iterator[Found]:
    """以2020年为基数下降20%; 每年降低0.5个百分点以上; 以2020年为基础下降1/6; 下降3%."""
    for m in _RELATIVE.finditer(scan.text):
        unit = normalize_unit(m["unit"] or m["unit2"] or "")
        fraction = is_fraction(m["num"])
        if not unit and not fraction:
            continue  # 下降3 with no unit is no change we can read
        if not m["year"] and not m["per"] and unit not in ("%", "‰") and not fraction:
            continue  # a bare 下降0.3个千分点 reports a change; a target names its base
        start = scan.clause_start(m.start())
        name = clean_indicator(scan.text[start : m.start()])
        value = read_value(m["num"])
        if not is_name(name) or value is None:
            continue
        change = "decrease_by" if m["verb"] in ("下降", "降低", "减少") else "increase_by"
        unit = "%" if fraction else unit
        name, scope = split_scope(name)
        target = scan.target(name, change, value, unit, start, m.end(), scope)
        base = int(m["year"]) if m["year"] else None
        target = replace(target, base_year=base, per_year=bool(m["per"]))
        scan.remember(start, name)
        yield Found(start, m.end(), (target,), (m.span("num"),))


_VALUES = rf"{NUM}{GAP}(?:{UNIT})?(?:{GAP}[、和及与]{GAP}{NUM}{GAP}(?:{UNIT})?)+"
_RESPECTIVELY = re.compile(
    rf"分别(?:(?P<verb>{VERB})|为)?{GAP}(?P<values>{_VALUES})(?P<tail>{TAIL})?"
)
_ONE_VALUE = re.compile(rf"(?P<num>{NUM}){GAP}(?P<unit>{UNIT})?")


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
        if not units[-1]:
            continue
        how = comparator(m["verb"] or "", m["tail"])
        targets = []
        for name, v, unit in zip(distribute(names), values, units, strict=True):
            name, scope = split_scope(complete_name(name, unit))
            targets.append(
                scan.target(name, how, read_value(v["num"]), unit, start, m.end(), scope)
            )
        yield Found(start, m.end(), tuple(targets), spans)


_SHARE = rf"{NUM}(?:%|％)(?:以上|及以上)?的[^{BOUNDARY}%％]+?"
_PREFIXED = re.compile(
    rf"(?P<chain>{_SHARE}(?:[和、]{_SHARE})*)"
    rf"(?P<predicate>(?:在|接受|建立|设立|建设|建成|参加|开展|享有|拥有|掌握|具备|配备|实现)"
    rf"[^{BOUNDARY}]*)"
)
_SHARE_PART = re.compile(
    rf"(?P<num>{NUM})(?:%|％)(?P<tail>以上|及以上)?的(?P<who>[^{BOUNDARY}%％]+?)(?=[和、][0-9０-９]|$)"
)


def prefixed_share(scan: Scan) -> Iterator[Found]:
    """95%的城市社区和85%的农村社区(村)建立家长学校 → two minimum shares, 城市 and 农村.

    The indicator is the group and what it does, plus 的比例:
    城市社区建立家长学校或家庭教育指导服务站点的比例 >= 95%.
    """
    for m in _PREFIXED.finditer(scan.text):
        predicate = m["predicate"]
        chain = m["chain"]
        targets, spans = [], []
        for part in _SHARE_PART.finditer(chain):
            value = read_value(part["num"])
            name, scope = split_scope(f"{part['who']}{predicate}的比例")
            targets.append(scan.target(name, ">=", value, "%", m.start(), m.end(), scope))
            offset = m.start("chain")
            spans.append((offset + part.start("num"), offset + part.end("num")))
        if targets:
            yield Found(m.start(), m.end(), tuple(targets), tuple(spans))


_SPLIT_VERB = re.compile(
    rf"(?P<verb>控制|保持|稳定|维持)(?P<name>[^{BOUNDARY}在]{{2,24}}?)在{GAP}"
    rf"(?P<num>{VALUE}){GAP}(?P<unit>{UNIT})(?P<tail>{TAIL})?"
)


def split_verb(scan: Scan) -> Iterator[Found]:
    """控制孕产妇死亡率在11/10万以下: the verb on both sides of the indicator."""
    for m in _SPLIT_VERB.finditer(scan.text):
        name = clean_indicator(m["name"])
        value = read_value(m["num"])
        unit = normalize_unit(m["unit"])
        if not is_name(name) or value is None or not unit_fits(name, unit):
            continue
        how = comparator(f"{m['verb']}在", m["tail"])
        name, scope = split_scope(name)
        target = scan.target(name, how, value, unit, m.start(), m.end(), scope)
        yield Found(m.start(), m.end(), (target,), (m.span("num"),))


_SIMPLE = re.compile(CORE)


def simple_value(scan: Scan) -> Iterator[Found]:
    """孕产妇死亡率下降到12/10万以下; 达70%以上; A率和B率均保持在90%以上 (two targets).

    A clause that names no indicator takes the one read last in its sentence:
    到2025年达到50%、到2030年达到70%; 城市达到99%，农村达到97%.
    """
    for m in _SIMPLE.finditer(scan.text):
        start = scan.clause_start(m.start())
        if scan.text[start : m.start()].rstrip(BLANKS).endswith("分别"):
            continue  # a 分别 list respectively() could not read: one value is not all
        cleaned = clean_indicator(scan.text[start : m.start()])
        name, scope = split_scope(cleaned)
        if not is_name(name):
            # 农村达到97%, ——到2030年达到70%: the indicator named before
            name = scan.carried_name(start) if scope or not cleaned else ""
        value = read_value(m["num"])
        unit = normalize_unit(m["unit"] or "")
        if is_fraction(m["num"]) and not unit:
            if scan.text.startswith("的", m.end()):
                continue  # 达到三分之一的村: a share of a group, not a value
            unit = "%"
        if not is_name(name) or value is None or not unit or not unit_fits(name, unit):
            continue
        how = comparator(m["verb"], m["tail"])
        targets = tuple(
            scan.target(complete_name(part, unit), how, value, unit, start, m.end(), scope)
            for part in split_shared(name)
        )
        scan.remember(start, name)
        yield Found(start, m.end(), targets, (m.span("num"),))


VALUE_RULES: tuple[tuple[str, Rule], ...] = (
    ("relative_change", relative_change),
    ("respectively", respectively),
    ("prefixed_share", prefixed_share),
    ("split_verb", split_verb),
)
LAST_RULES: tuple[tuple[str, Rule], ...] = (("simple_value", simple_value),)
