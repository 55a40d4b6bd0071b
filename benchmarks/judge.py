"""Time to judge a Python answer with 5 test cases (target: median ≤ 2 s).

Run: .venv/bin/python benchmarks/judge.py [--rounds N]
Prints the median, min and max wall time of a full ``judge.run`` (sandbox set-up, five
launcher + interpreter starts, clean-up), and whether network isolation was in use.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time

from interviewai_tui.judge import Limits, TestCase, run

ANSWER = """\
import sys

def main():
    data = sys.stdin.read().split()
    n, values = int(data[0]), list(map(int, data[1:]))
    best = cur = values[0]
    for v in values[1:n]:
        cur = max(v, cur + v)
        best = max(best, cur)
    print(best)

main()
"""

TESTS = [
    TestCase("5\n1 -2 3 4 -1\n", "7\n", "mixed"),
    TestCase("3\n-3 -1 -2\n", "-1\n", "all negative"),
    TestCase("1\n5\n", "5\n", "single"),
    TestCase("6\n2 2 -10 3 3 3\n", "9\n", "restart after a dip"),
    TestCase("4\n0 0 0 0\n", "0\n", "zeros"),
]


async def main(rounds: int) -> int:
    times: list[float] = []
    isolated = False
    for _ in range(rounds):
        started = time.perf_counter()
        report = await run(ANSWER, "python", TESTS, Limits())
        times.append(time.perf_counter() - started)
        isolated = report.network_isolated
        if not report.all_passed:
            print("benchmark answer failed:", report.results, file=sys.stderr)
            return 1
    median = statistics.median(times)
    print(
        f"judge python, 5 tests, {rounds} rounds: median {median:.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s, network isolated: {isolated} "
        f"(target ≤ 2 s: {'met' if median <= 2 else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.rounds)))
