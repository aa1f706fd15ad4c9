/// The HTML 4 named character references (plus `apos`): what feeds put in their text,
/// escaped HTML and, wrongly but often, raw XML.
public enum HTMLEntities {
    /// The scalar a name stands for (`nbsp` → U+00A0), or nil for an unknown name.
    public static func scalar(named name: Substring) -> Unicode.Scalar? {
        guard let value = table[name] else { return nil }
        return Unicode.Scalar(value)
    }

    public static func scalar(named name: String) -> Unicode.Scalar? {
        scalar(named: Substring(name))
    }

    /// The scalar a name given as bytes stands for, found without building a String: the name is
    /// read as one integer (no name in the table is longer than eight bytes, and none has a zero byte).
    static func scalar(named name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard name.count <= 8 else { return nil }
        var key: UInt64 = 0
        for byte in name { key = key << 8 | UInt64(byte) }
        return packedTable[key].flatMap(Unicode.Scalar.init)
    }

    /// Decodes `#123` / `#x1F` (without `&` and `;`); invalid or zero code points become U+FFFD.
    public static func scalar(numeric body: Substring) -> Unicode.Scalar? {
        var digits = String(body.dropFirst())
        return digits.withUTF8 { scalar(numericDigits: $0) }
    }

    /// Decodes the bytes of `#123` / `#x1F`; the first byte is not looked at.
    static func scalar(numeric body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        body.isEmpty ? nil : scalar(numericDigits: UnsafeBufferPointer(rebasing: body.dropFirst()))
    }

    /// `123`, `x1F` or `X1F`: ASCII digits only (a sign or other scripts' digits are no number), at
    /// most eight, so the value fits in 32 bits.
    private static func scalar(numericDigits: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var digits = numericDigits[...]
        var radix: UInt32 = 10
        if let first = digits.first, first == UInt8(ascii: "x") || first == UInt8(ascii: "X") {
            radix = 16
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            // Eight digits at most: 0xFFFFFFFF and 99999999 fit, so this never overflows.
            value = value &* radix &+ digit
        }
        if value == 0 { return "\u{FFFD}" }
        // Windows-1252 code points that feeds put in numeric references (&#146; for ’).
        if (0x80...0x9F).contains(value), let mapped = windows1252[value] { return Unicode.Scalar(mapped) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Every name the table knows.
    public static var names: [String] { table.keys.map(String.init) }

    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    private static let table: [Substring: UInt32] = {
        var table: [Substring: UInt32] = [:]
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 \
            sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc \
            Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve \
            Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute \
            acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde \
            ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
            """
        for (offset, name) in latin1.split(separator: " ").enumerated() {
            table[name] = 160 + UInt32(offset)
        }
        let upperGreek = "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho"
        for (offset, name) in upperGreek.split(separator: " ").enumerated() { table[name] = 913 + UInt32(offset) }
        for (offset, name) in "Sigma Tau Upsilon Phi Chi Psi Omega".split(separator: " ").enumerated() {
            table[name] = 931 + UInt32(offset)
        }
        let lowerGreek = """
            alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf \
            sigma tau upsilon phi chi psi omega
            """
        for (offset, name) in lowerGreek.split(separator: " ").enumerated() { table[name] = 945 + UInt32(offset) }
        let named: [(String, UInt32)] = [
            ("quot", 34), ("amp", 38), ("apos", 39), ("lt", 60), ("gt", 62), ("OElig", 338), ("oelig", 339),
            ("Scaron", 352), ("scaron", 353), ("Yuml", 376), ("fnof", 402), ("circ", 710), ("tilde", 732),
            ("thetasym", 977), ("upsih", 978), ("piv", 982), ("ensp", 8194), ("emsp", 8195), ("thinsp", 8201),
            ("zwnj", 8204), ("zwj", 8205), ("lrm", 8206), ("rlm", 8207), ("ndash", 8211), ("mdash", 8212),
            ("lsquo", 8216), ("rsquo", 8217), ("sbquo", 8218), ("ldquo", 8220), ("rdquo", 8221), ("bdquo", 8222),
            ("dagger", 8224), ("Dagger", 8225), ("bull", 8226), ("hellip", 8230), ("permil", 8240),
            ("prime", 8242), ("Prime", 8243), ("lsaquo", 8249), ("rsaquo", 8250), ("oline", 8254),
            ("frasl", 8260), ("euro", 8364), ("image", 8465), ("weierp", 8472), ("real", 8476), ("trade", 8482),
            ("alefsym", 8501), ("larr", 8592), ("uarr", 8593), ("rarr", 8594), ("darr", 8595), ("harr", 8596),
            ("crarr", 8629), ("lArr", 8656), ("uArr", 8657), ("rArr", 8658), ("dArr", 8659), ("hArr", 8660),
            ("forall", 8704), ("part", 8706), ("exist", 8707), ("empty", 8709), ("nabla", 8711), ("isin", 8712),
            ("notin", 8713), ("ni", 8715), ("prod", 8719), ("sum", 8721), ("minus", 8722), ("lowast", 8727),
            ("radic", 8730), ("prop", 8733), ("infin", 8734), ("ang", 8736), ("and", 8743), ("or", 8744),
            ("cap", 8745), ("cup", 8746), ("int", 8747), ("there4", 8756), ("sim", 8764), ("cong", 8773),
            ("asymp", 8776), ("ne", 8800), ("equiv", 8801), ("le", 8804), ("ge", 8805), ("sub", 8834),
            ("sup", 8835), ("nsub", 8836), ("sube", 8838), ("supe", 8839), ("oplus", 8853), ("otimes", 8855),
            ("perp", 8869), ("sdot", 8901), ("lceil", 8968), ("rceil", 8969), ("lfloor", 8970),
            ("rfloor", 8971), ("lang", 9001), ("rang", 9002), ("loz", 9674), ("spades", 9824), ("clubs", 9827),
            ("hearts", 9829), ("diams", 9830),
        ]
        for (name, value) in named { table[Substring(name)] = value }
        return table
    }()

    /// `table` keyed by each name's bytes read as one big-endian integer (`scalar(named:)` on bytes).
    private static let packedTable: [UInt64: UInt32] = {
        var packed: [UInt64: UInt32] = [:]
        for (name, value) in table {
            precondition(name.utf8.count <= 8, "entity names longer than eight bytes need another key")
            packed[name.utf8.reduce(0) { $0 << 8 | UInt64($1) }] = value
        }
        return packed
    }()
}

