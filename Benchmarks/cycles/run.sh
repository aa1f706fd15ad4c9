#!/usr/bin/env bash
# Poll cycles of two builds side by side, alternating, in one run: cold (no trackers), cold with
# 10 trackers (5 keyword, 5 figure), and warm (every answer 304) — wall, CPU, peak RSS, state
# size per article, and whether the alerts are identical (ids and values) across builds and runs.
#
#   Benchmarks/cycles/run.sh URLS OLD_BIN NEW_BIN [RUNS]
#
# URLS: one feed URL per line (e.g. ../shared/bench corpus served by serve.sh); *_BIN: directories
# holding feedwatch and feedwatchd release builds. Prints one JSON line per run, then a table of
# medians and one of old / new wall-time ratios per round (both builds run back to back in each).
#
# Each round also times curl on the warm cycle's requests: the same URLs, every answer a 304
# (`If-None-Match: *`), at most PER_HOST (default 2, FeedWatch's `per_host`) at once, as the
# feeds of one host are fetched. With every feed on one host, that is the floor of a warm cycle.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
urls=$1; old=$2; new=$3; runs=${4:-3}; per_host=${PER_HOST:-2}
work=$(mktemp -d /tmp/feedwatch-cycles.XXXXXX)
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl

prepare() { # BIN STATE TRACKERS
    rm -rf "$2"
    FEEDWATCH_BIN=$1 FEEDWATCH_TRACKERS=$3 "$here/../poller.sh" prepare "$2" "$urls"
    sync
}

cycle() { # BIN STATE LABEL BUILD RUN
    local paths=(--database "$2/feedwatch.sqlite" --alert-log "$2/alerts.jsonl")
    /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$1/feedwatchd" --once --all --log-level error "${paths[@]}" >/dev/null 2>&1 || true
    python3 "$here/summary.py" record "$3" "$4" "$5" "$2" $(tail -1 "$work/time") >>"$results"
}

# curl's part of a warm cycle: the same requests, answered 304, with FeedWatch's per-host limit.
awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$urls" >"$work/curl.cfg"
curl_warm() { # RUN
    /usr/bin/time -o "$work/time" -f "%e %U %S %M" \
        curl -s -Z --parallel-max "$per_host" -H "If-None-Match: *" -K "$work/curl.cfg" >/dev/null 2>&1 || true
    python3 "$here/summary.py" reference warm curl "$1" $(tail -1 "$work/time") >>"$results"
}

for ((run = 1; run <= runs; run++)); do
    for build in old new; do
        bin=$old; [ "$build" = new ] && bin=$new
        prepare "$bin" "$work/$build-plain" 0
        cycle "$bin" "$work/$build-plain" cold "$build" "$run"
        prepare "$bin" "$work/$build-trackers" 10
        cycle "$bin" "$work/$build-trackers" cold-trackers "$build" "$run"
        sync
        cycle "$bin" "$work/$build-trackers" warm "$build" "$run"
    done
    curl_warm "$run"
done
cat "$results"
python3 "$here/summary.py" table "$results"
