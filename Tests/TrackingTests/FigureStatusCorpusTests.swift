import FeedModel
import FigureExtraction
import Foundation
import Testing
import Tracking

/// Claims, denials, proposals and forecasts (Corpus/figure-status.jsonl): the figure a tracker
/// reads in each wire-style sentence, with the status and source an analyst would record.
/// Only reported and attributed values are accepted by default.
@Suite struct FigureStatusCorpusTests {
    struct Case: Decodable {
        var id: String
        var sentence: String
        var near: [String]
        var unit: String?
        var value: Double
        var status: String
        var attribution: String?
    }

    static func corpus() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/figure-status.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Case.self, from: Data($0.utf8))
        }
    }

    @Test func everyCaseIsRight() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 25)
        #expect(Set(corpus.map(\.status)) == Set(FigureRule.statuses))
        for labelled in corpus {
            let document = ArticleDocument(title: nil, text: labelled.sentence)
            let reading = FigureMatcher(rule: FigureRule(near: labelled.near, unit: labelled.unit))
                .reading(in: document, figures: FigureExtractor().figures(in: document.text))
            #expect(reading?.figure.value == labelled.value, "\(labelled.id): \(labelled.sentence)")
            #expect(reading?.figure.status.rawValue == labelled.status, "\(labelled.id): \(labelled.sentence)")
            #expect(reading?.figure.attribution == labelled.attribution, "\(labelled.id): \(labelled.sentence)")
            #expect(reading?.isAccepted == ["reported", "attributed"].contains(labelled.status), "\(labelled.id)")
        }
    }

    @Test func aNounThatLooksLikeASayingVerbNamesNoSource() {
        let figures = FigureExtractor().figures(in: "War's toll climbs past 1.1 million killed or wounded, Western estimates show.")
        #expect(figures.map(\.status) == [.reported])
        #expect(figures.first?.attribution == nil)
    }

    @Test func eachClauseHasItsOwnStatus() {
        let figures = FigureExtractor().figures(in: "Officials denied reports of 5,000 deaths but confirmed that 1,200 people were killed.")
        #expect(figures.map(\.status) == [.denied, .reported])
    }

    @Test func anAcceptedStatusComesBeforeOneThatIsNot() {
        let text = "The central bank expected inflation of 9% but it came in at 7.5%."
        let document = ArticleDocument(title: nil, text: text)
        let figures = FigureExtractor().figures(in: text)
        let plain = FigureMatcher(rule: FigureRule(near: ["inflation"])).reading(in: document, figures: figures)
        #expect(plain?.figure.value == 7.5)
        let forecasts = FigureMatcher(rule: FigureRule(near: ["inflation"], accept: ["forecast"])).reading(in: document, figures: figures)
        #expect(forecasts?.figure.value == 9, "accepted, the forecast is the closer figure")
        #expect(forecasts?.isAccepted == true)
    }

    @Test func aHedgedOrRoundedFigureRestatesTheValueItIsConsistentWith() {
        func figure(_ text: String) -> Figure? { FigureExtractor().figures(in: text).first }
        let nearly = figure("Nearly 2,000 people were evacuated.")
        #expect(nearly.map { Restatement.restates($0, previous: 1_968) } == true)
        #expect(nearly.map { Restatement.restates($0, previous: 2_100) } == false, "nearly 2,000 is under 2,000")
        #expect(nearly.map { Restatement.restates($0, previous: 900) } == false)
        let moreThan = figure("More than 1,900 were evacuated.")
        #expect(moreThan.map { Restatement.restates($0, previous: 1_968) } == true)
        #expect(moreThan.map { Restatement.restates($0, previous: 1_850) } == false)
        let million = figure("The plan covers 1.2 million homes.")
        #expect(million.map { Restatement.restates($0, previous: 1_187_000) } == true)
        #expect(million.map { Restatement.restates($0, previous: 1_290_000) } == false)
        #expect(figure("Exactly 2,000 were evacuated.").map { Restatement.restates($0, previous: 1_968) } == false, "a precise figure moves")
        #expect(figure("The toll rose to nearly 2,000.").map { Restatement.restates($0, previous: 1_968) } == false, "the sentence says it moved")
    }
}
