import FeedModel
import FeedStorage
import Foundation

/// feedwatch-bench search COUNT DATABASE
///   Stores COUNT articles of generated news-like text (the same for every run: a fixed seed)
///   in a new database, in transactions of 500 as the pipeline does, then times each query of
///   `queries` 20 times. Prints one JSON line for the storing, then one per query:
///   {"query":…, "articles":…, "hits":…, "median_ms":…, "max_ms":…}
enum SearchBenchmark {
    static let queries = [
        "ceasefire", "zurich", "\"nuclear plant\"", "ukrain*", "grain OR wheat", "kharkiv ceasefire", "зеленский", "unseenword",
    ]

    /// A small deterministic generator (SplitMix64): the corpus is the same on every machine.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let vocabulary: [String] = {
        let common = """
            the of and to in a is that for on with as was by at from it an be this are which has have had not were \
            said officials talks ceasefire troops army front line peace plan draft envoy minister president Zelensky \
            Зеленский Kyiv Kharkiv Odesa Zaporizhzhia nuclear plant power grain wheat corridor Black Sea market prices \
            Zürich Geneva Brussels Washington Moscow Ukraine Ukrainian Russia Russian sanctions energy drones attack \
            overnight shelling villages residents evacuated reconstruction billion million percent per cent territory
            """
        return common.split(separator: " ").map(String.init) + (0..<5000).map { "w\($0)" }
    }()

    static func text(words: Int, using generator: inout Seeded) -> String {
        (0..<words).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
    }

    static func run(count: Int, database: String) throws {
        let store = try SQLiteStore(path: database)
        let feed = try store.addFeed(FeedRecord(url: "https://bench.example/feed", addedAt: Date()))
        var generator = Seeded(state: 2026)
        let start = ContinuousClock.now
        for first in stride(from: 0, to: count, by: 500) {
            let items = (first..<min(first + 500, count)).map { number in
                let body = text(words: 400, using: &generator)
                return ParsedItem(
                    id: "a\(number)", title: text(words: 8, using: &generator), link: nil, published: nil, updated: nil, author: nil,
                    summary: body, content: nil, categories: [], text: body, contentHash: String(format: "%064x", number + 1))
            }
            _ = try store.ingestNow { transaction in
                for item in items { _ = try transaction.ingest(item, feedID: feed.id ?? 0, at: Date()) }
            }
        }
        try store.finishSearchIndexing()
        let storing = ContinuousClock.now - start
        print(#"{"store_seconds":\#(seconds(storing)),"articles":\#(count),"bytes":\#(try store.fileBytes())}"#)
        for text in queries {
            guard let query = SearchQuery(text) else { continue }
            var times: [Double] = []
            var hits = 0
            for _ in 0..<20 {
                let began = ContinuousClock.now
                hits = try store.articles(search: query, limit: 20).count
                times.append(seconds(ContinuousClock.now - began) * 1000)
            }
            times.sort()
            let quoted = text.replacingOccurrences(of: "\"", with: "\\\"")
            print(#"{"query":"\#(quoted)","articles":\#(count),"hits":\#(hits),"median_ms":\#(times[times.count / 2]),"max_ms":\#(times.last ?? 0)}"#)
        }
    }
}
