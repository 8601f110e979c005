"""Print the targets found per domain and the baselines linked to them.

    .venv/bin/python evaluation/targets_report.py [--corpus DIR] [--verbose]

Counts numeric and direction-only targets per domain, the baselines found in
the prefaces and the targets they were linked to (with their status).
``--verbose`` also lists the numbers seen in items but not taken as targets.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from common import ROOT, derive

from kb.enrich.review import review_numbers
from kb.labels import quantity


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    kb, _ = derive(args.corpus)
    numeric: Counter[str] = Counter()
    direction: Counter[str] = Counter()
    linked = []
    for item in kb.items():
        for target in item.targets:
            (numeric if target.value is not None else direction)[item.domain] += 1
            if target.baseline is not None:
                linked.append((item.id, target))
    print("domain  name              numeric  direction-only")
    for domain in kb.domains():
        print(
            f"{domain.id:<7} {domain.name:<16} {numeric[domain.id]:>7}  {direction[domain.id]:>6}"
        )
    print(f"total   {'':<16} {sum(numeric.values()):>7}  {sum(direction.values()):>6}")
    print(f"\nbaselines linked to {len(linked)} targets:")
    for ident, target in linked:
        assert target.baseline is not None and target.value is not None
        points = ", ".join(f"{y}: {quantity(v, target.unit)}" for y, v in target.baseline.values)
        goal = f"{target.comparator} {quantity(target.value, target.unit)}"
        print(f"  {ident:<6} {target.indicator}: {points} -> {goal}: {target.status}")
    if args.verbose:
        skipped = review_numbers(kb.documents, {})
        print(f"\nnumbers not taken as targets: {len(skipped)}")
        for problem in skipped:
            print(f"  {problem.line}: {problem.message}")


if __name__ == "__main__":
    main()
