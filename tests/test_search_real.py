"""Real public questions as a regression floor (tests/data/real_questions*.yaml).

The questions were collected from public pages (12345, 留言板, 妇联, 人大建议 …) and
judged blind by other engineers (helper sessions); how is written at the top of
each file.  Rounds 1 and 2 (``tune``, ``heldout``, ``unseen``) have all been used
to tune since their held-out figures were reported; round 3 was judged blind,
run once as collected (real_questions_round3.first-run.txt), then its
``round3-tune`` half was used to tune and ``round3-heldout`` reported once
(real_questions_round3.final-run.txt).  The floors sit a little under the figures
measured when they were set (in the comments; evaluation/eval_search.py --heldout
prints them).  They are floors, not targets: the issue's target for held-out
questions (nDCG@10 ≥ 0.85, none without a relevant item in the top 10) is NOT
reached, and these tests say so by asserting what is true.
"""

from __future__ import annotations

import pytest
import yaml
from helpers import DATA
from metrics import Judged, evaluate, load_real_questions, score

from kb.search.engine import SearchIndex

FILES = [
    DATA / "real_questions.yaml",
    DATA / "real_questions_unseen.yaml",
    DATA / "real_questions_round3.yaml",
]
# split: (nDCG@10 floor, most queries allowed without a relevant item in the top 10)
FLOORS = {
    "tune": (0.70, 0),  # measured 0.737, 0 of 44
    "heldout": (0.60, 3),  # measured 0.633, 3 of 43
    "unseen": (0.67, 2),  # measured 0.710, 2 of 31
    "round3-tune": (0.65, 0),  # measured 0.683, 0 of 35 (first run 0.589, 1 of 35)
    "round3-heldout": (0.65, 3),  # measured 0.688, 3 of 29 (first run 0.602, 5 of 29)
}


@pytest.fixture(scope="module")
def questions() -> list[Judged]:
    return [q for path in FILES for q in load_real_questions(path)]


def ranked(index: SearchIndex, query: str) -> list[str]:
    return [hit.id for hit in index.search(query, limit=10)]


def test_the_sets_are_real_and_judged(questions: list[Judged]) -> None:
    assert {q.split for q in questions} == set(FLOORS)
    assert len(questions) >= 87 + 31 + 64
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


def test_round_three_is_wide_and_its_own() -> None:
    """At least 60 questions from 20 sources over all 15 domains, none from an earlier round."""
    rows = yaml.safe_load((DATA / "real_questions_round3.yaml").read_text(encoding="utf-8"))
    questions = rows["questions"]
    earlier = {q.source for path in FILES[:2] for q in load_real_questions(path)}
    assert len(questions) >= 60
    assert len({q["source"] for q in questions}) >= 20
    assert len({q["domain"] for q in questions}) == 15
    assert not {q["source"] for q in questions} & earlier
