"""The search's vocabulary, from two people-edited files of ``corpus/`` and the gazetteer.

* ``dictionary.txt`` -- the plans' terms that must stay whole (两癌, 控辍保学 …),
  one per line, optionally with a jieba frequency: ``孕产妇死亡率 [频率]``.
* ``synonyms.yaml`` -- ``same``: a plan term and the everyday words, colloquial
  forms and abbreviations that mean the same (家庭暴力 ← 家暴); ``expand``: a
  word that, when searched, also searches some plan terms (两癌 → 宫颈癌、乳腺癌).
* ``lexicon.yaml`` (read by ``kb.corpus.lexicon``) -- how citizens ask, with
  sources: sayings that expand to plan words, senses, generic words;
* the gazetteer (``departments.yaml``, read once by ``kb.corpus.gazetteer``) --
  each department's ``name``, ``short`` and ``aliases`` form one class, so that
  every way of naming a department finds the items assigned to it.

Both files are optional.  Every mistake is a ``Problem`` with the file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import yaml

from kb.corpus.gazetteer import Entry
from kb.corpus.lexicon import Wording
from kb.corpus.subjects import Vocabulary
from kb.corpus.yaml_source import YamlSource, node_line
from kb.errors import Problem
from kb.normalize import is_han, normalize, word_problem

SYNONYM_KEYS = ("same", "expand")


@dataclass
class SearchTerms:
    """Terms for the lexicon, equivalence classes and one-way expansions (all normalized)."""

    # (word, frequency or None), in the order jieba would add them
    terms: list[tuple[str, int | None]] = field(default_factory=list)
    # term -> the head of its class: the plan's word, or a department's canonical name
    classes: dict[str, str] = field(default_factory=dict)
    # term -> the terms a search for it also looks for
    expansions: dict[str, list[str]] = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)  # canonical names, file order
    # word -> [(context words, plan words it then means)] (lexicon.yaml ``senses``)
    senses: dict[str, list[tuple[list[str], list[str]]]] = field(default_factory=dict)
    generic: list[str] = field(default_factory=list)  # words that alone name no subject
    # (subject, its aliases and the sayings for it): for suggesting subjects
    subjects: list[tuple[str, list[str]]] = field(default_factory=list)


def add_wording(wording: Wording, subjects: Vocabulary, terms: SearchTerms) -> None:
    """The askers' wording (``lexicon.yaml``) into the vocabulary, after the synonyms.

    Each saying, each sense word and each word they mean is kept whole by the
    segmenter; a search for the saying also looks for what it means.  ``generic``
    (from ``subjects.yaml``) joins the lexicon's own generic words; each subject
    keeps its words (aliases and sayings) for suggesting the closest subjects.
    """
    for saying in wording.sayings:
        # (Latin letters are kept together by the segmenter anyway: hpv needs no entry)
        whole = [t for t in (saying.word, *saying.means) if is_han(t)]
        terms.terms += [(t, None) for t in whole]
        known = terms.expansions.setdefault(saying.word, [])
        known += [t for t in saying.means if t not in known and t != saying.word]
    for sense in wording.senses:
        # a sense word of two or more characters is kept whole too (拒录): else it is
        # cut into characters and never looked up as itself
        word = [sense.word] if len(sense.word) > 1 and is_han(sense.word) else []
        terms.terms += [(t, None) for t in (*word, *sense.means)]
        terms.senses.setdefault(sense.word, []).append((list(sense.context), list(sense.means)))
    words = [normalize(g) for g in subjects.generic if not word_problem(g)] + list(wording.generic)
    terms.generic = sorted(set(terms.generic) | set(words))
    for subject in subjects.subjects:
        said = [s.word for s in wording.sayings if s.subject == subject.name]
        words = [normalize(a) for a in subject.aliases] + said
        terms.subjects.append((subject.name, list(dict.fromkeys(words))))


def read_search_terms(
    dictionary: tuple[str, str] | None,
    synonyms: tuple[str, str] | None,
    departments: Sequence[Entry],
) -> tuple[SearchTerms, list[Problem]]:
    """The vocabulary from ``(text, file)`` of each file (None when absent) and the bodies."""
    terms = SearchTerms()
    problems: list[Problem] = []
    if dictionary is not None:
        problems += read_dictionary(*dictionary, terms)
    add_departments(departments, terms)
    if synonyms is not None:
        problems += read_synonyms(*synonyms, terms)
    return terms, problems


# --------------------------------------------------------------------------- dictionary.txt


def read_dictionary(text: str, file: str, terms: SearchTerms) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def bad(line: int, message: str) -> None:
        problems.append(Problem(file, line, "error", "search-dictionary", message))

    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 3:
            bad(number, "每行应为“词语 [词频] [词性]”，用空格分隔；词语中不能有空格")
            continue
        word = fields[0]
        if problem := word_problem(word):
            bad(number, problem)
            continue
        freq: int | None = None
        if len(fields) >= 2:
            if not fields[1].isdigit() or int(fields[1]) <= 0:
                bad(number, f"词频应为正整数，实际为“{fields[1]}”")
                continue
            freq = int(fields[1])
        key = normalize(word)
        if key in seen:
            bad(number, f"“{word}”重复：第 {seen[key]} 行已有")
            continue
        seen[key] = number
        terms.terms.append((key, freq))
    return problems


# --------------------------------------------------------------------------- the gazetteer


# The frequency the generated variants of a name (县检察院) get in the lexicon, so that
# they stay whole even where jieba's dictionary has them as rare words.
VARIANT_FREQUENCY = 1000
# The words with which a bare short name (教育, 司法) means the department, not the subject:
# a query about who does what (教育 牵头, 司法 负责的任务).
DEPARTMENT_CONTEXT = ("牵头", "配合", "负责", "职责", "分工", "任务", "单位", "部门", "责任")


def add_departments(entries: Sequence[Entry], terms: SearchTerms) -> None:
    """Each department's names as one class; a name shared by several expands to each.

    The names include the variants the gazetteer's name rules generate (县卫健局).
    """
    groups: list[tuple[str, list[str]]] = []
    for entry in entries:
        if word_problem(entry.name):
            continue  # not one word (punctuation): found by the words of its name only
        clean = [normalize(n) for n in entry.names if not word_problem(n)]
        groups.append((clean[0], clean))
    owners: dict[str, list[str]] = {}
    for head, names in groups:
        for name in dict.fromkeys(names):
            owners.setdefault(name, []).append(head)
    variants = {normalize(v) for entry in entries for v in entry.variants}
    for entry in entries:  # 教育, 医保: the department only where the query is about duties
        if word_problem(entry.name):
            continue
        for bare in entry.bare:
            sense = (list(DEPARTMENT_CONTEXT), [normalize(entry.name)])
            terms.senses.setdefault(normalize(bare), []).append(sense)
    for head, names in groups:
        terms.departments.append(head)
        for name in dict.fromkeys(names):
            terms.terms.append((name, VARIANT_FREQUENCY if name in variants else None))
            if len(owners[name]) == 1:
                terms.classes[name] = head
            else:
                terms.expansions[name] = list(owners[name])


# --------------------------------------------------------------------------- synonyms.yaml

Group = tuple[yaml.Node, str, list[tuple[yaml.Node, str]]]
Bad = Callable[[yaml.Node, str], None]


def read_synonyms(text: str, file: str, terms: SearchTerms) -> list[Problem]:
    src = YamlSource.compose(text, file, "search-synonyms")
    if not src.ok or src.root is None:
        return src.problems
    if not isinstance(src.root, yaml.MappingNode):
        src.problem(src.root, "文件顶层应为映射，键为 same 和 expand")
        return src.problems
    sections: dict[str, list[Group]] = {}
    for key_node, value_node in src.root.value:
        if key_node.value not in SYNONYM_KEYS:
            src.problem(key_node, f"未知的键“{key_node.value}”：应为 same（同义）或 expand（扩展）")
        elif key_node.value in sections:
            src.problem(key_node, f"键“{key_node.value}”重复")
        else:
            sections[key_node.value] = list(_entries(value_node, src.problem))
    if src.ok:
        _add_same(sections.get("same", []), terms, src.problem)
        _add_expand(sections.get("expand", []), terms)
    return src.problems


def _entries(node: yaml.Node, bad: Bad) -> Iterator[Group]:
    """(node, key, [(node, word)]) of a ``词语: [词语, …]`` mapping, checked."""
    if not isinstance(node, yaml.MappingNode):
        bad(node, "应为映射：每行“规划用语: [别称, 别称, …]”")
        return
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if problem := word_problem(str(key)):
            bad(key_node, problem)
            continue
        if key in seen:
            bad(key_node, f"“{key}”重复：第 {seen[key]} 行已有")
            continue
        seen[key] = node_line(key_node)
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else None
        if not items:
            bad(value_node, f"“{key}”后应为非空列表，例如 {key}: [别称一, 别称二]")
            continue
        words: list[tuple[yaml.Node, str]] = []
        for item in items:
            word = item.value if isinstance(item, yaml.ScalarNode) else None
            if not isinstance(word, str) or (problem := word_problem(word)):
                bad(item, problem if isinstance(word, str) and problem else "列表项应为词语")
                continue
            words.append((item, word))
        yield key_node, key, words


def _add_same(entries: list[Group], terms: SearchTerms, bad: Bad) -> None:
    departments = set(terms.departments)
    where: dict[str, int] = {}  # term -> line of the synonym group that has it
    for key_node, key, words in entries:
        line = node_line(key_node)
        group = [normalize(key)] + [normalize(w) for _, w in words]
        clash = False
        for node, term in zip([key_node] + [n for n, _ in words], group, strict=True):
            if term in where and where[term] != line:
                bad(node, f"“{term}”已在第 {where[term]} 行的同义词组中：一个词只能属于一组")
                clash = True
            where.setdefault(term, line)
        # a group may extend a department's names (卫健局 …), never join two departments
        owned = sorted({terms.classes[t] for t in group if t in terms.classes} & departments)
        if len(owned) > 1:
            bad(key_node, f"这一组把不同的单位（{'、'.join(owned)}）连在了一起")
            clash = True
        if clash:
            continue
        head = owned[0] if owned else group[0]
        for term in group:
            terms.terms.append((term, None))
            terms.classes[term] = head


def _add_expand(entries: list[Group], terms: SearchTerms) -> None:
    for _, key, words in entries:
        term = normalize(key)
        targets = [normalize(w) for _, w in words]
        terms.terms += [(t, None) for t in (term, *targets)]
        known = terms.expansions.setdefault(term, [])
        known += [t for t in targets if t not in known and t != term]
