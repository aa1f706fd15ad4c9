#!/usr/bin/env python3
"""Parse throughput side by side: libxml2's SAX parser (`xml_limit sax` from ../shared/bench)
and one or more `feedwatch-bench parse` builds, alternated round by round on the same files, so
that the shared machine's drift falls on all of them alike.

    Benchmarks/parse/throughput.py CORPUS [ROUNDS=5] [FILES=all] [BENCH=.build/release/feedwatch-bench]...

CORPUS: a ../shared/bench corpus (its files.txt lists the feeds). Each program loads the files
first and times only the parse. Prints each round's MB/s, then per program the median and the
best round, and FeedWatch's share of libxml2's throughput by both (the issue's measure: parse,
text extraction, normalisation and SHA-256 against libxml2 counting elements). XML_LIMIT names
the compiled xml_limit (default: `cc` builds it from ../shared/bench/xml_limit.c).
"""
import json, os, statistics, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
if len(sys.argv) < 2:
    sys.exit(__doc__)
corpus = os.path.abspath(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
files = sys.argv[3] if len(sys.argv) > 3 else "all"
benches = sys.argv[4:] or [os.path.join(root, ".build/release/feedwatch-bench")]

work = tempfile.mkdtemp(prefix="feedwatch-throughput.")
listing = os.path.join(corpus, "files.txt")
if files != "all":
    with open(listing) as source, open(os.path.join(work, "files.txt"), "w") as target:
        target.writelines(line for index, line in zip(range(int(files)), source))
    listing = os.path.join(work, "files.txt")
xml_limit = os.environ.get("XML_LIMIT")
if not xml_limit:
    xml_limit = os.path.join(work, "xml_limit")
    flags = subprocess.run(["xml2-config", "--cflags", "--libs"], capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", xml_limit, os.path.join(root, "../shared/bench/xml_limit.c"), *flags], check=True)

programs = [("libxml2-sax", [xml_limit, "sax", listing, "."])]
programs += [(f"feedwatch-{index}", [bench, "parse", listing, "."]) for index, bench in enumerate(benches)]
speeds = {label: [] for label, _ in programs}
for round in range(1, rounds + 1):
    line = []
    for label, command in programs:
        result = subprocess.run(command, cwd=corpus, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"{label}: {' '.join(command)} failed: {result.stderr.strip()}")
        report = json.loads(result.stdout.strip().splitlines()[-1])
        speeds[label].append(report["bytes"] / report["parse_seconds"] / 1e6)
        line.append(f"{label} {speeds[label][-1]:.1f}")
    print(f"round {round}: " + "  ".join(line) + " MB/s", flush=True)
sax = speeds["libxml2-sax"]
for label, values in speeds.items():
    share = "" if label == "libxml2-sax" else (
        f"  {100 * statistics.median(values) / statistics.median(sax):.1f}% of libxml2 by medians,"
        f" {100 * max(values) / max(sax):.1f}% by best rounds")
    print(f"{label}: median {statistics.median(values):.1f} MB/s, best {max(values):.1f}{share}")
