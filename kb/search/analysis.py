"""Text → search terms, the same way for the index and for queries.

Both sides go through ``Analyzer.tokens``: normalize (``kb.search.normalize``),
cut into IDs, numbers-with-units and word runs, segment the runs with the
compact lexicon (``kb.search.segment``), drop function words.  Then:

* the index also stores, for each word of three or more characters, the
  dictionary words inside it (孕产妇 → 产妇), so that part of a word finds
  the whole; and, for each word with synonyms, the token of its class
  (家暴, 家庭暴力 → ``=家庭暴力``);
* a query looks each of its words up as itself, as its class token and as the
  words it expands to (两癌 → 宫颈癌, 乳腺癌).  A word of one Chinese character
  counts little as itself (``SINGLE_WEIGHT``): a character the segmenter leaves
  alone in a query (难 in 上学难, 女 in 女 干部) occurs in many unrelated words
  (困难, 妇女); its synonyms and expansions, words chosen by people, keep their
  full weight (娃 → 儿童).

An ``Analyzer`` is saved to and loaded from ``analysis.json`` in the index
folder, so a query always uses exactly what built the index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.normalize import is_han, normalize, pieces
from kb.search.layout import ANALYSIS_FILE
from kb.search.segment import Lexicon

FORMAT = "kb-search-analysis/2"
CLASS_MARK = "="
EXPANSION_WEIGHT = 0.8
PART_WEIGHT = 0.3
SINGLE_WEIGHT = 0.2

# Words that carry no subject on their own: particles, conjunctions, question words.
STOPWORD_LIST = """
    的 地 得 了 着 过 和 与 及 或 等 在 对 为 以 将 把 被 从 之 其 并 而 是 也 都 各 每 该
    这 那 于 由 向 给 让 就 还 又 但 如 若 则 即 中 我 你 他 她 它 们 吗 呢 吧 啊 呀 么 嘛
    以及 或者 及其 怎么 怎样 如何 什么 哪些 哪个 哪里 为什么 有关 关于 有没有 是否
"""
STOPWORDS = frozenset(STOPWORD_LIST.split())


@dataclass(frozen=True)
class Token:
    """One term of a text: an item ID, a number with its unit, or a word."""

    kind: str  # "id", "number" or "word"
    text: str
    concept: int = (
        0  # queries: the concept it expresses (a joined run and its characters share one)
    )
    means: tuple[
        str, ...
    ] = ()  # queries: the plan words a sense in context gives it (打 → 家庭暴力)


@dataclass(frozen=True)
class QueryWord:
    """A word of a query and every indexed term that counts as it, with weights."""

    token: Token
    forms: tuple[tuple[str, float], ...]
    surfaces: tuple[str, ...]  # the words to highlight in a snippet
    weight: float = 1.0  # PART_WEIGHT for a word found inside a longer query word
    literal: float = 1.0  # weight of the word as typed (SINGLE_WEIGHT for one character)
    concept: int = 0  # the concept of the query it belongs to (parts share their word's)
    strong: bool = True  # it names a subject (not one character, not a generic word)


class Analyzer:
    def __init__(
        self,
        lexicon: Lexicon,
        classes: dict[str, str],
        expansions: dict[str, list[str]],
        departments: list[str] | None = None,
        senses: dict[str, list[tuple[list[str], list[str]]]] | None = None,
        generic: list[str] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.classes = classes
        self.expansions = expansions
        self.departments = departments or []  # class heads that are departments
        self.senses = senses or {}  # word -> [(context words, plan words)]
        self.generic = frozenset(generic or [])
        self.department_tokens = frozenset(CLASS_MARK + d for d in self.departments)
        self._members: dict[str, list[str]] | None = None

    # ------------------------------------------------------------------ both sides

    def tokens(self, text: str) -> list[Token]:
        """The terms of ``text`` in order, function words dropped."""
        found: list[Token] = []
        for piece in pieces(normalize(text)):
            if piece.kind != "run":
                found.append(Token(piece.kind, piece.text))
                continue
            for word in self.lexicon.cut(piece.text):
                if word not in STOPWORDS:
                    found.append(Token("word", word))
        return found

    # ------------------------------------------------------------------ index side

    def index_terms(self, text: str) -> list[str]:
        """What the index stores for ``text``: its words, the words inside them, classes."""
        terms: list[str] = []
        for token in self.tokens(text):
            words = [token.text]
            if token.kind == "word" and len(token.text) >= 3 and is_han(token.text):
                words += self.lexicon.subwords(token.text)
            if token.kind == "word":
                words += [s for s in scripts(token.text) if s not in words]
            for word in words:
                terms.append(word)
                if word in self.classes:
                    terms.append(CLASS_MARK + self.classes[word])
        return terms

    def department_terms(self, name: str) -> list[str]:
        """What the index stores for a department an item is assigned to.

        The token of its class when the name is known (so that every name of
        the department finds it), else the words of the name.
        """
        head = self.classes.get(normalize(name))
        if head is not None and CLASS_MARK + head in self.department_tokens:
            return [CLASS_MARK + head]
        return self.index_terms(name)

    def grams(self, text: str) -> list[str]:
        """Single characters (numbers and Latin words whole), for matching part of a word."""
        found: list[str] = []
        for piece in pieces(normalize(text)):
            found += chars(piece.text) if piece.kind == "run" else [piece.text]
        return found

    # ------------------------------------------------------------------ query side

    def query_tokens(self, text: str) -> list[Token]:
        """The terms of a query: its ``tokens``, each run of single characters also joined.

        Characters the segmenter leaves single side by side are most often one
        word it does not know (普惠 → 普 / 惠): the run, joined, goes before
        them and is looked for as a whole, as part of longer words.  Each
        token carries its concept: the joined run and its characters share one.

        A word with senses (``lexicon.yaml``) takes the first whose context
        occurs in the query (打 … 我 → 家庭暴力): it then stands for those plan
        words, and the context words it used are part of it, not concepts of
        their own.
        """
        norm = normalize(text)
        absorbed: set[str] = set()
        found: list[Token] = []
        concept = 0
        for piece in pieces(norm):
            if piece.kind != "run":
                found.append(Token(piece.kind, piece.text, concept))
                concept += 1
                continue
            run: list[str] = []
            for word in [*self.lexicon.cut(piece.text), ""]:  # "" ends the last run
                means = self.sense(word, norm, absorbed)
                if not means and len(word) == 1 and is_han(word) and word not in STOPWORDS:
                    run.append(word)
                    continue
                if len(run) > 1:
                    found.append(Token("word", "".join(run), concept))
                found += [Token("word", c, concept) for c in run]
                concept += bool(run)
                run = []
                if word and word not in STOPWORDS:
                    found.append(Token("word", word, concept, means))
                    concept += 1
        return [t for t in found if t.means or t.text not in absorbed]

    def sense(self, word: str, query: str, absorbed: set[str]) -> tuple[str, ...]:
        """The plan words ``word`` means in ``query`` (none: no sense fits); its context noted."""
        for context, means in self.senses.get(word, ()):
            used = [c for c in context if c != word and c in query]
            if used:
                absorbed.update(used)
                return tuple(means)
        return ()

    def query_words(self, text: str) -> list[QueryWord]:
        """Each distinct term of a query, with the indexed forms that count as it.

        The words inside a long word follow it, with a lower weight: 托育服务
        also looks for 托育 and 服务, as the index stores them for its texts.
        """
        tokens = self.query_tokens(text)
        whole = {t.text for t in tokens}
        words: list[QueryWord] = []
        seen: set[str] = set()
        for token in tokens:
            if token.text in seen:
                continue
            seen.add(token.text)
            words.append(self._query_word(token, 1.0))
            if token.kind == "word" and not token.means and len(token.text) >= 3:
                parts = self.lexicon.subwords(token.text) if is_han(token.text) else []
                for part in dict.fromkeys([*parts, *scripts(token.text)]):
                    if part not in whole and part not in seen and part not in STOPWORDS:
                        seen.add(part)
                        part_token = Token("word", part, token.concept)
                        words.append(self._query_word(part_token, PART_WEIGHT))
        return words

    def is_strong(self, token: Token) -> bool:
        """Whether ``token`` names a subject: a word (not one character, not characters
        no dictionary joins), and not a generic word."""
        if token.kind != "word" or token.means:
            return True
        text = token.text
        if len(text) == 1 and is_han(text):
            return False
        if text not in self.lexicon and text not in self.classes and text not in self.expansions:
            return not is_han(text)  # characters the segmenter could not make a word of
        return text not in self.generic and self.classes.get(text) not in self.generic

    def _query_word(self, token: Token, weight: float) -> QueryWord:
        forms: dict[str, float] = {}
        surfaces: list[str] = []
        literal = 1.0
        if token.means:  # a sense in context: the plan words only, not the word as typed
            literal = 0.0
            for target in token.means:
                self._add_forms(target, 1.0, forms, surfaces)
        else:
            self._add_forms(token.text, 1.0, forms, surfaces)
            for target in self.expansions.get(token.text, ()):
                self._add_forms(target, EXPANSION_WEIGHT, forms, surfaces)
            if token.kind == "word" and len(token.text) == 1 and is_han(token.text):
                literal = forms[token.text] = SINGLE_WEIGHT
        return QueryWord(
            token,
            tuple(forms.items()),
            tuple(dict.fromkeys(surfaces)),
            weight,
            literal,
            token.concept,
            self.is_strong(token),
        )

    def _add_forms(
        self, word: str, weight: float, forms: dict[str, float], surfaces: list[str]
    ) -> None:
        forms[word] = max(forms.get(word, 0.0), weight)
        surfaces.append(word)
        head = self.classes.get(word)
        if head is not None:
            token = CLASS_MARK + head
            forms[token] = max(forms.get(token, 0.0), weight)
            surfaces += self.members().get(head, [])

    def members(self) -> dict[str, list[str]]:
        """Class head -> every term of the class (for highlighting)."""
        if self._members is None:
            members: dict[str, list[str]] = {}
            for term, head in sorted(self.classes.items()):
                members.setdefault(head, []).append(term)
            self._members = members
        return self._members

    # ------------------------------------------------------------------ storage

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "total": self.lexicon.total,
            "words": self.lexicon.freq,
            "classes": self.classes,
            "expansions": self.expansions,
            "departments": self.departments,
            "senses": self.senses,
            "generic": sorted(self.generic),
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Analyzer:
        data: dict[str, Any] = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown analysis format {data.get('format')!r}")
        lexicon = Lexicon(data["words"], data["total"])
        senses = {w: [(c, m) for c, m in rules] for w, rules in data["senses"].items()}
        return cls(
            lexicon,
            data["classes"],
            data["expansions"],
            data["departments"],
            senses,
            data["generic"],
        )

    def save(self, folder: Path) -> None:
        (folder / ANALYSIS_FILE).write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Analyzer:
        return cls.from_json((folder / ANALYSIS_FILE).read_text(encoding="utf-8"))


def chars(run: str) -> list[str]:
    """Chinese characters one by one; Latin letters stay together."""
    out: list[str] = []
    latin = ""
    for c in run:
        if "a" <= c <= "z":
            latin += c
            continue
        if latin:
            out.append(latin)
            latin = ""
        out.append(c)
    if latin:
        out.append(latin)
    return out


def scripts(word: str) -> list[str]:
    """The Latin and the Chinese parts of a word that mixes them (hpv疫苗 → hpv, 疫苗)."""
    parts: list[str] = []
    for c in word:
        latin = "a" <= c <= "z"
        if parts and ("a" <= parts[-1][-1] <= "z") == latin:
            parts[-1] += c
        else:
            parts.append(c)
    return parts if len(parts) > 1 else []
