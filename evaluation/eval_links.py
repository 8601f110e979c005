"""Measure the cross-links against the hand-judged pairs (tests/data/link_judgments.yaml).

    .venv/bin/python evaluation/eval_links.py             # precision, recall, errors
    .venv/bin/python evaluation/eval_links.py --suggest   # words both plans use, not yet subjects

Precision counts every link the build makes (each W-C pair once) that was judged;
links nobody judged are listed so that they can be judged.  "Top 3" repeats the
count over each item's first three links, for the women's and the children's items
separately.  Recall is over the pairs judged related: the judged pool holds every
pair sharing a subject, so pairs with no shared subject at all are not counted.
``--suggest`` segments the texts with jieba (only here, never in a build) and lists
words that items of both plans use but that no subject of corpus/subjects.yaml
covers, rarest first -- candidates for the vocabulary, to be checked by a person.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import derive  # noqa: E402

from kb.corpus import Corpus  # noqa: E402
from kb.corpus.subjects import find_matches  # noqa: E402
from kb.model import Item, KnowledgeBase  # noqa: E402
from kb.text import natural_key  # noqa: E402

JUDGMENTS = ROOT / "tests" / "data" / "link_judgments.yaml"
TOP = 3

Pair = tuple[str, str]  # (women's item, children's item)


def load_judgments(path: Path = JUDGMENTS) -> tuple[str, dict[Pair, bool]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    judged = {
        (w, c): verdict == "y" for w, row in data["pairs"].items() for c, verdict in row.items()
    }
    return str(data["doc"]), judged


def links_of(kb: KnowledgeBase, doc: str) -> dict[Pair, tuple[float, tuple[str, ...]]]:
    return {
        (i.id, r.id): (r.score, r.why)
        for i in kb.items()
        if i.doc == doc and i.plan == "W"
        for r in i.related
    }


def top_precision(items: list[Item], judged: dict[Pair, bool]) -> tuple[int, int, int]:
    """(items whose top links are all judged, correct, judged) over each item's top links."""
    full = correct = total = 0
    for item in items:
        top = [(item.id, r.id) if item.plan == "W" else (r.id, item.id) for r in item.related[:TOP]]
        known = [p for p in top if p in judged]
        full += bool(top) and len(known) == len(top)
        correct += sum(judged[p] for p in known)
        total += len(known)
    return full, correct, total


def report(kb: KnowledgeBase, doc: str, judged: dict[Pair, bool]) -> str:
    links = links_of(kb, doc)
    known = [p for p in links if p in judged]
    correct = [p for p in known if judged[p]]
    wrong = sorted((p for p in known if not judged[p]), key=lambda p: -links[p][0])
    unjudged = sorted(p for p in links if p not in judged)
    related = [p for p, ok in judged.items() if ok]
    missed = sorted((p for p in related if p not in links), key=lambda p: natural_key(p[0] + p[1]))
    items = [i for i in kb.items() if i.doc == doc]
    lines = [
        f"判定过的配对 {len(judged)} 对（相关 {len(related)} 对），来自 {JUDGMENTS.name}",
        f"当前关联 {len(links)} 对，涉及条目 {sum(bool(i.related) for i in items)} 条"
        f"（共 {len(items)} 条）",
        f"精确率 {len(correct)}/{len(known)} = {len(correct) / max(1, len(known)):.3f}"
        f"（未判定的关联 {len(unjudged)} 对）",
        f"召回率 {len(correct)}/{len(related)} = {len(correct) / max(1, len(related)):.3f}"
        "（只计判定池中的相关配对）",
    ]
    for plan, name in (("W", "妇女规划"), ("C", "儿童规划")):
        full, ok, total = top_precision([i for i in items if i.plan == plan], judged)
        lines.append(
            f"{name}：前 {TOP} 条关联全部判定过的条目 {full} 条；"
            f"前 {TOP} 条的精确率 {ok}/{total} = {ok / max(1, total):.3f}"
        )
    lines.append(f"\n错误的关联（{len(wrong)} 对）：")
    lines += [
        f"  {w} ↔ {c}  {links[(w, c)][0]:.3f}  {'、'.join(links[(w, c)][1])}" for w, c in wrong
    ]
    lines.append(f"\n漏掉的相关配对（{len(missed)} 对）：")
    lines += [f"  {w} ↔ {c}" for w, c in missed]
    if unjudged:
        lines.append(f"\n未判定的关联（{len(unjudged)} 对，请判定后写入 {JUDGMENTS.name}）：")
        lines += [f"  {w} ↔ {c}  {'、'.join(links[(w, c)][1])}" for w, c in unjudged]
    return "\n".join(lines)


def suggest(kb: KnowledgeBase, corpus: Path, limit: int) -> str:
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    vocabulary = Corpus.load(corpus).subjects
    generic = set(vocabulary.generic)
    seen: dict[str, dict[str, set[str]]] = {}
    for item in kb.items():
        text = item.text
        for m in find_matches(vocabulary, text):  # blank out what the vocabulary covers
            text = text[: m.start] + "　" * len(m.phrase) + text[m.start + len(m.phrase) :]
        for word in set(tokenizer.lcut(text)):
            if (
                len(word) >= 2
                and word not in generic
                and all("\u4e00" <= ch <= "\u9fff" for ch in word)
            ):
                seen.setdefault(word, {"W": set(), "C": set()})[item.plan].add(item.id)
    both = {w: ids for w, ids in seen.items() if ids["W"] and ids["C"]}
    df = Counter({w: len(ids["W"]) + len(ids["C"]) for w, ids in both.items()})
    ranked = sorted(both, key=lambda w: (df[w], w))[:limit]
    lines = [f"两部规划都用到、但还不是主题写法的词（最少见的 {len(ranked)} 个）："]
    for word in ranked:
        ids = both[word]
        w_ids = "、".join(sorted(ids["W"], key=natural_key))
        c_ids = "、".join(sorted(ids["C"], key=natural_key))
        lines.append(f"  {word}  {w_ids} ↔ {c_ids}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--suggest", action="store_true", help="list candidate subject words")
    parser.add_argument("--limit", type=int, default=60, help="how many words --suggest lists")
    args = parser.parse_args()
    kb, _ = derive(args.corpus)
    if args.suggest:
        print(suggest(kb, args.corpus, args.limit))
        return
    doc, judged = load_judgments()
    print(report(kb, doc, judged))


if __name__ == "__main__":
    main()
