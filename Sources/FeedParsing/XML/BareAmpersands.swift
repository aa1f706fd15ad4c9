import ArticleText
import Foundation

/// Escapes the ampersands that begin no reference (`AT&T`, `?a=1&b=2`, `&foo;` naming no
/// entity) before libxml2 reads the document, so that they read as the text they are.
///
/// libxml2 in recovery mode drops a bare `&` and the name after it; worse, 2.9.14 then drops
/// every later entity reference of the document too, even `&amp;`. CDATA sections, comments,
/// processing instructions and the doctype are left as they are, and so are references to the
/// entities the doctype declares (which are never expanded). A document without such an
/// ampersand costs one `memchr` scan and is never copied.
///
/// The same pass lowercases the `X` of hexadecimal character references written `&#X2019;`:
/// XML allows only `&#x`, HTML both, and publishers mean the character.
enum BareAmpersands {
    struct Repaired {
        var bytes: [UInt8]
        /// Bare ampersands escaped as `&amp;`.
        var count: Int
        /// `&#X…;` references rewritten as `&#x…;`.
        var uppercaseHexReferences: Int
    }

    /// The document with its bare ampersands escaped as `&amp;` and its `&#X` references
    /// lowercased, and how many of each there were; nil when there were none.
    static func escaped(_ bytes: [UInt8]) -> Repaired? {
        bytes.withUnsafeBufferPointer { buffer -> Repaired? in
            guard let suspect = firstSuspect(buffer) else { return nil }
            return escaped(buffer, from: suspect)
        }
    }

    /// The first `&` that does not begin a reference to a character, an XML entity or an HTML
    /// entity: the only ones that may need escaping, depending on where they stand.
    private static func firstSuspect(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var position = 0
        while let index = find(UInt8(ascii: "&"), in: buffer, from: position, to: buffer.count) {
            switch reference(in: buffer, at: index) {
            case .character, .entity(known: true): position = index + 1
            case .uppercaseHexCharacter, .entity(known: false), .none: return index
            }
        }
        return nil
    }

    private static func escaped(_ buffer: UnsafeBufferPointer<UInt8>, from suspect: Int) -> Repaired? {
        var output: [UInt8] = []
        var copied = 0  // buffer[..<copied] is in output
        var escapes = 0
        var lowercased = 0
        var markupScanned = 0  // no opaque region starts before this index, except the last one found
        var opaqueEnd = 0  // end of the last CDATA section, comment, processing instruction or doctype
        var declared: Set<String> = []
        var position = suspect
        while let index = find(UInt8(ascii: "&"), in: buffer, from: position, to: buffer.count) {
            position = index + 1
            while markupScanned < index, let open = find(UInt8(ascii: "<"), in: buffer, from: markupScanned, to: index) {
                if let end = opaqueRegionEnd(buffer, at: open, declaring: &declared) {
                    opaqueEnd = end
                    markupScanned = end
                } else {
                    markupScanned = open + 1
                }
            }
            markupScanned = max(markupScanned, index)
            if index < opaqueEnd { continue }
            switch reference(in: buffer, at: index) {
            case .character, .entity(known: true): continue
            case .uppercaseHexCharacter:
                if output.isEmpty { output.reserveCapacity(buffer.count + 64) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...index]))
                output.append(contentsOf: "#x".utf8)
                copied = index + 3
                lowercased += 1
                continue
            case .entity(known: false):
                let name = nameAfter(buffer, at: index)
                if declared.contains(String(decoding: name, as: UTF8.self)) { continue }
            case .none: break
            }
            if output.isEmpty { output.reserveCapacity(buffer.count + 64) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...index]))
            output.append(contentsOf: "amp;".utf8)
            copied = index + 1
            escapes += 1
        }
        guard escapes > 0 || lowercased > 0 else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...]))
        return Repaired(bytes: output, count: escapes, uppercaseHexReferences: lowercased)
    }

    private enum Reference: Equatable {
        /// `&#123;` or `&#x1F;`.
        case character
        /// `&#X1F;`: a hexadecimal reference HTML allows and XML does not.
        case uppercaseHexCharacter
        /// `&name;`: one of the five XML entities or an HTML entity, or another name.
        case entity(known: Bool)
        /// An ampersand that begins no reference.
        case none
    }

    private static func reference(in buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Reference {
        var cursor = index + 1
        guard cursor < buffer.count else { return .none }
        if buffer[cursor] == UInt8(ascii: "#") {
            cursor += 1
            var digits = 0
            let uppercase = cursor < buffer.count && buffer[cursor] == UInt8(ascii: "X")
            if cursor < buffer.count, buffer[cursor] | 0x20 == UInt8(ascii: "x") {
                cursor += 1
                while cursor < buffer.count, isHexDigit(buffer[cursor]) { cursor += 1; digits += 1 }
            } else {
                while cursor < buffer.count, isDigit(buffer[cursor]) { cursor += 1; digits += 1 }
            }
            guard digits > 0, cursor < buffer.count, buffer[cursor] == UInt8(ascii: ";") else { return .none }
            return uppercase ? .uppercaseHexCharacter : .character
        }
        let name = nameAfter(buffer, at: index)
        guard !name.isEmpty, name.endIndex < buffer.count, buffer[name.endIndex] == UInt8(ascii: ";") else { return .none }
        return .entity(known: isKnownEntity(UnsafeBufferPointer(rebasing: name)))
    }

    /// The XML name after the `&` at `index` (possibly empty).
    private static func nameAfter(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
        let start = index + 1
        var cursor = start
        guard cursor < buffer.count, isNameStart(buffer[cursor]) else { return buffer[start..<start] }
        cursor += 1
        while cursor < buffer.count, cursor - start < 64, isNameStart(buffer[cursor]) || isDigit(buffer[cursor])
            || buffer[cursor] == UInt8(ascii: "-") || buffer[cursor] == UInt8(ascii: ".")
        {
            cursor += 1
        }
        return buffer[start..<cursor]
    }

    private static func isKnownEntity(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 2: if (name[0] == UInt8(ascii: "l") || name[0] == UInt8(ascii: "g")) && name[1] == UInt8(ascii: "t") { return true }
        case 3: if name.elementsEqual("amp".utf8) { return true }
        case 4: if name.elementsEqual("quot".utf8) || name.elementsEqual("apos".utf8) { return true }
        default: break
        }
        if let packed = packed(name) { return htmlEntityNames.contains(packed) }
        return HTMLEntities.scalar(named: Substring(String(decoding: name, as: UTF8.self))) != nil
    }

    /// HTML's entity names packed into integers (all but a few fit in eight bytes): a set lookup
    /// without building a string, for the many `&mdash;` of a large document.
    private static let htmlEntityNames: Set<UInt64> = Set(HTMLEntities.names.compactMap { name in
        Array(name.utf8).withUnsafeBufferPointer { packed($0) }
    })

    private static func packed(_ name: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard name.count <= 8 else { return nil }
        var value: UInt64 = 0
        for byte in name { value = value << 8 | UInt64(byte) }
        return value
    }

    /// The end of the CDATA section, comment, processing instruction or doctype starting with
    /// the `<` at `index` (the document's end when it is not closed), or nil for other markup.
    /// Entities a doctype declares are added to `declared`.
    private static func opaqueRegionEnd(
        _ buffer: UnsafeBufferPointer<UInt8>, at index: Int, declaring declared: inout Set<String>
    ) -> Int? {
        func starts(_ marker: String) -> Bool {
            let marker = marker.utf8
            return index + marker.count <= buffer.count && buffer[index..<index + marker.count].elementsEqual(marker)
        }
        func end(after terminator: String, from start: Int) -> Int {
            let terminator = Array(terminator.utf8)
            var cursor = start
            while let candidate = find(terminator[0], in: buffer, from: cursor, to: buffer.count) {
                if candidate + terminator.count <= buffer.count,
                   buffer[candidate..<candidate + terminator.count].elementsEqual(terminator)
                {
                    return candidate + terminator.count
                }
                cursor = candidate + 1
            }
            return buffer.count
        }
        if starts("<![CDATA[") { return end(after: "]]>", from: index + 9) }
        if starts("<!--") { return end(after: "-->", from: index + 4) }
        if starts("<?") { return end(after: "?>", from: index + 2) }
        guard starts("<!DOCTYPE") else { return nil }
        let close = end(after: ">", from: index)
        guard let open = find(UInt8(ascii: "["), in: buffer, from: index, to: close) else { return close }
        // The internal subset ends at `]`, optional white space, `>`.
        var cursor = open + 1
        var subsetEnd = buffer.count
        while let bracket = find(UInt8(ascii: "]"), in: buffer, from: cursor, to: buffer.count) {
            var after = bracket + 1
            while after < buffer.count, isSpace(buffer[after]) { after += 1 }
            if after < buffer.count, buffer[after] == UInt8(ascii: ">") {
                subsetEnd = after + 1
                break
            }
            cursor = bracket + 1
        }
        collectDeclarations(buffer, in: open..<subsetEnd, into: &declared)
        return subsetEnd
    }

    /// The names of the general entities `<!ENTITY name …>` declares in `range`.
    private static func collectDeclarations(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>, into declared: inout Set<String>) {
        let marker = Array("<!ENTITY".utf8)
        var cursor = range.lowerBound
        while let open = find(UInt8(ascii: "<"), in: buffer, from: cursor, to: range.upperBound) {
            cursor = open + 1
            guard open + marker.count < range.upperBound, buffer[open..<open + marker.count].elementsEqual(marker) else { continue }
            var nameStart = open + marker.count
            while nameStart < range.upperBound, isSpace(buffer[nameStart]) { nameStart += 1 }
            guard nameStart < range.upperBound, buffer[nameStart] != UInt8(ascii: "%") else { continue }
            let name = nameAfter(buffer, at: nameStart - 1)
            if !name.isEmpty { declared.insert(String(decoding: name, as: UTF8.self)) }
        }
    }

    private static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = buffer.baseAddress,
              let found = memchr(base + start, Int32(byte), end - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    @inline(__always) private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always) private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
