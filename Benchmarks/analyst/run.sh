#!/usr/bin/env bash
# Figure trackers on labelled wire-style cases, FeedWatch beside a naive "first number near the
# term" reading: precision, recall and F1 of alerts, cases exactly right, per kind of case.
#
#   Benchmarks/analyst/run.sh            the table
#   Benchmarks/analyst/run.sh --errors   also every case a reading got wrong (on stderr)
#
# FEEDWATCH_BIN  the feedwatch binary (default .build/release/feedwatch, else .build/debug/feedwatch;
#                not built here). make-cases.py writes cases.jsonl.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 Benchmarks/analyst/score.py Benchmarks/analyst/cases.jsonl "$@"
