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
}
