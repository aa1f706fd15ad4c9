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
        // The common case in one pass into one buffer: text that needs no composition and whose
        // folded form fits in three times its length (true of every script's letters).
        let fast: [UInt8]? = title.withUTF8 { titleBytes in
            body.withUTF8 { bodyBytes in
                var complete = true
                let capacity = (titleBytes.count + bodyBytes.count) * 3 + 1
                let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                    var writer = NormalizedWriter(output: buffer)
                    complete = writer.append(titleBytes, followedBy: bodyBytes.count + 1)
                    if complete {
                        writer.newline()
                        complete = writer.append(bodyBytes, followedBy: 0)
                    }
                    initialized = complete ? writer.count : 0
                }
                return complete ? bytes : nil
            }
        }
        if let fast { return SHA256Digest.hex(of: fast) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count + body.utf8.count + 1)
        appendNormalized(title, to: &bytes)
        bytes.append(0x0A)
        appendNormalized(body, to: &bytes)
        return SHA256Digest.hex(of: bytes)
    }

    public static func normalize(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        appendNormalized(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the normalised UTF-8 of `text`: a byte loop for ASCII, a table for the common
    /// scripts, and a cache of NFKC_Casefold forms for everything else.
    static func appendNormalized(_ text: String, to output: inout [UInt8]) {
        let start = output.count
        var text = text
        let composed = text.withUTF8 { appendMapped($0, to: &output) }
        if !composed {
            output.removeSubrange(start...)
            var precomposed = text.precomposedStringWithCompatibilityMapping
            _ = precomposed.withUTF8 { appendMapped($0, to: &output, composed: true) }
        }
    }

    /// Returns false (output incomplete) when the text holds characters that compose with their
    /// neighbours and `composed` is false.
    private static func appendMapped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], composed: Bool = false) -> Bool {
        let start = output.count
        var pendingSpace = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, output.count > start { output.append(0x20) }
                pendingSpace = false
                output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                continue
            }
            let (value, length) = decodeScalar(bytes, at: index)
            let sequence = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])
            index += length
            switch ScalarClass.of(value) {
            case .whiteSpace:
                pendingSpace = true
            case .ignorable:
                continue
            case .composing where !composed:
                return false
            case .identity, .composing:
                if pendingSpace, output.count > start { output.append(0x20) }
                pendingSpace = false
                output.append(contentsOf: sequence)
            case .mapped:
                if pendingSpace, output.count > start { output.append(0x20) }
                pendingSpace = false
                output.append(contentsOf: FoldCache.shared.folded(value))
            }
        }
        return true
    }

    /// Decodes one multi-byte UTF-8 sequence (the input comes from a valid Swift String).
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

/// `appendMapped` writing into a buffer it never outgrows: it gives up (returns false) on text
/// that needs composition or on a fold longer than the room left, and the caller takes the
/// general path.
struct NormalizedWriter {
    let output: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    private var segmentStart = 0

    init(output: UnsafeMutableBufferPointer<UInt8>) {
        self.output = output
    }

    mutating func newline() {
        output[count] = 0x0A
        count += 1
        segmentStart = count
    }

    /// - Parameter later: how many input bytes later calls will append.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, followedBy later: Int) -> Bool {
        var pendingSpace = false
        var index = 0
        let length = bytes.count
        while index < length {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, count > segmentStart {
                    output[count] = 0x20
                    count += 1
                }
                pendingSpace = false
                output[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                count += 1
                continue
            }
            let (value, width) = ContentHash.decodeScalar(bytes, at: index)
            let start = index
            index += width
            let kind = ScalarClass.of(value)
            switch kind {
            case .whiteSpace:
                pendingSpace = true
                continue
            case .ignorable:
                continue
            case .composing:
                return false
            case .identity, .mapped:
                break
            }
            if pendingSpace, count > segmentStart {
                output[count] = 0x20
                count += 1
            }
            pendingSpace = false
            if kind == .identity {
                for offset in 0..<width { output[count + offset] = bytes[start + offset] }
                count += width
            } else {
                let folded = FoldCache.shared.folded(value)
                // Room for the rest at three bytes per input byte, after this fold.
                guard count + folded.count + (length - index + later) * 3 <= output.count else { return false }
                for byte in folded {
                    output[count] = byte
                    count += 1
                }
            }
        }
        return true
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
        guard let scalar = Unicode.Scalar(value) else { return [] }
        let mapped = String(Character(scalar)).precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        let bytes = Array(mapped.unicodeScalars.filter { !ContentHash.isWhiteSpace($0.value) && $0 != " " }
            .map(String.init).joined().utf8)
        cache.withLock { $0[value] = bytes }
        return bytes
    }
}
