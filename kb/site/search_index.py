"""The browser's search index: the same terms, fields and weights as ``kb search``.

``kb search`` (``kb.search``) analyzes each goal and measure into fields of
terms (text, title, targets, departments, facets, characters) with one
analyzer: normalization, the compact jieba lexicon, synonym classes.  This
module takes exactly those terms (``kb.search.indexer.item_fields``) and the
analyzer's tables, and writes them for ``kb-search.js``, which cuts a query
with a port of the same code and scores with whoosh's BM25F, so that the
browser ranks as the command does.

The index is ``assets/kb-search-index.js``: a script that sets one global
(``window.KB_SEARCH_INDEX``), so that a ``<script>`` tag loads it from
``file://`` too, where ``fetch`` of a JSON file is refused.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

from kb.model import PLAN_NAMES, KnowledgeBase
from kb.search.analysis import (
    CLASS_MARK,
    EXPANSION_WEIGHT,
    PART_WEIGHT,
    SINGLE_WEIGHT,
    STOPWORDS,
    Analyzer,
)
from kb.search.indexer import item_fields, make_analyzer
from kb.search.normalize import DASHES, HAN, UNITS
from kb.search.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS
from kb.search.schema import DEPT_SCORES, FIELD_WEIGHTS, GRAMS_WEIGHT, ID_WEIGHT
from kb.search.vocabulary import load_vocabulary
from kb.site import layout
from kb.site.format import KIND_NAMES, item_label

GLOBAL = "KB_SEARCH_INDEX"
FORMAT = "kb-search-index/1"
# The fields kb.search.query matches words in, with their weights.
SCORED_FIELDS: dict[str, float] = {**FIELD_WEIGHTS, "grams": GRAMS_WEIGHT}


def quantized(length: int) -> int:
    """A field length as whoosh stores it (one byte, lossy) and scores with it."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    return int(byte_to_length(length_to_byte(length)))


def document_row(item: dict[str, Any], domain_name: str, plan_name: str) -> list[Any]:
    where = f"{plan_name} · {domain_name} · {KIND_NAMES[item['kind']]}"
    url = layout.html_path(layout.domain_page(item["doc"], item["domain"])) + "#" + item["id"]
    return [item["id"], url, item_label(item), where, item["text"]]


def field_tables(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per scored field: its weight, per-document lengths, average length and postings.

    The postings of ``grams`` (every character of every text) are left out: the
    browser derives them from the texts, which it has anyway.
    """
    fields: dict[str, Any] = {}
    for name, weight in SCORED_FIELDS.items():
        postings: dict[str, list[int]] = {}
        lengths, total = [], 0
        for number, row in enumerate(rows):
            terms = row[name].split()
            total += len(terms)
            lengths.append(quantized(len(terms)))
            for term, count in sorted(Counter(terms).items()):
                postings.setdefault(term, []).extend([number, count])
        fields[name] = {
            "weight": weight,
            "average": total / (len(rows) or 1),
            "lengths": lengths,
            "postings": {} if name == "grams" else dict(sorted(postings.items())),
        }
    return fields


def department_tables(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per department field (lead, partner): its constant score and which items hold each token."""
    tables: dict[str, Any] = {}
    for name, score in DEPT_SCORES.items():
        holders: dict[str, list[int]] = {}
        for number, row in enumerate(rows):
            for term in sorted(set(row[name].split())):
                holders.setdefault(term, []).append(number)
        tables[name] = {"score": score, "postings": dict(sorted(holders.items()))}
    return tables


def analyzer_tables(analyzer: Analyzer) -> dict[str, Any]:
    """The analyzer for the browser: log-probabilities precomputed exactly as Python does."""
    lexicon = analyzer.lexicon
    log_total = math.log(lexicon.total)
    return {
        "words": {w: math.log(f) - log_total for w, f in sorted(lexicon.freq.items())},
        "unknown": math.log(1) - log_total,
        "stopwords": sorted(STOPWORDS),
        "classes": dict(sorted(analyzer.classes.items())),
        "expansions": dict(sorted(analyzer.expansions.items())),
        "dashes": DASHES,
        "han": HAN,
        "units": UNITS,
        "class_mark": CLASS_MARK,
        "expansion_weight": EXPANSION_WEIGHT,
        "part_weight": PART_WEIGHT,
        "single_weight": SINGLE_WEIGHT,
        "department_tokens": sorted(CLASS_MARK + d for d in analyzer.departments),
        "id_weight": ID_WEIGHT,
        "max_query_chars": MAX_QUERY_CHARS,
        "max_query_words": MAX_QUERY_WORDS,
    }


def build_index(kb: KnowledgeBase, corpus: Path) -> dict[str, Any]:
    analyzer = make_analyzer(kb, load_vocabulary(corpus))
    domains = {(d.doc, d.id): d.name for d in kb.domains()}
    plans = {(p.doc, p.id): p for d in kb.documents for p in d.plans}
    docs, rows = [], []
    for order, item in enumerate(kb.items()):
        domain_name = domains[(item.doc, item.domain)]
        row = item_fields(analyzer, item, domain_name, order)
        rows.append(row)
        data = json.loads(row["data"])
        plan = plans[(item.doc, item.plan)]
        docs.append(document_row(data, domain_name, PLAN_NAMES[plan.id]))
    return {
        "format": FORMAT,
        "docs": docs,
        "ids": [row["id"] for row in rows],
        "fields": field_tables(rows),
        "departments": department_tables(rows),
        "analyzer": analyzer_tables(analyzer),
    }


def index_script(index: dict[str, Any]) -> str:
    """The index as a script that sets one global; deterministic bytes."""
    data = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.{GLOBAL}={data};\n"
