"""Nodes under construction: what the parser builds before it is frozen into the model."""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.text import SourceLine


@dataclass(eq=False)
class Node:
    """A plan, section, domain or item being parsed; ``kb.parse.freeze`` freezes it."""

    id: str
    type: str  # plan, section, domain, item, project
    kind: str  # section kind, or goal/measure for items
    plan: str
    parent: Node | None
    number: int | None = None
    heading: str = ""
    texts: list[str] = field(default_factory=list)
    text_lines: list[int] = field(default_factory=list)  # the line of each text
    own: list[int] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    first: int = 0
    last: int = 0
    meta: dict[str, str] = field(default_factory=dict)
    # ——, --, 一是 … lines of an item (or a 专栏 box): (line, marker, text)
    parts: list[tuple[int, str, str]] = field(default_factory=list)

    def take(self, line: SourceLine, text: str | None = None) -> None:
        """Own ``line``; ``text`` (if given) becomes part of this node's text."""
        self.own.append(line.number)
        if text is not None and text:
            self.texts.append(text)
            self.text_lines.append(line.number)
        node: Node | None = self
        while node is not None:
            node.first = min(node.first, line.number) if node.first else line.number
            node.last = max(node.last, line.number)
            node = node.parent

    def open(self, node_id: str, type_: str, kind: str, **fields: object) -> Node:
        """A new child of this node."""
        child = Node(node_id, type_, kind, self.plan, self, **fields)  # type: ignore[arg-type]
        self.children.append(child)
        return child

    def walk(self) -> list[Node]:
        """This node and its descendants, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class Parsed:
    """What the parser hands to ``freeze``: the plans and the lines before them."""

    file: str
    slug: str
    plans: list[Node]
    notice_lines: list[SourceLine]
    line_count: int
