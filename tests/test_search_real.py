"""Real public questions as a regression floor (tests/data/real_questions*.yaml).

The questions were collected from public pages (12345, 留言板, 妇联, 人大建议 …) and
judged blind by another engineer (issue12a); how is written at the top of each
file.  ``tune`` was used to tune the search; ``heldout`` and ``unseen`` never
were.  The floors sit a little under the figures measured when they were set
(in the comments; evaluation/eval_search.py --heldout prints them).  They are
floors, not targets: the issue's target for held-out questions (nDCG@10 ≥ 0.85,
none without a relevant item in the top 10) is NOT reached -- see
/work/notes/issue12.md -- and these tests say so by asserting what is true.
"""

from __future__ import annotations

import pytest
from helpers import DATA
from metrics import Judged, evaluate, load_real_questions, score

from kb.search.engine import SearchIndex

FILES = [DATA / "real_questions.yaml", DATA / "real_questions_unseen.yaml"]
# split: (nDCG@10 floor, most queries allowed without a relevant item in the top 10)
FLOORS = {
    "tune": (0.70, 0),  # measured 0.734, 0 of 44
    "heldout": (0.57, 4),  # measured 0.605, 4 of 43
    "unseen": (0.60, 4),  # measured 0.630, 4 of 31
}


@pytest.fixture(scope="module")
def questions() -> list[Judged]:
    return [q for path in FILES for q in load_real_questions(path)]


def ranked(index: SearchIndex, query: str) -> list[str]:
    return [hit.id for hit in index.search(query, limit=10)]


def test_the_sets_are_real_and_judged(questions: list[Judged]) -> None:
    assert {q.split for q in questions} == set(FLOORS)
    assert len(questions) >= 60 + 31
    assert all(q.relevant and max(q.relevant.values()) >= 1 for q in questions)


@pytest.mark.parametrize("split", list(FLOORS))
def test_real_questions_do_not_regress(
    corpus_index: SearchIndex, questions: list[Judged], split: str
) -> None:
    rows = [q for q in questions if q.split == split]
    floor, misses = FLOORS[split]
    ndcg = evaluate(lambda query: ranked(corpus_index, query), rows)["all"].ndcg
    missed = [q.query for q in rows if score(ranked(corpus_index, q.query), q).recall == 0]
    assert ndcg >= floor, (split, round(ndcg, 3))
    assert len(missed) <= misses, (split, missed)
