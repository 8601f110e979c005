"""The project's search vocabulary, read from three people-edited files in ``corpus/``.

* ``dictionary.txt`` -- the plans' terms that must stay whole (两癌, 控辍保学 …),
  one per line, optionally with a jieba frequency: ``孕产妇死亡率 [频率]``.
* ``synonyms.yaml`` -- ``same``: a plan term and the everyday words, colloquial
  forms and abbreviations that mean the same (家庭暴力 ← 家暴); ``expand``: a
  word that, when searched, also searches some plan terms (两癌 → 宫颈癌、乳腺癌).
* ``departments.yaml`` -- the department gazetteer (kb/gazetteer.py); only
  each department's ``name``, ``short`` and ``aliases`` are read here, so that
  every way of naming a department finds the items assigned to it.

All three are optional.  A mistake is reported as a ``CorpusError`` that names
the file and the line and says what was expected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.corpus import DICTIONARY, GAZETTEER, SYNONYMS, display_path
from kb.errors import CorpusError, Problem
from kb.search.normalize import PIECE, normalize
from kb.yaml_source import node_line

DEPARTMENTS = GAZETTEER
SYNONYM_KEYS = ("same", "expand")
# libyaml when present: the gazetteer is large and pure-Python YAML takes 0.4 s to read it
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Vocabulary:
    """Terms for the lexicon, equivalence classes and one-way expansions (all normalized)."""

    # (word, frequency or None), in the order jieba would add them
    terms: list[tuple[str, int | None]] = field(default_factory=list)
    # term -> the head of its class: the plan's word, or a department's canonical name
    classes: dict[str, str] = field(default_factory=dict)
    # term -> the terms a search for it also looks for
    expansions: dict[str, list[str]] = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)  # canonical names, file order


def load_vocabulary(corpus: Path) -> Vocabulary:
    """Read the three files of ``corpus`` (each may be absent); raise ``CorpusError``."""
    vocab, problems = read_vocabulary(corpus)
    if problems:
        raise CorpusError(problems)
    return vocab


def read_vocabulary(corpus: Path) -> tuple[Vocabulary, list[Problem]]:
    """The vocabulary of ``corpus`` and every problem of its files."""
    vocab = Vocabulary()
    problems: list[Problem] = []
    if (corpus / DICTIONARY).is_file():
        problems += read_dictionary(corpus / DICTIONARY, vocab)
    if (corpus / DEPARTMENTS).is_file():
        problems += read_departments(corpus / DEPARTMENTS, vocab)
    if (corpus / SYNONYMS).is_file():
        problems += read_synonyms(corpus / SYNONYMS, vocab)
    return vocab, problems


def term_problem(term: str) -> str | None:
    """Why ``term`` cannot be a search term, or None when it can."""
    norm = normalize(term)
    match = PIECE.fullmatch(norm)
    if not norm:
        return "词语为空"
    if match is None or match.lastgroup != "run":
        return f"“{term}”不能作为一个词：只能由汉字和拉丁字母组成，不含空格、标点和数字"
    return None


def yaml_problem(file: str, code: str, exc: Exception) -> Problem:
    """A file that cannot be read as YAML, at the line where the broken construct starts."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(file, 0, "error", code, f"无法读取：{exc}")
    mark = exc.context_mark or exc.problem_mark
    line = mark.line + 1 if mark is not None else 0
    detail = "；".join(str(x) for x in (exc.context, exc.problem) if x)
    return Problem(file, line, "error", code, f"不是合法的 YAML（{detail}）")


# --------------------------------------------------------------------------- dictionary.txt


def read_dictionary(path: Path, vocab: Vocabulary) -> list[Problem]:
    file = display_path(path)
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def bad(line: int, message: str) -> None:
        problems.append(Problem(file, line, "error", "search-dictionary", message))

    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(file, 0, "error", "search-dictionary", f"无法按 UTF-8 读取：{exc}")]
    for number, line in enumerate(lines, 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 3:
            bad(number, "每行应为“词语 [词频] [词性]”，用空格分隔；词语中不能有空格")
            continue
        word = fields[0]
        if problem := term_problem(word):
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
        vocab.terms.append((key, freq))
    return problems


# --------------------------------------------------------------------------- departments.yaml


def read_departments(path: Path, vocab: Vocabulary) -> list[Problem]:
    """Each department's names as one class; a name shared by several expands to each."""
    file = display_path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [yaml_problem(file, "search-departments", exc)]
    entries = data.get("departments") if isinstance(data, dict) else None
    groups: list[tuple[str, list[str]]] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue  # kb/gazetteer.py reports malformed entries
        if term_problem(entry["name"]):
            continue  # not one word (punctuation): found by the words of its name only
        names = [entry["name"], entry.get("short"), *(entry.get("aliases") or [])]
        clean = [normalize(n) for n in names if isinstance(n, str) and not term_problem(n)]
        groups.append((clean[0], clean))
    owners: dict[str, list[str]] = {}
    for head, names in groups:
        for name in dict.fromkeys(names):
            owners.setdefault(name, []).append(head)
    for head, names in groups:
        vocab.departments.append(head)
        for name in dict.fromkeys(names):
            vocab.terms.append((name, None))
            if len(owners[name]) == 1:
                vocab.classes[name] = head
            else:
                vocab.expansions[name] = list(owners[name])
    return []


# --------------------------------------------------------------------------- synonyms.yaml


def read_synonyms(path: Path, vocab: Vocabulary) -> list[Problem]:
    file = display_path(path)
    problems: list[Problem] = []

    def bad(node: yaml.Node, message: str) -> None:
        problems.append(Problem(file, node_line(node), "error", "search-synonyms", message))

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [yaml_problem(file, "search-synonyms", exc)]
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        bad(root, "文件顶层应为映射，键为 same 和 expand")
        return problems
    sections: dict[str, list[tuple[yaml.Node, str, list[tuple[yaml.Node, str]]]]] = {}
    for key_node, value_node in root.value:
        if key_node.value not in SYNONYM_KEYS:
            bad(key_node, f"未知的键“{key_node.value}”：应为 same（同义）或 expand（扩展）")
        elif key_node.value in sections:
            bad(key_node, f"键“{key_node.value}”重复")
        else:
            sections[key_node.value] = list(_entries(value_node, bad))
    if problems:
        return problems
    _add_same(sections.get("same", []), vocab, bad)
    _add_expand(sections.get("expand", []), vocab, bad)
    return problems


Bad = Callable[[yaml.Node, str], None]


def _entries(
    node: yaml.Node, bad: Bad
) -> Iterator[tuple[yaml.Node, str, list[tuple[yaml.Node, str]]]]:
    """(node, key, [(node, word)]) of a ``词语: [词语, …]`` mapping, checked."""
    if not isinstance(node, yaml.MappingNode):
        bad(node, "应为映射：每行“规划用语: [别称, 别称, …]”")
        return
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if problem := term_problem(str(key)):
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
            if not isinstance(word, str) or (problem := term_problem(word)):
                bad(item, problem if isinstance(word, str) and problem else "列表项应为词语")
                continue
            words.append((item, word))
        yield key_node, key, words


def _add_same(
    entries: list[tuple[yaml.Node, str, list[tuple[yaml.Node, str]]]],
    vocab: Vocabulary,
    bad: Bad,
) -> None:
    departments = set(vocab.departments)
    where: dict[str, int] = {}  # term -> line of the synonym group that has it
    for key_node, key, words in entries:
        line = node_line(key_node)
        group = [normalize(key)] + [normalize(w) for _, w in words]
        for node, term in zip([key_node] + [n for n, _ in words], group, strict=True):
            if term in where and where[term] != line:
                bad(node, f"“{term}”已在第 {where[term]} 行的同义词组中：一个词只能属于一组")
                return
            where[term] = line
        # a group may extend a department's names (卫健局 …), never join two departments
        owned = sorted({vocab.classes[t] for t in group if t in vocab.classes} & departments)
        if len(owned) > 1:
            bad(key_node, f"这一组把不同的单位（{'、'.join(owned)}）连在了一起")
            return
        head = owned[0] if owned else group[0]
        for term in group:
            vocab.terms.append((term, None))
            vocab.classes[term] = head


def _add_expand(
    entries: list[tuple[yaml.Node, str, list[tuple[yaml.Node, str]]]],
    vocab: Vocabulary,
    bad: Bad,
) -> None:
    for _, key, words in entries:
        term = normalize(key)
        targets = [normalize(w) for _, w in words]
        vocab.terms += [(t, None) for t in (term, *targets)]
        known = vocab.expansions.setdefault(term, [])
        known += [t for t in targets if t not in known and t != term]
