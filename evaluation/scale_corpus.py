"""Corpora of N documents for the scale benchmarks: the Gaotai plans under other county names.

    .venv/bin/python evaluation/scale_corpus.py N FOLDER

Document k is the Gaotai text with the county's name replaced (高台县 → another
name, 高台 → its short form) and the numbers of its targets shifted a little
(every number in a goal or measure line gets ``+ k % 5``, except years, ages,
durations and the base of a rate such as the 10万 of 12/10万, which would change
what the indicator is), so that documents differ as real counties' plans do
and the same indicator can be compared across them (``kb compare``).
The curated files are copied unchanged.
Every corpus written this way passes `kb check`.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus" / "gaotai-2022-women-children-development-plans.txt"
FIRST = "临泽山丹民乐肃南甘州金塔瓜州玉门敦煌阿克塞肃北永昌古浪天祝民勤凉州景泰靖远会宁"
SECOND = "东西南北中上下新安平宁和丰永长乐兴华阳"
ITEM = re.compile(r"^(\d+[.．、])(.*)$")
NUMBER = re.compile(r"(?<![0-9./])(\d+)(?![0-9.]*(?:年|万|岁|周岁|个月|天|小时|周))")


def county(k: int) -> str:
    """A distinct two-character name for document k (k ≥ 1)."""
    first = FIRST[(k - 1) % len(FIRST)]
    second = SECOND[((k - 1) // len(FIRST)) % len(SECOND)]
    return first + second


def variant(text: str, k: int) -> str:
    name = county(k)
    text = text.replace("高台县", f"{name}县").replace("高台", name)
    shift = k % 5
    lines = []
    for line in text.splitlines():
        match = ITEM.match(line)
        if match and shift:
            body = NUMBER.sub(lambda m: str(int(m.group(1)) + shift), match.group(2))
            line = match.group(1) + body
        lines.append(line)
    return "\n".join(lines) + "\n"


def write_corpus(count: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "corpus").iterdir():
        if path.is_file() and path != SOURCE:
            shutil.copy(path, folder / path.name)
    text = SOURCE.read_text(encoding="utf-8")
    shutil.copy(SOURCE, folder / SOURCE.name)
    for k in range(1, count):
        (folder / f"county-{k:04d}.txt").write_text(variant(text, k), encoding="utf-8")
    return folder


if __name__ == "__main__":
    write_corpus(int(sys.argv[1]), Path(sys.argv[2]))
