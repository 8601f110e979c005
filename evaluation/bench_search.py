"""Benchmark `kb search`: build time, warm and cold query time, and how they scale.

    .venv/bin/python evaluation/bench_search.py [--runs 7] [--scales 1,10,100]

Reports
  * index build time (write_index on the corpus knowledge base; median of 3);
  * warm query latency p50/p99 over the judged query set (one open index);
  * cold `kb search QUERY` as a whole process (median of --runs), next to
    - the search path alone: the same process with the `kb` package's own
      __init__ (which imports the whole build pipeline) bypassed, and
    - the naive peer's cold process (whoosh + jieba's ChineseAnalyzer);
  * the corpus replicated 10x and 100x as distinct synthetic documents (other
    slugs, other county name, shifted numbers): build time, index size, warm
    p50/p99 and cold `kb search`.

A benchmark, not a test: numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import DATA, ROOT, derive
from metrics import load_judgments
from naive import write_naive_index

from kb.model import Document, KnowledgeBase
from kb.release import INDEX
from kb.search.engine import SearchIndex
from kb.search.indexer import analyze, write_index

JUDGMENTS = DATA / "search_judgments.yaml"
PYTHON = sys.executable
KB = str(Path(PYTHON).with_name("kb"))
COLD_QUERY = "孕产妇死亡率"

# The search path without the package __init__: a stub `kb` package, then the search.
BYPASS_SEARCH = (
    "import sys, types; m = types.ModuleType('kb'); m.__path__ = [{path!r}]; "
    "sys.modules['kb'] = m; from pathlib import Path; "
    "from kb.search.engine import search; from kb.search.view import hits_text; "
    "print(hits_text(sys.argv[2], search(Path(sys.argv[1]), sys.argv[2]), 10))"
)


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process_time(argv: list[str], runs: int) -> float:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)  # warm caches
    return median_time(
        lambda: subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env),
        runs,
    )


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def publish(index: Path, out: Path) -> None:
    """Make ``out/current/index`` point at ``index`` as a build would."""
    release = out / "releases" / "bench"
    release.mkdir(parents=True)
    shutil.move(str(index), release / INDEX)
    os.symlink(Path("releases") / "bench", out / "current")


def warm_latency(folder: Path, queries: list[str], rounds: int) -> tuple[float, float]:
    index = SearchIndex(folder)
    for q in queries:
        index.search(q)
    samples = []
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            index.search(q)
            samples.append(time.perf_counter() - start)
    index.close()
    cuts = statistics.quantiles(samples, n=100)
    return statistics.median(samples) * 1000, cuts[98] * 1000


# --------------------------------------------------------------------------- synthetic corpus

COUNTIES = "甲乙丙丁戊己庚辛壬癸"
NUMBER = re.compile(r"\d+")


def synthetic(kb: KnowledgeBase, copies: int) -> KnowledgeBase:
    """``copies`` distinct documents made from each document of ``kb``."""
    docs: list[Document] = []
    for k in range(copies):
        for doc in kb.documents:
            docs.append(_copy(doc, k) if k else doc)
    return KnowledgeBase(documents=tuple(docs), domain_links=kb.domain_links)


def _copy(doc: Document, k: int) -> Document:
    slug = f"{doc.slug}-syn{k:03d}"
    county = COUNTIES[k % 10] + COUNTIES[(k // 10) % 10] + "县"

    def text(value: str) -> str:
        value = value.replace("高台县", county).replace("高台", county[:2])
        return NUMBER.sub(lambda m: str(int(m.group()) + k % 7), value)

    items = tuple(
        dataclasses.replace(
            i, doc=slug, text=text(i.text), title=text(i.title) if i.title else None
        )
        for i in doc.items
    )
    domains = tuple(dataclasses.replace(d, doc=slug) for d in doc.domains)
    return dataclasses.replace(doc, slug=slug, items=items, domains=domains)


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per cold measurement (≥ 5)")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of the query set (warm)")
    parser.add_argument("--scales", default="1,10,100", help="corpus copies to measure")
    args = parser.parse_args()
    queries = [j.query for j in load_judgments(JUDGMENTS)]
    kb, corpus = derive()
    terms = corpus.search_terms
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {len(queries)} queries")

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        build_s = median_time(lambda: write_index(kb, analyze(kb, terms), base / "probe"), 3)
        shutil.rmtree(base / "probe")
        print(f"\nindex build (write_index, 320 items): {build_s:.2f} s (median of 3)")

        out = base / "out"
        write_index(kb, analyze(kb, terms), base / "ix")
        publish(base / "ix", out)
        p50, p99 = warm_latency(out / "current" / INDEX, queries, args.rounds)
        print(f"warm query latency: p50 {p50:.2f} ms, p99 {p99:.2f} ms")

        write_naive_index(kb, base / "naive")
        pkg = str(ROOT / "kb")
        cold = {
            "kb search (whole process)": [KB, "search", "--out", str(out), COLD_QUERY],
            "search path alone (kb/__init__ bypassed)": [
                PYTHON,
                "-c",
                BYPASS_SEARCH.format(path=pkg),
                str(out),
                COLD_QUERY,
            ],
            "naive peer (whole process)": [
                PYTHON,
                str(ROOT / "evaluation" / "naive.py"),
                "search",
                str(base / "naive"),
                COLD_QUERY,
            ],
            "python -c pass": [PYTHON, "-c", "pass"],
        }
        print(f"\ncold process, median of {args.runs} (query {COLD_QUERY}):")
        for name, argv in cold.items():
            print(f"  {name:<44}{process_time(argv, args.runs):.3f} s")

        print("\nscale (synthetic distinct documents):")
        print(
            f"  {'copies':>6} {'items':>7} {'build s':>8} {'size MB':>8} "
            f"{'p50 ms':>7} {'p99 ms':>7} {'cold s':>7}"
        )
        for copies in (int(c) for c in args.scales.split(",")):
            big = synthetic(kb, copies)
            folder = base / f"scale{copies}"
            start = time.perf_counter()
            write_index(big, analyze(big, terms), folder / "ix")
            seconds = time.perf_counter() - start
            size = folder_size(folder / "ix") / 1e6
            publish(folder / "ix", folder / "out")
            p50, p99 = warm_latency(
                folder / "out" / "current" / INDEX, queries, max(2, args.rounds // copies)
            )
            cold_s = process_time(
                [KB, "search", "--out", str(folder / "out"), COLD_QUERY], max(5, args.runs // 2)
            )
            print(
                f"  {copies:>6} {len(big.items()):>7} {seconds:>8.2f} {size:>8.1f} "
                f"{p50:>7.2f} {p99:>7.2f} {cold_s:>7.3f}"
            )


if __name__ == "__main__":
    main()
