#!/usr/bin/env python3
"""Records one measured cycle as a JSON line, and prints the medians as a Markdown table.

record LABEL BUILD RUN STATE WALL USER SYS MAXRSS_KB: reads STATE's database and alert log.
reference LABEL BUILD RUN WALL USER SYS MAXRSS_KB: a peer's run of the same work (no state).
table RESULTS: medians per (label, build), whether alert digests agree, and old / new ratios per round.
"""
import hashlib, json, os, sqlite3, statistics, sys

def digest(alert_log):
    """What must not change between builds or runs: each alert's id, kind and values."""
    keys = []
    if os.path.exists(alert_log):
        for line in open(alert_log, encoding="utf-8"):
            a = json.loads(line)
            cur = a.get("current") or {}
            prev = a.get("previous") or {}
            keys.append(json.dumps([a.get("id"), a.get("kind"), a.get("tracker"), (a.get("article") or {}).get("content_hash"),
                                    (a.get("feed") or {}).get("url"), cur.get("value"), cur.get("unit"), cur.get("text"),
                                    prev.get("value"), a.get("matched"), a.get("excerpt")], ensure_ascii=False))
    return len(keys), hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:12], \
        hashlib.sha256("\n".join(keys).encode()).hexdigest()[:12]

def record(label, build, run, state, wall, user, sys_, rss):
    db = os.path.join(state, "feedwatch.sqlite")
    con = sqlite3.connect(db)
    articles = con.execute("select count(*) from articles").fetchone()[0]
    con.close()
    size = sum(os.path.getsize(os.path.join(state, f)) for f in os.listdir(state) if f.startswith("feedwatch.sqlite"))
    count, unordered, ordered = digest(os.path.join(state, "alerts.jsonl"))
    print(json.dumps(dict(label=label, build=build, run=int(run), wall=float(wall), cpu=float(user) + float(sys_),
                          rss_mb=int(rss) / 1024, articles=articles, state_mb=size / 1e6,
                          bytes_per_article=size / articles if articles else None,
                          alerts=count, alerts_digest=unordered, alerts_order_digest=ordered)))

def reference(label, build, run, wall, user, sys_, rss):
    print(json.dumps(dict(label=label, build=build, run=int(run), wall=float(wall), cpu=float(user) + float(sys_),
                          rss_mb=int(rss) / 1024, articles=None, state_mb=None, bytes_per_article=None,
                          alerts=None, alerts_digest=None, alerts_order_digest=None)))

def table(path):
    rows = [json.loads(l) for l in open(path)]
    groups = {}
    for r in rows:
        groups.setdefault((r["label"], r["build"]), []).append(r)
    print("| cycle | build | wall s | CPU s | CPU/wall | peak RSS MB | articles | bytes/article | alerts | alert digests |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    order = lambda kv: (["cold", "cold-trackers", "warm"].index(kv[0][0]), ["old", "new"].index(kv[0][1]) if kv[0][1] in ("old", "new") else 2)
    for (label, build), rs in sorted(groups.items(), key=order):
        med = lambda k: statistics.median(r[k] for r in rs)
        if rs[0]["articles"] is None:
            print(f"| {label} | {build} | {med('wall'):.2f} | {med('cpu'):.2f} | {med('cpu') / med('wall'):.2f} | {med('rss_mb'):.0f} | | | | |")
            continue
        digests = sorted({r["alerts_digest"] for r in rs})
        bpa = med("bytes_per_article") if all(r["bytes_per_article"] for r in rs) else 0
        print(f"| {label} | {build} | {med('wall'):.2f} | {med('cpu'):.2f} | {med('cpu') / med('wall'):.2f} | {med('rss_mb'):.0f} | "
              f"{rs[0]['articles']} | {bpa:.0f} | {rs[0]['alerts']} | {', '.join(digests)} |")

    # Each round runs both builds back to back, so a round's ratio compares them under the same
    # load; the machine's load moves between rounds more than either build does.
    print()
    print("| cycle | old / new wall time, per round | median |")
    print("|---|---|---|")
    for label in ["cold", "cold-trackers", "warm"]:
        walls = {(r["build"], r["run"]): r["wall"] for r in rows if r["label"] == label}
        ratios = [walls[("old", run)] / walls[("new", run)] for run in sorted({run for _, run in walls})
                  if ("old", run) in walls and walls.get(("new", run))]
        if ratios:
            print(f"| {label} | {', '.join(f'{ratio:.2f}' for ratio in ratios)} | {statistics.median(ratios):.2f} |")
    # The warm cycle against curl making the same requests in the same round: how far above
    # the HTTP exchange itself each build's cycle is.
    warm = {(r["build"], r["run"]): r["wall"] for r in rows if r["label"] == "warm"}
    for build in ["old", "new"]:
        ratios = [warm[(build, run)] / warm[("curl", run)] for run in sorted({run for b, run in warm if b == "curl"})
                  if (build, run) in warm and warm[("curl", run)] > 0]
        if ratios:
            print(f"| warm, {build} / curl | {', '.join(f'{ratio:.2f}' for ratio in ratios)} | {statistics.median(ratios):.2f} |")

if __name__ == "__main__":
    if sys.argv[1] == "record":
        record(*sys.argv[2:11])
    elif sys.argv[1] == "reference":
        reference(*sys.argv[2:9])
    else:
        table(sys.argv[2])
