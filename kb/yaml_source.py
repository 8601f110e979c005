"""People-edited YAML files, read so that every mistake names its file and line.

The curated tables in ``corpus/`` (``departments.yaml``, ``subjects.yaml``) are
composed, not loaded: each node keeps the line it starts on.  A reader checks
the nodes through a ``YamlSource`` and raises a ``SourceError`` on the first
mistake -- ``file:line: message``, the message in Chinese saying what was
expected.  Each table has its own subclass (``GazetteerError`` …) so that
callers can tell the files apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml

from kb.errors import KbError

# A 1-based line; "?" when there is none, or the name of a key for a whole section.
Where = int | str


class SourceError(KbError):
    """A bad people-edited YAML file: the file, where in it and what is wrong (in Chinese)."""

    def __init__(self, file: str, line: Where, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


def node_line(node: yaml.Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def line_of(node: yaml.Node | None) -> Where:
    """The line of ``node``, or "?" when there is no node (an empty file)."""
    return node_line(node) if node is not None else "?"


@dataclass(frozen=True)
class YamlSource:
    """One composed YAML file and the error type its mistakes are raised as."""

    file: str
    root: yaml.Node | None
    error: type[SourceError] = SourceError

    @classmethod
    def read(cls, path: Path, error: type[SourceError] = SourceError) -> YamlSource:
        """Compose ``path``; a syntax error is raised at the line where the parser stopped."""
        file = str(path)
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line: Where = mark.line + 1 if mark is not None else "?"
            raise error(file, line, f"不是合法的 YAML：{exc}") from exc
        return cls(file, root, error)

    def fail(self, at: yaml.Node | Where | None, message: str) -> NoReturn:
        """Raise the file's error at a node (its line), a line, or a key."""
        line = at if isinstance(at, int | str) else line_of(at)
        raise self.error(self.file, line, message)

    def mapping(
        self, node: yaml.Node | None, what: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        """The values of a mapping by key; unknown and repeated keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what}应当是键值表")
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed:
                self.fail(key_node, f"未知的键“{key}”；{what}允许的键：{'、'.join(allowed)}")
            if key in result:
                self.fail(key_node, f"{what}中键“{key}”重复")
            result[key] = value_node
        return result
