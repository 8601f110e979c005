"""Progress on a terminal: one line on stderr, overwritten, and nothing when stderr is not one.

``TerminalProgress`` is a ``kb.progress.Progress`` callback::

    [3/100] 解析 临泽县妇女儿童发展规划

Each step overwrites the line (``\\r`` and erase-to-end-of-line); ``close``
erases it, so that the command's own output starts on a clean line.  Steps come
often (one per document): the line is redrawn at most every ``interval``
seconds, and only once the work has taken ``delay`` seconds, so that quick
commands show nothing.  When stderr is a file or a pipe (CI, ``2> log``),
nothing is written at all.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from kb.progress import Step

ERASE = "\r\033[K"
MAX_LABEL = 40


class TerminalProgress:
    def __init__(
        self, stream: TextIO | None = None, delay: float = 1.0, interval: float = 0.1
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self.delay = delay
        self.interval = interval
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, step: Step) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        final = step.done >= step.total
        if now - self.start < self.delay or (now - self.last < self.interval and not final):
            return
        self.last = now
        label = step.label if len(step.label) <= MAX_LABEL else step.label[: MAX_LABEL - 1] + "…"
        self.stream.write(f"{ERASE}[{step.done}/{step.total}] {step.stage} {label}".rstrip())
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the progress line (if one was drawn)."""
        if self.shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
