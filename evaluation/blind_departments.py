"""The blind department round on other places' plans (issue 11).

``tests/data/department_blind_judgments.yaml`` judges, by remit, every goal and
measure row of ``tests/data/targets_real.yaml`` that comes from a women's or
children's plan (129 rows of 16 sources: national, provincial, city plans, 2001-2030):
real text that no one had judged for departments, judged before the rules were
run on it.  Rows are single sentences or items, without the rest of their
plan, so each is inferred on its own text (``assign_departments``, as
``evaluate_other_plans`` does): a goal cannot borrow from its measures here.
The text is normalised as ``eval_targets`` does (traditional characters,
pinyin glosses); every other damage is handed to the rules as pasted.

After the first run on all 129 rows (``tests/data/department_blind.first-run.txt``)
and before any miss was looked at, the plans were split whole: ordered by their
number of rows (then by key) and dealt alternately to ``tune`` and ``heldout``.
The rules were tuned looking at the tune half only; the held-out half was run
once afterwards (``tests/data/department_blind.heldout-run.txt``).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from common import DATA
from eval_targets import normalise

from kb.corpus.gazetteer import Gazetteer
from kb.enrich.departments import assign_departments
from kb.model import DepartmentRole

BLIND = DATA / "department_blind_judgments.yaml"
SOURCE = DATA / "targets_real.yaml"

Judgment = dict[str, object]
TUNE = frozenset(
    {"fabao-w-2011", "national-c-2011", "langfang-c", "yunnan-c"}
    | {"puyang", "national-w-2021", "yunnan-2011", "fujian-w-2011"}
)


def source_rows() -> dict[str, dict[str, str]]:
    """key -> the row of targets_real.yaml it judges (source, url, kind, text)."""
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    sources = data["sources"]
    rows: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    for row in data["sentences"]:
        if row.get("kind") not in ("goal", "measure"):
            continue
        counts[row["source"]] = counts.get(row["source"], 0) + 1
        key = f"{row['source']}-{counts[row['source']]}"
        rows[key] = {"source": row["source"], "url": sources[row["source"]]["url"]}
        rows[key] |= {"kind": row["kind"], "text": row["text"]}
    return rows


def load(path: Path = BLIND) -> list[Judgment]:
    """The judged rows, each with its text, and ``id`` = its key."""
    rows = source_rows()
    judged = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
        key = str(entry["key"])
        half = "tune" if rows[key]["source"] in TUNE else "heldout"
        judged.append({**rows[key], **entry, "id": key, "set": f"blind-{half}"})
    return judged


def blind_roles(
    gazetteer: Gazetteer, judged: list[Judgment]
) -> tuple[list[Judgment], dict[str, tuple[DepartmentRole, ...]]]:
    """The judged rows, and each row's inferred roles on its own text."""
    roles = {
        str(j["id"]): assign_departments(
            gazetteer, normalise(str(j["text"])), str(j["domain"]), str(j["plan"])
        )
        for j in judged
    }
    return judged, roles
