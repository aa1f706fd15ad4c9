#!/usr/bin/env bash
# Poller adapter for ../shared/bench (PRODUCT_POLLER): one FeedWatch poll cycle over URLS,
# keeping the database in STATE.   poller.sh run|idle STATE URLS  |  poller.sh count STATE
# `poller.sh prepare STATE URLS` only makes the state (what the first run does before its
# cycle); the other benchmarks and scripts/order-functions make theirs with it.
# FEEDWATCH_BIN: directory of the release binaries (default: .build/release of this repository).
# FEEDWATCH_TRACKERS=N: the first run also adds N trackers, half keyword, half figure (as
# `feedwatch-bench figures` uses them), so that cycles are measured with trackers at work.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${FEEDWATCH_BIN:-$here/.build/release}
cmd=$1; state=$2
mkdir -p "$state"
paths=(--database "$state/feedwatch.sqlite" --alert-log "$state/alerts.jsonl")
# The first run imports the URL list (one transaction) and adds the trackers.
prepare() {
    if [ ! -e "$state/imported" ]; then
        "$bin/feedwatch" feed import "$1" "${paths[@]}" >/dev/null
        terms=("ceasefire" "troops" "sanctions" "per cent" "budget" "grain exports" "tariffs" "debt relief"
               "nuclear programme" "border dispute" "reconstruction aid" "prisoner exchanges" "fishing quotas"
               "gas transit" "Zaporizhzhia" "Kharkiv" "Zelensky" "election" "inflation" "refugees")
        for ((i = 0; i < ${FEEDWATCH_TRACKERS:-0}; i++)); do
            if ((i % 2 == 0)); then
                "$bin/feedwatch" track keyword "t$i" "${terms[i % 20]}" "${terms[(i + 7) % 20]}" "${paths[@]}" >/dev/null
            else
                "$bin/feedwatch" track figure "t$i" --near "${terms[i % 20]}" "${paths[@]}" >/dev/null
            fi
        done
        touch "$state/imported"
    fi
}
case "$cmd" in
prepare)
    prepare "$3"
    ;;
run)
    # Every run is one cycle over all feeds.
    prepare "$3"
    exec "$bin/feedwatchd" --once --all --log-level warning "${paths[@]}" >/dev/null
    ;;
idle)
    exec "$bin/feedwatch" status "${paths[@]}" >/dev/null
    ;;
count)
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from articles").fetchone()[0])' "$state/feedwatch.sqlite"
    ;;
*) echo "usage: poller.sh prepare|run|idle STATE URLS | count STATE" >&2; exit 2 ;;
esac
