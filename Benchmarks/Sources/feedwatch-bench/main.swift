import FeedModel
import FeedParsing
import FeedStorage
import Foundation

// feedwatch-bench parse LISTFILE BASEDIR
//   Loads every listed feed file into memory, then parses them all (XML, text extraction,
//   normalisation and content hash, as the daemon does), keeping no result past its feed as the
//   daemon keeps none past its write, and prints one JSON line:
//   {"parse_seconds":…, "cpu_seconds":…, "items":…, "bytes":…, "failures":…, "page_faults":…}
// feedwatch-bench store LISTFILE BASEDIR DATABASE
//   Parses them first, then times storing every feed's items in a new database: an SQLite
//   file, or an empty PostgreSQL database named by a postgresql:// URL.
// feedwatch-bench figures LISTFILE BASEDIR
//   Parses them first, then times figure extraction over every item's text (one core), and
//   tracker evaluation with 1, 10 and 100 trackers; prints one JSON line per measurement.
// feedwatch-bench findings LISTFILE BASEDIR
//   Parses them first, then prints every figure of every item and what the benchmark's tracker
//   sets find in it (see FindingsDump): two builds whose outputs are equal read them identically.
// feedwatch-bench dump LISTFILE BASEDIR
//   Parses every listed file twice (no URL nor charset; then a URL and a windows-1251 charset)
//   and prints every field of every result as JSON lines: a feed line, then one line per item.
//   Two builds whose dumps are equal parse the listed documents identically.
// feedwatch-bench search COUNT DATABASE
//   Stores COUNT generated articles, then times full-text queries (see SearchBenchmark).
let arguments = CommandLine.arguments
if arguments.count == 4, arguments[1] == "search", let count = Int(arguments[2]), count > 0 {
    try SearchBenchmark.run(count: count, database: arguments[3])
    exit(0)
}
guard arguments.count >= 4, ["parse", "store", "figures", "findings", "dump"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data(
        "usage: feedwatch-bench parse LISTFILE BASEDIR | dump LISTFILE BASEDIR | findings LISTFILE BASEDIR | store LISTFILE BASEDIR DATABASE | figures LISTFILE BASEDIR | search COUNT DATABASE\n".utf8))
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

/// Minor page faults so far: memory touched for the first time, which costs more than its copying.
func pageFaults() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_minflt
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let parser = FeedParser()
if arguments[1] == "dump" {
    Dump.run(names: names, base: base, parser: parser)
    exit(0)
}
let faultsStart = pageFaults()
var cpuStart = cpuSeconds()
var start = ContinuousClock.now
var feeds: [ParsedFeed] = []
var failures = 0
var items = 0
// `parse` keeps no result, as the daemon keeps none past its write: memory is reused from one
// feed to the next instead of every item's text being held until the end.
let keepsResults = arguments[1] != "parse"
for document in documents {
    do {
        let feed = try parser.parse(document)
        items += feed.items.count
        if keepsResults { feeds.append(feed) }
    } catch {
        failures += 1
    }
}
let bytes = documents.reduce(0) { $0 + $1.count }
if arguments[1] == "figures" {
    FiguresBenchmark(items: feeds.flatMap(\.items)).run()
    exit(0)
}
if arguments[1] == "findings" {
    FindingsDump.run(items: feeds.flatMap(\.items))
    exit(0)
}
if arguments[1] == "parse" {
    print(#"{"parse_seconds":\#(seconds(ContinuousClock.now - start)),"cpu_seconds":\#(cpuSeconds() - cpuStart),"items":\#(items),"bytes":\#(bytes),"failures":\#(failures),"page_faults":\#(pageFaults() - faultsStart)}"#)
    exit(0)
}
let store: any FeedDatabase = PostgresAddress.isURL(arguments[4])
    ? try PostgresStore(address: PostgresAddress(parsing: arguments[4]))
    : try SQLiteStore(path: arguments[4])
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
try store.finishSearchIndexing()
print(#"{"store_seconds":\#(seconds(ContinuousClock.now - start)),"cpu_seconds":\#(cpuSeconds() - cpuStart),"articles":\#(stored)}"#)

/// Every field of the parser's results, written so that any difference between two builds shows.
enum Dump {
    static func run(names: [String], base: String, parser: FeedParser) {
        var output = ""
        for name in names {
            guard let data = FileManager.default.contents(atPath: base + "/" + name) else { continue }
            let bytes = Array(data)
            for (url, contentType) in [(nil, nil), ("https://example.org/dir/feed.xml", "text/xml; charset=windows-1251")] {
                output += "{\"file\":\(quoted(name)),\"url\":\(quoted(url))"
                do {
                    let feed = try parser.parse(bytes, url: url, contentType: contentType)
                    output += ",\"format\":\(quoted(feed.format.rawValue)),\"title\":\(quoted(feed.title))"
                    output += ",\"link\":\(quoted(feed.link)),\"subtitle\":\(quoted(feed.subtitle))"
                    output += ",\"language\":\(quoted(feed.language)),\"updated\":\(date(feed.updated))"
                    output += ",\"ttl\":\(feed.ttlSeconds.map(String.init) ?? "null"),\"warnings\":\(list(feed.warnings))}\n"
                    for item in feed.items {
                        output += "{\"id\":\(quoted(item.id)),\"title\":\(quoted(item.title)),\"link\":\(quoted(item.link))"
                        output += ",\"published\":\(date(item.published)),\"updated\":\(date(item.updated))"
                        output += ",\"author\":\(quoted(item.author)),\"authors\":\(list(item.authors))"
                        output += ",\"summary\":\(quoted(item.summary)),\"content\":\(quoted(item.content))"
                        output += ",\"categories\":\(list(item.categories)),\"terms\":\(list(item.categoryTerms))"
                        output += ",\"enclosures\":[" + item.enclosures.map { enclosure in
                            "[\(quoted(enclosure.url)),\(quoted(enclosure.type)),\(enclosure.length.map(String.init) ?? "null")]"
                        }.joined(separator: ",") + "]"
                        output += ",\"text\":\(quoted(item.text)),\"hash\":\(quoted(item.contentHash))}\n"
                    }
                } catch {
                    output += ",\"error\":\(quoted(error.description))}\n"
                }
                if output.utf8.count > 1 << 20 {
                    FileHandle.standardOutput.write(Data(output.utf8))
                    output = ""
                }
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// The exact bits of the time, so that no rounding hides a difference.
    private static func date(_ date: Date?) -> String {
        date.map { String($0.timeIntervalSince1970.bitPattern) } ?? "null"
    }

    /// A JSON array of quoted texts (also for `FindingsDump`).
    static func list(_ values: [String]) -> String {
        "[" + values.map { quoted($0) }.joined(separator: ",") + "]"
    }

    /// The text quoted, each scalar outside printable ASCII written as `\u{hex}`: every difference shows.
    static func quoted(_ text: String?) -> String {
        guard let text else { return "null" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case " "..."~": result.unicodeScalars.append(scalar)
            default: result += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return result + "\""
    }
}
