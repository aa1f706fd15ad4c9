import FeedModel
import FeedParsing
import Foundation
import XCTest

/// Runs every document under `Fixtures/<group>/` through `FeedParser` and compares the result
/// with the `<name>.expected.json` beside it (keys described in `Fixtures/README.md`). Only the
/// keys an expectation has are checked, and every mismatch is reported on its own, so one run
/// shows them all.
final class FixtureCorpusTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    private static let groups = ["formats", "namespaces", "dates", "encodings", "broken", "hostile"]
    private static let documentExtensions: Set<String> = ["xml", "rss", "atom", "json", "rdf"]
    private static let expectedSuffix = ".expected.json"
    private static let feedKeys: Set<String> = [
        "description", "url", "content_type", "error_contains", "format", "title", "link", "subtitle", "language",
        "updated", "item_count", "items", "warnings_contain", "no_warnings", "nothing_contains", "distinct_ids",
        "max_seconds",
    ]
    private static let itemKeys: Set<String> = [
        "index", "id", "title", "link", "published", "updated", "author", "authors", "summary", "content", "categories",
        "category_terms", "enclosures", "content_contains", "text_contains", "text_excludes", "content_hash_equals_fixture", "id_equals_fixture",
    ]

    private struct Fixture {
        let name: String  // "group/name", as other fixtures refer to it
        let document: URL
        let expected: [String: JSON]
    }

    func testEveryFixtureParsesAsExpected() throws {
        let parser = FeedParser()
        var parsed: [String: ParsedFeed] = [:]
        var outcomes: [(Fixture, Result<ParsedFeed, FeedParseError>, Duration)] = []
        for fixture in try Self.fixtures() {
            let bytes = [UInt8](try Data(contentsOf: fixture.document))
            let started = ContinuousClock.now
            let outcome: Result<ParsedFeed, FeedParseError>
            do throws(FeedParseError) {
                outcome = .success(try parser.parse(bytes, url: fixture.expected["url"]?.string,
                                                    contentType: fixture.expected["content_type"]?.string))
            } catch {
                outcome = .failure(error)
            }
            if case .success(let feed) = outcome { parsed[fixture.name] = feed }
            outcomes.append((fixture, outcome, ContinuousClock.now - started))
        }
        for (fixture, outcome, elapsed) in outcomes {
            check(fixture, outcome, elapsed: elapsed, parsed: parsed)
        }
    }

    func testCorpusCoversEveryGroup() throws {
        let fixtures = try Self.fixtures()
        XCTAssertGreaterThanOrEqual(fixtures.count, 40)
        for group in Self.groups {
            XCTAssertTrue(fixtures.contains { $0.name.hasPrefix(group + "/") }, "no fixture in \(group)/")
        }
    }

    func testDocumentsAndExpectationsPairUp() throws {
        for group in Self.groups {
            let names = try Self.files(in: group)
            let expectations = Set(names.filter { $0.hasSuffix(Self.expectedSuffix) }.map { String($0.dropLast(Self.expectedSuffix.count)) })
            var documents: [String: Int] = [:]
            for name in names where !name.hasSuffix(Self.expectedSuffix) {
                let url = URL(fileURLWithPath: name)
                XCTAssertTrue(Self.documentExtensions.contains(url.pathExtension), "\(group)/\(name): neither a document nor an expectation")
                documents[url.deletingPathExtension().lastPathComponent, default: 0] += 1
            }
            for (base, count) in documents where count > 1 { XCTFail("\(group)/\(base): \(count) documents share one expectation") }
            for base in Set(documents.keys).subtracting(expectations) { XCTFail("\(group)/\(base): document without \(Self.expectedSuffix)") }
            for base in expectations.subtracting(documents.keys) { XCTFail("\(group)/\(base)\(Self.expectedSuffix): no document") }
        }
    }

    // MARK: - Checking one fixture

    private func check(_ fixture: Fixture, _ outcome: Result<ParsedFeed, FeedParseError>, elapsed: Duration, parsed: [String: ParsedFeed]) {
        let expected = fixture.expected
        func fail(_ field: String, _ message: String) { XCTFail("\(fixture.name).\(fixture.document.pathExtension) \(field): \(message)") }
        for key in expected.keys where !Self.feedKeys.contains(key) { fail(key, "unknown expectation key") }
        if let limit = expected["max_seconds"]?.number, elapsed > .seconds(limit) { fail("max_seconds", "took \(elapsed)") }

        let feed: ParsedFeed
        switch (outcome, expected["error_contains"]?.string) {
        case (.failure(let error), let wanted?):
            if !error.description.contains(wanted) { fail("error_contains", "expected \(show(wanted)), got \(show(error.description))") }
            return
        case (.success, let wanted?):
            return fail("error_contains", "expected an error containing \(show(wanted)), but the document parsed")
        case (.failure(let error), nil):
            return fail("parse", "failed: \(error)")
        case (.success(let value), nil):
            feed = value
        }

        let fields: KeyValuePairs<String, String?> = [
            "format": feed.format.rawValue, "title": feed.title, "link": feed.link, "subtitle": feed.subtitle,
            "language": feed.language, "updated": feed.updated.map(Timestamp.string),
        ]
        for (key, actual) in fields { if let wanted = expected[key] { compare(key, wanted, actual, fail) } }
        if let count = expected["item_count"]?.number, Int(count) != feed.items.count {
            fail("item_count", "expected \(Int(count)), got \(feed.items.count)")
        }
        for wanted in expected["warnings_contain"]?.strings ?? [] where !feed.warnings.contains(where: { $0.contains(wanted) }) {
            fail("warnings_contain", "no warning contains \(show(wanted)); warnings: \(feed.warnings)")
        }
        if expected["no_warnings"] == .bool(true), !feed.warnings.isEmpty { fail("no_warnings", "got \(feed.warnings)") }
        if expected["distinct_ids"] == .bool(true), Set(feed.items.map(\.id)).count != feed.items.count {
            fail("distinct_ids", "ids repeat: \(feed.items.map(\.id))")
        }
        let everything = ([feed.title, feed.link, feed.subtitle].compactMap { $0 } + feed.warnings + feed.items.flatMap { item in
            [item.id, item.title, item.link, item.author, item.summary, item.content, item.text].compactMap { $0 } + item.categories
        }).joined(separator: "\n")
        for forbidden in expected["nothing_contains"]?.strings ?? [] where everything.contains(forbidden) {
            fail("nothing_contains", "\(show(forbidden)) found in the parsed feed")
        }
        for entry in expected["items"]?.array ?? [] {
            guard case .object(let wanted) = entry, let index = wanted["index"]?.number.map({ Int($0) }) else {
                fail("items", "an entry without an index"); continue
            }
            guard feed.items.indices.contains(index) else { fail("items[\(index)]", "missing"); continue }
            check(feed.items[index], against: wanted, parsed: parsed) { fail("items[\(index)].\($0)", $1) }
        }
    }

    private func check(_ item: ParsedItem, against expected: [String: JSON], parsed: [String: ParsedFeed], fail: (String, String) -> Void) {
        for key in expected.keys where !Self.itemKeys.contains(key) { fail(key, "unknown expectation key") }
        let fields: KeyValuePairs<String, String?> = [
            "id": item.id, "title": item.title, "link": item.link, "published": item.published.map(Timestamp.string),
            "updated": item.updated.map(Timestamp.string), "author": item.author, "summary": item.summary, "content": item.content,
        ]
        for (key, actual) in fields { if let wanted = expected[key] { compare(key, wanted, actual, fail) } }
        if let categories = expected["categories"]?.strings, categories != item.categories {
            fail("categories", "expected \(categories), got \(item.categories)")
        }
        if let authors = expected["authors"]?.strings, authors != item.authors {
            fail("authors", "expected \(authors), got \(item.authors)")
        }
        if let terms = expected["category_terms"]?.strings, terms != item.categoryTerms {
            fail("category_terms", "expected \(terms), got \(item.categoryTerms)")
        }
        if let enclosures = expected["enclosures"]?.array {
            let wanted = enclosures.map { entry -> Enclosure? in
                guard case .object(let fields) = entry, let url = fields["url"]?.string else { return nil }
                return Enclosure(url: url, type: fields["type"]?.string, length: fields["length"]?.number.map { Int($0) })
            }
            if wanted != item.enclosures.map(Optional.some) {
                fail("enclosures", "expected \(wanted), got \(item.enclosures)")
            }
        }
        for fragment in expected["content_contains"]?.strings ?? [] where !(item.content ?? "").contains(fragment) {
            fail("content_contains", "\(show(fragment)) not in \(show(item.content ?? "(no content)"))")
        }
        for fragment in expected["text_contains"]?.strings ?? [] where !item.text.contains(fragment) {
            fail("text_contains", "\(show(fragment)) not in \(show(item.text))")
        }
        for fragment in expected["text_excludes"]?.strings ?? [] where item.text.contains(fragment) {
            fail("text_excludes", "\(show(fragment)) in \(show(item.text))")
        }
        for (key, value) in [("content_hash_equals_fixture", \ParsedItem.contentHash), ("id_equals_fixture", \ParsedItem.id)] {
            guard let reference = expected[key]?.string else { continue }
            let parts = reference.split(separator: "#")
            guard parts.count == 2, let other = parsed[String(parts[0])], let index = Int(parts[1]), other.items.indices.contains(index) else {
                fail(key, "\(reference) did not parse to such an item"); continue
            }
            if item[keyPath: value] != other.items[index][keyPath: value] {
                fail(key, "\(show(item[keyPath: value])) differs from \(reference)'s \(show(other.items[index][keyPath: value]))")
            }
        }
    }

    private func compare(_ field: String, _ expected: JSON, _ actual: String?, _ fail: (String, String) -> Void) {
        switch expected {
        case .null where actual == nil: return
        case .string(let wanted) where wanted == actual: return
        case .null, .string: fail(field, "expected \(expected.string.map(show) ?? "null"), got \(actual.map(show) ?? "null")")
        default: fail(field, "the expectation must be a string or null")
        }
    }

    // MARK: - The corpus on disk

    private static func files(in group: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(group).path).sorted()
    }

    private static func fixtures() throws -> [Fixture] {
        var fixtures: [Fixture] = []
        for group in groups {
            let names = try files(in: group)
            for name in names where name.hasSuffix(expectedSuffix) {
                let base = String(name.dropLast(expectedSuffix.count))
                guard let document = names.first(where: { $0 != name && URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent == base })
                else { continue }  // reported by testDocumentsAndExpectationsPairUp
                let directory = root.appendingPathComponent(group)
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                guard case .object(let expected) = try JSONDecoder().decode(JSON.self, from: data) else {
                    throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "\(group)/\(name)"])
                }
                fixtures.append(Fixture(name: "\(group)/\(base)", document: directory.appendingPathComponent(document), expected: expected))
            }
        }
        return fixtures
    }
}

/// A value quoted for a failure message, long ones cut short.
private func show(_ text: String) -> String {
    text.count > 300 ? "\"\(text.prefix(300))…\" (\(text.count) characters)" : "\"\(text)\""
}

/// The JSON of an expectation file.
private enum JSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
    var array: [JSON]? { if case .array(let value) = self { value } else { nil } }
    var strings: [String]? { array?.compactMap(\.string) }
}
