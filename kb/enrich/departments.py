"""Responsible departments: the rules that apply the gazetteer to an item.

The plans almost never say who does what.  We infer it from two kinds of clue,
both declared in the gazetteer (``corpus/departments.yaml``, see ``kb.corpus.gazetteer``):

* **named** -- the text names a body ("公安机关", "妇联组织"); ``…牵头`` right
  after the name makes it the lead;
* **subject** -- the text uses a term of a body's remit ("孕产妇" belongs to
  县卫生健康局).  Terms are graded ``lead`` (core remit) or ``partner``.

One lead per item at most: the body whose lead terms (or name) occur in the
most sentences wins, the first sentence (a measure's title) counting double;
ties go to more hits, then to the body whose home domain this is, then to the
earliest mention.  A body with only partner terms is never the lead.

``unknown_bodies`` lists the phrases that look like a body but are not in the
gazetteer, for ``kb check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from kb.corpus import Corpus
from kb.corpus.gazetteer import Gazetteer, HitKind, Match
from kb.model import DepartmentRole, KnowledgeBase
from kb.text import FULL_STOPS, HAN

LEAD_MARK = re.compile(r"^[^，。；、]{0,3}?牵头")  # "统计部门牵头", "…办公室负责牵头"
TITLE_WEIGHT = 2


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
    return [0] + [i + 1 for i, ch in enumerate(text) if ch in FULL_STOPS and i + 1 < len(text)]


def _collect(gazetteer: Gazetteer, text: str) -> dict[str, _Evidence]:
    starts = _sentence_starts(text)
    evidence: dict[str, _Evidence] = {}
    for match in gazetteer.find_phrases(text):
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
        home = domain_name in gazetteer.entry(name).home
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


def add_departments(kb: KnowledgeBase, corpus: Corpus) -> KnowledgeBase:
    """Enricher: the departments responsible for every item, with the evidence.

    The knowledge base also keeps the gazetteer's bodies (names only), so that
    the lookups can resolve any name an official types.
    """
    gazetteer = corpus.gazetteer
    if gazetteer is None:
        return kb
    documents = []
    for document in kb.documents:
        names = {d.id: d.name for d in document.domains}
        items = tuple(
            replace(
                item,
                departments=assign_departments(gazetteer, item.text, names[item.domain], item.plan),
            )
            for item in document.items
        )
        documents.append(replace(document, items=items))
    return replace(kb, documents=tuple(documents), departments=gazetteer.departments())


# --------------------------------------------------------------------------- warnings

BODY_SUFFIX = re.compile(r"(部门|机关|组织|委员会|工委|(?<![格布结开大全当])局|委(?![员托会]))")
# "组织" used as a verb or in a compound noun that is no body
NOT_A_BODY_AFTER = re.compile(r"^(开展|推荐|化|领导|实施|保障|妇女|、|强迫|和协调|建设|协商)")
# characters that end the words in front of a body name
BOUNDARY = re.compile(f"[^{HAN}（）]|[的与及或等对向由在将把从为以了中进并请]")
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
    names = (m for m in gazetteer.find_phrases(text) if any(h.kind == "alias" for h in m.hits))
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
