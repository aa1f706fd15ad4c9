/// Turns the HTML that feeds carry into plain text for hashing and tracking.
///
/// Block elements (`<p>`, `<br>`, `<li>`, headings, table cells…) become line breaks, which the
/// sentence splitter treats as sentence ends; `<script>`, `<style>` and comments are dropped;
/// character references are decoded; runs of white space collapse to one space.
///
/// The work is done on UTF-8 bytes in one pass that builds no String of its own: tag names and
/// references are compared as bytes, never looked up as Strings.
public enum HTMLText {
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: plainTextCapacity(bytes.count)) { output in
                string(written: UnsafeBufferPointer(rebasing: output[..<writePlainText(bytes, into: output)]))
            }
        }
    }

    /// The room `writePlainText` needs for `count` bytes of HTML. Decoded text is never longer
    /// than its markup: a reference is at least four bytes (`&lt;`, `&#0;`) and stands for at
    /// most four (a scalar in UTF-8; an invalid code point becomes the three of U+FFFD), and a
    /// separator is one byte written for at least one byte of white space or a tag.
    static func plainTextCapacity(_ count: Int) -> Int { count + 4 }

    /// Writes the plain text of `html` (valid UTF-8) into `output`, which has at least
    /// `plainTextCapacity(html.count)` bytes, and returns how many it wrote: valid UTF-8, as
    /// ordinary text is copied in runs that end only before ASCII bytes.
    static func writePlainText(_ html: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(output.count >= plainTextCapacity(html.count), "output too small for the plain text")
        guard let input = html.baseAddress, let out = output.baseAddress else { return 0 }
        var writer = TextWriter(output: output)
        var index = 0
        let count = html.count
        while index < count {
            let byte = input[index]
            if !isSpecial(byte) {
                // A run of ordinary text, copied up to the next tag, reference or white space
                // other than one space between words, which is written as it is read. In range:
                // the writer has room for every byte of the input (see `plainTextCapacity`), and
                // a chunk is read only where `width + 1` bytes of input are left.
                writer.flushPendingSeparator()
                var written = writer.count
                out[written] = byte
                written &+= 1
                index &+= 1
                while index < count {
                    if count &- index > ByteChunk.width,
                       let chunk = ByteChunk.plainWords(at: input + index, markup: true, asciiOnly: false) {
                        chunk.store(at: out + written)
                        written &+= ByteChunk.width
                        index &+= ByteChunk.width
                        continue
                    }
                    let next = input[index]
                    if next <= UInt8(ascii: "&") || next == UInt8(ascii: "<"), isSpecial(next) {
                        // A space then ordinary text: what the writer would write for them.
                        guard next == 0x20, index &+ 1 < count, !isSpecial(input[index &+ 1]) else { break }
                    }
                    out[written] = next
                    written &+= 1
                    index &+= 1
                }
                writer.count = written
            } else if byte == UInt8(ascii: "<") {
                if let (next, isBlock) = skipMarkup(html, at: index) {
                    if isBlock { writer.pendingBreak = true }
                    index = next
                } else {
                    writer.write(byte)
                    index += 1
                }
            } else if byte == UInt8(ascii: "&") {
                if let (scalar, next) = decodeReference(html, at: index) {
                    writer.write(scalar)
                    index = next
                } else {
                    writer.write(byte)
                    index += 1
                }
            } else {
                writer.pendingSpace = true
                index += 1
            }
        }
        return writer.count
    }

    /// Bytes that end a run of ordinary text: markup, references and ASCII white space. Most
    /// bytes are above `&` (0x26) and are not `<`: one comparison tells them apart.
    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        (byte <= UInt8(ascii: "&") || byte == UInt8(ascii: "<"))
            && (byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || isASCIISpace(byte))
    }

    /// Plain text given as text (Atom `type="text"`): only white space is collapsed.
    public static func collapsingWhiteSpace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { output in
                string(written: UnsafeBufferPointer(rebasing: output[..<writeCollapsingWhiteSpace(bytes, into: output)]))
            }
        }
    }

    /// Writes `text` (valid UTF-8) with its white space collapsed into `output`, which has at
    /// least `text.count` bytes (nothing is written longer than it was), and returns how many
    /// bytes it wrote. A line feed is a line break; other white space, Unicode's included, a space.
    static func writeCollapsingWhiteSpace(_ text: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(output.count >= text.count, "output too small for the collapsed text")
        var writer = TextWriter(output: output)
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if byte == 0x0A {
                writer.pendingBreak = true
                index += 1
            } else if byte < 0x80 {
                if isASCIISpace(byte) {
                    writer.pendingSpace = true
                } else {
                    writer.write(byte)
                }
                index += 1
            } else {
                let (value, width) = ContentHash.decodeScalar(text, at: index)
                if ContentHash.isWhiteSpace(value) {
                    writer.pendingSpace = true
                } else {
                    writer.write(run: text, from: index, to: index + width)
                }
                index += width
            }
        }
        return writer.count
    }

    /// A String of text `writePlainText` or `writeCollapsingWhiteSpace` wrote, made without
    /// validating it again. Safe: both read valid UTF-8 (a String's) and write only ASCII bytes,
    /// runs of the input that end before an ASCII byte or after a whole character, and
    /// characters encoded by `Unicode.Scalar.utf8`, so what they write is valid UTF-8 as well.
    /// `HTMLTextFuzz` checks the bytes of every String made here.
    static func string(written bytes: UnsafeBufferPointer<UInt8>) -> String {
        unsafe String(copying: UTF8Span(unchecked: bytes.span))
    }

    // MARK: - Markup

    /// Skips a tag, comment or declaration starting at `start`, and tells whether it was a block
    /// element's tag; nil when `<` is just text.
    private static func skipMarkup(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (next: Int, isBlock: Bool)? {
        let count = bytes.count
        var index = start + 1
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "?") {
            if matches(bytes, at: index, "!--") {
                return (find(bytes, "-->", from: index + 3).map { $0 + 3 } ?? count, false)
            }
            return (find(bytes, ">", from: index).map { $0 + 1 } ?? count, false)
        }
        let closing = bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        while index < count, isASCIIAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart, isASCIILetter(bytes[nameStart]) else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<index])
        guard let tagEnd = endOfTag(bytes, from: index) else { return (count, false) }
        let kind = TagName.kind(name)
        if !closing, kind == .rawText {
            var search = tagEnd + 1
            while let found = findCloser(bytes, name: name, from: search) {
                let after = found + 2 + name.count
                if after >= count || !isASCIIAlphanumeric(bytes[after]) {
                    return (find(bytes, ">", from: after).map { $0 + 1 } ?? count, false)
                }
                search = after
            }
            return (count, false)
        }
        return (tagEnd + 1, kind == .block)
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

    // MARK: - Character references

    /// Decodes `&name;`, `&#123;` or `&#x1F;` at `start`; nil when it is not a known reference.
    static func decodeReference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        let limit = min(bytes.count, start + 34)
        while index < limit, isASCIIAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "#") {
            index += 1
        }
        guard index < limit, bytes[index] == UInt8(ascii: ";"), index > start + 1 else { return nil }
        let body = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<index])
        let scalar = body[0] == UInt8(ascii: "#") ? HTMLEntities.scalar(numeric: body) : HTMLEntities.scalar(named: body)
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

    /// The next `</name` from `start`, every byte compared with bit 0x20 ignored (the letters'
    /// case; `<` and `/` match the bytes 0x1C and 0x0F too, as they always have).
    private static func findCloser(_ bytes: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let length = name.count + 2
        guard bytes.count >= length else { return nil }
        var index = start
        while index + length <= bytes.count {
            if bytes[index] | 0x20 == UInt8(ascii: "<"), bytes[index + 1] | 0x20 == UInt8(ascii: "/") {
                var offset = 0
                while offset < name.count, (bytes[index + 2 + offset] | 0x20) == (name[offset] | 0x20) { offset += 1 }
                if offset == name.count { return index }
            }
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

    /// Copies `bytes[start..<end]`.
    @inline(__always) mutating func write(run bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        if pendingSpace || pendingBreak { flushSeparator() }
        var index = start
        while index < end {
            output[count] = bytes[index]
            count += 1
            index += 1
        }
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

    /// Writes the separator that white space or a block's tag left pending, before more text.
    @inline(__always) mutating func flushPendingSeparator() {
        if pendingSpace || pendingBreak { flushSeparator() }
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
