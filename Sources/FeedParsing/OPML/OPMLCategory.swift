import Foundation

/// The attributes of an OPML outline that are lists or numbers.
enum OPMLCategory {
    /// OPML 2.0's `category`: comma-separated, slash-delimited paths (`/News/Europe,war`); each
    /// level of each path is a tag, in order, once. Empty levels and white space are dropped.
    static func tags(_ attribute: String?) -> [String] {
        guard let attribute else { return [] }
        var tags: [String] = []
        for path in attribute.split(separator: ",") {
            for level in path.split(separator: "/") {
                let tag = level.trimmingCharacters(in: .whitespacesAndNewlines)
                if !tag.isEmpty, !tags.contains(tag) { tags.append(tag) }
            }
        }
        return tags
    }

    /// A whole number of seconds written in ASCII digits, 1 to 999,999,999; nil otherwise.
    static func seconds(_ text: String) -> Int? {
        let digits = text.utf8
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return value > 0 ? value : nil
    }
}
