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
from pathlib import Path

import yaml

from kb.corpus import SUBJECTS
from kb.errors import Problem
from kb.yaml_source import SourceError, YamlSource, node_line

VOCABULARY_FILE = SUBJECTS
TOP_KEYS = ("version", "generic", "ignore", "subjects")
SUBJECT_KEYS = ("name", "aliases", "indicator")


class VocabularyError(SourceError):
    """A bad ``subjects.yaml``: the file, the line and what is wrong (in Chinese)."""


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


# --------------------------------------------------------------------------- loading


def load_vocabulary(path: Path) -> Vocabulary:
    """Read and check ``subjects.yaml``; a missing file is an empty vocabulary (no links)."""
    if not path.exists():
        return EMPTY
    src = YamlSource.read(path, VocabularyError)
    top = src.mapping(src.root, "文件顶层", TOP_KEYS)
    if "version" in top and _scalar(src, top["version"]) != "1":
        src.fail(top["version"], "version 应为 1")
    generic = tuple(_strings(src, top["generic"])) if "generic" in top else ()
    ignore = tuple(_strings(src, top["ignore"])) if "ignore" in top else ()
    nodes = top.get("subjects")
    if not isinstance(nodes, yaml.SequenceNode) or not nodes.value:
        src.fail(nodes or src.root, "subjects 应当是非空的主题列表")
    subjects = tuple(_subject(src, node) for node in nodes.value)
    _check(src, subjects, ignore, generic)
    return Vocabulary(src.file, subjects, ignore, generic)


def vocabulary_problems(corpus: Path) -> list[Problem]:
    """For ``kb check``: what is wrong with ``corpus/subjects.yaml``, as a problem (or none)."""
    try:
        load_vocabulary(corpus / VOCABULARY_FILE)
    except VocabularyError as exc:
        line = exc.line if isinstance(exc.line, int) else 0
        return [Problem(exc.file, line, "error", "bad-subjects", exc.message)]
    return []


def _scalar(src: YamlSource, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        src.fail(node, "这里应当是一个非空的词")
    return str(node.value).strip()


def _strings(src: YamlSource, node: yaml.Node) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        src.fail(node, "这里应当是词的列表，如 [母婴传播, 母婴阻断]")
    return [_scalar(src, item) for item in node.value]


def _subject(src: YamlSource, node: yaml.Node) -> Subject:
    fields = src.mapping(node, "主题", SUBJECT_KEYS)
    if "name" not in fields:
        src.fail(node, "主题缺少 name")
    name = _scalar(src, fields["name"])
    aliases = tuple(_strings(src, fields["aliases"])) if "aliases" in fields else (name,)
    indicator = False
    if "indicator" in fields:
        value = _scalar(src, fields["indicator"])
        if value not in ("true", "false"):
            src.fail(fields["indicator"], "indicator 应为 true 或 false")
        indicator = value == "true"
    return Subject(name, aliases, indicator, node_line(node))


def _check(
    src: YamlSource,
    subjects: tuple[Subject, ...],
    ignore: tuple[str, ...],
    generic: tuple[str, ...],
) -> None:
    """Names and phrases are unique; no alias is a generic word."""
    seen: dict[str, str] = {phrase: "ignore" for phrase in ignore}
    names: set[str] = set()
    for subject in subjects:
        if subject.name in names:
            src.fail(subject.line, f"主题“{subject.name}”重复")
        names.add(subject.name)
        for alias in subject.aliases:
            if alias in generic:
                src.fail(
                    subject.line,
                    f"“{alias}”是宽泛的词（generic），不能当主题“{subject.name}”的写法；"
                    "请写成更具体的搭配",
                )
            if alias in seen:
                src.fail(
                    subject.line, f"写法“{alias}”已属于{seen[alias]}，同一个写法只能属于一个主题"
                )
            seen[alias] = f"主题“{subject.name}”"
