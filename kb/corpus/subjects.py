"""The subject vocabulary of the cross-links, and finding its subjects in a text.

``corpus/subjects.yaml`` (edited by people) lists the concrete subjects that the
women's and the children's plans can share -- 母婴传播, 家庭暴力, 托育服务 -- each
with the ways the plans write it (``aliases``).  Words too generic to say what an
item is about (发展, 服务, 儿童 …) are declared there too, and may not be aliases.

Matching is leftmost-longest over every alias and every ``ignore`` phrase at
once, so a long phrase owns its characters: "托育机构" (declared ``ignore``, as in
"学校、幼儿园、托育机构") never yields the 托育服务 subject, and "九年义务教育巩固率"
is the shared indicator, not also 义务教育.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from kb.corpus.yaml_source import YamlSource, node_line
from kb.errors import Problem
from kb.model import Item

TOP_KEYS = ("version", "generic", "ignore", "subjects")
SUBJECT_KEYS = ("name", "aliases", "indicator")
CODE = "bad-subjects"


@dataclass(frozen=True)
class Subject:
    """A concrete subject, e.g. 母婴传播, and the ways the plans write it."""

    name: str
    aliases: tuple[str, ...]
    indicator: bool = False  # a target indicator both plans set (九年义务教育巩固率 …)
    line: int = 0  # where it is declared in subjects.yaml


@dataclass(frozen=True)
class Vocabulary:
    file: str
    subjects: tuple[Subject, ...]
    ignore: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    # phrase -> subject name (None for an ignored phrase); derived in __post_init__
    owner: Mapping[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        owner: dict[str, str | None] = {phrase: None for phrase in self.ignore}
        for subject in self.subjects:
            owner.update((alias, subject.name) for alias in subject.aliases)
        # Longest first, so that the regex alternation is leftmost-longest.
        phrases = sorted(owner, key=lambda p: (-len(p), p))
        pattern = re.compile("|".join(map(re.escape, phrases))) if phrases else None
        object.__setattr__(self, "owner", owner)
        object.__setattr__(self, "pattern", pattern)

    def subject(self, name: str) -> Subject:
        for subject in self.subjects:
            if subject.name == name:
                return subject
        raise KeyError(name)


EMPTY = Vocabulary(file="", subjects=())


@dataclass(frozen=True)
class Match:
    start: int
    phrase: str
    subject: str | None  # None: an ignored phrase


def find_matches(vocabulary: Vocabulary, text: str) -> list[Match]:
    """Every alias or ignored phrase in ``text``, leftmost-longest, in text order."""
    if vocabulary.pattern is None:
        return []
    return [
        Match(m.start(), m.group(), vocabulary.owner[m.group()])
        for m in vocabulary.pattern.finditer(text)
    ]


def find_subjects(vocabulary: Vocabulary, text: str) -> Counter[str]:
    """How many times each subject occurs in ``text``."""
    return Counter(m.subject for m in find_matches(vocabulary, text) if m.subject is not None)


def item_subjects(item: Item, vocabulary: Vocabulary) -> Counter[str]:
    """Each subject's count in an item; a measure's title (first sentence) counts twice."""
    return find_subjects(vocabulary, item.text) + find_subjects(vocabulary, item.title or "")


# --------------------------------------------------------------------------- reading


def read_subjects(text: str, file: str) -> tuple[Vocabulary, list[Problem]]:
    """Check ``subjects.yaml``; every bad entry is a problem and is left out."""
    src = YamlSource.compose(text, file, CODE)
    if not src.ok:
        return EMPTY, src.problems
    top = src.mapping(src.root, "文件顶层", TOP_KEYS) or {}
    if "version" in top and src.string(top["version"], "版本号") not in (None, "1"):
        src.problem(top["version"], "version 应为 1")
    generic = tuple(t for _, t in src.strings(top["generic"])) if "generic" in top else ()
    ignore = tuple(t for _, t in src.strings(top["ignore"])) if "ignore" in top else ()
    nodes = top.get("subjects")
    subjects: list[Subject] = []
    if not isinstance(nodes, yaml.SequenceNode) or not nodes.value:
        src.problem(nodes or src.root, "subjects 应当是非空的主题列表")
    else:
        subjects = [s for node in nodes.value if (s := _subject(src, node)) is not None]
    kept = _check(src, subjects, ignore, generic)
    return Vocabulary(file, tuple(kept), ignore, generic), src.problems


def _subject(src: YamlSource, node: yaml.Node) -> Subject | None:
    fields = src.mapping(node, "主题", SUBJECT_KEYS)
    if fields is None:
        return None
    if "name" not in fields:
        src.problem(node, "主题缺少 name")
        return None
    name = src.string(fields["name"], "主题名")
    if name is None:
        return None
    aliases = (
        tuple(t for _, t in src.strings(fields["aliases"], "[母婴传播, 母婴阻断]"))
        if "aliases" in fields
        else (name,)
    )
    indicator = False
    if "indicator" in fields:
        value = src.string(fields["indicator"], "true 或 false")
        if value not in ("true", "false"):
            src.problem(fields["indicator"], "indicator 应为 true 或 false")
        indicator = value == "true"
    return Subject(name, aliases, indicator, node_line(node))


def _check(
    src: YamlSource, subjects: list[Subject], ignore: tuple[str, ...], generic: tuple[str, ...]
) -> list[Subject]:
    """Names and phrases are unique; no alias is a generic word.  Bad subjects are left out."""
    seen: dict[str, str] = {phrase: "ignore" for phrase in ignore}
    names: set[str] = set()
    kept = []
    for subject in subjects:
        ok = subject.name not in names
        if not ok:
            src.problem(subject.line, f"主题“{subject.name}”重复")
        names.add(subject.name)
        for alias in subject.aliases:
            if alias in generic:
                ok = False
                src.problem(
                    subject.line,
                    f"“{alias}”是宽泛的词（generic），不能当主题“{subject.name}”的写法；"
                    "请写成更具体的搭配",
                )
            elif alias in seen:
                ok = False
                src.problem(
                    subject.line, f"写法“{alias}”已属于{seen[alias]}，同一个写法只能属于一个主题"
                )
            else:
                seen[alias] = f"主题“{subject.name}”"
        if ok:
            kept.append(subject)
    return kept
