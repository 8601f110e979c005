"""``corpus/lexicon.yaml``: how people ask about the plans' subjects, with where it was seen.

Not ``kb/search/lexicon.py`` (the subset of jieba's dictionary the segmenter
uses): this is a curated table of the words citizens use -- on 12345 hotlines,
message boards, 妇联 and health-department Q&A pages -- for each subject of
``subjects.yaml`` (or for plan words the subjects do not cover):

* ``entries``: ways of saying it (老公打我, 未保法, 九价) → the plan's words (the
  subject's aliases and/or ``means``), each group with the URL it was seen at;
* ``senses``: a character or generic word that means a plan subject only in
  context (打 with a person → 家庭暴力; 老人 with 带孩子 → 家庭教育);
* ``generic``: words that alone name no subject (基地, 质量 …).

``synonyms.yaml`` stays what it is (staff vocabulary, no sources); this file
adds the askers' wording with its provenance.  Both feed the same
``SearchTerms``, so the index, ``kb search`` and the browser use the same
tables.  Every mistake is a ``Problem`` with the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from kb.corpus.subjects import Vocabulary
from kb.corpus.yaml_source import YamlSource, node_line
from kb.errors import Problem
from kb.normalize import normalize, word_problem

CODE = "bad-lexicon"
TOP_KEYS = ("version", "generic", "senses", "entries")
ENTRY_KEYS = ("subject", "means", "say")
SAY_KEYS = ("words", "seen")
SENSE_KEYS = ("word", "with", "means", "seen")


@dataclass(frozen=True)
class Saying:
    """A way people say something, the plan words it means, and where it was seen."""

    word: str  # normalized
    means: tuple[str, ...]  # normalized plan words
    seen: str  # URL
    subject: str = ""  # the subject of subjects.yaml, if any
    line: int = 0


@dataclass(frozen=True)
class Sense:
    """``word`` means ``means`` when the query also has one of ``context``."""

    word: str
    context: tuple[str, ...]
    means: tuple[str, ...]
    seen: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Wording:
    """What ``lexicon.yaml`` holds (all words normalized)."""

    file: str = ""
    sayings: tuple[Saying, ...] = ()
    senses: tuple[Sense, ...] = ()
    generic: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())  # every URL, first-seen order


EMPTY = Wording()


def read_lexicon(text: str, file: str, subjects: Vocabulary) -> tuple[Wording, list[Problem]]:
    """Check ``lexicon.yaml`` against the subjects; bad entries are reported and left out."""
    src = YamlSource.compose(text, file, CODE)
    if not src.ok:
        return EMPTY, src.problems
    top = src.mapping(src.root, "文件顶层", TOP_KEYS) or {}
    if "version" in top and src.string(top["version"], "版本号") not in (None, "1"):
        src.problem(top["version"], "version 应为 1")
    generic = tuple(_words(src, top["generic"])) if "generic" in top else ()
    senses = [s for n in _items(src, top.get("senses")) if (s := _sense(src, n)) is not None]
    sayings: list[Saying] = []
    for node in _items(src, top.get("entries")):
        sayings += _entry(src, node, subjects)
    _check_unique(src, sayings)
    sources = [s.seen for s in sayings] + [u for s in senses for u in s.seen]
    wording = Wording(file, tuple(sayings), tuple(senses), generic, tuple(dict.fromkeys(sources)))
    return wording, src.problems


def _items(src: YamlSource, node: yaml.Node | None) -> list[yaml.Node]:
    if node is None or (isinstance(node, yaml.ScalarNode) and not node.value):
        return []
    if not isinstance(node, yaml.SequenceNode):
        src.problem(node, "这里应当是列表（每项以“- ”开头）")
        return []
    return list(node.value)


def _words(src: YamlSource, node: yaml.Node) -> list[str]:
    found = []
    for item, word in src.strings(node):
        if problem := word_problem(word):
            src.problem(item, problem)
        else:
            found.append(normalize(word))
    return found


def _url(src: YamlSource, node: yaml.Node) -> str | None:
    url = src.string(node, "网址（seen：在哪里见到这种说法）")
    if url is not None and not url.startswith(("http://", "https://")):
        src.problem(node, f"seen 应为以 http:// 或 https:// 开头的网址，实际为“{url}”")
        return None
    return url


def _sense(src: YamlSource, node: yaml.Node) -> Sense | None:
    fields = src.mapping(node, "义项", SENSE_KEYS)
    if fields is None:
        return None
    missing = [k for k in SENSE_KEYS if k not in fields]
    if missing:
        src.problem(node, f"义项缺少 {'、'.join(missing)}")
        return None
    words = _words(src, yaml.SequenceNode("tag:yaml.org,2002:seq", [fields["word"]]))
    context, means = _words(src, fields["with"]), _words(src, fields["means"])
    seen_nodes = fields["seen"]
    nodes = seen_nodes.value if isinstance(seen_nodes, yaml.SequenceNode) else [seen_nodes]
    seen = [u for n in nodes if (u := _url(src, n)) is not None]
    if not (words and context and means and seen):
        return None
    return Sense(words[0], tuple(context), tuple(means), tuple(seen), node_line(node))


def _entry(src: YamlSource, node: yaml.Node, subjects: Vocabulary) -> list[Saying]:
    fields = src.mapping(node, "说法组", ENTRY_KEYS)
    if fields is None:
        return []
    subject = ""
    means: list[str] = []
    if "subject" in fields:
        name = src.string(fields["subject"], "主题名")
        try:
            found = subjects.subject(name or "")
        except KeyError:
            if subjects.subjects:  # (when subjects.yaml could not be read, it says so itself)
                src.problem(fields["subject"], f"subjects.yaml 中没有主题“{name}”")
            return []
        subject = found.name
        means += [normalize(a) for a in found.aliases if not word_problem(a)]
    if "means" in fields:
        means += _words(src, fields["means"])
    if not means:
        src.problem(node, "说法组应有 subject（主题名）或 means（规划用语）")
        return []
    if "say" not in fields:
        src.problem(node, "说法组缺少 say（说法及出处）")
        return []
    targets = tuple(dict.fromkeys(means))
    found_sayings: list[Saying] = []
    for say in _items(src, fields["say"]):
        parts = src.mapping(say, "说法", SAY_KEYS)
        if parts is None:
            continue
        if "words" not in parts or "seen" not in parts:
            src.problem(say, "每项说法应有 words（说法列表）和 seen（网址）")
            continue
        url = _url(src, parts["seen"])
        if url is None:
            continue
        for word in _words(src, parts["words"]):
            found_sayings.append(Saying(word, targets, url, subject, node_line(say)))
    return found_sayings


def _check_unique(src: YamlSource, sayings: list[Saying]) -> None:
    """A saying belongs to one group (it cannot mean two things)."""
    where: dict[str, Saying] = {}
    for saying in sayings:
        first = where.setdefault(saying.word, saying)
        if first is not saying and first.means != saying.means:
            src.problem(
                saying.line,
                f"说法“{saying.word}”已在第 {first.line} 行的说法组中：一个说法只能属于一组",
            )
