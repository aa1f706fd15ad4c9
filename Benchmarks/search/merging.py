#!/usr/bin/env python3
"""What FTS5's merging costs the search index: the articles of a ../shared/bench corpus put
into the index FeedWatch makes (the same FTS5 table, tokenizer and pragmas), with Python's
sqlite3 on the system's SQLite, under several merge settings and transaction sizes.

    Benchmarks/search/merging.py CORPUS [FEEDS=1000] [ROUNDS=2]

Each item's title and body are taken from the feed's XML (content, else description or
summary; tags stripped, references decoded: close to the text FeedWatch indexes). Prints, per
setting and round, the CPU seconds of the inserts and the file's size, then the milliseconds of
a few queries (20 runs each) on the index each setting left. `SearchIndex.merging` and the
batches `SearchIndex.enqueue` takes together are the settings chosen from this.
"""
import html, os, re, sqlite3, sys, tempfile, time

if len(sys.argv) < 2:
    sys.exit(__doc__)
corpus = sys.argv[1]
feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2

def items():
    names = [line.strip() for line in open(os.path.join(corpus, "files.txt"))][:feeds]
    rows = []
    for name in names:
        raw = open(os.path.join(corpus, name), "rb").read()
        declared = re.search(rb'encoding="([^"]+)"', raw[:200])
        encoding = declared.group(1).decode() if declared else "utf-8"
        encoding = "cp1252" if encoding.lower() in ("iso-8859-1", "us-ascii") else encoding
        try:
            text = raw.decode(encoding, "replace")
        except LookupError:
            text = raw.decode("utf-8", "replace")
        for item in re.finditer(r"<(item|entry)[ >].*?</\1>", text, re.S):
            element = item.group(0)
            title = re.search(r"<title[^>]*>(.*?)</title>", element, re.S)
            body = re.search(r"<(content:encoded|content)[^>]*>(.*?)</\1>", element, re.S) \
                or re.search(r"<(description|summary)[^>]*>(.*?)</\1>", element, re.S)
            def plain(markup):
                markup = html.unescape(re.sub(r"<!\[CDATA\[|\]\]>", "", markup))
                return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()
            rows.append((len(rows) + 1, plain(title.group(1)) if title else "", plain(body.group(2)) if body else ""))
    return rows

rows = items()
print(f"{len(rows)} articles, {sum(len(r[2]) for r in rows) / 1e6:.1f} MB of text", flush=True)
work = tempfile.mkdtemp(prefix="feedwatch-merging.")
path = os.path.join(work, "index.sqlite")

def index(batch, automerge, crisismerge):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("CREATE VIRTUAL TABLE article_search USING fts5("
               "title, text, content='', tokenize='unicode61 remove_diacritics 2')")
    if automerge is not None:
        db.execute("INSERT INTO article_search (article_search, rank) VALUES ('automerge', ?)", (automerge,))
        db.execute("INSERT INTO article_search (article_search, rank) VALUES ('crisismerge', ?)", (crisismerge,))
    start = time.process_time()
    for first in range(0, len(rows), batch):
        db.execute("BEGIN")
        db.executemany("INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)", rows[first:first + batch])
        db.execute("COMMIT")
    cpu = time.process_time() - start
    size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
    return db, cpu, size

queries = ["ceasefire", '"peace talks"', "ukrain*", "grain OR wheat", "kyiv ceasefire", "unseenword"]
settings = [
    ("batches of 500, merging at 16/32", 500, 16, 32),
    ("batches of 500, merging at 64/128", 500, 64, 128),
    ("batches of 1,500, merging at 16/32", 1500, 16, 32),
    ("batches of 1,500, merging at 64/128", 1500, 64, 128),
    ("batches of 500, no merging", 500, 0, 1000),
]
for label, batch, automerge, crisismerge in settings:
    for round in range(1, rounds + 1):
        db, cpu, size = index(batch, automerge, crisismerge)
        print(f"{label}, round {round}: {cpu:.2f} s CPU, {size / 1e6:.1f} MB", flush=True)
    timings = []
    for query in queries:
        start = time.perf_counter()
        for _ in range(20):
            hits = db.execute("SELECT COUNT(*) FROM article_search WHERE article_search MATCH ?", (query,)).fetchone()[0]
        timings.append(f"{query} {(time.perf_counter() - start) / 20 * 1000:.1f} ms ({hits})")
    print(f"  queries: {'; '.join(timings)}", flush=True)
    db.close()
