"""Scores figure trackers on Benchmarks/analyst/cases.jsonl through the built `feedwatch`:
for each case, a tracker is added, a feed holding the case's articles is added (file URL),
and the alerts in the alert log are compared with the labelled ones ([kind, value] in order).
Beside it, a naive reading: the first figure (of the unit, if given) in a sentence that
mentions a term, alerting whenever it differs from the last value alerted.
Prints a Markdown table: precision, recall and F1 of alerts, and cases exactly right."""
import json, os, subprocess, sys, tempfile, collections
from xml.sax.saxutils import escape

BIN = os.environ.get("FEEDWATCH_BIN") or next(
    (p for p in (".build/release/feedwatch", ".build/debug/feedwatch") if os.path.exists(p)), ".build/release/feedwatch")
here = os.path.dirname(os.path.abspath(__file__))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "cases.jsonl")
errors = "--errors" in sys.argv

def run(args, paths):
    result = subprocess.run([BIN] + args + paths, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"score.py: feedwatch {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout

def feedwatch_alerts(case, directory):
    paths = ["--database", os.path.join(directory, "db.sqlite"), "--alert-log", os.path.join(directory, "alerts.jsonl")]
    items = "".join(
        f"<item><guid>{case['id']}-{i}</guid><title>{escape(a['title'])}</title>"
        f"<description>{escape(a['text'])}</description><pubDate>{a['date']}</pubDate></item>"
        for i, a in enumerate(case["articles"]))
    feed = os.path.join(directory, "feed.xml")
    with open(feed, "w") as out:
        out.write(f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>{items}</channel></rss>")
    args = ["track", "figure", "t", "--near"] + case["near"]
    if case["unit"]: args += ["--unit", case["unit"]]
    if case["accept"]: args += ["--accept", ",".join(case["accept"])]
    run(args, paths)
    run(["feed", "add", "file://" + feed], paths)
    with open(paths[3]) if os.path.exists(paths[3]) else open(os.devnull) as log:
        lines = [json.loads(line) for line in log if line.strip()]
    return [[a["kind"], a["current"]["value"]] for a in lines if a.get("tracker") == "t"]

def naive_alerts(case):
    alerts, last = [], None
    for article in case["articles"]:
        figures = json.loads(subprocess.run([BIN, "figures", "extract", "--json", "-"], input=article["text"],
                                            capture_output=True, text=True, check=True).stdout)
        value = next((f["value"] for f in figures
                      if (not case["unit"] or f["unit"] == case["unit"])
                      and any(t.lower() in f["sentence"].lower() for t in case["near"])), None)
        if value is None or value == last: continue
        alerts.append(["figure.first_seen" if last is None else "figure.changed", value])
        last = value
    return alerts

def same(a, b):
    return a[0] == b[0] and abs(a[1] - b[1]) <= 1e-6 * max(abs(b[1]), 1)

def score(got, want):
    left = list(want)
    tp = 0
    for alert in got:
        match = next((i for i, w in enumerate(left) if same(alert, w)), None)
        if match is not None:
            tp += 1
            left.pop(match)
    return tp, len(got) - tp, len(left)

cases = [json.loads(line) for line in open(corpus) if line.strip()]
totals = {name: [0, 0, 0, 0] for name in ("FeedWatch", "first number near the term")}
by_tag = collections.defaultdict(lambda: {name: 0 for name in totals})
for case in cases:
    with tempfile.TemporaryDirectory() as directory:
        results = {"FeedWatch": feedwatch_alerts(case, directory), "first number near the term": naive_alerts(case)}
    for name, got in results.items():
        tp, fp, fn = score(got, case["alerts"])
        exact = len(got) == len(case["alerts"]) and all(same(g, w) for g, w in zip(got, case["alerts"]))
        for index, count in enumerate((tp, fp, fn, int(exact))): totals[name][index] += count
        by_tag[case["tag"]][name] += int(exact)
        if errors and not exact:
            print(f"{name}: {case['id']}: got {got}, want {case['alerts']}", file=sys.stderr)

print(f"{len(cases)} cases, {sum(len(c['alerts']) for c in cases)} labelled alerts\n")
print("| reading | precision | recall | F1 | cases exactly right |")
print("|---|---|---|---|---|")
for name, (tp, fp, fn, exact) in totals.items():
    precision = tp / (tp + fp) if tp + fp else 0
    recall = tp / (tp + fn) if tp + fn else 0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    print(f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {exact} of {len(cases)} |")
print("\n| cases | " + " | ".join(totals) + " |")
print("|---|" + "---|" * len(totals))
for tag, counts in by_tag.items():
    n = sum(c["tag"] == tag for c in cases)
    print(f"| {tag} ({n}) | " + " | ".join(f"{counts[name]}" for name in totals) + " |")
