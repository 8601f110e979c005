"""Who reports each target's figures, and how we know.

In order, the first that applies:

1. ``corpus/indicators.yaml`` names a department for the indicator's ID
   (``W4-G4#1``) or its name (a statistics owner for every target so named);
2. the lead department of the target's item (``kb.enrich.departments``);
3. the body the plan's 监测评估 chapter names as leading the annual monitoring
   (统计部门牵头组织开展年度监测 → 县统计局, through the gazetteer's aliases).

Otherwise the target has no reporter, and ``kb monitor list`` says so.
"""

from __future__ import annotations

import re

from kb.corpus import Corpus
from kb.corpus.files import REPORTERS
from kb.corpus.gazetteer import Gazetteer
from kb.model import Document, KnowledgeBase
from kb.text import FULL_STOPS

LEADS = re.compile(r"^[^，。；、]{0,3}?牵头")

Assigned = dict[tuple[str, str, int], tuple[str, str]]


def indicator_id(item_id: str, n: int) -> str:
    """The stable ID of an item's n-th target (1-based): ``C1-G3#2``."""
    return f"{item_id}#{n}"


def canonical(kb: KnowledgeBase, name: str) -> str | None:
    """The gazetteer's name for ``name`` (its short name or an alias), or None."""
    found = [d.name for d in kb.departments if name.strip() in d.names]
    return found[0] if len(found) == 1 else None


def monitoring_lead(
    document: Document, plan: str, gazetteer: Gazetteer | None
) -> tuple[str, str] | None:
    """The body the plan's monitoring chapter makes lead of the monitoring, with its words."""
    if gazetteer is None:
        return None
    chapters = {s.id for s in document.sections if s.plan == plan and s.kind == "monitoring"}
    for section in document.sections:
        if section.id not in chapters and section.parent not in chapters:
            continue
        for line, text in section.paragraphs or ((section.span.first, section.text),):
            for sentence in re.split(f"[{FULL_STOPS}]", text):
                if "监测" not in sentence:
                    continue
                for match in gazetteer.find_phrases(sentence):
                    after = sentence[match.start + len(match.phrase) :]
                    named = [h.department for h in match.hits if h.kind == "alias"]
                    if len(named) == 1 and LEADS.match(after):
                        words = sentence[match.start : match.start + len(match.phrase) + 12]
                        return named[0], f"监测评估章：“{words}…”（第 {line} 行）"
    return None


def assign_reporters(kb: KnowledgeBase, corpus: Corpus) -> Assigned:
    """(doc, item, n) → (department, why) for every numeric target that has one."""
    reporters = corpus.reporters
    assigned: Assigned = {}
    for document in kb.documents:
        fallback = {
            plan.id: monitoring_lead(document, plan.id, corpus.gazetteer) for plan in document.plans
        }
        for item in document.items:
            lead = next((d.name for d in item.departments if d.role == "lead"), None)
            for n, target in enumerate(item.targets, 1):
                if target.value is None:
                    continue
                entry = reporters.find(indicator_id(item.id, n), target.indicator)
                named = canonical(kb, entry.department) if entry else None
                if entry is not None and named is not None:
                    # the corpus folder's name, never a machine path: this goes into outputs
                    why = f"{corpus.name}/{REPORTERS} 第 {entry.line} 行指定"
                    assigned[(item.doc, item.id, n)] = (named, why)
                elif lead is not None:
                    assigned[(item.doc, item.id, n)] = (lead, "条目的牵头单位")
                elif (found := fallback.get(item.plan)) is not None:
                    assigned[(item.doc, item.id, n)] = found
    return assigned
