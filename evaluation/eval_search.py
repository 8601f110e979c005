"""Measure the relevance of `kb search` against the naive peer, per kind of query.

    .venv/bin/python evaluation/eval_search.py [--per-query] [--judgments FILE]
        [--real FILE …] [--heldout] [--tuning-only]

Both systems index the knowledge base of corpus/ afresh in a temporary folder:
`kb search` as `kb build` writes it, and the naive peer (evaluation/naive.py:
whoosh + jieba's stock ChineseAnalyzer, text only, no dictionary, no synonyms;
`naive` requires every word, as whoosh's default parser does, `naive-or` any).
The judged queries are tests/data/search_judgments.yaml (how they were made is
written at the top of that file).  Reported per kind: nDCG@10, Recall@10, MRR
(definitions in evaluation/metrics.py).  First the tuning set (every query used
to tune), then each later round of queries apart (rounds are numbered in the
order they were written; a held-out round has never been used to tune).

While tuning, run with `--tuning-only`: the held-out rounds are then neither
scored nor shown.  Real public questions (tests/data/real_questions.yaml, and any other file
given with `--real`, e.g. real_questions_unseen.yaml) are reported per split:
`tune` always, `heldout` and `unseen` only with `--heldout`.

`--per-query` lists the queries of the tuning set only
(looking at how single held-out queries fare is how a held-out set stops being
one); add `--heldout` to list those too, once tuning has stopped.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from common import ROOT, derive
from metrics import KINDS, Judged, evaluate, load_judgments, load_real_questions, score
from naive import NaiveIndex, write_naive_index

from kb.search.engine import SearchIndex
from kb.search.engines import ENGINES, WHOOSH
from kb.search.indexer import analyze, write_index

JUDGMENTS = ROOT / "tests" / "data" / "search_judgments.yaml"
REAL = ROOT / "tests" / "data" / "real_questions.yaml"
Run = Callable[[str], Sequence[str]]


def table(runs: dict[str, Run], judgments: list[Judged], title: str) -> None:
    results = {name: evaluate(run, judgments) for name, run in runs.items()}
    counts = {kind: sum(j.kind == kind for j in judgments) for kind in (*KINDS, "real", "all")}
    counts["all"] = len(judgments)
    print(f"\n{title}")
    print(f"{'kind':<12}{'n':>4}  {'system':<10}{'nDCG@10':>9}{'Recall@10':>11}{'MRR':>8}")
    for kind in (*KINDS, "real", "all"):
        for name, per_kind in results.items():
            s = per_kind.get(kind)
            if s is None:
                continue
            scores = f"{s.ndcg:>9.3f}{s.recall:>11.3f}{s.mrr:>8.3f}"
            print(f"{kind:<12}{counts[kind]:>4}  {name:<10}{scores}")


def real_table(
    runs: dict[str, Run], judgments: list[Judged], title: str, cited: frozenset[str]
) -> None:
    """The real questions of one split: the scores, and how many have no relevant item.

    A question asked on a page that ``lexicon.yaml`` cites is not independent of the
    lexicon (its wording may have been copied from it): the scores without those follow.
    """
    table(runs, judgments, title)
    for name, run in runs.items():
        missed = [j.query for j in judgments if score(run(j.query), j).recall == 0]
        print(f"  {name}: {len(missed)} of {len(judgments)} without a relevant item in the top 10")
    apart = [j for j in judgments if j.source not in cited]
    if len(apart) < len(judgments):
        ours = next(iter(runs))
        s = evaluate(runs[ours], apart)["all"]
        print(
            f"  {ours}, without the {len(judgments) - len(apart)} asked on pages the lexicon "
            f"cites ({len(apart)} queries): nDCG@10 {s.ndcg:.3f}, Recall@10 {s.recall:.3f}"
        )


def round_title(number: int, rows: list[Judged]) -> str:
    if all(j.heldout for j in rows):
        use = "held out: never used to tune"
    elif any(j.heldout for j in rows):
        use = "partly held out"
    else:
        use = "held out when written, used to tune since"
    return f"round {number} ({len(rows)} queries; {use})"


def per_query(runs: dict[str, Run], judgments: list[Judged]) -> None:
    print("\nper query (nDCG@10): " + " / ".join(runs) + "   (r = round, * = held out)")
    for j in judgments:
        cells = []
        for run in runs.values():
            ranked = list(run(j.query))
            cells.append(f"{score(ranked, j).ndcg:.2f}")
        top = " ".join(next(iter(runs.values()))(j.query)[:5])
        mark = (j.split[:2] if j.split else f"r{j.round}") + ("*" if j.heldout else " ")
        print(f"  {mark} {j.kind:<10} {j.query:<12} {' / '.join(cells)}   {top}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS)
    parser.add_argument("--per-query", action="store_true", help="nDCG@10 of every tuning query")
    parser.add_argument(
        "--heldout", action="store_true", help="with --per-query: list held-out queries too"
    )
    parser.add_argument(
        "--tuning-only", action="store_true", help="score the tuning set only (while tuning)"
    )
    parser.add_argument(
        "--real",
        type=Path,
        action="append",
        help="real questions (default tests/data/real_questions.yaml); their `split: tune` is "
        "reported, the other splits only with --heldout",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=WHOOSH,
        help="the search engine of `kb search` (both give the same results)",
    )
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    judgments = load_judgments(args.judgments)
    kb, corpus = derive()
    with tempfile.TemporaryDirectory() as tmp:
        ours_dir, naive_dir = Path(tmp, "ours"), Path(tmp, "naive")
        write_index(kb, analyze(kb, corpus.search_terms), ours_dir, args.engine)
        write_naive_index(kb, naive_dir)
        ours, naive = SearchIndex(ours_dir), NaiveIndex(naive_dir)
        naive_or = NaiveIndex(naive_dir, any_word=True)
        runs: dict[str, Run] = {
            "kb search": lambda q: [h.id for h in ours.search(q, limit=10)],
            "naive": lambda q: naive.search(q, limit=10),
            "naive-or": lambda q: naive_or.search(q, limit=10),
        }
        tuned = [j for j in judgments if not j.heldout]
        table(runs, tuned, f"tuning set ({len(tuned)} queries, used to tune)")
        for number in sorted({j.round for j in judgments} - {0}):
            rows = [j for j in judgments if j.round == number]
            if args.tuning_only and any(j.heldout for j in rows):
                continue
            table(runs, rows, round_title(number, rows))
        real: list[Judged] = []
        for path in args.real or ([REAL] if REAL.is_file() else []):
            real += load_real_questions(path)
        shown_real = [
            j for j in real if j.split == "tune" or (args.heldout and not args.tuning_only)
        ]
        cited = frozenset(corpus.wording.sources)
        for split in dict.fromkeys(j.split for j in shown_real):
            rows = [j for j in shown_real if j.split == split]
            title = f"real questions, split {split} ({len(rows)} queries)"
            real_table(runs, rows, title, cited)
        if args.per_query:
            listed = judgments if args.heldout and not args.tuning_only else tuned
            per_query(runs, listed + shown_real)
        ours.close()
        naive.close()
        naive_or.close()


if __name__ == "__main__":
    main()
