"""Turn the parser's nodes into the frozen model, with the document's place and level."""

from __future__ import annotations

from typing import cast

from kb.model import (
    Document,
    Domain,
    Item,
    ItemKind,
    Notice,
    Part,
    Plan,
    PlanCode,
    Project,
    Section,
    Span,
)
from kb.parse.nodes import Node, Parsed
from kb.parse.notice import parse_notice
from kb.parse.place import citations, level_of, place_of
from kb.text import first_sentence

# Where a plan says what it follows: the notice and these sections.
CITING_KINDS = ("preface", "guidance", "framework", "chapter", "overall")


def span_of(file: str, node: Node) -> Span:
    return Span(file, node.first, node.last, tuple(sorted(node.own)))


def freeze(parsed: Parsed) -> Document:
    file, slug = parsed.file, parsed.slug
    plans, sections, domains, items, projects = [], [], [], [], []
    for plan_node in parsed.plans:
        plans.append(
            Plan(
                doc=slug,
                id=cast(PlanCode, plan_node.plan),
                title=plan_node.heading,
                region=plan_node.meta["region"],
                period=plan_node.meta["period"],
                span=span_of(file, plan_node),
            )
        )
        for node in plan_node.walk()[1:]:
            if node.type == "section":
                sections.append(freeze_section(slug, file, node))
            elif node.type == "domain":
                domains.append(freeze_domain(slug, file, node))
            elif node.type == "item":
                items.append(freeze_item(slug, file, node))
            elif node.type == "project":
                projects.append(freeze_project(slug, file, node))
    notice = parse_notice(file, parsed.notice_lines)
    title = notice.title if notice and notice.title else (plans[0].title if plans else "")
    place = place_of(plans[0].region if plans else "", notice.issuer if notice else "")
    cited = citations(citing_paragraphs(notice, sections), place)
    return Document(
        slug=slug,
        file=file,
        title=title,
        notice=notice,
        plans=tuple(plans),
        sections=tuple(sections),
        domains=tuple(domains),
        items=tuple(items),
        line_count=parsed.line_count,
        level=level_of(place, (c.place for c in cited)),
        place=place,
        implements=cited,
        projects=tuple(projects),
    )


def citing_paragraphs(notice: Notice | None, sections: list[Section]) -> list[tuple[int, str]]:
    paragraphs: list[tuple[int, str]] = []
    if notice is not None:
        lines = notice.span.own_lines
        paragraphs += [
            (lines[0] if lines else 0, notice.title),
            (lines[0] if lines else 0, notice.body),
        ]
    for section in sections:
        if section.kind in CITING_KINDS:
            paragraphs += section.paragraphs
    return paragraphs


def freeze_section(slug: str, file: str, node: Node) -> Section:
    return Section(
        doc=slug,
        id=node.id,
        plan=cast(PlanCode, node.plan),
        kind=node.kind,
        parent=node.parent.id if node.parent is not None else None,
        number=node.number,
        heading=node.heading,
        text="\n".join(node.texts),
        paragraphs=tuple(zip(node.text_lines, node.texts, strict=True)),
        span=span_of(file, node),
    )


def freeze_domain(slug: str, file: str, node: Node) -> Domain:
    return Domain(
        doc=slug,
        id=node.id,
        plan=cast(PlanCode, node.plan),
        number=node.number or 0,
        name=node.heading,
        intro="\n".join(node.texts),
        span=span_of(file, node),
        goal_ids=tuple(child.id for child in node.children if child.kind == "goal"),
        measure_ids=tuple(child.id for child in node.children if child.kind == "measure"),
    )


def freeze_parts(node: Node) -> tuple[Part, ...]:
    return tuple(Part(line, marker, text) for line, marker, text in node.parts)


def freeze_item(slug: str, file: str, node: Node) -> Item:
    text = "\n".join(node.texts)
    assert node.parent is not None
    return Item(
        doc=slug,
        id=node.id,
        plan=cast(PlanCode, node.plan),
        domain=node.parent.id,
        kind=cast(ItemKind, node.kind),
        number=node.number or 0,
        text=text,
        title=first_sentence(text) if node.kind == "measure" else None,
        span=span_of(file, node),
        parts=freeze_parts(node),
        text_lines=tuple(node.text_lines),
    )


def freeze_project(slug: str, file: str, node: Node) -> Project:
    assert node.parent is not None
    parent = node.parent.id if node.parent.type == "domain" else node.plan
    text = "\n".join(node.texts)
    return Project(
        doc=slug,
        id=node.id,
        plan=cast(PlanCode, node.plan),
        parent=parent,
        number=node.number or 0,
        title=node.heading or first_sentence(text),
        text=text,
        span=span_of(file, node),
        parts=freeze_parts(node),
    )
