"""Cold-start time of the lookups and of `kb search`: whole processes, median of N runs.

    .venv/bin/python evaluation/bench_cold.py [--runs 7] [--out build]

Each command runs as a user runs it (a new process that imports kb and reads
the release under --out).  A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (
    ["show", "W1-G2"],
    ["dept", "卫健局"],
    ["targets"],
    ["stats"],
    ["search", "家暴"],
)


def median_time(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", default="build", help="the build folder the commands read")
    args = parser.parse_args()
    kb = str(Path(sys.executable).with_name("kb"))
    print(f"cold whole process, median of {args.runs} runs")
    for command in COMMANDS:
        seconds = median_time([kb, *command, "--out", args.out], args.runs)
        print(f"  kb {' '.join(command):<16} {seconds:.3f} s")
    print(
        f"  {'python -c pass':<19} {median_time([sys.executable, '-c', 'pass'], args.runs):.3f} s"
    )


if __name__ == "__main__":
    main()
