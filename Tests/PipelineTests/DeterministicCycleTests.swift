import FeedModel
import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

/// Fetches finish in whatever order the network decides; what a cycle stores and raises must not
/// depend on it.
@Suite struct DeterministicCycleTests {
    /// Twelve feeds: the same figure moving from feed to feed (the order decides which value is
    /// "previous"), and one story syndicated by three of them (the order decides which feed
    /// brought it first).
    static func document(_ path: String) -> String {
        guard let number = Int(path.dropFirst(2)) else { return SampleFeeds.rss(items: []) }
        var items = [
            SampleFeeds.Item(
                guid: "own-\(number)", title: "Update \(number)", link: "https://wire.example/\(number)",
                html: "<p>The draft caps the army at \(600 + 10 * number),000 troops, officials said.</p>")
        ]
        if number % 4 == 1 {
            items.append(SampleFeeds.Item(
                guid: "copy-\(number)", title: "Ceasefire talks resume", link: "https://copy.example/\(number)",
                html: "<p>Envoys met for ceasefire talks on troops and borders.</p>"))
        }
        return SampleFeeds.rss(items: items)
    }

    struct AlertKey: Equatable, CustomStringConvertible {
        var id: String
        var kind: AlertKind
        var feed: Int64?
        var article: String?
        var value: Double?
        var previous: Double?

        var description: String { "\(kind.rawValue) feed \(feed ?? 0) \(value.map { "\($0)" } ?? "") \(previous.map { "\($0)" } ?? "")" }
    }

    func cycle(delays: @escaping @Sendable () -> UInt32) async throws -> [AlertKey] {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            usleep(delays())
            return HTTPResponse(text: Self.document(request.path))
        }
        for number in 0..<12 { try harness.add(server.url("/f\(number)")) }
        _ = try harness.store.addTracker(name: "cap", rule: .figure(FigureRule(near: ["troops"])), at: harness.now)
        _ = try harness.store.addTracker(name: "talks", rule: .keyword(KeywordRule(terms: ["ceasefire"])), at: harness.now)
        let report = try await harness.pollAll()
        #expect(report.failed == 0)
        return harness.alertLines().map {
            AlertKey(
                id: $0.id, kind: $0.kind, feed: $0.feed?.id, article: $0.article?.contentHash, value: $0.current?.value,
                previous: $0.previous?.value)
        }
    }

    @Test func theSameAnswersGiveTheSameAlertsWhateverOrderFetchesFinishIn() async throws {
        // Answers in order, then in reverse, then at random: the alerts are the same, in the same order.
        let inOrder = Locked<UInt32>(0)
        let first = try await cycle { inOrder.update { $0 += 1 }; return 0 }
        let reverse = Locked<UInt32>(12)
        let second = try await cycle { reverse.update { $0 -= 1 }; return reverse.get() * 15_000 }
        let third = try await cycle { UInt32.random(in: 0...120_000) }
        #expect(first.count == 12 + 1, "a first value and 11 changes, and one keyword alert for the syndicated story")
        #expect(second == first)
        #expect(third == first)
        // The syndicated story is credited to the first feed in the order given.
        #expect(first.first { $0.kind == .keywordMatched && $0.article != nil && $0.feed == 2 } != nil)
    }
}
