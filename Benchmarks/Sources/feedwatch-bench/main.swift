import FeedModel
import FeedParsing
import FeedStorage
import Foundation

// feedwatch-bench parse LISTFILE BASEDIR
//   Loads every listed feed file into memory, then parses them all (XML, text extraction,
//   normalisation and content hash, as the daemon does) and prints one JSON line:
//   {"parse_seconds":…, "cpu_seconds":…, "items":…, "bytes":…}
// feedwatch-bench store LISTFILE BASEDIR DATABASE
//   Parses them first, then times storing every feed's items in a new database.
// feedwatch-bench figures LISTFILE BASEDIR
//   Parses them first, then times figure extraction over every item's text (one core), and
//   tracker evaluation with 1, 10 and 100 trackers; prints one JSON line per measurement.
let arguments = CommandLine.arguments
guard arguments.count >= 4, ["parse", "store", "figures"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data(
        "usage: feedwatch-bench parse LISTFILE BASEDIR | store LISTFILE BASEDIR DATABASE | figures LISTFILE BASEDIR\n".utf8))
    exit(2)
}
let list = try String(contentsOfFile: arguments[2], encoding: .utf8)
let base = arguments[3]
let names = list.split(separator: "\n").map(String.init)
let documents: [[UInt8]] = names.compactMap { name in
    FileManager.default.contents(atPath: base + "/" + name).map { Array($0) }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let parser = FeedParser()
var cpuStart = cpuSeconds()
var start = ContinuousClock.now
var feeds: [ParsedFeed] = []
var failures = 0
for document in documents {
    do {
        feeds.append(try parser.parse(document))
    } catch {
        failures += 1
    }
}
let items = feeds.reduce(0) { $0 + $1.items.count }
let bytes = documents.reduce(0) { $0 + $1.count }
if arguments[1] == "figures" {
    FiguresBenchmark(items: feeds.flatMap(\.items)).run()
    exit(0)
}
if arguments[1] == "parse" {
    print(#"{"parse_seconds":\#(seconds(ContinuousClock.now - start)),"cpu_seconds":\#(cpuSeconds() - cpuStart),"items":\#(items),"bytes":\#(bytes),"failures":\#(failures)}"#)
    exit(0)
}
let store = try FeedStore(path: arguments[4])
let now = Date()
let records = try store.addFeeds(names.map { FeedRecord(url: "file:///" + $0, addedAt: now) })
cpuStart = cpuSeconds()
start = ContinuousClock.now
var stored = 0
// As the pipeline's write stage does: one transaction for a run of feeds (here 16 at a time).
let pairs = Array(zip(records, feeds))
for start in stride(from: 0, to: pairs.count, by: 16) {
    let batch = pairs[start..<min(start + 16, pairs.count)]
    stored += try store.ingestNow { transaction in
        var count = 0
        for (record, feed) in batch {
            for item in feed.items where try transaction.ingest(item, feedID: record.id ?? 0, at: now).article != nil { count += 1 }
            try transaction.saveFetchState(record)
        }
        return count
    }
}
print(#"{"store_seconds":\#(seconds(ContinuousClock.now - start)),"cpu_seconds":\#(cpuSeconds() - cpuStart),"articles":\#(stored)}"#)
