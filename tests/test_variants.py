"""Layout variants of the national template parse to the same model."""

from __future__ import annotations

import string

from helpers import assert_lossless
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.parse import parse_text

BASE = """某某县妇女发展规划（2021-2030年）
前言
妇女是推动社会发展的重要力量。
一、指导思想、基本原则和总体目标
（一）指导思想
坚持男女平等基本国策。
（二）基本原则
1.坚持党的全面领导。把党的领导贯穿始终。
2.坚持男女平等。落实基本国策。
（三）总体目标
妇女全面发展取得新进展。
二、发展领域、主要目标和策略措施
（一）妇女与健康
主要目标：
1.孕产妇死亡率下降到12/10万以下。
2.适龄妇女宫颈癌人群筛查率达到70%以上。
策略措施：
1.加强妇幼健康服务体系建设。健全服务网络。
2.保障孕产妇安全分娩。提升管理水平。
（二）妇女与经济
主要目标：
1.促进平等就业。
策略措施：
1.保障妇女平等就业权利。消除就业性别歧视。
三、组织实施
（一）坚持党的全面领导。把党的领导贯穿规划实施全过程。
四、监测评估
（一）加强监测评估制度建设。开展年度监测。
"""


def model(text: str) -> list[tuple[str, str, str | None]]:
    document, problems = parse_text(text, "variant.txt", "variant")
    assert document is not None, [str(p) for p in problems]
    assert not problems, [str(p) for p in problems]
    assert_lossless(document, text)
    return [(i.id, i.text, i.title) for i in document.items] + [
        (s.id, s.text, s.heading) for s in document.sections
    ]


EXPECTED = model(BASE)

VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "blank lines between everything": lambda t: t.replace("\n", "\n\n"),
    "ideographic spaces around lines": lambda t: "\n".join(
        f"\u3000{ln}\u3000" for ln in t.split("\n")
    ),
    "nbsp and spaces around lines": lambda t: "\n".join(
        f" \u00a0{ln}\u00a0 " for ln in t.split("\n")
    ),
    "tabs around lines": lambda t: "\n".join(f"\t{ln}\t" for ln in t.split("\n")),
    "full-width dot": lambda t: _renumber(t, "{}．"),
    "ideographic comma": lambda t: _renumber(t, "{}、"),
    "full-width digits": lambda t: _renumber(t, "{}．", full_width=True),
    "half-width brackets": lambda t: t.replace("（一）", "(一)").replace("（二）", "(二)"),
    "mixed brackets": lambda t: t.replace("（一）", "(一）").replace("（二）", "（二)"),
    "half-width colons": lambda t: t.replace("主要目标：", "主要目标:").replace(
        "策略措施：", "策略措施:"
    ),
    "headings without colons": lambda t: t.replace("主要目标：", "主要目标").replace(
        "策略措施：", "策略措施"
    ),
    "spaced headings": lambda t: t.replace("前言", "前    言").replace("主要目标：", "主要目标 ："),
    "em dash period": lambda t: t.replace("2021-2030", "2021—2030"),
}


def _renumber(text: str, pattern: str, full_width: bool = False) -> str:
    out = []
    for line in text.split("\n"):
        if line[:1].isdigit() and line[1] == ".":
            digit = line[0]
            if full_width:
                digit = chr(ord("０") + int(digit))
            line = pattern.format(digit) + line[2:]
        out.append(line)
    return "\n".join(out)


def test_all_variants_give_the_same_model() -> None:
    for name, transform in VARIANTS.items():
        assert model(transform(BASE)) == EXPECTED, name


def test_bom_is_ignored() -> None:
    from kb.text import decode

    text, problems = decode(("\ufeff" + BASE).encode("utf-8"), "x.txt")
    assert text is not None and not problems
    assert model(text) == EXPECTED


def test_multi_paragraph_items_keep_every_paragraph() -> None:
    text = BASE.replace(
        "2.保障孕产妇安全分娩。提升管理水平。\n",
        "2.保障孕产妇安全分娩。提升管理水平。\n第二段落。\n",
    )
    document, _ = parse_text(text, "x.txt", "x")
    assert document is not None
    item = next(i for i in document.items if i.id == "W1-M2")
    assert item.text == "保障孕产妇安全分娩。提升管理水平。\n第二段落。"
    assert item.span.first + 1 == item.span.last


# -- properties ------------------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x62FF)
SENTENCE = st.text(alphabet=CJK, min_size=1, max_size=20).map(lambda s: s + "。")
SEPARATORS = st.sampled_from([".", "．", "、"])


@st.composite
def plan_documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A random plan on the template, and the IDs its items must get."""
    sep = draw(SEPARATORS)
    blank = draw(st.sampled_from(["\n", "\n\n"]))
    lines = ["某县儿童发展规划（2021-2030年）", "前言", draw(SENTENCE)]
    lines += ["二、发展领域、主要目标和策略措施"]
    ids = []
    numerals = "一二三四五六七八九"
    for d in range(1, draw(st.integers(1, 4)) + 1):
        lines.append(f"（{numerals[d - 1]}）儿童与领域{d}")
        for heading, code in (("主要目标：", "G"), ("策略措施：", "M")):
            lines.append(heading)
            for n in range(1, draw(st.integers(1, 12)) + 1):
                lines.append(f"{n}{sep}{draw(SENTENCE)}")
                ids.append(f"C{d}-{code}{n}")
                if draw(st.booleans()):
                    lines.append(draw(SENTENCE))  # an unnumbered second paragraph
    return blank.join(lines) + "\n", ids


@settings(max_examples=150, deadline=None)
@given(plan_documents())
def test_generated_plans_parse_losslessly(case: tuple[str, list[str]]) -> None:
    text, ids = case
    document, problems = parse_text(text, "gen.txt", "gen")
    assert document is not None, [str(p) for p in problems]
    assert [i.id for i in document.items] == ids
    assert_lossless(document, text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("主要目标策略措施（）()一二三、1２.．:：\n 儿童发展规划2021-2030年")
            + list(string.ascii_letters)
        ),
        max_size=300,
    )
)
def test_any_text_gives_a_model_or_problems_never_a_crash(text: str) -> None:
    document, problems = parse_text(text, "any.txt", "any")
    if document is None:
        assert any(p.level == "error" for p in problems)
    else:
        assert_lossless(document, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    parse_text(text, "any.txt", "any")
