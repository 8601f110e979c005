"""Parsing plan texts into the model: lines → tokens → nodes → frozen documents.

    lines     the line rules: one small function per pattern of the layout
    template  what the national 纲要 fixes: chapter roles, domain names
    nodes     nodes under construction
    parser    the state machine, one handler per token kind
    lists     its handlers of a domain's lists: items, parts, key projects
    place     a document's place, level and the plans it implements
    notice    the covering notice in front of the plans
    freeze    nodes → the frozen model

``parse_plan`` parses one decoded plan of a loaded corpus; ``parse_corpus``
all of them.
"""

from __future__ import annotations

from kb.corpus import Corpus, PlanText
from kb.errors import Problem
from kb.model import Document, Domain, Item, Plan, Project, Section
from kb.parse.freeze import freeze
from kb.parse.parser import run_parser
from kb.progress import Progress, Step, silent


def parse_text(
    text: str, file: str, slug: str, display: str | None = None
) -> tuple[Document | None, list[Problem]]:
    """Parse a decoded document; return it (``None`` on errors) and all problems.

    ``file`` is the name the outputs record; ``display`` (default ``file``)
    the name the messages use.
    """
    shown = display or file
    parsed, problems = run_parser(text, shown, file, slug)
    document = freeze(parsed)
    problems = sorted(problems + check_ids(document, shown), key=lambda p: p.line)
    if any(p.level == "error" for p in problems):
        return None, problems
    return document, problems


def parse_plan(plan: PlanText) -> tuple[Document | None, list[Problem]]:
    return parse_text(plan.text, plan.file, plan.slug, plan.display)


def parse_corpus(
    corpus: Corpus, progress: Progress = silent
) -> tuple[list[Document], list[Problem]]:
    """Every plan of ``corpus`` that parsed, and every problem found."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for number, plan in enumerate(corpus.plans, 1):
        progress(Step("解析", number, len(corpus.plans), plan.file.rpartition("/")[2]))
        document, found = parse_plan(plan)
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems


def check_ids(document: Document, file: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    nodes: list[Section | Domain | Item | Plan | Project] = [
        *document.plans,
        *document.sections,
        *document.domains,
        *document.items,
        *document.projects,
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
