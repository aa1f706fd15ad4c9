/// HTML escaped once too often: a field whose text, after XML decoding, is `&lt;p&gt;Text&lt;/p&gt;`
/// (the document said `&amp;lt;p&amp;gt;`). Publishers' templates escape an already escaped body;
/// read as HTML it would show its own tags.
public enum EscapedMarkup {
    /// The markup the field holds, escaped once less, when the whole field clearly is escaped
    /// HTML: it starts (after white space) with `&lt;` and the name of an HTML element, a `&gt;`
    /// follows, and it holds no real `<`. Otherwise nil, and the field stays as it is: text that
    /// mentions `&lt;` somewhere is left alone. Only `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;`
    /// and `&#39;` are unescaped, the escapes an escaping routine writes; other references are
    /// left for the HTML reader.
    public static func unescaped(_ field: String) -> String? {
        var field = field
        return field.withUTF8 { bytes -> String? in
            var start = 0
            while start < bytes.count, HTMLText.isASCIISpace(bytes[start]) { start += 1 }
            // Cheap rejection first: nearly every field fails one of these two tests.
            guard starts(bytes, at: start, "&lt;"), isElementStart(bytes, at: start + 4) else { return nil }
            guard !bytes.contains(UInt8(ascii: "<")), contains(bytes, "&gt;", from: start + 4) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var index = 0
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "&"), let (byte, length) = escape(bytes, at: index) {
                        output[written] = byte
                        index += length
                    } else {
                        output[written] = bytes[index]
                        index += 1
                    }
                    written += 1
                }
                return written
            }
        }
    }

    private static let escapes: [(StaticString, UInt8)] = [
        ("&lt;", UInt8(ascii: "<")), ("&gt;", UInt8(ascii: ">")), ("&amp;", UInt8(ascii: "&")),
        ("&quot;", UInt8(ascii: "\"")), ("&apos;", UInt8(ascii: "'")), ("&#39;", UInt8(ascii: "'")),
    ]

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int)? {
        for (literal, byte) in escapes where starts(bytes, at: index, literal) {
            return (byte, literal.utf8CodeUnitCount)
        }
        return nil
    }

    /// An HTML element's name at `index`, then `&gt;`, white space or `/`.
    private static func isElementStart(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var end = index
        while end < bytes.count, end - index <= 10, HTMLText.isASCIIAlphanumeric(bytes[end]) { end += 1 }
        guard end > index, end < bytes.count,
              bytes[end] == UInt8(ascii: "&") || bytes[end] == UInt8(ascii: "/") || HTMLText.isASCIISpace(bytes[end])
        else { return false }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).lowercased()
        return elements.contains(name)
    }

    /// Elements that begin an article's body.
    private static let elements: Set<String> = [
        "a", "abbr", "article", "aside", "b", "blockquote", "br", "center", "cite", "code", "dd", "div", "dl",
        "dt", "em", "figure", "font", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "iframe", "img",
        "li", "ol", "p", "picture", "pre", "q", "section", "small", "span", "strong", "sub", "sup", "table",
        "u", "ul", "video",
    ]

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard start >= 0, length <= bytes.count - start else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Bool {
        var index = start
        while index < bytes.count {
            if starts(bytes, at: index, literal) { return true }
            index += 1
        }
        return false
    }
}
