#!/usr/bin/env python3
"""Converts one M4 frequency from the competition's wide CSVs (one row per series: "V1" the id, then its
values; as in the organisers' M4-methods repository, Dataset/Train/Weekly-train.csv and
Dataset/Test/Weekly-test.csv) to the long unique_id,ds,y files that `recur forecast` and `recur evaluate`
read, with integer steps (the test steps continue the training ones).

    bench/m4-long.py Weekly-train.csv Weekly-test.csv OUTDIR    # writes OUTDIR/train.csv, OUTDIR/test.csv

then, for weekly data (season 52, horizon 13; the M4 scores MASE with lag 1 for weekly series):

    ./recur forecast --input OUTDIR/train.csv --horizon 13 --season 52 --output f.csv
    ./recur evaluate --actuals OUTDIR/test.csv --forecasts f.csv --history OUTDIR/train.csv --season 52
With --last N (after OUTDIR) each series keeps only its last N training values, as a panel of young series would
have them (the steps keep their numbers; the test part is the same):
    bench/m4-long.py Weekly-train.csv Weekly-test.csv OUTDIR --last 104    # two years of each weekly series
"""
import csv
import os
import sys


def convert(src, dst, start=None, last=None):
    lengths = {}
    with open(src, newline="") as f, open(dst, "w", newline="") as out:
        rows = csv.reader(f)
        next(rows)
        out.write("unique_id,ds,y\n")
        for row in rows:
            sid, values = row[0], [v for v in row[1:] if v.strip()]
            lengths[sid] = len(values)
            first = 1 if start is None else start[sid] + 1
            skip = 0 if last is None else max(0, len(values) - last)
            for i, v in enumerate(values):
                if i >= skip:
                    out.write(f"{sid},{first + i},{v}\n")
    return lengths


def main():
    if len(sys.argv) not in (4, 6) or len(sys.argv) == 6 and sys.argv[4] != "--last":
        sys.exit(__doc__)
    train, test, outdir = sys.argv[1:4]
    last = int(sys.argv[5]) if len(sys.argv) == 6 else None
    os.makedirs(outdir, exist_ok=True)
    lengths = convert(train, os.path.join(outdir, "train.csv"), last=last)
    convert(test, os.path.join(outdir, "test.csv"), lengths)
    kept = lengths if last is None else {k: min(n, last) for k, n in lengths.items()}
    print(f"{len(kept)} series, {min(kept.values())} to {max(kept.values())} training values")


if __name__ == "__main__":
    main()
