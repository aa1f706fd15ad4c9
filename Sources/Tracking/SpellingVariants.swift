/// Folds a word (already lower-cased, diacritics removed) to a key shared by its common
/// spellings and transliterations, so that a term matches them all as one: Zelensky, Zelenskyy,
/// Zelenskiy, Zelenskij, Зеленский and Зеленський all fold to `zelenski`.
///
/// The rules: Cyrillic is transliterated; `y` and `j` read as `i`; `kh` as `h`; `x` as `ks`; and a
/// doubled letter as one. Digits are left alone.
enum SpellingVariants {
    static func key(_ folded: String) -> String {
        var key = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for scalar in folded.unicodeScalars {
            if let latin = cyrillic[scalar] {
                for letter in latin.unicodeScalars { append(letter, to: &key, last: &last) }
            } else {
                append(scalar, to: &key, last: &last)
            }
        }
        return String(key)
    }

    private static func append(_ scalar: Unicode.Scalar, to key: inout String.UnicodeScalarView, last: inout Unicode.Scalar?) {
        var letter = scalar
        switch letter {
        case "y", "j": letter = "i"
        case "x":
            append("k", to: &key, last: &last)
            letter = "s"
        case "h" where last == "k":
            key.removeLast()
            key.append("h")
            last = "h"
            return
        default: break
        }
        if letter == last, letter.properties.isAlphabetic { return }
        key.append(letter)
        last = letter
    }

    /// Russian and Ukrainian letters (after diacritics folding, so й is и and ї is і).
    private static let cyrillic: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
        "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "ё": "e",
    ]
}
