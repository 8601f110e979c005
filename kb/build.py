"""``kb build`` and ``kb index``: the pipeline from a loaded corpus to a published release.

    corpus → check → enrich → analyzer (once)
           → stage: model.json, kb.json, items.csv, index/, site-docs/, site/
           → publish: releases/<digest>, --site, current (kb.publish)

Nothing is written until the whole corpus checked without errors; nothing is
switched until every output was written.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kb.cache import CACHE, CacheStats, DocumentCache, load_cached
from kb.check import check
from kb.corpus import Corpus
from kb.enrich import enrich
from kb.errors import OutputError, Report
from kb.model import KnowledgeBase
from kb.progress import Progress, Step, silent
from kb.publish import clean_leftovers, publish_release, staging
from kb.release import (
    INDEX,
    ITEMS_CSV,
    KB_JSON,
    MANIFEST,
    MODEL_JSON,
    SITE,
    SITE_DOCS,
    Manifest,
    code_digest,
    current_release,
    model_json,
    open_release,
)
from kb.search.engines import choose
from kb.search.indexer import Analyzed, IndexStats, analyze, write_index
from kb.text import write_text
from kb.unchanged import reuse, unchanged
from kb.views.export import export_data, items_csv, to_json


@dataclass
class Timings:
    """Seconds spent in each stage of one build, in order (for ``--timings`` and benchmarks).

    ``stages`` holds the time on the clock, ``cpu`` this process's CPU time.
    """

    stages: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    progress: Progress = silent  # told of each stage as it starts
    total: int = 0  # how many stages there will be

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.progress(
            Step("构建", len(self.stages) + 1, max(self.total, len(self.stages) + 1), name)
        )
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - start_cpu


@dataclass(frozen=True)
class BuildResult:
    kb: KnowledgeBase
    release: Path
    report: Report
    site: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)
    unchanged: bool = False  # the corpus and the code are those of the current release
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage
    cache: CacheStats = field(default_factory=CacheStats)  # documents reused and redone


def load_kb(
    corpus: Corpus, strict: bool = False, progress: Progress = silent
) -> tuple[KnowledgeBase, Report]:
    """Check and enrich the corpus: the whole knowledge base, in memory.

    Raises ``CorpusError`` on errors (and on warnings too, when ``strict``).
    """
    checked = check(corpus, progress=progress)
    checked.report.raise_if_fatal(strict)
    kb = enrich(KnowledgeBase(documents=checked.documents), corpus, progress)
    return kb, checked.report


def write_release(
    stage: Path,
    kb: KnowledgeBase,
    corpus: Corpus,
    analyzed: Analyzed,
    report: Report | None = None,
    engine: str | None = None,
    progress: Progress = silent,
) -> IndexStats:
    """Write the release's files into ``stage``; the index with ``engine`` (None: as configured)."""
    problems = report.problems if report is not None else ()
    chosen = choose(engine or corpus.settings.engine, len(analyzed.rows))
    manifest = Manifest(corpus.inputs, code_digest(), problems, chosen)
    write_text(stage / MANIFEST, manifest.json())
    write_text(stage / MODEL_JSON, model_json(kb))
    write_text(stage / KB_JSON, to_json(export_data(kb)))
    # A BOM so that spreadsheet programs read the Chinese text as UTF-8.
    write_text(stage / ITEMS_CSV, items_csv(kb), encoding="utf-8-sig")
    return write_index(kb, analyzed, stage / INDEX, chosen, progress)


def build(
    corpus: Corpus,
    out: Path,
    strict: bool = False,
    site: Path | None = None,
    force: bool = False,
    engine: str | None = None,
    progress: Progress = silent,
) -> BuildResult:
    """Build the release into ``out``; with ``site``, also the static site into that folder.

    When the corpus and the code are exactly those of the current release, nothing
    is built again (unless ``force``): the release is reused, its check report
    applied as a new build would, and ``site`` made a copy of its site if it is not.
    """
    from kb.site import build_site, write_site_sources  # MkDocs: only with a site

    timings = Timings(progress=progress, total=6 if site is not None else 4)
    clean_leftovers(out, *([site.absolute().parent] if site is not None else []))
    current = (
        None if force or corpus.report.problems else unchanged(corpus.inputs, out, site, engine)
    )
    if current is not None:
        with timings.stage("发布"):
            report = reuse(current, site, strict)
        return BuildResult(
            current.kb, current.folder, report, site, timings.stages, True, timings.cpu
        )
    cache = DocumentCache(out / CACHE, read=not force)
    with timings.stage("检查与派生"):
        kb, report = load_cached(corpus, cache, strict=strict, progress=progress)
    with timings.stage("检索分词"):
        analyzed = analyze(kb, corpus.search_terms)
    try:
        with staging(out, "release") as stage:
            with timings.stage("知识库与检索索引"):
                write_release(stage, kb, corpus, analyzed, report, engine, progress)
            if site is not None:
                with timings.stage("网站页面"):
                    write_site_sources(kb, corpus, analyzed, stage, cache)
                with timings.stage("MkDocs"):
                    previous = None if force else current_release(out)
                    cache.stats.pages_unchanged = build_site(stage, previous)
            with timings.stage("发布"):
                release = publish_release(stage, out, site.absolute() if site else None)
    except OSError as exc:
        raise OutputError(f"写入 {out} 失败（{exc.strerror or exc}）；之前的输出保持不变") from exc
    cache.prune()
    return BuildResult(kb, release, report, site, timings.stages, False, timings.cpu, cache.stats)


@dataclass(frozen=True)
class IndexResult:
    release: Path
    stats: IndexStats


def reindex(
    corpus: Corpus,
    out: Path,
    site: Path | None = None,
    engine: str | None = None,
    progress: Progress = silent,
) -> IndexResult:
    """Index the current release's knowledge base anew, with the corpus's search terms.

    For when ``dictionary.txt``, ``synonyms.yaml`` or the department names
    changed: the new release is the current one with a fresh ``index/`` and a
    fresh browser index; it is published like ``kb build``.  The plans
    themselves are not read again (run ``kb build`` after changing them).
    """
    corpus.report.raise_if_fatal()
    current = open_release(out)
    analyzed = analyze(current.kb, corpus.search_terms)
    clean_leftovers(out, *([site.absolute().parent] if site is not None else []))
    try:
        with staging(out, "index") as stage:
            top = str(current.folder)
            shutil.copytree(
                current.folder,
                stage,
                dirs_exist_ok=True,
                ignore=lambda folder, _: [INDEX] if folder == top else [],
            )
            chosen = choose(engine or corpus.settings.engine, len(analyzed.rows))
            manifest = dataclasses.replace(current.manifest, engine=chosen)
            write_text(stage / MANIFEST, manifest.json())
            stats = write_index(current.kb, analyzed, stage / INDEX, chosen, progress)
            has_site = (stage / SITE).is_dir()
            if has_site:
                from kb.search.browser import browser_index_files, write_browser_index
                from kb.site.layout import department_href, item_href

                files = browser_index_files(current.kb, analyzed, item_href, department_href)
                for folder in (stage / SITE_DOCS, stage / SITE):
                    write_browser_index(folder, files)
            release = publish_release(stage, out, site.absolute() if site and has_site else None)
    except OSError as exc:
        raise OutputError(f"写入 {out} 失败（{exc.strerror or exc}）；之前的输出保持不变") from exc
    return IndexResult(release, stats)
