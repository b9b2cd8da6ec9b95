#!/usr/bin/env python3
"""Small files: how the default does on an analyst's file of a few series, not a competition panel.

For each of the six dev panels (../shared/datasets/tourism and m1), draws G groups of K series at random (seed 64),
writes each group as a file of its own (its training part and its held-out test part), forecasts it with each model
named (`recur forecast --model M`), scores it with `recur evaluate`, and prints the mean over the files of sMAPE and
MASE per panel and model. Each file is forecast as a user would forecast it: the network of the default trains on
that file's series alone.

    bench/small-files.py OUTDIR [K [G [MODELS [PANELS]]]]
    bench/small-files.py /tmp/small1 1 12 ensemble,comb     # 12 single series per panel (about 10 minutes)
    bench/small-files.py /tmp/small3 3 10 ensemble,comb tourism-quarterly,m1-quarterly

Files already forecast in OUTDIR are scored again, not forecast again.
"""
import csv
import os
import random
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATASETS", os.path.join(ROOT, "..", "shared", "datasets"))
RECUR = os.path.join(ROOT, "recur")
SETS = [("tourism-yearly", "tourism/yearly", 4, 1), ("tourism-quarterly", "tourism/quarterly", 8, 4),
        ("tourism-monthly", "tourism/monthly", 24, 12), ("m1-yearly", "m1/yearly", 6, 1),
        ("m1-quarterly", "m1/quarterly", 8, 4), ("m1-monthly", "m1/monthly", 18, 12)]


def rows_by_series(path):
    by = defaultdict(list)
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            by[row[0]].append(row)
    return by


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    groups = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    models = (sys.argv[4] if len(sys.argv) > 4 else "ensemble,comb").split(",")
    sets = SETS if len(sys.argv) < 6 else [s for s in SETS if s[0] in sys.argv[5].split(",")]
    os.makedirs(out, exist_ok=True)
    scores = defaultdict(list)
    for name, path, h, m in sets:
        train = rows_by_series(os.path.join(DATA, path + "-train.csv"))
        test = rows_by_series(os.path.join(DATA, path + "-test.csv"))
        rnd = random.Random(64)
        ids = sorted(train)
        for g in range(groups):
            pick = rnd.sample(ids, k)
            base = os.path.join(out, "%s-k%d-g%d" % (name, k, g))
            for part, src in (("train", train), ("test", test)):
                with open("%s-%s.csv" % (base, part), "w", newline="") as f:
                    w = csv.writer(f)
                    w.writerow(["unique_id", "ds", "y"])
                    for i in pick:
                        w.writerows(src[i])
            for model in models:
                fc = "%s-%s.csv" % (base, model)
                if not os.path.exists(fc):
                    p = subprocess.run([RECUR, "forecast", base + "-train.csv", "--horizon", str(h), "--season", str(m),
                                        "--model", model, "--output", fc, "--quiet"], capture_output=True, text=True)
                    if p.returncode:
                        print("failed: %s %s: %s" % (base, model, p.stderr.strip().splitlines()[-1]), flush=True)
                        continue
                ev = subprocess.run([RECUR, "evaluate", "--actuals", base + "-test.csv", "--forecasts", fc, "--history",
                                     base + "-train.csv", "--season", str(m)], capture_output=True, text=True).stdout
                got = {line.split()[0]: float(line.split()[1]) for line in ev.splitlines()
                       if line.startswith(("sMAPE", "MASE"))}
                scores[(name, model)].append((got["sMAPE"], got["MASE"]))
                print("%s %d series, file %d, %s: sMAPE %.3f MASE %.3f" % (name, k, g, model, got["sMAPE"], got["MASE"]),
                      file=sys.stderr, flush=True)
    print("| panel (%d series a file) | %s |" % (k, " | ".join(models)))
    print("|---|%s" % ("---|" * len(models)))
    for name, _, _, _ in sets:
        cells = []
        for model in models:
            s = scores[(name, model)]
            cells.append("%.3f / %.3f (%d files)" % (sum(a for a, _ in s) / len(s), sum(b for _, b in s) / len(s), len(s))
                         if s else "-")
        print("| %s | %s |" % (name, " | ".join(cells)))


if __name__ == "__main__":
    main()
