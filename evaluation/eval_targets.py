"""Precision and recall of the target rules on real sentences from other places' plans.

    .venv/bin/python evaluation/eval_targets.py            # both halves: tune and held-out
    .venv/bin/python evaluation/eval_targets.py --errors   # also the tune half's misses and extras
    .venv/bin/python evaluation/eval_targets.py --errors held-out

The judged set is ``tests/data/targets_real.yaml`` (how it was made is in its
header): each sentence's numeric targets ``[indicator, comparator, value, unit,
year, scope]`` and the numbers in it that are not targets.  A sentence is
normalised as a reader would before pasting -- traditional to simplified with
OpenCC, pinyin glosses a scraper added (據(jù)) removed -- and everything else (dropped
characters, ASCII punctuation, stray spaces) is left for the rules.

An extracted numeric target matches a gold one when comparator, value (within
0.01), unit, year (unless the gold year is ``null``: the text's year is damaged)
and scope are equal and one indicator name contains the other.  Direction-only
targets (逐步提高 …) are not judged and not counted.  Each source is wholly in
one half (``split``), fixed before the rules were tuned; a third part
(``unseen``), found and judged after the tuning, is reported on its own.

Numbers that are not targets: "refused" counts those the rules list as skipped
with a named reason (any rule but ``unread``); "read as a target" counts those
whose value an extracted target took.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import opencc
import yaml
from common import DATA

from kb.enrich.targets import extract_targets
from kb.model import Target

JUDGED = DATA / "targets_real.yaml"
# tune: the rules were tuned on it; held-out: never tuned on; unseen: judged after the
# tuning was done, run once, never tuned on either.
HALVES = ("tune", "held-out", "unseen")
_CONVERT = opencc.OpenCC("t2s")
# A scraper's pinyin gloss after a character: 據(jù) 报(bào).
_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
_NAME_NOISE = re.compile(r"[\s()（）“”\"'《》、，,]")
_UNITS = {"％": "%", "/10万": "1/10万", "/万": "1/万"}


def normalise(text: str) -> str:
    """What a reader would fix before pasting: traditional characters, pinyin glosses."""
    return _GLOSS.sub("", _CONVERT.convert(text))


def name_key(name: str) -> str:
    return _NAME_NOISE.sub("", normalise(name))


@dataclass(frozen=True)
class Gold:
    indicator: str
    comparator: str
    value: float
    unit: str
    year: int | None
    scope: str


@dataclass(frozen=True)
class Sentence:
    source: str
    split: str
    kind: str
    text: str  # as pasted
    gold: tuple[Gold, ...]
    not_targets: tuple[str, ...]
    default_year: int
    first_year: int


def load(path: str | None = None) -> list[Sentence]:
    data = yaml.safe_load((JUDGED if path is None else path).read_text(encoding="utf-8"))
    sources: dict[str, Any] = data["sources"]
    out = []
    for row in data["sentences"]:
        source = sources[row["source"]]
        first, end = (int(y) for y in str(source["period"]).split("-"))
        gold = tuple(
            Gold(str(i), str(c), float(v), str(u), None if y is None else int(y), str(s))
            for i, c, v, u, y, s in row["targets"]
        )
        out.append(
            Sentence(
                row["source"],
                source["split"],
                row["kind"],
                row["text"],
                gold,
                tuple(row["not_targets"]),
                end,
                first,
            )
        )
    return out


def unit_key(unit: str) -> str:
    return _UNITS.get(unit, unit)


def matches(target: Target, gold: Gold) -> bool:
    if target.value is None or target.comparator != gold.comparator:
        return False
    if abs(target.value - gold.value) > 0.01 or unit_key(target.unit) != unit_key(gold.unit):
        return False
    if gold.year is not None and target.year != gold.year:
        return False
    if getattr(target, "scope", "") != gold.scope:
        return False
    got, want = name_key(target.indicator), name_key(gold.indicator)
    return bool(got) and (want in got or got in want)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    sentences: int = 0
    not_targets: int = 0
    refused: int = 0
    read_as_target: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _number(text: str) -> float | None:
    m = re.search(r"[0-9]+(?:\.[0-9]+)?", text)
    return float(m.group()) if m else None


def score(sentences: Sequence[Sentence]) -> dict[str, Tally]:
    tallies = {half: Tally() for half in HALVES}
    for sentence in sentences:
        tally = tallies[sentence.split]
        tally.sentences += 1
        text = normalise(sentence.text)
        found = extract_targets(
            text,
            1,
            qualitative=sentence.kind == "goal",
            default_year=sentence.default_year,
            first_year=sentence.first_year,
        )
        numeric = [t for t in found.targets if t.value is not None]
        unmatched = list(numeric)
        for gold in sentence.gold:
            hit = next((t for t in unmatched if matches(t, gold)), None)
            if hit is None:
                tally.fn += 1
                tally.misses.append(f"{sentence.source}: {gold} ← {text}")
            else:
                tally.tp += 1
                unmatched.remove(hit)
        tally.fp += len(unmatched)
        for t in unmatched:
            shown = (t.indicator, t.comparator, t.value, t.unit, t.year, getattr(t, "scope", ""))
            tally.extras.append(f"{sentence.source}: {shown} ← {t.phrase}")
        values = {t.value for t in numeric}
        for raw in sentence.not_targets:
            number = _number(normalise(raw))
            tally.not_targets += 1
            if number is None:
                continue
            if number in values and not any(abs(g.value - number) < 1e-9 for g in sentence.gold):
                tally.read_as_target += 1
            refused = [
                s for s in found.skipped if s.method != "unread" and _number(s.phrase) == number
            ]
            if refused:
                tally.refused += 1
    return tallies


def report(tallies: dict[str, Tally], errors: Sequence[str]) -> None:
    print("half      sentences  gold  found  TP  FP  FN  precision  recall")
    for half in HALVES:
        t = tallies[half]
        if not t.sentences:
            continue
        gold, found = t.tp + t.fn, t.tp + t.fp
        print(
            f"{half:<9} {t.sentences:>9} {gold:>5} {found:>6} {t.tp:>3} {t.fp:>3} {t.fn:>3}"
            f"  {t.precision:>9.3f}  {t.recall:>6.3f}"
        )
    print("\nnumbers that are not targets: refused with a named reason / read as a target")
    for half in HALVES:
        t = tallies[half]
        if not t.sentences:
            continue
        counts = f"{t.refused:>3} refused, {t.read_as_target:>3} read"
        print(f"{half:<9} {t.not_targets:>4} numbers: {counts}")
    for half in errors:
        print(f"\n{half}: missed")
        print("\n".join(f"  {m}" for m in tallies[half].misses) or "  (none)")
        print(f"{half}: extracted but not judged a target")
        print("\n".join(f"  {m}" for m in tallies[half].extras) or "  (none)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--errors",
        nargs="?",
        const="tune",
        choices=HALVES,
        help="list every miss and extra of one half (default: tune; look at held-out last)",
    )
    args = parser.parse_args()
    report(score(load()), [args.errors] if args.errors else [])


if __name__ == "__main__":
    main()
