/// Turns the HTML that feeds carry into plain text for hashing and tracking.
///
/// Block elements (`<p>`, `<br>`, `<li>`, headings, table cells…) become line breaks, which the
/// sentence splitter treats as sentence ends; `<script>`, `<style>` and comments are dropped;
/// character references are decoded; runs of white space collapse to one space.
public enum HTMLText {
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            // Decoded text is never longer than its markup, so one buffer of the input's size holds
            // it: a reference is at least four bytes (`&lt;`, `&#0;`) and stands for at most four
            // (a scalar in UTF-8; an invalid code point becomes the three of U+FFFD), and a
            // separator is one byte written for at least one byte of white space or a tag.
            String(unsafeUninitializedCapacity: bytes.count + 4) { output in
                var writer = TextWriter(output: output)
                var index = 0
                let count = bytes.count
                while index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "<") {
                        if let next = skipMarkup(bytes, at: index, writer: &writer) {
                            index = next
                            continue
                        }
                        writer.write(byte)
                        index += 1
                    } else if byte == UInt8(ascii: "&") {
                        if let (scalar, next) = decodeReference(bytes, at: index) {
                            writer.write(scalar)
                            index = next
                        } else {
                            writer.write(byte)
                            index += 1
                        }
                    } else if isASCIISpace(byte) {
                        writer.pendingSpace = true
                        index += 1
                    } else {
                        // A run of ordinary text, copied in one go.
                        var end = index + 1
                        while end < count, !isSpecial(bytes[end]) { end += 1 }
                        writer.write(run: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                        index = end
                    }
                }
                return writer.count
            }
        }
    }

    /// Bytes that end a run of ordinary text: markup, references and ASCII white space.
    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || isASCIISpace(byte)
    }

    /// Plain text given as text (Atom `type="text"`): only white space is collapsed.
    public static func collapsingWhiteSpace(_ text: String) -> String {
        String(unsafeUninitializedCapacity: text.utf8.count) { output in
            var writer = TextWriter(output: output)
            for scalar in text.unicodeScalars {
                if scalar == "\n" {
                    writer.pendingBreak = true
                } else {
                    writer.write(scalar)
                }
            }
            return writer.count
        }
    }

    // MARK: - Markup

    /// Skips a tag, comment or declaration starting at `start`; nil when `<` is just text.
    private static func skipMarkup(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, writer: inout TextWriter
    ) -> Int? {
        let count = bytes.count
        var index = start + 1
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "?") {
            if matches(bytes, at: index, "!--") {
                return find(bytes, "-->", from: index + 3).map { $0 + 3 } ?? count
            }
            return find(bytes, ">", from: index).map { $0 + 1 } ?? count
        }
        let closing = bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        while index < count, isASCIIAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart, isASCIILetter(bytes[nameStart]) else { return nil }
        let name = lowercasedName(bytes, from: nameStart, to: index)
        guard let tagEnd = endOfTag(bytes, from: index) else { return count }
        if !closing, name == "script" || name == "style" || name == "noscript" || name == "template" {
            let closer = "</" + name
            var search = tagEnd + 1
            while let found = findCaseInsensitive(bytes, closer, from: search) {
                let after = found + closer.utf8.count
                if after >= count || !isASCIIAlphanumeric(bytes[after]) {
                    return find(bytes, ">", from: after).map { $0 + 1 } ?? count
                }
                search = after
            }
            return count
        }
        if blockElements.contains(name) { writer.pendingBreak = true }
        return tagEnd + 1
    }

    /// The index of the `>` closing a tag, skipping quoted attribute values.
    private static func endOfTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ]

    // MARK: - Character references

    /// Decodes `&name;`, `&#123;` or `&#x1F;` at `start`; nil when it is not a known reference.
    static func decodeReference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        let limit = min(bytes.count, start + 34)
        while index < limit, isASCIIAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "#") {
            index += 1
        }
        guard index < limit, bytes[index] == UInt8(ascii: ";"), index > start + 1 else { return nil }
        let body = Substring(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<index]), as: UTF8.self)
        let scalar = body.first == "#" ? HTMLEntities.scalar(numeric: body) : HTMLEntities.scalar(named: body)
        return scalar.map { ($0, index + 1) }
    }

    // MARK: - Byte helpers

    @inline(__always) static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always) static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func lowercasedName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { buffer in
            for offset in 0..<(end - start) {
                let byte = bytes[start + offset]
                buffer[offset] = isASCIILetter(byte) ? byte | 0x20 : byte
            }
            return end - start
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard start + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if matches(bytes, at: index, literal) { return index }
            index += 1
        }
        return nil
    }

    private static func findCaseInsensitive(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String, from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            var offset = 0
            while offset < needle.count, (bytes[index + offset] | 0x20) == (needle[offset] | 0x20) { offset += 1 }
            if offset == needle.count { return index }
            index += 1
        }
        return nil
    }
}

/// Writes text into a buffer at least as long as the input, collapsing white space and keeping
/// at most one line break between blocks.
struct TextWriter {
    let output: UnsafeMutableBufferPointer<UInt8>
    var count = 0
    var pendingSpace = false
    var pendingBreak = false

    @inline(__always) mutating func write(run: UnsafeBufferPointer<UInt8>) {
        if pendingSpace || pendingBreak { flushSeparator() }
        _ = UnsafeMutableBufferPointer(rebasing: output[count..<(count + run.count)]).initialize(fromContentsOf: run)
        count += run.count
    }

    @inline(__always) mutating func write(_ byte: UInt8) {
        if pendingSpace || pendingBreak { flushSeparator() }
        output[count] = byte
        count += 1
    }

    mutating func write(_ scalar: Unicode.Scalar) {
        if scalar.value < 0x80 {
            if HTMLText.isASCIISpace(UInt8(scalar.value)) {
                pendingSpace = true
            } else {
                write(UInt8(scalar.value))
            }
            return
        }
        if ContentHash.isWhiteSpace(scalar.value) {
            pendingSpace = true
            return
        }
        if pendingSpace || pendingBreak { flushSeparator() }
        for unit in scalar.utf8 {
            output[count] = unit
            count += 1
        }
    }

    @inline(__always) private mutating func flushSeparator() {
        if count > 0 {
            output[count] = pendingBreak ? 0x0A : 0x20
            count += 1
        }
        pendingBreak = false
        pendingSpace = false
    }
}
