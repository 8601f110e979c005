"""What a browser downloads before it shows the first results, for corpora of 1 … 100 documents.

    .venv/bin/python evaluation/bench_browser_index.py [--sizes 1,10,30,100] [--check 1,10]

For each size N: a corpus of N documents (evaluation/scale_corpus.py), checked
and enriched (without the cross-links, which the search index does not read),
analyzed, and its sharded browser index written (kb/search/browser.py; timed).
Then, for every judged query (tests/data/search_judgments.yaml), a fresh
searcher under node (kb/search/js/kb-search-core.js) answers it as the page
does -- manifest, lexicon shards, postings, positions, pairs, then the result
shards of the first 8 (the header's live results), 10 (what the search page shows
first) or 50 (the whole search page) -- and the bytes (gzip and raw) of every
file it read are added up, with the page's two scripts.  The same for the real
questions people asked (tests/data/real_questions.yaml, real_questions_unseen.yaml:
long, in everyday words), reported apart as "real".  The copies
scale_corpus.py makes compress far better than distinct plans would: read the
raw bytes of the postings (t, p) beside their gzip bytes.
With --check, the sizes where the top 10 (document and ID) is compared with
`kb search` over a whoosh index of the same corpus.  A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import DATA, ROOT
from scale_corpus import write_corpus

from kb.build import load_kb
from kb.corpus import Corpus
from kb.enrich import ENRICHERS
from kb.enrich.links import add_links
from kb.search.browser import BROWSER_INDEX, CORE_SCRIPT, browser_index_files, write_browser_index
from kb.search.indexer import analyze, write_index
from kb.site.layout import department_href, item_href

sys.path.insert(0, str(ROOT / "tests"))
from helpers import NODE_LOADER

PAGE_SCRIPT = ROOT / "kb" / "site" / "assets" / "kb-search.js"
LIMITS = (8, 10, 50)  # the header's live results; the page's first paint; the whole page
RUN = (
    NODE_LOADER
    + """
(async () => {
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = [];
for (const q of input.queries) {
  const row = {};
  for (const limit of input.limits) {
    read.length = 0;
    const searcher = openIndex();
    const start = process.hrtime.bigint();
    const found = await searcher.find(q, Math.max(limit, 10));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const shown = found.results.slice(0, limit);
    const needed = new Set(read.filter((f) => !f.startsWith("i/")));
    const items = new Set();
    const per = searcher.store.itemsPerShard;
    shown.forEach((r) => items.add("i/" + Math.floor(r.item / per) + ".js"));
    row[limit] = { files: [...needed, ...items], ms: ms, total: found.total };
    row.top10 = found.results.slice(0, 10).map((r) => r.url);
  }
  out.push(row);
}
process.stdout.write(JSON.stringify(out));
})();
"""
)


def queries() -> list[str]:
    import yaml

    rows = yaml.safe_load((DATA / "search_judgments.yaml").read_text(encoding="utf-8"))["queries"]
    return [str(r["query"]) for r in rows]


def real_questions() -> list[str]:
    from metrics import load_real_questions

    names = ("real_questions.yaml", "real_questions_unseen.yaml")
    return [q.query for name in names for q in load_real_questions(DATA / name)]


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def summary(values: list[int]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values) / 1e3, 1),
        "p90": round(statistics.quantiles(values, n=10)[-1] / 1e3, 1),
        "max": round(max(values) / 1e3, 1),
    }


def first_result_bytes(
    site: Path, asked: list[str] | None = None
) -> tuple[list[Any], dict[int, dict[str, list[int]]]]:
    """Per judged query and result count: the files a page reads, and their bytes.

    ``{limit: {"gzip": [...], "raw": [...], "<kind> gzip": [...]}}``, one value a
    query, the page's two scripts and the manifest included.
    """
    manifest = site / BROWSER_INDEX
    done = subprocess.run(
        ["node", "-e", RUN, str(manifest), str(CORE_SCRIPT)],
        input=json.dumps({"queries": asked or queries(), "limits": list(LIMITS)}),
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[Any] = json.loads(done.stdout)
    folder = site / "assets" / "kb-search"
    sizes: dict[str, tuple[int, int]] = {}

    def size(name: str) -> tuple[int, int]:
        if name not in sizes:
            sizes[name] = (gz(folder / name), (folder / name).stat().st_size)
        return sizes[name]

    scripts = (manifest, CORE_SCRIPT, PAGE_SCRIPT)
    fixed = (sum(gz(p) for p in scripts), sum(p.stat().st_size for p in scripts))
    first: dict[int, dict[str, list[int]]] = {}
    for limit in LIMITS:
        found: dict[str, list[int]] = {"gzip": [], "raw": []}
        for kind in ("l", "t", "p", "r", "s", "i"):
            found[f"{kind} gzip"] = []
            found[f"{kind} raw"] = []
        for row in rows:
            files = row[str(limit)]["files"]
            found["gzip"].append(fixed[0] + sum(size(f)[0] for f in files))
            found["raw"].append(fixed[1] + sum(size(f)[1] for f in files))
            for kind in ("l", "t", "p", "r", "s", "i"):
                mine = [size(f) for f in files if f.startswith(kind + "/")]
                found[f"{kind} gzip"].append(sum(g for g, _ in mine))
                found[f"{kind} raw"].append(sum(r for _, r in mine))
        first[limit] = found
    return rows, first


def measure(n: int, tmp: Path, check: bool) -> dict[str, object]:
    corpus = Corpus.load(write_corpus(n, tmp / f"corpus{n}"))
    start = time.process_time()
    saved = ENRICHERS
    import kb.enrich as enrich_module

    enrich_module.ENRICHERS = tuple(e for e in saved if e is not add_links)
    try:
        kb = load_kb(corpus)[0]
    finally:
        enrich_module.ENRICHERS = saved
    derive_s = time.process_time() - start
    start = time.process_time()
    analyzed = analyze(kb, corpus.search_terms)
    analyze_s = time.process_time() - start
    site = tmp / f"site{n}"
    start = time.process_time()
    files = browser_index_files(kb, analyzed, item_href, department_href)
    build_s = time.process_time() - start
    start = time.process_time()
    write_browser_index(site, files)
    write_s = time.process_time() - start
    again = browser_index_files(kb, analyzed, item_href, department_href)
    rows, first = first_result_bytes(site)
    real_rows, real_first = first_result_bytes(site, real_questions())
    kinds: dict[str, list[int]] = {}
    raw: dict[str, int] = {}
    for path, text in files.items():
        kind = path.split("/")[-2] if "/kb-search/" in path else "manifest"
        kinds.setdefault(kind, []).append(gz(site / path))
        raw[kind] = raw.get(kind, 0) + len(text.encode())
    same = same_real = None
    if check:
        from kb.search.engine import SearchIndex

        write_index(kb, analyzed, tmp / f"index{n}")
        with SearchIndex(tmp / f"index{n}") as index:
            expected = [
                [item_href(kb.item(h.doc, h.id)) for h in index.search(q)] for q in queries()
            ]
            expected_real = [
                [item_href(kb.item(h.doc, h.id)) for h in index.search(q)] for q in real_questions()
            ]
        same = sum(e == row["top10"] for e, row in zip(expected, rows, strict=True))
        same_real = sum(e == r["top10"] for e, r in zip(expected_real, real_rows, strict=True))
    worst = max(range(len(rows)), key=lambda k: first[10]["gzip"][k])
    return {
        "documents": n,
        "items": len(analyzed.rows),
        "queries": len(rows),
        "derive_cpu_s": derive_s,
        "analyze_cpu_s": analyze_s,
        "shards_cpu_s": build_s,
        "write_cpu_s": write_s,
        "deterministic": files == again,
        "files": len(files),
        "total_kb": sum(len(t.encode()) for t in files.values()) / 1e3,
        "total_gzip_kb": sum(sum(v) for v in kinds.values()) / 1e3,
        "by_kind_gzip_kb": {k: round(sum(v) / 1e3, 1) for k, v in sorted(kinds.items())},
        "by_kind_raw_kb": {k: round(v / 1e3, 1) for k, v in sorted(raw.items())},
        "shard_counts": {k: len(v) for k, v in sorted(kinds.items())},
        "first_results_kb": {
            f"{limit} {how}": summary(v)
            for limit, found in first.items()
            for how, v in found.items()
        },
        "real_first_10_kb": {
            how: summary(v)
            for how, v in real_first[10].items()
            if how in ("gzip", "raw", "l gzip", "l raw", "t gzip", "r gzip", "i gzip")
        },
        "worst_query": queries()[worst],
        "node_ms_median": statistics.median(r[str(LIMITS[-1])]["ms"] for r in rows),
        "top10_same_as_kb_search": None if same is None else f"{same}/{len(rows)}",
        "real_top10_same_as_kb_search": (
            None if same_real is None else f"{same_real}/{len(real_rows)}"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30,100")
    parser.add_argument("--check", default="1,10", help="sizes to compare with kb search")
    args = parser.parse_args()
    checks = {int(s) for s in args.check.split(",") if s}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            row = measure(n, Path(tmp), n in checks)
            print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
