"""What ``kb check`` reviews beyond the parse: facts a person should look at.

* names in the text that look like a body but are not in the gazetteer
  (warnings: the gazetteer should learn them);
* rows of ``monitoring.csv`` that match no target (errors: the row would be
  silently ignored), or whose value does not fit the unit (a percent above 100);
* entries of ``indicators.yaml`` that match no indicator or no department;
* confirmed assignments (``assignments.yaml``) of items that do not exist;
* with ``--verbose``, the numbers of items that were not taken as targets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kb.corpus import Corpus
from kb.corpus.gazetteer import Gazetteer
from kb.corpus.monitoring import Monitoring, value_problem
from kb.enrich.confirmed import review_assignments
from kb.enrich.departments import unknown_bodies
from kb.enrich.reporting import indicator_id
from kb.enrich.status import indicator_key, monitoring_keys
from kb.enrich.targets import item_extraction
from kb.errors import Level, Problem
from kb.model import Document, Target

# A document's own share of the reviews, which a build may keep between builds
# (kb.cache): the targets read from each item, and the unknown bodies it names.
Extracted = Callable[[Document], Sequence[tuple[str, Sequence[Target]]]]
Bodies = Callable[[Document], Sequence[Problem]]


def extracted_targets(document: Document) -> list[tuple[str, Sequence[Target]]]:
    """(item ID, the targets read from its text) of every item of ``document``."""
    return [(item.id, item_extraction(item).targets) for item in document.items]


def review(
    corpus: Corpus,
    documents: Sequence[Document],
    verbose: bool = False,
    extracted: Extracted = extracted_targets,
    bodies: Bodies | None = None,
) -> list[Problem]:
    """Every review of ``kb check`` (the numbers not taken only when ``verbose``).

    ``extracted`` and ``bodies`` give one document's targets and unknown-body
    warnings; by default they are computed (``document_bodies``).
    """
    shown = {plan.slug: plan.display for plan in corpus.plans}
    whole = not any(p.code == "bad-gazetteer" for p in corpus.report.problems)
    if bodies is None:
        bodies = lambda document: document_bodies(corpus, document)  # noqa: E731
    problems = [p for d in documents for p in bodies(d)] if whole else []
    problems += review_monitoring(documents, corpus.monitoring, extracted)
    problems += review_reporters(documents, corpus, extracted)
    problems += review_assignments(corpus, documents)
    if verbose:
        problems += review_numbers(documents, shown)
    return problems


def document_bodies(corpus: Corpus, document: Document) -> list[Problem]:
    """The unknown-body warnings of one document (``review_bodies``)."""
    shown = {plan.slug: plan.display for plan in corpus.plans}
    return review_bodies([document], corpus.gazetteer, shown)


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


def review_monitoring(
    documents: Sequence[Document], monitoring: Monitoring, extracted: Extracted = extracted_targets
) -> list[Problem]:
    """Rows of ``monitoring.csv`` that name no target, or whose value does not fit its unit."""
    if not monitoring.rows:
        return []
    if monitoring.legacy:
        return review_legacy_monitoring(documents, monitoring, extracted)
    units: dict[tuple[str, str, str], str] = {}
    for document in documents:
        for ident, targets in extracted(document):
            for target in targets:
                if target.value is not None:
                    key = (document.slug, ident, indicator_key(target.indicator))
                    relative = target.comparator in ("decrease_by", "increase_by")
                    units.setdefault(key, "" if relative else target.unit)
    problems = []
    for row in monitoring.rows:
        doc, _, ident = row.item.rpartition(":")
        name = indicator_key(row.indicator)
        found = [u for (d, i, n), u in units.items() if i == ident and n == name and doc in ("", d)]
        message = None
        if not found:
            known = sorted({n for (d, i, n) in units if i == ident and doc in ("", d)})
            hint = (
                f"{ident} 的指标有：{'、'.join(known)}" if known else f"没有编号为 {ident} 的指标"
            )
            message = (
                f"{row.item}“{row.indicator}”不是任何量化指标（{hint}）；用 kb monitor list 查看"
            )
        elif len(found) > 1:
            message = f"编号 {ident} 在多份文件中都有：请写成“文件:编号”"
        else:
            message = value_problem(row.value, found[0])
        if message:
            problems.append(
                Problem(monitoring.file, row.line, "error", "unknown-monitoring-key", message)
            )
    return problems


def review_legacy_monitoring(
    documents: Sequence[Document], monitoring: Monitoring, extracted: Extracted = extracted_targets
) -> list[Problem]:
    """Every key of a legacy ``key,year,value`` file that no target answers to (first line)."""
    known: set[str] = set()
    for document in documents:
        for ident, targets in extracted(document):
            for n, target in enumerate(targets, 1):
                known.update(monitoring_keys(ident, n, len(targets), target.indicator))
    first: dict[str, int] = {}
    for row in monitoring.rows:
        first.setdefault(row.item, row.line)
    return [
        Problem(
            monitoring.file,
            line,
            "error",
            "unknown-monitoring-key",
            f"“{key}”不是任何量化指标：应为指标名称（如 孕产妇死亡率）、"
            "条目编号（如 W1-G2）或“编号#序号”（如 C1-G3#2）；用 kb targets 查看全部指标",
        )
        for key, line in first.items()
        if key not in known
    ]


def review_reporters(
    documents: Sequence[Document], corpus: Corpus, extracted: Extracted = extracted_targets
) -> list[Problem]:
    """Entries of ``indicators.yaml`` naming no indicator, or a body not in the gazetteer."""
    reporters = corpus.reporters
    if not reporters.entries:
        return []
    keys: set[str] = set()
    for document in documents:
        for ident, targets in extracted(document):
            for n, target in enumerate(targets, 1):
                keys.update((indicator_id(ident, n), target.indicator))
    names = {n for e in corpus.gazetteer.entries for n in e.names} if corpus.gazetteer else set()
    problems = []
    for entry in reporters.entries:
        if entry.key not in keys:  # changes nothing: a warning (a typo, or another county's)
            message = (
                f"“{entry.key}”不是任何指标，这一条不起作用：应为指标名称（如 孕产妇死亡率）"
                "或指标编号（如 W1-G2#1）；用 kb monitor list 查看"
            )
            level: Level = "warning"
        elif names and entry.department not in names:
            message = f"单位“{entry.department}”不在单位名录中：请写名录中的名称、简称或别称"
            level = "error"
        else:
            continue
        problems.append(Problem(reporters.file, entry.line, level, "bad-indicators", message))
    return problems


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
