/// A 64-bit SimHash of an article's text, so that copies of one story reworded by each outlet
/// (another headline, a byline added, a paragraph trimmed, a few words changed) are found as
/// near-duplicates: their fingerprints differ in few bits, while different stories' differ in
/// about half. Built from overlapping three-word shingles of the lower-cased words, each hashed
/// with a fixed function (never `Hasher`, which is seeded per process: fingerprints are stored).
public enum StoryFingerprint {
    /// The most bits two fingerprints may differ in for their articles to be one story, chosen
    /// from measurements over labelled reworded copies and distinct stories (see README).
    public static let maximumDistance = 14

    /// Texts with fewer words say too little to tell copies from look-alikes: no fingerprint.
    public static let minimumWords = 40

    /// The fingerprint of a body text, or nil when it has fewer than `minimumWords` words.
    public static func of(_ text: String) -> UInt64? {
        var sum = ShingleSum()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isWord: Bool
            var folded = value
            if value < 0x80 {
                isWord = (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
                if value >= 0x41 && value <= 0x5A { folded = value | 0x20 }
            } else {
                let properties = scalar.properties
                isWord = properties.isAlphabetic || properties.numericType != nil
                if properties.isUppercase, let lower = properties.lowercaseMapping.unicodeScalars.first { folded = lower.value }
            }
            if isWord {
                sum.word = (sum.word ^ UInt64(folded)) &* 0x0000_0100_0000_01b3
                sum.inWord = true
            } else if sum.inWord {
                sum.endWord()
            }
        }
        if sum.inWord { sum.endWord() }
        guard sum.words >= minimumWords else { return nil }
        var fingerprint: UInt64 = 0
        for bit in 0..<64 where sum.counts[bit] > 0 { fingerprint |= 1 << UInt64(bit) }
        return fingerprint
    }

    /// The running sums of a text's shingles: for each bit, how many more shingles set it than not.
    private struct ShingleSum {
        static let wordSeed: UInt64 = 0xcbf2_9ce4_8422_2325
        var counts = [Int32](repeating: 0, count: 64)
        /// The two words before the current one.
        var previous: (UInt64, UInt64) = (0, 0)
        var words = 0
        /// The current word's hash (FNV-1a over its folded scalars).
        var word = wordSeed
        var inWord = false

        mutating func endWord() {
            if words >= 2 {
                let shingle = StoryFingerprint.mix(previous.0 &* 31 &+ StoryFingerprint.mix(previous.1 &* 17 &+ word))
                counts.withUnsafeMutableBufferPointer { counts in
                    for bit in 0..<64 { counts[bit] &+= Int32(truncatingIfNeeded: (shingle >> UInt64(bit)) & 1) &* 2 &- 1 }
                }
            }
            previous = (previous.1, word)
            words += 1
            word = Self.wordSeed
            inWord = false
        }
    }

    /// How many bits two fingerprints differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// Whether two fingerprints are of one story.
    public static func sameStory(_ a: UInt64, _ b: UInt64) -> Bool { distance(a, b) <= maximumDistance }

    /// SplitMix64's finaliser: spreads a word hash's bits over all 64.
    fileprivate static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
