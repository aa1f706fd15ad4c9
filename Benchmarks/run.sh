#!/usr/bin/env bash
# Measures FeedWatch side by side with its peers through ../shared/bench, in one run:
# parse throughput (feedwatch-bench parse vs libxml2 SAX and feedparser) and poll cycles
# (feedwatchd via Benchmarks/poller.sh vs newsboat and curl --parallel).
#
#   Benchmarks/run.sh [WORK]      WORK keeps corpora and results (default: a new temporary directory)
#   FEEDS="2000" PEERS="libxml2 fetch newsboat product" NB_PLAN="2000:8:1:1:1:1" Benchmarks/run.sh
#
# Needs: nginx newsboat wrk libxml2-utils libxml2-dev (apt) and feedparser (pip); see ../shared/bench/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH_DIR:-$here/../shared/bench}
cd "$here"
swift build -c release --static-swift-stdlib --product feedwatchd >&2
swift build -c release --static-swift-stdlib --product feedwatch >&2
swift build -c release --static-swift-stdlib --product feedwatch-bench >&2
export PRODUCT_NAME=feedwatch
export PRODUCT_PARSE_CMD="$here/.build/release/feedwatch-bench parse"
export PRODUCT_POLLER="$here/Benchmarks/poller.sh"
export FEEDS=${FEEDS:-2000}
export PEERS=${PEERS:-"libxml2 fetch feedparser newsboat product"}
export FP_FEEDS=${FP_FEEDS:-2000}
export FP_RUNS=${FP_RUNS:-1}
export NB_PLAN=${NB_PLAN:-"2000:8:1:1:1:1"}
exec "$bench/run_all.sh" "$@"
