"""The losslessness check shared by tests: every non-blank line in exactly one node."""

from __future__ import annotations

from collections import Counter

from kb.lines import classify
from kb.model import Document
from kb.text import SourceLine, split_lines, squeeze


def owners(document: Document) -> Counter[int]:
    counts: Counter[int] = Counter()
    nodes = [*document.plans, *document.sections, *document.domains, *document.items]
    if document.notice is not None:
        counts.update(document.notice.span.own_lines)
    for node in nodes:
        counts.update(node.span.own_lines)
    return counts


def material(document: Document) -> dict[int, str]:
    """For each owned line, the text its node holds (squeezed)."""
    out: dict[int, str] = {}
    parts: list[tuple[tuple[int, ...], str]] = []
    notice = document.notice
    if notice is not None:
        whole = notice.issuer + notice.title + notice.addressees + notice.body + notice.date_text
        parts.append((notice.span.own_lines, whole))
    for plan in document.plans:
        parts.append((plan.span.own_lines, plan.title))
    for section in document.sections:
        parts.append((section.span.own_lines, section.heading + section.text))
    for domain in document.domains:
        parts.append((domain.span.own_lines, domain.name + domain.intro + "主要目标策略措施"))
    for item in document.items:
        parts.append((item.span.own_lines, item.text))
    for lines, text in parts:
        for line in lines:
            out[line] = squeeze(text)
    return out


def assert_lossless(document: Document, source: str) -> None:
    lines = split_lines(source)
    nonblank = {line.number for line in lines if line.text}
    counts = owners(document)
    missing = sorted(nonblank - set(counts))
    twice = sorted(n for n, c in counts.items() if c > 1)
    stray = sorted(set(counts) - nonblank)
    assert not missing, f"lines owned by no node: {missing}"
    assert not twice, f"lines owned by more than one node: {twice}"
    assert not stray, f"nodes claim blank or missing lines: {stray}"
    held = material(document)
    for line in lines:
        if line.text:
            body = squeeze(without_number(line))
            assert body in held[line.number], f"line {line.number} not kept: {line.text!r}"


def without_number(line: SourceLine) -> str:
    """The words of a line without its leading number (``1.``, ``（一）``, ``一、``)."""
    token = classify(line)
    if token.kind in ("numbered", "section"):
        return token.rest
    if token.kind in ("chapter", "goals", "measures", "preface"):
        return token.title
    return line.text
