"""How kb grows with the corpus: 1, 10, 30, 100 … documents, every stage measured.

    .venv/bin/python evaluation/bench_scale.py [--sizes 1,10,30,100] [--runs 7] [--engines-only]

For each size N: a corpus of N documents (evaluation/scale_corpus.py: the Gaotai
plans under other county names, numbers shifted), then
  * a full `kb build`, in a fresh process: wall and CPU seconds per stage;
  * the site's size, the size of one domain page (W1.html of the first document);
  * the index's size; warm query latency p50/p99 over the judged queries;
    cold `kb search` (whole process, median of --runs);
  * `kb build` again with nothing changed, and with one document changed (whole
    process; the latter also per stage, with the per-document cache of kb.cache);
  * what a browser downloads before it shows the first 10 results (gzip bytes, the
    worst judged query; evaluation/bench_browser_index.py has the details).
  * per search engine (whoosh, tantivy), on the same analyzed knowledge base:
    index write time (wall and CPU) and size, warm p50/p99, cold `kb search`,
    and how far tantivy's top 10 agrees with whoosh's on the judged queries.
`--engines-only` measures the engines alone (no full build, no site).
Finally a least-squares fit of each stage against N (seconds = a + b·N, and the
exponent of a power-law fit through the measured sizes), extrapolated to 3,200
documents.  A benchmark, not a test: numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_browser_index import first_result_bytes
from common import DATA, ROOT
from scale_corpus import write_corpus

KB = str(Path(sys.executable).with_name("kb"))
NATION = 3200
BUILD = """
import json, sys
from pathlib import Path
from kb.build import build
from kb.corpus import Corpus
corpus, out, site = (Path(a) for a in sys.argv[1:4])
result = build(Corpus.load(corpus), out, site=site, force=sys.argv[4] == "force")
cache = result.cache
print(json.dumps({"wall": result.timings, "cpu": result.cpu, "reused": cache.reused,
                  "pages_unchanged": cache.pages_unchanged}))
"""
WARM = """
import json, statistics, sys, time
from pathlib import Path
from kb.search.engine import open_index
queries = json.loads(sys.argv[2])
times = []
with open_index(Path(sys.argv[1])) as index:
    for q in queries:
        index.search(q)
    for _ in range(int(sys.argv[3])):
        for q in queries:
            start = time.perf_counter()
            index.search(q)
            times.append(time.perf_counter() - start)
cuts = statistics.quantiles(times, n=100)
print(json.dumps([statistics.median(times) * 1000, cuts[98] * 1000]))
"""

ENGINES = """
import json, os, statistics, sys, time
from pathlib import Path
from kb.build import load_kb
from kb.corpus import Corpus
from kb.search.engine import SearchIndex
from kb.search.indexer import analyze, write_index
corpus_dir, base, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
queries = json.loads(sys.argv[4])
def clock():
    return time.perf_counter(), time.process_time()
w0, c0 = clock()
corpus = Corpus.load(corpus_dir)
kb = load_kb(corpus)[0]
w1, c1 = clock()
analyzed = analyze(kb, corpus.search_terms)
w2, c2 = clock()
result = {"derive_s": w1 - w0, "derive_cpu": c1 - c0, "analyze_s": w2 - w1, "analyze_cpu": c2 - c1}
tops = {}
for engine in ("whoosh", "tantivy"):
    folder = base / engine / "releases" / "r" / "index"
    start, cpu = clock()
    write_index(kb, analyzed, folder, engine)
    end, cpu_end = clock()
    os.symlink("releases/r", base / engine / "current")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    with SearchIndex(folder) as index:
        open_s = time.perf_counter() - end
        tops[engine] = {q: [(h.doc, h.id) for h in index.search(q)] for q in queries}
        times = []
        for _ in range(rounds):
            for q in queries:
                t = time.perf_counter()
                index.search(q)
                times.append(time.perf_counter() - t)
    cuts = statistics.quantiles(times, n=100)
    result[engine] = {
        "write_s": end - start, "write_cpu": cpu_end - cpu, "index_mb": size / 1e6,
        "warm_p50_ms": statistics.median(times) * 1000, "warm_p99_ms": cuts[98] * 1000,
    }
overlap = [len(set(tops["whoosh"][q]) & set(tops["tantivy"][q])) / max(1, len(tops["whoosh"][q]))
           for q in queries]
result["top10_overlap"] = statistics.fmean(overlap)
result["same_order"] = sum(tops["whoosh"][q] == tops["tantivy"][q] for q in queries)
result["queries"] = len(queries)
print(json.dumps(result))
"""


def measure_engines(n: int, tmp: Path, runs: int, rounds: int) -> dict[str, object]:
    corpus = tmp / f"corpus{n}"
    if not corpus.is_dir():
        write_corpus(n, corpus)
    base = tmp / f"engines{n}"
    done = subprocess.run(
        [sys.executable, "-c", ENGINES, str(corpus), str(base), str(rounds), json.dumps(queries())],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    row: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    for engine in ("whoosh", "tantivy"):
        argv = [KB, "search", "孕产妇死亡率", "--out", str(base / engine)]
        row[engine]["cold_search_s"] = seconds(argv, runs)  # type: ignore[index]
    row["documents"], row["items"] = n, 320 * n
    return row


def engine_report(rows: list[dict[str, object]]) -> None:
    print("\nsearch engines on the same analyzed knowledge base")
    print(f"  {'documents':<24}" + "".join(f"{r['documents']:>10}" for r in rows))
    print(f"  {'items':<24}" + "".join(f"{r['items']:>10}" for r in rows))
    for key in ("derive_s", "derive_cpu", "analyze_s", "analyze_cpu"):
        print(f"  {key:<24}" + "".join(f"{float(r[key]):>10.2f}" for r in rows))  # type: ignore[arg-type]
    for engine in ("whoosh", "tantivy"):
        for key in (
            "write_s",
            "write_cpu",
            "index_mb",
            "warm_p50_ms",
            "warm_p99_ms",
            "cold_search_s",
        ):
            cells = "".join(f"{float(r[engine][key]):>10.2f}" for r in rows)  # type: ignore[index]
            print(f"  {engine + ' ' + key:<24}{cells}")
    print(f"  {'top10 overlap':<24}" + "".join(f"{float(r['top10_overlap']):>10.3f}" for r in rows))  # type: ignore[arg-type]
    print(
        f"  {'same top 10, in order':<24}"
        + "".join(f"{r['same_order']:>6}/{r['queries']}" for r in rows)
    )
    big = [r for r in rows if int(r["documents"]) >= 10]  # type: ignore[call-overload]
    if len(big) < 2:
        return
    xs = [float(r["documents"]) for r in big]  # type: ignore[arg-type]
    print(f"\nfit through {', '.join(str(r['documents']) for r in big)} documents; at {NATION}:")
    series = {"derive_cpu": [float(r["derive_cpu"]) for r in big]}  # type: ignore[arg-type]
    series["analyze_cpu"] = [float(r["analyze_cpu"]) for r in big]  # type: ignore[arg-type]
    for engine in ("whoosh", "tantivy"):
        for key in ("write_cpu", "index_mb", "warm_p50_ms", "warm_p99_ms", "cold_search_s"):
            series[f"{engine} {key}"] = [float(r[engine][key]) for r in big]  # type: ignore[index]
    for name, ys in series.items():
        a, b, k = fit(xs, ys)
        print(f"  {name:<24} {b:10.4f} /document, exponent {k:4.2f}, ≈ {a + b * NATION:10.1f}")


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def seconds(argv: list[str], runs: int = 1) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_build(corpus: Path, out: Path, site: Path, mode: str) -> dict[str, Any]:
    """A build in a fresh process (``force``: no cache read; ``cache``: what kb build does)."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(corpus), str(out), str(site), mode],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def queries() -> list[str]:
    import yaml

    rows = yaml.safe_load((DATA / "search_judgments.yaml").read_text(encoding="utf-8"))["queries"]
    return [str(r["query"]) for r in rows]


def measure(n: int, tmp: Path, runs: int) -> dict[str, object]:
    corpus = write_corpus(n, tmp / f"corpus{n}")
    out, site = tmp / f"build{n}", tmp / f"site{n}"
    timings = timed_build(corpus, out, site, "force")
    release = (out / "current").resolve()
    first = next(p for p in sorted(site.iterdir()) if (p / "W1.html").is_file())
    warm = json.loads(
        subprocess.run(
            [sys.executable, "-c", WARM, str(out), json.dumps(queries()), "3"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    build_argv = [KB, "build", "--corpus", str(corpus), "--out", str(out), "--site", str(site)]
    unchanged = seconds(build_argv)
    changed = corpus / "county-0001.txt" if n > 1 else next(corpus.glob("gaotai*.txt"))
    changed.write_text(changed.read_text("utf-8").replace("。", "。 ", 1), "utf-8")
    start = time.perf_counter()
    again = timed_build(corpus, out, site, "cache")
    one_changed = time.perf_counter() - start
    # the sharded index: what the search page reads for its first 10 results, worst judged query
    browser = max(first_result_bytes(site)[1][10]["gzip"])
    return {
        "documents": n,
        "items": 320 * n,
        "wall": timings["wall"],
        "cpu": timings["cpu"],
        "site_mb": size(site) / 1e6,
        "page_kb": (first / "W1.html").stat().st_size / 1e3,
        "index_mb": size(release / "index") / 1e6,
        "warm_p50_ms": warm[0],
        "warm_p99_ms": warm[1],
        "cold_search_s": seconds([KB, "search", "孕产妇死亡率", "--out", str(out)], runs),
        "unchanged_s": unchanged,
        "one_changed_s": one_changed,
        "one_changed_cpu": again["cpu"],
        "one_changed_reused": again["reused"],
        "one_changed_pages_unchanged": again["pages_unchanged"],
        "browser_first_result_kb": browser / 1e3,
    }


def fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b·x, and the exponent k of y ∝ x^k (log–log slope)."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    lx = [math.log(x) for x in xs]
    ly = [math.log(max(y, 1e-6)) for y in ys]
    mlx, mly = statistics.fmean(lx), statistics.fmean(ly)
    k = sum((a - mlx) * (c - mly) for a, c in zip(lx, ly, strict=True)) / sum(
        (a - mlx) ** 2 for a in lx
    )
    return my - b * mx, b, k


def report(rows: list[dict[str, object]]) -> None:
    stages = list(rows[0]["cpu"])  # type: ignore[arg-type]
    print("CPU seconds per stage of a full build")
    print(f"  {'documents':<14}" + "".join(f"{r['documents']:>10}" for r in rows))
    for stage in stages:
        values = [r["cpu"].get(stage, 0.0) for r in rows]  # type: ignore[attr-defined]
        print(f"  {stage:<12}" + "".join(f"{v:>10.2f}" for v in values))
    for key in (
        "site_mb",
        "page_kb",
        "index_mb",
        "warm_p50_ms",
        "warm_p99_ms",
        "cold_search_s",
        "unchanged_s",
        "one_changed_s",
        "browser_first_result_kb",
    ):
        print(f"  {key:<24}" + "".join(f"{float(r[key]):>10.2f}" for r in rows))  # type: ignore[arg-type]
    print("\none document changed: CPU seconds per stage (the others read from the cache)")
    for stage in stages:
        full = [r["cpu"].get(stage, 0.0) for r in rows]  # type: ignore[attr-defined]
        again = [r["one_changed_cpu"].get(stage, 0.0) for r in rows]  # type: ignore[attr-defined]
        print(
            f"  {stage:<12}"
            + "".join(f"{a:>6.2f}/{f:<6.2f}" for a, f in zip(again, full, strict=True))
        )
    for r in rows:
        full_s = sum(r["wall"].values())  # type: ignore[attr-defined]
        print(
            f"  {r['documents']} documents: unchanged {float(r['unchanged_s']):.2f} s"  # type: ignore[arg-type]
            f" = {100 * float(r['unchanged_s']) / full_s:.1f} % of the full build's {full_s:.1f} s;"  # type: ignore[arg-type]
            f" one changed {float(r['one_changed_s']):.2f} s"  # type: ignore[arg-type]
            f" = {100 * float(r['one_changed_s']) / full_s:.1f} %"  # type: ignore[arg-type]
            f" ({r['one_changed_reused']} documents reused,"
            f" {r['one_changed_pages_unchanged']} pages not rendered again)"
        )
    big = [r for r in rows if int(r["documents"]) >= 10]  # type: ignore[call-overload]
    if len(big) < 2:
        return
    print(f"\nfit through {', '.join(str(r['documents']) for r in big)} documents; at {NATION}:")
    xs = [float(r["documents"]) for r in big]  # type: ignore[arg-type]
    for stage in stages:
        ys = [r["cpu"].get(stage, 0.0) for r in big]  # type: ignore[attr-defined]
        a, b, k = fit(xs, ys)
        print(f"  {stage:<12} {b:8.4f} s/document, exponent {k:4.2f}, ≈ {a + b * NATION:9.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30,100")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--engines-only", action="store_true", help="measure the engines alone")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds over the queries")
    args = parser.parse_args()
    rows, engine_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            if not args.engines_only:
                rows.append(measure(n, Path(tmp), args.runs))
            engine_rows.append(measure_engines(n, Path(tmp), args.runs, args.rounds))
            print(f"measured {n} documents", file=sys.stderr, flush=True)
    if args.json:
        data = {"builds": rows, "engines": engine_rows}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if rows:
        report(rows)
    engine_report(engine_rows)


if __name__ == "__main__":
    main()
