"""The departments one item's own text shows: names, remit terms and remit rules.

Three kinds of clue, all declared in the gazetteer (``corpus/departments.yaml``):

* **named** -- the text names a body ("公安机关", "妇联组织"); ``…牵头`` right
  after the name makes it the lead;
* **subject** -- the text uses a term of a body's remit ("孕产妇" belongs to
  县卫生健康局), graded ``lead`` (core remit) or ``partner``; a term may belong
  to several bodies (家庭教育: 县教育局 and 县妇联);
* **remit** -- a remit rule of the body covers the item (县妇联 in the women's
  plan's domain of the economy; 县妇儿工委办公室 where an item monitors).

The lead: the body whose lead terms (or name) occur in the most sentences,
the first sentence (a measure's title) counting double, then the most hits,
then the body whose home domain this is, then the one named first.  Bodies
that share at least half of the winner's lead terms in the title, or share
one and are tied with it, lead with it (co-leads: 家庭教育, 家庭暴力, 司法保护
are shared by law).  Only when no term or name points to a lead does a lead
remit rule decide.  A body
with only partner clues is never the lead.

An item that still has no lead (a short goal such as "剖宫产率降低", which names
no subject of anyone's remit) is led by its domain's **home** body, where the
domain has exactly one (妇女与健康: 县卫生健康局): ``with_home``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.corpus.gazetteer import Gazetteer, HitKind, Match
from kb.model import Basis, DepartmentRole
from kb.text import FULL_STOPS

LEAD_MARK = re.compile(r"^[^，。；、]{0,3}?牵头")  # "统计部门牵头", "…办公室负责牵头"
TITLE_WEIGHT = 2


@dataclass
class Evidence:
    """What an item shows about one department (mutable while scanning)."""

    named: list[str] = field(default_factory=list)
    lead_terms: list[str] = field(default_factory=list)
    partner_terms: list[str] = field(default_factory=list)
    remits: list[str] = field(default_factory=list)  # the rules' reasons
    remit_lead: bool = False
    lead_sentences: dict[int, int] = field(default_factory=dict)  # sentence -> weight
    lead_hits: int = 0
    first_lead: int = 0  # position of the first lead term or name
    lead_marked: bool = False  # "…牵头" right after its name
    title_leads: set[str] = field(default_factory=set)  # lead phrases of the first sentence

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
        if sentence == 0:
            self.title_leads.add(match.phrase)
        if kind == "alias" and LEAD_MARK.match(text[match.stop :]):
            self.lead_marked = True

    @property
    def lead_phrases(self) -> list[str]:
        return self.named + self.lead_terms

    def score(self) -> int:
        return sum(self.lead_sentences.values())

    @property
    def basis(self) -> Basis:
        if self.named:
            return "named"
        return "subject" if self.lead_terms or self.partner_terms else "remit"

    @property
    def evidence(self) -> tuple[str, ...]:
        if self.basis == "remit":
            return tuple(self.remits)
        return tuple(dict.fromkeys(self.named + self.lead_terms + self.partner_terms))


def sentence_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch in FULL_STOPS and i + 1 < len(text)]


def collect(gazetteer: Gazetteer, text: str, domain: str, plan: str) -> dict[str, Evidence]:
    """Every department the item's text and the remit rules point to, with the evidence."""
    starts = sentence_starts(text)
    evidence: dict[str, Evidence] = {}
    for match in gazetteer.find_phrases(text):
        sentence = sum(1 for s in starts if s <= match.start) - 1
        for hit in match.hits:
            evidence.setdefault(hit.department, Evidence()).add(match, hit.kind, sentence, text)
    for entry in gazetteer.entries:
        for remit in entry.remits:
            scope = remit.applies(plan, domain, text)
            if scope is None:
                continue
            ev = evidence.setdefault(entry.name, Evidence())
            reason = f"{remit.why}（{scope}）"
            if reason not in ev.remits:
                ev.remits.append(reason)
            ev.remit_lead = ev.remit_lead or remit.role == "lead"
    return evidence


def pick_leads(gazetteer: Gazetteer, evidence: dict[str, Evidence], domain: str) -> list[str]:
    """The lead(s): marked ones, else the best by sentences and hits.

    Of bodies tied on both, the one whose home domain this is leads, else the
    one named first.  Others lead with it when they share one of its lead
    phrases and are tied with it, or share at least half of its lead phrases
    of the title (家庭教育 in a measure's title leads 县教育局 and 县妇联
    together; 家庭暴力 among 性侵害、拐卖、遗弃 does not make 县妇联 a lead).
    """
    marked = sorted(name for name, ev in evidence.items() if ev.lead_marked)
    if marked:
        return marked
    candidates = [name for name, ev in evidence.items() if ev.score() > 0]
    if not candidates:
        return sorted(name for name, ev in evidence.items() if ev.remit_lead)

    def rank(name: str) -> tuple[int, int]:
        ev = evidence[name]
        return (-ev.score(), -ev.lead_hits)

    best = min(rank(name) for name in candidates)
    tied = [name for name in candidates if rank(name) == best]
    home = [name for name in tied if domain in gazetteer.entry(name).home]
    first = home[0] if len(home) == 1 else min(tied, key=lambda n: (evidence[n].first_lead, n))
    shared = set(evidence[first].lead_phrases)
    title = evidence[first].title_leads
    return sorted(
        n
        for n in candidates
        if n == first
        or (n in tied and shared & set(evidence[n].lead_phrases))
        or 2 * len(title & evidence[n].title_leads) >= len(title) > 0
    )


def roles_of(evidence: dict[str, Evidence], leads: list[str]) -> tuple[DepartmentRole, ...]:
    """The roles, lead first, then by name."""
    roles = [
        DepartmentRole(name, "lead" if name in leads else "partner", ev.basis, ev.evidence)
        for name, ev in evidence.items()
    ]
    roles.sort(key=lambda r: (r.role != "lead", r.name))
    return tuple(roles)


HOME_REASON = "本领域的主管单位：条文没有写明由谁牵头的事项"


def with_home(
    gazetteer: Gazetteer, roles: tuple[DepartmentRole, ...], domain: str
) -> tuple[DepartmentRole, ...]:
    """``roles`` with a lead: the domain's only home body when nothing else leads."""
    if any(r.role == "lead" for r in roles):
        return roles
    homes = [e.name for e in gazetteer.entries if domain in e.home]
    if len(homes) != 1:
        return roles
    home = DepartmentRole(homes[0], "lead", "remit", (HOME_REASON,))
    found = [home, *(r for r in roles if r.name != homes[0])]
    found.sort(key=lambda r: (r.role != "lead", r.name))
    return tuple(found)


def assign_departments(
    gazetteer: Gazetteer, text: str, domain_name: str, plan: str
) -> tuple[DepartmentRole, ...]:
    """The departments one goal or measure's own text shows, lead first, then by name."""
    if plan not in ("W", "C"):
        raise ValueError(f"未知的规划代码：{plan!r}（应为 W 或 C）")
    evidence = collect(gazetteer, text, domain_name, plan)
    roles = roles_of(evidence, pick_leads(gazetteer, evidence, domain_name))
    return with_home(gazetteer, roles, domain_name)
