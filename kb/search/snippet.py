"""A short excerpt of an item's text with the matched words marked 【like this】."""

from __future__ import annotations

from collections.abc import Iterable

from kb.normalize import normalize

OPEN, CLOSE = "【", "】"
WIDTH = 72  # characters of text in a snippet
LEAD = 12  # characters shown before the first match in the window


def match_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text`` (case and full-width blind), merged, in order."""
    norm = normalize(text)
    spans: list[tuple[int, int]] = []
    for word in {normalize(w) for w in words if w}:
        start = norm.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = norm.find(word, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def best_window(spans: list[tuple[int, int]], length: int, width: int) -> int:
    """The start of the ``width``-wide window that shows the most matched characters."""
    best_start, best_cover = 0, -1
    for first, _ in spans:
        start = max(0, min(first - LEAD, length - width))
        end = start + width
        cover = sum(min(e, end) - max(s, start) for s, e in spans if s < end and e > start)
        if cover > best_cover:
            best_start, best_cover = start, cover
    return best_start


def snippet(text: str, words: Iterable[str], width: int = WIDTH) -> str:
    """Up to ``width`` characters of ``text`` around its matches, matches marked."""
    spans = match_spans(text, words)
    start = best_window(spans, len(text), width) if spans else 0
    end = min(len(text), start + width)
    out: list[str] = ["…"] if start > 0 else []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [text[pos:s], OPEN, text[s:e], CLOSE]
        pos = e
    out.append(text[pos:end])
    if end < len(text):
        out.append("…")
    return "".join(out)
