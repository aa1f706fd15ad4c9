/// UTF-8 validation that skips ASCII eight bytes at a time, and Strings made with it.
///
/// Why: feed text is mostly ASCII with a few accented letters, dashes and quotes in every
/// paragraph. The standard library validates a new String byte by byte once it has met the
/// first non-ASCII byte, which made validation a tenth of the parser's time; this check keeps
/// skipping ASCII words between the multi-byte sequences.
public enum UTF8Validation {
    public enum Kind: Sendable { case ascii, utf8, invalid }

    /// What `bytes` are: all ASCII, well-formed UTF-8 with multi-byte sequences, or neither.
    /// Agrees with the standard library's `String(validating:as:)` on every input.
    public static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        guard let base = bytes.baseAddress else { return .ascii }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        var multiByte = false
        while index < count {
            if index + 8 <= count {
                // Bytes in memory order, the first in the low bits: a word with a high bit set
                // jumps straight to its first non-ASCII byte.
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high == 0 {
                    index += 8
                    continue
                }
                index += high.trailingZeroBitCount >> 3
            } else if bytes[index] < 0x80 {
                index += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: index) else { return .invalid }
            multiByte = true
            index += length
        }
        return multiByte ? .utf8 : .ascii
    }

    public static func classify(_ bytes: [UInt8]) -> Kind {
        bytes.withUnsafeBufferPointer { classify($0) }
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (its lead byte is not
    /// ASCII), or nil: overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    @inline(__always) static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        func continuation(_ offset: Int) -> UInt8? {
            index + offset < bytes.count && bytes[index + offset] & 0xC0 == 0x80 ? bytes[index + offset] : nil
        }
        switch bytes[index] {
        case 0xC2...0xDF:
            return continuation(1) != nil ? 2 : nil
        case 0xE0...0xEF:
            guard let second = continuation(1), continuation(2) != nil else { return nil }
            if bytes[index] == 0xE0, second < 0xA0 { return nil }
            if bytes[index] == 0xED, second >= 0xA0 { return nil }
            return 3
        case 0xF0...0xF4:
            guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return nil }
            if bytes[index] == 0xF0, second < 0x90 { return nil }
            if bytes[index] == 0xF4, second >= 0x90 { return nil }
            return 4
        default:
            return nil
        }
    }
}

extension String {
    /// The same String as `String(decoding: bytes, as: UTF8.self)`: invalid sequences become
    /// U+FFFD. Well-formed bytes, the usual case, are checked by `UTF8Validation` and copied
    /// without the standard library validating them a second time.
    public init(decodingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        let kind = UTF8Validation.classify(bytes)
        guard kind != .invalid else {
            self.init(decoding: bytes, as: UTF8.self)
            return
        }
        // Safe: `classify` has just found every byte to be well-formed UTF-8, which is all
        // `UTF8Span(unchecked:)` requires of its caller.
        self = unsafe String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: kind == .ascii))
    }

    /// `String(decodingUTF8:)` of an array's bytes.
    public init(decodingUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(decodingUTF8: $0) }
    }
}
