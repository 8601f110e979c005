"""Names in a text that look like a body but are not in the gazetteer (``kb check`` warns).

``unknown_bodies`` lists the phrases that look like a body (…部门/…机关/…组织/
…局/…委) but name none of the gazetteer, so that the clerk can add them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.corpus.gazetteer import Gazetteer, Match
from kb.text import HAN

BODY_SUFFIX = re.compile(r"(部门|机关|组织|委员会|工委|(?<![格布结开大全当])局|委(?![员托会]))")
# "组织" used as a verb or in a compound noun that is no body
NOT_A_BODY_AFTER = re.compile(r"^(开展|推荐|化|领导|实施|保障|妇女|、|强迫|和协调|建设|协商)")
# characters that end the words in front of a body name
BOUNDARY = re.compile(f"[^{HAN}（）]|[的与及或等对向由在将把从为以了中进并请]")
# verbs that often stand right in front of a body name
LEADING_VERBS = (
    "提倡",
    "鼓励",
    "强化",
    "支持",
    "推动",
    "督促",
    "指导",
    "加强",
    "提高",
    "发挥",
    "明确",
    "建立",
)
MAX_PREFIX = 8


def unknown_bodies(gazetteer: Gazetteer, text: str) -> list[str]:
    """Phrases that look like a body (…部门/…机关/…组织/…局/…委) but are not in the gazetteer.

    Known names, aliases, subject terms and the declared ``not_bodies`` are
    skipped, as is "组织" used as a verb.  Each phrase is listed once, in order.
    """
    known = set(gazetteer.phrases) | gazetteer.not_bodies
    names = (m for m in gazetteer.find_phrases(text) if any(h.kind == "alias" for h in m.hits))
    masked = _mask(text, names)
    found: list[str] = []
    for match in BODY_SUFFIX.finditer(masked):
        if match.group(1) == "组织" and NOT_A_BODY_AFTER.match(masked[match.end() :]):
            continue
        phrase = _body_phrase(masked, match.start(), match.end())
        if BODY_SUFFIX.fullmatch(phrase.rsplit("和", 1)[-1]):
            continue  # "全县和部门": a bare 部门 after 和 is generic
        if phrase and not _is_known(phrase, known) and phrase not in found:
            found.append(phrase)
    return found


def _mask(text: str, matches: Iterator[Match]) -> str:
    chars = list(text)
    for match in matches:
        for i in range(match.start, match.stop):
            chars[i] = "□"
    return "".join(chars)


def _body_phrase(text: str, start: int, end: int) -> str:
    """The suffix at text[start:end] with the words in front that belong to it."""
    begin = start
    while begin > 0 and start - begin < MAX_PREFIX and not BOUNDARY.match(text[begin - 1]):
        begin -= 1
    phrase = text[begin:end]
    for verb in LEADING_VERBS:
        phrase = phrase.removeprefix(verb)
    return phrase


def _is_known(phrase: str, known: set[str]) -> bool:
    """True if the phrase, or a tail of it that is more than a bare suffix, is known."""
    if phrase in known:
        return True
    tails = (phrase[i:] for i in range(1, len(phrase)))
    return any(tail in known and not BODY_SUFFIX.fullmatch(tail) for tail in tails)
