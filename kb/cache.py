"""Only changed work redone: each document's derived data, cached by the digest of its inputs.

A build keeps, beside its releases, ``<out>/cache/``::

    cache/parse/<key>.json     one plan parsed (kb.records): key = its text, names, the code
    cache/derived/<key>.json   one document enriched, with its domain links, shared
                               subjects and indicators: key = its parse key, the
                               curated files, the corpus folder's name, whether the
                               corpus holds one document, and the parse keys of the
                               documents it implements (its parents in the corpus)
    cache/downloads/<key>/     one document's 任务分工表 files (kb.site.downloads)

A document whose keys are all found is read back instead of being parsed, reviewed
(the targets read from its items, the unknown bodies it names: cache/review/) and
enriched again; the others are enriched together with their parents, exactly
as a full build enriches them (every enricher works document by document; the
two facts that look across documents -- a parent's targets, and whether the
corpus holds one document -- are in the key).  ``kb check``'s reviews still
run over the whole corpus, as do the search index and MkDocs.  Nothing is
written into the cache before the corpus checked without errors; entries this
build did not use are removed when it succeeds.

A monitoring row without a document's name resolves to the one document that
has its target (several are an error of ``kb check``), so a document's status
depends only on ``monitoring.csv`` and its own text: both are in its key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kb.corpus import Corpus, PlanText
from kb.enrich import enrich
from kb.enrich.parents import parent_documents
from kb.enrich.review import document_bodies, extracted_targets, review
from kb.errors import Problem, Report
from kb.model import (
    Document,
    DomainLink,
    KnowledgeBase,
    SharedIndicator,
    SharedSubject,
    Target,
)
from kb.parse import parse_plan
from kb.progress import Progress, silent
from kb.records import from_data, to_data
from kb.release import code_digest

CACHE = "cache"
PARSE, REVIEW, DERIVED, DOWNLOADS = "parse", "review", "derived", "downloads"
FORMAT = "kb-cache/1"


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file: a reader sees all of it or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@dataclass(frozen=True)
class Derived:
    """One document's share of the knowledge base."""

    document: Document
    domain_links: tuple[DomainLink, ...]
    shared_subjects: tuple[SharedSubject, ...]
    shared_indicators: tuple[SharedIndicator, ...]


@dataclass(frozen=True)
class ItemTargets:
    id: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Reviewed:
    """One document's share of kb check's reviews (``kb.enrich.review``)."""

    bodies: tuple[Problem, ...]
    targets: tuple[ItemTargets, ...]


@dataclass
class CacheStats:
    """What one build took from the cache and what it derived again."""

    parsed: int = 0  # plans parsed again
    derived: int = 0  # documents enriched again
    reused: int = 0  # documents read back whole
    pages_unchanged: int = 0  # site sources not rendered again (kb.site.incremental)


@dataclass
class DocumentCache:
    """The cache folder of one build; ``read=False`` (``kb build --force``) only writes."""

    folder: Path
    read: bool = True
    used: set[Path] = field(default_factory=set)
    pending: list[tuple[Path, Any]] = field(default_factory=list)
    stats: CacheStats = field(default_factory=CacheStats)

    def path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.json"

    def get(self, kind: str, key: str) -> Any | None:
        path = self.path(kind, key)
        self.used.add(path)
        if not self.read:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data.get("value") if data.get("format") == FORMAT else None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Keep ``value`` (a record, or plain data of records) under ``key`` at ``flush``."""
        path = self.path(kind, key)
        self.used.add(path)
        self.pending.append((path, value))

    def flush(self) -> None:
        """Write what ``put`` kept: only once the corpus checked without errors."""
        for path, value in self.pending:
            # a cache that cannot be written only makes the next build slower
            with contextlib.suppress(OSError):
                write_atomic(path, _dump({"format": FORMAT, "value": to_data(value)}))
        self.pending.clear()

    def files(self, key: str) -> Path | None:
        """The folder of files kept under ``key`` (``kb.site.downloads.FileCache``)."""
        folder = self.folder / DOWNLOADS / key
        self.used.add(folder)
        return folder if self.read and folder.is_dir() else None

    def keep(self, key: str, root: Path, paths: list[Path]) -> None:
        folder = self.folder / DOWNLOADS / key
        self.used.add(folder)
        tmp = folder.with_name(f".{key}-{os.getpid()}")
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            for path in paths:
                target = tmp / path.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            tmp.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(tmp, folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)

    def prune(self) -> None:
        """Remove every entry this build did not use (what changed documents left behind)."""
        for kind in (PARSE, REVIEW, DERIVED, DOWNLOADS):
            folder = self.folder / kind
            if folder.is_dir():
                for path in folder.iterdir():
                    if path in self.used:
                        continue
                    if path.is_dir():
                        shutil.rmtree(path, ignore_errors=True)
                    else:
                        path.unlink(missing_ok=True)


def parse_key(plan: PlanText, code: str) -> str:
    text = hashlib.sha256(plan.text.encode("utf-8")).hexdigest()
    return _digest(PARSE, code, plan.slug, plan.file, plan.display, text)


def curated_inputs(corpus: Corpus) -> list[list[str]]:
    """(name, sha256) of every input that is not a plan text."""
    plans = {plan.file.rpartition("/")[2] for plan in corpus.plans}
    return [[name, sha] for name, sha in corpus.inputs if name not in plans]


def parsed(
    corpus: Corpus, cache: DocumentCache, code: str
) -> tuple[list[tuple[str, Document]], list[Problem]]:
    """Every plan parsed (or read back) with its parse key, and the parse problems in order."""
    documents: list[tuple[str, Document]] = []
    problems: list[Problem] = []
    for plan in corpus.plans:
        key = parse_key(plan, code)
        data = cache.get(PARSE, key)
        if data is not None:
            document: Document | None = from_data(Document, data["document"])
            found = [from_data(Problem, p) for p in data["problems"]]
        else:
            cache.stats.parsed += 1
            document, found = parse_plan(plan)
            if document is not None:
                cache.put(PARSE, key, {"document": document, "problems": found})
        problems += found
        if document is not None:
            documents.append((key, document))
    return documents, problems


def _reviewed(
    corpus: Corpus, cache: DocumentCache, key: str, document: Document, shared: str
) -> Reviewed:
    """A document's targets as read from its items, and its unknown bodies: kept by key."""
    rkey = _digest(REVIEW, key, shared)
    data = cache.get(REVIEW, rkey)
    if data is not None:
        found: Reviewed = from_data(Reviewed, data)
        return found
    targets = tuple(ItemTargets(i, tuple(t)) for i, t in extracted_targets(document))
    found = Reviewed(tuple(document_bodies(corpus, document)), targets)
    cache.put(REVIEW, rkey, found)
    return found


def derived_key(
    key: str, document: Document, keys: dict[str, str], documents: list[Document], shared: str
) -> str:
    parents = sorted(keys[p.slug] for _, p in parent_documents(document, documents))
    return _digest(DERIVED, key, shared, *parents)


def _partial_corpus(corpus: Corpus, single: bool) -> Corpus:
    """The corpus as a subset of its documents must see it: entries that name no document
    apply only when the whole corpus holds one (``kb.enrich.departments``)."""
    if single:
        return corpus
    entries = tuple(e for e in corpus.assignments.entries if e.doc)
    return replace(corpus, assignments=replace(corpus.assignments, entries=entries))


def _share(kb: KnowledgeBase, document: Document) -> Derived:
    slug = document.slug
    return Derived(
        document,
        tuple(d for d in kb.domain_links if d.doc == slug),
        tuple(s for s in kb.shared_subjects if s.doc == slug),
        tuple(s for s in kb.shared_indicators if s.doc == slug),
    )


def load_cached(
    corpus: Corpus, cache: DocumentCache, strict: bool = False, progress: Progress = silent
) -> tuple[KnowledgeBase, Report]:
    """What ``kb.build.load_kb`` returns, with each unchanged document read back from ``cache``."""
    code = code_digest()
    keyed, problems = parsed(corpus, cache, code)
    documents = [d for _, d in keyed]
    single = len(documents) == 1
    shared = _dump([curated_inputs(corpus), corpus.name, single, FORMAT])
    keys = {d.slug: key for key, d in keyed}
    reviewed = {d.slug: _reviewed(corpus, cache, key, d, shared) for key, d in keyed}
    problems += review(
        corpus,
        documents,
        extracted=lambda d: [(i.id, i.targets) for i in reviewed[d.slug].targets],
        bodies=lambda d: reviewed[d.slug].bodies,
    )
    report = corpus.report + Report.of(problems)
    report.raise_if_fatal(strict)  # nothing is written into the cache before this
    derived: dict[str, Derived] = {}
    dkeys: dict[str, str] = {}
    for key, document in keyed:
        dkey = dkeys[document.slug] = derived_key(key, document, keys, documents, shared)
        data = cache.get(DERIVED, dkey)
        if data is not None:
            derived[document.slug] = from_data(Derived, data)
            cache.stats.reused += 1
    missing = [d for d in documents if d.slug not in derived]
    if missing:
        wanted = {d.slug for d in missing}
        for document in missing:
            wanted |= {p.slug for _, p in parent_documents(document, documents)}
        partial = KnowledgeBase(documents=tuple(d for d in documents if d.slug in wanted))
        enriched = enrich(partial, _partial_corpus(corpus, single), progress)
        for document in enriched.documents:
            if document.slug in {d.slug for d in missing}:
                share = derived[document.slug] = _share(enriched, document)
                cache.put(DERIVED, dkeys[document.slug], share)
                cache.stats.derived += 1
    shares = [derived[d.slug] for d in documents]
    subjects = sorted(
        (s for share in shares for s in share.shared_subjects),
        key=lambda s: (s.doc, -s.links, s.name),
    )
    gazetteer = corpus.gazetteer
    kb = KnowledgeBase(
        documents=tuple(s.document for s in shares),
        domain_links=tuple(d for s in shares for d in s.domain_links),
        shared_subjects=tuple(subjects),
        shared_indicators=tuple(i for s in shares for i in s.shared_indicators),
        departments=gazetteer.departments() if gazetteer is not None else (),
    )
    cache.flush()
    return kb, report
