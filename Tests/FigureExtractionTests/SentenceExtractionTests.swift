import FigureExtraction
import Testing

/// Extracting the figures of chosen sentences must give exactly what extracting the whole text
/// gives for them: the same values, texts, offsets and sentence ranges.
@Suite struct SentenceExtractionTests {
    let extractor = FigureExtractor()

    private func sentenceBySentence(_ text: String) -> [Figure] {
        extractor.sentences(of: text).flatMap { extractor.figures(in: $0) }
    }

    @Test func sentencesCoverTheTextInOrder() {
        let text = "Київ: «Понад» 600,000 troops.\n\nAbout 1.2 million fled. Aid of $5m arrived."
        let sentences = extractor.sentences(of: text)
        #expect(sentences.map { String($0.text) } == ["Київ: «Понад» 600,000 troops.", "About 1.2 million fled.", "Aid of $5m arrived."])
        let scalars = Array(text.unicodeScalars)
        for sentence in sentences {
            #expect(String(String.UnicodeScalarView(scalars[sentence.scalars])) == String(sentence.text))
        }
    }

    @Test func figuresOfEachSentenceAreThoseOfTheWholeText() {
        let texts = [
            "Київ: «Понад» — 600,000 troops. Between 10 and 15 per cent voted.\nThe cap is 800,000.",
            "  Leading spaces.  Then $2-3 billion in aid, up to 40% of it later.  ",
            "Zürich’s 1.5 bn francs… and 3 million. Dr. Smith counted 12,000 on Nov. 26.",
            "No figures at all here.",
            "",
        ]
        for text in texts {
            #expect(sentenceBySentence(text) == extractor.figures(in: text), "\(text)")
        }
    }

    @Test func aFiguresTextIsTheInputBetweenItsOffsets() {
        let text = "Київ: «Понад» — 600,000 troops, €1,3 млрд and US$2.5bn. Около 19 per cent (½ million) — 数 1 200 000 人."
        let scalars = Array(text.unicodeScalars)
        let figures = extractor.figures(in: text)
        #expect(figures.count >= 4)
        for figure in figures {
            #expect(figure.text == String(String.UnicodeScalarView(scalars[figure.start..<figure.end])))
        }
    }

    @Test func aLaterSentenceKeepsItsOffsetsInTheWholeText() throws {
        let text = "Обстріл тривав. The plan caps the army at 600,000 troops."
        let sentences = extractor.sentences(of: text)
        let figure = try #require(extractor.figures(in: sentences[1]).first)
        #expect(figure.text == "600,000")
        #expect(figure.sentenceRange == sentences[1].scalars)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[figure.start..<figure.end])) == "600,000")
        #expect(extractor.figures(in: sentences[0]).isEmpty)
    }
}
