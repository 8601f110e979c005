"""People-edited YAML files, read so that every mistake names its file and line.

The curated tables in ``corpus/`` (``departments.yaml``, ``subjects.yaml``,
``synonyms.yaml``) are composed, not loaded: each node keeps the line it
starts on.  A reader walks the nodes through a ``YamlSource``, which collects
every mistake as a ``Problem`` (``file:line: 错误：…``, in Chinese, saying
what was expected) and lets the reader skip the bad entry and go on, so that
``kb check`` lists all of them at once.  PyYAML's own (English) messages never
reach the user: ``syntax_problem`` words the common ones in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from kb.errors import Problem

# libyaml when present: pure-Python YAML takes 0.4 s to compose the gazetteer.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULL_TAG = "tag:yaml.org,2002:null"

# PyYAML's messages (the start of ``problem``) in Chinese.
SYNTAX: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "这里不能出现冒号“:”：冒号后要有空格，或者上一行的缩进不对"),
    ("could not find expected ':'", "缺少冒号“:”：每个键后面应有“: ”"),
    ("found character '\\t'", "不能用制表符（Tab）缩进，请改用空格"),
    ("found character", "有不能出现在这里的字符（如 Tab、@、`），请用引号括起这个词"),
    ("found undefined alias", "“*”开头的词在 YAML 中有特殊含义，请用引号括起"),
    ("found unexpected end of stream", "文件意外结束：可能缺少右引号或右括号"),
    ("found unexpected ':'", "这里不能出现冒号“:”，请用引号括起这个词"),
    ("expected <block end>", "缩进不一致：同一层的条目应当对齐"),
    ("expected ',' or ']'", "方括号列表没有闭合：应为 [词, 词]"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合：应为 [词, 词]"),
    ("expected ',' or '}'", "花括号没有闭合"),
    ("did not find expected ',' or '}'", "花括号没有闭合"),
    ("expected the node content", "这里缺少内容：可能是括号没有闭合，或冒号后缺少值"),
    ("did not find expected node content", "这里缺少内容：可能是括号没有闭合，或冒号后缺少值"),
    ("did not find expected key", "缩进不一致或缺少“- ”：同一层的条目应当对齐"),
    ("did not find expected '-' indicator", "列表项应以“- ”开头并对齐"),
    ("found duplicate anchor", "“&”开头的词在 YAML 中有特殊含义，请用引号括起"),
)


def syntax_problem(file: str, code: str, exc: yaml.YAMLError) -> Problem:
    """A file that is not YAML, at the line where the broken construct starts, in Chinese."""
    # Where the broken construct starts (an unclosed bracket), else where parsing stopped.
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 0
    problem = str(getattr(exc, "problem", "") or "")
    detail = next((zh for en, zh in SYNTAX if problem.startswith(en)), "请检查缩进、冒号和引号")
    return Problem(file, line, "error", code, f"不是合法的 YAML：{detail}")


def node_line(node: yaml.Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


@dataclass
class YamlSource:
    """One composed YAML file, and the problems found while reading it."""

    file: str
    code: str  # the problems' code, e.g. "bad-gazetteer"
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def compose(cls, text: str, file: str, code: str) -> YamlSource:
        """Compose ``text``; a syntax error becomes the file's one problem (no root)."""
        source = cls(file, code)
        try:
            source.root = yaml.compose(text, Loader=LOADER)
        except yaml.YAMLError as exc:
            source.problems.append(syntax_problem(file, code, exc))
        return source

    def problem(self, at: yaml.Node | int | None, message: str) -> None:
        """Record a mistake at a node (its line) or a line (0: the whole file)."""
        line = at if isinstance(at, int) else node_line(at) if at is not None else 0
        self.problems.append(Problem(self.file, line, "error", self.code, message))

    @property
    def ok(self) -> bool:
        return not self.problems

    def mapping(
        self, node: yaml.Node | None, what: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node] | None:
        """The values of a mapping by key; unknown and repeated keys are reported and skipped."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what}应当是“键: 值”的表")
            return None
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed:
                self.problem(key_node, f"未知的键“{key}”；{what}允许的键：{'、'.join(allowed)}")
            elif key in result:
                self.problem(key_node, f"{what}中键“{key}”重复")
            else:
                result[key] = value_node
        return result

    def string(self, node: yaml.Node, what: str = "一个名称或词语") -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL_TAG:
            self.problem(node, f"这里应当是{what}")
            return None
        text = str(node.value).strip()
        if not text:
            self.problem(node, f"{what}不能为空")
            return None
        return text

    def strings(self, node: yaml.Node, example: str = "[词, 词]") -> list[tuple[yaml.Node, str]]:
        """A list of words with their nodes; bad and repeated entries are reported and skipped."""
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"这里应当是列表，如 {example}")
            return []
        found: list[tuple[yaml.Node, str]] = []
        for entry in node.value:
            text = self.string(entry)
            if text is None:
                continue
            if any(text == seen for _, seen in found):
                self.problem(entry, f"列表中“{text}”重复")
                continue
            found.append((entry, text))
        return found
