#!/usr/bin/env bash
# Fuzzes each reader of outside data with libFuzzer for a bounded time, two targets at a time.
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s; every target)
# Builds once, then runs each target on one core, seeded from seeds/<target>, Regressions/<target>
# (and, for feeds, the demo feeds and the parser's fixture documents), with dicts/<dictionary>.
# Logs and findings (crash-*, leak-*, timeout-*, oom-*) go to findings/<target>/. Exits 1 if any
# target had a finding: keep its input in Regressions/<target>/ and add a test before fixing it.
# $FUZZ_FLAGS adds libFuzzer flags to every run, e.g. FUZZ_FLAGS=-detect_leaks=0.
set -euo pipefail
cd "$(dirname "$0")"

all_targets=(FeedParserFuzz FeedDateFuzz HTMLTextFuzz FigureFuzz FigureChoiceFuzz OPMLFuzz ConfigFuzz DurationFuzz RetryAfterFuzz URLFuzz DatabaseURLFuzz TemplateFuzz SearchQueryFuzz FeedDiscoveryFuzz RequestHeaderFuzz)
seconds=${1:-60}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...] (targets: ${all_targets[*]})" >&2; exit 2; }
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
(( ${#targets[@]} )) || targets=("${all_targets[@]}")

# The largest input and the dictionary of each target.
settings() {
    case $1 in
        FeedParserFuzz) echo "65536 feeds.dict" ;;
        FeedDateFuzz) echo "128 dates.dict" ;;
        HTMLTextFuzz) echo "4096 html.dict" ;;
        FigureFuzz) echo "4096 figures.dict" ;;
        FigureChoiceFuzz) echo "4096 figures.dict" ;;
        OPMLFuzz) echo "16384 opml.dict" ;;
        ConfigFuzz) echo "16384 config.dict" ;;
        DurationFuzz) echo "64 durations.dict" ;;
        RetryAfterFuzz) echo "64 retry-after.dict" ;;
        URLFuzz) echo "512 urls.dict" ;;
        DatabaseURLFuzz) echo "512 database-urls.dict" ;;
        TemplateFuzz) echo "2048 templates.dict" ;;
        SearchQueryFuzz) echo "256 search.dict" ;;
        FeedDiscoveryFuzz) echo "8192 discovery.dict" ;;
        RequestHeaderFuzz) echo "512 headers.dict" ;;
        *) return 1 ;;
    esac
}
for target in "${targets[@]}"; do
    settings "$target" >/dev/null || { echo "$0: unknown target '$target' (targets: ${all_targets[*]})" >&2; exit 2; }
done

# SwiftPM keeps this package's build plan until its manifest changes, and would miss a source
# folder added to the main package since the last build.
touch Package.swift
swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
bin_dir="$(swift build -c release --scratch-path .build-fuzz --show-bin-path)"

# Swift's own backtracer would catch a trap before libFuzzer (and trip AddressSanitizer reading memory).
export SWIFT_BACKTRACE=enable=no

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Seeds in a throw-away corpus, which the run grows.
seed() {
    local target=$1 corpus="$work/$1"
    mkdir -p "$corpus"
    cp seeds/"$target"/* "$corpus/" 2>/dev/null || true
    cp Regressions/"$target"/* "$corpus/" 2>/dev/null || true
    case $target in
        FeedParserFuzz)
            cp ../Config/demo/feeds/* "$corpus/"
            # Every fixture document (each format, encoding, breakage and attack), not their expectations.
            find ../Tests/FeedParsingTests/Fixtures -type f ! -name '*.json' ! -name 'README.md' ! -name '.gitattributes' \
                -exec sh -c 'cp "$1" "$2/$(echo "$1" | tr / _)"' sh {} "$corpus" \;
            find ../Tests/FeedParsingTests/Fixtures -type f -name '*.json' ! -name '*.expected.json' -exec cp {} "$corpus/" \;
            ;;
        ConfigFuzz) cp ../Config/feedwatch.toml "$corpus/" ;;
    esac
}

# One target on one core; its log and findings in findings/<target>/, its wall time in $work/<target>.seconds.
fuzz() {
    local target=$1 max_len dict started
    read -r max_len dict < <(settings "$target")
    mkdir -p findings/"$target"
    started=$(date +%s)
    "$bin_dir/$target" "$work/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=findings/"$target"/ -dict=dicts/"$dict" -print_final_stats=1 ${FUZZ_FLAGS:-} >findings/"$target"/fuzz.log 2>&1 || true
    echo $(( $(date +%s) - started )) >"$work/$target.seconds"
}

touch "$work/started"
running=0
for target in "${targets[@]}"; do
    seed "$target"
    if (( running == 2 )); then
        wait -n || true
        running=1
    fi
    echo "fuzzing $target for ${seconds}s (log: Fuzz/findings/$target/fuzz.log)" >&2
    fuzz "$target" &
    running=$((running + 1))
done
wait

status=0
for target in "${targets[@]}"; do
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' findings/"$target"/fuzz.log | tail -1)
    found=$(find findings/"$target" -maxdepth 1 -type f -newer "$work/started" \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    echo "$target: ${executions:-?} executions in $(cat "$work/$target.seconds") s, $found findings"
    (( found == 0 )) || status=1
done
exit $status
