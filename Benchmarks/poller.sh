#!/usr/bin/env bash
# Poller adapter for ../shared/bench (PRODUCT_POLLER): one FeedWatch poll cycle over URLS,
# keeping the database in STATE.   poller.sh run|idle STATE URLS  |  poller.sh count STATE
# FEEDWATCH_BIN: directory of the release binaries (default: .build/release of this repository).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${FEEDWATCH_BIN:-$here/.build/release}
cmd=$1; state=$2
mkdir -p "$state"
paths=(--database "$state/feedwatch.sqlite" --alert-log "$state/alerts.jsonl")
case "$cmd" in
run)
    # The first run imports the URL list (one transaction); every run is one cycle over all feeds.
    [ -e "$state/imported" ] || { "$bin/feedwatch" feed import "$3" "${paths[@]}" >/dev/null && touch "$state/imported"; }
    exec "$bin/feedwatchd" --once --all --log-level warning "${paths[@]}" >/dev/null
    ;;
idle)
    exec "$bin/feedwatch" status "${paths[@]}" >/dev/null
    ;;
count)
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from articles").fetchone()[0])' "$state/feedwatch.sqlite"
    ;;
*) echo "usage: poller.sh run|idle STATE URLS | count STATE" >&2; exit 2 ;;
esac
