"""Parse one plan document into the model.

The tokens from ``kb.parse.lines`` are fed, in order, to a small state machine
that knows where it stands (which plan, chapter, domain and list).  Each token
kind has one handler, listed in ``HANDLERS``.  Problems are collected with the
file and line; the parse goes on after an error so that ``kb check`` can report
every problem at once.  Every non-blank line is given to exactly one node.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.errors import Level, Problem
from kb.labels import KIND_NAMES, PLAN_NAMES
from kb.parse.lines import Token, TokenKind, tokenize
from kb.parse.nodes import Node, Parsed
from kb.parse.template import CHAPTER_ROLES, FRAMEWORK_KINDS, domain_name_problem
from kb.text import SourceLine, first_sentence, split_lines

LIST_KINDS = {"goals": "goal", "measures": "measure"}
KIND_CODES = {"goal": "G", "measure": "M"}  # W1-G2, C5-M3


class Parser:
    def __init__(self, file: str, slug: str):
        self.file = file  # for messages
        self.slug = slug
        self.problems: list[Problem] = []
        self.plans: list[Node] = []
        self.notice_lines: list[SourceLine] = []
        self.seen_numbers: dict[str, int] = {}
        self.plan: Node | None = None
        self.chapter: Node | None = None
        self.container: Node | None = None  # where plain text goes
        self.domain: Node | None = None
        self.list_kind: str | None = None
        self.item: Node | None = None

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
        if token.typo:
            self.report(
                token.line.number,
                "error",
                "bad-plan-title",
                f"规划标题写法有误：“{token.typo}”；应为“××{PLAN_NAMES[token.plan]}（2021-2030年）”",
            )
        if any(plan.plan == token.plan for plan in self.plans):
            self.report(
                token.line.number,
                "error",
                "duplicate-plan",
                f"同一文件中第二次出现{PLAN_NAMES[token.plan]}：每份文件每类规划只能有一部",
            )
        plan = Node(token.plan, "plan", "plan", token.plan, None, heading=token.line.text)
        plan.meta = {"region": token.title, "period": token.period}
        plan.take(token.line)
        self.plans.append(plan)
        self.plan, self.chapter, self.container = plan, None, None

    def on_preface(self, token: Token) -> None:
        plan = self.require_plan(token)
        if plan is None:
            return
        self.leave_domain()
        self.container = plan.open(f"{plan.plan}-preface", "section", "preface", heading="前言")
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
        self.chapter = plan.open(node_id, "section", role, number=token.number, heading=token.title)
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
            node = chapter.open(
                f"{chapter.id}-{token.number}",
                "section",
                "paragraph",
                number=token.number,
                heading=token.title,
            )
            node.take(token.line, token.rest)
            self.container = node

    def open_domain(self, chapter: Node, token: Token) -> None:
        self.leave_domain()
        if not self.check_number(chapter.id, token, "发展领域"):
            self.container = chapter
            chapter.take(token.line, token.line.text)
            return
        name = token.rest.rstrip("。：:").strip()
        if problem := domain_name_problem(chapter.plan, name):
            self.report(token.line.number, "warning", "domain-name", problem)
        domain = chapter.open(
            f"{chapter.plan}{token.number}", "domain", "domain", number=token.number, heading=name
        )
        domain.take(token.line)
        self.domain = self.container = domain

    def open_framework_section(self, chapter: Node, token: Token) -> None:
        kind = next((k for word, k in FRAMEWORK_KINDS if token.title.startswith(word)), "section")
        self.check_number(chapter.id, token, "小节")
        node_id = f"{chapter.plan}-{kind}" if kind != "section" else f"{chapter.id}-{token.number}"
        node = chapter.open(node_id, "section", kind, number=token.number, heading=token.title)
        extra = token.rest[len(token.title) :].lstrip("。：: ")
        node.take(token.line, extra)
        self.container = node

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
        if token.typo and not self.mistyped_number(token):
            self.on_text(token)
        elif token.ambiguous and not self.expects(token):
            self.on_text(token)  # a decimal such as "1.5倍…", not an item number
        elif self.chapter is not None and self.chapter.kind == "domains":
            self.open_item(token)
        elif self.container is not None and self.container.kind == "principles":
            self.open_principle(self.container, token)
        else:
            self.on_text(token)

    def mistyped_number(self, token: Token) -> bool:
        """``2，`` or ``（2）`` where item 2 is due: read as the item, and say so.

        ``（1）（2）`` under an item that already has a ``（1）`` line is its own
        sub-list, not a mistake.
        """
        if not self.expects(token):
            return False
        if token.typo.startswith(("（", "(")) and self.item is not None:
            sub_list = any(t.startswith(("（1）", "(1)", "（1)", "(1）")) for t in self.item.texts)
            if sub_list:
                return False
        self.report(
            token.line.number,
            "warning",
            "item-number-typo",
            f"序号“{token.typo}”写法不规范：应为“{token.number}.”或“{token.number}、”；"
            f"已按第 {token.number} 条处理",
        )
        return True

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
        item = domain.open(
            f"{domain.id}-{code}{token.number}", "item", self.list_kind, number=token.number
        )
        item.take(token.line, token.rest)
        self.item = item

    def open_principle(self, principles: Node, token: Token) -> None:
        if not self.check_number(principles.id, token, "基本原则"):
            self.take_text(token)
            return
        node = principles.open(
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

    def implicit_preface(self, token: Token) -> Node | None:
        plan = self.require_plan(token)
        if plan is None:
            return None
        self.container = plan.open(f"{plan.plan}-preface", "section", "preface", heading="前言")
        return self.container

    def require_plan(self, token: Token) -> Node | None:
        if self.plan is None:
            self.notice_lines.append(token.line)
        return self.plan

    def feed(self, token: Token) -> None:
        HANDLERS[token.kind](self, token)

    def finish(self) -> None:
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


Handler = Callable[[Parser, Token], None]

# One handler per token kind (tests/test_architecture.py checks that every kind has one).
HANDLERS: dict[TokenKind, Handler] = {
    "blank": Parser.on_blank,
    "plan-title": Parser.on_plan_title,
    "preface": Parser.on_preface,
    "goals": Parser.on_list_heading,
    "measures": Parser.on_list_heading,
    "chapter": Parser.on_chapter,
    "section": Parser.on_section,
    "numbered": Parser.on_numbered,
    "text": Parser.on_text,
}


def run_parser(text: str, display: str, file: str, slug: str) -> tuple[Parsed, list[Problem]]:
    """Feed every line of ``text`` to a parser; ``display`` names the file in messages."""
    lines = split_lines(text)
    parser = Parser(display, slug)
    for token in tokenize(lines):
        parser.feed(token)
    parser.finish()
    return Parsed(file, slug, parser.plans, parser.notice_lines, len(lines)), parser.problems
