"""Golden fixtures: small plan texts in, the expected model (or problems) out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, check_golden, parse_file

from kb.model import Document

GOOD = sorted((FIXTURES / "good").glob("*.txt"))
BAD = sorted((FIXTURES / "bad").glob("*.txt"))


def summary(document: Document | None, problems: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"problems": [str(p) for p in problems]}
    if document is None:
        return out
    notice = document.notice
    out["notice"] = None if notice is None else [notice.issuer, notice.date, notice.addressees]
    out["plans"] = [[p.id, p.region, p.period, p.title] for p in document.plans]
    out["sections"] = [
        [s.id, s.kind, s.heading, s.text, [s.span.first, s.span.last]] for s in document.sections
    ]
    out["domains"] = [[d.id, d.name, [d.span.first, d.span.last]] for d in document.domains]
    out["items"] = [
        {"id": i.id, "text": i.text, "title": i.title, "lines": [i.span.first, i.span.last]}
        for i in document.items
    ]
    return out


def relative(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix().removesuffix(".txt")


@pytest.mark.parametrize("path", GOOD + BAD, ids=relative)
def test_fixture_matches_golden(path: Path) -> None:
    document, problems = parse_file(path)
    check_golden(summary(document, problems), FIXTURES / "expected" / f"{relative(path)}.json")


@pytest.mark.parametrize("path", GOOD, ids=relative)
def test_good_fixtures_parse_without_errors(path: Path) -> None:
    document, problems = parse_file(path)
    assert document is not None
    assert [p for p in problems if p.level == "error"] == []


@pytest.mark.parametrize("path", BAD, ids=relative)
def test_bad_fixtures_name_file_and_say_what_was_expected(path: Path) -> None:
    _, problems = parse_file(path)
    assert problems, "a bad fixture must produce at least one problem"
    for problem in problems:
        text = str(problem)
        assert text.startswith(f"tests/fixtures/bad/{path.name}")
        assert any(word in problem.message for word in ("应", "请")), text
