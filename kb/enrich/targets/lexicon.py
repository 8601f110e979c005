"""The grammar of the plans' target phrases, and readers of its parts.

A target is written ``[indicator] [scope] verb value unit [tail]``, in a
sentence that may name its year: 到2025年，适龄妇女宫颈癌人群筛查率达70%以上;
农村孕产妇住院分娩率达96%以上; 儿童伤害死亡率以2020年为基础下降1/6.  The
pieces are defined here once, as regular-expression fragments with a reader
each:

    VERB    达到 达 要达 提高到 超过 … (≥), 下降到 控制在 不超过 … (≤), 保持在 … (=)
    VALUE   12, 3.17, １２, 1/6, 三分之一; Chinese counts (一所, 两次) in COUNT
    UNIT    % ‰ /10万 /万 个百分点 名 张 所 个 岁 年 小时 …
    TAIL    以下 及以下 以内 以上 及以上 左右
    SCOPE   城市 农村 城镇 乡村 (one side of a city/rural split)
    YEAR    到2025年 至2030年 预计2030年 (``kb.enrich.targets.scan``)

``kb.enrich.targets.rules`` and ``counts`` build their patterns from them, and
``kb.enrich.baselines`` reads the prefaces' values with the same ``NUM`` and
``UNIT``.  The indicator in front of the verb is cleaned by ``clean_indicator``.
"""

from __future__ import annotations

import math
import re

from kb.text import BLANKS, CLAUSE_ENDS, HAN, cn_number

# --- Values ------------------------------------------------------------------

NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
# 1/6 (a share of the base), never the 12/10 of 12/10万.
FRACTION = r"[0-9]+/[0-9]+(?![0-9]*万)"
CN_FRACTION = r"[一二三四五六七八九十]+分之[一二三四五六七八九十]+"
VALUE = rf"(?:{CN_FRACTION}|{FRACTION}|{NUM})"
# Chinese numerals before a measure word: 一所, 两次, 十二个.
CN_NUM = "[一二两三四五六七八九十百]+"
# Blanks pasted between a verb and its value, or a value and its unit.
GAP = r"[ \t\u3000\u00a0]*"

UNIT = (
    r"%|％|‰|/10万|/万|个百分点|个千分点|万人|人次|小时|分钟"
    r"|岁|年|名|张|个|所|家|人|次|项|支|处"
)
TAIL = r"及以下|以下|以内|及以上|以上|左右"
TAIL_COMPARATOR = {
    "以下": "<=",
    "及以下": "<=",
    "以内": "<=",
    "以上": ">=",
    "及以上": ">=",
    "左右": "~",
}

# --- Verbs ---------------------------------------------------------------------

# Longest first: 达到并保持在 before 达到 before 达.
UP_VERBS = (
    "达到并保持在",
    "达到并稳定在",
    "力争达到",
    "至少达到",
    "要达到",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "上升到",
    "上升至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "扩大到",
    "扩大至",
    "增至",
    "达到",
    "要达",
    "达",
    "超过",  # read as ≥: the plans' 超过 is a floor
    "高于",
    "不低于",
    "不少于",
    "至少",
    "要占",
    "占",
)
DOWN_VERBS = (
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "减少到",
    "减少至",
    "控制在",
    "控制到",
    "降至",
    "降到",
    "不高于",
    "不超过",
    "低于",
)
KEEP_VERBS = ("保持在", "稳定在", "维持在", "巩固在")
VERB = "|".join(sorted((*UP_VERBS, *DOWN_VERBS, *KEEP_VERBS), key=len, reverse=True))
CORE = rf"(?P<verb>{VERB}){GAP}(?P<num>{VALUE}){GAP}(?P<unit>{UNIT})?(?P<tail>{TAIL})?"

# One side of a city/rural split: 城市…，农村….
SCOPES = ("城市", "城镇", "农村", "乡村")

BOUNDARY = CLAUSE_ENDS
LIST_SEPARATOR = re.compile(r"[、和及与]")

# --- Indicator names -------------------------------------------------------------

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
    "预计",
    "全国",
    "全省",
    "全市",
    "全州",
    "全区",
    "全县",
    "我国",
    "我省",
    "我市",
    "我州",
    "我区",
    "我县",
)
# A year in front of the name: 到2025年，… / 2023年全省….
LEADING_YEAR = re.compile(r"^(?:到|至|在|预计|力争|确保)?[0-9]{4}年(?:底|末)?[，,]?")
TRAILING_QUALIFIER = re.compile(r"(?:以[^，。；：]{1,6}为单位|在现有基础上|一般|均|都|全部)$")
POPULATION = re.compile(
    r"(?:[0-9]+(?:[-—][0-9]+)?(?:岁|个月)(?:以下|以内|以上)?)?"
    r"(?:新生儿|婴幼儿|婴儿|中小学生|小学生|初中生|高中生|学生|儿童|孕产妇|妇女|女性)"
)
# 中女性比例 in 人大代表和政协委员中女性比例: the group's share of women, girls ….
_WITHIN = re.compile(r"中(?:的)?(?:女性|妇女|女干部|男性|儿童|女童)")
# Units that only a duration or an age indicator takes: 人均预期寿命达到79岁.
UNIT_NEEDS = {"岁": ("寿命", "年龄"), "年": ("年限", "年数", "寿命")}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_HAS_CJK = re.compile(f"[{HAN}]")
_CN_FRACTION = re.compile(r"(?P<d>[一二三四五六七八九十]+)分之(?P<n>[一二三四五六七八九十]+)")


# --- Readers -----------------------------------------------------------------------


def number(text: str) -> float:
    return float(text.translate(_FULLWIDTH))


def finite_value(text: str) -> float | None:
    """The number in ``text``, or ``None`` when it is not finite."""
    value = number(text)
    return value if math.isfinite(value) else None


def read_value(text: str) -> float | None:
    """12 → 12.0; 1/6 and 六分之一 → 16.67 (per cent of the base); ``None`` if unreadable."""
    text = text.strip(BLANKS)
    if m := _CN_FRACTION.fullmatch(text):
        denominator, numerator = cn_number(m["d"]), cn_number(m["n"])
        if not denominator or numerator is None:
            return None
        return 100 * numerator / denominator
    if "/" in text:
        top, _, bottom = text.partition("/")
        if not number(bottom):
            return None
        return 100 * number(top) / number(bottom)
    return finite_value(text)


def is_fraction(text: str) -> bool:
    return "/" in text or "分之" in text


def cn_count(text: str) -> int | None:
    """一 → 1, 两 → 2, 十二 → 12, 一百 → 100."""
    text = text.replace("两", "二")
    if text.endswith("百"):
        head = cn_number(text[:-1]) if text[:-1] else 1
        return 100 * head if head else None
    return cn_number(text)


def normalize_unit(unit: str) -> str:
    return {"％": "%", "/10万": "1/10万", "/万": "1/万"}.get(unit, unit)


def comparator(verb: str, tail: str | None) -> str:
    """降至…以下 → <=; 达到…以上 → >=; 保持在…左右 → ~; 保持在… → =."""
    if tail:
        return TAIL_COMPARATOR[tail]
    if not verb or verb in KEEP_VERBS:
        return "="
    if verb in DOWN_VERBS:
        return "<="
    return ">="


def unit_fits(name: str, unit: str) -> bool:
    """岁 and 年 are values only of a duration: 人均预期寿命 …岁, 受教育年限 …年."""
    needs = UNIT_NEEDS.get(unit)
    return needs is None or name.endswith(needs)


def clean_indicator(raw: str) -> str:
    """Strip leading verbs/qualifiers (促进, 适龄, 到2025年 …) and trailing ones (以镇为单位)."""
    name = raw.strip(BLANKS + "、，-—－–•·").removeprefix("的")
    stripped = True
    while stripped:
        stripped = False
        if (m := LEADING_YEAR.match(name)) and m.end():
            name, stripped = name[m.end() :].strip(BLANKS), True
        for word in LEADING_WORDS:
            if name.startswith(word) and len(name) > len(word) + 1:
                name, stripped = name[len(word) :], True
    return TRAILING_QUALIFIER.sub("", name).strip(BLANKS)


def split_scope(name: str) -> tuple[str, str]:
    """城市… / …农村 → (name, scope): the side of a city/rural split a target names.

    A name that starts with the scope keeps it (农村孕产妇住院分娩率); a bare
    trailing scope (孕产妇住院分娩率城市) is cut off.
    """
    for scope in SCOPES:
        if name == scope:
            return "", scope  # 农村达到97%: the indicator is the one named before
        if name.startswith(scope):
            return name, scope
        if name.endswith(scope):
            return name[: -len(scope)], scope
    return name, ""


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
    [5岁以下儿童贫血发生率, 生长迟缓率] → the group 5岁以下儿童 goes to the rest;
    [三级, 二级妇幼保健院…的比例] → a bare modifier takes the rest of its parallel.
    """
    if not parts:
        return []
    head = POPULATION.match(parts[0])
    last = POPULATION.match(parts[-1])
    measure = parts[-1][last.end() :] if last else ""
    if not measure and (within := _WITHIN.search(parts[-1], 1)):
        measure = parts[-1][within.start() :]  # 人大代表和政协委员中女性比例
    named = []
    for part in parts:
        if measure and (POPULATION.fullmatch(part) or _bare_group(part, measure)):
            part += measure
        elif head and not POPULATION.match(part):
            part = head.group(0) + part
        elif (parallel := _parallel(part, parts[-1])) is not None:
            part = parallel
        named.append(part)
    return named


def _bare_group(part: str, measure: str) -> bool:
    """人大代表 beside 政协委员中女性比例: a group without the measure the last one names."""
    return measure.startswith("中") and "中" not in part and not is_measurable(part)


def _parallel(part: str, last: str) -> str | None:
    """三级 beside 二级妇幼保健院的比例 → 三级妇幼保健院的比例."""
    size = len(part)
    if part == last or is_measurable(part) or not 1 < size <= 4 or len(last) <= size:
        return None
    if last[size - 1] != part[-1]:
        return None
    return part + last[size:]


def split_shared(name: str) -> list[str]:
    """Two indicators sharing one value: A率和B率(均)保持在90%以上 → [A率, B率].

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
