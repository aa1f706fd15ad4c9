#!/usr/bin/env python3
"""Which tables and indexes the pages a run appended to SQLite's write-ahead log belong to.

    strace -f -qq -e trace=openat,pwrite64 -s 4 -xx -o TRACE \
        .build/release/feedwatchd --once --all --database S/feedwatch.sqlite --alert-log S/alerts.jsonl
    Benchmarks/profile/wal-pages.py TRACE S/feedwatch.sqlite

SQLite writes each frame of the log as a 24-byte header, whose first four bytes are the page's
number, then the page. Each header written to `DATABASE-wal` is matched to its table or index
through SQLite's `dbstat` (after the run; pages do not move without VACUUM), and the script
prints, per table or index, the frames written, the distinct pages, and how often each page was
written on average, most frames first. A page written many times is one that commit after commit
changed again: the pages of an index keyed by hashes, where each batch's keys fall everywhere.
"""
import collections
import re
import sqlite3
import sys


def unescape(text):
    return bytes(int(pair, 16) for pair in re.findall(r"\\x([0-9a-f]{2})", text))


def main(trace, database):
    wal = database + "-wal"
    files = {}
    frames = collections.Counter()
    opened = re.compile(r'openat\(AT_FDCWD, "([^"]+)".*= (\d+)$')
    written = re.compile(r'pwrite64\((\d+), "([^"]*)"(?:\.\.\.)?, 24, \d+\)\s+= 24')
    for line in open(trace):
        match = opened.search(line)
        if match:
            files[match.group(2)] = unescape(match.group(1)).decode(errors="replace")
            continue
        match = written.search(line)
        if match and files.get(match.group(1), "").endswith(wal):
            frames[int.from_bytes(unescape(match.group(2))[:4], "big")] += 1
    owner = dict((page, name) for name, page in sqlite3.connect(database).execute("SELECT name, pageno FROM dbstat"))
    written_frames = collections.Counter()
    pages = collections.Counter()
    for page, count in frames.items():
        name = owner.get(page, "(freed since)")
        written_frames[name] += count
        pages[name] += 1
    print(f"{sum(frames.values())} frames, {len(frames)} distinct pages")
    print("   frames    pages  writes/page  table or index")
    for name, count in written_frames.most_common():
        print(f"{count:9d} {pages[name]:8d} {count / pages[name]:12.1f}  {name}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: wal-pages.py TRACE DATABASE")
    main(sys.argv[1], sys.argv[2])
