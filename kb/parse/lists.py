"""The lists of a domain: numbered goals and measures, their parts, key projects and boxes.

A mixin of the parser (``kb.parse.parser``): the handlers of the tokens inside a
domain, and the checks of their numbering.

* ``1.`` items open a goal, measure or project of the list the last heading
  (主要目标 / 策略措施 / 重点项目) opened; a heading may carry its first item
  (主要目标：1.…).
* ``——`` / ``--`` bullets and 一是/二是 lines are parts of the item above them
  (their line and text kept); under a heading with no numbered item they are the
  items, numbered in order.
* ``重点项目`` lists and ``专栏`` boxes are projects (``C1-P3``), never part of
  the last measure.
* A domain with goals but no measures (a page that published the goals) is a
  warning, not an error; a list's first number may be any (a page that starts at
  measure 9 says so as a note).
"""

from __future__ import annotations

import re

from kb.errors import Level, Problem
from kb.labels import KIND_NAMES
from kb.parse.lines import SENTENCE_END, Token, reclassify
from kb.parse.nodes import Node
from kb.parse.template import domain_name_problem
from kb.text import SourceLine, first_sentence

LONE_NUMBER = re.compile(r"[0-9０-９]{1,3}\s*[.．、]|[（(][一二三四五六七八九十0-9]+[)）]")
LIST_KINDS = {"goals": "goal", "measures": "measure", "projects": "project"}
KIND_CODES = {"goal": "G", "measure": "M", "project": "P"}  # W1-G2, C5-M3, C1-P3
LIST_NAMES = {**KIND_NAMES, "project": "重点项目"}


class ListsMixin:
    file: str
    problems: list[Problem]
    plans: list[Node]
    seen_numbers: dict[str, int]
    plan: Node | None
    chapter: Node | None
    container: Node | None
    domain: Node | None
    list_kind: str | None
    item: Node | None
    box: Node | None

    def feed(self, token: Token) -> None:  # pragma: no cover - the parser's
        raise NotImplementedError

    def implicit_preface(self, token: Token) -> Node | None:  # pragma: no cover
        raise NotImplementedError

    # -- problems -----------------------------------------------------------

    def report(self, line: int, level: Level, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, level, code, message))

    def domain_name_problem(self, plan: str, name: str) -> str | None:
        return domain_name_problem(plan, name)

    def check_number(self, scope: str, token: Token, what: str) -> bool:
        """Numbers run on by one within ``scope``; report gaps and repeats.

        The first number of a list may be any: a page that starts at measure 9,
        or a plan that numbers its goals on across domains, says so as a note.
        """
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
        if previous == 0 and token.number != 1:
            self.report(
                token.line.number,
                "info",
                "numbering-start",
                f"{what}从第 {token.number} 条开始编号（前面的条目不在这里）；编号照原文",
            )
        elif token.number != expected:
            self.report(
                token.line.number,
                "warning",
                "numbering-gap",
                f"{what}编号不连续：应为 {expected}，实际为 {token.number}",
            )
        self.seen_numbers[scope] = token.number
        return True

    def list_scope(self) -> str | None:
        if self.list_kind is None:
            return None
        owner = self.domain or self.plan
        return f"{owner.id}-{KIND_CODES[self.list_kind]}" if owner is not None else None

    def expects(self, token: Token) -> bool:
        """Is ``token`` the next number of the list it would join?"""
        if (scope := self.list_scope()) is not None:
            pass
        elif self.container is not None and self.container.kind == "principles":
            scope = self.container.id
        else:
            return False
        return token.number == self.seen_numbers.get(scope, 0) + 1

    # -- lists ----------------------------------------------------------------

    def leave_domain(self) -> None:
        if self.domain is not None:
            kinds = {child.kind for child in self.domain.children}
            if not kinds & {"goal", "measure"}:
                self.report(
                    self.domain.first,
                    "error",
                    "missing-items",
                    f"领域“{self.domain.heading}”没有任何条目：应有“主要目标：”“策略措施：”"
                    "标题及其下编号条目（1. 2. …）",
                )
            for kind, other in (("goal", "measure"), ("measure", "goal")):
                if kind in kinds and other not in kinds:
                    self.report(
                        self.domain.first,
                        "warning",
                        f"missing-{other}s",
                        f"领域“{self.domain.heading}”只有“{KIND_NAMES[kind]}”，没有"
                        f"“{KIND_NAMES[other]}”（按领域分开发布的页面常这样）；"
                        f"完整的规划应有“{KIND_NAMES[other]}：”及其下编号条目",
                    )
        self.domain = None
        self.list_kind = None
        self.item = None
        self.box = None

    def start_list(self, kind: str) -> None:
        self.list_kind, self.item, self.box = kind, None, None

    def on_list_heading(self, token: Token) -> None:
        kind = LIST_KINDS[token.kind]
        if self.domain is None and not (kind == "project" and self.plan is not None):
            self.report(
                token.line.number,
                "error",
                "heading-outside-domain",
                f"“{token.title}”不在任何发展领域之下：应先有“（一）××与××”领域标题",
            )
            self.take_text(token)
            return
        owner = self.domain or self.plan
        assert owner is not None
        if self.domain is not None and any(c.kind == kind for c in self.domain.children):
            self.report(
                token.line.number,
                "warning",
                "repeated-heading",
                f"领域“{self.domain.heading}”中“{token.title}”重复出现",
            )
        self.start_list(kind)
        if not token.rest:
            owner.take(token.line)
            return
        first = reclassify(token, token.rest)  # 主要目标：1.…
        if first.kind in ("numbered", "part"):
            self.feed(first)
        else:
            owner.take(token.line, token.rest)

    def on_box(self, token: Token) -> None:
        """专栏1 妇女健康促进工程: a box of key projects, with the lines under it."""
        owner = self.domain or self.plan
        if owner is None:
            self.take_text(token)
            return
        number = token.number or sum(c.type == "project" for c in owner.children) + 1
        self.open_project(owner, number, token.title or token.marker, token)
        self.box = self.item

    def on_numbered(self, token: Token) -> None:
        if self.box is not None and not (self.expects(token) and self.box_closes(token)):
            self.add_part(self.box, token, f"{token.number}.")
            return
        self.box = None
        if token.typo and not self.mistyped_number(token):
            self.on_text(token)
        elif token.ambiguous and not self.expects(token):
            self.on_text(token)  # a decimal such as "1.5倍…", not an item number
        elif self.list_kind == "project":
            owner = self.domain or self.plan
            assert owner is not None
            self.open_project(owner, token.number, first_sentence(token.rest), token)
        elif self.chapter is not None and self.chapter.kind == "domains":
            self.open_item(token)
        elif self.container is not None and self.container.kind == "principles":
            self.open_principle(self.container, token)
        else:
            if self.container is not None and self.container.kind == "preface":
                self.report(
                    token.line.number,
                    "warning",
                    "unplaced-item",
                    f"编号条目“{token.line.text[:12]}…”不在任何发展领域之下，已归入前言：应先有"
                    "“二、发展领域、主要目标和策略措施”、“（一）××与××”和“主要目标：”或“策略措施：”",
                )
            self.on_text(token)

    def box_closes(self, token: Token) -> bool:
        """A number that continues the list outside the box (and not the box's own)."""
        assert self.box is not None
        own = sum(1 for _, marker, _ in self.box.parts if marker[:-1].isdigit())
        return token.number != own + 1

    def on_text(self, token: Token) -> None:  # pragma: no cover - the parser's
        raise NotImplementedError

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
        if not self.check_number(f"{domain.id}-{code}", token, LIST_NAMES[self.list_kind]):
            self.take_text(token)
            return
        item = domain.open(
            f"{domain.id}-{code}{token.number}", "item", self.list_kind, number=token.number
        )
        item.take(token.line, token.rest)
        self.item = item

    def open_project(self, owner: Node, number: int | None, heading: str, token: Token) -> None:
        """A key project (重点项目 item, 专栏 box, or section of a projects chapter)."""
        plan = owner.plan
        base = owner.id if owner.type == "domain" else plan
        scope = f"{base}-P"
        if number is None or not self.check_number(
            scope, Token("numbered", token.line, number), "重点项目"
        ):
            number = self.seen_numbers.get(scope, 0) + 1
            self.seen_numbers[scope] = number
        project = owner.open(
            f"{base}-P{number}", "project", "project", number=number, heading=heading
        )
        project.take(token.line, token.rest or token.line.text)
        self.item = project

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

    def on_part(self, token: Token) -> None:
        """——…, --…, 一是…: a part of the item above, or an item of its own."""
        if self.box is not None:
            self.add_part(self.box, token, token.marker)
        elif self.item is not None and self.item.meta.get("marker") == token.marker:
            assert self.domain is not None
            self.open_bullet_item(self.domain, token)  # the next —— goal of a —— list
        elif self.item is not None:
            self.add_part(self.item, token, token.marker)
        elif self.domain is not None and self.list_kind in ("goal", "measure"):
            self.open_bullet_item(self.domain, token)
        else:
            self.on_text(token)

    def add_part(self, node: Node, token: Token, marker: str) -> None:
        node.take(token.line, token.line.text)
        node.parts.append((token.line.number, marker, token.rest))

    def open_bullet_item(self, domain: Node, token: Token) -> None:
        """——孕产妇死亡率下降到12/10万以下。 right under 主要目标: an item, numbered in order."""
        assert self.list_kind is not None
        code = KIND_CODES[self.list_kind]
        number = self.seen_numbers.get(f"{domain.id}-{code}", 0) + 1
        self.seen_numbers[f"{domain.id}-{code}"] = number
        item = domain.open(f"{domain.id}-{code}{number}", "item", self.list_kind, number=number)
        item.take(token.line, token.rest)
        item.meta["marker"] = token.marker
        self.item = item

    def take_text(self, token: Token) -> None:
        """Give a line of plain text to the node it continues."""
        if LONE_NUMBER.fullmatch(token.line.text):
            self.report(
                token.line.number,
                "warning",
                "lone-number",
                f"这一行只有序号“{token.line.text}”，没有内容：可能是复制时断了行，"
                "应与下一行的内容写在同一行",
            )
        if self.box is not None:
            self.box.take(token.line, token.line.text)
            return
        if self.item is not None and self.item.type == "project":
            self.item.take(token.line, token.line.text)
            return
        if self.item is not None:
            if looks_like_heading(token.line):
                self.report(
                    token.line.number,
                    "warning",
                    "unplaced-heading",
                    f"“{token.line.text}”像一个标题（没有句号），却写在{self.item.id}之后，"
                    f"已归入{self.item.id}：重点项目应写作“重点项目：”或“专栏1 ××”，"
                    "新的领域应写作“（一）××与××”",
                )
            self.item.take(token.line, token.line.text)
            return
        if self.domain is not None and self.list_kind is not None:
            self.report(
                token.line.number,
                "warning",
                "unplaced-line",
                f"“{LIST_NAMES[self.list_kind]}”标题后应为编号条目（如“1.”），这一行已归入领域说明",
            )
        target = self.container or self.implicit_preface(token)
        if target is not None and target.kind == "principles" and target.children:
            target = target.children[-1]
        if target is not None:
            target.take(token.line, token.line.text)


def looks_like_heading(line: SourceLine) -> bool:
    """A short line with no full stop or comma: a heading, not a paragraph."""
    text = line.text.strip()
    return (
        2 <= len(text) <= 16
        and not SENTENCE_END.search(text)
        and not any(ch in text for ch in "，,、：:（(")
    )
