"""Writes cases.jsonl: short wire-style cases for figure trackers, each a few dated articles
from one feed and the alerts an analyst would want from them ([kind, value], in order).
Each template is an error a "first number near the term" reading makes, written out over
several subjects and wordings; "plain" cases are ones both readings get right."""
import json

DAYS = ["Mon, 16 Nov 2026 09:00:00 +0000", "Tue, 17 Nov 2026 09:00:00 +0000",
        "Wed, 18 Nov 2026 09:00:00 +0000", "Thu, 19 Nov 2026 09:00:00 +0000"]
cases = []

def case(tag, near, texts, alerts, unit=None, accept=None):
    cases.append({"id": f"{tag}-{sum(c['tag'] == tag for c in cases) + 1:02d}", "tag": tag, "near": near,
                  "unit": unit, "accept": accept or [],
                  "articles": [{"date": DAYS[i], "title": f"Update {i + 1}", "text": t} for i, t in enumerate(texts)],
                  "alerts": alerts})

F, C = "figure.first_seen", "figure.changed"

# The move and the level: "gained 41 points, or 0.9%, to 4,512".
for name, term, a, d, p, b in [
    ("The benchmark index", "index", 4471, 41, 0.9, 4512), ("The DAX", "DAX", 15210, 184, 1.2, 15394),
    ("The Nikkei average", "Nikkei", 33100, 420, 1.3, 33520), ("The FTSE 100 index", "index", 7420, 35, 0.5, 7455),
    ("The rouble", "rouble", 92, 3, 3.3, 95), ("The hryvnia", "hryvnia", 41, 1, 2.4, 42),
    ("The Stoxx 600 index", "index", 455, 6, 1.3, 461),
]:
    case("move", [term], [f"{name} closed at {a:,} on Monday.",
                          f"{name} gained {d:,} points, or {p}%, to {b:,} in afternoon trading.",
                          f"{name} slipped {d // 2 or 1:,} points in early trading on Wednesday."],
         [[F, a], [C, b]])

for subject, a, d, b in [("Turnout", 61, 3, 58), ("Support for the government", 44, 2, 42), ("Unemployment", 7, 1, 8),
                         ("Inflation", 9, 2, 11), ("The jobless rate", 6, 1, 5), ("Youth unemployment", 19, 3, 16)]:
    verb = "rose" if b > a else "dropped"
    case("points", [subject.split()[-1].lower() if subject != "Turnout" else "turnout"],
         [f"{subject} stood at {a}% last month, the statistics office said.",
          f"{subject} {verb} {d} percentage points to {b}% in the latest survey."],
         [[F, a], [C, b]], unit="percent")

# From X to Y: the value after the move.
for thing, unit_word, a, b in [("The fishing quota", "tonnes", 250, 180), ("The troop cap", "troops", 850000, 600000),
                               ("The key rate", "", 16, 21), ("The grain export quota", "tonnes", 40000, 55000),
                               ("The speed limit", "", 90, 80), ("The visa fee", "", 60, 80), ("The toll charge", "", 12, 15)]:
    term = thing.split()[-1]
    u = f" {unit_word}" if unit_word else ""
    verb = "raised" if b > a else "lowered"
    case("from-to", [term], [f"{thing} stands at {a:,}{u} this year.",
                             f"{thing} was {verb} from {a:,}{u} to {b:,}{u} on Tuesday."],
         [[F, a], [C, b]])

# Ages, magnitudes and ranks beside the figure.
for person, age, n1, n2 in [("The 54-year-old minister", 54, 3000, 4500), ("The 62-year-old general", 62, 40000, 45000),
                            ("The 71-year-old president", 71, 1200, 1500), ("The 48-year-old commander", 48, 800, 950),
                            ("The 39-year-old governor", 39, 260, 310), ("The 57-year-old envoy", 57, 5000, 6500)]:
    case("age", ["troops"], [f"{person} said {n1:,} troops would stay in the region.",
                             f"{person} said {n2:,} troops would now stay in the region."],
         [[F, n1], [C, n2]])

for mag, k1, k2 in [(6.1, 37, 52), (5.4, 3, 8), (7.2, 120, 164), (6.8, 14, 21), (5.9, 6, 11), (6.4, 29, 40)]:
    case("magnitude", ["killed"], [f"A magnitude {mag} earthquake struck the coast overnight, and {k1} people were killed, officials said.",
                                   f"The magnitude {mag} quake has killed {k2} people, the emergency ministry said."],
         [[F, k1], [C, k2]])

for n, a, b in [(10, 90, 95), (5, 40, 46), (3, 62, 58), (20, 12, 15), (10, 300, 340), (5, 18, 21)]:
    case("rank", ["assets"], [f"The top {n} lenders hold assets of ${a} billion, the regulator said.",
                              f"The top {n} lenders now hold assets of ${b} billion."],
         [[F, a * 1e9], [C, b * 1e9]])

# Claims that are not reports.
for noun, a, claim in [("died", 120, 5000), ("were killed", 40, 300), ("were arrested", 85, 3000), ("died", 16, 200),
                       ("were injured", 60, 900), ("were detained", 220, 2000), ("died", 9, 150)]:
    verb = noun.split()[-1]
    case("denied", [verb], [f"At least {a} people {noun} in the unrest, the governor said.",
                            f"Officials dismissed claims that {claim:,} people {noun}."],
         [[F, a]])

for thing, a, f in [("Inflation", 8.4, 6), ("Growth", 2.1, 3.5), ("Unemployment", 7.2, 6.5), ("Inflation", 9.1, 7),
                    ("Turnout", 58, 65), ("Unemployment", 5.1, 4.8), ("Inflation", 11, 9)]:
    case("forecast", [thing.lower()], [f"{thing} stood at {a}% in October, the statistics office said.",
                                       f"Economists expect {thing.lower()} to reach about {f}% by the spring."],
         [[F, a]], unit="percent")

for thing, a, b in [("pension age", 65, 67), ("quota", 90, 120), ("minimum wage", 15, 18), ("troop ceiling", 600000, 800000),
                    ("visa fee", 60, 90), ("fuel tax", 20, 25)]:
    case("proposed", [thing], [f"The {thing} is {a:,} under current law.",
                               f"A plan to raise the {thing} to {b:,}, which parliament voted down, angered unions."],
         [[F, a]])

# Restatements and parts.
for a, hedge, r, b in [(1968, "Nearly", 2000, 2430), (1187000, "About", 1200000, 1350000), (912, "More than", 900, 1100),
                       (4630, "Some", 5000, 6200), (387, "Almost", 400, 520), (2940, "Around", 3000, 3900)]:
    case("restated", ["evacuated"], [f"Officials said {a:,} people were evacuated.",
                                     f"{hedge} {r:,} people were evacuated, rescuers said.",
                                     f"The number of people evacuated rose to {b:,}, officials said."],
         [[F, a], [C, b]])

for part, total, total2 in [(300, 1200, 1500), (40, 350, 420), (2000, 9000, 11000), (15, 120, 150), (700, 4000, 4800),
                            (120, 900, 1000)]:
    case("part", ["troops"], [f"Poland sent {part:,} of the {total:,} troops in the mission.",
                              f"Of the {total2:,} troops now in the mission, {part:,} are from Poland."],
         [[F, total], [C, total2]])

for r1, m1, m2 in [(12, 40, 31), (5, 18, 13), (30, 64, 50), (7, 22, 15), (9, 35, 26), (3, 11, 8)]:
    case("noun", ["missing"], [f"Rescuers pulled {r1} survivors from the rubble on Monday, while {m1} people are still missing.",
                               f"Rescuers found {r1 + 2} more survivors overnight and {m2} people remain missing."],
         [[F, m1], [C, m2]])

# Plain levels, where the nearest number is the level.
for term, a, b in [("troops", 600000, 800000), ("refugees", 6200000, 6400000), ("tanks", 300, 420), ("drones", 90, 140),
                   ("displaced", 3700000, 3900000), ("casualties", 1100000, 1200000)]:
    case("plain", [term], [f"Officials put the figure at {a:,} {term}.",
                           f"Officials now put the figure at {b:,} {term}."],
         [[F, a], [C, b]])

# A tracker added after the feeds: the stored articles are its baseline, not news.
def baseline_case(near, before, after, alerts):
    cases.append({"id": f"baseline-{sum(c['tag'] == 'baseline' for c in cases) + 1:02d}", "tag": "baseline", "near": near,
                  "unit": None, "accept": [],
                  "before": [{"date": DAYS[0], "title": "Earlier", "text": before}],
                  "articles": [{"date": DAYS[1 + i], "title": f"Update {i + 1}", "text": t} for i, t in enumerate(after)],
                  "alerts": alerts})

for term, a, b in [("troops", 600000, 800000), ("refugees", 6200000, 6400000), ("tanks", 300, 420),
                   ("displaced", 3700000, 3900000)]:
    baseline_case([term], f"Officials put the figure at {a:,} {term}.", [f"Officials now put the figure at {b:,} {term}."],
                  [[C, b]])
for term, a in [("drones", 90), ("casualties", 1100000), ("missiles", 40)]:
    baseline_case([term], f"Officials put the figure at {a:,} {term}.", [f"Officials again put the figure at {a:,} {term}."], [])

# Keyword trackers and reworded copies of one story: one alert per story, not per outlet.
import os
stories = {}
with open(os.path.join(os.path.dirname(__file__), "../../Tests/ArticleTextTests/Corpus/stories.jsonl")) as corpus:
    for line in corpus:
        entry = json.loads(line)
        stories.setdefault(entry["story"], {})[entry["outlet"]] = entry["text"]
K = "keyword.matched"
for story, term, follow in [("quake", "earthquake", "quake-2"), ("toll", "missile", "toll-2"), ("rates", "inflation", "rates-2"),
                            ("flood", "evacuated", None), ("grain", "exports", None), ("aid", "package", None),
                            ("strike", "strike", None)]:
    texts = [(0, stories[story]["original"]), (1, stories[story]["byline"]), (2, stories[story]["trimmed"])]
    alerts = [[K, None]]
    if follow:
        texts.append((0, stories[follow]["original"]))
        alerts.append([K, None])
    cases.append({"id": f"story-{sum(c['tag'] == 'story' for c in cases) + 1:02d}", "tag": "story", "kind": "keyword",
                  "terms": [term], "near": [], "unit": None, "accept": [],
                  "articles": [{"date": DAYS[min(i, 3)], "title": f"{story} {i}", "text": t, "feed": feed}
                               for i, (feed, t) in enumerate(texts)],
                  "alerts": alerts})

with open("cases.jsonl", "w") as out:
    for c in cases:
        out.write(json.dumps(c) + "\n")
print(len(cases), "cases")
