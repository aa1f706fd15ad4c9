/// Folds a word (already lower-cased, diacritics removed) to a key shared by its common
/// spellings and transliterations, so that a term matches them all as one: Zelensky, Zelenskyy,
/// Zelenskiy, Zelenskij, Зеленский and Зеленський all fold to `zelenski`.
///
/// The rules: Cyrillic is transliterated; `y` and `j` read as `i`; `kh` as `h`; `x` as `ks`; and a
/// doubled letter as one. Digits are left alone.
enum SpellingVariants {
    /// The key of an ASCII word, lower-cased on the way, without intermediate strings.
    static func key(ascii word: Substring) -> String {
        let bytes = word.utf8
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            // A key is at most twice as long as its word (x → ks), so it always fits.
            key(ascii: bytes, into: buffer) ?? 0
        }
    }

    /// Writes the key of an ASCII word (lower-cased on the way) into `buffer` and returns its
    /// length, or nil as soon as it would not fit: a key longer than any term's word cannot
    /// match one, so a caller reading an article stops folding such a word early. The key only
    /// grows as letters are added, so a word whose key overflows never has a shorter key.
    static func key(ascii bytes: some Sequence<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var count = 0
        var last: UInt8 = 0
        for byte in bytes {
            var letter = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            switch letter {
            case 0x79, 0x6A: letter = 0x69  // y, j → i
            case 0x78:  // x → ks
                if last != 0x6B {
                    guard count < buffer.count else { return nil }
                    buffer[count] = 0x6B
                    count += 1
                }
                last = 0x6B
                letter = 0x73
            case 0x68 where last == 0x6B:  // kh → h
                buffer[count - 1] = 0x68
                last = 0x68
                continue
            default: break
            }
            if letter == last, letter >= 0x61, letter <= 0x7A { continue }
            guard count < buffer.count else { return nil }
            buffer[count] = letter
            count += 1
            last = letter
        }
        return count
    }

    /// The first byte of an ASCII word's key (what `key(ascii:into:)` writes first), or nil for
    /// an empty word; from the word's first letters only. A first `k` becomes `h` when an `h`
    /// follows it, after any more `k`s (doubled letters are one).
    static func firstKeyByte(ofASCII word: UnsafeBufferPointer<UInt8>) -> UInt8? {
        func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        guard let first = word.first else { return nil }
        switch lowered(first) {
        case 0x79, 0x6A: return 0x69  // y, j → i
        case 0x78: return 0x6B  // x → ks
        case 0x6B:
            var next = 1
            while next < word.count, lowered(word[next]) == 0x6B { next += 1 }
            return next < word.count && lowered(word[next]) == 0x68 ? 0x68 : 0x6B  // kh → h
        case let letter: return letter
        }
    }

    static func key(_ folded: String) -> String {
        var key = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for scalar in folded.unicodeScalars {
            if scalar.value >= 0x400, scalar.value < 0x500, let latin = cyrillic[scalar] {
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
        if letter == last, letter.isASCII ? (letter.value | 0x20) >= 0x61 && (letter.value | 0x20) <= 0x7A : letter.properties.isAlphabetic {
            return
        }
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
