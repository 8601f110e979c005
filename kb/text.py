"""Text shared by every stage: character classes, decoding, lines and numerals.

The character classes are defined here once; rules elsewhere build their
patterns from them.  Corpus files arrive as UTF-8 with or without a BOM --
or, from Chinese Windows, as GB18030/GBK: ``decode`` says so, with the line
of the first undecodable byte and how to convert.  ``split_lines`` turns a
plan text into ``SourceLine`` records whose ``text`` is stripped but
otherwise exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kb.errors import Problem

# Blanks around and inside lines: ASCII space and tab, the ideographic space,
# NBSP, a stray BOM or zero-width space, a lone CR.
BLANKS = " \t\u3000\u00a0\ufeff\u200b\r"
# Chinese characters (CJK unified ideographs, extension A, compatibility), as
# the body of a regular-expression character class.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full stops of Chinese prose: they end a sentence, and a heading never has one.
FULL_STOPS = "。！？；"
# What ends a sentence in pasted text too (ASCII forms, a line break).
SENTENCE_ENDS = FULL_STOPS + ";!?\n"
# What ends a clause: the full stops, commas and colons.
CLAUSE_ENDS = "，。；：！？,;:!?\n"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based
    text: str  # stripped of surrounding blanks


def decode(data: bytes, file: str, what: str = "规划全文") -> tuple[str | None, list[Problem]]:
    """Decode ``data`` as UTF-8 (BOM allowed); on failure explain how to fix it.

    ``what`` names what the file should hold, for the message about an empty file.
    """
    if not data.strip(b" \t\r\n"):
        return None, [
            Problem(file, 0, "error", "empty-file", f"文件为空：应为{what}（UTF-8 文本）")
        ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        guess = _guess_encoding(data)
        hint = (
            f"看起来是 {guess} 编码（中文 Windows 的记事本和 Excel 默认这样保存）；"
            f"请另存为 UTF-8，或转换：iconv -f {guess} -t UTF-8 {file} > 转换后的文件"
            if guess
            else "请另存为 UTF-8（例如用 iconv 或在编辑器中另存为 UTF-8）"
        )
        message = f"不是 UTF-8 编码（第 {exc.start + 1} 字节无法解码）。{hint}"
        return None, [Problem(file, line, "error", "not-utf8", message)]


def _guess_encoding(data: bytes) -> str | None:
    for encoding in ("gb18030", "big5", "utf-16"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "GB18030" if encoding == "gb18030" else encoding.upper()
    return None


def split_lines(text: str) -> list[SourceLine]:
    """Split into lines (LF, CRLF or CR) and strip blanks around each."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    return [SourceLine(i, line.strip(BLANKS)) for i, line in enumerate(raw, start=1)]


def cn_number(numeral: str) -> int | None:
    """Parse a Chinese numeral from 一 to 九十九 (一, 十, 十二, 二十, 二十三)."""
    if not numeral:
        return None
    if "十" not in numeral:
        return CN_DIGITS.get(numeral) if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    tens_value = CN_DIGITS.get(tens, 0) if tens else 1
    if tens and tens not in CN_DIGITS:
        return None
    if ones and ones not in CN_DIGITS:
        return None
    return tens_value * 10 + (CN_DIGITS[ones] if ones else 0)


def arabic_number(digits: str) -> int:
    """Parse ASCII or full-width digits."""
    return int(digits.translate(FULLWIDTH_DIGITS))


def squeeze(text: str) -> str:
    """Remove every blank inside ``text`` (前    言 → 前言), for matching only."""
    return "".join(ch for ch in text if ch not in BLANKS and not ch.isspace())


def first_sentence(text: str) -> str:
    """The text up to the first full stop (。！？；), without the stop."""
    for index, ch in enumerate(text):
        if ch in FULL_STOPS:
            return text[:index]
    return text


def natural_key(ident: str) -> tuple[str | int, ...]:
    """``C1-M2`` before ``C1-M10``: IDs compare by their numbers, not their digits."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", ident))


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` with LF line ends, creating the folder (outputs are staged first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding, newline="\n")
