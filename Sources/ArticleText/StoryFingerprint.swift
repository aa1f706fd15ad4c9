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
        var text = text
        return text.withUTF8 { of(utf8: $0) }
    }

    /// Read from the text's UTF-8: ASCII bytes (nearly all of most texts) as they come, other
    /// scalars decoded where they start. The words and their hashes are those of the text's
    /// Unicode scalars.
    private static func of(utf8: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var sum = ShingleSum()
        var classes = ScalarClasses()
        var index = 0
        while index < utf8.count {
            let lead = utf8[index]
            let isWord: Bool
            var folded: UInt32
            if lead < 0x80 {
                folded = UInt32(lead)
                isWord = (lead >= 0x30 && lead <= 0x39) || ((lead | 0x20) >= 0x61 && (lead | 0x20) <= 0x7A)
                if lead >= 0x41 && lead <= 0x5A { folded |= 0x20 }
                index += 1
            } else {
                let (value, width) = ContentHash.decodeScalar(utf8, at: index)
                index += width
                // A String's UTF-8 is valid: every value is a scalar.
                guard let scalar = Unicode.Scalar(value) else { continue }
                (isWord, folded) = classes.classify(scalar)
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
        sum.flushLanes()
        // A bit is set when more than half of the shingles set it.
        var fingerprint: UInt64 = 0
        for bit in 0..<64 where 2 &* Int(sum.ones[bit]) > sum.shingles { fingerprint |= 1 << UInt64(bit) }
        return fingerprint
    }

    /// Whether a non-ASCII scalar belongs to a word, and its lower case, remembered for the last
    /// scalars seen: Unicode property lookups cost more than the rest of the fingerprint, and a
    /// text uses few distinct letters.
    private struct ScalarClasses {
        /// Per slot (`value % 256`): the scalar in the high 32 bits, then whether it is a word
        /// scalar (bit 31), then its folded value; `UInt64.max` for an empty slot.
        var slots = [UInt64](repeating: .max, count: 256)

        mutating func classify(_ scalar: Unicode.Scalar) -> (isWord: Bool, folded: UInt32) {
            let value = scalar.value
            let slot = Int(value & 0xFF)
            let entry = slots[slot]
            if entry >> 32 == UInt64(value) { return (entry & (1 << 31) != 0, UInt32(truncatingIfNeeded: entry & 0x7FFF_FFFF)) }
            let properties = scalar.properties
            let isWord = properties.isAlphabetic || properties.numericType != nil
            var folded = value
            if properties.isUppercase, let lower = properties.lowercaseMapping.unicodeScalars.first { folded = lower.value }
            slots[slot] = UInt64(value) << 32 | (isWord ? 1 << 31 : 0) | UInt64(folded)
            return (isWord, folded)
        }
    }

    /// The running sums of a text's shingles: for each bit, how many shingles set it.
    private struct ShingleSum {
        static let wordSeed: UInt64 = 0xcbf2_9ce4_8422_2325
        /// Bits set per bit position, over the shingles already moved out of `lanes`.
        var ones = [Int32](repeating: 0, count: 64)
        /// Eight counters of eight bits in each lane: byte `k` of `lanes[j]` counts bit `8k + j`.
        /// Adding a shingle takes eight additions instead of sixty-four; the lanes are moved into
        /// `ones` before any byte can pass 255.
        var lanes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var inLanes = 0
        var shingles = 0
        /// The two words before the current one.
        var previous: (UInt64, UInt64) = (0, 0)
        var words = 0
        /// The current word's hash (FNV-1a over its folded scalars).
        var word = wordSeed
        var inWord = false

        mutating func endWord() {
            if words >= 2 {
                let shingle = StoryFingerprint.mix(previous.0 &* 31 &+ StoryFingerprint.mix(previous.1 &* 17 &+ word))
                let spread: UInt64 = 0x0101_0101_0101_0101
                lanes.0 &+= shingle & spread
                lanes.1 &+= (shingle >> 1) & spread
                lanes.2 &+= (shingle >> 2) & spread
                lanes.3 &+= (shingle >> 3) & spread
                lanes.4 &+= (shingle >> 4) & spread
                lanes.5 &+= (shingle >> 5) & spread
                lanes.6 &+= (shingle >> 6) & spread
                lanes.7 &+= (shingle >> 7) & spread
                shingles += 1
                inLanes += 1
                if inLanes == 255 { flushLanes() }
            }
            previous = (previous.1, word)
            words += 1
            word = Self.wordSeed
            inWord = false
        }

        mutating func flushLanes() {
            let all = [lanes.0, lanes.1, lanes.2, lanes.3, lanes.4, lanes.5, lanes.6, lanes.7]
            for (offset, lane) in all.enumerated() {
                for byte in 0..<8 {
                    ones[8 * byte + offset] &+= Int32(truncatingIfNeeded: (lane >> UInt64(8 * byte)) & 0xFF)
                }
            }
            lanes = (0, 0, 0, 0, 0, 0, 0, 0)
            inLanes = 0
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
