"""Responsible departments: a curated gazetteer and the rules that apply it.

The plans almost never say who does what.  We infer it from two kinds of clue,
both declared in ``corpus/departments.yaml`` (the county clerk's file):

* **named** -- the text names a body ("公安机关", "妇联组织"); ``…牵头`` right
  after the name makes it the lead;
* **subject** -- the text uses a term of a body's remit ("孕产妇" belongs to
  县卫生健康局).  Terms are graded ``lead`` (core remit) or ``partner``.

Matching is leftmost-longest over all names, aliases and terms at once, so a
long phrase owns its characters: "家庭教育" is 县妇联's term and never yields
the "教育" of 县教育局; "劳动保障法律监督" is labour inspection, not the
procuratorate's "法律监督".

One lead per item at most: the body whose lead terms (or name) occur in the
most sentences wins, the first sentence (a measure's title) counting double;
ties go to more hits, then to the body whose home domain this is, then to the
earliest mention.  A body with only partner terms is never the lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import yaml

from kb.errors import KbError
from kb.model import DepartmentRole

HitKind = Literal["alias", "lead", "partner"]

KINDS = ("government", "judicial", "party", "congress", "mass", "coordination")
TOP_KEYS = ("version", "shared_aliases", "not_names", "not_bodies", "departments")
DEPARTMENT_KEYS = ("name", "short", "kind", "home", "aliases", "subjects")
SUBJECT_KEYS = ("lead", "partner")

SENTENCE_END = "。；！？"
LEAD_MARK = re.compile(r"^[^，。；、]{0,3}?牵头")  # "统计部门牵头", "…办公室负责牵头"
TITLE_WEIGHT = 2


class GazetteerError(KbError):
    """A bad gazetteer file: where (line number or key) and what is wrong (in Chinese)."""

    def __init__(self, file: str, where: int | str, message: str) -> None:
        super().__init__(f"{file}:{where}: {message}")
        self.file = file
        self.where = where
        self.message = message


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
    file = str(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line: int | str = mark.line + 1 if mark is not None else "?"
        raise GazetteerError(file, line, f"不是合法的 YAML：{exc}") from exc
    top = _mapping(file, root, "文件顶层", TOP_KEYS)
    if "departments" not in top:
        raise GazetteerError(file, "departments", "缺少 departments（单位列表）")
    lists = {
        key: frozenset(_strings(file, top[key])) if key in top else frozenset()
        for key in ("shared_aliases", "not_names", "not_bodies")
    }
    dept_nodes = top["departments"]
    if not isinstance(dept_nodes, yaml.SequenceNode) or not dept_nodes.value:
        raise GazetteerError(file, _line(dept_nodes), "departments 应当是非空列表")
    departments = tuple(_department(file, node) for node in dept_nodes.value)
    gaz = Gazetteer(
        file, departments, lists["shared_aliases"], lists["not_names"], lists["not_bodies"]
    )
    _check_unique(file, gaz, dept_nodes.value)
    _check_not_names(file, gaz)
    phrases = _index(gaz)
    return replace(gaz, phrases=phrases, by_first=_by_first(phrases))


def _line(node: yaml.Node | None) -> int | str:
    return node.start_mark.line + 1 if node is not None else "?"


def _mapping(
    file: str, node: yaml.Node | None, what: str, allowed: tuple[str, ...]
) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise GazetteerError(file, _line(node), f"{what}应当是键值表")
    result: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in allowed:
            raise GazetteerError(
                file, _line(key_node), f"{what}中有未知的键“{key}”，允许的键：{'、'.join(allowed)}"
            )
        if key in result:
            raise GazetteerError(file, _line(key_node), f"{what}中键“{key}”重复")
        result[key] = value_node
    return result


def _string(file: str, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        raise GazetteerError(file, _line(node), "这里应当是一个名称或词语")
    text = str(node.value).strip()
    if not text:
        raise GazetteerError(file, _line(node), "名称或词语不能为空")
    return text


def _strings(file: str, node: yaml.Node) -> list[str]:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise GazetteerError(file, _line(node), "这里应当是列表")
    values = [_string(file, item) for item in node.value]
    for item, value in zip(node.value, values, strict=True):
        if values.count(value) > 1:
            raise GazetteerError(file, _line(item), f"列表中“{value}”重复")
    return values


def _department(file: str, node: yaml.Node) -> Department:
    fields = _mapping(file, node, "单位", DEPARTMENT_KEYS)
    for key in ("name", "short", "kind"):
        if key not in fields:
            raise GazetteerError(file, _line(node), f"单位缺少 {key}")
    name = _string(file, fields["name"])
    kind = _string(file, fields["kind"])
    if kind not in KINDS:
        raise GazetteerError(
            file, _line(fields["kind"]), f"{name}：kind “{kind}”无效，应为 {'、'.join(KINDS)} 之一"
        )
    subjects = (
        _mapping(file, fields.get("subjects"), f"{name} 的 subjects", SUBJECT_KEYS)
        if ("subjects" in fields)
        else {}
    )
    lead = _strings(file, subjects["lead"]) if "lead" in subjects else []
    partner = _strings(file, subjects["partner"]) if "partner" in subjects else []
    for term in lead:
        if term in partner:
            raise GazetteerError(
                file, _line(subjects["partner"]), f"{name}：“{term}”不能既是 lead 又是 partner"
            )
    return Department(
        name=name,
        short=_string(file, fields["short"]),
        kind=kind,
        aliases=tuple(_strings(file, fields["aliases"])) if "aliases" in fields else (),
        lead_terms=tuple(lead),
        partner_terms=tuple(partner),
        home=tuple(_strings(file, fields["home"])) if "home" in fields else (),
    )


def _key_line(node: yaml.Node, key: str) -> int | str:
    """The line of ``key``'s value inside a mapping node, else the node's own line."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return _line(value_node)
    return _line(node)


def _check_unique(file: str, gaz: Gazetteer, nodes: list[yaml.Node]) -> None:
    """Names are unique; a name or alias belongs to one body unless declared shared."""
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for dept, node in zip(gaz.departments, nodes, strict=True):
        if dept.name in seen:
            raise GazetteerError(file, _key_line(node, "name"), f"单位名称“{dept.name}”重复")
        seen.add(dept.name)
        for phrase in dict.fromkeys(dept.names):
            other = owner.get(phrase)
            if other is not None and phrase not in gaz.shared_aliases:
                raise GazetteerError(
                    file,
                    _key_line(node, "aliases" if phrase in dept.aliases else "short"),
                    f"别称“{phrase}”同时属于{other}和{dept.name}；"
                    "若确指多个单位，请写入 shared_aliases",
                )
            owner.setdefault(phrase, dept.name)
    for phrase in gaz.shared_aliases:
        if phrase not in owner:
            raise GazetteerError(
                file, "shared_aliases", f"共用别称“{phrase}”没有写在任何单位的 aliases 中"
            )
    for dept, node in zip(gaz.departments, nodes, strict=True):
        for term in (*dept.lead_terms, *dept.partner_terms):
            if term in owner:
                raise GazetteerError(
                    file,
                    _key_line(node, "subjects"),
                    f"{dept.name}：主题词“{term}”与{owner[term]}的名称或别称相同",
                )


def _check_not_names(file: str, gaz: Gazetteer) -> None:
    """A not_names entry must hide some name or term, and must not be one itself."""
    phrases = {p for d in gaz.departments for p in (*d.names, *d.lead_terms, *d.partner_terms)}
    for entry in sorted(gaz.not_names):
        if entry in phrases:
            raise GazetteerError(
                file, "not_names", f"“{entry}”本身是名称或主题词，不能写入 not_names"
            )
        if not any(p in entry for p in phrases):
            raise GazetteerError(
                file, "not_names", f"“{entry}”不含任何名称或主题词，无需写入 not_names"
            )


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


# --------------------------------------------------------------------------- assignment


@dataclass
class _Evidence:
    """What the text shows about one department (mutable while scanning)."""

    named: list[str] = field(default_factory=list)
    lead_terms: list[str] = field(default_factory=list)
    partner_terms: list[str] = field(default_factory=list)
    lead_sentences: dict[int, int] = field(default_factory=dict)  # sentence -> weight
    lead_hits: int = 0
    first_lead: int = 0  # position of the first lead term or name
    lead_marked: bool = False  # "…牵头" right after its name

    def add(self, match: Match, kind: HitKind, sentence: int, text: str) -> None:
        target = {"alias": self.named, "lead": self.lead_terms, "partner": self.partner_terms}[kind]
        if match.phrase not in target:
            target.append(match.phrase)
        if kind == "partner":
            return
        if not self.lead_hits:
            self.first_lead = match.start
        self.lead_hits += 1
        self.lead_sentences[sentence] = TITLE_WEIGHT if sentence == 0 else 1
        if kind == "alias" and LEAD_MARK.match(text[match.start + len(match.phrase) :]):
            self.lead_marked = True

    def score(self) -> int:
        return sum(self.lead_sentences.values())


def _sentence_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch in SENTENCE_END and i + 1 < len(text)]


def _collect(gazetteer: Gazetteer, text: str) -> dict[str, _Evidence]:
    starts = _sentence_starts(text)
    evidence: dict[str, _Evidence] = {}
    for match in find_phrases(gazetteer, text):
        sentence = sum(1 for s in starts if s <= match.start) - 1
        for hit in match.hits:
            evidence.setdefault(hit.department, _Evidence()).add(match, hit.kind, sentence, text)
    return evidence


def _pick_lead(
    gazetteer: Gazetteer, evidence: dict[str, _Evidence], domain_name: str
) -> str | None:
    marked = sorted(name for name, ev in evidence.items() if ev.lead_marked)
    if marked:
        return marked[0]
    candidates = [name for name, ev in evidence.items() if ev.score() > 0]
    if not candidates:
        return None

    def rank(name: str) -> tuple[int, int, int, int]:
        ev = evidence[name]
        home = domain_name in gazetteer.department(name).home
        return (-ev.score(), -ev.lead_hits, 0 if home else 1, ev.first_lead)

    return min(candidates, key=rank)


def assign_departments(
    gazetteer: Gazetteer, text: str, domain_name: str, plan: str
) -> tuple[DepartmentRole, ...]:
    """The departments responsible for one goal or measure, lead first, then by name.

    ``plan`` ("W" or "C") is checked but the rules do not depend on it: the
    domain name already tells the plans apart.
    """
    if plan not in ("W", "C"):
        raise ValueError(f"未知的规划代码：{plan!r}（应为 W 或 C）")
    evidence = _collect(gazetteer, text)
    lead = _pick_lead(gazetteer, evidence, domain_name)
    roles = [_role(name, ev, name == lead) for name, ev in evidence.items()]
    roles.sort(key=lambda r: (r.role != "lead", r.name))
    return tuple(roles)


def _role(name: str, ev: _Evidence, is_lead: bool) -> DepartmentRole:
    terms = tuple(ev.lead_terms + ev.partner_terms)
    return DepartmentRole(
        name=name,
        role="lead" if is_lead else "partner",
        basis="named" if ev.named else "subject",
        evidence=tuple(ev.named) + terms,
    )


# --------------------------------------------------------------------------- warnings

BODY_SUFFIX = re.compile(r"(部门|机关|组织|委员会|工委|(?<![格布结开大全当])局|委(?![员托会]))")
# "组织" used as a verb or in a compound noun that is no body
NOT_A_BODY_AFTER = re.compile(r"^(开展|推荐|化|领导|实施|保障|妇女|、|强迫|和协调|建设|协商)")
# characters that end the words in front of a body name
BOUNDARY = re.compile(r"[^\u4e00-\u9fff（）]|[的与及或等对向由在将把从为以了中进并请]")
# verbs that often stand right in front of a body name
LEADING_VERBS = (
    "提倡",
    "鼓励",
    "强化",
    "支持",
    "推动",
    "督促",
    "指导",
    "加强",
    "提高",
    "发挥",
    "明确",
    "建立",
)
MAX_PREFIX = 8


def unknown_bodies(gazetteer: Gazetteer, text: str) -> list[str]:
    """Phrases that look like a body (…部门/…机关/…组织/…局/…委) but are not in the gazetteer.

    Known names, aliases, subject terms and the declared ``not_bodies`` are
    skipped, as is "组织" used as a verb.  Each phrase is listed once, in order.
    """
    known = set(gazetteer.phrases) | gazetteer.not_bodies
    names = (m for m in find_phrases(gazetteer, text) if any(h.kind == "alias" for h in m.hits))
    masked = _mask(text, names)
    found: list[str] = []
    for match in BODY_SUFFIX.finditer(masked):
        if match.group(1) == "组织" and NOT_A_BODY_AFTER.match(masked[match.end() :]):
            continue
        phrase = _body_phrase(masked, match.start(), match.end())
        if BODY_SUFFIX.fullmatch(phrase.rsplit("和", 1)[-1]):
            continue  # "全县和部门": a bare 部门 after 和 is generic
        if phrase and not _is_known(phrase, known) and phrase not in found:
            found.append(phrase)
    return found


def _mask(text: str, matches: Iterator[Match]) -> str:
    chars = list(text)
    for match in matches:
        for i in range(match.start, match.start + len(match.phrase)):
            chars[i] = "□"
    return "".join(chars)


def _body_phrase(text: str, start: int, end: int) -> str:
    """The suffix at text[start:end] with the words in front that belong to it."""
    begin = start
    while begin > 0 and start - begin < MAX_PREFIX and not BOUNDARY.match(text[begin - 1]):
        begin -= 1
    phrase = text[begin:end]
    for verb in LEADING_VERBS:
        phrase = phrase.removeprefix(verb)
    return phrase


def _is_known(phrase: str, known: set[str]) -> bool:
    """True if the phrase, or a tail of it that is more than a bare suffix, is known."""
    if phrase in known:
        return True
    tails = (phrase[i:] for i in range(1, len(phrase)))
    return any(tail in known and not BODY_SUFFIX.fullmatch(tail) for tail in tails)
