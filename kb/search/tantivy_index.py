"""Write the search index with tantivy: the same analyzed terms, another engine.

The rows are those whoosh indexes (``kb.search.indexer.item_fields``): text
fields hold the analyzer's terms joined by spaces, and tantivy's
``whitespace`` tokenizer only splits them at the spaces, so jieba, the
project's dictionary and synonyms stay ours.  Beside the indexed fields each
item stores what a hit shows (``data``) and what ``kb.search.plan.Scorer``
needs to score it as whoosh does (``terms``: term counts and quantized length
of every scored field, its grams in order).

tantivy names each segment with a random UUID; after the commit the segment is
renamed to a UUID drawn from the digest of the rows, and the two JSON files
that name it are rewritten, so that the same knowledge base gives the same
bytes.  One writer thread and a heap large enough for one segment keep the
order of the documents that of the plans.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from kb.progress import Progress, Step, every, silent
from kb.search.schema import DEPT_FIELDS, FIELD_WEIGHTS

GRAMS = "grams"
KEYWORDS = ("key", "id", "doc", "plan", "domain", "kind", "has_target")
TERM_FIELDS = (*FIELD_WEIGHTS, GRAMS, *DEPT_FIELDS, "roles")
# One thread; the heap grows with the index (tantivy refuses more than 4 GB per thread).
HEAP_PER_ITEM = 12_000
MIN_HEAP, MAX_HEAP = 64_000_000, 3_000_000_000
MANAGED = ".managed.json"
META = "meta.json"
FOLDER = "tantivy"  # inside the index folder: tantivy's own files (it has a meta.json too)
SCORING = "scoring.json"  # beside it: the statistics kb.search.plan.Scorer needs
SCORING_FORMAT = "kb-search-scoring/1"


def quantized(length: int) -> int:
    """A field length as whoosh stores it (one byte, lossy) and scores with it."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    return int(byte_to_length(length_to_byte(length)))


def make_schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    for name in KEYWORDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=name == "doc")
    for name in FIELD_WEIGHTS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field(GRAMS, tokenizer_name="whitespace", index_option="position")
    for name in (*DEPT_FIELDS, "roles"):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="basic")
    builder.add_unsigned_field("order", indexed=True, fast=True)
    # A digest of the scoring record: items with the same terms (a plan copied from
    # another's template) are scored once per query (kb.search.tantivy_engine).
    builder.add_unsigned_field("record", fast=True)
    builder.add_bytes_field("data", stored=True)
    builder.add_bytes_field("terms", stored=True)
    return builder.build()


def scoring_record(row: dict[str, Any]) -> bytes:
    """What the scorer reads of one item: per field its quantized length and term counts.

    The grams are kept as their text (counted only for queries that look for
    part of a word): the record is read for every item a word matches, so it is kept small.  It
    holds nothing that tells copies apart (not the document, not the order).
    """
    fields = {}
    for name in FIELD_WEIGHTS:
        terms = row[name].split()
        fields[name] = [quantized(len(terms)), dict(sorted(Counter(terms).items()))]
    record = {
        "fields": fields,
        "grams": [quantized(len(row[GRAMS].split())), row[GRAMS]],
        "id": row["id"],
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def record_key(record: bytes) -> int:
    """64 bits of the record's SHA-256: equal for items that score alike."""
    import hashlib

    return int.from_bytes(hashlib.sha256(record).digest()[:8], "big")


def averages(rows: list[dict[str, Any]]) -> dict[str, float]:
    """The average length of each scored field, as whoosh computes it (unquantized)."""
    count = len(rows) or 1
    return {
        name: sum(len(row[name].split()) for row in rows) / count
        for name in (*FIELD_WEIGHTS, GRAMS)
    }


def write_tantivy(
    rows: list[dict[str, Any]], index_folder: Path, seed: bytes, progress: Progress = silent
) -> None:
    """Index ``rows`` into ``index_folder``: tantivy's files in FOLDER, and SCORING."""
    import tantivy

    scoring = {"format": SCORING_FORMAT, "averages": averages(rows), "items": len(rows)}
    text = json.dumps(scoring, sort_keys=True, indent=1) + "\n"
    (index_folder / SCORING).write_text(text, encoding="utf-8")
    folder = index_folder / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    schema = make_schema()
    index = tantivy.Index(schema, path=str(folder))
    heap = min(MAX_HEAP, max(MIN_HEAP, HEAP_PER_ITEM * len(rows)))
    writer = index.writer(heap_size=heap, num_threads=1)
    step = every(len(rows))
    for number, row in enumerate(rows, 1):
        if number % step == 0:
            progress(Step("检索索引", number, len(rows), f"tantivy {number} 条"))
        doc = tantivy.Document()
        for name in (*KEYWORDS, *TERM_FIELDS):
            doc.add_text(name, row[name])
        doc.add_unsigned("order", row["order"])
        doc.add_bytes("data", row["data"].encode())
        record = scoring_record(row)
        doc.add_bytes("terms", record)
        doc.add_unsigned("record", record_key(record))
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    del writer
    fix_segment_names(folder, seed)


def fix_segment_names(folder: Path, seed: bytes) -> None:
    """Rename tantivy's random segment UUIDs to ones drawn from ``seed``; sort its file list."""
    meta_path = folder / META
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    renames: dict[str, str] = {}
    for number, segment in enumerate(meta["segments"]):
        old = segment["segment_id"]
        new = str(uuid.UUID(bytes=_digest(seed, number)[:16], version=4))
        segment["segment_id"] = new
        renames[old.replace("-", "")] = new.replace("-", "")
    for path in sorted(folder.iterdir()):
        stem, dot, ext = path.name.partition(".")
        if dot and stem in renames:
            os.replace(path, folder / f"{renames[stem]}.{ext}")
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    managed_path = folder / MANAGED
    if managed_path.is_file():
        managed = json.loads(managed_path.read_text(encoding="utf-8"))
        names = sorted({_renamed(name, renames) for name in managed})
        managed_path.write_text(json.dumps(names) + "\n", encoding="utf-8")


def _renamed(name: str, renames: dict[str, str]) -> str:
    stem, dot, ext = name.partition(".")
    return f"{renames[stem]}.{ext}" if dot and stem in renames else name


def _digest(seed: bytes, number: int) -> bytes:
    import hashlib

    return hashlib.sha256(seed + number.to_bytes(4, "big")).digest()
