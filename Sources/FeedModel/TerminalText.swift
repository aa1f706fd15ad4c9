/// Text from outside (a URL, a file name, a server's message, a feed's bytes) made safe to print
/// on one line of a terminal, a table or the journal.
public enum TerminalText {
    /// Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides
    /// are written as escapes (`\n`, `\t`, `\x1B`, `\u{202E}`), so input can neither inject lines
    /// into a log nor drive the terminal. Everything else, non-ASCII letters included, is kept.
    public static func escaped(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
            }
        }
        return result
    }

    /// `escaped`, cut to about `limit` characters with `…`: for quoting input in a one-line error.
    public static func quoted(_ text: some StringProtocol, limit: Int = 120) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "…" : String(text)
        return escaped(cut)
    }

    /// Whether the text holds anything `escaped` would rewrite.
    public static func hasControlCharacters(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: needsEscape)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
