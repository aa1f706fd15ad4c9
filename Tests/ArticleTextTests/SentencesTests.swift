import ArticleText
import Foundation
import Testing

@Suite struct SentencesTests {
    @Test func splitsOnSentenceEnds() {
        let sentences = Sentences.split("Talks resumed. Envoys met! Was it enough? Nobody knows.")
        #expect(sentences == ["Talks resumed.", "Envoys met!", "Was it enough?", "Nobody knows."])
    }

    @Test func abbreviationsAndDecimalsDoNotEndSentences() {
        let text = "On Nov. 26 the U.S. envoy said 1.2 million people fled. Mr. Smith agreed."
        #expect(Sentences.split(text) == ["On Nov. 26 the U.S. envoy said 1.2 million people fled.", "Mr. Smith agreed."])
    }

    @Test func lineBreaksEndSentences() {
        #expect(Sentences.split("Headline without stop\nBody starts here.") == ["Headline without stop", "Body starts here."])
    }

    @Test func closingQuotesStayWithTheirSentence() {
        #expect(Sentences.split("“We are ready.” The talks went on.") == ["“We are ready.”", "The talks went on."])
    }

    @Test func findsTheSentenceAroundAPosition() {
        let text = "First one. The ceasefire held. Last one."
        let position = text.range(of: "ceasefire")!.lowerBound
        #expect(Sentences.sentence(containing: position, in: text) == "The ceasefire held.")
    }

    /// Abbreviations are told by their letters in any case, and only by all of them: a longer or
    /// shorter word, or one that only begins like an abbreviation, still ends its sentence.
    @Test(arguments: ["Gen", "GEN", "gen", "Approx", "APPROX", "Thurs", "Sept", "No", "Al"])
    func anAbbreviationInAnyCaseDoesNotEndASentence(word: String) {
        #expect(Sentences.split("Talks led by \(word). Smith went on.").count == 1)
    }

    @Test(arguments: ["Gens", "Ge", "Approxi", "Septembe", "Generals", "Thursday", "Alright"])
    func aWordThatIsNoAbbreviationEndsASentence(word: String) {
        #expect(Sentences.split("Talks led by \(word). Smith went on.").count == 2)
    }
}
