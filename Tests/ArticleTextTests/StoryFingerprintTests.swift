import ArticleText
import Foundation
import Testing

/// Near-duplicate stories (Corpus/stories.jsonl, written by make-stories.py): twelve wire stories
/// as four outlets run them (original, a byline added, the last sentence trimmed and a few words
/// changed, words reworded and a credit line added) and four follow-ups on the same subjects
/// that are different stories. Copies of one story must be found as one; different stories,
/// follow-ups included, never.
@Suite struct StoryFingerprintTests {
    struct Labelled: Decodable {
        var story: String
        var outlet: String
        var text: String
    }

    static func corpus() throws -> [Labelled] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/stories.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Labelled.self, from: Data($0.utf8))
        }
    }

    @Test func copiesAreOneStoryAndDifferentStoriesAreNot() throws {
        let corpus = try Self.corpus()
        let prints = try corpus.map { try #require(StoryFingerprint.of($0.text)) }
        var same: [Int] = []
        var different: [Int] = []
        for a in corpus.indices {
            for b in corpus.indices where b > a {
                let distance = StoryFingerprint.distance(prints[a], prints[b])
                if corpus[a].story == corpus[b].story { same.append(distance) } else { different.append(distance) }
            }
        }
        let threshold = StoryFingerprint.maximumDistance
        let truePositives = same.count { $0 <= threshold }
        let falsePositives = different.count { $0 <= threshold }
        let precision = Double(truePositives) / Double(max(truePositives + falsePositives, 1))
        let recall = Double(truePositives) / Double(same.count)
        print("story pairs: \(same.count) copies, distances \(same.sorted()); \(different.count) distinct, closest \(different.sorted().prefix(10))")
        print("at \(threshold) bits: precision \(precision), recall \(recall)")
        #expect(falsePositives == 0, "distinct stories never merge")
        #expect(recall >= 0.9, "recall \(recall)")
    }

    @Test func shortOrEmptyTextsHaveNoFingerprint() {
        #expect(StoryFingerprint.of("") == nil)
        #expect(StoryFingerprint.of("Ceasefire agreed. Talks continue on Tuesday in Istanbul.") == nil)
        let long = String(repeating: "word ", count: 50)
        #expect(StoryFingerprint.of(long) != nil)
    }

    @Test func theFingerprintIsStableAcrossRunsAndCase() {
        let text = (0..<60).map { "Word\($0)" }.joined(separator: " ")
        #expect(StoryFingerprint.of(text) == StoryFingerprint.of(text.lowercased()))
        // A stored fingerprint must mean the same in every process: a fixed value for a fixed text.
        #expect(StoryFingerprint.of(text) == StoryFingerprint.of(text))
    }

    /// Fingerprints are stored, so the counting may get faster but never change its result: the
    /// fingerprint of long texts (more shingles than one counting round holds) must equal a plain
    /// per-bit majority vote over the same shingles.
    @Test func theFingerprintIsTheMajorityVoteOfItsShingles() throws {
        for count in [40, 254, 255, 256, 257, 600, 2_000] {
            let words = (0..<count).map { "w\(($0 &* 7_919) % 311)x" }
            #expect(StoryFingerprint.of(words.joined(separator: " ")) == Self.majorityVote(words), "\(count) words")
        }
        let corpus = try Self.corpus()
        for labelled in corpus {
            let words = labelled.text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
            guard labelled.text.allSatisfy(\.isASCII), words.count >= StoryFingerprint.minimumWords else { continue }
            #expect(StoryFingerprint.of(labelled.text) == Self.majorityVote(words), "\(labelled.story) \(labelled.outlet)")
        }
    }

    /// Beyond ASCII the words are runs of letters and digits of any script, lower-cased, and
    /// their hashes are over Unicode scalars (not UTF-8 bytes).
    @Test func theFingerprintOfAnyScriptIsTheMajorityVoteOfItsScalarWords() {
        let sentences = [
            "Війська РФ просунулися на 3 км біля Покровська, повідомив Генштаб ЗСУ.",
            "Die Bundesregierung prüft weitere Hilfen über 1,2 Mrd. Euro für die Ukraine – ÜBERRASCHEND schnell.",
            "停火谈判在日内瓦继续进行，双方同意交换１２０名战俘。", "Ελλάδα και Κύπρος: ΣΥΝΟΜΙΛΙΕΣ για τα σύνορα 🇬🇷🇨🇾 συνεχίζονται.",
            "Zelenskyy met Ørsted’s CEO in Æbeltoft; İstanbul talks on Sunday, ½ of the grain — résumé façade naïve.",
        ]
        for count in [8, 40, 120] {
            let text = (0..<count).map { sentences[$0 % sentences.count] }.joined(separator: " ")
            let words = text.unicodeScalars.split { !($0.properties.isAlphabetic || $0.properties.numericType != nil) }.map { word in
                word.map { scalar in
                    scalar.properties.isUppercase ? scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar : scalar
                }
            }
            let expected = words.count >= StoryFingerprint.minimumWords ? Self.majorityVote(scalarWords: words) : nil
            #expect(StoryFingerprint.of(text) == expected, "\(count) sentences")
        }
    }

    static func majorityVote(_ words: [String]) -> UInt64 {
        majorityVote(scalarWords: words.map { Array($0.unicodeScalars) })
    }

    /// The fingerprint as its definition says: FNV-1a per word over its scalars, SplitMix64 over
    /// each three-word shingle, and a bit set where more than half of the shingles set it.
    static func majorityVote(scalarWords words: [[Unicode.Scalar]]) -> UInt64 {
        func mix(_ value: UInt64) -> UInt64 {
            var z = value &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let hashes = words.map { word in
            word.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1.value)) &* 0x0000_0100_0000_01b3 }
        }
        var votes = [Int](repeating: 0, count: 64)
        for index in hashes.indices.dropFirst(2) {
            let shingle = mix(hashes[index - 2] &* 31 &+ mix(hashes[index - 1] &* 17 &+ hashes[index]))
            for bit in 0..<64 { votes[bit] += (shingle >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        return (0..<64).reduce(0 as UInt64) { votes[$1] > 0 ? $0 | (1 << UInt64($1)) : $0 }
    }
}
