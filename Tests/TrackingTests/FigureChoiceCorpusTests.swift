import FeedModel
import FigureExtraction
import Foundation
import Testing
import Tracking

/// Which figure a tracker takes from a sentence, over a labelled set of wire-style sentences
/// (Corpus/figure-choice.jsonl): the level rather than the move, the value after "from X to Y",
/// the figure that counts the term, never an age, a magnitude or a rank, the total beside its
/// part. Each line gives the sentence, the tracker's terms and unit, and the value an analyst
/// would record (null: none) with its role. Every case must come out exactly right.
@Suite struct FigureChoiceCorpusTests {
    struct Case: Decodable {
        var id: String
        var sentence: String
        var near: [String]
        var unit: String?
        var value: Double?
        var role: String?
        var tag: String
    }

    static func corpus() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/figure-choice.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Case.self, from: Data($0.utf8))
        }
    }

    static func reading(_ labelled: Case) -> FigureReading? {
        let document = ArticleDocument(title: nil, text: labelled.sentence)
        return FigureMatcher(rule: FigureRule(near: labelled.near, unit: labelled.unit))
            .reading(in: document, figures: FigureExtractor().figures(in: document.text))
    }

    @Test func everyCaseIsRight() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 50)
        #expect(Set(corpus.map(\.tag)).isSuperset(of: ["change", "from-to", "noun", "age", "magnitude", "rank", "part"]))
        for labelled in corpus {
            let reading = Self.reading(labelled)
            #expect(reading?.figure.value == labelled.value, "\(labelled.id): \(labelled.sentence)")
            #expect(reading?.figure.role.rawValue == labelled.role, "\(labelled.id): \(labelled.sentence)")
        }
    }

    @Test func aLevelAfterChangeCarriesThePreviousLevelItsSentenceStates() throws {
        let figures = FigureExtractor().figures(in: "The cap was lowered from 250 to 180 on Monday.")
        #expect(figures.map(\.role) == [.previousLevel, .levelAfterChange])
        #expect(figures.last?.statedPrevious == 250)
        let plain = FigureExtractor().figures(in: "The index gained 41 points, or 0.9%, to 4,512.")
        #expect(plain.map(\.role) == [.change, .change, .levelAfterChange])
        #expect(plain.last?.statedPrevious == nil, "the sentence gives the move, not the previous level")
    }

    @Test func theCountedWordsFollowTheFigure() {
        let figures = FigureExtractor().figures(in: "Kyiv keeps 880,000 Ukrainian troops, and 3,000 of them are reservists.")
        #expect(figures.map(\.noun) == ["Ukrainian troops", nil])
        let text = "Kyiv keeps 880,000 Ukrainian troops"
        let range = try? #require(figures.first?.nounRange)
        #expect(range.map { String(String.UnicodeScalarView(Array(text.unicodeScalars)[$0])) } == "Ukrainian troops")
    }
}
