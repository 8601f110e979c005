"""``Corpus.load``: read a corpus folder once, decode and check every file.

Plan texts are decoded here and parsed later (``kb.parse``); each curated
table is read by its own reader, and every problem of every file is kept in
one ``Report`` for ``kb check`` and ``kb build``.  A missing curated file is
not a problem (the facts it feeds are simply absent); a folder where a file
should be, an undecodable (e.g. GBK) file or a bad entry is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kb.corpus import files
from kb.corpus.assignments import Assignments, read_assignments
from kb.corpus.gazetteer import Gazetteer, read_gazetteer
from kb.corpus.lexicon import EMPTY as NO_WORDING
from kb.corpus.lexicon import Wording, read_lexicon
from kb.corpus.monitoring import Monitoring, read_monitoring
from kb.corpus.reporters import Reporters, read_reporters
from kb.corpus.search_terms import SearchTerms, add_wording, read_search_terms
from kb.corpus.subjects import EMPTY, Vocabulary, read_subjects
from kb.errors import Problem, Report
from kb.text import decode

T = TypeVar("T")

# What each curated file should hold, for the message about an empty one.
WHAT = {
    files.GAZETTEER: "单位名录（YAML）",
    files.SUBJECTS: "共同主题词表（YAML）",
    files.DICTIONARY: "检索词典（每行一个词）",
    files.SYNONYMS: "同义词表（YAML）",
    files.LEXICON: "群众说法词表（YAML）",
    files.MONITORING: "监测数据（CSV：item,indicator,year,value,source,form,imported）",
    files.REPORTERS: "指标报送单位表（YAML）",
    files.ASSIGNMENTS: "已确认的任务分工（YAML）",
}


@dataclass(frozen=True)
class PlanText:
    """One plan document, decoded."""

    slug: str  # from the file name, e.g. gaotai-2022-women-children-development-plans
    file: str  # in outputs: the corpus folder's name and the file's, e.g. corpus/x.txt
    display: str  # in messages: the path as the user can find it
    text: str


@dataclass(frozen=True)
class Corpus:
    """Everything a build needs from the corpus folder, read once."""

    name: str  # the folder's own name, e.g. corpus
    plans: tuple[PlanText, ...]
    gazetteer: Gazetteer | None
    subjects: Vocabulary
    search_terms: SearchTerms
    monitoring: Monitoring
    report: Report
    # (file name, sha256) of every file read: what a release records of its inputs
    inputs: tuple[tuple[str, str], ...] = field(default=())
    reporters: Reporters = field(default=Reporters())  # indicators.yaml
    assignments: Assignments = field(default=Assignments())  # confirmed 任务分工
    wording: Wording = field(default=NO_WORDING)  # lexicon.yaml: how citizens ask

    @classmethod
    def load(cls, folder: Path) -> Corpus:
        return _Loader(folder).load()


class _Loader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.inputs: list[tuple[str, str]] = []

    def text(self, path: Path, what: str) -> tuple[str, str] | None:
        """The decoded text and display name of ``path``; None (and a problem) if unusable."""
        shown = files.display_path(path)
        data, problems = files.read_bytes(path, shown)
        if data is None:
            self.problems += problems
            return None
        self.inputs.append((path.name, files.digest(data)))
        text, problems = decode(data, shown, what)
        self.problems += problems
        return None if text is None else (text, shown)

    def table(
        self, name: str, reader: Callable[[str, str], tuple[T, list[Problem]]], empty: T
    ) -> T:
        path = self.folder / name
        if not path.exists():
            return empty
        found = self.text(path, WHAT[name])
        if found is None:
            return empty
        value, problems = reader(*found)
        self.problems += problems
        return value

    def plans(self) -> list[PlanText]:
        paths = files.document_files(self.folder)
        if not paths:
            shown = files.display_path(self.folder)
            missing = "不存在" if not self.folder.is_dir() else "中没有 .txt 规划文件"
            self.problems.append(Problem(shown, 0, "error", "no-documents", f"语料目录{missing}"))
        found: list[PlanText] = []
        slugs: dict[str, str] = {}
        name = self.folder.resolve().name
        for path in paths:
            decoded = self.text(path, "规划全文")
            if decoded is None:
                continue
            text, shown = decoded
            slug = files.slug_for(path)
            if slug in slugs:
                message = f"文件名得出的编号“{slug}”与 {slugs[slug]} 相同：请改名"
                self.problems.append(Problem(shown, 0, "error", "duplicate-slug", message))
                continue
            slugs[slug] = shown
            found.append(PlanText(slug, f"{name}/{path.name}", shown, text))
        return found

    def load(self) -> Corpus:
        plans = self.plans()
        gazetteer = self.table(files.GAZETTEER, read_gazetteer, None)
        subjects = self.table(files.SUBJECTS, read_subjects, EMPTY)
        dictionary = self.optional_text(files.DICTIONARY)
        synonyms = self.optional_text(files.SYNONYMS)
        entries = gazetteer.entries if gazetteer is not None else ()
        terms, problems = read_search_terms(dictionary, synonyms, entries)
        self.problems += problems
        wording = self.table(
            files.LEXICON, lambda text, file: read_lexicon(text, file, subjects), NO_WORDING
        )
        add_wording(wording, subjects, terms)
        monitoring = self.table(files.MONITORING, read_monitoring, Monitoring())
        reporters = self.table(files.REPORTERS, read_reporters, Reporters())
        assignments = self.table(
            files.ASSIGNMENTS,
            lambda text, file: read_assignments(
                text, file, gazetteer.departments() if gazetteer is not None else ()
            ),
            Assignments(),
        )
        return Corpus(
            name=self.folder.resolve().name,
            plans=tuple(plans),
            gazetteer=gazetteer,
            subjects=subjects,
            search_terms=terms,
            monitoring=monitoring,
            report=Report.of(self.problems),
            inputs=tuple(sorted(self.inputs)),
            reporters=reporters,
            assignments=assignments,
            wording=wording,
        )

    def optional_text(self, name: str) -> tuple[str, str] | None:
        path = self.folder / name
        return self.text(path, WHAT[name]) if path.exists() else None
