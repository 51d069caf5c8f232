#!/usr/bin/env bash
# Runs nnv-bench and the reference peers (peers/*.py) alternately — peer, nnv, peer, nnv ... —
# REPS times per workload, and prints medians and nnv/peer ratios computed pair by pair.
#
# usage: ./compare.sh [--reps N] [--threads "1 2"] [--workloads "xor-tiny ..."]
#                     [--peers "numpy torch sklearn"] [--no-memory]
#   (build first: swift build -c release)
# Environment (the options override it):
#   REPS=5              repetitions of every (workload, peer) pair
#   THREADS="1"         thread counts to run at ("1 2" for both); BENCH_THREADS is set per run
#   WORKLOADS="xor-tiny spiral-small mnist-mlp cnn-small rnn-char lstm-char saliency sgemm"
#   PEERS="numpy torch" peers for the training workloads (sklearn: W1-W3 only; W7 and W8 run
#                       peers/seq_peers.py); sgemm always
#                       compares with numpy and torch (onnxruntime too if listed in PEERS)
#   BENCH_VENV          the peers' Python environment, made on first use
#                       (default $HOME/.cache/nnv-bench-venv)
#   BENCH_OUT           where results go (default /tmp/nnv-bench): compare-raw.txt (one line per
#                       run), compare-table.md (the summary), compare-memory.txt
#   NNV_BENCH           the nnv-bench binary (default .build/release/nnv-bench beside this script)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
PEER_DIR="$HERE/peers"
VENV="${BENCH_VENV:-$HOME/.cache/nnv-bench-venv}"
PY="$VENV/bin/python"
OUT="${BENCH_OUT:-/tmp/nnv-bench}"
NNV="${NNV_BENCH:-$HERE/.build/release/nnv-bench}"
REPS="${REPS:-5}"
THREADS="${THREADS:-1}"
WORKLOADS="${WORKLOADS:-xor-tiny spiral-small mnist-mlp cnn-small rnn-char lstm-char saliency sgemm}"
PEERS="${PEERS:-numpy torch}"
MEMORY=1

while [ $# -gt 0 ]; do
  case $1 in
    --reps) REPS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --workloads) WORKLOADS=$2; shift 2 ;;
    --peers) PEERS=$2; shift 2 ;;
    --no-memory) MEMORY=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ ! -x "$NNV" ]; then
  echo "compare.sh: $NNV not found; build it first: (cd $HERE && swift build -c release)" >&2
  exit 2
fi

# The peers' environment, made once. torch==2.13.0+cpu (the CPU-only wheel) resolves from the
# package index these machines use; see peers/requirements.txt.
if [ ! -x "$PY" ]; then
  echo "compare.sh: creating the peers' Python environment in $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r "$PEER_DIR/requirements.txt"
fi

mkdir -p "$OUT"
RAW="$OUT/compare-raw.txt"
MEM="$OUT/compare-memory.txt"
TABLE="$OUT/compare-table.md"
: >"$RAW"
: >"$MEM"
FAILED=0
PAIR=0

# One peer process with T threads. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for the peer
# commands only, so OpenBLAS picks its own kernel, as in the reference runs.
run_peer() {
  local t=$1 rep=$2; shift 2
  local out rc=0
  out=$(cd "$PEER_DIR" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE BENCH_THREADS="$t" \
    OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" MKL_NUM_THREADS="$t" "$@") || rc=$?
  record "$out" "$rc" "$rep" "$*"
}

# One nnv-bench process with T threads (its matrix kernel reads BENCH_THREADS; NNV_THREADS too).
run_nnv() {
  local t=$1 rep=$2; shift 2
  local out rc=0
  out=$(BENCH_THREADS="$t" NNV_THREADS="$t" "$NNV" "$@") || rc=$?
  record "$out" "$rc" "$rep" "nnv-bench $*"
}

# Appends a run's result lines to the raw file, tagged with rep, pair id and exit status.
record() {
  local out=$1 rc=$2 rep=$3 what=$4
  if [ "$rc" != 0 ]; then
    echo "compare.sh: WARNING: '$what' exited $rc" >&2
    FAILED=1
  fi
  printf '%s\n' "$out" | { grep '^workload=' || true; } | sed "s/\$/ rep=$rep pair=$PAIR rc=$rc/" \
    | tee -a "$RAW"
}

peer_command() {  # the command line of peer P for workload W, or nothing if P does not run W
  local p=$1 w=$2
  case $p:$w in
    numpy:sgemm|torch:sgemm|onnxruntime:sgemm) echo "$PY sgemm.py $p" ;;
    *:sgemm|onnxruntime:*) ;;
    sklearn:xor-tiny|sklearn:spiral-small|sklearn:mnist-mlp) echo "$PY sklearn_peer.py $w" ;;
    sklearn:*) ;;
    numpy:rnn-char|numpy:lstm-char|torch:rnn-char|torch:lstm-char) echo "$PY seq_peers.py $w $p" ;;
    numpy:*) echo "$PY numpy_peer.py $w" ;;
    torch:*) echo "$PY torch_peer.py $w" ;;
    *) echo "compare.sh: unknown peer $p" >&2; exit 2 ;;
  esac
}

{
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ) reps=$REPS threads=${THREADS// /,}"
} >"$OUT/compare-meta.txt"

for rep in $(seq "$REPS"); do
  for t in $THREADS; do
    for w in $WORKLOADS; do
      peers=$PEERS
      [ "$w" = sgemm ] && peers="numpy torch $(echo "$PEERS" | grep -o onnxruntime || true)"
      for p in $peers; do
        cmd=$(peer_command "$p" "$w")
        [ -n "$cmd" ] || continue
        PAIR=$((PAIR + 1))
        echo "--- rep $rep/$REPS threads $t $w: $p, nnv" >&2
        # shellcheck disable=SC2086
        run_peer "$t" "$rep" $cmd
        run_nnv "$t" "$rep" "$w"
      done
    done
  done
done
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)" >>"$OUT/compare-meta.txt"

# Peak memory of W3 (goal: < 2 x (data + parameters)); nnv-bench prints those sizes itself.
if [ "$MEMORY" = 1 ] && [[ " $WORKLOADS " == *" mnist-mlp "* ]]; then
  echo "--- peak memory, mnist-mlp (1 thread)" >&2
  if [ -x /usr/bin/time ]; then
    for p in nnv numpy torch; do
      if [ $p = nnv ]; then
        log=$(BENCH_THREADS=1 /usr/bin/time -v "$NNV" mnist-mlp 2>&1 >/dev/null) || true
      else
        log=$(cd "$PEER_DIR" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE BENCH_THREADS=1 \
          OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
          /usr/bin/time -v "$PY" "${p}_peer.py" mnist-mlp 2>&1 >/dev/null) || true
      fi
      kb=$(printf '%s\n' "$log" | sed -n 's/.*Maximum resident set size (kbytes): *//p')
      echo "memory peer=$p max_rss_bytes=$((${kb:-0} * 1024))" | tee -a "$MEM"
      printf '%s\n' "$log" | grep -o 'data_bytes=.*' | sed 's/^/memory nnv_sizes /' | tee -a "$MEM" || true
    done
  else
    log=$(BENCH_THREADS=1 "$NNV" mnist-mlp 2>&1 >/dev/null) || true
    printf '%s\n' "$log" | grep -o 'data_bytes=.*' | sed 's/^/memory nnv_sizes /' | tee -a "$MEM" || true
    echo "compare.sh: /usr/bin/time not found; only nnv-bench's own peak RSS is recorded" >&2
  fi
fi

"$PY" "$HERE/compare.py" "$RAW" "$MEM" "$OUT/compare-meta.txt" | tee "$TABLE"
echo "raw lines: $RAW; table: $TABLE" >&2
if [ "$FAILED" != 0 ]; then
  echo "compare.sh: some runs failed or did not match the reference values (see warnings above)" >&2
  exit 1
fi
