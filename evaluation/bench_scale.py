"""How kb grows with the corpus: 1, 10, 30, 100 … documents, every stage measured.

    .venv/bin/python evaluation/bench_scale.py [--sizes 1,10,30,100] [--runs 7]

For each size N: a corpus of N documents (evaluation/scale_corpus.py: the Gaotai
plans under other county names, numbers shifted), then
  * a full `kb build`, in a fresh process: wall and CPU seconds per stage;
  * the site's size, the size of one domain page (W1.html of the first document);
  * the index's size; warm query latency p50/p99 over the judged queries;
    cold `kb search` (whole process, median of --runs);
  * `kb build` again with nothing changed, and with one document changed;
  * what a browser downloads before it shows the first 10 results (gzip bytes, the
    worst judged query; evaluation/bench_browser_index.py has the details).
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
result = build(Corpus.load(corpus), out, site=site, force=True)
print(json.dumps({"wall": result.timings, "cpu": result.cpu}))
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


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def seconds(argv: list[str], runs: int = 1) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def queries() -> list[str]:
    import yaml

    rows = yaml.safe_load((DATA / "search_judgments.yaml").read_text(encoding="utf-8"))["queries"]
    return [str(r["query"]) for r in rows]


def measure(n: int, tmp: Path, runs: int) -> dict[str, object]:
    corpus = write_corpus(n, tmp / f"corpus{n}")
    out, site = tmp / f"build{n}", tmp / f"site{n}"
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(corpus), str(out), str(site)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    timings = json.loads(done.stdout.strip().splitlines()[-1])
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
    one_changed = seconds(build_argv)
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
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            rows.append(measure(n, Path(tmp), args.runs))
            print(f"measured {n} documents", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", "utf-8")
    report(rows)


if __name__ == "__main__":
    main()
