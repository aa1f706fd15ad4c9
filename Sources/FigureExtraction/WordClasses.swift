/// Which of the readers' word lists a token's text is in (`Lexicon`, `NumberWords`,
/// `RoleReader`, `ClaimReader`): looked up once per token when the sentence is tokenized, so
/// that the grammar and the readers of roles and claims test a bit where they would hash the
/// same word into a `Set<String>` again and again. `WordTable` is built from the lists
/// themselves, so a token has a class exactly when its text is in that list.
struct WordClasses: OptionSet, Sendable {
    let rawValue: UInt64

    // Lexicon and NumberWords: the figure grammar and calendar readings.
    static let magnitudeWord = WordClasses(rawValue: 1 << 0)
    static let gluedMagnitude = WordClasses(rawValue: 1 << 1)
    static let currencySign = WordClasses(rawValue: 1 << 2)
    static let dollarPrefix = WordClasses(rawValue: 1 << 3)
    static let currencyCode = WordClasses(rawValue: 1 << 4)
    static let currencyWord = WordClasses(rawValue: 1 << 5)
    static let month = WordClasses(rawValue: 1 << 6)
    static let weekday = WordClasses(rawValue: 1 << 7)
    static let ambiguousMonth = WordClasses(rawValue: 1 << 8)
    static let clockWord = WordClasses(rawValue: 1 << 9)
    static let identifierWord = WordClasses(rawValue: 1 << 10)
    static let ordinalSuffix = WordClasses(rawValue: 1 << 11)
    static let percentWord = WordClasses(rawValue: 1 << 12)
    static let numberStarter = WordClasses(rawValue: 1 << 13)

    // RoleReader.
    static let changeVerb = WordClasses(rawValue: 1 << 20)
    static let changeNoun = WordClasses(rawValue: 1 << 21)
    static let comparative = WordClasses(rawValue: 1 << 22)
    static let pointWord = WordClasses(rawValue: 1 << 23)
    static let functionWord = WordClasses(rawValue: 1 << 24)

    // ClaimReader.
    /// A word of `ClaimReader`'s cue table: only such words are looked up in it.
    static let claimCue = WordClasses(rawValue: 1 << 30)
    static let sayingVerb = WordClasses(rawValue: 1 << 31)
    static let pronoun = WordClasses(rawValue: 1 << 32)
    static let sourceStop = WordClasses(rawValue: 1 << 33)
}

/// An open-addressing table from a word's UTF-8 bytes to its `WordClasses`, hashed with FNV-1a:
/// for the few hundred words of the lists, a lookup costs a short hash and usually one compare,
/// where `Set<String>` seeds and runs SipHash on every call.
struct WordTable: Sendable {
    /// Per slot, the entry there plus one; 0 for an empty slot. A power of two long.
    private let slots: [Int32]
    /// Every word's bytes, one after the other.
    private let bytes: [UInt8]
    private let entries: [Entry]
    /// The longest word's length in bytes: longer ones are in no list.
    private let longest: Int

    private struct Entry: Sendable {
        var start: Int
        var count: Int
        var classes: WordClasses
    }

    /// The table of every list the figure readers test tokens against.
    static let shared: WordTable = {
        let lists: [(WordClasses, [String])] = [
            (.magnitudeWord, Array(Lexicon.magnitudeWords.keys)),
            (.gluedMagnitude, Array(Lexicon.gluedMagnitudes.keys)),
            (.currencySign, Array(Lexicon.currencySigns.keys)),
            (.dollarPrefix, Array(Lexicon.dollarPrefixes.keys)),
            (.currencyCode, Array(Lexicon.currencyCodes)),
            (.currencyWord, Array(Lexicon.currencyWords.keys)),
            (.month, Array(Lexicon.months)),
            (.weekday, Array(Lexicon.weekdays)),
            (.ambiguousMonth, Array(Lexicon.ambiguousMonths)),
            (.clockWord, Array(Lexicon.clockWords)),
            (.identifierWord, Array(Lexicon.identifierWords)),
            (.ordinalSuffix, Array(Lexicon.ordinalSuffixes)),
            (.percentWord, Array(Lexicon.percentWords)),
            (.numberStarter, Array(NumberWords.starters)),
            (.changeVerb, Array(RoleReader.changeVerbs)),
            (.changeNoun, Array(RoleReader.changeNouns)),
            (.comparative, Array(RoleReader.comparatives)),
            (.pointWord, Array(RoleReader.pointWords)),
            (.functionWord, Array(RoleReader.functionWords)),
            (.claimCue, ClaimReader.cueWords),
            (.sayingVerb, Array(ClaimReader.sayingVerbs)),
            (.pronoun, Array(ClaimReader.pronouns)),
            (.sourceStop, Array(ClaimReader.sourceStops)),
        ]
        var classes: [String: WordClasses] = [:]
        for (wordClass, words) in lists {
            for word in words { classes[word, default: []].insert(wordClass) }
        }
        return WordTable(classes)
    }()

    init(_ classes: [String: WordClasses]) {
        var capacity = 16
        while capacity < classes.count * 4 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var longest = 0
        // Sorted, so that the table is laid out the same on every run.
        for (word, wordClasses) in classes.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            let utf8 = Array(word.utf8)
            var slot = utf8.withUnsafeBufferPointer { Self.hash($0) } & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            entries.append(Entry(start: bytes.count, count: utf8.count, classes: wordClasses))
            slots[slot] = Int32(entries.count)
            bytes += utf8
            longest = max(longest, utf8.count)
        }
        self.slots = slots
        self.bytes = bytes
        self.entries = entries
        self.longest = longest
    }

    /// The classes of the word whose UTF-8 bytes are `word`; none for a word in no list.
    func classes(of word: UnsafeBufferPointer<UInt8>) -> WordClasses {
        guard word.count <= longest, !word.isEmpty else { return [] }
        let mask = slots.count - 1
        var slot = Self.hash(word) & mask
        while true {
            let found = Int(slots[slot])
            if found == 0 { return [] }
            let entry = entries[found - 1]
            if entry.count == word.count, bytes.withUnsafeBufferPointer({ all in
                var index = 0
                while index < word.count, all[entry.start + index] == word[index] { index += 1 }
                return index == word.count
            }) {
                return entry.classes
            }
            slot = (slot + 1) & mask
        }
    }

    func classes(of word: String) -> WordClasses {
        var word = word
        return word.withUTF8 { classes(of: $0) }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
