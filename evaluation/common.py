"""What the evaluation scripts share: the project root on the path, the corpus derived once."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kb.build import load_kb  # noqa: E402
from kb.corpus import Corpus  # noqa: E402
from kb.model import KnowledgeBase  # noqa: E402

CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"


def derive(folder: Path = CORPUS) -> tuple[KnowledgeBase, Corpus]:
    """The knowledge base of ``folder`` (checked and enriched) and the loaded corpus."""
    corpus = Corpus.load(folder)
    return load_kb(corpus)[0], corpus
