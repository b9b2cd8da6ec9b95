#!/usr/bin/env python3
"""Writes N synthetic monthly series as a long CSV (unique_id,ds,y) for the scale benchmarks: 36 to 119 values
each, seasonal with a trend and noise, positive, deterministic for a seed.

    bench/make-series.py N FILE [SEED]
"""
import math
import random
import sys

n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
with open(path, "w") as f:
    f.write("unique_id,ds,y\n")
    for s in range(n):
        length = rng.randint(36, 119)
        level = 50 + 950 * rng.random()
        trend = rng.gauss(0, 0.5)
        amp = 0.05 + 0.35 * rng.random()
        y0, m0 = 2005 + rng.randint(0, 4), rng.randint(0, 11)
        rows = []
        for t in range(length):
            m = m0 + t
            y = level * (1 + amp * math.sin(2 * math.pi * m / 12)) + trend * t + rng.gauss(0, 0.03 * level)
            rows.append("S%06d,%04d-%02d-01,%.3f\n" % (s, y0 + m // 12, m % 12 + 1, max(1.0, y)))
        f.write("".join(rows))
