/// UTF-16 and UTF-32 recognised from a document's first four bytes, as the XML 1.0
/// specification's Appendix F describes: a byte-order mark, or the `<` (`<?xml` for UTF-16) that
/// every document starts with, in two or four bytes.
///
/// libxml2 knows these patterns too but then trips over the `encoding=` of the declaration
/// ("switching encoding: encoder error"); converting the document to UTF-8 first, and telling
/// libxml2 to ignore the declaration, reads it whatever the declaration says.
enum WideEncoding {
    struct Detected: Equatable {
        /// The iconv name of the encoding.
        var name: String
        /// How many bytes the byte-order mark takes (0: none).
        var byteOrderMarkLength: Int
        /// The size of a code unit in bytes.
        var unit: Int { name.hasPrefix("UTF-32") ? 4 : 2 }
    }

    /// The encoding of a document in UTF-16 or UTF-32, or nil for any other document: a check of
    /// four bytes, nothing else.
    static func detect(_ bytes: [UInt8]) -> Detected? {
        guard bytes.count >= 2 else { return nil }
        let b0 = bytes[0], b1 = bytes[1]
        let b2: UInt8? = bytes.count > 2 ? bytes[2] : nil
        let b3: UInt8? = bytes.count > 3 ? bytes[3] : nil
        switch (b0, b1, b2, b3) {
        // UTF-32 first: its little-endian mark begins with UTF-16LE's.
        case (0x00, 0x00, 0xFE, 0xFF): return Detected(name: "UTF-32BE", byteOrderMarkLength: 4)
        case (0xFF, 0xFE, 0x00, 0x00): return Detected(name: "UTF-32LE", byteOrderMarkLength: 4)
        case (0x00, 0x00, 0x00, 0x3C): return Detected(name: "UTF-32BE", byteOrderMarkLength: 0)
        case (0x3C, 0x00, 0x00, 0x00): return Detected(name: "UTF-32LE", byteOrderMarkLength: 0)
        case (0xFE, 0xFF, _, _): return Detected(name: "UTF-16BE", byteOrderMarkLength: 2)
        case (0xFF, 0xFE, _, _): return Detected(name: "UTF-16LE", byteOrderMarkLength: 2)
        // Without a mark the specification only names `<?`; a document that starts with its root
        // element (`<rss`) is just as clearly UTF-16.
        case (0x00, 0x3C, 0x00, let next?) where next != 0: return Detected(name: "UTF-16BE", byteOrderMarkLength: 0)
        case (0x3C, 0x00, let next?, 0x00) where next != 0: return Detected(name: "UTF-16LE", byteOrderMarkLength: 0)
        default: return nil
        }
    }

    /// Whether an (already canonical) encoding name is one whose ASCII characters are not single
    /// bytes: a document whose bytes hold plain ASCII is not in it, whatever it declares.
    static func isWide(_ canonicalName: String) -> Bool {
        canonicalName.hasPrefix("UTF-16") || canonicalName.hasPrefix("UTF-32") || canonicalName.hasPrefix("UCS-")
            || canonicalName.hasPrefix("UCS2") || canonicalName.hasPrefix("UCS4")
    }
}
