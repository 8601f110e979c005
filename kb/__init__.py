"""A knowledge base of China's women's and children's development plans.

The library API, used by the ``kb`` command and importable by any tool::

    from pathlib import Path
    import kb

    base, problems = kb.load_kb(Path("corpus"))
    item = kb.find(base, "W1-G2")[0][1]
"""

from kb.build import build, load_kb
from kb.corpus import check_corpus, load_corpus
from kb.errors import CorpusError, KbError, NotFoundError, OutputError, Problem
from kb.export import export_data
from kb.lookup import find

__all__ = [
    "CorpusError",
    "KbError",
    "NotFoundError",
    "OutputError",
    "Problem",
    "build",
    "check_corpus",
    "export_data",
    "find",
    "load_corpus",
    "load_kb",
]
