"""Baselines from the prefaces: where the plan says the county stood in 2010 and 2020.

The children's preface states where the county stood, e.g. 截至2020年，婴儿、
5岁以下儿童死亡率分别从2010年的9.15‰、10.56‰下降到2.84‰、4.73‰.
``find_baselines`` reads such statements (ordered rules, as in
``kb.enrich.targets``); ``kb.enrich.status`` attaches each to the targets with
the same indicator and sets their status.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.enrich.targets.lexicon import (
    BOUNDARY,
    NUM,
    UNIT,
    clean_indicator,
    distribute,
    is_name,
    number,
    split_names,
)
from kb.model import Baseline

_VALUE = rf"{NUM}(?:{UNIT})?"
_CHANGE = r"(?:下降|降低|减少|上升|提高|提升|增长|增加)(?:到|至)"
_TO_YEAR = r"(?:(?P<y1>[0-9]{4})年的?)?"
_RESPECTIVELY = re.compile(
    rf"分别从(?P<y0>[0-9]{{4}})年的?(?P<v0>{_VALUE}(?:[、和]{_VALUE})*)"
    rf"{_CHANGE}{_TO_YEAR}(?P<v1>{_VALUE}(?:[、和]{_VALUE})*)"
)
_SINGLE = re.compile(
    rf"从(?P<y0>[0-9]{{4}})年的?(?P<v0>{_VALUE}){_CHANGE}{_TO_YEAR}(?P<v1>{_VALUE})"
)
_AS_OF = re.compile(r"(?:截至|截止|到)(?P<year>[0-9]{4})年")
_ONE = re.compile(rf"(?P<num>{NUM})(?:{UNIT})?")


def _clause_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and text[start - 1] not in BOUNDARY:
        start -= 1
    return start


def _as_of(text: str, pos: int) -> int | None:
    years = _AS_OF.findall(text, 0, pos)
    return int(years[-1]) if years else None


def _statements(text: str) -> list[tuple[re.Match[str], list[str]]]:
    """Each change statement with the names it speaks of, in order.

    分别 lists are read first, so that a single statement is not read inside one.
    """
    taken: list[tuple[re.Match[str], list[str]]] = []
    for pattern in (_RESPECTIVELY, _SINGLE):
        for m in pattern.finditer(text):
            if any(t.start() < m.end() and m.start() < t.end() for t, _ in taken):
                continue
            name = clean_indicator(text[_clause_start(text, m.start()) : m.start()])
            names = distribute(split_names(name)) if pattern is _RESPECTIVELY else [name]
            if names and all(is_name(n) for n in names):
                taken.append((m, names))
    return sorted(taken, key=lambda pair: pair[0].start())


def find_baselines(paragraphs: Sequence[tuple[int, str]]) -> list[tuple[str, Baseline]]:
    """Baselines stated in ``(line, text)`` paragraphs, in order of appearance.

    The later year is the one the statement names (到2020年的…) or else the
    paragraph's 截至2020年; a statement with neither, or with a later year
    that is not after the first, is left out.
    """
    found: list[tuple[str, Baseline]] = []
    for line, text in paragraphs:
        for m, names in _statements(text):
            later = int(m["y1"]) if m["y1"] else _as_of(text, m.start())
            before = [number(v["num"]) for v in _ONE.finditer(m["v0"])]
            after = [number(v["num"]) for v in _ONE.finditer(m["v1"])]
            if later is None or later <= int(m["y0"]):
                continue
            if not len(names) == len(before) == len(after):
                continue
            start = _clause_start(text, m.start())
            phrase = text[start : m.end()]
            for name, old, new in zip(names, before, after, strict=True):
                values = ((int(m["y0"]), old), (later, new))
                found.append((name, Baseline(values=values, line=line, phrase=phrase)))
    return found
