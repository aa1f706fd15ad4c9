/// Language tags as BCP 47 writes them (`en-US`), from the POSIX locale names publishers copy
/// into feeds (`en_US`, `pt_BR.UTF-8`).
enum LanguageTag {
    /// The tag with underscores as hyphens and without a POSIX encoding or modifier; nil when
    /// `text` has no underscore (nothing to correct).
    static func normalised(_ text: String) -> String? {
        guard text.contains("_") else { return nil }
        let locale = text.trimmedASCIIWhiteSpace.prefix { $0 != "." && $0 != "@" }
        let tag = locale.split(separator: "_", omittingEmptySubsequences: true).joined(separator: "-")
        return tag.isEmpty ? nil : tag
    }
}
