"""Where a plan comes from: its level (国家/省/市/县/区), its place, and what it implements.

Every county, city and province writes its plans on the national template and
says which plans it follows: 依据《中国妇女发展纲要（2021—2030年）》和《陕西省
妇女发展规划（2021—2030年）》, 参照《张掖市妇女发展规划（2021—2030年）》, 为落实
中国儿童发展纲要和陕西省儿童发展规划.  ``place_of`` reads the place from the
title (or, when the title names none, the issuing body); ``level_of`` tells its
level from the administrative suffix (省, 自治区; 市, 州, 盟; 县, 旗; 区) and the
table of province-level names; a 市 that follows another 市's plan is a
county-level city (牙克石市 follows 呼伦贝尔市).  ``citations`` finds the cited
plans, each with its place, level and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kb.model import Citation, PlanCode
from kb.text import HAN

# The province-level divisions of China: 23 provinces (台湾 included), 4
# municipalities, 5 autonomous regions, 2 special administrative regions.
PROVINCES: tuple[str, ...] = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏",
    "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南",
    "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
    "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
NATION = ("中国", "全国", "国家")
LEVELS = ("国家", "省", "市", "县", "区")

_ISSUER_TAIL = re.compile(
    r"(?:人民政府|政府|妇女儿童工作委员会|妇儿工委|办公厅|办公室|人民政府办公室|妇联)+$"
)
# A cited plan: 《中国妇女发展纲要（2021—2030年）》, or 陕西省儿童发展规划 after 落实/和/、.
_BRACKETED = re.compile(
    rf"《(?P<title>(?P<place>[{HAN}]{{0,16}}?)(?P<who>妇女|儿童)发展(?:规划|纲要)"
    r"\s*(?:[（(<〈][^》]{0,16}[)）>〉])?)》"
)
_BARE = re.compile(
    rf"(?:依据|依照|根据|按照|参照|落实|贯彻|对标|衔接|和|及|与|、)"
    rf"(?P<title>(?P<place>中国|[{HAN}]{{2,10}}?(?:省|自治区|市|州|盟|地区))"
    r"(?P<who>妇女|儿童)发展(?:规划|纲要))(?![（(《》])"
)


def place_of(region: str, issuer: str = "") -> str:
    """The place a plan is for: its title's region, else the issuing body's name."""
    region = region.strip()
    if region:
        return region
    return _ISSUER_TAIL.sub("", issuer.strip())


def level_of(place: str, parents: Iterable[str] = ()) -> str:
    """国家, 省, 市, 县 or 区 (or "" when the name does not tell).

    ``parents`` are the places of the plans this one follows: a 市 under
    another 市 (or 州, 盟) is a county-level city.
    """
    place = place.strip()
    if not place:
        return ""
    if place.startswith(NATION):
        return "国家"
    if place in MUNICIPALITIES or place.endswith(("省", "自治区", "特别行政区")):
        return "省"
    if place in PROVINCES or place.removesuffix("省") in PROVINCES:
        return "省"
    if place.endswith("区") and not place.endswith("地区"):
        return "区"
    if place.endswith(("县", "旗")):
        return "县"
    if place.endswith(("州", "盟", "地区")):
        return "市"
    if place.endswith("市"):
        above = [p for p in parents if p != place and level_of(p) == "市"]
        return "县" if above else "市"
    return ""


def citations(paragraphs: Iterable[tuple[int, str]], own_place: str) -> tuple[Citation, ...]:
    """The plans ``paragraphs`` cite (other places' only), in order, each once."""
    found: list[Citation] = []
    seen: set[tuple[str, str]] = set()
    for line, text in paragraphs:
        spans: list[tuple[int, int]] = []
        for pattern in (_BRACKETED, _BARE):
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in spans):
                    continue
                spans.append(m.span())
                place = m["place"] or ""
                if not place or place == own_place or own_place.endswith(place):
                    continue
                plan: PlanCode = "W" if m["who"] == "妇女" else "C"
                key = (place, plan)
                if key in seen:
                    continue
                seen.add(key)
                found.append(Citation(m["title"], plan, place, level_of(place), line, m.group()))
    return tuple(found)
