#!/usr/bin/env bash
# Training speed of Recur against the PyTorch reference script, side by side in one run on this machine.
# Needs Debian's PyTorch with OpenBLAS (apt-get install -y python3-torch libopenblas0-pthread: without
# OpenBLAS, python3-torch falls back to the reference BLAS at ~8 GFLOP/s, a peer far below its best) and
# ../shared/bench/torch_rnn_train.py (or TORCH_SCRIPT=path). Prints a Markdown table; each row runs Recur
# and PyTorch back to back. The first line reports PyTorch's own matrix-multiply speed on this machine.
#
#   bench/compare-torch.sh              # the README's table
#   bench/compare-torch.sh lstm 64 2 168 64 48 50 2   # one configuration
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TORCH_SCRIPT="${TORCH_SCRIPT:-$ROOT/../shared/bench/torch_rnn_train.py}"
PYTHON="${PYTHON:-/usr/bin/python3}"
[[ -f "$TORCH_SCRIPT" ]] || { echo "compare-torch: no PyTorch script at $TORCH_SCRIPT (set TORCH_SCRIPT)" >&2; exit 2; }
"$PYTHON" -c 'import torch' 2>/dev/null || { echo "compare-torch: $PYTHON has no torch (apt-get install -y python3-torch)" >&2; exit 2; }

if (( $# > 0 )); then
  configs=("$*")
else
  configs=(
    "lstm 64 2 168 64 48 50 2"
    "gru 64 2 168 64 48 50 2"
    "rnn 64 2 168 64 48 50 2"
    "lstm 256 2 168 64 48 10 2"
    "gru 256 2 168 64 48 10 2"
  )
fi

blas=$("$PYTHON" - <<'PY'
import time, torch
torch.set_num_threads(2)
a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
a @ b
t = time.perf_counter()
for _ in range(20):
    a @ b
print("%.0f" % (2 * 1024**3 * 20 / (time.perf_counter() - t) / 1e9))
PY
)
echo "PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)') float32 1024x1024 matmul on 2 threads: $blas GFLOP/s"
if (( blas < 50 )); then
  echo "compare-torch: warning: PyTorch's BLAS is slow ($blas GFLOP/s); install OpenBLAS: apt-get install -y libopenblas0-pthread" >&2
fi
echo

field() { grep -oE "(^| )$1=[^ ]+" | tail -1 | cut -d= -f2; }

"$ROOT/recur" --version >/dev/null 2>&1 || true   # build once, outside the timings
echo "| configuration (cell hidden layers seq batch horizon) | Recur samples/s | Recur GFLOP/s | PyTorch samples/s | ratio |"
echo "|---|---|---|---|---|"
for c in "${configs[@]}"; do
  read -r cell hidden layers seq batch horizon steps threads <<<"$c"
  r=$("$ROOT/recur" bench-train $c 2>/dev/null | tail -1)
  t=$("$PYTHON" "$TORCH_SCRIPT" $c 2>/dev/null | tail -1)
  rs=$(field samples_per_s <<<"$r"); rg=$(field gflops <<<"$r"); ts=$(field samples_per_s <<<"$t")
  ratio=$(awk -v a="$rs" -v b="$ts" 'BEGIN{printf "%.1f×", a/b}')
  echo "| $cell $hidden $layers $seq $batch $horizon (threads $threads) | $rs | $rg | $ts | $ratio |"
done
