"""Scores trackers on Benchmarks/analyst/cases.jsonl through the built `feedwatch`: for each
case, a tracker is added and feeds holding the case's articles (file URLs), and the alerts in
the alert log are compared with the labelled ones ([kind, value] in order). Beside it, a naive
reading that sees each article on its own, only after the tracker: for figures, the first figure
(of the unit, if given) in a sentence that mentions a term, alerting whenever it differs from
the last value alerted; for keywords, an alert for every article that mentions a term.
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

def write_feed(directory, name, case, articles):
    items = "".join(
        f"<item><guid>{case['id']}-{name}-{i}</guid><title>{escape(a['title'])}</title>"
        f"<description>{escape(a['text'])}</description><pubDate>{a['date']}</pubDate></item>"
        for i, a in enumerate(articles))
    path = os.path.join(directory, name + ".xml")
    with open(path, "w") as out:
        out.write(f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{name}</title>{items}</channel></rss>")
    return "file://" + path

def feedwatch_alerts(case, directory):
    """Articles in `before` are stored before the tracker is added; the others after it, one feed
    per `feed` number (0 when none), added in that order."""
    paths = ["--database", os.path.join(directory, "db.sqlite"), "--alert-log", os.path.join(directory, "alerts.jsonl")]
    if case.get("before"):
        run(["feed", "add", write_feed(directory, "before", case, case["before"])], paths)
    if case.get("kind") == "keyword":
        args = ["track", "keyword", "t"] + case["terms"]
    else:
        args = ["track", "figure", "t", "--near"] + case["near"]
        if case["unit"]: args += ["--unit", case["unit"]]
        if case["accept"]: args += ["--accept", ",".join(case["accept"])]
    run(args, paths)
    for feed in sorted({a.get("feed", 0) for a in case["articles"]}):
        articles = [a for a in case["articles"] if a.get("feed", 0) == feed]
        run(["feed", "add", write_feed(directory, f"feed{feed}", case, articles)], paths)
    with open(paths[3]) if os.path.exists(paths[3]) else open(os.devnull) as log:
        lines = [json.loads(line) for line in log if line.strip()]
    return [[a["kind"], (a.get("current") or {}).get("value")] for a in lines if a.get("tracker") == "t"]

def naive_alerts(case):
    """Reads only the articles that arrive after the tracker, each on its own."""
    if case.get("kind") == "keyword":
        return [["keyword.matched", None] for a in case["articles"]
                if any(t.lower() in a["text"].lower() for t in case["terms"])]
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
    if a[1] is None or b[1] is None: return a[0] == b[0] and a[1] is None and b[1] is None
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
NAIVE = "naive: first number near the term, every article"
totals = {name: [0, 0, 0, 0] for name in ("FeedWatch", NAIVE)}
by_tag = collections.defaultdict(lambda: {name: 0 for name in totals})
for case in cases:
    with tempfile.TemporaryDirectory() as directory:
        results = {"FeedWatch": feedwatch_alerts(case, directory), NAIVE: naive_alerts(case)}
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
