"""``kb check``: every problem of a corpus, without writing anything.

Reading problems (``Corpus.report``), parse errors and warnings, and the
reviews of ``kb.enrich.review``: names of bodies missing from the gazetteer,
monitoring rows that match no target and, when ``verbose``, the numbers in
items that were not taken as targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.corpus import Corpus
from kb.enrich.review import review
from kb.errors import Report
from kb.model import Document
from kb.parse import parse_corpus
from kb.progress import Progress, silent


@dataclass(frozen=True)
class Checked:
    documents: tuple[Document, ...]  # the documents that parsed
    report: Report

    @property
    def items(self) -> int:
        return sum(len(d.items) for d in self.documents)


def check(corpus: Corpus, verbose: bool = False, progress: Progress = silent) -> Checked:
    documents, problems = parse_corpus(corpus, progress)
    problems += review(corpus, documents, verbose)
    return Checked(tuple(documents), corpus.report + Report.of(problems))
