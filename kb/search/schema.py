"""The fields of the search index, and how much a match in each counts.

Text fields hold terms already produced by ``kb.search.analysis`` and joined
by spaces; whoosh only splits them at the spaces.  The saved schema therefore
contains nothing but whoosh's own classes, and our segmentation runs once, in
our code, the same way for documents and queries.
"""

from __future__ import annotations

from typing import Any

# What goes into ``body``, the one field words are matched in, and how many
# times: repeating a part weighs it (one posting list per word keeps queries
# fast; separate fields would mean a matcher per field and word).
BODY_PARTS: dict[str, int] = {
    "text": 1,  # the item as written
    "title": 1,  # a measure's first sentence: again, so it counts double
    "targets": 1,  # the names of its target indicators
    "facets": 1,  # domain name, plan name, 主要目标/策略措施
}
# The fields words are matched in, with their query-time weight (kb/site's
# browser search reads this too).
FIELD_WEIGHTS: dict[str, float] = {"body": 1.0}
GRAMS_WEIGHT = 0.5  # part-of-a-word match on single characters
# The department fields (for the --dept filter).  A query naming a department
# scores its items by assignment strength (kb.search.ranking), not by BM25.
DEPT_FIELDS = ("dept_lead", "dept_partner")
ID_WEIGHT = 20.0
# whoosh's BM25F, with its default constants, named here so that the browser
# (kb/search/js/kb-search-core.js) scores with the same.
BM25_B = 0.75
BM25_K1 = 1.2


def make_schema() -> Any:
    from whoosh.analysis import SpaceSeparatedTokenizer
    from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

    def terms(phrase: bool = False) -> Any:
        return TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=phrase)

    return Schema(
        key=ID(unique=True),  # doc:id
        id=ID,  # w1-g2 (lower case)
        doc=ID,
        plan=ID,  # W / C
        domain=ID,  # W1
        kind=ID,  # goal / measure
        has_target=ID,  # yes / no
        roles=KEYWORD,  # lead / partner: the roles some department has here
        body=terms(),  # see BODY_PARTS
        dept_lead=terms(),
        dept_partner=terms(),
        grams=terms(phrase=True),
        order=NUMERIC(sortable=True),  # position in the knowledge base
        data=STORED,  # JSON: what a hit shows
    )
