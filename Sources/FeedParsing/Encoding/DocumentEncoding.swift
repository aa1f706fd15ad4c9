import FeedModel
import Foundation

/// Decides what encoding a document's bytes are in and turns them into UTF-8 for libxml2.
///
/// Order: a byte-order mark, or the UTF-16/UTF-32 pattern of the first four bytes, decides
/// (`WideEncoding`); bytes that are valid UTF-8 (with multi-byte sequences) are
/// UTF-8 whatever is declared, since legacy text practically never validates as UTF-8; bytes that
/// are overwhelmingly valid UTF-8 with a few broken sequences are UTF-8 too unless a legacy
/// encoding is declared; otherwise the HTTP `charset`, then the XML declaration, then detection
/// among windows-1251, KOI8-R and windows-1252. ISO-8859-1 and US-ASCII are read as
/// windows-1252, as the Encoding Standard and browsers do. A declaration the bytes contradict
/// gets a warning; so does a name iconv does not know, which is then read as if undeclared.
/// Invalid bytes become U+FFFD.
enum DocumentEncoding {
    struct Decoded {
        var bytes: [UInt8]
        /// The encoding the document was read as (nil: it was already UTF-8 or ASCII).
        var convertedFrom: String?
        var warnings: [String]
    }

    static func utf8(_ bytes: [UInt8], httpCharset: String?) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(bytes: Array(bytes.dropFirst(3)), convertedFrom: nil, warnings: [])
        }
        if let wide = WideEncoding.detect(bytes) {
            let converted = Transcoder.utf8(from: wide.name, Array(bytes.dropFirst(wide.byteOrderMarkLength)), unit: wide.unit)
            return Decoded(bytes: converted ?? bytes, convertedFrom: wide.name, warnings: [])
        }
        let declared = declaredEncoding(bytes)
        var labels = [httpCharset, declared].compactMap { $0 }
        var claimed = labels.map(canonical)
        // A name iconv does not know says nothing about the bytes: they are read as if nothing
        // were declared (UTF-8 when they are UTF-8, else detected), and the warning names it.
        var unknown: String?
        if claimed.contains(where: { $0 != "UTF-8" }) {
            for (index, name) in claimed.enumerated().reversed() where name != "UTF-8" && !Transcoder.isKnown(name) {
                unknown = labels[index]
                claimed.remove(at: index)
                labels.remove(at: index)
            }
        }
        let unknownNote = unknown.map { "unknown encoding '\($0)' declared" }
        switch UTF8Validation.classify(bytes) {
        case .ascii:
            return Decoded(bytes: bytes, convertedFrom: nil, warnings: unknownNote.map { ["\($0); read as UTF-8"] } ?? [])
        case .utf8:
            var warnings: [String] = []
            if let unknownNote { warnings.append("\(unknownNote); read as UTF-8") }
            if let wrong = claimed.first(where: { $0 != "UTF-8" }) {
                warnings.append("declared encoding \(wrong) does not match the bytes; read as UTF-8")
            }
            return Decoded(bytes: bytes, convertedFrom: nil, warnings: warnings)
        case .invalid:
            if !claimed.contains(where: { $0 != "UTF-8" }), let broken = UTF8Check.brokenSequencesIfMostlyValid(bytes) {
                let sequences = broken == 1 ? "sequence" : "sequences"
                return Decoded(
                    bytes: UTF8Check.repaired(bytes), convertedFrom: nil,
                    warnings: (unknownNote.map { ["\($0); read as UTF-8"] } ?? [])
                        + ["\(broken) invalid UTF-8 byte \(sequences) replaced with U+FFFD"])
            }
            var warnings: [String] = []
            let source: String
            // Bytes with ASCII where ASCII belongs are in neither UTF-16 nor UTF-32, whatever is declared.
            if let known = claimed.first(where: { $0 != "UTF-8" && !WideEncoding.isWide($0) }) {
                source = known
                if let unknownNote { warnings.append("\(unknownNote); read as \(known)") }
            } else {
                source = detectLegacy(bytes)
                let said = unknownNote ?? claimed.first.map { "declared encoding \($0) does not match the bytes" } ?? "no encoding declared"
                warnings.append("\(said); detected \(source)")
            }
            let name = decoderName(source)
            guard let converted = Transcoder.utf8(from: name, bytes) else {
                return Decoded(bytes: UTF8Check.repaired(bytes), convertedFrom: nil, warnings: warnings + ["invalid UTF-8 replaced"])
            }
            return Decoded(bytes: converted, convertedFrom: name, warnings: warnings)
        }
    }

    /// `encoding="…"` of the XML declaration, if any, within the first 512 bytes. Read as bytes:
    /// Foundation's string search took more instructions than the rest of the encoding's choice.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { whole in
            let head = UnsafeBufferPointer(rebasing: whole.prefix(512))
            guard let start = find("<?xml", in: head, from: 0), let end = find("?>", in: head, from: start + 5),
                  let key = find("encoding", in: UnsafeBufferPointer(rebasing: head[..<end]), from: start)
            else { return nil }
            var index = key + 8
            while index < end, head[index] == UInt8(ascii: " ") || head[index] == UInt8(ascii: "=") { index += 1 }
            guard index < end, head[index] == UInt8(ascii: "\"") || head[index] == UInt8(ascii: "'") else { return nil }
            let quote = head[index]
            let valueStart = index + 1
            var valueEnd = valueStart
            while valueEnd < end, head[valueEnd] != quote { valueEnd += 1 }
            return valueEnd > valueStart ? String(decoding: head[valueStart..<valueEnd], as: UTF8.self) : nil
        }
    }

    /// Where `literal` (ASCII) first occurs in `bytes` at or after `start`.
    private static func find(_ literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let needle = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard needle.count > 0, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count)
        where bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }

    /// Canonical spellings, so that "utf8", "cp1251" and "Windows-1251" compare equal.
    static func canonical(_ name: String) -> String {
        let lower = name.trimmingCharacters(in: .whitespaces).lowercased()
        switch lower {
        case "utf8", "utf-8": return "UTF-8"
        case "cp1251", "windows-1251", "x-cp1251": return "WINDOWS-1251"
        case "cp1252", "windows-1252": return "WINDOWS-1252"
        case "koi8r", "koi8-r": return "KOI8-R"
        case "koi8u", "koi8-u": return "KOI8-U"
        case "latin1", "latin-1", "iso8859-1", "iso-8859-1", "iso_8859-1": return "ISO-8859-1"
        case "us-ascii", "ascii": return "US-ASCII"
        default: return lower.uppercased()
        }
    }

    /// The decoder for a label, as the Encoding Standard maps it: ISO-8859-1 and US-ASCII labels
    /// mean windows-1252, whose 0x80–0x9F are the curly quotes, dashes and € that such documents
    /// actually hold, never C1 control characters.
    static func decoderName(_ canonicalName: String) -> String {
        canonicalName == "ISO-8859-1" || canonicalName == "US-ASCII" ? "WINDOWS-1252" : canonicalName
    }

    /// Cyrillic text has runs of high bytes (whole words), Latin text isolated ones (é in café).
    /// In windows-1251 Cyrillic (mostly lowercase) letters fall in 0xE0–0xFF, in KOI8-R in 0xC0–0xDF.
    static func detectLegacy(_ bytes: [UInt8]) -> String {
        var high = 0, paired = 0, upperBlock = 0, lowerBlock = 0
        for index in bytes.indices where bytes[index] >= 0xC0 {
            high += 1
            if index + 1 < bytes.count, bytes[index + 1] >= 0xC0 { paired += 1 }
            if bytes[index] >= 0xE0 { upperBlock += 1 } else { lowerBlock += 1 }
        }
        guard high > 0, paired * 2 >= high else { return "WINDOWS-1252" }
        return upperBlock >= lowerBlock ? "WINDOWS-1251" : "KOI8-R"
    }
}

/// Documents that are UTF-8 with a few damaged bytes.
enum UTF8Check {
    /// The number of invalid sequences when the bytes are overwhelmingly UTF-8: valid multi-byte
    /// sequences at least ten times as many as invalid ones. Legacy text (windows-1252, KOI8-R…)
    /// almost never forms a valid multi-byte sequence, so this is UTF-8 with a few damaged bytes.
    static func brokenSequencesIfMostlyValid(_ bytes: [UInt8]) -> Int? {
        var valid = 0
        var invalid = 0
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar.value >= 0x80 { valid += 1 }
            case .error: invalid += 1
            case .emptyInput: break decoding
            }
        }
        return valid > 0 && invalid * 10 <= valid ? invalid : nil
    }

    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}

/// iconv from a legacy encoding to UTF-8; an invalid byte becomes U+FFFD and decoding goes on.
enum Transcoder {
    static func isKnown(_ name: String) -> Bool {
        if commonNames.contains(name) { return true }
        let handle = iconv_open("UTF-8", name)
        guard handle != iconv_t(bitPattern: -1) else { return false }
        iconv_close(handle)
        return true
    }

    /// Canonical names every iconv knows: no `iconv_open` for the labels most documents carry.
    private static let commonNames: Set<String> = [
        "UTF-8", "US-ASCII", "ISO-8859-1", "WINDOWS-1252", "WINDOWS-1251", "KOI8-R", "KOI8-U", "UTF-16", "UTF-16BE", "UTF-16LE",
    ]

    /// - Parameter unit: the code unit's size in bytes: an invalid unit is skipped whole, so that
    ///   UTF-16 and UTF-32 stay aligned after it.
    static func utf8(from name: String, _ input: [UInt8], unit: Int = 1) -> [UInt8]? {
        if unit == 1, let table = singleByteTables[name] { return table.decode(input) }
        return iconvUTF8(from: name, input, unit: unit)
    }

    /// Tables of the single-byte encodings iconv knows here, each made from iconv's decoding of
    /// every byte (see `SingleByteTable`).
    private static let singleByteTables: [String: SingleByteTable] = {
        var tables: [String: SingleByteTable] = [:]
        for name in SingleByteTable.names {
            let handle = iconv_open("UTF-8", name)
            guard handle != iconv_t(bitPattern: -1) else { continue }
            defer { iconv_close(handle) }
            tables[name] = SingleByteTable { byte in convert(handle, [byte], unit: 1) }
        }
        return tables
    }()

    private static func iconvUTF8(from name: String, _ input: [UInt8], unit: Int) -> [UInt8]? {
        let handle = iconv_open("UTF-8", name)
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        return convert(handle, input, unit: unit)
    }

    private static func convert(_ handle: iconv_t?, _ input: [UInt8], unit: Int) -> [UInt8] {
        // Back to the initial state: a handle may be used for several inputs.
        _ = iconv(handle, nil, nil, nil, nil)
        // iconv never writes through its input pointer; the mutable cast only satisfies its C type.
        return input.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: input.count * 4 + 16) { target, produced in
                var inPointer: UnsafeMutablePointer<CChar>? = source.baseAddress.map {
                    UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: CChar.self)
                }
                var inLeft = source.count
                var outPointer: UnsafeMutablePointer<CChar>? = target.baseAddress.map {
                    UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                }
                var outLeft = target.count
                while inLeft > 0 {
                    let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                    if result != -1 { break }
                    guard errno == EILSEQ || errno == EINVAL, outLeft >= 3, let output = outPointer, let input = inPointer
                    else { break }
                    // Replace the offending code unit with U+FFFD and go on.
                    output[0] = CChar(bitPattern: 0xEF)
                    output[1] = CChar(bitPattern: 0xBF)
                    output[2] = CChar(bitPattern: 0xBD)
                    outPointer = output + 3
                    outLeft -= 3
                    let skipped = min(max(unit, 1), inLeft)
                    inPointer = input + skipped
                    inLeft -= skipped
                }
                produced = target.count - outLeft
            }
        }
    }
}
