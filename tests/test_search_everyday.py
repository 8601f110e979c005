"""Everyday words: colloquial phrases find the plans' words; single characters add no noise.

The plans write 殴打儿童、家庭暴力; staff and parents type 打孩子.  The synonym
table (corpus/synonyms.yaml) maps such phrases whole, and a character the
segmenter leaves on its own (打) counts little, so that it does not find every
打击 of the plans.  Characters left single side by side are looked for together
(普惠, a word jieba's dictionary lacks).  How well this works overall is
measured in tests/test_search_relevance.py.
"""

from __future__ import annotations

import pytest

from kb.search.engine import SearchIndex


@pytest.fixture(scope="module")
def index(engine_index: SearchIndex) -> SearchIndex:
    return engine_index


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("打孩子", ("殴打", "暴力")),  # not 打击 (crack down on)
        ("老人没人照顾", ("照料", "照护", "关爱")),
        ("上不起学", ("资助", "助学金", "失学", "辍学")),  # not 以上, 不起诉
        ("宝宝喝奶", ("母乳喂养", "乳粉", "哺乳")),
        ("网暴", ("网络欺凌", "侮辱", "诽谤")),
    ],
)
def test_a_colloquial_phrase_finds_what_it_means(
    index: SearchIndex, query: str, meant: tuple[str, ...]
) -> None:
    hits = index.search(query, limit=3)
    assert len(hits) == 3
    for hit in hits:
        assert any(word in hit.text for word in meant), (hit.id, hit.text[:40])


def test_a_lone_character_in_a_query_counts_little(index: SearchIndex) -> None:
    """女 is in nearly every item of the women's plan: 女 干部 ranks by 干部."""
    top = index.search("女 干部", limit=3)
    assert all("女干部" in hit.text for hit in top)


def test_characters_left_single_are_looked_for_together(index: SearchIndex) -> None:
    hits = index.search("普惠", limit=8)
    assert len(hits) == 8 and all("普惠" in hit.text for hit in hits)
    assert "【普惠】" in hits[0].snippet


def test_a_one_character_query_still_finds_the_words_it_is_part_of(index: SearchIndex) -> None:
    assert {"W1-G3", "W1-M5"} <= {hit.id for hit in index.search("癌", limit=3)}
