"""Print the targets found per domain and the baselines linked to them.

    .venv/bin/python scripts/targets_report.py [CORPUS_FILE] [--monitoring CSV] [--verbose]

A stand-in until the lead switches it to ``kb.parse``: plans, prefaces,
domains and items are found here with a few regular expressions (plan title,
chapter ``二、``, domain ``（一）…``, ``主要目标``/``策略措施``, items ``N.``).
Direction-only targets are read for goals only.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.baselines import Monitoring, MonitoringError, link_baselines, load_monitoring
from kb.baselines import find_baselines as read_baselines
from kb.model import Baseline, Target
from kb.targets import SkippedNumber, extract_targets

DEFAULT_CORPUS = (
    Path(__file__).resolve().parent.parent
    / "corpus"
    / "gaotai-2022-women-children-development-plans.txt"
)
CN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}

TITLE = re.compile(r"\S*(?P<plan>妇女|儿童)发展规划（[0-9]{4}[-—][0-9]{4}年）")
CHAPTER = re.compile(r"(?P<n>[一二三四五六七八九十]+)、")
DOMAIN = re.compile(r"（(?P<n>[一二三四五六七八九十]+)）(?P<name>.+)")
ITEM = re.compile(r"(?P<n>[0-9]+)[.．](?P<text>.*)")
HEADINGS = {"主要目标": "goal", "策略措施": "measure"}


@dataclass(frozen=True)
class Numbered:
    id: str  # e.g. W1-G2
    domain: str  # e.g. W1
    kind: str  # goal / measure
    line: int
    text: str


@dataclass
class Layout:
    domains: dict[str, str]  # id → name, in order
    items: list[Numbered]
    prefaces: list[tuple[int, str]]


def read_layout(lines: list[str]) -> Layout:
    layout = Layout({}, [], [])
    plan = chapter = domain = kind = ""
    for number, raw in enumerate(lines, 1):
        text = raw.strip(" \t\u3000")
        if not text:
            continue
        if title := TITLE.fullmatch(text):
            plan = "W" if title["plan"] == "妇女" else "C"
            chapter, domain, kind = "preface", "", ""
        elif m := CHAPTER.match(text):
            chapter, domain, kind = m["n"], "", ""
        elif chapter == "preface" and plan and text.replace(" ", "") != "前言":
            layout.prefaces.append((number, text))
        elif chapter == "二" and (m := DOMAIN.fullmatch(text)):
            domain, kind = f"{plan}{CN_NUMBERS[m['n']]}", ""
            layout.domains[domain] = m["name"].strip()
        elif domain and (heading := HEADINGS.get(text.rstrip(":：").strip())):
            kind = heading
        elif domain and kind and (m := ITEM.fullmatch(text)):
            item_id = f"{domain}-{'G' if kind == 'goal' else 'M'}{m['n']}"
            layout.items.append(Numbered(item_id, domain, kind, number, m["text"]))
    return layout


def amount(value: float, unit: str) -> str:
    """12 and 1/10万 → 12/10万 (not 121/10万)."""
    if unit.startswith("1/"):
        return f"{value:g}{unit[1:]}"
    return f"{value:g}{unit}"


def describe(target: Target) -> str:
    value = "" if target.value is None else " " + amount(target.value, target.unit)
    base = ""
    if target.baseline:
        points = "、".join(f"{y}年 {v:g}" for y, v in target.baseline.values)
        base = f"；基线 {points}（第 {target.baseline.line} 行）"
    status = f"；{target.status}" if target.status else ""
    return (
        f"{target.indicator} {target.comparator}{value}（{target.year}年）"
        f"[{target.method}]{base}{status}"
    )


def report(
    layout: Layout, baselines: list[tuple[str, Baseline]], monitoring: Monitoring, verbose: bool
) -> Iterator[str]:
    totals = {"numeric": 0, "direction": 0, "skipped": 0, "linked": 0}
    skipped: list[tuple[str, SkippedNumber]] = []
    for domain, name in layout.domains.items():
        rows: list[str] = []
        for item in (i for i in layout.items if i.domain == domain):
            found = extract_targets(item.text, item.line, qualitative=item.kind == "goal")
            targets = link_baselines(found.targets, baselines, monitoring, item_id=item.id)
            rows.extend(f"  {item.id:<7} {describe(t)}" for t in targets)
            skipped.extend((item.id, s) for s in found.skipped)
            totals["numeric"] += sum(t.value is not None for t in targets)
            totals["direction"] += sum(t.value is None for t in targets)
            totals["linked"] += sum(t.baseline is not None for t in targets)
        yield f"{domain} {name}：{len(rows)} 个目标"
        yield from rows
    yield ""
    yield f"前言中的基线：{len(baselines)} 条"
    for indicator, baseline in baselines:
        points = "、".join(f"{y}年 {v:g}" for y, v in baseline.values)
        yield f"  {indicator}：{points}（第 {baseline.line} 行）"
    totals["skipped"] = len(skipped)
    if verbose:
        yield ""
        yield "未作为目标的数字："
        yield from (f"  {i:<7} {s.phrase}：{s.reason}" for i, s in skipped)
    yield ""
    yield (
        f"数值目标 {totals['numeric']} 个，方向性目标 {totals['direction']} 个，"
        f"关联基线 {totals['linked']} 个，未作为目标的数字 {totals['skipped']} 个"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="按领域列出规划中的量化目标与基线")
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--monitoring", type=Path, help="监测数据 CSV（默认为语料目录下的 monitoring.csv）"
    )
    parser.add_argument("--verbose", action="store_true", help="同时列出未作为目标的数字及原因")
    args = parser.parse_args(argv)
    lines = args.corpus.read_text(encoding="utf-8-sig").splitlines()
    layout = read_layout(lines)
    baselines = read_baselines(layout.prefaces)
    try:
        monitoring = load_monitoring(args.monitoring or args.corpus.parent / "monitoring.csv")
    except MonitoringError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    for row in report(layout, baselines, monitoring, args.verbose):
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
