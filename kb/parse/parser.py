"""Parse one plan document into the model.

The tokens from ``kb.parse.lines`` are fed, in order, to a small state machine
that knows where it stands (which plan, chapter, domain, list, item, table of
contents or 专栏 box).  Each token kind has one handler, listed in
``HANDLERS``.  Problems are collected with the file and line; the parse goes on
after an error so that ``kb check`` can report every problem at once.  Every
non-blank line is given to exactly one node, and a line that fits no node of the
layout is reported (a warning; ``--strict`` makes it fatal), never merged
silently.  The lists (goals, measures, key projects) are ``kb.parse.lists``.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.errors import Problem
from kb.labels import PLAN_NAMES
from kb.parse.lines import Token, TokenKind, reclassify, tokenize
from kb.parse.lists import ListsMixin
from kb.parse.nodes import Node, Parsed
from kb.parse.template import CHAPTER_ROLES, FRAMEWORK_KINDS, template_number
from kb.text import SourceLine, split_lines

TITLE_LAYOUTS = (
    "应有一行“××妇女发展规划（2021-2030年）”或“××儿童发展纲要（2021—2030年）”"
    "（期限也可另起一行），或按领域发布时的“《××儿童发展规划（2021—2030年）》××领域主要目标”"
)


class Parser(ListsMixin):
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
        self.list_kind: str | None = None  # goal, measure, project
        self.item: Node | None = None
        self.box: Node | None = None  # an open 专栏 box
        self.toc: Node | None = None  # an open table of contents
        self.pending_title: Token | None = None  # a title whose period may follow

    # -- handlers, one per token kind ----------------------------------------

    def on_blank(self, token: Token) -> None:
        pass

    def on_plan_title(self, token: Token, lines: tuple[SourceLine, ...] = ()) -> None:
        self.leave_domain()
        if token.typo:
            self.report(
                token.line.number,
                "error",
                "bad-plan-title",
                f"规划标题写法有误：“{token.typo}”；应为“××{PLAN_NAMES[token.plan]}（2021-2030年）”"
                "或“××…发展纲要（2021-2030年）”",
            )
        if any(plan.plan == token.plan for plan in self.plans):
            self.report(
                token.line.number,
                "error",
                "duplicate-plan",
                f"同一文件中第二次出现{PLAN_NAMES[token.plan]}：每份文件每类规划只能有一部",
            )
        name = token.name or token.line.text
        plan = Node(token.plan, "plan", "plan", token.plan, None, heading=name)
        plan.meta = {"region": token.title, "period": token.period}
        for line in lines or (token.line,):
            plan.take(line)
        self.plans.append(plan)
        self.plan, self.chapter, self.container = plan, None, None
        if token.rest:  # 中国儿童发展纲要(2011-2020)(一)儿童与健康。
            plan.own.remove(token.line.number)
            self.feed(reclassify(token, token.rest))

    def on_title_head(self, token: Token) -> None:
        self.pending_title = token

    def on_period(self, token: Token) -> None:
        head, self.pending_title = self.pending_title, None
        if head is None:
            self.on_text(token)
            return
        name = f"{head.line.text}{token.line.text}"
        title = Token(
            "plan-title",
            head.line,
            title=head.title,
            plan=head.plan,
            period=token.period,
            name=name,
        )
        self.on_plan_title(title, (head.line, token.line))

    def on_excerpt(self, token: Token) -> None:
        """《××儿童发展规划（2021—2030年）》儿童与安全领域主要目标: one domain's list, alone."""
        if self.chapter is not None and self.chapter.kind != "domains":
            self.on_text(token)
            return
        if self.plan is None or self.plan.plan != token.plan:
            plan = Node(token.plan, "plan", "plan", token.plan, None, heading=token.name)
            plan.meta = {"region": token.rest, "period": token.period}
            self.plans.append(plan)
            self.plan, self.chapter, self.container = plan, None, None
        self.leave_domain()
        chapter = self.implicit_domains()
        number = template_number(token.plan, token.title) or len(chapter.children) + 1
        domain = chapter.open(
            f"{token.plan}{number}", "domain", "domain", number=number, heading=token.title
        )
        domain.take(token.line, token.line.text)
        self.domain = self.container = domain
        self.seen_numbers[chapter.id] = number
        self.start_list("goal" if token.marker == "主要目标" else "measure")

    def on_contents(self, token: Token) -> None:
        plan = self.require_plan(token)
        if plan is None:
            return
        self.toc = plan.open(f"{plan.plan}-contents", "section", "contents", heading=token.title)
        self.toc.take(token.line)

    def on_toc_entry(self, token: Token) -> None:
        if self.toc is None:
            self.feed(reclassify(token, token.line.text))
            return
        self.toc.take(token.line, token.line.text)

    def on_preface(self, token: Token) -> None:
        plan = self.require_plan(token)
        if plan is None:
            return
        self.leave_domain()
        self.container = plan.open(
            f"{plan.plan}-preface", "section", "preface", heading=token.title
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
        if any(child.id == node_id for child in plan.children):
            node_id = f"{node_id}-{token.number}"  # 二、基本原则 and 三、总体目标, chapters each
        self.chapter = plan.open(node_id, "section", role, number=token.number, heading=token.title)
        self.chapter.take(token.line)
        self.container = self.chapter
        if role == "projects":
            self.list_kind = "project"
        part = next((k for word, k in FRAMEWORK_KINDS if token.title.rstrip("。：:") == word), None)
        if role == "framework" and part is not None:  # 二、基本原则 as a chapter of its own
            self.container = self.chapter.open(
                f"{plan.plan}-{part}", "section", part, heading=word_of(part)
            )

    def on_section(self, token: Token) -> None:
        chapter = self.chapter
        if (chapter is None or chapter.kind not in ("domains", "framework", "projects")) and (
            self.plan is not None and template_number(self.plan.plan, _name(token)) is not None
        ):
            chapter = self.implicit_domains()  # a domain heading with no chapter above it
        if chapter is None:
            self.on_text(token)
            return
        if chapter.kind == "domains":
            self.open_domain(chapter, token)
        elif chapter.kind == "framework":
            self.open_framework_section(chapter, token)
        elif chapter.kind == "projects":
            self.open_project(chapter, token.number, token.title, token)
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
        name = _name(token)
        if problem := self.domain_name_problem(chapter.plan, name):
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

    def on_text(self, token: Token) -> None:
        if self.plan is None:
            self.notice_lines.append(token.line)
            return
        self.take_text(token)

    def implicit_domains(self) -> Node:
        """The chapter of domains, opened without a line when the text gives none."""
        assert self.plan is not None
        if self.chapter is not None and self.chapter.kind == "domains":
            return self.chapter
        existing = next((c for c in self.plan.children if c.kind == "domains"), None)
        self.chapter = existing or self.plan.open(
            f"{self.plan.plan}-domains",
            "section",
            "domains",
            heading="发展领域、主要目标和策略措施",
        )
        return self.chapter

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
        if self.pending_title is not None and token.kind not in ("blank", "period"):
            pending, self.pending_title = self.pending_title, None
            self.on_text(pending)  # a title line with no period under it
        if self.toc is not None and token.kind not in ("blank", "toc-entry"):
            self.toc = None
        if self.box is not None and token.kind in BOX_ENDS:
            self.box = None
        HANDLERS[token.kind](self, token)

    def finish(self) -> None:
        if self.pending_title is not None:
            pending, self.pending_title = self.pending_title, None
            self.on_text(pending)
        self.leave_domain()
        if not self.plans:
            self.report(0, "error", "no-plan", f"未找到规划标题：{TITLE_LAYOUTS}")
        for plan in self.plans:
            if not any(node.kind == "domains" for node in plan.children):
                self.report(
                    plan.first,
                    "error",
                    "no-domains",
                    f"{plan.heading}没有“发展领域、主要目标和策略措施”一章：应有“二、发展领域、"
                    "主要目标和策略措施”及其下“（一）××与××”领域",
                )


def word_of(kind: str) -> str:
    return next(word for word, k in FRAMEWORK_KINDS if k == kind)


def _name(token: Token) -> str:
    """A domain heading's name: （三）妇女与经济。 → 妇女与经济."""
    return token.rest.rstrip("。：:").strip()


# What closes an open 专栏 box.
BOX_ENDS = frozenset(
    {"plan-title", "title-head", "excerpt", "contents", "preface", "chapter", "section"}
    | {"goals", "measures", "projects", "box"}
)

Handler = Callable[[Parser, Token], None]

# One handler per token kind (tests/test_architecture.py checks that every kind has one).
HANDLERS: dict[TokenKind, Handler] = {
    "blank": Parser.on_blank,
    "plan-title": Parser.on_plan_title,
    "title-head": Parser.on_title_head,
    "period": Parser.on_period,
    "excerpt": Parser.on_excerpt,
    "contents": Parser.on_contents,
    "toc-entry": Parser.on_toc_entry,
    "preface": Parser.on_preface,
    "goals": Parser.on_list_heading,
    "measures": Parser.on_list_heading,
    "projects": Parser.on_list_heading,
    "box": Parser.on_box,
    "chapter": Parser.on_chapter,
    "section": Parser.on_section,
    "numbered": Parser.on_numbered,
    "part": Parser.on_part,
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
