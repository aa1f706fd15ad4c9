#!/usr/bin/env python3
"""Where a poll cycle's CPU goes, by pipeline stage.

    perf record -F 199 --call-graph dwarf,32768 -o cycle.data \
        .build/release/feedwatchd --once --all --database S/feedwatch.sqlite --alert-log S/alerts.jsonl
    perf script -i cycle.data > cycle.txt
    Benchmarks/profile/stages.py cycle.txt

Each sample counts for the first stage (in the order below) one of whose functions is on its
stack, so a stage's share includes the SQLite, libc and kernel time it caused. Prints each
stage's share of all samples, largest first, and where its samples were when taken: in SQLite,
in the kernel, or elsewhere (Swift, its libraries, libc).
"""
import collections
import sys

# (stage, a piece of the mangled name of a function that only that stage runs), most specific first.
STAGES = [
    ("tracker evaluation", "$s8Tracking16TrackerEvaluatorV8evaluate"),
    ("parsing", "$s11FeedParsing0A6ParserV5parse"),
    ("story fingerprints", "StoryFingerprintO2of"),
    ("body compression", "ArticleBodyEncoderC6encode"),
    ("search index", "SearchIndex"),
    ("alerts (ledger, encoding)", "ArticleAlertsV6alerts"),
    ("story index", "StoryIndexC5story"),
    ("write stage: inserts", "ingestTransaction"),
    ("write stage: other", "FeedWriterV"),
    ("delivery", "AlertDelivery"),
    ("checkpoints", "BackgroundCheckpoints"),
    ("planning: other", "FeedPlannerV"),
    ("fetching", "curl_multi"),
    ("fetching", "FeedFetcher"),
]


def main(path):
    counts = collections.Counter()
    leaves = collections.defaultdict(collections.Counter)
    total = 0
    frames = []

    def flush():
        nonlocal total
        if not frames:
            return
        total += 1
        stack = "\n".join(frames)
        stage = next((stage for stage, marker in STAGES if marker in stack), "other")
        counts[stage] += 1
        innermost = frames[0]
        leaves[stage]["sqlite" if "libsqlite3" in innermost else "kernel" if "kernel" in innermost else "elsewhere"] += 1

    with open(path, encoding="utf-8", errors="replace") as script:
        for line in script:
            if line.startswith(("\t", " ")):
                frames.append(line.strip())
            else:
                flush()
                frames.clear()
    flush()
    print("share   in SQLite  in kernel  elsewhere  stage")
    for stage, count in counts.most_common():
        where = leaves[stage]
        print(f"{100 * count / total:5.1f}%  " + "  ".join(f"{100 * where[kind] / count:8.0f}%" for kind in ("sqlite", "kernel", "elsewhere"))
              + f"  {stage}")
    print(f"{total} samples")


if __name__ == "__main__":
    main(sys.argv[1])
