"""The per-document cache (kb/cache.py) without the site: what one changed document costs.

    .venv/bin/python evaluation/bench_cache.py [--sizes 1,10,30]

For each size N: a corpus of N documents (evaluation/scale_corpus.py), a full
``--force`` build (no cache read), one document changed, a build with the cache,
and a fresh ``--force`` build of the changed corpus to compare with: CPU seconds
per stage of both builds, how many documents were read back, and whether the two
releases are byte-identical.  No site, so that the per-document stages are not
drowned by MkDocs (evaluation/bench_scale.py measures the whole build).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from scale_corpus import write_corpus

from kb.build import BuildResult, build
from kb.corpus import Corpus
from kb.publish import tree_digest


def measure(n: int) -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp())
    try:
        corpus = write_corpus(n, tmp / "corpus")

        def run(force: bool, out: Path) -> tuple[BuildResult, float]:
            start = time.perf_counter()
            result = build(Corpus.load(corpus), out, force=force)
            return result, time.perf_counter() - start

        full, full_wall = run(True, tmp / "build")
        name = "county-0001.txt" if n > 1 else "gaotai-2022-women-children-development-plans.txt"
        changed = corpus / name
        changed.write_text(changed.read_text("utf-8").replace("。", "。 ", 1), "utf-8")
        again, again_wall = run(False, tmp / "build")
        reference, _ = run(True, tmp / "reference")
        return {
            "documents": n,
            "full_wall": round(full_wall, 2),
            "full_cpu": {k: round(v, 2) for k, v in full.cpu.items()},
            "one_changed_wall": round(again_wall, 2),
            "one_changed_cpu": {k: round(v, 2) for k, v in again.cpu.items()},
            "reused": again.cache.reused,
            "derived": again.cache.derived,
            "identical_to_force": tree_digest(again.release) == tree_digest(reference.release),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        print(json.dumps(measure(n), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
