#!/usr/bin/env bash
# Several feedwatchd sharing one PostgreSQL database, against feeds that answer in 100-300 ms
# (network-bound, as on the internet), and the cost of storing an article in PostgreSQL and in
# SQLite on one instance.
#   Benchmarks/instances/run.sh [HOSTS] [FEEDS_PER_HOST] [INSTANCES...]     (default: 50 8 1 2 4)
# For each number of instances: a new database, the feeds imported, the daemons started together,
# and the time until the server has answered every feed once. Each daemon opens at most
# $CONCURRENCY (default 8) connections, one machine's share; per_host = 2 holds over all of them.
# Then `feedwatch-bench store` over $CORPUS (a ../shared/bench corpus directory, if given) into
# SQLite and into PostgreSQL. FEEDWATCH_BIN: release binaries (default .build/release).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${FEEDWATCH_BIN:-$here/.build/release}
hosts=${1:-50}
per_host=${2:-8}
shift $(( $# >= 2 ? 2 : $# ))
instances=("$@")
(( ${#instances[@]} )) || instances=(1 2 4)
concurrency=${CONCURRENCY:-8}
feeds=$((hosts * per_host))
work=$(mktemp -d)
chmod 755 "$work"
port=$((20000 + RANDOM % 20000))
server_pid=""
cleanup() {
    [[ -z $server_pid ]] || kill "$server_pid" 2>/dev/null || true
    pkill -f "feedwatchd --config $work/" 2>/dev/null || true
    "$here/scripts/pg-cluster" stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
url=$("$here/scripts/pg-cluster" start "$work/pg" $((50000 + RANDOM % 10000)))
base=${url%/feedwatch*}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_owner=()
[[ $(id -u) -ne 0 ]] || as_owner=(runuser -u postgres --)
createdb() { "${as_owner[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "${base##*:}" -U postgres "$1"; }

for ((h = 1; h <= hosts; h++)); do
    for ((f = 0; f < per_host; f++)); do echo "http://127.0.0.$h:$port/f$f.xml"; done
done >"$work/feeds.txt"

echo "instances,feeds,seconds,feeds_per_second,speedup,fetched_twice,articles"
one=""
for k in "${instances[@]}"; do
    log="$work/requests-$k.log"
    : >"$log"
    python3 "$here/Benchmarks/instances/serve_delayed.py" "$port" "$hosts" "$per_host" "$log" >"$work/server.out" &
    server_pid=$!
    until grep -q ready "$work/server.out" 2>/dev/null; do sleep 0.1; done
    createdb "bench_$k"
    database="$base/bench_$k?sslmode=disable"
    for ((i = 0; i < k; i++)); do
        cat >"$work/d$k-$i.toml" <<TOML
database = "$database"
alert_log = "$work/alerts-$k-$i.jsonl"
log_level = "warning"
[polling]
interval = "1h"
concurrency = $concurrency
per_host = 2
lease = "1m"
user_agent = "daemon-$i"
TOML
    done
    "$bin/feedwatch" feed import "$work/feeds.txt" --config "$work/d$k-0.toml" >/dev/null
    start=$(date +%s.%N)
    for ((i = 0; i < k; i++)); do
        "$bin/feedwatchd" --config "$work/d$k-$i.toml" >"$work/daemon-$k-$i.log" 2>&1 &
    done
    while (( $(awk '{print $2, $3}' "$log" | sort -u | wc -l) < feeds )); do sleep 0.2; done
    end=$(date +%s.%N)
    pkill -TERM -f "feedwatchd --config $work/d$k-" || true
    while pgrep -f "feedwatchd --config $work/d$k-" >/dev/null; do sleep 0.1; done
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    seconds=$(echo "$end - $start" | bc -l)
    twice=$(awk '{print $2, $3}' "$log" | sort | uniq -d | wc -l)
    # `status` exits 1 with no daemon running; its JSON is what is read here.
    articles=$({ "$bin/feedwatch" status --json --config "$work/d$k-0.toml" || true; } \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["articles"])')
    [[ -n $one ]] || one=$seconds
    printf '%s,%s,%.2f,%.1f,%.2f,%s,%s\n' "$k" "$feeds" "$seconds" "$(echo "$feeds / $seconds" | bc -l)" \
        "$(echo "$one / $seconds" | bc -l)" "$twice" "$articles"
done

if [[ -n ${CORPUS:-} ]]; then
    echo "backend,store_seconds,cpu_seconds,articles,microseconds_per_article"
    createdb bench_store
    for target in "$work/store.sqlite" "$base/bench_store?sslmode=disable"; do
        line=$("$bin/feedwatch-bench" store "$CORPUS/files.txt" "$CORPUS" "$target")
        python3 - "$target" "$line" <<'PY'
import json, sys
target, result = sys.argv[1], json.loads(sys.argv[2])
backend = "postgresql" if target.startswith("postgresql://") else "sqlite"
print(f'{backend},{result["store_seconds"]:.2f},{result["cpu_seconds"]:.2f},{result["articles"]},'
      f'{1e6 * result["store_seconds"] / max(1, result["articles"]):.0f}')
PY
    done
fi
