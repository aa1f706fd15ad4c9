import FeedModel
import Foundation
import Synchronization

/// The deduplication key of an article.
///
/// Recipe (stable: changing it would store every known article again):
/// 1. `title` and `body` are plain text (tags stripped, character references decoded; see `HTMLText`);
/// 2. each is normalised by `ContentHash.normalize`: every character mapped by Unicode's
///    NFKC_Casefold (compatibility forms unified, case folded; text with combining marks is first
///    composed with NFKC as a whole), soft hyphens and zero-width characters removed, every run of
///    white space (non-breaking spaces and line breaks included) collapsed to one U+0020, leading
///    and trailing white space removed;
/// 3. the key is the lowercase hex SHA-256 of the UTF-8 bytes of `title + "\n" + body`.
public enum ContentHash {
    public static func of(title: String?, body: String) -> String {
        var title = title ?? ""
        var body = body
        return title.withUTF8 { title in
            body.withUTF8 { body in withNormalizedBytes(title, body) { SHA256Digest.hex(of: UnsafeRawBufferPointer($0)) } }
        }
    }

    public static func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { text in
            withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: 1) { parts in
                parts.initialize(repeating: text)
                return withNormalizedBytes(UnsafeBufferPointer(parts)) { String(decodingUTF8: $0) }
            }
        }
    }

    /// The plain text of an article's body as the parser derives it: from the content if there
    /// is any, else from the summary; read as HTML unless the feed said it is plain text. Lets a
    /// store keep the body once and derive the text again, to the byte.
    public static func bodyText(content: String?, summary: String?, isPlainText: Bool) -> String {
        let source = content.flatMap { $0.isEmpty ? nil : $0 } ?? summary ?? ""
        guard !source.isEmpty else { return "" }
        return textAndHash(title: nil, body: source, bodyIsHTML: !isPlainText).text
    }

    /// An item's plain text and its content hash, made together: `body` becomes text once, into
    /// a buffer that the hash then reads, instead of through a String made and read again.
    /// Equal to `(text, of(title: title, body: text))`, where `text` is
    /// `HTMLText.plainText(fromHTML: body)`, or `HTMLText.collapsingWhiteSpace(body)` when
    /// `bodyIsHTML` is false. The text's String has no spare capacity: it is kept with the item.
    public static func textAndHash(title: String?, body: String, bodyIsHTML: Bool) -> (text: String, hash: String) {
        var body = body
        var title = title ?? ""
        return body.withUTF8 { input in
            let capacity = bodyIsHTML ? HTMLText.plainTextCapacity(input.count) : input.count
            // Scratch on the stack where the thread has room for it (a heap block otherwise): an
            // article's text and its normalised form are read once each, then dropped.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { buffer in
                let length = bodyIsHTML
                    ? HTMLText.writePlainText(input, into: buffer) : HTMLText.writeCollapsingWhiteSpace(input, into: buffer)
                let textBytes = UnsafeBufferPointer(rebasing: buffer[..<length])
                let hash = title.withUTF8 { title in withNormalizedBytes(title, textBytes) { SHA256Digest.hex(of: UnsafeRawBufferPointer($0)) } }
                return (HTMLText.string(written: textBytes), hash)
            }
        }
    }

    /// Calls `body` with the normalised UTF-8 of `first` and `second`, joined by a line break.
    static func withNormalizedBytes<Result>(
        _ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: 2) { parts in
            parts.initialize(repeating: first)
            parts[1] = second
            return withNormalizedBytes(UnsafeBufferPointer(parts), body)
        }
    }

    /// Calls `body` with the normalised UTF-8 of `parts` (valid UTF-8 each), joined by line
    /// breaks, written in one pass into one buffer (on the stack where there is room):
    /// ASCII byte by byte, the common scripts through a table, other characters through a cache
    /// of their NFKC_Casefold forms. A part holding characters that compose with their
    /// neighbours is first composed (NFKC) as a whole and written again; a fold longer than the
    /// room left (rare: U+FDFA is eighteen characters) asks for a larger buffer.
    static func withNormalizedBytes<Result>(
        _ parts: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        // Filled only for a part that needs composing: most text never does.
        var composedParts: [[UInt8]?] = []
        var factor = 3
        while true {
            // Measured on every attempt: composing a part (NFKC) may lengthen it (U+FDFA, one
            // character, becomes eighteen), and the writer's room is reckoned from these lengths.
            func composed(_ index: Int) -> [UInt8]? { index < composedParts.count ? composedParts[index] : nil }
            var total = parts.count
            for index in parts.indices { total += composed(index)?.count ?? parts[index].count }
            var failed = 0
            let result: Result? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total * factor + 1) { buffer in
                var writer = NormalizedWriter(output: buffer, factor: factor)
                var later = total
                for index in parts.indices {
                    if index > 0 { writer.newline() }
                    let outcome: NormalizedWriter.Outcome
                    if let composed = composed(index) {
                        later -= composed.count + 1
                        outcome = composed.withUnsafeBufferPointer { writer.append($0, followedBy: later, composed: true) }
                    } else {
                        later -= parts[index].count + 1
                        outcome = writer.append(parts[index], followedBy: later, composed: false)
                    }
                    switch outcome {
                    case .done: continue
                    case .needsComposition:
                        failed = index
                        return nil
                    case .needsRoom:
                        failed = -1
                        return nil
                    }
                }
                return body(UnsafeBufferPointer(rebasing: buffer[..<writer.count]))
            }
            if let result { return result }
            if failed < 0 {
                factor *= 4
            } else {
                let text = String(decoding: parts[failed], as: UTF8.self)
                if composedParts.isEmpty { composedParts = Array(repeating: nil, count: parts.count) }
                composedParts[failed] = Array(text.precomposedStringWithCompatibilityMapping.utf8)
            }
        }
    }

    /// Decodes one multi-byte UTF-8 sequence; the input is valid UTF-8 (a String's, or text made from one).
    @inline(__always) static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0xE0 {
            return (((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
        }
        if lead < 0xF0 {
            return (((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6) | (UInt32(bytes[index + 2]) & 0x3F), 3)
        }
        return (
            ((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12) | ((UInt32(bytes[index + 2]) & 0x3F) << 6)
                | (UInt32(bytes[index + 3]) & 0x3F), 4
        )
    }

    /// Unicode White_Space beyond ASCII.
    @inline(__always) static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Soft hyphen, zero-width space/joiners, word joiner and BOM: invisible, and often inserted by CMSs.
    @inline(__always) static func ignorable(_ value: UInt32) -> Bool {
        value == 0x00AD || (0x200B...0x200D).contains(value) || value == 0x2060 || value == 0xFEFF
    }
}

/// Writes normalised UTF-8 into a buffer it never outgrows: it stops on characters that need
/// composition (unless the text is already composed) and on a fold longer than the room left.
struct NormalizedWriter {
    enum Outcome { case done, needsComposition, needsRoom }

    let output: UnsafeMutableBufferPointer<UInt8>
    /// Room the caller gave per input byte still to come.
    let factor: Int
    private(set) var count = 0
    private var segmentStart = 0

    init(output: UnsafeMutableBufferPointer<UInt8>, factor: Int) {
        self.output = output
        self.factor = factor
    }

    mutating func newline() {
        output[count] = 0x0A
        count += 1
        segmentStart = count
    }

    /// - Parameter later: how many input bytes later calls will append.
    ///
    /// Writes to `output` are unchecked, and in range: the caller gives `factor` (at least one)
    /// bytes of room per input byte and one per line break. A character is written as no more
    /// bytes than it was read from, and a space only for white space read before it, which wrote
    /// nothing; only a fold may be longer, and it is written after checking the room for it and
    /// for everything still to come.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, followedBy later: Int, composed: Bool) -> Outcome {
        guard let input = bytes.baseAddress, let output = output.baseAddress else { return .done }
        let length = bytes.count
        let commonFolds = CommonFolds.table
        let segmentStart = self.segmentStart
        var count = self.count
        var pendingSpace = false
        var index = 0
        var outcome = Outcome.done
        scan: while index < length {
            var byte = input[index]
            if byte < 0x80 {
                if Self.isASCIISpace(byte) {
                    pendingSpace = true
                    index &+= 1
                    continue
                }
                if pendingSpace, count > segmentStart {
                    output[count] = 0x20
                    count &+= 1
                }
                pendingSpace = false
                // A run of ASCII up to the next white space (but one space between words, written
                // as it is read) or non-ASCII byte, lower-cased. Chunks are read only where
                // `width + 1` bytes of input are left.
                while true {
                    output[count] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                    count &+= 1
                    index &+= 1
                    while length &- index > ByteChunk.width,
                          let chunk = ByteChunk.plainWords(at: input + index, markup: false, asciiOnly: true) {
                        chunk.asciiLowercased.store(at: output + count)
                        count &+= ByteChunk.width
                        index &+= ByteChunk.width
                    }
                    guard index < length else { break scan }
                    byte = input[index]
                    if byte > 0x20, byte < 0x80 { continue }
                    if byte == 0x20, index &+ 1 < length, input[index &+ 1] > 0x20, input[index &+ 1] < 0x80 {
                        // A space then more ASCII of a word: the space normalisation would write.
                        output[count] = 0x20
                        count &+= 1
                        index &+= 1
                        byte = input[index]
                        continue
                    }
                    break
                }
                continue
            }
            let (value, width) = ContentHash.decodeScalar(bytes, at: index)
            let start = index
            index &+= width
            let kind = ScalarClass.of(value)
            switch kind {
            case .whiteSpace:
                pendingSpace = true
                continue
            case .ignorable:
                continue
            case .composing where !composed:
                outcome = .needsComposition
                break scan
            case .identity, .composing, .mapped:
                break
            }
            if pendingSpace, count > segmentStart {
                output[count] = 0x20
                count &+= 1
            }
            pendingSpace = false
            if kind == .mapped {
                // Capitals of the common scripts fold through the table made once; the rest
                // through the cache.
                if let range = commonFolds.range(of: value) {
                    guard count + range.count + (length - index + later) * factor <= self.output.count else {
                        outcome = .needsRoom
                        break scan
                    }
                    for position in range {
                        output[count] = commonFolds.bytes[position]
                        count &+= 1
                    }
                    continue
                }
                let folded = FoldCache.shared.folded(value)
                guard count + folded.count + (length - index + later) * factor <= self.output.count else {
                    outcome = .needsRoom
                    break scan
                }
                for byte in folded {
                    output[count] = byte
                    count &+= 1
                }
            } else {
                for offset in 0..<width { output[count &+ offset] = input[start &+ offset] }
                count &+= width
            }
        }
        self.count = count
        return outcome
    }

    /// ASCII white space as normalisation reads it: space, tab, line feed, vertical tab, form feed, carriage return.
    @inline(__always) private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}

/// How normalisation treats a non-ASCII character. Classes of the first 0x3000 code points
/// (Latin, Greek, Cyrillic, Hebrew, Arabic, punctuation, currency, symbols) are computed once
/// per process; the rest are computed from Unicode properties as they come.
enum ScalarClass: UInt8 {
    case identity, whiteSpace, ignorable, composing, mapped

    static func of(_ value: UInt32) -> ScalarClass {
        if value < UInt32(table.count) { return table[Int(value)] }
        return compute(value)
    }

    private static let table: [ScalarClass] = (0..<0x3000).map { compute(UInt32($0)) }

    private static func compute(_ value: UInt32) -> ScalarClass {
        if ContentHash.isWhiteSpace(value) { return .whiteSpace }
        if ContentHash.ignorable(value) { return .ignorable }
        guard let scalar = Unicode.Scalar(value) else { return .identity }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .composing
        default: break
        }
        if (0x1100...0x11FF).contains(value) { return .composing }
        return properties.changesWhenNFKCCaseFolded ? .mapped : .identity
    }
}

/// NFKC_Casefold of single characters, computed once each: capital letters of any script,
/// ligatures, full-width forms. Shared by every parsing task.
final class FoldCache: Sendable {
    static let shared = FoldCache()
    private let cache = Mutex<[UInt32: [UInt8]]>([:])

    func folded(_ value: UInt32) -> [UInt8] {
        if let known = cache.withLock({ $0[value] }) { return known }
        let bytes = Self.fold(value)
        cache.withLock { $0[value] = bytes }
        return bytes
    }

    /// The UTF-8 that normalisation writes for the character `value`.
    static func fold(_ value: UInt32) -> [UInt8] {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        let mapped = String(Character(scalar)).precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        return Array(mapped.unicodeScalars.filter { !ContentHash.isWhiteSpace($0.value) && $0 != " " }
            .map(String.init).joined().utf8)
    }
}

/// The folds of every character below U+3000 that normalisation maps, a few kilobytes,
/// made once per process when first needed (28 M instructions): read by every parsing task
/// without a lock or a hash, as `FoldCache` needs for each capital of a Cyrillic or Greek text.
struct CommonFolds: Sendable {
    static let table = CommonFolds()

    /// Per character below `limit`: where its fold starts in `bytes` and how long it is, or
    /// `UInt32.max` for a character normalisation does not map.
    private let entries: [UInt32]
    let bytes: [UInt8]
    private static let limit: UInt32 = 0x3000

    private init() {
        var entries = [UInt32](repeating: .max, count: Int(Self.limit))
        var bytes: [UInt8] = []
        for value in 0..<Self.limit where ScalarClass.of(value) == .mapped {
            let fold = FoldCache.fold(value)
            entries[Int(value)] = UInt32(bytes.count) << 8 | UInt32(fold.count)
            bytes += fold
        }
        self.entries = entries
        self.bytes = bytes
    }

    /// Where the fold of `value` lies in `bytes`; nil past the table or for a character not mapped.
    @inline(__always) func range(of value: UInt32) -> Range<Int>? {
        guard value < Self.limit else { return nil }
        let entry = entries[Int(value)]
        guard entry != .max else { return nil }
        let start = Int(entry >> 8)
        return start..<(start + Int(entry & 0xFF))
    }
}
