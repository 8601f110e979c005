"""Precision and recall of the inferred departments over the hand-judged samples.

    .venv/bin/python evaluation/eval_departments.py            # every set, the eight busiest
    .venv/bin/python evaluation/eval_departments.py --items    # also every item that differs
    .venv/bin/python evaluation/eval_departments.py --items-of remit-tune   # one set's only
    .venv/bin/python evaluation/eval_departments.py --per-department remit-heldout
    .venv/bin/python evaluation/eval_departments.py --counts   # items per department, corpus-wide

Three samples (tests/data/):

* ``department_judgments.yaml`` -- 120 items judged by the item's wording (sets ``dev``
  and ``heldout``);
* ``department_remit_judgments.yaml`` -- the other 200 items judged by remit, the way a
  妇儿工委 office draws up a 任务分工表: round 1 (sets ``remit-tune`` and
  ``remit-heldout``, 100 items), round 2 (``remit-round2``, 42) and round 3
  (``remit-round3``, 58, judged blind by another author; ``remit-round3-unseen`` is
  it less the eight items whose inferred departments the rules' author had seen);
* ``department_blind_judgments.yaml`` -- the goal and measure rows of other places'
  plans in ``targets_real.yaml``, judged by remit by another session before the rules
  ran on them; each on its own text (``blind_departments``).

What is measured is the inference (``kb.enrich.departments.infer_document``: the
item's text, the remit rules, the goal's measures), never the confirmed
assignments of ``corpus/assignments.yaml``.  "Any role": a department judged
responsible (lead or partner) and inferred responsible; "lead": the lead(s)
only.  The eight busiest departments are the eight with the most judged items
in the remit sample.  The sample's copied text is checked against the corpus.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from blind_departments import blind_roles
from blind_departments import load as load_blind
from common import CORPUS, DATA

from kb.corpus import Corpus
from kb.corpus.gazetteer import Gazetteer
from kb.enrich.departments import assign_departments, infer_document
from kb.enrich.pairs import add_pairs
from kb.enrich.unknown_bodies import unknown_bodies
from kb.model import DepartmentRole, KnowledgeBase
from kb.parse import parse_corpus

SAMPLES = (DATA / "department_judgments.yaml", DATA / "department_remit_judgments.yaml")
OTHER_PLANS = DATA / "other_plans_departments.yaml"
BUSIEST = 8
ROUND1 = ("remit-tune", "remit-heldout")
# Round-3 items whose inferred departments the rules' first author saw while building the
# rules (the header of department_remit_judgments.yaml says so).
SEEN_BEFORE_ROUND3 = frozenset(
    {"W1-G4", "W1-G10", "W1-M6", "W2-G1", "W2-G8", "C2-G5", "C3-M12", "C6-M1"}
)

Judgment = dict[str, object]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[str], truth: set[str]) -> None:
        self.tp += len(predicted & truth)
        self.fp += len(predicted - truth)
        self.fn += len(truth - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Report:
    any_role: Tally = field(default_factory=Tally)
    lead: Tally = field(default_factory=Tally)
    per_department: dict[str, tuple[Tally, Tally]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def restricted(self, names: list[str]) -> tuple[Tally, Tally]:
        """The tallies of ``names`` together."""
        both = (Tally(), Tally())
        for name in names:
            for total, part in zip(
                both, self.per_department.get(name, (Tally(), Tally())), strict=True
            ):
                total.tp += part.tp
                total.fp += part.fp
                total.fn += part.fn
        return both


def load_judgments(path: Path) -> list[Judgment]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["items"])


def judged_leads(judged: Judgment) -> set[str]:
    lead = judged.get("lead")
    if isinstance(lead, list):
        return {str(x) for x in lead}
    return {str(lead)} if lead else set()


def judged_all(judged: Judgment) -> set[str]:
    partners = judged.get("partners") or []
    assert isinstance(partners, list)
    return judged_leads(judged) | {str(p) for p in partners}


def inferred(corpus: Corpus) -> tuple[KnowledgeBase, dict[str, tuple[DepartmentRole, ...]]]:
    """The parsed corpus with its pairs, and every item's inferred departments."""
    documents, _ = parse_corpus(corpus)
    kb = add_pairs(KnowledgeBase(documents=tuple(documents)), corpus)
    gazetteer = corpus.gazetteer
    assert gazetteer is not None
    roles: dict[str, tuple[DepartmentRole, ...]] = {}
    for document in kb.documents:
        roles.update(infer_document(gazetteer, document))
    return kb, roles


def evaluate(roles: dict[str, tuple[DepartmentRole, ...]], judgments: list[Judgment]) -> Report:
    """Compare the inferred roles with the judgments: any role, and lead only."""
    report = Report()
    for judged in judgments:
        got = roles[str(judged["id"])]
        got_all = {r.name for r in got}
        got_lead = {r.name for r in got if r.role == "lead"}
        want_all, want_lead = judged_all(judged), judged_leads(judged)
        report.any_role.add(got_all, want_all)
        report.lead.add(got_lead, want_lead)
        for name in got_all | want_all:
            any_t, lead_t = report.per_department.setdefault(name, (Tally(), Tally()))
            any_t.add(got_all & {name}, want_all & {name})
            lead_t.add(got_lead & {name}, want_lead & {name})
        if got_all != want_all or got_lead != want_lead:
            report.misses.append(
                f"{judged['id']}: 牵头 {sorted(got_lead)} 应为 {sorted(want_lead)}；"
                f"多出 {sorted(got_all - want_all)}；漏掉 {sorted(want_all - got_all)}"
            )
    return report


def busiest(judgments: list[Judgment], n: int = BUSIEST) -> list[str]:
    counts: Counter[str] = Counter()
    for judged in judgments:
        counts.update(judged_all(judged))
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def check_sample_text(kb: KnowledgeBase, judgments: list[Judgment]) -> list[str]:
    by_id = {item.id: item for item in kb.items()}
    names = {(d.doc, d.id): d.name for d in kb.domains()}
    problems = []
    for judged in judgments:
        item = by_id.get(str(judged["id"]))
        if item is None or item.text != judged["text"]:
            problems.append(f"{judged['id']}: 样本与原文不一致")
        elif names[(item.doc, item.domain)] != judged["domain"]:
            problems.append(f"{judged['id']}: 领域与原文不一致")
    return problems


def evaluate_other_plans(gazetteer: Gazetteer, path: Path = OTHER_PLANS) -> tuple[Report, Report]:
    """Other places' items, each on its own text: (office-judged rows, remit-judged leads)."""
    office, remit = Report(), Report()
    for judged in load_judgments(path):
        roles = assign_departments(
            gazetteer, str(judged["text"]), str(judged["domain"]), str(judged["plan"])
        )
        got_all = {r.name for r in roles}
        got_lead = {r.name for r in roles if r.role == "lead"}
        report = office if judged["judge"] == "office" else remit
        report.lead.add(got_lead, judged_leads(judged))
        if judged["judge"] == "office":
            report.any_role.add(got_all, judged_all(judged))
        if got_lead != judged_leads(judged):
            report.misses.append(
                f"{judged['id']}: 牵头 {sorted(got_lead)} 应为 {sorted(judged_leads(judged))}"
            )
    return office, remit


def print_departments(report: Report) -> None:
    print(f"  {'department':<16}{'any P':>7}{'any R':>7}{'lead P':>8}{'lead R':>8}  any tp/fp/fn")
    for name in sorted(
        report.per_department, key=lambda n: -sum(vars(report.per_department[n][0]).values())
    ):
        t, lt = report.per_department[name]
        print(
            f"  {name:<16}{t.precision:>7.2f}{t.recall:>7.2f}{lt.precision:>8.2f}{lt.recall:>8.2f}"
            f"  {t.tp}/{t.fp}/{t.fn}"
        )


def print_counts(
    kb: KnowledgeBase, roles: dict[str, tuple[DepartmentRole, ...]], corpus: Corpus
) -> None:
    lead: Counter[str] = Counter()
    partner: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    gazetteer = corpus.gazetteer
    assert gazetteer is not None
    for item in kb.items():
        for r in roles[item.id]:
            (lead if r.role == "lead" else partner)[r.name] += 1
        unknown.update(unknown_bodies(gazetteer, item.text))
    with_lead = sum(any(r.role == "lead" for r in roles[i.id]) for i in kb.items())
    print(f"\nitems {len(kb.items())}, with a lead department {with_lead}")
    print(f"{'department':<16}{'items':>6}{'lead':>6}{'partner':>8}")
    for entry in sorted(gazetteer.entries, key=lambda e: -(lead[e.name] + partner[e.name])):
        n = entry.name
        print(f"{n:<16}{lead[n] + partner[n]:>6}{lead[n]:>6}{partner[n]:>8}")
    print("\nunknown bodies:", "、".join(f"{k}×{v}" for k, v in unknown.most_common()) or "none")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", action="store_true", help="list every item that differs")
    parser.add_argument(
        "--items-of",
        metavar="SET",
        action="append",
        default=[],
        help="list the items that differ of this set only (to tune without seeing the others)",
    )
    parser.add_argument(
        "--per-department",
        metavar="SET",
        action="append",
        default=[],
        help="per-department figures of a set (or 'all')",
    )
    parser.add_argument("--counts", action="store_true", help="items per department, corpus-wide")
    args = parser.parse_args(argv)
    corpus = Corpus.load(CORPUS)
    kb, roles = inferred(corpus)
    samples = {path: load_judgments(path) for path in SAMPLES}
    everything = [j for rows in samples.values() for j in rows]
    problems = check_sample_text(kb, everything)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    first_round = [j for j in samples[SAMPLES[1]] if j.get("set") in ROUND1]
    top = busiest(first_round)
    print(f"eight busiest (remit sample, round 1): {'、'.join(top)}")
    sets = sorted(
        {str(j.get("set", "dev")) for j in everything}, key=lambda s: (s.startswith("remit"), s)
    )
    for name in [*sets, "remit-round3-unseen", "remit-round1", "remit-all", "all"]:
        if name == "remit-round3-unseen":
            subset = [
                j
                for j in everything
                if j.get("set") == "remit-round3" and j["id"] not in SEEN_BEFORE_ROUND3
            ]
        elif name == "all":
            subset = everything
        elif name == "remit-all":
            subset = samples[SAMPLES[1]]
        elif name == "remit-round1":
            subset = first_round
        else:
            subset = [j for j in everything if j.get("set", "dev") == name]
        r = evaluate(roles, subset)
        top_any, top_lead = r.restricted(top)
        print(f"\n{name} ({len(subset)} items)")
        print(f"  any role : {r.any_role.line()}")
        print(f"  lead     : {r.lead.line()}")
        print(f"  busiest 8, any role: {top_any.line()}")
        print(f"  busiest 8, lead    : {top_lead.line()}")
        if name in args.per_department or ("all" in args.per_department and name == "all"):
            print_departments(r)
        if args.items or name in args.items_of:
            print("\n".join(f"    {m}" for m in r.misses))
    assert corpus.gazetteer is not None
    office, remit = evaluate_other_plans(corpus.gazetteer)
    print(
        "\nother places' plans (tests/data/other_plans_departments.yaml), each item on its own text"
    )
    print(f"  office-judged rows, any role: {office.any_role.line()}")
    print(f"  office-judged rows, lead    : {office.lead.line()}")
    print(f"  remit-judged measures, lead : {remit.lead.line()}")
    if args.items:
        print("\n".join(f"    {m}" for m in office.misses + remit.misses))
    judged, blind = blind_roles(corpus.gazetteer, load_blind())
    plans = len({str(j["source"]) for j in judged})
    own_top = busiest(judged)
    print(f"\nblind round, other places' plans ({len(judged)} rows of {plans} sources, own text)")
    for name in ("blind-tune", "blind-heldout", "blind"):
        subset = [j for j in judged if name == "blind" or j["set"] == name]
        r = evaluate(blind, subset)
        top_any, top_lead = r.restricted(top)
        own_any, _ = r.restricted(own_top)
        print(f"  {name} ({len(subset)} rows)")
        print(f"    any role : {r.any_role.line()}")
        print(f"    lead     : {r.lead.line()}")
        print(f"    busiest 8, any role: {top_any.line()}")
        print(f"    busiest 8, lead    : {top_lead.line()}")
        print(f"    this set's own busiest 8, any role: {own_any.line()}")
        if name in args.per_department:
            print_departments(r)
        if args.items or name in args.items_of:
            print("\n".join(f"    {m}" for m in r.misses))
    if args.counts:
        print_counts(kb, roles, corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
