#!/usr/bin/env bash
# Fuzzes the feed parser with libFuzzer for a bounded time.
#   Fuzz/run.sh [SECONDS]     (default 60; corpus seeded from Config/demo/feeds and the parser's fixture corpus)
# A crash leaves crash-* files in Fuzz/findings/: add each as a regression fixture to
# Tests/FeedParsingTests (Fuzz/Regressions/ keeps the inputs) before fixing it.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
bin="$(swift build -c release --scratch-path .build-fuzz --show-bin-path)/FeedParserFuzz"
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp ../Config/demo/feeds/* "$corpus/"
# Every fixture document (each format, encoding, breakage and attack), not their expectations.
find ../Tests/FeedParsingTests/Fixtures -type f ! -name '*.json' ! -name 'README.md' ! -name '.gitattributes' \
    -exec sh -c 'cp "$1" "$2/$(echo "$1" | tr / _)"' sh {} "$corpus" \;
find ../Tests/FeedParsingTests/Fixtures -type f -name '*.json' ! -name '*.expected.json' -exec cp {} "$corpus/" \;
[ -d Regressions ] && cp Regressions/* "$corpus/" 2>/dev/null || true
mkdir -p findings
"$bin" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=findings/ -dict=xml.dict -print_final_stats=1
