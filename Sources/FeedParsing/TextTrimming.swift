extension String {
    /// Without leading and trailing ASCII white space; a byte loop, far cheaper than Foundation's
    /// `trimmingCharacters(in:)` on the millions of short fields a large feed set holds.
    var trimmedASCIIWhiteSpace: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isSpace($0) })!
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}

@inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
}
