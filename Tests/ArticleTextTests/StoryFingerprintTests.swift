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
}
