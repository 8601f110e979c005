"""The real corpus: the exact domains, IDs and texts officials cite."""

from __future__ import annotations

import re
from pathlib import Path

DOMAINS = {
    "W1": ("妇女与健康", 10, 12),
    "W2": ("妇女与教育", 9, 12),
    "W3": ("妇女与经济", 9, 13),
    "W4": ("妇女参与决策和管理", 10, 10),
    "W5": ("妇女与社会保障", 9, 11),
    "W6": ("妇女与家庭建设", 9, 10),
    "W7": ("妇女与环境", 8, 11),
    "W8": ("妇女与法律", 9, 12),
    "C1": ("儿童与健康", 12, 15),
    "C2": ("儿童与安全", 10, 12),
    "C3": ("儿童与教育", 9, 12),
    "C4": ("儿童与福利", 11, 14),
    "C5": ("儿童与家庭", 8, 9),
    "C6": ("儿童与环境", 9, 11),
    "C7": ("儿童与法律保护", 10, 14),
}


def test_fifteen_domains_named_as_written(kb_data: dict) -> None:
    got = {d["id"]: d["name"] for d in kb_data["domains"]}
    assert got == {ident: name for ident, (name, _, _) in DOMAINS.items()}


def test_320_goals_and_measures_with_exact_ids(kb_data: dict) -> None:
    items = kb_data["items"]
    assert len(items) == 320
    expected = [
        f"{dom}-{code}{n}"
        for dom, (_, goals, measures) in DOMAINS.items()
        for code, count in (("G", goals), ("M", measures))
        for n in range(1, count + 1)
    ]
    assert [i["id"] for i in items] == expected


def test_item_texts_are_the_source_lines_without_their_numbers(kb_data: dict) -> None:
    path = Path("corpus/gaotai-2022-women-children-development-plans.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    for item in kb_data["items"]:
        first, last = item["lines"]
        assert first == last  # every item of this plan is one line
        source = lines[first - 1].strip()
        number = re.match(r"^(\d+)[.．、]", source)
        assert number and int(number[1]) == item["number"]
        assert item["text"] == source[number.end() :]


def test_known_items(kb_data: dict) -> None:
    items = {i["id"]: i for i in kb_data["items"]}
    assert items["W1-G2"]["text"] == "孕产妇死亡率下降到12/10万以下，城乡、区域差距缩小。"
    assert items["W1-G2"]["lines"] == [50, 50]
    assert items["W1-M1"]["title"] == "完善保障妇女健康的制度机制"
    assert items["W1-G2"]["title"] is None
    # "8.5岁以下…": item 8 whose text begins with a number
    assert items["C1-G8"]["text"].startswith("5岁以下儿童贫血发生率")
    assert items["C5-M3"]["kind"] == "measure" and items["C5-M3"]["domain"] == "C5"


def test_other_parts_are_exported_with_text_and_lines(kb_data: dict) -> None:
    sections = {s["id"]: s for s in kb_data["sections"]}
    for plan in ("W", "C"):
        for part in ("preface", "guidance", "principles", "overall", "implementation"):
            assert f"{plan}-{part}" in sections
        principles = [s for s in sections.values() if s["parent"] == f"{plan}-principles"]
        assert [s["number"] for s in principles] == [1, 2, 3, 4, 5]
        implementation = [s for s in sections.values() if s["parent"] == f"{plan}-implementation"]
        assert [s["number"] for s in implementation] == list(range(1, 11))
        monitoring = [s for s in sections.values() if s["parent"] == f"{plan}-monitoring"]
        assert [s["number"] for s in monitoring] == [1, 2, 3, 4, 5]
    assert sections["W-monitoring-2"]["lines"] == [419, 423]  # with its two unnumbered paragraphs
    assert sections["C-implementation-1"]["heading"] == "坚持党的全面领导"


def test_document_metadata(kb_data: dict) -> None:
    (doc,) = kb_data["documents"]
    assert doc["slug"] == "gaotai-2022-women-children-development-plans"
    notice = doc["notice"]
    assert notice["issuer"] == "高台县人民政府"
    assert notice["date"] == "2022-07-25"
    assert notice["addressees"] == "各镇人民政府，县政府各部门，省市驻高各单位："
    assert [p["id"] for p in kb_data["plans"]] == ["W", "C"]
    assert all(p["period"] == "2021-2030" for p in kb_data["plans"])
