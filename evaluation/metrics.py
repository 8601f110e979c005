"""Relevance measures over a judged query set (``tests/data/search_judgments.yaml``).

* nDCG@10 -- graded: gain ``2**grade - 1``, discount ``log2(rank + 1)``, divided
  by the DCG of the ideal top 10;
* Recall@10 -- the judged-relevant items (grade ≥ 1) in the top 10, divided by
  ``min(10, number relevant)``, so that a perfect top 10 scores 1 even when more
  than 10 items are relevant (department queries have dozens);
* MRR -- the reciprocal rank of the first relevant item in the top 10 (0 if none).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import log2
from pathlib import Path
from statistics import fmean

import yaml

K = 10
KINDS = ("keyword", "department", "everyday")


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    relevant: dict[str, int]  # item ID -> grade (1 or 2)
    heldout: bool = False  # never used to tune
    round: int = 0  # 0: the first set, written before any tuning; 1, 2, …: later sets
    split: str = ""  # real questions: tune / heldout / unseen
    source: str = ""  # real questions: the URL of the page it was asked on


@dataclass(frozen=True)
class Scores:
    ndcg: float
    recall: float
    mrr: float


def load_judgments(path: Path) -> list[Judged]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Judged(
            query=str(row["query"]),
            kind=row["kind"],
            relevant={str(k): int(v) for k, v in row["relevant"].items()},
            heldout=bool(row.get("heldout", False)),
            round=int(row.get("round", 0)),
        )
        for row in data["queries"]
    ]


def load_real_questions(path: Path) -> list[Judged]:
    """Real public questions (tests/data/real_questions*.yaml): query, relevant, split."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Judged(
            query=str(row["query"]),
            kind="real",
            relevant={str(k): int(v) for k, v in row["relevant"].items()},
            heldout=row["split"] != "tune",
            split=str(row["split"]),
            source=str(row.get("source", "")),
        )
        for row in data["questions"]
    ]


def ndcg(ranked: Sequence[str], relevant: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** relevant.get(i, 0) - 1) / log2(r + 2) for r, i in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / log2(r + 2) for r, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: Sequence[str], relevant: dict[str, int], k: int = K) -> float:
    wanted = {i for i, g in relevant.items() if g > 0}
    if not wanted:
        return 0.0
    return len(wanted & set(ranked[:k])) / min(k, len(wanted))


def reciprocal_rank(ranked: Sequence[str], relevant: dict[str, int], k: int = K) -> float:
    for rank, ident in enumerate(ranked[:k], 1):
        if relevant.get(ident, 0) > 0:
            return 1 / rank
    return 0.0


def score(ranked: Sequence[str], judged: Judged) -> Scores:
    rel = judged.relevant
    return Scores(ndcg(ranked, rel), recall(ranked, rel), reciprocal_rank(ranked, rel))


def evaluate(run: Callable[[str], Sequence[str]], judgments: Sequence[Judged]) -> dict[str, Scores]:
    """Mean scores per query kind (and ``all``) of a system: query -> ranked item IDs."""
    per_query = [(j.kind, score(run(j.query), j)) for j in judgments]
    groups = {kind: [s for k, s in per_query if k == kind] for kind in (*KINDS, "real")}
    groups["all"] = [s for _, s in per_query]
    return {
        kind: Scores(
            fmean(s.ndcg for s in rows), fmean(s.recall for s in rows), fmean(s.mrr for s in rows)
        )
        for kind, rows in groups.items()
        if rows
    }
