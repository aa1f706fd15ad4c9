/// Lowercase hexadecimal, two digits a byte, the most significant nibble first: the one spelling of
/// content hashes (stored in databases, so it must never change), webhook signatures and test ids.
public enum Hex {
    public static func lowercase(_ bytes: some Collection<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var offset = 0
            for byte in bytes {
                buffer[offset] = digits.utf8Start[Int(byte >> 4)]
                buffer[offset + 1] = digits.utf8Start[Int(byte & 0x0F)]
                offset += 2
            }
            return offset
        }
    }
}
