"""Real public questions as a regression floor (tests/data/real_questions*.yaml).

The questions were collected from public pages (12345, 留言板, 妇联, 人大建议 …)
and judged blind by other engineers (helper sessions); how is written at the top
of each file.  Rounds 1 and 2 (``tune``, ``heldout``, ``unseen``) have all been
used to tune since their held-out figures were reported.  Round 3 was run once as
collected (real_questions_round3.first-run.txt); its ``round3-tune`` half was
used to tune, ``round3-heldout`` was reported once (…round3.final-run.txt) and
used to tune after that.  Round 4 (``round4``) is held out: collected from pages
neither an earlier round nor the lexicon cited, scored only as a whole, never
looked at query by query.  The floors sit a little under the figures measured
when they were set (in the comments; evaluation/eval_search.py --heldout prints
them).  They are floors, not targets: the issue's target for held-out questions
(nDCG@10 ≥ 0.85, none without a relevant item in the top 10) is NOT reached, and
these tests say so by asserting what is true.
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
    DATA / "real_questions_round4.yaml",
]
# split: (nDCG@10 floor, most queries allowed without a relevant item in the top 10)
FLOORS = {
    "tune": (0.70, 0),  # measured 0.737, 0 of 44
    "heldout": (0.63, 3),  # measured 0.662, 3 of 43
    "unseen": (0.67, 2),  # measured 0.711, 2 of 31
    "round3-tune": (0.65, 0),  # measured 0.680, 0 of 35 (first run 0.589, 1 of 35)
    "round3-heldout": (0.72, 1),  # measured 0.758, 1 of 29 (first run 0.602; reported 0.688)
    "round4": (0.48, 16),  # held out: measured 0.517, 16 of 65 (first run 0.514, 16 of 65)
}


@pytest.fixture(scope="module")
def questions() -> list[Judged]:
    return [q for path in FILES for q in load_real_questions(path)]


def ranked(index: SearchIndex, query: str) -> list[str]:
    return [hit.id for hit in index.search(query, limit=10)]


def test_the_sets_are_real_and_judged(questions: list[Judged]) -> None:
    assert {q.split for q in questions} == set(FLOORS)
    assert len(questions) >= 87 + 31 + 64 + 65
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


@pytest.mark.parametrize("number", [3, 4])
def test_later_rounds_are_wide_and_their_own(number: int) -> None:
    """At least 60 questions from 20 sources over all 15 domains, none from an earlier round."""
    path = DATA / f"real_questions_round{number}.yaml"
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    earlier = {q.source for path in FILES[: number - 1] for q in load_real_questions(path)}
    assert len(questions) >= 60
    assert len({q["source"] for q in questions}) >= 20
    assert len({q["domain"] for q in questions}) == 15
    assert not {q["source"] for q in questions} & earlier
