"""The files of an index folder, shared by the writer and the reader.

``<release>/index/`` (``kb.release.INDEX``) holds whoosh's files,
``analysis.json`` (the lexicon, synonym classes and expansions the index was
analyzed with) and ``meta.json`` (documents and domains, for the filters).
Kept apart so that the query path imports nothing of the build side.
"""

ANALYSIS_FILE = "analysis.json"
META_FILE = "meta.json"
RANKING_FILE = "ranking.json"  # pairs, assignment strengths, subjects (kb.search.ranking)
