import Foundation

/// The deduplication key of an article.
///
/// Recipe (stable: changing it would store every known article again):
/// 1. `title` and `body` are plain text (tags stripped, character references decoded; see `HTMLText`);
/// 2. each is normalised by `ContentHash.normalize`: Unicode NFKC, case folded, soft hyphens and
///    zero-width characters removed, every run of white space (non-breaking spaces and line breaks
///    included) collapsed to one U+0020, leading and trailing white space removed;
/// 3. the key is the lowercase hex SHA-256 of the UTF-8 bytes of `title + "\n" + body`.
public enum ContentHash {
    public static func of(title: String?, body: String) -> String {
        SHA256Digest.hex(of: normalize(title ?? "") + "\n" + normalize(body))
    }

    public static func normalize(_ text: String) -> String {
        let folded: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            folded = text
        } else {
            folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        }
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = true
                continue
            }
            if ignorable.contains(scalar.value) { continue }
            if pendingSpace, !output.isEmpty { output.append(" ") }
            pendingSpace = false
            if scalar.value >= 0x41, scalar.value <= 0x5A {
                output.append(Unicode.Scalar(scalar.value | 0x20)!)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Soft hyphen, zero-width space/joiners, word joiner and BOM: invisible, and often inserted by CMSs.
    private static let ignorable: Set<UInt32> = [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
}
