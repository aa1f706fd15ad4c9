/// Lowercase hexadecimal, two digits a byte, the most significant nibble first: the one spelling of
/// content hashes (stored in databases, so it must never change), webhook signatures and test ids.
public enum Hex {
    public static func lowercase(_ bytes: some Collection<UInt8>) -> String {
        if let string = bytes.withContiguousStorageIfAvailable({ lowercase(contiguous: $0) }) { return string }
        return Array(bytes).withUnsafeBufferPointer { lowercase(contiguous: $0) }
    }

    /// Digits written into scratch space and made a String once: a generic loop over the
    /// collection and a String filled in place cost ten times as much, for each of the content
    /// hashes a parse makes.
    private static func lowercase(contiguous bytes: UnsafeBufferPointer<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count * 2, 1)) { buffer in
            var offset = 0
            for byte in bytes {
                buffer[offset] = digits.utf8Start[Int(byte >> 4)]
                buffer[offset + 1] = digits.utf8Start[Int(byte & 0x0F)]
                offset += 2
            }
            return String(decodingUTF8: UnsafeBufferPointer(rebasing: buffer[..<offset]))
        }
    }

    /// The bytes that `hex` spells (two digits a byte, either case); nil for an odd count or any
    /// other character.
    public static func bytes(_ hex: some StringProtocol) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: digits.count / 2)
        for index in bytes.indices {
            guard let high = value(digits[2 * index]), let low = value(digits[2 * index + 1]) else { return nil }
            bytes[index] = high << 4 | low
        }
        return bytes
    }

    /// The value of one hexadecimal digit, either case; nil for any other byte.
    public static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }
}
