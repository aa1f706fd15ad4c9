import Foundation

/// Resolves relative links against `xml:base` or the feed's own URL.
enum URLResolver {
    static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = reference.trimmedASCIIWhiteSpace
        guard !trimmed.isEmpty else { return nil }
        if trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://") { return trimmed }
        if let url = URL(string: trimmed), url.scheme != nil { return trimmed }
        guard let base, let baseURL = URL(string: base), baseURL.scheme != nil,
              let resolved = URL(string: trimmed, relativeTo: baseURL)
        else { return trimmed }
        return resolved.absoluteString
    }
}
