"""Targets in the text of one goal or measure: indicator, comparator, value, unit.

``extract_targets`` runs an ordered table of small named rules over the text,
the way markdown-it runs its rulers: each rule knows one way the plans state a
target and claims the span it read, so a later, more general rule never reads
the same words again.  Every ``Target`` records the rule (``method``), the
exact ``phrase`` it came from and the source ``line``.

Every Arabic number in the text ends up either as the value of a target or in
``Extraction.skipped`` with a short Chinese reason (ages, years, a hotline …),
for ``kb check --verbose``.  Chinese numerals with a measure word (九年, 一所)
are listed there too; they never become targets.

Direction-only targets (逐步提高, 持续下降, 全覆盖 …, with ``value=None``) are read
only with ``qualitative=True``: pass it for 主要目标, not for 策略措施, where the
same verbs describe actions rather than outcomes.  Even then the indicator must
be measurable (``is_measurable``): 健康水平不断提高 or 能力明显增强 give nothing.
A missed target is better than an invented one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from kb.model import Target

DEFAULT_YEAR = 2030

# --- Lexicon -----------------------------------------------------------------

NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
UNIT = r"%|％|‰|/10万|个百分点|万人|人次|小时|分钟|名|张|个|所|家|人|次"
TAIL = r"以下|以内|以上|左右"
VERB = (
    r"达到并保持在|下降到|下降至|降低到|降低至|降至|降到|减少到|减少至|控制在|"
    r"提高到|提高至|提升到|提升至|上升到|上升至|增加到|增长到|增至|达到|"
    r"保持在|稳定在|维持在|不少于|不低于|不高于|不超过|至少"
)
CORE = rf"(?P<verb>{VERB})(?P<num>{NUM})(?P<unit>{UNIT})(?P<tail>{TAIL})?"

BOUNDARY = "，。；：！？,;:!?\n"
SENTENCE_END = "。；！？;!?\n"
BLANKS = " \t\u3000"
LIST_SEPARATOR = re.compile(r"[、和及与]")

TAIL_COMPARATOR = {"以下": "<=", "以内": "<=", "以上": ">=", "左右": "~"}
INCREASE_VERBS = ("提高", "提升", "增加", "延长")

# Indicator names end like this when they can be measured (see is_measurable).
MEASURABLE_ENDINGS = ("率", "比例", "比重", "人数", "数量", "寿命", "年限", "素养水平")
# Leading words that are not part of an indicator's name.  Only multi-character
# words: a single 并 or 使 would also cut 并发症发生率 or 使用率.
LEADING_WORDS = (
    "并且",
    "其中",
    "同时",
    "确保",
    "保证",
    "促进",
    "推动",
    "力争",
    "实现",
    "适龄",
)
TRAILING_QUALIFIER = re.compile(r"(?:以[^，。；：]{1,6}为单位|在现有基础上|一般)$")
POPULATION = re.compile(
    r"(?:[0-9]+(?:[-—][0-9]+)?(?:岁|个月)(?:以下|以内|以上)?)?"
    r"(?:新生儿|婴幼儿|婴儿|中小学生|小学生|初中生|高中生|学生|儿童|孕产妇|妇女|女性)"
)
TARGET_YEAR = re.compile(r"(?:到|至|在)(20[0-9]{2})年")

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = re.compile(rf"[{BOUNDARY}]")


# --- Results -----------------------------------------------------------------


@dataclass(frozen=True)
class SkippedNumber:
    """A number in the text that is not the value of any target, and why."""

    phrase: str  # the number with the words that show what it is, e.g. 0-6岁
    reason: str  # Chinese, e.g. 年龄或年龄段（人群描述），不是目标值
    line: int
    method: str  # the rule that classified it


@dataclass(frozen=True)
class Extraction:
    targets: tuple[Target, ...] = ()
    skipped: tuple[SkippedNumber, ...] = ()


# --- Small helpers, shared with kb.baselines ---------------------------------


def number(text: str) -> float:
    return float(text.translate(_FULLWIDTH))


def normalize_unit(unit: str) -> str:
    return {"％": "%", "/10万": "1/10万"}.get(unit, unit)


def comparator(verb: str, tail: str | None) -> str:
    """降至…以下 → <=; 达到…以上 → >=; 保持在…左右 → ~; 保持在… → =."""
    if tail:
        return TAIL_COMPARATOR[tail]
    if not verb or verb.startswith(("保持", "稳定", "维持")):
        return "="
    if verb.startswith(("下降", "降", "减少", "控制", "不超过", "不高于")):
        return "<="
    return ">="


def clean_indicator(raw: str) -> str:
    """Strip leading verbs/qualifiers (促进, 适龄 …) and trailing ones (以镇为单位)."""
    name = raw.strip(BLANKS + "、，")
    stripped = True
    while stripped:
        stripped = False
        for word in LEADING_WORDS:
            if name.startswith(word) and len(name) > len(word) + 1:
                name, stripped = name[len(word) :], True
    return TRAILING_QUALIFIER.sub("", name).strip(BLANKS)


def is_name(name: str) -> bool:
    return len(name) >= 2 and _HAS_CJK.search(name) is not None


def is_measurable(name: str) -> bool:
    """A rate, share, count, life expectancy …, or a gap between women and men."""
    if len(name) < 4:
        return False
    if name.endswith("差距"):
        return any(word in name for word in ("男女", "两性", "性别"))
    return name.endswith(MEASURABLE_ENDINGS)


def split_names(names: str) -> list[str]:
    """新生儿、婴儿和5岁以下儿童死亡率 → [新生儿, 婴儿, 5岁以下儿童死亡率]."""
    return [part for part in LIST_SEPARATOR.split(names) if part]


def distribute(parts: list[str]) -> list[str]:
    """Complete the names of a 分别 list from each other.

    [新生儿, 婴儿, 5岁以下儿童死亡率] → the measure 死亡率 goes to the bare groups;
    [5岁以下儿童贫血发生率, 生长迟缓率] → the group 5岁以下儿童 goes to the rest.
    """
    if not parts:
        return []
    head = POPULATION.match(parts[0])
    last = POPULATION.match(parts[-1])
    measure = parts[-1][last.end() :] if last else ""
    named = []
    for part in parts:
        if measure and POPULATION.fullmatch(part):
            part += measure
        elif head and not POPULATION.match(part):
            part = head.group(0) + part
        named.append(part)
    return named


def split_shared(name: str) -> list[str]:
    """Two indicators sharing one value: A率和B率保持在90%以上 → [A率, B率].

    Only when every part is itself an indicator: 艾滋病、梅毒孕产妇感染者治疗率
    stays one name.
    """
    parts = split_names(name)
    endings = (*MEASURABLE_ENDINGS, "筛查")
    if len(parts) > 1 and all(len(p) >= 4 and p.endswith(endings) for p in parts):
        return parts
    return [name]


def complete_name(name: str, unit: str) -> str:
    """新生儿听力筛查 (98%) → 新生儿听力筛查率; 户外自然光 (1小时) → …时间."""
    if unit in ("%", "‰") and name.endswith(("筛查", "检查", "接种")):
        return name + "率"
    if unit in ("小时", "分钟") and not name.endswith(("时间", "时长")):
        return name + "时间"
    return name


# --- The scan: text, claimed spans, positions --------------------------------


@dataclass(frozen=True)
class Found:
    """What one rule read: a span, its targets and the spans of their values.

    A found span without targets but with ``reason`` records its numbers as
    skipped for that reason (e.g. a 分别 list whose counts do not match).
    """

    start: int
    end: int
    targets: tuple[Target, ...] = ()
    values: tuple[tuple[int, int], ...] = ()
    reason: str = ""


@dataclass
class Scan:
    text: str
    default_year: int = DEFAULT_YEAR
    claimed: list[tuple[int, int]] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        clause = sentence = 0
        for pos, char in enumerate(self.text):
            self._clause_starts.append(clause)
            self._sentence_starts.append(sentence)
            if char in BOUNDARY:
                clause = pos + 1
            if char in SENTENCE_END:
                sentence = pos + 1
        self._clause_starts.append(clause)
        self._sentence_starts.append(sentence)

    def is_free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.claimed)

    def clause_start(self, pos: int) -> int:
        """Start of the clause that ends at ``pos``, after any claimed span in it."""
        start = self._clause_starts[pos]
        ends = [b for a, b in self.claimed if start <= b <= pos]
        if ends:
            start = max(ends)
            while start < pos and self.text[start] in "、和及与" + BLANKS:
                start += 1
        while start < pos and self.text[start] in BLANKS:
            start += 1
        return start

    def previous_clause(self, start: int) -> tuple[int, str] | None:
        """The clause before a comma at ``start - 1``, e.g. 县四班子中 in 县四班子中，至少…."""
        if start == 0 or self.text[start - 1] not in "，,":
            return None
        begin = self.clause_start(start - 1)
        return begin, self.text[begin : start - 1]

    def sentence_start(self, pos: int) -> int:
        return self._sentence_starts[pos]

    def clause_end(self, pos: int) -> int:
        m = _CLAUSE_END.search(self.text, pos)
        return m.start() if m else len(self.text)

    def year_at(self, pos: int) -> int:
        """到2025年，… sets the target year of what follows in the sentence."""
        years = TARGET_YEAR.findall(self.text, self.sentence_start(pos), pos)
        return int(years[-1]) if years else self.default_year

    def clauses(self) -> Iterator[tuple[int, int]]:
        for m in re.finditer(rf"[^{BOUNDARY}]+", self.text):
            start, end = m.span()
            while start < end and self.text[start] in BLANKS:
                start += 1
            while end > start and self.text[end - 1] in BLANKS:
                end -= 1
            if start < end and self.is_free(start, end):
                yield start, end

    def target(
        self, name: str, how: str, value: float | None, unit: str, start: int, end: int
    ) -> Target:
        return Target(name, how, value, unit, phrase=self.text[start:end])


Rule = Callable[[Scan], Iterator[Found]]


def _value(text: str) -> float | None:
    value = number(text)
    return value if math.isfinite(value) else None


# --- Numeric rules, most specific first ----------------------------------------

_RELATIVE = re.compile(
    rf"以(?P<year>[0-9]{{4}})年的?(?:数据|水平)?为基[数期准]，?"
    rf"(?P<verb>下降|降低|减少|提高|提升|增长|增加|上升)(?P<num>{NUM})(?P<unit>%|％|‰|个百分点)?"
)


def relative_change(scan: Scan) -> Iterator[Found]:
    """儿童伤害死亡率以2020年数据为基数下降20% → decrease_by 20%, base year 2020."""
    for m in _RELATIVE.finditer(scan.text):
        start = scan.clause_start(m.start())
        name = clean_indicator(scan.text[start : m.start()])
        value = _value(m["num"])
        if not is_name(name) or value is None:
            continue
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
            scan.target(complete_name(name, unit), how, _value(v["num"]), unit, start, m.end())
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
            value = _value(part["num"])
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
            targets.append(scan.target(name, how, _value(part["num"]), unit, m.start(), end))
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
        target = scan.target(name, how, _value(m["num"]), "名", start, m.end())
        yield Found(start, m.end(), (target,), (m.span("num"),))


_DAILY = re.compile(rf"每天至少(?P<num>{NUM})(?P<unit>小时|分钟)(?P<what>[^{BOUNDARY}]+)")


def daily_minimum(scan: Scan) -> Iterator[Found]:
    """保障儿童每天至少1小时中等及以上强度的运动 → 儿童每天…运动时间 >= 1小时."""
    for m in _DAILY.finditer(scan.text):
        start = scan.clause_start(m.start())
        who = clean_indicator(scan.text[start : m.start()]).removeprefix("保障")
        name = f"{who}每天{m['what']}时间"
        target = scan.target(name, ">=", _value(m["num"]), m["unit"], start, m.end())
        yield Found(start, m.end(), (target,), (m.span("num"),))


_GROUP_ITEM = rf"[\u4e00-\u9fff]{{2,5}}?(?:达到|不少于){NUM}(?:小时|分钟)"
_GROUPED = re.compile(rf"时间(?P<items>{_GROUP_ITEM}(?:、{_GROUP_ITEM})+)")
_GROUP_PART = re.compile(
    rf"(?P<who>[\u4e00-\u9fff]{{2,5}}?)(?:达到|不少于)(?P<num>{NUM})(?P<unit>小时|分钟)"
)


def grouped_durations(scan: Scan) -> Iterator[Found]:
    """每天睡眠时间小学生达到10小时、初中生达到9小时 → one target per group."""
    for m in _GROUPED.finditer(scan.text):
        start = scan.clause_start(m.start())
        name = clean_indicator(scan.text[start : m.start("items")])
        targets, spans = [], []
        for part in _GROUP_PART.finditer(scan.text, m.start("items"), m.end("items")):
            value = _value(part["num"])
            who = f"{part['who']}{name}"
            targets.append(scan.target(who, ">=", value, part["unit"], start, m.end()))
            spans.append(part.span("num"))
        yield Found(start, m.end(), tuple(targets), tuple(spans))


_SIMPLE = re.compile(CORE)


def simple_value(scan: Scan) -> Iterator[Found]:
    """孕产妇死亡率下降到12/10万以下; A率和B率保持在90%以上 (one value, two targets)."""
    for m in _SIMPLE.finditer(scan.text):
        start = scan.clause_start(m.start())
        name = clean_indicator(scan.text[start : m.start()])
        value = _value(m["num"])
        if not is_name(name) or value is None:
            continue
        unit = normalize_unit(m["unit"])
        how = comparator(m["verb"], m["tail"])
        targets = tuple(
            scan.target(complete_name(part, unit), how, value, unit, start, m.end())
            for part in split_shared(name)
        )
        yield Found(start, m.end(), targets, (m.span("num"),))


# --- Direction-only rules (goals only) -----------------------------------------

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


def _directions(scan: Scan, pattern: re.Pattern[str]) -> Iterator[Found]:
    for start, end in scan.clauses():
        m = pattern.fullmatch(scan.text, start, end)
        if m is None:
            continue
        name = clean_indicator(m["name"])
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
    for start, end in scan.clauses():
        m = _STATE.fullmatch(scan.text, start, end)
        if m is None:
            continue
        name = clean_indicator(m["name"])
        if is_name(name):
            target = scan.target(name + m["state"], "achieve", None, "", start, end)
            yield Found(start, end, (target,))


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
QUALITATIVE_RULES: tuple[tuple[str, Rule], ...] = (
    ("direction_after", direction_after),
    ("direction_before", direction_before),
    ("achieve_state", achieve_state),
)


# --- Numbers that are not targets ------------------------------------------------

TOKEN = re.compile(rf"{NUM}(?:/{NUM}万)?(?:[-—–~～]{NUM})?")
_ITEM_NUMBER = re.compile(r"[ \t\u3000]*[0-9]+[.．、]")
_CHINESE_COUNT = re.compile(r"(?<!第)[一二三四五六七八九十两]+(?:周岁|岁|年|所|家|名)")
_AGE = re.compile(r"(?:周岁|岁|个月|月龄)(?:以下|以上|以内|内)?")
_YEAR = re.compile(r"[0-9]{4}(?:[-—–~～][0-9]{4})?")

SkipRule = Callable[[str, int, int], tuple[int, int, str] | None]


def year_number(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    if not _YEAR.fullmatch(text, start, end) or not text.startswith("年", end):
        return None
    if end - start > 4:
        return start, end + 1, "年份范围（如规划期），不是目标值"
    if text[start - 1 : start] in ("到", "至"):
        return start, end + 1, "目标年份（已记入目标的年份）"
    if text[start - 1 : start] == "以" or "为基" in text[end : end + 6]:
        return start, end + 1, "基期年份（已记入目标的基期）"
    return start, end + 1, "年份，不是目标值"


def age(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    m = _AGE.match(text, end)
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
    ("age", age),
    ("hotline", hotline),
    ("named_period", named_period),
    ("unread", unread),
)


def _skipped_numbers(
    text: str, line: int, accounted: list[tuple[int, int]]
) -> Iterator[tuple[int, SkippedNumber]]:
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
        reason = "中文数字计数，不读作目标值，请人工核对"
        if m.group().endswith("岁"):
            reason = "年龄（中文数字），不是目标值"
        yield m.start(), SkippedNumber(m.group(), reason, line, "chinese_numeral")


# --- The engine --------------------------------------------------------------------

DIRECTIONS = ("increase", "decrease", "achieve")


@dataclass
class _Collected:
    """Targets and skipped numbers with their positions, and the value spans used."""

    line: int
    targets: list[tuple[int, Target]] = field(default_factory=list)
    skipped: list[tuple[int, SkippedNumber]] = field(default_factory=list)
    accounted: list[tuple[int, int]] = field(default_factory=list)

    def skip(self, scan: Scan, start: int, end: int, reason: str, method: str) -> None:
        self.accounted.append((start, end))
        self.skipped.append((start, SkippedNumber(scan.text[start:end], reason, self.line, method)))

    def take(self, scan: Scan, found: Found, method: str) -> None:
        scan.claimed.append((found.start, found.end))
        if not found.targets:
            for start, end in found.values:
                self.skip(scan, start, end, found.reason, method)
            return
        self.accounted.extend(found.values)
        year = scan.year_at(found.start)
        for target in found.targets:
            stamped = replace(target, method=method, line=self.line, year=year)
            self.targets.append((found.start, stamped))


def _acceptable(scan: Scan, found: Found) -> bool:
    """Unclaimed, and every numeric target has a finite value."""
    complete = all(t.value is not None or t.comparator in DIRECTIONS for t in found.targets)
    return complete and scan.is_free(found.start, found.end)


def extract_targets(
    text: str, line: int, *, qualitative: bool = False, default_year: int = DEFAULT_YEAR
) -> Extraction:
    """Read the targets stated in ``text`` (one goal or measure, without its number).

    ``qualitative=True`` also reads direction-only targets; pass it for goals
    (主要目标).  A leading item number (``2.``) is tolerated and skipped.
    """
    scan = Scan(text, default_year)
    collected = _Collected(line)
    if m := _ITEM_NUMBER.match(text):
        scan.claimed.append(m.span())
        start = len(m.group()) - len(m.group().lstrip(BLANKS))
        collected.skip(scan, start, m.end(), "条目序号", "item_number")
    for method, rule in NUMERIC_RULES + (QUALITATIVE_RULES if qualitative else ()):
        for found in rule(scan):
            if _acceptable(scan, found):
                collected.take(scan, found, method)
    collected.skipped.extend(_skipped_numbers(text, line, collected.accounted))
    return Extraction(
        targets=tuple(t for _, t in sorted(collected.targets, key=lambda pair: pair[0])),
        skipped=tuple(s for _, s in sorted(collected.skipped, key=lambda pair: pair[0])),
    )
