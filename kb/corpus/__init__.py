"""Reading a corpus folder: every file read, decoded and checked once.

``Corpus.load(folder)`` reads the plan documents and the curated tables
(gazetteer, subjects, search dictionary, synonyms and lexicon, monitoring data, reporters) and
collects every problem found in them; the later stages receive the loaded
``Corpus``, never the folder::

    files        which files are plans and which are tables; reading bytes
    loader       Corpus.load: decode and check everything once
    yaml_source  people-edited YAML, with Chinese file:line messages
    gazetteer    departments.yaml: bodies, names and remits
    subjects     subjects.yaml: the subjects both plans share
    search_terms dictionary.txt, synonyms.yaml and department names for search
    lexicon      lexicon.yaml: how citizens ask (sayings, senses, generic words), with sources
    monitoring   monitoring.csv: observed values of the indicators
    reporters    indicators.yaml: who reports each indicator's figures
    assignments  assignments.yaml: the 任务分工 people confirmed
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Corpus", "PlanText"]


def __getattr__(name: str) -> Any:
    # Imported on first use: a lookup that only checks file digests (kb.corpus.files)
    # does not load the YAML readers.
    if name in __all__:
        return getattr(importlib.import_module("kb.corpus.loader"), name)
    raise AttributeError(f"module 'kb.corpus' has no attribute {name!r}")
