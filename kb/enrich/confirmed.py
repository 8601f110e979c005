"""What ``kb check`` reviews of ``corpus/assignments.yaml``: entries that name no item.

The reader (``kb.corpus.assignments``) checks each entry's form and names; only
the parsed plans can tell whether its item exists, so that is checked here,
with the entry's line.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.corpus import Corpus
from kb.errors import Problem
from kb.model import Document


def review_assignments(corpus: Corpus, documents: Sequence[Document]) -> list[Problem]:
    """Every confirmed entry whose document or item is not in the corpus."""
    assignments = corpus.assignments
    slugs = [d.slug for d in documents]
    items = {(d.slug, i.id) for d in documents for i in d.items}
    problems = []
    for entry in assignments.entries:
        if entry.doc and entry.doc not in slugs:
            message = (
                f"{entry.id}：doc “{entry.doc}”不是语料中的文件（应为 {'、'.join(slugs)} 之一）"
            )
        elif not entry.doc and len(slugs) > 1:
            message = f"{entry.id}：语料中有几份文件，请用 doc 写明是哪一份（{'、'.join(slugs)}）"
        elif (entry.doc or (slugs[0] if slugs else ""), entry.id) not in items:
            message = f"编号“{entry.id}”不是任何主要目标或策略措施：请对照 kb show 的编号改正或删去"
        else:
            continue
        problems.append(Problem(assignments.file, entry.line, "error", "bad-assignment", message))
    return problems
