"""The browser's search index: the contract between ``kb search`` and its JavaScript port.

``kb search`` analyzes each goal and measure into fields of terms with one
``Analyzer``.  This module writes exactly those terms
(``kb.search.indexer.Analyzed``), the analyzer's tables and every constant the
scoring and the snippets use, for the browser.  The port,
``js/kb-search-core.js``, reads all of them from here -- it holds no copy of
any table or constant -- and refuses an index of another ``FORMAT``.  What it
ports, and where it deliberately differs, is declared in ``port.yaml``; the
tests check it stage by stage against fixtures this module's Python writes.

The index is sharded, as Pagefind's is, so that a query downloads only what it
needs whatever the size of the corpus:

* ``assets/kb-search-index.js``, the manifest: the format, the constants, the
  global statistics BM25 needs (the number of items, each field's average
  length) and how many shards of each kind there are;
* ``assets/kb-search/l/N.js``, the lexicon by the hash of a word's first
  character (with the synonym classes and expansions of those words): a query
  needs the shards of its own characters only;
* ``assets/kb-search/t/N.js``, the postings by the hash of the term: for each
  field, the items holding the term with its frequency and the item's field
  length (all BM25 needs), the department fields and item IDs alike, as
  variable-length digits (``varints``; written by ``browser_postings``);
* ``assets/kb-search/p/N.js``, the positions of each character in each item,
  for the rare query word matched as a run of characters (a phrase);
* ``assets/kb-search/i/N.js``, what a result shows (ID, link, label, text,
  departments), ``ITEMS_PER_SHARD`` items a file: fetched for the results shown;
* ``assets/kb-search/r/N.js``, the goals and measures each item pairs with
  (``ranking.RankTable.pairs``), ``PAIRS_PER_SHARD`` items a file: fetched for
  the items a query finds (goal <-> measure support);
* ``assets/kb-search/s/0.js``, the subjects (``ranking.RankTable.subjects``, a
  curated table) that "nothing fits" suggests from: fetched only then.

What ranking (``kb.search.ranking``) needs besides pairs travels with what a
query already fetches: a department token's postings carry each item's
assignment strength (``s``) and that department's page (``u``); the filters
are postings too (``FACET`` keys: plan, domain, kind, target, role); the
lexicon shards carry the senses (``s``) and generic words (``g``) of their
words; the manifest, the ranking constants and the filter form's choices
(domains, department names: bounded by the template and the gazetteer).

Every file is a script (``window.KB_SEARCH_INDEX = …`` for the manifest,
``kbSearchShard(kind, number, data)`` for a shard), so that ``<script>`` tags
load them from ``file://`` too, where ``fetch`` is refused; from a server the
same files work unchanged.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kb.labels import item_label, where_label
from kb.model import Item, KnowledgeBase
from kb.normalize import DASHES, PIECE_PATTERNS
from kb.search import analysis, query, schema, snippet
from kb.search.analysis import Analyzer
from kb.search.browser_postings import (
    DIGITS,
    FACET,
    SCORED_FIELDS,
    STRENGTH_SCALE,
    DeptUrl,
    Postings,
    field_postings,
    gram_positions,
    pair_varints,
    quantized,
    ranking_postings,
    varints,
)
from kb.search.indexer import Analyzed
from kb.search.ranking import FLOOR_WEAK, PAIR_WEIGHT, SUGGEST_MIN, SUGGESTIONS, RankTable
from kb.search.segment import ENGLISH
from kb.text import HAN

GLOBAL = "KB_SEARCH_INDEX"
SHARD_CALLBACK = "kbSearchShard"
FORMAT = "kb-search-index/4"
BROWSER_INDEX = "assets/kb-search-index.js"  # inside the site: the manifest
SHARDS = "assets/kb-search"  # inside the site: one folder per kind of shard
CORE_SCRIPT = Path(__file__).resolve().parent / "js" / "kb-search-core.js"
PORT_FILE = Path(__file__).resolve().parent / "port.yaml"
# How many bytes (uncompressed) a shard of postings, positions or lexicon holds
# on average: the number of shards is the next power of two that gets there.
SHARD_BYTES = {"t": 2048, "p": 2048, "l": 4096}
ITEMS_PER_SHARD = 4
PAIRS_PER_SHARD = 256

ItemUrl = Callable[[Item], str]


def shard_of(key: str, count: int) -> int:
    """The shard of ``key`` among ``count``: FNV-1a (32 bits) over its code points.

    The port computes the same (``shardOf`` in kb-search-core.js).
    """
    value = 0x811C9DC5
    for char in key:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % count


def shard_count(sizes: Iterable[int], target: int) -> int:
    """The next power of two that makes shards of about ``target`` bytes."""
    total = sum(sizes)
    count = 1
    while total / count > target:
        count *= 2
    return count


def lexicon_entries(analyzer: Analyzer) -> dict[str, dict[str, Any]]:
    """Per first character: the words starting with it, and what a query needs of them.

    ``w``: log-probabilities, precomputed exactly as Python does; ``c``: synonym
    class of the word and of its expansions; ``e``: expansions; ``m``: every
    member of each class named (for highlighting).
    """
    lexicon = analyzer.lexicon
    log_total = math.log(lexicon.total)
    members = analyzer.members()
    keys = sorted(
        lexicon.freq.keys()
        | analyzer.classes.keys()
        | analyzer.expansions.keys()
        | analyzer.senses.keys()
        | analyzer.generic
    )
    by_char: dict[str, dict[str, Any]] = {}
    for key in keys:
        entry = by_char.setdefault(key[0], {"w": {}, "c": {}, "e": {}, "m": {}, "s": {}, "g": {}})
        if key in lexicon.freq:
            entry["w"][key] = math.log(lexicon.freq[key]) - log_total
        targets = analyzer.expansions.get(key, [])
        if targets:
            entry["e"][key] = targets
        rules = analyzer.senses.get(key, [])
        if rules:
            entry["s"][key] = [[list(context), list(means)] for context, means in rules]
        if key in analyzer.generic:
            entry["g"][key] = 1
        meant = [m for _, means in rules for m in means]
        for term in (key, *targets, *meant):
            head = analyzer.classes.get(term)
            if head is not None:
                entry["c"][term] = head
                entry["m"][head] = members[head]
                if term == key and head in analyzer.generic:
                    entry["g"][head] = 1  # is_strong asks whether the word's class is generic
    return by_char


def analyzer_constants(analyzer: Analyzer) -> dict[str, Any]:
    """What every query needs of the analyzer (the lexicon itself is in shards)."""
    lexicon = analyzer.lexicon
    return {
        "unknown": math.log(1) - math.log(lexicon.total),
        # in UTF-16 code units, as the port's strings count
        "max_len": max((len(w.encode("utf-16-le")) // 2 for w in lexicon.freq), default=1),
        "english": ENGLISH.pattern,
        "stopwords": sorted(analysis.STOPWORDS),
        "dashes": DASHES,
        "han": HAN,
        "pieces": dict(PIECE_PATTERNS),
        "class_mark": analysis.CLASS_MARK,
        "expansion_weight": analysis.EXPANSION_WEIGHT,
        "part_weight": analysis.PART_WEIGHT,
        "single_weight": analysis.SINGLE_WEIGHT,
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


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sharded(entries: dict[str, Any], kind: str, key: Callable[[str], str]) -> dict[int, Any]:
    """``entries`` split into shards by the hash of ``key(name)``; every shard, even empty."""
    count = shard_count((len(k) + len(_dumps(v)) for k, v in entries.items()), SHARD_BYTES[kind])
    shards: dict[int, dict[str, Any]] = {n: {} for n in range(count)}
    for name, value in entries.items():
        shards[shard_of(key(name), count)][name] = value
    return shards


def _merged(entries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The lexicon entries of one shard's characters as one table of each kind."""
    merged: dict[str, dict[str, Any]] = {"w": {}, "c": {}, "e": {}, "m": {}, "s": {}, "g": {}}
    for entry in entries.values():
        for kind, table in entry.items():
            merged[kind].update(table)
    return merged


def ranking_constants(ranking: RankTable) -> dict[str, Any]:
    """What ranking needs for every query: its constants."""
    return {
        "pair_weight": PAIR_WEIGHT,
        "floor_weak": FLOOR_WEAK,
        "suggestions": SUGGESTIONS,
        "suggest_min": SUGGEST_MIN,
        "strength_scale": STRENGTH_SCALE,
        "facet": FACET,
    }


def filter_choices(kb: KnowledgeBase, postings: Postings) -> dict[str, Any]:
    """The filter form's choices: each domain (code, name) and the departments with items.

    Both are bounded by the national template and the gazetteer, not by the corpus.
    """
    domains: dict[str, str] = {}
    for item in kb.items():
        domains.setdefault(item.domain, kb.domain_of(item).name)
    names = sorted(
        term.removeprefix(analysis.CLASS_MARK) for term, entry in postings.items() if "u" in entry
    )
    return {"domains": [[code, name] for code, name in domains.items()], "departments": names}


def build_index(
    kb: KnowledgeBase, analyzed: Analyzed, url: ItemUrl, dept_url: DeptUrl
) -> dict[str, Any]:
    """The manifest and every shard: ``{"manifest": …, "shards": {kind: {number: data}}}``."""
    analyzer, rows = analyzed.analyzer, analyzed.rows
    postings, averages = field_postings(rows)
    ranking_postings(kb, analyzed, dept_url, postings)
    pairs = analyzed.ranking.pairs
    items = [document_row(kb, item, url) for item in kb.items()]
    shards = {
        "l": {
            n: _merged(entries)
            for n, entries in _sharded(lexicon_entries(analyzer), "l", lambda c: c).items()
        },
        "t": _sharded(postings, "t", lambda t: t),
        "p": _sharded(gram_positions(rows), "p", lambda g: g),
        "i": {
            n: items[n * ITEMS_PER_SHARD : (n + 1) * ITEMS_PER_SHARD]
            for n in range(math.ceil(len(items) / ITEMS_PER_SHARD))
        },
        "s": {0: analyzed.ranking.subjects},
        "r": {
            n: pair_varints(
                pairs[n * PAIRS_PER_SHARD : (n + 1) * PAIRS_PER_SHARD], n * PAIRS_PER_SHARD
            )
            for n in range(math.ceil(len(pairs) / PAIRS_PER_SHARD))
        },
    }
    manifest = {
        "format": FORMAT,
        "count": len(rows),
        "fields": {
            name: {"weight": weight, "average": averages[name]}
            for name, weight in SCORED_FIELDS.items()
        },
        "ranking": ranking_constants(analyzed.ranking),
        "filters": filter_choices(kb, postings),
        "analyzer": analyzer_constants(analyzer),
        "scoring": scoring_tables(),
        "snippet": snippet_tables(),
        "shards": {
            "digits": DIGITS,
            "folder": SHARDS.removeprefix("assets/"),
            "counts": {kind: len(found) for kind, found in shards.items()},
            "items_per_shard": ITEMS_PER_SHARD,
            "pairs_per_shard": PAIRS_PER_SHARD,
        },
    }
    return {"manifest": manifest, "shards": shards}


def shard_path(kind: str, number: int) -> str:
    """A shard's file inside the site."""
    return f"{SHARDS}/{kind}/{number}.js"


def index_files(index: dict[str, Any]) -> dict[str, str]:
    """Every file of the index (path inside the site → text); deterministic bytes."""
    files = {BROWSER_INDEX: f"window.{GLOBAL}={_dumps(index['manifest'])};\n"}
    for kind, found in sorted(index["shards"].items()):
        for number, data in sorted(found.items()):
            text = f'{SHARD_CALLBACK}("{kind}",{number},{_dumps(data)});\n'
            files[shard_path(kind, number)] = text
    return files


def browser_index_files(
    kb: KnowledgeBase, analyzed: Analyzed, url: ItemUrl, dept_url: DeptUrl
) -> dict[str, str]:
    return index_files(build_index(kb, analyzed, url, dept_url))


def write_browser_index(folder: Path, files: dict[str, str]) -> None:
    """Write the index's files into a site (or its sources), replacing any older shards."""
    import shutil

    from kb.text import write_text

    shutil.rmtree(folder / SHARDS, ignore_errors=True)
    for path, text in files.items():
        write_text(folder / path, text)


__all__ = [
    "BROWSER_INDEX",
    "CORE_SCRIPT",
    "DIGITS",
    "FORMAT",
    "PORT_FILE",
    "SHARDS",
    "browser_index_files",
    "quantized",
    "shard_of",
    "varints",
    "write_browser_index",
]
