#!/usr/bin/env bash
# CSV reading throughput: generates a long-format file of 10 M rows (1000 series x 10000 steps) in
# target/, then reads it with `recur bench-read` (best of 3; one thread). Goal: at least 1 M rows/s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILE="$ROOT/target/long-10m.csv"
mkdir -p "$ROOT/target"
if [[ ! -f "$FILE" ]]; then
  awk 'BEGIN { print "unique_id,ds,y"; for (s = 0; s < 1000; s++) for (t = 1; t <= 10000; t++)
       printf "S%d,%d,%.3f\n", s, t, 100 + s + (t % 24) * 1.5 }' >"$FILE"
fi
"$ROOT/recur" bench-read "$FILE" --repeat 3 "$@"
