"""What the bench scripts that score recur's forecast files outside the product share (bench/seasonally-adjusted.py,
bench/window-ensemble.py): reading a long CSV into series, and sMAPE and MASE as ../shared/bench/ts_eval.py
computes them (MASE on the in-sample seasonal naive scale, a lag of 1 for a history no longer than its season).
"""
import collections
import csv


def read(path, column="y"):
    """The series of a long CSV (unique_id, ..., column), in file order: {id: [values]}."""
    series = collections.OrderedDict()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            series.setdefault(row["unique_id"], []).append(float(row[column]))
    return series


def smape_mase(history, actual, forecasts, ids, m):
    """The mean sMAPE and MASE over the series `ids` of `forecasts` against `actual`."""
    smape = mase = 0.0
    for sid in ids:
        y, f = history[sid], forecasts[sid]
        a = actual[sid][:len(f)]
        lag = m if len(y) > m else 1
        scale = sum(abs(y[i] - y[i - lag]) for i in range(lag, len(y))) / (len(y) - lag)
        mase += sum(abs(x - p) for x, p in zip(a, f)) / len(a) / scale
        smape += 200 * sum(abs(x - p) / (abs(x) + abs(p)) if x or p else 0 for x, p in zip(a, f)) / len(a)
    return smape / len(ids), mase / len(ids)
