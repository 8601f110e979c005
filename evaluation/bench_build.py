"""Time `kb build` as a whole process: the median of N runs (default 5).

python evaluation/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    kb = Path(sys.executable).with_name("kb")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [str(kb), "build", "--out", tmp], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
            times.append(time.perf_counter() - start)
    print(
        f"kb build: median {statistics.median(times):.3f} s over {args.runs} runs "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )


if __name__ == "__main__":
    main()
