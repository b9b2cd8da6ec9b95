#!/usr/bin/env python3
"""Gross errors: how one mistyped value (an extra digit) moves the forecasts, and how often the dev panels hold
values that a rule for isolated spikes would flag.

Part 1. Each monthly classic series (../shared/datasets/classic) with its last 24 months held out, forecast as it is
and with one value of its training part multiplied by 10 (one at 60% and one at 90% of the training part), with each
model named; prints the MASE of each (`recur evaluate`, in-sample seasonal naive scale) and the default's choice.

Part 2. Counts, per dev panel, the values an isolated-spike rule would flag: a value (not the first or last) that
differs from both neighbours by more than K times the series' median absolute one-step change, in the same
direction, whose neighbours agree with each other (within half the smaller jump), and, for a series of more than two
seasons, that also differs from the same season a year before and after by more than K times the median absolute
seasonal change (so a regular seasonal peak is not flagged). Series whose median change is 0 (intermittent) are not
counted. Then the largest K at which a value of the panel would be flagged, and how many values recur names in a
warning (`Spikes`: K of 50 or more, and beyond every other value of the series that is not such a spike). The data
is never changed; this measures whether a threshold could tell mistyped values from the panels' own spikes.

    bench/gross-errors.py OUTDIR [MODELS]          (M4_WEEKLY=train.csv adds M4 Weekly, from bench/m4-long.py)
    bench/gross-errors.py /tmp/gross ensemble,comb,gru      # about 5 minutes on 2 cores
    bench/gross-errors.py /tmp/gross ensemble,ensemble:replace-spikes,comb:replace-spikes
"""
import csv
import os
import statistics
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATASETS", os.path.join(ROOT, "..", "shared", "datasets"))
RECUR = os.path.join(ROOT, "recur")
CLASSIC = ["air-passengers", "mauna-loa-co2", "nottingham-temperature"]
PANELS = [("tourism/yearly", 1), ("tourism/quarterly", 4), ("tourism/monthly", 12), ("m1/yearly", 1),
          ("m1/quarterly", 4), ("m1/monthly", 12), ("m4-hourly/", 24)]
H = 24


def evaluate(test, forecast, history):
    out = subprocess.run([RECUR, "evaluate", "--actuals", test, "--forecasts", forecast, "--history", history,
                          "--season", "12"], capture_output=True, text=True).stdout
    return next(float(line.split()[1]) for line in out.splitlines() if line.startswith("MASE"))


def part1(out, models):
    print("| series | value changed | " + " | ".join(models) + " | default's choice |")
    print("|---|---|" + "---|" * len(models) + "---|")
    for name in CLASSIC:
        with open(os.path.join(DATA, "classic", name + ".csv"), newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        train, test = body[:-H], body[-H:]
        test_file = os.path.join(out, name + "-test.csv")
        clean_file = os.path.join(out, name + "-train.csv")
        for path, part in ((test_file, test), (clean_file, train)):
            with open(path, "w", newline="") as f:
                csv.writer(f).writerows([header] + part)
        for at in (None, int(0.6 * len(train)), int(0.9 * len(train))):
            src = clean_file
            if at is not None:
                changed = [r[:] for r in train]
                changed[at][1] = repr(float(changed[at][1]) * 10)
                src = os.path.join(out, "%s-x10-at%d.csv" % (name, at))
                with open(src, "w", newline="") as f:
                    csv.writer(f).writerows([header] + changed)
            cells, choice = [], ""
            for model in models:
                # MODEL:replace-spikes forecasts with --replace-spikes
                method, _, flag = model.partition(":")
                fc = src[:-4] + "-" + model.replace(":", "-") + ".csv"
                p = subprocess.run([RECUR, "forecast", "--input", src, "--horizon", str(H), "--season", "12",
                                    "--model", method, "--output", fc] + (["--" + flag] if flag else []),
                                   capture_output=True, text=True)
                if p.returncode:
                    cells.append("failed")
                    continue
                cells.append("%.3f" % evaluate(test_file, fc, clean_file))
                if model == "ensemble" and not choice:
                    choice = next((line.split(": ")[2].split(" (")[0] for line in p.stderr.splitlines()
                                   if line.startswith("ensemble: 1 series")), "")
            what = "none" if at is None else "month %d of %d (%s) x 10, a spike of K = %.0f" % (
                at + 1, len(train), train[at][0], max(spike_sizes([float(r[1]) for r in changed], 12), default=0))
            print("| %s | %s | %s | %s |" % (name, what, " | ".join(cells), choice), flush=True)


def spike_sizes(y, m, named=False):
    """The size of each isolated spike of y: the smaller of its jumps from its neighbours in median one-step
    changes (and, over more than two seasons, of its distances to the same season a year before and after in median
    seasonal changes). With named, only those recur names: at least 50 and beyond every value that is not one."""
    n = len(y)
    if n < 5:
        return []
    d = statistics.median(abs(y[t] - y[t - 1]) for t in range(1, n))
    if not d > 0:
        return []
    s = None
    if m > 1 and n > 2 * m:
        s = statistics.median(abs(y[t] - y[t - m]) for t in range(m, n))
        if not s > 0:
            return []
    sizes = []
    for t in range(1, n - 1):
        a, b = y[t] - y[t - 1], y[t] - y[t + 1]
        if (a > 0) == (b > 0) and abs(y[t + 1] - y[t - 1]) <= 0.5 * min(abs(a), abs(b)):
            k = min(abs(a), abs(b)) / d
            if s is not None:
                k = min([k] + [abs(y[t] - y[u]) / s for u in (t - m, t + m) if 0 <= u < n])
            sizes.append((k, t))
    if named:
        big = [(k, t) for k, t in sizes if k >= 50]
        rest = [y[t] for t in range(n) if t not in {u for _, u in big}]
        return [k for k, t in big if y[t] > max(rest) or y[t] < min(rest)]
    return [k for k, _ in sizes]


def part2():
    print()
    print("| panel | series | flagged values (series) at K = 5 | K = 10 | K = 20 | largest spike (K) | named by recur |")
    print("|---|---|---|---|---|---|---|")
    panels = PANELS + ([(os.environ["M4_WEEKLY"], 52)] if os.environ.get("M4_WEEKLY") else [])
    for path, m in panels:
        train = path if path.endswith(".csv") else os.path.join(
            DATA, path + "train.csv" if path.endswith("/") else path + "-train.csv")
        by = defaultdict(list)
        with open(train, newline="") as f:
            r = csv.reader(f)
            next(r)
            for row in r:
                by[row[0]].append(float(row[2]))
        sizes = [spike_sizes(y, m) for y in by.values()]
        cells = []
        for k in (5, 10, 20):
            counts = [sum(1 for x in z if x > k) for z in sizes]
            cells.append("%d (%d)" % (sum(counts), sum(1 for c in counts if c)))
        largest = max((x for z in sizes for x in z), default=0)
        named = sum(len(spike_sizes(y, m, True)) for y in by.values())
        print("| %s | %d | %s | %.0f | %d |" % (path.rstrip("/"), len(by), " | ".join(cells), largest, named), flush=True)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    models = (sys.argv[2] if len(sys.argv) > 2 else "ensemble,comb,gru").split(",")
    os.makedirs(out, exist_ok=True)
    part1(out, models)
    part2()


if __name__ == "__main__":
    main()
