#!/usr/bin/env python3
"""Where a pipeline stage's thread waits instead of running: time off the CPU, by reason.

    perf record -e sched:sched_switch --call-graph dwarf,16384 -o switches.data \
        .build/release/feedwatchd --once --all --database S/feedwatch.sqlite --alert-log S/alerts.jsonl
    perf script -i switches.data > switches.txt
    Benchmarks/profile/waits.py switches.txt [STAGE] | swift demangle --simplified

Every time a thread of the program leaves a core, perf records why (its state: R preempted, S
waiting, D in I/O) and its stack. For switches whose stack runs STAGE (a stage name of
`stages.py`, default "write stage: inserts"), this adds up the time until the thread ran again
and prints it by reason: preempted (runnable, no core free), SQLite's memory mutex (taken by
every SQLite allocation while its memory statistics are on), malloc's arena locks, and each
other waiting stack (its first frames outside the kernel), largest first. A stage that is the
cycle's critical path loses its wall time here.
"""
import collections
import importlib.util
import os
import re
import sys

SWITCH = re.compile(r"\s(\d+\.\d+):\s+sched:sched_switch:.*prev_pid=(\d+) .*prev_state=(\S+) ==> .*next_pid=(\d+)")


def stage_marker(name):
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("stages", os.path.join(here, "stages.py"))
    stages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stages)
    markers = [marker for stage, marker in stages.STAGES if stage == name]
    if not markers:
        sys.exit(f"waits.py: no stage named {name!r} in stages.py")
    return markers


def symbol(frame):
    parts = frame.split(None, 1)
    text = parts[1] if len(parts) > 1 else parts[0]
    text = re.sub(r"\+0x[0-9a-f]+", " ", text)
    return re.sub(r"\((/|\[).*\)\s*$", "", text).strip()


def reason(state, frames):
    user = [symbol(f) for f in frames if "kernel.kallsyms" not in f]
    if state.startswith("R"):
        return "preempted (runnable, waiting for a core)"
    stack = " < ".join(user[:6])
    if "sqlite3Malloc" in stack or "sqlite3_free" in stack or "sqlite3Realloc" in stack:
        if "pthread_mutex_lock" in stack:
            return "SQLite's memory mutex"
    if "lll_lock_wait_private" in stack and ("malloc" in stack or "free" in stack):
        return "malloc's arena lock"
    return f"{state} | {stack[:200]}"


def main(path, stage):
    markers = stage_marker(stage)
    away = {}
    totals = collections.Counter()
    counts = collections.Counter()
    first = last = None
    header, frames = None, []

    def flush():
        nonlocal first, last
        match = SWITCH.search(header or "")
        if not match:
            return
        time, previous, state, following = float(match[1]), match[2], match[3], match[4]
        first = first if first is not None else time
        last = time
        if following in away:
            left, why = away.pop(following)
            totals[why] += time - left
            counts[why] += 1
        if any(marker in frame for frame in frames for marker in markers):
            away[previous] = (time, reason(state, frames))

    with open(path, encoding="utf-8", errors="replace") as script:
        for line in script:
            if not line.strip():
                flush()
                header, frames = None, []
            elif line.startswith(("\t", " ")):
                frames.append(line.strip())
            else:
                header, frames = line, []
    flush()
    print(f"{stage}: {sum(totals.values()):.2f} s off the CPU over {0 if first is None else last - first:.2f} s recorded")
    for why, seconds in totals.most_common(12):
        print(f"{seconds:7.2f} s  {counts[why]:6d}  {why}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: waits.py SWITCHES.txt [STAGE]")
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "write stage: inserts")
