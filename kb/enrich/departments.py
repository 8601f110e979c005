"""Responsible departments: the enricher, over whole documents.

The plans almost never say who does what, so the departments are inferred,
in three steps, and then replaced by what people confirmed:

1. **the item's own text and the remit rules** (``kb.enrich.dept_rules``):
   names, remit terms, remit rules of the gazetteer;
2. **the goal's measures** -- a goal is short ("妇女平等获得经济资源的权利
   得到保障") and names few subjects, while the measures that implement it
   (``Item.pairs``, ``kb.enrich.pairs``) do.  Of a goal's pairs, those at least
   ``GOAL_RATIO`` of its best one carry it out.  A department is responsible
   for the goal too, with the basis ``paired`` and the measures as evidence
   (依据：实施本目标的策略措施 W3-M2), where it leads one of them, is named
   there, has lead terms in its title or in ``CARRY_SCORE`` of its sentences,
   or has lead terms in ``SHARED_BY`` of the goal's measures.  One passing
   term in one long measure ("用人单位", "救助") makes a partner of that
   measure, not of the goal: inheriting every partner of every measure made
   most goals' extra partners wrong.  The exception is a goal's **close**
   measure: its best pair, sharing at least ``CLOSE_PAIR`` of its words
   (cosine), is the goal spelled out, and every body its text gives work
   (by name, lead or partner terms; not by a remit rule alone) works on the goal too.
   A goal whose own text shows no lead takes the lead of its best paired
   measure that has one; an item still without a lead, its domain's home body
   (``dept_rules.with_home``);
3. **confirmed assignments** (``corpus/assignments.yaml``, written by
   ``kb assign import``): an item a person confirmed gets exactly the confirmed
   lead(s) and partners, with the basis ``confirmed`` and who confirmed it when.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kb.corpus import Corpus
from kb.corpus.assignments import Confirmed
from kb.corpus.gazetteer import Gazetteer
from kb.enrich.dept_rules import (
    Evidence,
    assign_departments,
    collect,
    pick_leads,
    roles_of,
    with_home,
)
from kb.enrich.unknown_bodies import unknown_bodies
from kb.model import DepartmentRole, Document, Item, KnowledgeBase, Role

__all__ = ["add_departments", "assign_departments", "infer_document", "unknown_bodies"]

GOAL_RATIO = 0.7  # a goal's pairs at least this share of its best pair carry it out
CARRY_SCORE = 2  # a measure's partner carries its goal from this many (title: 2) sentences
SHARED_BY = 2  # ... or when it works on this many of the goal's measures
CLOSE_PAIR = 0.2  # a best pair this close spells the goal out: all its bodies carry it


def infer_document(
    gazetteer: Gazetteer, document: Document
) -> dict[str, tuple[DepartmentRole, ...]]:
    """Item ID → the inferred departments of every item of ``document``."""
    names = {d.id: d.name for d in document.domains}
    evidence = {
        item.id: collect(gazetteer, item.text, names[item.domain], item.plan)
        for item in document.items
    }
    own = {
        item.id: roles_of(
            evidence[item.id], pick_leads(gazetteer, evidence[item.id], names[item.domain])
        )
        for item in document.items
    }
    return {
        item.id: with_home(
            gazetteer,
            with_measures(item, own, evidence) if item.kind == "goal" else own[item.id],
            names[item.domain],
        )
        for item in document.items
    }


def carries(role: DepartmentRole, evidence: Evidence, close: bool) -> bool:
    """Whether a measure's department is responsible for the goal it implements.

    Its lead is, and a body the measure names; a partner only where its remit
    terms run through the measure (its title, or two sentences), or any of its
    terms occurs in a ``close`` measure: one passing term ("用人单位", "救助") in a loosely paired
    measure makes it a partner of that measure, not of the goal.
    """
    if role.role == "lead" or evidence.named or evidence.score() >= CARRY_SCORE:
        return True
    return close and evidence.basis != "remit"


def with_measures(
    goal: Item,
    own: dict[str, tuple[DepartmentRole, ...]],
    evidence: dict[str, dict[str, Evidence]],
) -> tuple[DepartmentRole, ...]:
    """A goal's roles completed by the measures that implement it (best pair first)."""
    pairs = sorted((p for p in goal.pairs if p.id in own), key=lambda p: (-p.score, p.id))
    best_score = pairs[0].score if pairs else 0.0
    shared = Counter(
        role.name
        for pair in pairs
        for role in own[pair.id]
        if evidence[pair.id][role.name].score() > 0
    )
    pairs = [p for p in pairs if p.score >= GOAL_RATIO * best_score]
    roles = own[goal.id]
    found = {r.name: r for r in roles}
    leads = [r.name for r in roles if r.role == "lead"]
    carried: dict[str, list[str]] = {}
    for pair in pairs:
        close = pair is pairs[0] and pair.score >= CLOSE_PAIR
        for role in own[pair.id]:
            found_in = evidence[pair.id][role.name]
            if shared[role.name] >= SHARED_BY or carries(role, found_in, close):
                carried.setdefault(role.name, []).append(pair.id)
    if not leads:
        best = next((own[p.id] for p in pairs if any(r.role == "lead" for r in own[p.id])), ())
        leads = [r.name for r in best if r.role == "lead"]
    result = []
    for name in dict.fromkeys([*leads, *found, *carried]):
        position: Role = "lead" if name in leads else "partner"
        mine = found.get(name)
        if mine is not None and (mine.role == position or position == "partner"):
            result.append(replace(mine, role=position))
        else:
            result.append(DepartmentRole(name, position, "paired", tuple(carried.get(name, ()))))
    result.sort(key=lambda r: (r.role != "lead", r.name))
    return tuple(result)


def confirmed_roles(entry: Confirmed) -> tuple[DepartmentRole, ...]:
    """What a person confirmed for one item, lead(s) first."""
    evidence = (f"{entry.by} {entry.date}",)
    roles = [
        DepartmentRole(name, "lead", "confirmed", evidence, entry.by, entry.date)
        for name in entry.leads
    ] + [
        DepartmentRole(name, "partner", "confirmed", evidence, entry.by, entry.date)
        for name in entry.partners
        if name not in entry.leads
    ]
    return tuple(roles)


def add_departments(kb: KnowledgeBase, corpus: Corpus) -> KnowledgeBase:
    """Enricher: the departments responsible for every item, with the evidence.

    The knowledge base also keeps the gazetteer's bodies (names only), so that
    the lookups can resolve any name an official types.
    """
    gazetteer = corpus.gazetteer
    if gazetteer is None:
        return kb
    single = kb.documents[0].slug if len(kb.documents) == 1 else ""
    confirmed = {(c.doc or single, c.id): c for c in corpus.assignments.entries}
    documents = []
    for document in kb.documents:
        inferred = infer_document(gazetteer, document)
        items = tuple(
            replace(
                item,
                departments=confirmed_roles(confirmed[(document.slug, item.id)])
                if (document.slug, item.id) in confirmed
                else inferred[item.id],
            )
            for item in document.items
        )
        documents.append(replace(document, items=items))
    return replace(kb, documents=tuple(documents), departments=gazetteer.departments())
