#!/usr/bin/env bash
# Missing values filled with the season's pattern (MissingValues, as R's na.interp) against a straight line:
# values knocked out of the complete training series of the tourism, M1 and M4 Hourly panels (one value, and
# three in a row, three gaps a series at random places inside it, seed 7), each gap's mean absolute error divided
# by its series' MASE scale, averaged; the ratio below 1 is the seasonal fill's lead.
#
#   bench/missing-fill.sh        # needs ../shared/datasets
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATASETS:-$ROOT/../shared/datasets}"
cd "$ROOT"
mvn -q -B -DskipTests install -pl engine >&2
CP="$ROOT/engine/target/classes:$(ls "$HOME"/.m2/repository/org/apache/commons/commons-math3/*/commons-math3-*.jar | grep -v sources | tail -n 1)"
for spec in "tourism/monthly-train.csv 12" "tourism/quarterly-train.csv 4" "m1/monthly-train.csv 12" \
            "m1/quarterly-train.csv 4" "m4-hourly/train.csv 24"; do
  read -r file season <<<"$spec"
  for block in 1 3; do
    java -cp "$CP" "$ROOT/bench/MissingFill.java" "$DATA/$file" "$season" "$block"
  done
done
