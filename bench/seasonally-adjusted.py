#!/usr/bin/env python3
"""The network on seasonally adjusted series, measured outside the product (bench/seasonally-adjusted.sh).

    bench/seasonally-adjusted.py prepare TRAIN.csv SEASON MIN_LENGTH OUTDIR
        writes OUTDIR/raw.csv (the series of at least MIN_LENGTH values), OUTDIR/adjusted.csv (the same series,
        each that is positive and passes M4's 90% seasonality test divided by its classical multiplicative
        seasonal indices from its whole training part) and OUTDIR/indices.json
    bench/seasonally-adjusted.py score TRAIN.csv TEST.csv SEASON OUTDIR
        reads OUTDIR/{raw,adjusted,comb}-forecast.csv (recur forecast's output), puts the season back into the
        adjusted run's forecasts, and prints sMAPE and MASE (in-sample seasonal naive scale, as
        ../shared/bench/ts_eval.py) of each and of each network's mean with comb, over OUTDIR's series
"""
import collections
import json
import math
import os
import sys

from panel_scores import read, smape_mase


def acf(y, lag):
    mean = sum(y) / len(y)
    d = sum((v - mean) ** 2 for v in y)
    return sum((y[i] - mean) * (y[i + lag] - mean) for i in range(len(y) - lag)) / d if d > 0 else 0.0


def seasonal(y, m):
    """M4's test: the autocorrelation at lag m beyond 1.645 standard errors (Bartlett), with at least 3 seasons."""
    if m < 2 or len(y) < 3 * m:
        return False
    limit = 1.645 * math.sqrt((1 + 2 * sum(acf(y, k) ** 2 for k in range(1, m))) / len(y))
    return abs(acf(y, m)) > limit


def indices(y, m):
    """Classical multiplicative decomposition: the mean ratio to the centred moving average per position."""
    weights = [0.5] + [1.0] * (m - 1) + [0.5] if m % 2 == 0 else [1.0] * m
    half = len(weights) // 2
    ratios = collections.defaultdict(list)
    for t in range(half, len(y) - half):
        trend = sum(w * y[t - half + j] for j, w in enumerate(weights)) / m
        ratios[t % m].append(y[t] / trend)
    idx = [sum(ratios[p]) / len(ratios[p]) for p in range(m)]
    mean = sum(idx) / m
    return [v / mean for v in idx]


def prepare(train, m, shortest, out):
    os.makedirs(out, exist_ok=True)
    info = {}
    with open(os.path.join(out, "raw.csv"), "w") as raw, open(os.path.join(out, "adjusted.csv"), "w") as adj:
        raw.write("unique_id,ds,y\n")
        adj.write("unique_id,ds,y\n")
        for sid, y in read(train).items():
            if len(y) < shortest:
                continue
            idx = indices(y, m) if min(y) > 0 and seasonal(y, m) else [1.0] * m
            info[sid] = {"length": len(y), "indices": idx}
            for t, v in enumerate(y):
                raw.write("%s,%d,%r\n" % (sid, t + 1, v))
                adj.write("%s,%d,%r\n" % (sid, t + 1, v / idx[t % m]))
    with open(os.path.join(out, "indices.json"), "w") as f:
        json.dump(info, f)
    adjusted = sum(1 for v in info.values() if v["indices"] != [1.0] * m)
    print("%d series of at least %d values, %d seasonally adjusted" % (len(info), shortest, adjusted))


def score(train, test, m, out):
    with open(os.path.join(out, "indices.json")) as f:
        info = json.load(f)
    history, actual = read(train), read(test)
    runs = {name: read(os.path.join(out, name + "-forecast.csv"), "forecast") for name in ("raw", "adjusted", "comb")}
    for sid, f in runs["adjusted"].items():
        n, idx = info[sid]["length"], info[sid]["indices"]
        runs["adjusted"][sid] = [v * idx[(n + h) % m] for h, v in enumerate(f)]
    for name in ("raw", "adjusted"):
        runs[name + "+comb"] = {s: [(a + b) / 2 for a, b in zip(runs[name][s], runs["comb"][s])] for s in info}
    for name, forecasts in runs.items():
        print("%-14s sMAPE %.3f  MASE %.3f" % ((name,) + smape_mase(history, actual, forecasts, list(info), m)))


if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] not in ("prepare", "score"):
        sys.exit(__doc__)
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        score(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
