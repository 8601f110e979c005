"""Do the two search engines give the same results?  whoosh and tantivy on the judged queries.

    .venv/bin/python evaluation/compare_engines.py [--documents 1,10]

For each corpus size (1 = the corpus itself; N > 1 = evaluation/scale_corpus.py's
N documents), both engines index the same analyzed knowledge base; for every
judged query (tests/data/search_judgments.yaml) the script reports how much of
whoosh's top 10 tantivy's top 10 holds (overlap, by document and ID), how many
top 10s are identical in order and score (to 4 decimals), and -- on the corpus
itself, where the judgments apply -- nDCG@10 per engine (evaluation/metrics.py).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
from pathlib import Path

from common import ROOT, derive
from metrics import evaluate, load_judgments
from scale_corpus import write_corpus

from kb.search.engine import SearchIndex
from kb.search.indexer import analyze, write_index

JUDGMENTS = ROOT / "tests" / "data" / "search_judgments.yaml"


def compare(documents: int, tmp: Path) -> None:
    judgments = load_judgments(JUDGMENTS)
    folder = ROOT / "corpus" if documents == 1 else write_corpus(documents, tmp / "corpus")
    kb, corpus = derive(folder)
    analyzed = analyze(kb, corpus.search_terms)
    indexes = {}
    for engine in ("whoosh", "tantivy"):
        write_index(kb, analyzed, tmp / engine, engine)
        indexes[engine] = SearchIndex(tmp / engine)
    tops = {
        engine: {
            j.query: [(h.doc, h.id, h.score) for h in index.search(j.query)] for j in judgments
        }
        for engine, index in indexes.items()
    }
    overlap = []
    for j in judgments:
        mine = {(d, i) for d, i, _ in tops["whoosh"][j.query]}
        theirs = {(d, i) for d, i, _ in tops["tantivy"][j.query]}
        overlap.append(len(mine & theirs) / len(mine) if mine else float(not theirs))
    same = sum(tops["whoosh"][j.query] == tops["tantivy"][j.query] for j in judgments)
    print(f"\n{documents} document(s), {len(kb.items())} items, {len(judgments)} judged queries")
    print(
        f"  top-10 overlap with whoosh: mean {statistics.fmean(overlap):.3f}, "
        f"min {min(overlap):.3f}"
    )
    print(f"  identical top 10 (IDs, order, scores): {same}/{len(judgments)}")
    for j, share in zip(judgments, overlap, strict=True):
        if share < 1:
            print(f"    {j.query}: overlap {share:.1f}")
    if documents == 1:
        for engine, index in indexes.items():
            scores = evaluate(lambda q, ix=index: [h.id for h in ix.search(q)], judgments)
            print(f"  nDCG@10 {engine:<8} all queries: {scores['all'].ndcg:.4f}")
    for index in indexes.values():
        index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", default="1,10")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    for n in (int(s) for s in args.documents.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            compare(n, Path(tmp))


if __name__ == "__main__":
    main()
