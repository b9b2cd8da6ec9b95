#!/usr/bin/env python3
"""Networks of two input windows in one ensemble, measured outside the product (bench/window-ensemble.sh).

    bench/window-ensemble.py prepare TRAIN.csv MIN_LENGTH OUT.csv
        writes the series of at least MIN_LENGTH values (those the default's network covers) to OUT.csv
    bench/window-ensemble.py score TRAIN.csv TEST.csv SEASON DIR
        reads DIR/{A,A2,B,comb}.csv (recur forecast's output: A the default's window with the default seed, A2 the
        same window with other seeds, B the other window with those other seeds, comb the statistical combination)
        and prints sMAPE and MASE (in-sample seasonal naive scale, as ../shared/bench/ts_eval.py) over DIR's series
        of each run, of the mean of two runs' forecasts (A+A2: twice the default's networks, of one window, the
        control; A+B: as many, half of each window) and of each with comb (as the default's mean of the network
        and comb); when DIR has member0.csv .. member4.csv and member2-short.csv, member3-short.csv (MEMBERS=1),
        also the median of the five members (5 W) and of members 0, 1 and 4 with the short members 2 and 3 (3 W +
        2 short), each with comb
"""
import collections
import csv
import os
import statistics
import sys

from panel_scores import read, smape_mase


def prepare(train, shortest, out):
    n = 0
    with open(train, newline="") as f, open(out, "w") as w:
        rows = collections.OrderedDict()
        for row in csv.DictReader(f):
            rows.setdefault(row["unique_id"], []).append(row["y"])
        w.write("unique_id,ds,y\n")
        for sid, y in rows.items():
            if len(y) < shortest:
                continue
            n += 1
            for t, v in enumerate(y):
                w.write("%s,%d,%s\n" % (sid, t + 1, v))
    print("%d series of at least %d values" % (n, shortest))


def mean(*runs):
    return {s: [sum(v) / len(v) for v in zip(*(r[s] for r in runs))] for s in runs[0]}


def median(runs):
    return {s: [statistics.median(v) for v in zip(*(r[s] for r in runs))] for s in runs[0]}


def score(train, test, m, out):
    history, actual = read(train), read(test)
    runs = {name: read(os.path.join(out, name + ".csv"), "forecast") for name in ("A", "A2", "B", "comb")}
    runs["A+A2"] = mean(runs["A"], runs["A2"])
    runs["A+B"] = mean(runs["A"], runs["B"])
    names = ["A", "B", "A+A2", "A+B"]
    if os.path.exists(os.path.join(out, "member3-short.csv")):
        members = [read(os.path.join(out, "member%d.csv" % k), "forecast") for k in range(5)]
        short = {k: read(os.path.join(out, "member%d-short.csv" % k), "forecast") for k in (2, 3)}
        runs["5 W"] = median(members)
        runs["3 W + 2 short"] = median([members[0], members[1], short[2], short[3], members[4]])
        names += ["5 W", "3 W + 2 short"]
    for name in names:
        runs[name + " | comb"] = mean(runs[name], runs["comb"])
    ids = list(runs["A"])
    for name, forecasts in runs.items():
        print("%-21s sMAPE %.3f  MASE %.3f" % ((name,) + smape_mase(history, actual, forecasts, ids, m)))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 6 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(__doc__)
