#!/usr/bin/env bash
# Instructions, not seconds: `feedwatch-bench parse` and libxml2's SAX parser (`xml_limit sax`
# from ../shared/bench) counted by valgrind's callgrind on the same feeds, so that two builds, or
# FeedWatch and libxml2, compare without the shared machine's noise (wall times here move by 10%
# and more between runs; instruction counts repeat to a few in a million).
#
#   Benchmarks/parse/instructions.sh CORPUS [FILES=200] [BENCH=.build/release/feedwatch-bench]...
#
# CORPUS: a ../shared/bench corpus (its files.txt lists the feeds). Each BENCH is a
# feedwatch-bench build; its debug information is stripped from a copy first (valgrind 3.19
# cannot read the DWARF of a statically linked Swift executable). XML_LIMIT names the compiled
# xml_limit (default: `cc` builds it from ../shared/bench/xml_limit.c). Prints, per program,
# the instructions of the whole run (reading the files included, a few percent) and those of
# the functions that dominate FeedWatch's share: UTF-8 validation of new Strings, SHA-256,
# libxml2. SHA-256 counts more here than it costs on the CPU: under valgrind OpenSSL cannot use
# the CPU's SHA instructions.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(cd "$1" && pwd); files=${2:-200}; shift $(($# < 2 ? $# : 2))
benches=("$@"); [ ${#benches[@]} -gt 0 ] || benches=("$here/.build/release/feedwatch-bench")
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d /tmp/feedwatch-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT
head -n "$files" "$corpus/files.txt" >"$work/files.txt"
xml_limit=${XML_LIMIT:-}
if [ -z "$xml_limit" ]; then
    xml_limit=$work/xml_limit
    cc -O2 -o "$xml_limit" "$here/../shared/bench/xml_limit.c" $(xml2-config --cflags --libs)
fi

count() { # LABEL PROGRAM ARGS...
    local label=$1; shift
    (cd "$corpus" && valgrind --tool=callgrind --callgrind-out-file="$work/$label.out" "$@" "$work/files.txt" . \
        >/dev/null 2>"$work/$label.log") || { cat "$work/$label.log" >&2; exit 1; }
    { callgrind_annotate --inclusive=yes "$work/$label.out"; echo "#exclusive"; callgrind_annotate "$work/$label.out"; } 2>/dev/null |
        python3 -c '
import re, sys
label = sys.argv[1]
total = 0
validation = sha = libxml2 = 0
exclusive = False
for line in sys.stdin:
    if line.startswith("#exclusive"): exclusive = True
    m = re.match(r"\s*([\d,]+) .*?(\S+) \[(.*)\]$", line)
    if not m: continue
    n = int(m.group(1).replace(",", "")); name = m.group(2); where = m.group(3)
    if exclusive:
        if "libxml2" in where: libxml2 += n
    elif name.endswith("fromUTF8RepairingySS6result_Sb11repairsMadetSRys5UInt8VGFZ"): validation = max(validation, n)
    elif name.endswith("EVP_Digest"): sha = max(sha, n)
for line in open(sys.argv[2]):
    m = re.search(r"Collected : (\d+)", line)
    if m: total = int(m.group(1))
parts = {"in libxml2": libxml2, "UTF-8 validation of new Strings": validation, "SHA-256": sha}
shown = "  ".join(f"{k} {v / 1e6:.0f}M ({100 * v / total:.1f}%)" for k, v in parts.items() if v)
print(f"{label}: {total / 1e6:.1f}M instructions; {shown}")
print(f"#total {label} {total}", file=sys.stderr)
' "$label" "$work/$label.log" 2>>"$work/totals"
}

count libxml2-sax "$xml_limit" sax
for index in "${!benches[@]}"; do
    strip --strip-debug -o "$work/bench-$index" "${benches[$index]}"
    count "feedwatch-$index" "$work/bench-$index" parse
done
python3 - "$work/totals" <<'EOF'
import sys
totals = dict(line.split()[1:3] for line in open(sys.argv[1]))
sax = int(totals.pop("libxml2-sax"))
for label, total in totals.items():
    print(f"{label}: libxml2 SAX runs {100 * sax / int(total):.1f}% of its instructions")
EOF
