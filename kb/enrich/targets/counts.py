"""The numeric target rules of counts: per population, per place, staff, durations.

    per_population     每千名儿童拥有儿科执业(助理)医生达1.12名、床位增至3.17张
    staffing_count     县四班子中，至少各配备1名女干部; 领导成员中都要有1名以上的女性
    place_count        市、县均设1所政府举办的妇幼保健机构; 省级至少有10个…救治中心;
                       每个州、市至少建设1个托育服务指导中心; 县级至少有一家…
    daily_minimum      保障儿童每天至少1小时中等及以上强度的运动
    grouped_durations  每天睡眠时间小学生达到10小时、初中生达到9小时

A count is read only where the text says who holds it (每个县, 市、县, 省级,
…班子中) or how many at least (至少, 均, 各): 建设一所标准化的妇幼保健机构
alone describes the institution rather than counting it.  Chinese numerals (一所,
两次) count as their Arabic forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.enrich.targets.lexicon import (
    BOUNDARY,
    CN_NUM,
    CORE,
    GAP,
    NUM,
    clean_indicator,
    cn_count,
    comparator,
    is_name,
    normalize_unit,
    read_value,
    split_scope,
)
from kb.enrich.targets.scan import Found, Rule, Scan
from kb.text import BLANKS, HAN

_COUNT = rf"(?:{NUM}|{CN_NUM})"


def _count_value(text: str) -> float | None:
    text = text.strip(BLANKS)
    if text and text[0] in "0123456789０１２３４５６７８９":
        return read_value(text)
    count = cn_count(text)
    return float(count) if count is not None else None


_PER = re.compile(rf"(?P<per>每[千万百十]?[名所个户位][^{BOUNDARY}、拥]{{1,8}}?)拥有")
_PER_PART = re.compile(rf"(?P<name>[^、]+?){CORE}")


def per_population(scan: Scan) -> Iterator[Found]:
    """每千名儿童拥有儿科执业(助理)医生达1.12名、床位增至3.17张 → two targets."""
    for m in _PER.finditer(scan.text):
        end = scan.clause_end(m.end())
        targets, spans = [], []
        for piece in re.finditer(r"[^、]+", scan.text[m.end() : end]):
            part = _PER_PART.fullmatch(scan.text, m.end() + piece.start(), m.end() + piece.end())
            if part is None or not part["unit"]:
                continue
            unit = normalize_unit(part["unit"])
            name = f"{m['per']}{part['name']}数"
            how = comparator(part["verb"], part["tail"])
            targets.append(scan.target(name, how, read_value(part["num"]), unit, m.start(), end))
            spans.append(part.span("num"))
        if targets:
            yield Found(m.start(), end, tuple(targets), tuple(spans))


_STAFF = re.compile(
    rf"(?P<verb>至少各配备|至少配备|各配备|配备|至少各有|至少有|都要有|均有|都有|有)"
    rf"{GAP}(?P<num>{_COUNT}){GAP}名(?P<tail>以上)?的?(?P<what>[^{BOUNDARY}]+)"
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
        if m["verb"].endswith("有") and not own.endswith("中"):
            continue  # 有N名 only in 某某班子中有1名以上女干部
        own = own.removesuffix("中")
        sentence = scan.sentence_start(m.start())
        if not own and sentence == holder_sentence:
            own = holder  # 至少配备2名… after 每所…至少配备1名…
        value = _count_value(m["num"])
        if not is_name(own) or value is None:
            continue
        holder, holder_sentence = own, sentence
        how = ">=" if m["verb"].startswith("至少") or m["tail"] else "="
        name = f"{own}{m['what']}人数"
        target = scan.target(name, how, value, "名", start, m.end())
        yield Found(start, m.end(), (target,), (m.span("num"),))


_PLACE = re.compile(
    rf"(?P<q>至少各|至少|均|各|都要|都)?"
    rf"(?P<verb>设置|设立|设有|建设|建成|建立|建好|办好|开设|配置|拥有|有|设|建|接受|开展|提供)"
    rf"{GAP}(?P<num>{_COUNT}){GAP}(?P<unit>所|个|家|张|支|处|间|次)(?P<tail>以上)?"
    rf"(?P<what>[^{BOUNDARY}]+)"
)
# Who holds the count: 每个县, 各州、市, 市、县, 省级, 县级, 乡镇.
_HOLDER = re.compile(rf"(?:每[个所家]?|各)[{HAN}、]+|[{HAN}、]*(?:省|市|县|区|州|乡|镇|村)(?:级)?")


def place_count(scan: Scan) -> Iterator[Found]:
    """市、县均设1所妇幼保健机构; 省级至少有10个危重新生儿救治中心; 县级至少有一家…."""
    for m in _PLACE.finditer(scan.text):
        start = scan.clause_start(m.start())
        holder = clean_indicator(scan.text[start : m.start()])
        held = bool(holder) and _HOLDER.fullmatch(holder) is not None
        if not m["q"] and not held:
            continue  # 建设一所标准化的妇幼保健机构: no count is set
        if m["unit"] == "次" and not m["q"]:
            continue
        value = _count_value(m["num"])
        what = m["what"].strip(BLANKS).removeprefix("的")
        if value is None or not is_name(what):
            continue
        how = ">=" if (m["q"] or "").startswith("至少") or m["tail"] else "="
        name, scope = split_scope(f"{holder}{what}{'次数' if m['unit'] == '次' else '数'}")
        target = scan.target(name, how, value, m["unit"], start, m.end(), scope)
        yield Found(start, m.end(), (target,), (m.span("num"),))


_DAILY = re.compile(
    rf"每天至少{GAP}(?P<num>{_COUNT}){GAP}(?P<unit>小时|分钟)(?P<what>[^{BOUNDARY}]+)"
)


def daily_minimum(scan: Scan) -> Iterator[Found]:
    """保障儿童每天至少1小时中等及以上强度的运动 → 儿童每天…运动时间 >= 1小时."""
    for m in _DAILY.finditer(scan.text):
        start = scan.clause_start(m.start())
        who = clean_indicator(scan.text[start : m.start()]).removeprefix("保障")
        name = f"{who}每天{m['what'].removeprefix('的')}时间"
        target = scan.target(name, ">=", _count_value(m["num"]), m["unit"], start, m.end())
        yield Found(start, m.end(), (target,), (m.span("num"),))


_YEARLY = re.compile(
    rf"每(?P<period>年|学年|季度|月)(?P<q>至少)?(?P<verb>进行|开展|接受|组织|提供|举办)"
    rf"{GAP}(?P<num>{_COUNT}){GAP}次(?P<tail>以上)?(?P<what>[^{BOUNDARY}]+)"
)


def yearly_count(scan: Scan) -> Iterator[Found]:
    """中小学生每年进行一次体检 → 中小学生每年体检次数 >= 1次."""
    for m in _YEARLY.finditer(scan.text):
        start = scan.clause_start(m.start())
        who = clean_indicator(scan.text[start : m.start()])
        value = _count_value(m["num"])
        if not is_name(who) or value is None:
            continue
        name = f"{who}每{m['period']}{m['what'].removeprefix('的')}次数"
        target = scan.target(name, ">=", value, "次", start, m.end())
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
            value = read_value(part["num"])
            who = f"{part['who']}{name}"
            targets.append(scan.target(who, ">=", value, part["unit"], start, m.end()))
            spans.append(part.span("num"))
        yield Found(start, m.end(), tuple(targets), tuple(spans))


COUNT_RULES: tuple[tuple[str, Rule], ...] = (
    ("per_population", per_population),
    ("staffing_count", staffing_count),
    ("place_count", place_count),
    ("daily_minimum", daily_minimum),
    ("yearly_count", yearly_count),
    ("grouped_durations", grouped_durations),
)
