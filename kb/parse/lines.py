"""Line rules: classify each source line by the plan template's layout.

An ordered table of small named rules, one per pattern of the layout
(``一、`` chapters, ``（一）`` sections, ``1.`` items, ``主要目标：`` …).  The
first rule that matches wins.  A new layout variant is a new rule here, not a
new branch in the parser.  Classification is context-free; the parser
(``kb.parse.parser``) decides what a token means where it stands.

The layouts the plans of other places use, beside the county template:

* titles with 纲要 as well as 规划, 十四五 for the period, and a title whose
  period sits on its own line (``title-head`` then ``period``);
* a table of contents (``contents`` then ``toc-entry`` lines ending in a page);
* 序言 for 前言; 具体目标 / 主要措施 … beside 主要目标 / 策略措施; a heading and
  its first item on one line (``rest``);
* ``——`` bullets and 一是/二是 parts (``part``); 重点项目 / 重点工程 lists and
  ``专栏`` boxes (``projects``, ``box``);
* a page that publishes one domain's goals: 《××儿童发展规划（2021—2030年）》
  儿童与安全领域主要目标 (``excerpt``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from kb.text import FULL_STOPS, SourceLine, arabic_number, cn_number, squeeze

TokenKind = Literal[
    "blank",
    "plan-title",
    "title-head",
    "period",
    "contents",
    "toc-entry",
    "preface",
    "goals",
    "measures",
    "projects",
    "box",
    "excerpt",
    "chapter",
    "section",
    "numbered",
    "part",
    "text",
]

CN_NUMERAL = "[一二三四五六七八九十]+"
DIGITS = "[0-9０-９]{1,3}"
# Text that ends a heading: a heading carries no full stop.
SENTENCE_END = re.compile(f"[{FULL_STOPS}]")
_DASH = r"\s*[-—–－~至]+\s*"
PERIOD = (
    rf"[（(]\s*(?P<start>\d{{4}})\s*年?{_DASH}(?P<end>\d{{4}})\s*年?\s*[)）]"
    r"|[“\"]?(?P<fyp>十四五|十五五)[”\"]?"
)
WHO = r"(?P<who>妇女|儿童)发展(?P<kind>规划|纲要)"
FIVE_YEAR_PLANS = {"十四五": "2021-2025", "十五五": "2026-2030"}


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    line: SourceLine
    number: int | None = None
    title: str = ""  # heading text, a plan title's region, an excerpt's domain
    rest: str = ""  # text after the number or heading (a heading's first item)
    plan: str = ""  # plan-title, title-head, excerpt: "W" or "C"
    period: str = ""  # plan-title, period, excerpt: e.g. "2021-2030"
    # numbered: "8.5岁以下…" may be item 8 or the decimal 8.5; the parser decides
    ambiguous: bool = False
    # numbered: the number as mistyped ("2，", "（2）"); plan-title: the title as mistyped
    typo: str = ""
    marker: str = ""  # part: ——, --, 一是 …; goals/measures: the list's name; box: 专栏1
    name: str = ""  # plan-title, title-head, excerpt: the plan's title as written


Rule = Callable[[SourceLine], Token | None]

PLAN_TITLE = re.compile(
    rf"^(?P<region>[^，。、：:（(《》]{{0,24}}?){WHO}\s*(?:{PERIOD})(?P<rest>.*)$"
)
TITLE_HEAD = re.compile(rf"^(?P<region>[^，。、：:（(《》]{{0,24}}?){WHO}$")
PERIOD_LINE = re.compile(rf"^(?:{PERIOD})$")
# A line that is a plan title but for a typing mistake in 发展规划: 妇女发展规戈（2021-2030年）.
NEAR_TITLE = re.compile(
    rf"^(?P<region>[^，。、：:（(《》]{{0,24}}?)(?P<who>妇女|儿童)(?P<words>[^，。、：:（(《》]{{1,6}})"
    rf"[（(]\s*(?P<start>\d{{4}})\s*年?{_DASH}(?P<end>\d{{4}})\s*年?\s*[)）]$"
)
GOAL_LISTS = ("主要目标", "具体目标", "发展目标")
MEASURE_LISTS = ("策略措施", "主要措施", "具体措施", "工作措施", "推进措施")
PROJECT_LISTS = ("重点项目", "重点工程", "重点实事项目", "重点民生项目")
LIST_HEADING = re.compile(
    rf"^[（(]?(?P<name>{'|'.join((*GOAL_LISTS, *MEASURE_LISTS, *PROJECT_LISTS))})[)）]?"
    r"\s*(?:[：:]\s*(?P<rest>.*)|)$"
)
BOX = re.compile(rf"^专栏\s*(?P<num>{DIGITS}|{CN_NUMERAL})?\s*[：:、.．]?\s*(?P<title>.*)$")
EXCERPT = re.compile(
    rf"《(?P<name>(?P<region>[^《》]{{0,24}}?){WHO}\s*(?:{PERIOD}))》"
    r"(?P<domain>[^《》，。：:]{2,12}?)领域(?P<list>主要目标|策略措施)"
)
CHAPTER = re.compile(
    rf"^(?:(?P<num>{CN_NUMERAL})\s*[、．.]|第(?P<ord>{CN_NUMERAL})(?:章|部分))\s*(?P<title>\S.*)$"
)
SECTION = re.compile(rf"^[（(]\s*(?P<num>{CN_NUMERAL})\s*[)）]\s*(?P<rest>.*)$")
NUMBERED = re.compile(rf"^(?P<num>{DIGITS})\s*(?P<sep>[.．、])\s*(?P<rest>\S.*)$")
# An item number mistyped: 2， 2, 2。 2• or (2) （2）.
NUMBERED_TYPO = re.compile(
    rf"^(?:(?P<num>{DIGITS})\s*(?P<sep>[，,。•·])|[（(]\s*(?P<pnum>{DIGITS})\s*[)）])\s*(?P<rest>\S.*)$"
)
# —— / -- / － bullets, and 一是…二是… parts of a goal.
PART = re.compile(
    r"^(?P<marker>——|—|--|－－|-|•|·|▲|■|(?:[一二三四五六七八九十]+是))\s*(?P<rest>\S.*)$"
)
# A table of contents: a heading, dots or blanks, a page number.
TOC_ENTRY = re.compile(r"^(?P<title>\S.{0,40}?)[\s.…·]+(?P<page>\d{1,3})$")
CONTENTS = ("目录", "目次")
TITLE_SUFFIXES = ("全文", "（全文）", "(全文)")
PREFACES = ("前言", "序言", "序")


def blank(line: SourceLine) -> Token | None:
    return Token("blank", line) if not line.text else None


def _period(match: re.Match[str]) -> str:
    if match["fyp"]:
        return FIVE_YEAR_PLANS[match["fyp"]]
    return f"{match['start']}-{match['end']}"


def _plan_code(match: re.Match[str]) -> str:
    return "W" if match["who"] == "妇女" else "C"


def plan_title(line: SourceLine) -> Token | None:
    """××妇女发展规划（2021-2030年）, ××儿童发展纲要(2021—2030年), …“十四五”规划."""
    match = PLAN_TITLE.match(squeeze(line.text))
    if not match:
        return None
    rest = match["rest"].strip()
    name = squeeze(line.text)[: match.start("rest")] if rest else line.text
    if rest in TITLE_SUFFIXES:
        rest, name = "", line.text  # 中国妇女发展纲要(2021—2030年)全文, as web pages title it
    elif rest and not SECTION.match(rest) and not CHAPTER.match(rest):
        return None  # a sentence that starts with a plan's name
    return Token(
        "plan-title",
        line,
        title=match["region"],
        plan=_plan_code(match),
        period=_period(match),
        rest=rest,
        name=name,
    )


def title_head(line: SourceLine) -> Token | None:
    """长春市九台区儿童发展规划, with its period on the next line."""
    match = TITLE_HEAD.match(squeeze(line.text))
    if not match:
        return None
    return Token("title-head", line, title=match["region"], plan=_plan_code(match), name=line.text)


def period_line(line: SourceLine) -> Token | None:
    """（2021-2030年） on a line of its own, under a title."""
    match = PERIOD_LINE.match(squeeze(line.text))
    return Token("period", line, period=_period(match)) if match else None


def near_title(line: SourceLine) -> Token | None:
    """A plan title with a typing mistake: kept as the title, and reported by the parser."""
    match = NEAR_TITLE.match(squeeze(line.text))
    if not match or match["words"] in ("发展规划", "发展纲要"):
        return None
    period = f"{match['start']}-{match['end']}"
    return Token(
        "plan-title",
        line,
        title=match["region"],
        plan=_plan_code(match),
        period=period,
        typo=line.text,
        name=line.text,
    )


def excerpt(line: SourceLine) -> Token | None:
    """《廊坊市儿童发展规划(2021—2030年)》儿童与安全领域主要目标: one domain's list, alone."""
    match = EXCERPT.search(squeeze(line.text))
    if not match:
        return None
    return Token(
        "excerpt",
        line,
        title=match["domain"],
        plan=_plan_code(match),
        period=_period(match),
        marker=match["list"],
        name=match["name"],
        rest=match["region"],
    )


def contents(line: SourceLine) -> Token | None:
    return Token("contents", line, title="目录") if squeeze(line.text) in CONTENTS else None


def toc_entry(line: SourceLine) -> Token | None:
    """前  言 5 / （一）妇女与健康 10: a heading and its page, in a table of contents."""
    match = TOC_ENTRY.match(line.text)
    if not match or SENTENCE_END.search(match["title"]):
        return None
    return Token("toc-entry", line, title=match["title"].strip(), number=int(match["page"]))


def preface(line: SourceLine) -> Token | None:
    text = squeeze(line.text)
    return Token("preface", line, title=text) if text in PREFACES else None


def list_heading(line: SourceLine) -> Token | None:
    """主要目标：/ 具体目标 / 策略措施: / 重点项目, alone or with the first item after it."""
    match = LIST_HEADING.match(line.text.strip())
    if not match:
        return None
    name = match["name"]
    kind: TokenKind = (
        "goals" if name in GOAL_LISTS else "measures" if name in MEASURE_LISTS else "projects"
    )
    return Token(kind, line, title=name, marker=name, rest=(match["rest"] or "").strip())


def box(line: SourceLine) -> Token | None:
    """专栏1 妇女健康促进工程: a box of key projects."""
    match = BOX.match(line.text)
    if not match:
        return None
    raw = match["num"] or ""
    number = (arabic_number(raw) if raw[:1].isdigit() else cn_number(raw)) if raw else None
    title = match["title"].strip()
    return Token("box", line, number=number, title=title, marker=f"专栏{raw}")


def chapter(line: SourceLine) -> Token | None:
    match = CHAPTER.match(line.text)
    if not match or SENTENCE_END.search(match["title"]) or len(match["title"]) > 40:
        return None
    number = cn_number(match["num"] or match["ord"])
    if number is None:
        return None
    return Token("chapter", line, number=number, title=match["title"].strip())


def section(line: SourceLine) -> Token | None:
    match = SECTION.match(line.text)
    if not match:
        return None
    number = cn_number(match["num"])
    if number is None:
        return None
    rest = match["rest"].strip()
    return Token("section", line, number=number, title=_heading_of(rest), rest=rest)


def numbered(line: SourceLine) -> Token | None:
    match = NUMBERED.match(line.text)
    if not match:
        return None
    rest = match["rest"].strip()
    ambiguous = match["sep"] in ".．" and rest[0] in "0123456789０１２３４５６７８９"
    number = arabic_number(match["num"])
    return Token("numbered", line, number=number, rest=rest, ambiguous=ambiguous)


def numbered_typo(line: SourceLine) -> Token | None:
    """``2，…``, ``2•…`` or ``（2）…``: an item number typed wrong; the parser decides."""
    match = NUMBERED_TYPO.match(line.text)
    if not match:
        return None
    digits = match["num"] or match["pnum"]
    typed = line.text[: match.start("rest")].strip()
    number = arabic_number(digits)
    return Token("numbered", line, number=number, rest=match["rest"].strip(), typo=typed)


def part(line: SourceLine) -> Token | None:
    """——孕产妇死亡率下降到… / 一是…: a part of the goal (or measure) above it."""
    match = PART.match(line.text)
    if not match or match["rest"][0] in "-—－":
        return None
    return Token("part", line, rest=match["rest"].strip(), marker=match["marker"])


def text(line: SourceLine) -> Token | None:
    return Token("text", line, rest=line.text)


def _heading_of(rest: str) -> str:
    """A section's heading: the text up to its first full stop (or all of it)."""
    match = SENTENCE_END.search(rest)
    heading = rest[: match.start()] if match else rest
    return heading.rstrip("：:").strip()


RULES: tuple[Rule, ...] = (
    blank,
    plan_title,
    near_title,
    title_head,
    period_line,
    excerpt,
    contents,
    toc_entry,
    preface,
    list_heading,
    box,
    chapter,
    section,
    numbered,
    numbered_typo,
    part,
    text,
)


def classify(line: SourceLine, skip: tuple[Rule, ...] = ()) -> Token:
    """Apply the rules in order (but those in ``skip``); the last rule (``text``) always matches."""
    for rule in RULES:
        if rule in skip:
            continue
        token = rule(line)
        if token is not None:
            return token
    raise AssertionError("the text rule matches every line")  # pragma: no cover


def reclassify(token: Token, text_: str) -> Token:
    """The token of ``text_`` written on ``token``'s line: a heading's first item."""
    return classify(replace(token.line, text=text_), skip=(toc_entry,))


def tokenize(lines: list[SourceLine]) -> list[Token]:
    return [classify(line) for line in lines]
