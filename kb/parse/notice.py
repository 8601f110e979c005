"""The covering notice (通知) in front of the plans: issuer, title, addressees, date."""

from __future__ import annotations

import itertools
import re

from kb.model import Notice, Span
from kb.text import SourceLine

DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")


ISSUER_ENDINGS = ("政府", "委员会", "办公室", "办公厅", "妇联", "工委")


def _signature(lines: list[SourceLine]) -> str | None:
    """The issuing body signed above the date: 长春市九台区人民政府 / 2022年12月30日."""
    for before, line in itertools.pairwise(lines):
        if (
            DATE.match(line.text)
            and len(before.text) <= 30
            and before.text.endswith(ISSUER_ENDINGS)
        ):
            return before.text
    return None


def parse_notice(file: str, lines: list[SourceLine]) -> Notice | None:
    """Read the lines before the first plan title; ``None`` when there are none."""
    lines = [line for line in lines if line.text]
    if not lines:
        return None
    title_line = next((ln for ln in lines if "通知" in ln.text or ln.text.startswith("关于")), None)
    title = title_line.text if title_line else ""
    issuer = ""
    if title_line and lines[0] is not title_line and len(lines[0].text) <= 30:
        issuer = lines[0].text
    elif (signed := _signature(lines)) is not None:
        issuer = signed  # 福州市人民政府 above the date, under the body
    elif title_line and "关于" in title_line.text[1:]:
        issuer = title_line.text[: title_line.text.index("关于", 1)]  # ××人民政府关于印发…
    addressees = next((ln.text for ln in lines if ln.text.endswith(("：", ":"))), "")
    date = date_text = ""
    for line in lines:
        match = DATE.match(line.text)
        if match:
            date = f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
            date_text = line.text
    skip = {issuer, title, addressees}
    body = "\n".join(ln.text for ln in lines if ln.text not in skip and not DATE.match(ln.text))
    numbers = tuple(ln.number for ln in lines)
    span = Span(file, numbers[0], numbers[-1], numbers)
    return Notice(
        issuer=issuer,
        title=title,
        addressees=addressees,
        date=date,
        date_text=date_text,
        body=body,
        span=span,
    )
