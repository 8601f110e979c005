"""The gazetteer of responsible departments: ``corpus/departments.yaml``, checked.

The county clerk's file lists every body the plans can mean: its canonical
name, short name and aliases ("公安机关", "妇联组织"), and the terms of its remit
("孕产妇" belongs to 县卫生健康局), graded ``lead`` (core remit) or ``partner``.
``load_gazetteer`` reads and validates it; every mistake names the file and
the line.  How the phrases are applied to an item is ``kb.departments``.

Matching (``find_phrases``) is leftmost-longest over all names, aliases and
terms at once, so a long phrase owns its characters: "家庭教育" is 县妇联's
term and never yields the "教育" of 县教育局; "劳动保障法律监督" is labour
inspection, not the procuratorate's "法律监督".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import yaml

from kb.yaml_source import SourceError, Where, YamlSource, line_of

HitKind = Literal["alias", "lead", "partner"]

KINDS = ("government", "judicial", "party", "congress", "mass", "coordination")
TOP_KEYS = ("version", "shared_aliases", "not_names", "not_bodies", "departments")
DEPARTMENT_KEYS = ("name", "short", "kind", "home", "aliases", "subjects")
SUBJECT_KEYS = ("lead", "partner")


class GazetteerError(SourceError):
    """A bad gazetteer file: where (line number or key) and what is wrong (in Chinese)."""

    @property
    def where(self) -> Where:
        return self.line


@dataclass(frozen=True)
class Department:
    name: str  # canonical, e.g. 县卫生健康局
    short: str  # e.g. 卫健局
    kind: str  # one of KINDS
    aliases: tuple[str, ...]  # other names the plans use for it
    lead_terms: tuple[str, ...]
    partner_terms: tuple[str, ...]
    home: tuple[str, ...] = ()  # domain names where it is the usual lead

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the text can name this body."""
        return (self.name, self.short, *self.aliases)


@dataclass(frozen=True)
class Hit:
    """What a matched phrase says about one department."""

    department: str
    kind: HitKind


@dataclass(frozen=True)
class Gazetteer:
    file: str
    departments: tuple[Department, ...]
    shared_aliases: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()  # phrases that hide a name or term; match nobody
    not_bodies: frozenset[str] = frozenset()  # generic body-like words; never warned about
    # derived from ``departments`` by ``load_gazetteer``: phrase -> what it says, and the
    # phrases by first character, longest first (for leftmost-longest matching)
    phrases: Mapping[str, tuple[Hit, ...]] = field(default_factory=dict, compare=False, repr=False)
    by_first: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def department(self, name: str) -> Department:
        for dept in self.departments:
            if dept.name == name:
                return dept
        raise KeyError(name)


@dataclass(frozen=True)
class Match:
    phrase: str
    start: int
    hits: tuple[Hit, ...]


# --------------------------------------------------------------------------- loading


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and validate ``departments.yaml``; raise GazetteerError on any bad entry."""
    src = YamlSource.read(path, GazetteerError)
    top = src.mapping(src.root, "文件顶层", TOP_KEYS)
    if "departments" not in top:
        src.fail("departments", "缺少 departments（单位列表）")
    lists = {
        key: frozenset(_strings(src, top[key])) if key in top else frozenset()
        for key in ("shared_aliases", "not_names", "not_bodies")
    }
    dept_nodes = top["departments"]
    if not isinstance(dept_nodes, yaml.SequenceNode) or not dept_nodes.value:
        src.fail(dept_nodes, "departments 应当是非空列表")
    departments = tuple(_department(src, node) for node in dept_nodes.value)
    gaz = Gazetteer(
        src.file, departments, lists["shared_aliases"], lists["not_names"], lists["not_bodies"]
    )
    _check_unique(src, gaz, dept_nodes.value)
    _check_not_names(src, gaz)
    phrases = _index(gaz)
    return replace(gaz, phrases=phrases, by_first=_by_first(phrases))


def _string(src: YamlSource, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        src.fail(node, "这里应当是一个名称或词语")
    text = str(node.value).strip()
    if not text:
        src.fail(node, "名称或词语不能为空")
    return text


def _strings(src: YamlSource, node: yaml.Node) -> list[str]:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return []
    if not isinstance(node, yaml.SequenceNode):
        src.fail(node, "这里应当是列表")
    values = [_string(src, item) for item in node.value]
    for item, value in zip(node.value, values, strict=True):
        if values.count(value) > 1:
            src.fail(item, f"列表中“{value}”重复")
    return values


def _department(src: YamlSource, node: yaml.Node) -> Department:
    fields = src.mapping(node, "单位", DEPARTMENT_KEYS)
    for key in ("name", "short", "kind"):
        if key not in fields:
            src.fail(node, f"单位缺少 {key}")
    name = _string(src, fields["name"])
    kind = _string(src, fields["kind"])
    if kind not in KINDS:
        src.fail(fields["kind"], f"{name}：kind “{kind}”无效，应为 {'、'.join(KINDS)} 之一")
    subjects = (
        src.mapping(fields["subjects"], f"{name} 的 subjects", SUBJECT_KEYS)
        if "subjects" in fields
        else {}
    )
    lead = _strings(src, subjects["lead"]) if "lead" in subjects else []
    partner = _strings(src, subjects["partner"]) if "partner" in subjects else []
    for term in lead:
        if term in partner:
            src.fail(subjects["partner"], f"{name}：“{term}”不能既是 lead 又是 partner")
    return Department(
        name=name,
        short=_string(src, fields["short"]),
        kind=kind,
        aliases=tuple(_strings(src, fields["aliases"])) if "aliases" in fields else (),
        lead_terms=tuple(lead),
        partner_terms=tuple(partner),
        home=tuple(_strings(src, fields["home"])) if "home" in fields else (),
    )


def _key_line(node: yaml.Node, key: str) -> Where:
    """The line of ``key``'s value inside a mapping node, else the node's own line."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return line_of(value_node)
    return line_of(node)


def _check_unique(src: YamlSource, gaz: Gazetteer, nodes: list[yaml.Node]) -> None:
    """Names are unique; a name or alias belongs to one body unless declared shared."""
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for dept, node in zip(gaz.departments, nodes, strict=True):
        if dept.name in seen:
            src.fail(_key_line(node, "name"), f"单位名称“{dept.name}”重复")
        seen.add(dept.name)
        for phrase in dict.fromkeys(dept.names):
            other = owner.get(phrase)
            if other is not None and phrase not in gaz.shared_aliases:
                src.fail(
                    _key_line(node, "aliases" if phrase in dept.aliases else "short"),
                    f"别称“{phrase}”同时属于{other}和{dept.name}；"
                    "若确指多个单位，请写入 shared_aliases",
                )
            owner.setdefault(phrase, dept.name)
    for phrase in gaz.shared_aliases:
        if phrase not in owner:
            src.fail("shared_aliases", f"共用别称“{phrase}”没有写在任何单位的 aliases 中")
    for dept, node in zip(gaz.departments, nodes, strict=True):
        for term in (*dept.lead_terms, *dept.partner_terms):
            if term in owner:
                src.fail(
                    _key_line(node, "subjects"),
                    f"{dept.name}：主题词“{term}”与{owner[term]}的名称或别称相同",
                )


def _check_not_names(src: YamlSource, gaz: Gazetteer) -> None:
    """A not_names entry must hide some name or term, and must not be one itself."""
    phrases = {p for d in gaz.departments for p in (*d.names, *d.lead_terms, *d.partner_terms)}
    for entry in sorted(gaz.not_names):
        if entry in phrases:
            src.fail("not_names", f"“{entry}”本身是名称或主题词，不能写入 not_names")
        if not any(p in entry for p in phrases):
            src.fail("not_names", f"“{entry}”不含任何名称或主题词，无需写入 not_names")


def _index(gaz: Gazetteer) -> dict[str, tuple[Hit, ...]]:
    index: dict[str, list[Hit]] = {entry: [] for entry in gaz.not_names}
    for dept in gaz.departments:
        for phrase in dict.fromkeys(dept.names):
            index.setdefault(phrase, []).append(Hit(dept.name, "alias"))
        for term in dept.lead_terms:
            index.setdefault(term, []).append(Hit(dept.name, "lead"))
        for term in dept.partner_terms:
            index.setdefault(term, []).append(Hit(dept.name, "partner"))
    return {phrase: tuple(hits) for phrase, hits in index.items()}


def _by_first(phrases: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase[0], []).append(phrase)
    return {ch: tuple(sorted(group, key=len, reverse=True)) for ch, group in grouped.items()}


# --------------------------------------------------------------------------- lookup


def resolve(gazetteer: Gazetteer, name: str) -> Department | None:
    """The department a canonical name, short name or alias stands for (``None`` if unknown).

    A shared alias such as 司法机关 stands for several bodies and resolves to ``None``.
    """
    wanted = name.strip()
    found = [dept for dept in gazetteer.departments if wanted in dept.names]
    return found[0] if len(found) == 1 else None


def find_phrases(gazetteer: Gazetteer, text: str) -> list[Match]:
    """All gazetteer phrases in ``text``, leftmost-longest and non-overlapping."""
    matches: list[Match] = []
    pos = 0
    while pos < len(text):
        candidates = gazetteer.by_first.get(text[pos], ())
        found = next((p for p in candidates if text.startswith(p, pos)), None)
        if found is None:
            pos += 1
            continue
        matches.append(Match(found, pos, gazetteer.phrases[found]))
        pos += len(found)
    return matches
