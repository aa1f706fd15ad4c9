#!/usr/bin/env bash
# Milliseconds per start of feedwatchd when nothing is due: `feedwatchd --once` on STATE (a
# directory holding feedwatch.sqlite, e.g. one left by Benchmarks/poller.sh, whose feeds were
# just polled), RUNS runs in a row per build, the builds alternated ROUNDS times. The fixed cost
# of every `--once` run and of every daemon start: loading, the runtime, opening the database.
#
#   Benchmarks/startup.sh STATE [RUNS=20] [ROUNDS=3] FEEDWATCHD...
set -euo pipefail
state=$1; runs=${2:-20}; rounds=${3:-3}; shift $(($# < 3 ? $# : 3))
[ $# -gt 0 ] || { echo "usage: startup.sh STATE [RUNS] [ROUNDS] FEEDWATCHD..." >&2; exit 2; }
paths=(--database "$state/feedwatch.sqlite" --alert-log "$state/alerts.jsonl" --log-level error)
for ((round = 1; round <= rounds; round++)); do
    for program in "$@"; do
        start=$(date +%s%N)
        for ((run = 0; run < runs; run++)); do "$program" --once "${paths[@]}" >/dev/null; done
        end=$(date +%s%N)
        awk -v p="$program" -v r="$round" -v ns=$((end - start)) -v n="$runs" 'BEGIN { printf "%s round %d: %.2f ms\n", p, r, ns / n / 1e6 }'
    done
done
