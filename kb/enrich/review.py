"""What ``kb check`` reviews beyond the parse: facts a person should look at.

* names in the text that look like a body but are not in the gazetteer
  (warnings: the gazetteer should learn them);
* keys of ``monitoring.csv`` that match no target (errors: the row would be
  silently ignored);
* confirmed assignments (``assignments.yaml``) of items that do not exist;
* with ``--verbose``, the numbers of items that were not taken as targets.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.corpus import Corpus
from kb.corpus.gazetteer import Gazetteer
from kb.corpus.monitoring import Monitoring
from kb.enrich.confirmed import review_assignments
from kb.enrich.departments import unknown_bodies
from kb.enrich.status import monitoring_keys
from kb.enrich.targets import item_extraction
from kb.errors import Problem
from kb.model import Document


def review(corpus: Corpus, documents: Sequence[Document], verbose: bool = False) -> list[Problem]:
    """Every review of ``kb check`` (the numbers not taken only when ``verbose``)."""
    shown = {plan.slug: plan.display for plan in corpus.plans}
    whole = not any(p.code == "bad-gazetteer" for p in corpus.report.problems)
    problems = review_bodies(documents, corpus.gazetteer, shown) if whole else []
    problems += review_monitoring(documents, corpus.monitoring)
    problems += review_assignments(corpus, documents)
    if verbose:
        problems += review_numbers(documents, shown)
    return problems


def review_bodies(
    documents: Sequence[Document], gazetteer: Gazetteer | None, shown: dict[str, str]
) -> list[Problem]:
    """Warn about names that look like a body but are not in the gazetteer."""
    if gazetteer is None:
        return []
    return [
        Problem(
            shown.get(document.slug, document.file),
            item.span.first,
            "warning",
            "unknown-body",
            f"{item.id} 提到“{phrase}”，名录 {gazetteer.file} 中没有这个单位："
            "应在名录中加上它（或列入 not_bodies）",
        )
        for document in documents
        for item in document.items
        for phrase in unknown_bodies(gazetteer, item.text)
    ]


def review_monitoring(documents: Sequence[Document], monitoring: Monitoring) -> list[Problem]:
    """Every key of ``monitoring.csv`` that no target answers to, at its first line."""
    known: set[str] = set()
    for document in documents:
        for item in document.items:
            targets = item_extraction(item).targets
            for n, target in enumerate(targets, 1):
                known.update(monitoring_keys(item.id, n, len(targets), target.indicator))
    return [
        Problem(
            monitoring.file,
            line,
            "error",
            "unknown-monitoring-key",
            f"“{key}”不是任何量化指标：应为指标名称（如 孕产妇死亡率）、"
            "条目编号（如 W1-G2）或“编号#序号”（如 C1-G3#2）；用 kb targets 查看全部指标",
        )
        for key, line in monitoring.lines
        if key not in known
    ]


def review_numbers(documents: Sequence[Document], shown: dict[str, str]) -> list[Problem]:
    """Numbers seen in items but not taken as targets, for a person to review."""
    return [
        Problem(
            shown.get(document.slug, document.file),
            skipped.line,
            "info",
            "number-not-taken",
            f"{item.id} 中的“{skipped.phrase}”未作为量化指标：{skipped.reason}",
        )
        for document in documents
        for item in document.items
        for skipped in item_extraction(item).skipped
    ]
