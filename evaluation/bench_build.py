"""Time `kb build` as a whole process, and each of its stages: medians over N runs.

    .venv/bin/python evaluation/bench_build.py [--runs 5]

The stages are those `kb build --timings` reports (kb.build.Timings).  A
benchmark, not a test: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = re.compile(r"([^，：]+) ([0-9.]+)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    kb = Path(sys.executable).with_name("kb")
    times: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(
                [str(kb), "build", "--out", f"{tmp}/build", "--site", f"{tmp}/site", "--timings"],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            times.append(time.perf_counter() - start)
            line = done.stderr.strip().splitlines()[-1].split("：", 1)[1].split("；")[0]
            for name, seconds in STAGE.findall(line):
                stages[name.strip()].append(float(seconds))
    print(f"kb build, {args.runs} runs (median, min–max in seconds)")
    for name, values in stages.items():
        print(
            f"  {name:<12} {statistics.median(values):6.2f}  ({min(values):.2f}–{max(values):.2f})"
        )
    print(
        f"  {'whole process':<12} {statistics.median(times):6.2f}  "
        f"({min(times):.2f}–{max(times):.2f})"
    )


if __name__ == "__main__":
    main()
