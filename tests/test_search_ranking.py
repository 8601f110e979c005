"""The ranking after retrieval (kb/search/ranking.py), on small made-up score tables.

Made-up inputs on purpose: each rule of the ranking is checked on its own,
independently of the corpus and of the engine that scored the words.
"""

from __future__ import annotations

from kb.search.analysis import QueryWord, Token
from kb.search.ranking import FLOOR_WEAK, PAIR_WEIGHT, RankTable, rank, strength


def word(text: str, concept: int, strong: bool = True, kind: str = "word") -> QueryWord:
    return QueryWord(
        Token(kind, text, concept), ((text, 1.0),), (text,), concept=concept, strong=strong
    )


def table(
    n: int, pairs: dict[int, list[int]] | None = None, **strengths: dict[int, float]
) -> RankTable:
    pairs = pairs or {}
    held: list[dict[str, float]] = [{} for _ in range(n)]
    for token, by_doc in strengths.items():
        for doc, value in by_doc.items():
            held[doc]["=" + token] = value
    return RankTable([pairs.get(d, []) for d in range(n)], held, [])


def test_items_matching_both_concepts_come_first() -> None:
    words = [word("托育", 0), word("就业", 1)]
    scores = [{0: 9.0, 1: 2.0}, {1: 2.0, 2: 8.0}]
    assert [d for d, _ in rank(words, scores, [], table(3))] == [1, 0, 2]


def test_a_goal_is_found_through_its_measure_and_supported_by_it() -> None:
    words = [word("托育", 0)]
    ranked = dict(rank(words, [{1: 10.0, 2: 4.0}], [], table(3, {0: [1], 1: [0]})))
    assert ranked[0] == PAIR_WEIGHT * 10.0  # found only through its measure
    assert ranked[1] == 10.0  # the goal had no score of its own to lend


def test_an_item_id_finds_that_item_alone() -> None:
    ranked = rank([word("w1-g2", 0, kind="id")], [{0: 20.0}], [], table(2, {0: [1], 1: [0]}))
    assert ranked == [(0, 20.0)]


def test_nothing_fits_when_only_a_generic_word_matches() -> None:
    words = [word("火星", 0), word("基地", 1, strong=False)]
    assert rank(words, [{}, {0: 5.0, 1: 3.0}], [], table(2)) == []


def test_generic_words_together_pass_the_floor() -> None:
    words = [word("小孩", 0, strong=False), word("坐车", 1), word("安全", 2, strong=False)]
    scores = [{0: 1.0, 1: 1.0}, {}, {0: 1.0}]
    assert FLOOR_WEAK == 2
    assert [d for d, _ in rank(words, scores, [], table(2))] == [0]


def test_a_query_of_generic_words_only_lists_what_matches() -> None:
    words = [word("质量", 0, strong=False)]
    assert [d for d, _ in rank(words, [{1: 2.0, 0: 1.0}], [], table(2))] == [1, 0]


def test_department_items_rank_by_assignment_strength() -> None:
    values = {
        0: strength("partner", "confirmed"),
        1: strength("lead", "subject"),
        2: strength("lead", "named"),
        3: strength("lead", "confirmed"),
        4: strength("partner", "named"),
    }
    ranked = rank([word("妇联", 0)], [{}], [("=县妇联", 1.0, 0)], table(5, 县妇联=values))
    assert [d for d, _ in ranked] == [3, 2, 1, 0, 4]


def test_filters_keep_only_allowed_items_and_partners() -> None:
    words = [word("托育", 0)]
    ranked = rank(words, [{0: 5.0, 1: 4.0}], [], table(3, {0: [2], 2: [0]}), allowed={1, 2})
    assert [d for d, _ in ranked] == [1]  # 2's partner 0 is filtered out: nothing to lend
