import Foundation

/// Small JSON values written without a JSONEncoder, in the form Codable records read back.
enum JSONText {
    static func array(_ strings: [String]) -> String {
        guard !strings.isEmpty else { return "[]" }
        var text = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { text += "," }
            text += quoted(string)
        }
        return text + "]"
    }

    /// An object of strings, its keys in order (so equal objects are equal texts).
    static func object(_ members: [String: String]) -> String {
        guard !members.isEmpty else { return "{}" }
        return "{" + members.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + quoted($0.value) }.joined(separator: ",") + "}"
    }

    /// The strings of a stored array; empty for NULL or anything that is not an array of strings.
    static func decodeArray(_ text: String?) -> [String] {
        guard let text, text != "[]", let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// The members of a stored object of strings; empty for NULL or anything else.
    static func decodeObject(_ text: String?) -> [String: String] {
        guard let text, text != "{}", let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    text += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}
