"""Who reports each indicator's figures: ``corpus/indicators.yaml``, checked.

By default an indicator is reported by the lead department of its item, or by
the body the plan's 监测评估 chapter names as leading the annual monitoring
(``kb.enrich.status``).  The office overrides that here, for an indicator
name (every target with that name) or one indicator ID::

    version: 1
    reporters:
      九年义务教育巩固率: 县教育局   # a statistics owner, for every item with this indicator
      W4-G4#1: 县委组织部            # one indicator (item W4-G4, its first target)

Values are department names as the gazetteer knows them (name, short name or
alias); whether each key names a real indicator is checked with the targets
(``kb.enrich.review``).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from kb.corpus.yaml_source import YamlSource, node_line
from kb.errors import Problem

TOP_KEYS = ("version", "reporters")
CODE = "bad-indicators"


@dataclass(frozen=True)
class Reporter:
    key: str  # an indicator name or an indicator ID (W4-G4#1)
    department: str  # as written; resolved against the gazetteer later
    line: int


@dataclass(frozen=True)
class Reporters:
    file: str = ""
    entries: tuple[Reporter, ...] = ()

    def find(self, ident: str, name: str) -> Reporter | None:
        """The entry for an indicator: its ID first, then its name."""
        by_key = {e.key: e for e in self.entries}
        return by_key.get(ident) or by_key.get(name)


def read_reporters(text: str, file: str) -> tuple[Reporters, list[Problem]]:
    """Check ``indicators.yaml``; bad entries are problems and are left out."""
    src = YamlSource.compose(text, file, CODE)
    if not src.ok:
        return Reporters(file), src.problems
    top = src.mapping(src.root, "文件顶层", TOP_KEYS) or {}
    if "version" in top and src.string(top["version"], "版本号") not in (None, "1"):
        src.problem(top["version"], "version 应为 1")
    entries: list[Reporter] = []
    node = top.get("reporters")
    if node is not None:
        if not isinstance(node, yaml.MappingNode):
            src.problem(node, "reporters 应当是“指标名称或编号: 单位名称”的表")
        else:
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = src.string(key_node, "指标名称或指标编号")
                department = src.string(value_node, "单位名称")
                if key is None or department is None:
                    continue
                if key in seen:
                    src.problem(key_node, f"“{key}”重复")
                    continue
                seen.add(key)
                entries.append(Reporter(key, department, node_line(key_node)))
    return Reporters(file, tuple(entries)), src.problems
