"""The gazetteer of responsible departments: ``corpus/departments.yaml``, checked.

The county clerk's file lists every body the plans can mean: its canonical
name, short name and aliases ("公安机关", "妇联组织"), and the terms of its remit
("孕产妇" belongs to 县卫生健康局), graded ``lead`` (core remit) or ``partner``.
``read_gazetteer`` checks every entry and reports every mistake with its line;
how the phrases are applied to an item is ``kb.enrich.departments``.

Matching (``Gazetteer.find_phrases``) is leftmost-longest over all names,
aliases and terms at once, so a long phrase owns its characters: "家庭教育" is
县妇联's term and never yields the "教育" of 县教育局; "劳动保障法律监督" is
labour inspection, not the procuratorate's "法律监督".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import yaml

from kb.corpus.yaml_source import YamlSource, node_line
from kb.errors import Problem
from kb.model import Department

HitKind = Literal["alias", "lead", "partner"]

KINDS = ("government", "judicial", "party", "congress", "mass", "coordination")
TOP_KEYS = ("version", "shared_aliases", "not_names", "not_bodies", "departments")
DEPARTMENT_KEYS = ("name", "short", "kind", "home", "aliases", "subjects")
SUBJECT_KEYS = ("lead", "partner")
CODE = "bad-gazetteer"


@dataclass(frozen=True)
class Entry:
    """One body of the gazetteer with its remit, and the line it is declared on."""

    name: str  # canonical, e.g. 县卫生健康局
    short: str  # e.g. 卫健局
    kind: str  # one of KINDS
    aliases: tuple[str, ...]  # other names the plans use for it
    lead_terms: tuple[str, ...]
    partner_terms: tuple[str, ...]
    home: tuple[str, ...] = ()  # domain names where it is the usual lead
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the text can name this body."""
        return (self.name, self.short, *self.aliases)

    def department(self) -> Department:
        return Department(self.name, self.short, self.kind, self.aliases)


@dataclass(frozen=True)
class Hit:
    """What a matched phrase says about one department."""

    department: str
    kind: HitKind


@dataclass(frozen=True)
class Match:
    phrase: str
    start: int
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class Gazetteer:
    file: str
    entries: tuple[Entry, ...]
    shared_aliases: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()  # phrases that hide a name or term; match nobody
    not_bodies: frozenset[str] = frozenset()  # generic body-like words; never warned about
    # phrase -> what it says, and the phrases by first character, longest first
    phrases: Mapping[str, tuple[Hit, ...]] = field(default_factory=dict, compare=False, repr=False)
    by_first: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        phrases = _index(self)
        object.__setattr__(self, "phrases", phrases)
        object.__setattr__(self, "by_first", _by_first(phrases))

    def entry(self, name: str) -> Entry:
        for entry in self.entries:
            if entry.name == name:
                return entry
        raise KeyError(name)

    def departments(self) -> tuple[Department, ...]:
        return tuple(e.department() for e in self.entries)

    def find_phrases(self, text: str) -> list[Match]:
        """All gazetteer phrases in ``text``, leftmost-longest and non-overlapping."""
        matches: list[Match] = []
        pos = 0
        while pos < len(text):
            candidates = self.by_first.get(text[pos], ())
            found = next((p for p in candidates if text.startswith(p, pos)), None)
            if found is None:
                pos += 1
                continue
            matches.append(Match(found, pos, self.phrases[found]))
            pos += len(found)
        return matches


# --------------------------------------------------------------------------- reading


def read_gazetteer(text: str, file: str) -> tuple[Gazetteer, list[Problem]]:
    """Check ``departments.yaml``; every bad entry is a problem and is left out."""
    src = YamlSource.compose(text, file, CODE)
    if not src.ok:
        return Gazetteer(file, ()), src.problems
    top = src.mapping(src.root, "文件顶层", TOP_KEYS) or {}
    lists = {
        key: frozenset(t for _, t in src.strings(top[key])) if key in top else frozenset()
        for key in ("shared_aliases", "not_names", "not_bodies")
    }
    entries: list[Entry] = []
    nodes = top.get("departments")
    if nodes is None:
        src.problem(src.root, "缺少 departments（单位列表）")
    elif not isinstance(nodes, yaml.SequenceNode) or not nodes.value:
        src.problem(nodes, "departments 应当是非空列表")
    else:
        entries = [e for node in nodes.value if (e := _entry(src, node)) is not None]
    entries = _unique(src, entries)
    gaz = Gazetteer(
        file, tuple(entries), lists["shared_aliases"], lists["not_names"], lists["not_bodies"]
    )
    if src.ok:  # cross-checks only over a whole file: a dropped entry would mislead them
        _check_names(src, gaz, {k: node_line(top[k]) for k in top})
    return gaz, src.problems


def _entry(src: YamlSource, node: yaml.Node) -> Entry | None:
    fields = src.mapping(node, "单位", DEPARTMENT_KEYS)
    if fields is None:
        return None
    missing = [key for key in ("name", "short", "kind") if key not in fields]
    if missing:
        src.problem(node, f"单位缺少 {'、'.join(missing)}")
        return None
    name, short, kind = (src.string(fields[k]) for k in ("name", "short", "kind"))
    if name is None or short is None or kind is None:
        return None
    if kind not in KINDS:
        src.problem(fields["kind"], f"{name}：kind “{kind}”无效，应为 {'、'.join(KINDS)} 之一")
        return None
    subjects = {}
    if "subjects" in fields:
        subjects = src.mapping(fields["subjects"], f"{name} 的 subjects", SUBJECT_KEYS) or {}
    lead = [t for _, t in src.strings(subjects["lead"])] if "lead" in subjects else []
    partner = [t for _, t in src.strings(subjects["partner"])] if "partner" in subjects else []
    for term in lead:
        if term in partner:
            src.problem(subjects["partner"], f"{name}：“{term}”不能既是 lead 又是 partner")
    return Entry(
        name=name,
        short=short,
        kind=kind,
        aliases=tuple(t for _, t in src.strings(fields["aliases"])) if "aliases" in fields else (),
        lead_terms=tuple(lead),
        partner_terms=tuple(t for t in partner if t not in lead),
        home=tuple(t for _, t in src.strings(fields["home"])) if "home" in fields else (),
        line=_line_of(fields, "name", node),
    )


def _line_of(fields: dict[str, yaml.Node], key: str, node: yaml.Node) -> int:
    return node_line(fields[key]) if key in fields else node_line(node)


def _unique(src: YamlSource, entries: list[Entry]) -> list[Entry]:
    seen: dict[str, int] = {}
    kept = []
    for entry in entries:
        if entry.name in seen:
            src.problem(entry.line, f"单位名称“{entry.name}”重复：第 {seen[entry.name]} 行已有")
            continue
        seen[entry.name] = entry.line
        kept.append(entry)
    return kept


def _check_names(src: YamlSource, gaz: Gazetteer, key_lines: dict[str, int]) -> None:
    """A name or alias belongs to one body unless declared shared; terms are not names."""
    owner: dict[str, str] = {}
    for entry in gaz.entries:
        for phrase in dict.fromkeys(entry.names):
            other = owner.get(phrase)
            if other is not None and phrase not in gaz.shared_aliases:
                src.problem(
                    entry.line,
                    f"别称“{phrase}”同时属于{other}和{entry.name}；"
                    "若确指多个单位，请写入 shared_aliases",
                )
            owner.setdefault(phrase, entry.name)
    for phrase in sorted(gaz.shared_aliases - set(owner)):
        src.problem(
            key_lines.get("shared_aliases", 0),
            f"共用别称“{phrase}”没有写在任何单位的 aliases 中",
        )
    for entry in gaz.entries:
        for term in (*entry.lead_terms, *entry.partner_terms):
            if term in owner:
                src.problem(
                    entry.line, f"{entry.name}：主题词“{term}”与{owner[term]}的名称或别称相同"
                )
    terms = {p for e in gaz.entries for p in (*e.names, *e.lead_terms, *e.partner_terms)}
    for phrase in sorted(gaz.not_names):
        if phrase in terms:
            src.problem(
                key_lines.get("not_names", 0), f"“{phrase}”本身是名称或主题词，不能写入 not_names"
            )
        elif not any(p in phrase for p in terms):
            src.problem(
                key_lines.get("not_names", 0), f"“{phrase}”不含任何名称或主题词，无需写入 not_names"
            )


def _index(gaz: Gazetteer) -> dict[str, tuple[Hit, ...]]:
    index: dict[str, list[Hit]] = {phrase: [] for phrase in gaz.not_names}
    for entry in gaz.entries:
        for phrase in dict.fromkeys(entry.names):
            index.setdefault(phrase, []).append(Hit(entry.name, "alias"))
        for term in entry.lead_terms:
            index.setdefault(term, []).append(Hit(entry.name, "lead"))
        for term in entry.partner_terms:
            index.setdefault(term, []).append(Hit(entry.name, "partner"))
    return {phrase: tuple(hits) for phrase, hits in index.items()}


def _by_first(phrases: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase[0], []).append(phrase)
    return {ch: tuple(sorted(group, key=len, reverse=True)) for ch, group in grouped.items()}
