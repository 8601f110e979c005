"""Build the compact lexicon the index and its queries are segmented with.

jieba's default dictionary has 350,000 words and takes about 0.7 s to load:
more than everything else a cold ``kb search`` does.  Only a few thousand of
them can ever match: those that occur somewhere in the text we index or in the
project's own vocabulary.  ``build_lexicon`` keeps those, and jieba's common
words (``COMMON_FREQ``) so that a query in everyday words is cut as jieba cuts
it, with jieba's frequencies and jieba's total, then adds the project's terms the way
``jieba.add_word`` would (``corpus/dictionary.txt``, the synonym table, the
department names), so that they stay whole.

The result is written into the index folder at build time; a query loads it
in a few milliseconds.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

from kb.normalize import normalize, pieces
from kb.search.segment import Lexicon
from kb.text import HAN

MAX_WORD = 16  # the longest word of jieba's dictionary
# Words of jieba's dictionary kept for queries although no indexed text has them: the
# common ones (about 20,000 of two to four characters).
COMMON_FREQ = 200
COMMON_LENGTHS = (2, 4)
HAN_WORD = re.compile(f"[{HAN}]+")
# A dictionary line's word when it has a character that is not Chinese.
NOT_HAN_WORD = re.compile(f"^([^\\s]*[^{HAN}\\s][^\\s]*) ", re.MULTILINE)


def jieba_dictionary() -> Path:
    """The path of jieba's default ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def runs_of(texts: Iterable[str]) -> set[str]:
    """Every distinct word run (Chinese characters and Latin letters) of ``texts``."""
    return {p.text for text in texts for p in pieces(normalize(text)) if p.kind == "run"}


def build_lexicon(
    texts: Iterable[str],
    terms: Iterable[tuple[str, int | None]],
    dictionary: Path | None = None,
) -> Lexicon:
    """The words of jieba's dictionary found in ``texts`` or ``terms``, plus ``terms``.

    ``terms`` are (word, frequency or None) in the order jieba would add them;
    a word already in the dictionary keeps its frequency unless one is given.
    """
    wanted = list(terms)
    runs = runs_of(texts) | {normalize(word) for word, _ in wanted}
    substrings = {
        run[k : k + size]
        for run in runs
        for k in range(len(run))
        for size in range(1, min(MAX_WORD, len(run) - k) + 1)
    }
    # "word freq tag" per line: one split of the whole file, and set operations
    # in C, are much faster than a loop over its 350,000 lines
    text = (dictionary or jieba_dictionary()).read_text(encoding="utf-8")
    fields = text.split()
    counts = dict(zip(fields[0::3], fields[1::3], strict=True))  # ints only where needed
    total = sum(map(int, fields[1::3]))
    freq = {word: int(counts[word]) for word in counts.keys() & substrings}
    # the everyday words of jieba's dictionary, so that a query is cut as jieba would cut
    # it (父亲 / 不让, not 父 / 亲 / 不); no text of the index contains them
    shortest, longest = COMMON_LENGTHS
    for word, count in counts.items():
        common = shortest <= len(word) <= longest and int(count) >= COMMON_FREQ
        if common and HAN_WORD.fullmatch(word):
            freq[word] = int(count)
    for word in NOT_HAN_WORD.findall(text):  # "B超" is looked up as "b超"
        key = normalize(word)
        if key != word and key in substrings:
            freq[key] = max(int(counts[word]), freq.get(key, 0))
    lexicon = Lexicon(freq, total)
    for word, value in wanted:
        word = normalize(word)
        if value is None and word in lexicon:
            continue
        lexicon.add_word(word, value)
    return lexicon
