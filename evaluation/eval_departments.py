"""Precision and recall of kb.departments.assign_departments over the hand-judged sample.

    .venv/bin/python evaluation/eval_departments.py            # overall and per department
    .venv/bin/python evaluation/eval_departments.py --items    # also every item's misses
    .venv/bin/python evaluation/eval_departments.py --counts   # items per department, corpus-wide

Items are read from the corpus by the kb parser.  The sample's copied text is
checked against the corpus so that the two cannot drift apart.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from common import CORPUS, DATA

from kb.corpus import Corpus
from kb.corpus.gazetteer import Gazetteer
from kb.enrich.departments import assign_departments, unknown_bodies
from kb.parse import parse_corpus

JUDGMENTS = DATA / "department_judgments.yaml"


@dataclass(frozen=True)
class Item:
    id: str
    plan: str
    domain: str
    line: int
    text: str


def read_items(corpus: Path) -> list[Item]:
    """Every numbered goal and measure of the corpus, from the kb parser."""
    documents, _ = parse_corpus(Corpus.load(corpus))
    return [
        Item(i.id, i.plan, names[i.domain], i.span.first, i.text)
        for document in documents
        for names in [{d.id: d.name for d in document.domains}]
        for i in document.items
    ]


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


@dataclass
class Report:
    any_role: Tally
    lead: Tally
    per_department: dict[str, tuple[Tally, Tally]]
    misses: list[str]


def load_judgments(path: Path = JUDGMENTS) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["items"])


def evaluate(gaz: Gazetteer, judgments: list[dict[str, object]]) -> Report:
    """Compare assign_departments with the judgments: any role, and lead only."""
    report = Report(Tally(), Tally(), {}, [])
    for judged in judgments:
        roles = assign_departments(
            gaz, str(judged["text"]), str(judged["domain"]), str(judged["plan"])
        )
        got_all = {r.name for r in roles}
        got_lead = {r.name for r in roles if r.role == "lead"}
        want_lead = {str(judged["lead"])} if judged.get("lead") else set()
        want_all = want_lead | {str(p) for p in judged.get("partners") or []}  # type: ignore[attr-defined]
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


def check_sample_text(items: list[Item], judgments: list[dict[str, object]]) -> list[str]:
    by_id = {item.id: item for item in items}
    problems = []
    for judged in judgments:
        item = by_id.get(str(judged["id"]))
        if item is None or item.text != judged["text"] or item.domain != judged["domain"]:
            problems.append(f"{judged['id']}: 样本与原文不一致")
    return problems


def print_report(report: Report, show_items: bool) -> None:
    a, ld = report.any_role, report.lead
    print(
        f"overall any-role: precision {a.precision:.3f}  recall {a.recall:.3f}  "
        f"(tp {a.tp}, fp {a.fp}, fn {a.fn})"
    )
    print(
        f"overall lead:     precision {ld.precision:.3f}  recall {ld.recall:.3f}  "
        f"(tp {ld.tp}, fp {ld.fp}, fn {ld.fn})"
    )
    print(f"\n{'department':<16}{'any P':>8}{'any R':>8}{'lead P':>8}{'lead R':>8}  tp/fp/fn")
    for name in sorted(report.per_department):
        t, lt = report.per_department[name]
        print(
            f"{name:<16}{t.precision:>8.2f}{t.recall:>8.2f}{lt.precision:>8.2f}{lt.recall:>8.2f}"
            f"  {t.tp}/{t.fp}/{t.fn}"
        )
    if show_items:
        print("\n" + "\n".join(report.misses))


def print_counts(gaz: Gazetteer, items: list[Item]) -> None:
    lead: Counter[str] = Counter()
    partner: Counter[str] = Counter()
    with_lead = 0
    unknown: Counter[str] = Counter()
    for item in items:
        roles = assign_departments(gaz, item.text, item.domain, item.plan)
        with_lead += any(r.role == "lead" for r in roles)
        for r in roles:
            (lead if r.role == "lead" else partner)[r.name] += 1
        unknown.update(unknown_bodies(gaz, item.text))
    print(f"\nitems {len(items)}, with a lead department {with_lead}")
    print(f"{'department':<16}{'items':>6}{'lead':>6}{'partner':>8}")
    for dept in sorted(gaz.departments, key=lambda d: -(lead[d.name] + partner[d.name])):
        n = dept.name
        print(f"{n:<16}{lead[n] + partner[n]:>6}{lead[n]:>6}{partner[n]:>8}")
    print("\nunknown bodies:", "、".join(f"{k}×{v}" for k, v in unknown.most_common()) or "none")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", action="store_true", help="list every item that differs")
    parser.add_argument("--counts", action="store_true", help="items per department, corpus-wide")
    args = parser.parse_args(argv)
    gaz = Corpus.load(CORPUS).gazetteer
    assert gaz is not None
    items = read_items(CORPUS)
    judgments = load_judgments()
    problems = check_sample_text(items, judgments)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"sample: {len(judgments)} judged items of {len(items)}")
    for name in sorted({str(j.get("set", "dev")) for j in judgments}):
        subset = [j for j in judgments if j.get("set", "dev") == name]
        r = evaluate(gaz, subset)
        print(
            f"  {name:<8} ({len(subset)} items) any-role P {r.any_role.precision:.3f} "
            f"R {r.any_role.recall:.3f}; lead P {r.lead.precision:.3f} R {r.lead.recall:.3f}"
        )
    print()
    print_report(evaluate(gaz, judgments), args.items)
    if args.counts:
        print_counts(gaz, items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
