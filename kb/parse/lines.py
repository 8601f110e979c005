"""Line rules: classify each source line by the plan template's layout.

An ordered table of small named rules, one per pattern of the layout
(``一、`` chapters, ``（一）`` sections, ``1.`` items, ``主要目标：`` …).  The
first rule that matches wins.  A new layout variant is a new rule here, not a
new branch in the parser.  Classification is context-free; the parser
(``kb.parse.parser``) decides what a token means where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kb.text import FULL_STOPS, SourceLine, arabic_number, cn_number, squeeze

TokenKind = Literal[
    "blank", "plan-title", "preface", "goals", "measures", "chapter", "section", "numbered", "text"
]

CN_NUMERAL = "[一二三四五六七八九十]+"
DIGITS = "[0-9０-９]{1,3}"
# Text that ends a heading: a heading carries no full stop.
SENTENCE_END = re.compile(f"[{FULL_STOPS}]")
PERIOD = r"[（(](?P<start>\d{4})\s*[-—–－~至]+\s*(?P<end>\d{4})\s*年?[)）]"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    line: SourceLine
    number: int | None = None
    title: str = ""  # heading text, or a plan title's region
    rest: str = ""  # text after the number or heading
    plan: str = ""  # plan-title: "W" or "C"
    period: str = ""  # plan-title: e.g. "2021-2030"
    # numbered: "8.5岁以下…" may be item 8 or the decimal 8.5; the parser decides
    ambiguous: bool = False
    # numbered: the number as mistyped ("2，", "（2）"); plan-title: the title as mistyped
    typo: str = ""


Rule = Callable[[SourceLine], Token | None]

PLAN_TITLE = re.compile(
    rf"^(?P<region>[^，。、：:（(]{{0,24}}?)(?P<who>妇女|儿童)发展规划\s*{PERIOD}$"
)
# A line that is a plan title but for a typing mistake in 发展规划: 妇女发展规戈（2021-2030年）.
NEAR_TITLE = re.compile(
    rf"^(?P<region>[^，。、：:（(《》]{{0,24}}?)(?P<who>妇女|儿童)(?P<words>[^，。、：:（(《》]{{1,6}}){PERIOD}$"
)
LIST_HEADING = re.compile(r"^(?P<name>主要目标|策略措施)\s*[：:]?$")
CHAPTER = re.compile(rf"^(?P<num>{CN_NUMERAL})\s*[、．.]\s*(?P<title>\S.*)$")
SECTION = re.compile(rf"^[（(]\s*(?P<num>{CN_NUMERAL})\s*[)）]\s*(?P<rest>.*)$")
NUMBERED = re.compile(rf"^(?P<num>{DIGITS})\s*(?P<sep>[.．、])\s*(?P<rest>\S.*)$")
# An item number mistyped: 2， 2, 2。 or (2) （2）.
NUMBERED_TYPO = re.compile(
    rf"^(?:(?P<num>{DIGITS})\s*(?P<sep>[，,。])|[（(]\s*(?P<pnum>{DIGITS})\s*[)）])\s*(?P<rest>\S.*)$"
)


def blank(line: SourceLine) -> Token | None:
    return Token("blank", line) if not line.text else None


def plan_title(line: SourceLine) -> Token | None:
    match = PLAN_TITLE.match(squeeze(line.text))
    if not match:
        return None
    plan = "W" if match["who"] == "妇女" else "C"
    period = f"{match['start']}-{match['end']}"
    return Token("plan-title", line, title=match["region"], plan=plan, period=period)


def near_title(line: SourceLine) -> Token | None:
    """A plan title with a typing mistake: kept as the title, and reported by the parser."""
    match = NEAR_TITLE.match(squeeze(line.text))
    if not match or match["words"] == "发展规划":
        return None
    plan = "W" if match["who"] == "妇女" else "C"
    period = f"{match['start']}-{match['end']}"
    return Token(
        "plan-title", line, title=match["region"], plan=plan, period=period, typo=line.text
    )


def preface(line: SourceLine) -> Token | None:
    return Token("preface", line, title="前言") if squeeze(line.text) == "前言" else None


def list_heading(line: SourceLine) -> Token | None:
    match = LIST_HEADING.match(squeeze(line.text))
    if not match:
        return None
    kind: TokenKind = "goals" if match["name"] == "主要目标" else "measures"
    return Token(kind, line, title=match["name"])


def chapter(line: SourceLine) -> Token | None:
    match = CHAPTER.match(line.text)
    if not match or SENTENCE_END.search(match["title"]) or len(match["title"]) > 40:
        return None
    number = cn_number(match["num"])
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
    """``2，…`` or ``（2）…``: an item number typed wrong; the parser decides if it is one."""
    match = NUMBERED_TYPO.match(line.text)
    if not match:
        return None
    digits = match["num"] or match["pnum"]
    typed = line.text[: match.start("rest")].strip()
    number = arabic_number(digits)
    return Token("numbered", line, number=number, rest=match["rest"].strip(), typo=typed)


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
    preface,
    list_heading,
    chapter,
    section,
    numbered,
    numbered_typo,
    text,
)


def classify(line: SourceLine) -> Token:
    """Apply the rules in order; the last rule (``text``) always matches."""
    for rule in RULES:
        token = rule(line)
        if token is not None:
            return token
    raise AssertionError("the text rule matches every line")  # pragma: no cover


def tokenize(lines: list[SourceLine]) -> list[Token]:
    return [classify(line) for line in lines]
