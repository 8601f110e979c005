"""Chinese word segmentation: jieba's dictionary algorithm over a compact lexicon.

``Lexicon.cut`` is ``jieba.Tokenizer.cut(text, HMM=False)`` step for step: the
DAG of every dictionary word in the sentence, the route of highest probability
(``log(freq) - log(total)``, ties to the longer word), consecutive single Latin
letters or digits glued together.  What differs is only the dictionary: not
jieba's 350,000 words (0.7 s to load) but the few thousand that can occur in
the indexed text or the project's vocabulary (``kb.search.lexicon`` picks
them, with jieba's frequencies and total).  For any text made of those
strings, the cut is exactly jieba's; a test checks it against jieba itself.

The index is written and queried with the same lexicon (stored in the index
folder), so index and query segment the same way by construction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from math import log

ENGLISH = re.compile("[a-zA-Z0-9]")
CACHE_SIZE = 100_000


class Lexicon:
    """Words with their frequencies, and the total jieba divides them by."""

    __slots__ = ("_cache", "_log_total", "freq", "max_len", "total")

    def __init__(self, freq: Mapping[str, int], total: int) -> None:
        self.freq: dict[str, int] = {w: f for w, f in freq.items() if f > 0}
        self.total = total
        self._log_total = log(total) if total > 0 else 0.0
        self.max_len = max((len(w) for w in self.freq), default=1)
        self._cache: dict[str, list[str]] = {}  # sentence -> words (texts repeat phrases)

    def __contains__(self, word: object) -> bool:
        return word in self.freq

    def dag(self, sentence: str) -> list[list[int]]:
        """For each start, the (inclusive) end of every word that starts there."""
        freq = self.freq
        n = len(sentence)
        dag: list[list[int]] = []
        for k in range(n):
            ends = [
                k + size - 1
                for size in range(1, min(self.max_len, n - k) + 1)
                if sentence[k : k + size] in freq
            ]
            dag.append(ends or [k])
        return dag

    def cut(self, sentence: str) -> list[str]:
        """The words of ``sentence``, as jieba would cut it without HMM."""
        cached = self._cache.get(sentence)
        if cached is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[sentence] = self._cut(sentence)
        return list(cached)

    def _cut(self, sentence: str) -> list[str]:
        if not sentence:
            return []
        dag = self.dag(sentence)
        n = len(sentence)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        freq = self.freq
        log_total = self._log_total
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (log(freq.get(sentence[idx : x + 1]) or 1) - log_total + route[x + 1][0], x)
                for x in dag[idx]
            )
        words: list[str] = []
        buf = ""
        x = 0
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if len(word) == 1 and ENGLISH.match(word):
                buf += word
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(word)
            x = y
        if buf:
            words.append(buf)
        return words

    def subwords(self, word: str) -> list[str]:
        """The dictionary words of two or more characters inside ``word`` (not itself)."""
        key = "\0" + word  # shares the cache with ``cut``; no sentence starts with NUL
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = [
                word[k : end + 1]
                for k, ends in enumerate(self.dag(word))
                for end in ends
                if end > k and word[k : end + 1] != word and word[k : end + 1] in self.freq
            ]
        return list(cached)

    def suggest_freq(self, word: str) -> int:
        """jieba's ``suggest_freq(word)``: just enough for ``word`` to be cut whole."""
        prob = 1.0
        for part in self.cut(word):
            prob *= self.freq.get(part, 1) / self.total
        return max(int(prob * self.total) + 1, self.freq.get(word, 1))

    def add_word(self, word: str, freq: int | None = None) -> int:
        """jieba's ``add_word``: add ``word`` (frequency suggested if not given)."""
        value = self.suggest_freq(word) if freq is None else freq
        self.freq[word] = value
        self._cache.clear()
        self.total += value
        self._log_total = log(self.total)
        self.max_len = max(self.max_len, len(word))
        return value
