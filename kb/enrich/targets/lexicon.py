"""How the plans write targets: the shared patterns, and readers of numbers and names.

``kb.targets`` (the target rules) and ``kb.baselines`` (the prefaces) both read
values such as 12/10万 or 95% after verbs such as 下降到 or 达到, and indicator
names such as 孕产妇死亡率 in front of them.  The patterns and the helpers that
turn a matched phrase into a number, a comparator or a clean indicator name live
here, once.
"""

from __future__ import annotations

import math
import re

from kb.text import BLANKS, CLAUSE_ENDS, HAN

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

BOUNDARY = CLAUSE_ENDS
LIST_SEPARATOR = re.compile(r"[、和及与]")

TAIL_COMPARATOR = {"以下": "<=", "以内": "<=", "以上": ">=", "左右": "~"}

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

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_HAS_CJK = re.compile(f"[{HAN}]")


# --- Numbers, comparators and indicator names --------------------------------


def number(text: str) -> float:
    return float(text.translate(_FULLWIDTH))


def finite_value(text: str) -> float | None:
    """The number in ``text``, or ``None`` when it is not finite."""
    value = number(text)
    return value if math.isfinite(value) else None


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
