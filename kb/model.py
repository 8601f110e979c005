"""The knowledge base model: frozen, typed dataclasses.

A corpus holds documents; a document holds one or more plans (``W`` for the
women's plan, ``C`` for the children's plan); a plan holds sections (preface,
guiding ideas, principles, overall goals, implementation, monitoring) and
domains; a domain holds numbered goals and measures ("items").

Every node records where it came from: the corpus file, the ``[first, last]``
line span (1-based) and the exact lines it owns, so that every non-blank line
of the source belongs to exactly one node.  Every derived fact (a target, a
department, a link) carries its own provenance too.

The model holds data only; its Chinese wording is ``kb.labels``, its public
JSON shape ``kb.views.export``, and ``kb.records`` stores it in a release.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

PlanCode = Literal["W", "C"]
ItemKind = Literal["goal", "measure"]
Role = Literal["lead", "partner"]
# named: the text names the body; subject: a term of its remit; remit: a remit rule of the
# gazetteer; paired: a measure implementing the goal has it; confirmed: a person confirmed it.
Basis = Literal["named", "subject", "remit", "paired", "confirmed"]
# Comparators of direction-only targets (they carry no value).
DIRECTIONS = ("decrease", "increase", "achieve")


@dataclass(frozen=True)
class Span:
    """Where a node sits in its source file (1-based, inclusive)."""

    file: str
    first: int
    last: int
    own_lines: tuple[int, ...]


@dataclass(frozen=True)
class Baseline:
    """A value the plan states for an earlier year (e.g. 2010 and 2020)."""

    values: tuple[tuple[int, float], ...]  # (year, value), oldest first
    line: int  # source line of the statement
    phrase: str  # the exact text it came from


@dataclass(frozen=True)
class Observation:
    """A value a department reported for one year (``corpus/monitoring.csv``).

    ``form`` is the file the figure was imported from (its name only) and
    ``imported`` the date of that import; ``line`` is its row in monitoring.csv.
    Figures of a legacy ``key,year,value`` file have neither source nor form.
    """

    year: int
    value: float
    source: str = ""  # who reported it, e.g. 县卫生健康局
    form: str = ""  # e.g. 监测数据-县卫生健康局.xlsx
    imported: str = ""  # ISO date, e.g. 2025-03-02
    line: int = 0


@dataclass(frozen=True)
class Target:
    """A quantified (or direction-only) target set by a goal or measure.

    ``comparator`` is one of ``<=``, ``>=``, ``~``, ``=``, ``decrease_by``,
    ``increase_by`` for numeric targets, or ``decrease``/``increase``/
    ``achieve`` for direction-only targets (then ``value`` is ``None``).
    """

    indicator: str
    comparator: str
    value: float | None
    unit: str
    phrase: str  # the exact text the target was read from
    year: int = 2030
    line: int = 0
    method: str = ""  # the name of the rule that derived it
    baseline: Baseline | None = None
    # achieved / on_track / off_track / no_data (kb.enrich.status; Chinese names in
    # kb.labels.STATUS_NAMES); "" for direction-only targets without a trend
    status: str = ""
    base_year: int | None = None  # decrease_by/increase_by: 以2020年数据为基数 → 2020
    observations: tuple[Observation, ...] = ()  # reported values, oldest first
    status_method: str = ""  # how the status was reached, in Chinese
    volatile: bool = False  # 波动较大 (kb.enrich.status)
    reporter: str = ""  # the department that reports the figures
    reporter_basis: str = ""  # why it is that department, in Chinese
    scope: str = ""  # one side of a city/rural split: 城市, 农村, 城镇, 乡村; "" for all
    per_year: bool = False  # decrease_by/increase_by each year: 每年降低0.5个百分点以上

    @property
    def numeric(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class DepartmentRole:
    """A department responsible for an item, and how we know."""

    name: str  # canonical name from the gazetteer, e.g. 县卫生健康局
    role: Role
    basis: Basis
    evidence: tuple[str, ...]  # the phrase(s), terms, rules or measures that show it
    confirmed_by: str = ""  # basis confirmed: who confirmed it (e.g. 县妇儿工委办公室)
    confirmed_on: str = ""  # and when (ISO date)


@dataclass(frozen=True)
class Related:
    """An item of the other plan that deals with the same subject."""

    doc: str
    id: str
    score: float
    why: tuple[str, ...]  # the shared subject terms


@dataclass(frozen=True)
class Pair:
    """A goal and a measure of one domain that implements it (``kb.enrich.pairs``)."""

    id: str  # the other item: a goal's measure, or a measure's goal
    score: float
    why: tuple[str, ...]  # the words both texts share, weightiest first


@dataclass(frozen=True)
class Part:
    """A ``——`` bullet or 一是/二是 line of a goal, measure or 专栏 box, on its own line."""

    line: int
    marker: str  # ——, --, 一是 …, or 1. inside a box
    text: str  # without the marker


@dataclass(frozen=True)
class TargetComparison:
    """A target of an item beside the same indicator's target in the parent plan."""

    indicator: str
    verdict: str  # stricter, same, looser, different, only-here
    child: str  # the item's target as read, e.g. ≤ 3‰（2030年）
    parent: str  # the parent's, or "" when only here


@dataclass(frozen=True)
class ParentLink:
    """The counterpart of an item in the plan it implements (``kb.enrich.parents``)."""

    doc: str
    id: str
    score: float
    why: tuple[str, ...]  # the indicators or words both share
    targets: tuple[TargetComparison, ...] = ()


@dataclass(frozen=True)
class Item:
    """A numbered main goal (``W1-G2``) or strategic measure (``C5-M3``)."""

    doc: str
    id: str
    plan: PlanCode
    domain: str  # domain id, e.g. "W1"
    kind: ItemKind
    number: int
    text: str  # full text as written, without its leading number
    title: str | None  # measures: the first sentence
    span: Span
    targets: tuple[Target, ...] = ()
    departments: tuple[DepartmentRole, ...] = ()
    related: tuple[Related, ...] = ()
    pairs: tuple[Pair, ...] = ()  # goal ↔ the measures that implement it, same domain
    parts: tuple[Part, ...] = ()  # its —— / 一是 lines
    text_lines: tuple[int, ...] = ()  # the source line of each line of ``text``
    parent: ParentLink | None = None  # its counterpart in the plan it implements


@dataclass(frozen=True)
class Project:
    """A key project (重点项目, 重点工程, a 专栏 box): ``C1-P3``, or ``W-P2`` for a plan's."""

    doc: str
    id: str
    plan: PlanCode
    parent: str  # the domain's ID (C1), or the plan's code when listed for the plan
    number: int
    title: str  # its first sentence, or the box's title
    text: str  # as written, without its number
    span: Span
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Citation:
    """A plan a document says it implements: 依据《中国妇女发展纲要（2021—2030年）》…."""

    title: str  # as written, e.g. 陕西省儿童发展规划
    plan: PlanCode
    place: str  # 中国, 陕西省, 张掖市
    level: str  # 国家, 省, 市, 县, 区, or "" when it cannot be told
    line: int
    phrase: str  # the words it was read from


@dataclass(frozen=True)
class Domain:
    """A development domain such as 妇女与健康 (``W1``)."""

    doc: str
    id: str
    plan: PlanCode
    number: int
    name: str
    intro: str  # any text between the domain heading and its first list
    span: Span
    goal_ids: tuple[str, ...]
    measure_ids: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """Any other part of a plan: preface, chapter, principle, paragraph …

    ``kind`` is ``preface``; a chapter's role (``framework``, ``domains``,
    ``implementation``, ``monitoring``, or ``chapter`` when unknown); a part of
    the framework chapter (``guidance``, ``principles``, ``overall``, or
    ``section``); ``principle``; or ``paragraph`` (a numbered paragraph of
    implementation or monitoring).
    """

    doc: str
    id: str
    plan: PlanCode
    kind: str
    parent: str | None
    number: int | None
    heading: str
    text: str
    span: Span
    paragraphs: tuple[tuple[int, str], ...] = ()  # (line, text) of each paragraph


@dataclass(frozen=True)
class Plan:
    doc: str
    id: PlanCode
    title: str  # as written, e.g. 某某县妇女发展规划（2021-2030年）
    region: str  # the issuing county or city, as the title names it
    period: str  # e.g. 2021-2030
    span: Span


@dataclass(frozen=True)
class Notice:
    """The covering notice that issues the plans (may be absent)."""

    issuer: str
    title: str
    addressees: str
    date: str  # ISO date, e.g. 2022-07-25
    date_text: str  # the date as written, e.g. 2022年7月25日
    body: str
    span: Span


@dataclass(frozen=True)
class Document:
    slug: str
    file: str  # the corpus folder's name and the file's, e.g. corpus/x.txt
    title: str
    notice: Notice | None
    plans: tuple[Plan, ...]
    sections: tuple[Section, ...]
    domains: tuple[Domain, ...]
    items: tuple[Item, ...]
    line_count: int
    level: str = ""  # 国家, 省, 市, 县, 区 (kb.parse.place), "" when it cannot be told
    place: str = ""  # as the title names it: 中国, 陕西省, 长春市九台区
    implements: tuple[Citation, ...] = ()  # the plans it cites (the national 纲要 …)
    projects: tuple[Project, ...] = ()  # 重点项目 / 专栏 boxes


@dataclass(frozen=True)
class DomainLink:
    """Two counterpart domains of the two plans, with the strength of the link."""

    doc: str
    women: str  # e.g. "W1"
    children: str  # e.g. "C1"
    strength: float
    why: tuple[str, ...]


@dataclass(frozen=True)
class SharedSubject:
    """A subject that links items of both plans, and the items it links."""

    doc: str
    name: str
    indicator: bool  # a target indicator both plans set
    women: tuple[str, ...]  # item IDs in natural order
    children: tuple[str, ...]
    links: int  # item pairs whose ``why`` names it
    domains: tuple[str, str]  # the (women's, children's) domain pair most of its links join


@dataclass(frozen=True)
class IndicatorTarget:
    """What one item says about a shared indicator: its target, or none."""

    id: str
    plan: PlanCode
    target: Target | None


@dataclass(frozen=True)
class SharedIndicator:
    """An indicator items of both plans name, with what each plan sets for it."""

    doc: str
    indicator: str
    women: tuple[IndicatorTarget, ...]
    children: tuple[IndicatorTarget, ...]
    same: bool | None  # both plans set the same target; None when one sets none


@dataclass(frozen=True)
class Department:
    """A body of the gazetteer as the views need it: its names, not its remit."""

    name: str  # canonical, e.g. 县卫生健康局
    short: str  # e.g. 卫健局
    kind: str  # government, judicial, party, congress, mass, coordination
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()  # generated: 县卫健局 (county prefix), 卫健 (bare short name)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.short, *self.aliases, *self.variants)


@dataclass(frozen=True)
class KnowledgeBase:
    documents: tuple[Document, ...]
    domain_links: tuple[DomainLink, ...] = field(default=())
    shared_subjects: tuple[SharedSubject, ...] = field(default=())
    shared_indicators: tuple[SharedIndicator, ...] = field(default=())
    departments: tuple[Department, ...] = field(default=())  # the gazetteer's bodies

    def items(self) -> list[Item]:
        return [item for doc in self.documents for item in doc.items]

    def domains(self) -> list[Domain]:
        return [dom for doc in self.documents for dom in doc.domains]

    @cached_property
    def _items_by_key(self) -> dict[tuple[str, str], Item]:
        return {(i.doc, i.id): i for i in self.items()}

    @cached_property
    def _domains_by_key(self) -> dict[tuple[str, str], Domain]:
        return {(d.doc, d.id): d for d in self.domains()}

    def item(self, doc: str, ident: str) -> Item:
        return self._items_by_key[(doc, ident)]

    def find_item(self, doc: str, ident: str) -> Item | None:
        return self._items_by_key.get((doc, ident))

    def domain(self, doc: str, ident: str) -> Domain:
        return self._domains_by_key[(doc, ident)]

    def domain_of(self, item: Item) -> Domain:
        return self._domains_by_key[(item.doc, item.domain)]

    @cached_property
    def _documents_by_slug(self) -> dict[str, Document]:
        return {d.slug: d for d in self.documents}

    def document(self, slug: str) -> Document:
        return self._documents_by_slug[slug]
