#!/usr/bin/env python3
"""Converts one M4 frequency from the competition's wide CSVs (one row per series: "V1" the id, then its
values; as in the organisers' M4-methods repository, Dataset/Train/Weekly-train.csv and
Dataset/Test/Weekly-test.csv) to the long unique_id,ds,y files that `recur forecast` and `recur evaluate`
read, with integer steps (the test steps continue the training ones).

    bench/m4-long.py Weekly-train.csv Weekly-test.csv OUTDIR    # writes OUTDIR/train.csv, OUTDIR/test.csv

then, for weekly data (season 52, horizon 13; the M4 scores MASE with lag 1 for weekly series):

    ./recur forecast --input OUTDIR/train.csv --horizon 13 --season 52 --output f.csv
    ./recur evaluate --actuals OUTDIR/test.csv --forecasts f.csv --history OUTDIR/train.csv --season 52
"""
import csv
import os
import sys


def convert(src, dst, start=None):
    lengths = {}
    with open(src, newline="") as f, open(dst, "w", newline="") as out:
        rows = csv.reader(f)
        next(rows)
        out.write("unique_id,ds,y\n")
        for row in rows:
            sid, values = row[0], [v for v in row[1:] if v.strip()]
            lengths[sid] = len(values)
            first = 1 if start is None else start[sid] + 1
            for i, v in enumerate(values):
                out.write(f"{sid},{first + i},{v}\n")
    return lengths


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    train, test, outdir = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    lengths = convert(train, os.path.join(outdir, "train.csv"))
    convert(test, os.path.join(outdir, "test.csv"), lengths)
    print(f"{len(lengths)} series, {min(lengths.values())} to {max(lengths.values())} training values")


if __name__ == "__main__":
    main()
