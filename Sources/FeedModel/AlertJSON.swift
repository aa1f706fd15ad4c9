import Foundation

/// The one encoding of an alert, shared by the database, the alert log and the journal.
///
/// Written by hand, field by field, because an alert is encoded on the path that stores a batch
/// of articles (the pipeline's one serial stage), where `JSONEncoder` cost ten times as much. The
/// bytes are those `JSONEncoder` writes with sorted keys and unescaped slashes (a test holds the
/// two together). Encoding never fails on a number: a non-finite one (which the figure extractor
/// does not produce, but an alert must never be lost over) is written as the string `"Infinity"`,
/// `"-Infinity"` or `"NaN"`, and read back the same way.
public enum AlertJSON {
    public static func line(_ alert: Alert) -> String {
        var json = JSONLineWriter()
        json.open()
        if let article = alert.article {
            json.key("article")
            json.open()
            json.key("content_hash"); json.string(article.contentHash)
            json.key("id"); json.integer(article.id)
            if let published = article.published { json.key("published"); json.string(published) }
            if let title = article.title { json.key("title"); json.string(title) }
            if let url = article.url { json.key("url"); json.string(url) }
            json.close()
        }
        if let change = alert.change {
            json.key("change")
            json.open()
            json.key("delta"); json.number(change.delta)
            if let ratio = change.ratio { json.key("ratio"); json.number(ratio) }
            json.close()
        }
        if let current = alert.current { json.key("current"); json.figure(current) }
        if let excerpt = alert.excerpt { json.key("excerpt"); json.string(excerpt) }
        if let feed = alert.feed {
            json.key("feed")
            json.open()
            json.key("id"); json.integer(feed.id)
            if let title = feed.title { json.key("title"); json.string(title) }
            json.key("url"); json.string(feed.url)
            json.close()
        }
        json.key("id"); json.string(alert.id)
        json.key("kind"); json.string(alert.kind.rawValue)
        if let matched = alert.matched { json.key("matched"); json.array(matched) }
        if let message = alert.message { json.key("message"); json.string(message) }
        if let previous = alert.previous { json.key("previous"); json.figure(previous) }
        if let revisionOf = alert.revisionOf { json.key("revision_of"); json.integer(revisionOf) }
        if let sources = alert.sources {
            json.key("sources")
            json.open()
            json.key("count"); json.integer(Int64(sources.count))
            if let independent = sources.independent { json.key("independent"); json.integer(Int64(independent)) }
            json.key("outlets"); json.array(sources.outlets)
            json.close()
        }
        json.key("time"); json.string(alert.time)
        json.key("tracker")
        if let tracker = alert.tracker { json.string(tracker) } else { json.null() }
        json.close()
        return json.text
    }

    public static func alert(from line: String) throws -> Alert {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(Alert.self, from: Data(line.utf8))
    }
}

/// An alert with its JSON line, encoded once: the database, the alert log and the journal all
/// take the same line, so a raised alert is never encoded three times.
public struct EncodedAlert: Sendable, Equatable {
    public let alert: Alert
    public let line: String

    public init(_ alert: Alert) {
        self.alert = alert
        line = AlertJSON.line(alert)
    }

    /// An alert read back with the line it was stored as.
    public init(alert: Alert, line: String) {
        self.alert = alert
        self.line = line
    }
}

/// Compact JSON into one UTF-8 buffer, with `JSONEncoder`'s spelling of strings and numbers.
/// Keys are written in the order given: callers give them sorted.
struct JSONLineWriter {
    private var bytes: [UInt8] = []
    /// A value was just written: the next key needs a comma first.
    private var afterValue = false

    init() {
        bytes.reserveCapacity(1024)
    }

    var text: String { String(decodingUTF8: bytes) }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    mutating func key(_ name: StaticString) {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterValue = false
    }

    mutating func array(_ strings: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            self.string(string)
        }
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    mutating func figure(_ value: Alert.FigureValue) {
        open()
        if let url = value.articleURL { key("article_url"); string(url) }
        if let attribution = value.attribution { key("attribution"); string(attribution) }
        if let role = value.role { key("role"); string(role) }
        if let seen = value.seen { key("seen"); string(seen) }
        if let sentence = value.sentence { key("sentence"); string(sentence) }
        if let statedPrevious = value.statedPrevious { key("stated_previous"); number(statedPrevious) }
        if let status = value.status { key("status"); string(status) }
        key("text"); string(value.text)
        key("unit"); string(value.unit)
        key("value"); number(value.value)
        close()
    }

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
        afterValue = true
    }

    mutating func integer(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
        afterValue = true
    }

    /// The shortest form that reads back as the same double, without a trailing ".0"; a
    /// non-finite value as a string.
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity")
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
        afterValue = true
    }

    /// Runs of bytes that need no escape (nearly all of an excerpt or a sentence) are copied
    /// whole; byte by byte, escaping was a tenth of what an alert costs to store and log.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var run = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                escape(byte)
                run = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    /// A quote, a backslash or a control character as JSON spells it inside a string.
    private mutating func escape(_ byte: UInt8) {
        bytes.append(0x5C)
        switch byte {
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0..<0x20:
            bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x61 + value - 10
    }
}
