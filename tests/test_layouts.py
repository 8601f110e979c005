"""Real sections of other places' plans (tests/data/layouts.yaml) parse with their counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml
from helpers import DATA, assert_lossless

from kb.model import Document
from kb.parse.freeze import freeze
from kb.parse.parser import run_parser

MANIFEST = yaml.safe_load((DATA / "layouts.yaml").read_text(encoding="utf-8"))["layouts"]


def parse(name: str) -> tuple[Document, list[str], str]:
    """The document (frozen even when the page is a fragment with errors) and problem codes."""
    path = DATA / "layouts" / f"{name}.txt"
    text = path.read_text(encoding="utf-8")
    parsed, problems = run_parser(text, f"layouts/{name}.txt", f"layouts/{name}.txt", name)
    return freeze(parsed), [p.code for p in problems], text


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_layout_parses_with_the_sources_counts(name: str) -> None:
    expected: dict[str, Any] = MANIFEST[name]
    document, codes, text = parse(name)
    assert Counter(codes) == Counter(expected["problems"]), codes
    assert [p.id for p in document.plans] == expected["plans"]
    assert (document.level, document.place) == (expected["level"], expected["place"])
    assert [f"{c.place}/{c.plan}" for c in document.implements] == expected["implements"]
    counts = {d.id: [len(d.goal_ids), len(d.measure_ids)] for d in document.domains}
    assert counts == expected["domains"]
    items = {i.id: i for i in document.items}
    for ident, parts in expected.get("parts", {}).items():
        assert len(items[ident].parts) == parts, ident
    for domain, first in expected.get("first_items", {}).items():
        assert next(i.id for i in document.items if i.domain == domain) == first
    kinds = Counter(s.kind for s in document.sections)
    assert kinds["principle"] == expected.get("principles", 0)
    contents = [s for s in document.sections if s.kind == "contents"]
    assert sum(len(s.paragraphs) for s in contents) == expected.get("contents", 0)
    if "issuer" in expected:
        assert document.notice is not None and document.notice.issuer == expected["issuer"]
    assert_lossless(document, text)


def test_parts_keep_their_lines_and_their_targets() -> None:
    from kb.enrich.targets import item_extraction

    document, _, _ = parse("women-2011-health-bullets")
    goal = next(i for i in document.items if i.id == "W1-G3")
    assert [(p.marker, p.text) for p in goal.parts][:2] == [
        ("--", "孕产妇住院分娩率达到98%以上。"),
        ("--", "孕产妇死亡率控制在20.5/10万以下。"),
    ]
    plan = document.plans[0]
    targets = item_extraction(goal, plan).targets
    numeric = [
        (t.indicator, t.comparator, t.value, t.unit, t.year, t.line) for t in targets if t.numeric
    ]
    assert numeric == [
        ("孕产妇住院分娩率", ">=", 98.0, "%", 2020, goal.parts[0].line),
        ("孕产妇死亡率", "<=", 20.5, "1/10万", 2020, goal.parts[1].line),
    ]
