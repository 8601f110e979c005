"""The browser's search index: the contract between ``kb search`` and its JavaScript port.

``kb search`` analyzes each goal and measure into fields of terms with one
``Analyzer``.  This module writes exactly those terms
(``kb.search.indexer.Analyzed``), the analyzer's tables and every constant the
scoring and the snippets use, into one script for the browser.  The port,
``js/kb-search-core.js``, reads all of them from here -- it holds no copy of
any table or constant -- and refuses an index of another ``FORMAT``.  What it
ports, and where it deliberately differs, is declared in ``port.yaml``; the
tests check it stage by stage against fixtures this module's Python writes.

The index is ``assets/kb-search-index.js``: a script that sets one global
(``window.KB_SEARCH_INDEX``), so that a ``<script>`` tag loads it from
``file://`` too, where ``fetch`` of a JSON file is refused.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb.labels import item_label, where_label
from kb.model import Item, KnowledgeBase
from kb.normalize import DASHES, PIECE_PATTERNS
from kb.search import analysis, query, schema, snippet
from kb.search.analysis import Analyzer
from kb.search.indexer import Analyzed
from kb.search.ranking import FLOOR_WEAK, PAIR_WEIGHT, SUGGEST_MIN, SUGGESTIONS, RankTable
from kb.search.segment import ENGLISH
from kb.text import HAN

GLOBAL = "KB_SEARCH_INDEX"
FORMAT = "kb-search-index/3"
BROWSER_INDEX = "assets/kb-search-index.js"  # inside the site
CORE_SCRIPT = Path(__file__).resolve().parent / "js" / "kb-search-core.js"
PORT_FILE = Path(__file__).resolve().parent / "port.yaml"
# The fields kb.search.query matches words in, with their weights.
SCORED_FIELDS: dict[str, float] = {**schema.FIELD_WEIGHTS, "grams": schema.GRAMS_WEIGHT}

ItemUrl = Callable[[Item], str]
DeptUrl = Callable[[str, str], str]  # (document, department name) -> its page


def quantized(length: int) -> int:
    """A field length as whoosh stores it (one byte, lossy) and scores with it."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    return int(byte_to_length(length_to_byte(length)))


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


def facet_rows(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per item, what the filters test: plan, domain, kind, target, departments' terms by role."""
    return [
        {
            "plan": row["plan"],
            "domain": row["domain"],
            "domain_name": kb.domain_of(item).name,
            "kind": row["kind"],
            "has_target": row["has_target"] == "yes",
            "departments": {
                role: sorted(set(row[field].split()))
                for role, field in (("lead", "dept_lead"), ("partner", "dept_partner"))
            },
        }
        for item, row in zip(kb.items(), rows, strict=True)
    ]


def department_pages(kb: KnowledgeBase, analyzer: Analyzer, url: DeptUrl) -> dict[str, str]:
    """Department class token -> the page of that department (in the first plan it has items)."""
    pages: dict[str, str] = {}
    for item in kb.items():
        for dept in item.departments:
            for token in analyzer.department_terms(dept.name):
                if token in analyzer.department_tokens and token not in pages:
                    pages[token] = url(item.doc, dept.name)
    return dict(sorted(pages.items()))


def ranking_tables(ranking: RankTable) -> dict[str, Any]:
    return {
        "pairs": ranking.pairs,
        "strengths": ranking.strengths,
        "subjects": ranking.subjects,
        "pair_weight": PAIR_WEIGHT,
        "floor_weak": FLOOR_WEAK,
        "suggestions": SUGGESTIONS,
        "suggest_min": SUGGEST_MIN,
    }


def analyzer_tables(analyzer: Analyzer) -> dict[str, Any]:
    """The analyzer for the browser: log-probabilities precomputed exactly as Python does."""
    lexicon = analyzer.lexicon
    log_total = math.log(lexicon.total)
    return {
        "words": {w: math.log(f) - log_total for w, f in sorted(lexicon.freq.items())},
        "unknown": math.log(1) - log_total,
        "english": ENGLISH.pattern,
        "stopwords": sorted(analysis.STOPWORDS),
        "classes": dict(sorted(analyzer.classes.items())),
        "expansions": dict(sorted(analyzer.expansions.items())),
        "dashes": DASHES,
        "han": HAN,
        "pieces": dict(PIECE_PATTERNS),
        "class_mark": analysis.CLASS_MARK,
        "expansion_weight": analysis.EXPANSION_WEIGHT,
        "part_weight": analysis.PART_WEIGHT,
        "single_weight": analysis.SINGLE_WEIGHT,
        "senses": dict(sorted(analyzer.senses.items())),
        "generic": sorted(analyzer.generic),
        "department_tokens": sorted(analysis.CLASS_MARK + d for d in analyzer.departments),
        "max_query_chars": query.MAX_QUERY_CHARS,
        "max_query_words": query.MAX_QUERY_WORDS,
    }


def scoring_tables() -> dict[str, Any]:
    return {"k1": schema.BM25_K1, "b": schema.BM25_B, "id_weight": schema.ID_WEIGHT}


def snippet_tables() -> dict[str, Any]:
    return {
        "width": snippet.WIDTH,
        "lead": snippet.LEAD,
        "open": snippet.OPEN,
        "close": snippet.CLOSE,
    }


def document_row(kb: KnowledgeBase, item: Item, url: ItemUrl) -> list[Any]:
    """What a result shows: ID, link, label, where it stands, text, departments (name, role)."""
    where = where_label(item, kb.domain_of(item).name)
    departments = [[d.name, d.role] for d in item.departments]
    return [item.id, url(item), item_label(item), where, item.text, departments]


def build_index(
    kb: KnowledgeBase, analyzed: Analyzed, url: ItemUrl, dept_url: DeptUrl
) -> dict[str, Any]:
    analyzer, rows = analyzed.analyzer, analyzed.rows
    return {
        "format": FORMAT,
        "docs": [document_row(kb, item, url) for item in kb.items()],
        "ids": [row["id"] for row in rows],
        "fields": field_tables(rows),
        "facets": facet_rows(kb, rows),
        "ranking": ranking_tables(analyzed.ranking),
        "department_pages": department_pages(kb, analyzer, dept_url),
        "analyzer": analyzer_tables(analyzer),
        "scoring": scoring_tables(),
        "snippet": snippet_tables(),
    }


def index_script(index: dict[str, Any]) -> str:
    """The index as a script that sets one global; deterministic bytes."""
    data = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.{GLOBAL}={data};\n"


def browser_index_script(
    kb: KnowledgeBase, analyzed: Analyzed, url: ItemUrl, dept_url: DeptUrl
) -> str:
    return index_script(build_index(kb, analyzed, url, dept_url))
