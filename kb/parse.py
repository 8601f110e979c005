"""Parse one plan document into the model.

The tokens from ``kb.lines`` are fed, in order, to a small state machine that
knows where it stands (which plan, chapter, domain and list).  Each token kind
has one handler.  Problems are collected with the file and line; the parse
goes on after an error so that ``kb check`` can report every problem at once.
Every non-blank line is given to exactly one node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.errors import Level, Problem
from kb.lines import Token, tokenize
from kb.model import KIND_CODES, KIND_NAMES, PLAN_NAMES, Document, Domain, Item, Plan, Section, Span
from kb.text import SourceLine, first_sentence, split_lines

# A chapter's role, by the words of its title (first match wins).
CHAPTER_ROLES = (
    ("组织实施", "implementation"),
    ("监测评估", "monitoring"),
    ("发展领域", "domains"),
    ("主要目标", "domains"),
    ("策略措施", "domains"),
    ("指导思想", "framework"),
    ("基本原则", "framework"),
    ("总体目标", "framework"),
)
FRAMEWORK_KINDS = (("指导思想", "guidance"), ("基本原则", "principles"), ("总体目标", "overall"))
LIST_KINDS = {"goals": "goal", "measures": "measure"}


@dataclass(eq=False)
class _Node:
    """A node under construction; frozen into a model dataclass at the end."""

    id: str
    type: str  # plan, section, domain, item
    kind: str  # section kind, or goal/measure for items
    plan: str
    parent: _Node | None
    number: int | None = None
    heading: str = ""
    texts: list[str] = field(default_factory=list)
    text_lines: list[int] = field(default_factory=list)  # the line of each text
    own: list[int] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    first: int = 0
    last: int = 0
    meta: dict[str, str] = field(default_factory=dict)

    def take(self, line: SourceLine, text: str | None = None) -> None:
        """Own ``line``; ``text`` (if given) becomes part of this node's text."""
        self.own.append(line.number)
        if text:
            self.texts.append(text)
            self.text_lines.append(line.number)
        node: _Node | None = self
        while node is not None:
            node.first = min(node.first, line.number) if node.first else line.number
            node.last = max(node.last, line.number)
            node = node.parent


class Parser:
    def __init__(self, file: str, slug: str):
        self.file = file
        self.slug = slug
        self.problems: list[Problem] = []
        self.plans: list[_Node] = []
        self.notice_lines: list[SourceLine] = []
        self.seen_numbers: dict[str, int] = {}
        self.plan: _Node | None = None
        self.chapter: _Node | None = None
        self.container: _Node | None = None  # where plain text goes
        self.domain: _Node | None = None
        self.list_kind: str | None = None
        self.item: _Node | None = None

    # -- problems -----------------------------------------------------------

    def report(self, line: int, level: Level, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, level, code, message))

    def check_number(self, scope: str, token: Token, what: str) -> bool:
        """Numbers run 1, 2, 3 … within ``scope``; report gaps and repeats."""
        assert token.number is not None
        previous = self.seen_numbers.get(scope, 0)
        expected = previous + 1
        if token.number <= previous:
            self.report(
                token.line.number,
                "error",
                "numbering-duplicate",
                f"{what}编号 {token.number} 重复或倒序：上一条是 {previous}，应为 {expected}",
            )
            return False
        if token.number != expected:
            self.report(
                token.line.number,
                "warning",
                "numbering-gap",
                f"{what}编号不连续：应为 {expected}，实际为 {token.number}",
            )
        self.seen_numbers[scope] = token.number
        return True

    def expects(self, token: Token) -> bool:
        """Is ``token`` the next number of the list it would join?"""
        if self.domain is not None and self.list_kind is not None:
            scope = f"{self.domain.id}-{KIND_CODES[self.list_kind]}"
        elif self.container is not None and self.container.kind == "principles":
            scope = self.container.id
        else:
            return False
        return token.number == self.seen_numbers.get(scope, 0) + 1

    # -- node helpers -------------------------------------------------------

    def open(self, parent: _Node, node_id: str, type_: str, kind: str, **fields: object) -> _Node:
        node = _Node(node_id, type_, kind, parent.plan, parent, **fields)  # type: ignore[arg-type]
        parent.children.append(node)
        return node

    def leave_domain(self) -> None:
        if self.domain is not None:
            for kind in ("goal", "measure"):
                if not any(child.kind == kind for child in self.domain.children):
                    self.report(
                        self.domain.first,
                        "error",
                        f"missing-{kind}s",
                        f"领域“{self.domain.heading}”没有“{KIND_NAMES[kind]}”条目："
                        f"应有“{KIND_NAMES[kind]}：”标题及其下编号条目",
                    )
        self.domain = None
        self.list_kind = None
        self.item = None

    # -- handlers, one per token kind ----------------------------------------

    def on_blank(self, token: Token) -> None:
        pass

    def on_plan_title(self, token: Token) -> None:
        self.leave_domain()
        if any(plan.plan == token.plan for plan in self.plans):
            self.report(
                token.line.number,
                "error",
                "duplicate-plan",
                f"同一文件中第二次出现{PLAN_NAMES[token.plan]}：每份文件每类规划只能有一部",
            )
        plan = _Node(token.plan, "plan", "plan", token.plan, None, heading=token.line.text)
        plan.meta = {"region": token.title, "period": token.period}
        plan.take(token.line)
        self.plans.append(plan)
        self.plan, self.chapter, self.container = plan, None, None

    def on_preface(self, token: Token) -> None:
        plan = self.require_plan(token)
        if plan is None:
            return
        self.leave_domain()
        self.container = self.open(
            plan, f"{plan.plan}-preface", "section", "preface", heading="前言"
        )
        self.container.take(token.line)

    def on_chapter(self, token: Token) -> None:
        plan = self.require_plan(token)
        if plan is None:
            return
        self.leave_domain()
        role = next((r for word, r in CHAPTER_ROLES if word in token.title), "chapter")
        node_id = (
            f"{plan.plan}-{role}" if role != "chapter" else f"{plan.plan}-chapter-{token.number}"
        )
        self.chapter = self.open(
            plan, node_id, "section", role, number=token.number, heading=token.title
        )
        self.chapter.take(token.line)
        self.container = self.chapter

    def on_section(self, token: Token) -> None:
        chapter = self.chapter
        if chapter is None:
            self.on_text(token)
            return
        if chapter.kind == "domains":
            self.open_domain(chapter, token)
        elif chapter.kind == "framework":
            self.open_framework_section(chapter, token)
        else:
            if not self.check_number(chapter.id, token, "段落"):
                self.on_text(token)
                return
            node = self.open(
                chapter,
                f"{chapter.id}-{token.number}",
                "section",
                "paragraph",
                number=token.number,
                heading=token.title,
            )
            node.take(token.line, token.rest)
            self.container = node

    def open_domain(self, chapter: _Node, token: Token) -> None:
        self.leave_domain()
        if not self.check_number(chapter.id, token, "发展领域"):
            self.container = chapter
            chapter.take(token.line, token.line.text)
            return
        name = token.rest.rstrip("。：:").strip()
        domain = self.open(
            chapter,
            f"{chapter.plan}{token.number}",
            "domain",
            "domain",
            number=token.number,
            heading=name,
        )
        domain.take(token.line)
        self.domain = self.container = domain

    def open_framework_section(self, chapter: _Node, token: Token) -> None:
        kind = next((k for word, k in FRAMEWORK_KINDS if token.title.startswith(word)), "section")
        self.check_number(chapter.id, token, "小节")
        node_id = f"{chapter.plan}-{kind}" if kind != "section" else f"{chapter.id}-{token.number}"
        node = self.open(
            chapter, node_id, "section", kind, number=token.number, heading=token.title
        )
        extra = token.rest[len(token.title) :].lstrip("。：: ")
        node.take(token.line, extra)
        self.container = node

    def on_goals(self, token: Token) -> None:
        self.on_list_heading(token)

    def on_measures(self, token: Token) -> None:
        self.on_list_heading(token)

    def on_list_heading(self, token: Token) -> None:
        if self.domain is None:
            self.report(
                token.line.number,
                "error",
                "heading-outside-domain",
                f"“{token.title}”不在任何发展领域之下：应先有“（一）××与××”领域标题",
            )
            self.take_text(token)
            return
        kind = LIST_KINDS[token.kind]
        if any(child.kind == kind for child in self.domain.children):
            self.report(
                token.line.number,
                "warning",
                "repeated-heading",
                f"领域“{self.domain.heading}”中“{token.title}”重复出现",
            )
        self.list_kind, self.item = kind, None
        self.domain.take(token.line)

    def on_numbered(self, token: Token) -> None:
        if token.ambiguous and not self.expects(token):
            self.on_text(token)  # a decimal such as "1.5倍…", not an item number
        elif self.chapter is not None and self.chapter.kind == "domains":
            self.open_item(token)
        elif self.container is not None and self.container.kind == "principles":
            self.open_principle(self.container, token)
        else:
            self.on_text(token)

    def open_item(self, token: Token) -> None:
        domain = self.domain
        if domain is None:
            self.report(
                token.line.number,
                "error",
                "item-outside-domain",
                "编号条目不在任何发展领域之下：应先有“（一）××与××”领域标题",
            )
            self.take_text(token)
            return
        if self.list_kind is None:
            self.report(
                token.line.number,
                "error",
                "missing-heading",
                f"领域“{domain.heading}”的编号条目前缺少标题：应先有“主要目标：”或“策略措施：”",
            )
            self.take_text(token)
            return
        code = KIND_CODES[self.list_kind]
        if not self.check_number(f"{domain.id}-{code}", token, KIND_NAMES[self.list_kind]):
            self.take_text(token)
            return
        item = self.open(
            domain, f"{domain.id}-{code}{token.number}", "item", self.list_kind, number=token.number
        )
        item.take(token.line, token.rest)
        self.item = item

    def open_principle(self, principles: _Node, token: Token) -> None:
        if not self.check_number(principles.id, token, "基本原则"):
            self.take_text(token)
            return
        node = self.open(
            principles,
            f"{principles.plan}-principle-{token.number}",
            "section",
            "principle",
            number=token.number,
            heading=first_sentence(token.rest),
        )
        node.take(token.line, token.rest)

    def on_text(self, token: Token) -> None:
        if self.plan is None:
            self.notice_lines.append(token.line)
            return
        self.take_text(token)

    def take_text(self, token: Token) -> None:
        """Give a line of plain text to the node it continues."""
        if self.item is not None:
            self.item.take(token.line, token.line.text)
            return
        if self.domain is not None and self.list_kind is not None:
            self.report(
                token.line.number,
                "warning",
                "unplaced-line",
                f"“{KIND_NAMES[self.list_kind]}”标题后应为编号条目（如“1.”），这一行已归入领域说明",
            )
        target = self.container or self.implicit_preface(token)
        if target is not None and target.kind == "principles" and target.children:
            target = target.children[-1]
        if target is not None:
            target.take(token.line, token.line.text)

    def implicit_preface(self, token: Token) -> _Node | None:
        plan = self.require_plan(token)
        if plan is None:
            return None
        self.container = self.open(
            plan, f"{plan.plan}-preface", "section", "preface", heading="前言"
        )
        return self.container

    def require_plan(self, token: Token) -> _Node | None:
        if self.plan is None:
            self.notice_lines.append(token.line)
        return self.plan

    def feed(self, token: Token) -> None:
        handler = getattr(self, "on_" + token.kind.replace("-", "_"))
        handler(token)

    def finish(self, line_count: int) -> None:
        self.leave_domain()
        if not self.plans:
            self.report(
                0,
                "error",
                "no-plan",
                "未找到规划标题：应有一行“××妇女发展规划（2021-2030年）”或“××儿童发展规划（2021-2030年）”",
            )
        for plan in self.plans:
            if not any(node.kind == "domains" for node in plan.children):
                self.report(
                    plan.first,
                    "error",
                    "no-domains",
                    f"{plan.heading}没有“发展领域、主要目标和策略措施”一章",
                )


def parse_text(text: str, file: str, slug: str) -> tuple[Document | None, list[Problem]]:
    """Parse a decoded document; return it (``None`` on errors) and all problems."""
    lines = split_lines(text)
    parser = Parser(file, slug)
    for token in tokenize(lines):
        parser.feed(token)
    parser.finish(len(lines))
    from kb.freeze import freeze  # local import keeps the two halves apart

    document = freeze(parser, len(lines))
    problems = sorted(parser.problems + check_ids(document, file), key=lambda p: p.line)
    if any(p.level == "error" for p in problems):
        return None, problems
    return document, problems


def check_ids(document: Document, file: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    nodes: list[Section | Domain | Item | Plan] = [
        *document.plans,
        *document.sections,
        *document.domains,
        *document.items,
    ]
    for node in nodes:
        if node.id in seen:
            problems.append(
                Problem(
                    file,
                    node.span.first,
                    "error",
                    "duplicate-id",
                    f"编号“{node.id}”重复：第 {seen[node.id]} 行已有同一编号",
                )
            )
        seen.setdefault(node.id, node.span.first)
    return problems


__all__ = ["Parser", "Span", "parse_text"]
