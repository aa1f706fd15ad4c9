#!/usr/bin/env python3
"""How often a running program leaves a core idle, and which of its threads were running then.

    Benchmarks/profile/runnable.py PID [CORES]

Reads every thread's state from /proc/PID/task/*/stat every 5 ms until the process exits, and
prints the share of samples with fewer than CORES threads runnable (default: this machine's
core count), then, per thread (largest CPU first), its CPU ticks, how often it was runnable, how
often it was runnable in those samples, and where the others were waiting then (`wchan`). The
sampler takes some CPU itself: compare runs of one program, not absolute shares.
"""
import collections
import os
import sys
import time


def main(pid, cores):
    samples = short = 0
    runnable = collections.Counter()
    runnable_when_short = collections.Counter()
    waits = collections.defaultdict(collections.Counter)
    ticks = {}
    while True:
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            break
        states = {}
        for tid in tids:
            try:
                stat = open(f"/proc/{pid}/task/{tid}/stat").read()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            states[tid] = fields[0]
            ticks[tid] = int(fields[11]) + int(fields[12])
        running = [tid for tid, state in states.items() if state == "R"]
        samples += 1
        runnable.update(running)
        if len(running) < cores:
            short += 1
            runnable_when_short.update(running)
            for tid, state in states.items():
                if state != "R":
                    try:
                        waits[tid][open(f"/proc/{pid}/task/{tid}/wchan").read() or "?"] += 1
                    except OSError:
                        pass
        time.sleep(0.005)
    if samples == 0:
        sys.exit(f"runnable.py: no process {pid}")
    print(f"{samples} samples; fewer than {cores} threads runnable in {short} ({100 * short / samples:.1f}%)")
    print("thread      CPU ticks  runnable  runnable when short  waiting when short (most often)")
    for tid in sorted(ticks, key=lambda t: -ticks[t]):
        top = ", ".join(f"{where} {count}" for where, count in waits[tid].most_common(2))
        print(f"{tid:>8} {ticks[tid]:12d} {runnable[tid]:9d} {runnable_when_short[tid]:20d}  {top}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: runnable.py PID [CORES]")
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else os.cpu_count() or 1)
