import FigureExtraction
import Testing

@Suite struct FigureExtractorTests {
    let extractor = FigureExtractor()

    private func read(_ text: String) -> [String] {
        extractor.figures(in: text).map { figure in
            let value = figure.value == figure.value.rounded() ? String(Int64(figure.value)) : String(figure.value)
            return [value, figure.unit, figure.qualifier].compactMap { $0 }.joined(separator: " ")
        }
    }

    @Test func groupingDecimalsAndMagnitudes() {
        #expect(read("The plan caps the army at 600,000 troops.") == ["600000 count"])
        #expect(read("Some 350 000 people fled.") == ["350000 count some"])
        #expect(read("About 1.2 million were killed or wounded.") == ["1200000 count about"])
        #expect(read("Aid of $5m, then £2bn and €1.3tn, and 50k more.") == [
            "5000000 USD", "2000000000 GBP", "1300000000000 EUR", "50000 count",
        ])
        #expect(read("It is worth US$40m.") == ["40000000 USD"])
    }

    @Test func percentForms() {
        #expect(read("Russia holds 19% of Ukraine.") == ["19 percent"])
        #expect(read("Russia holds 19 per cent of Ukraine.") == ["19 percent"])
        #expect(read("Russia holds nearly 20 percent of Ukraine.") == ["20 percent nearly"])
        #expect(read("Rates rose 2.5 percentage points.") == ["2.5 percent"])
    }

    @Test func currencyWordsAndCodes() {
        #expect(read("A fine of 3 billion roubles.") == ["3000000000 RUB"])
        #expect(read("Kyiv got USD 5 million and 200 million hryvnias.") == ["5000000 USD", "200000000 UAH"])
        #expect(read("Prices hit ₽100 and ₴40.") == ["100 RUB", "40 UAH"])
    }

    @Test func ranges() {
        #expect(read("Between 10,000 and 20,000 troops.") == ["10000 count", "20000 count"])
        #expect(read("Estimates run from 1.1 to 1.2 million.") == ["1100000 count", "1200000 count"])
        #expect(read("Support is at 10-15%.") == ["10 percent", "15 percent"])
        #expect(read("It will cost $2-3 billion.") == ["2000000000 USD", "3000000000 USD"])
        #expect(read("Up to 10-15% may leave.") == ["10 percent up to", "15 percent up to"])
    }

    @Test func compoundsAndWords() {
        #expect(read("The 28-point plan was leaked.") == ["28 count"])
        #expect(read("Twenty-five soldiers and two medics died.") == ["25 count", "2 count"])
        #expect(read("Half a million people and one million more.") == ["500000 count", "1000000 count"])
        #expect(read("One of the envoys said a deal was near.") == [])
        #expect(read("Hundreds of drones and tens of thousands of shells.") == [])
    }

    @Test func calendarAndNamesAreNotFigures() {
        #expect(read("In 2025, talks resumed on December 2 at 08:19 PM.") == [])
        #expect(read("On Nov. 26 the U.S. envoy met Gen. Smith at 5 p.m. in the 2014-2015 style.") == [])
        #expect(read("Article 5, Resolution 2231, MH17, the G7, Su-25 and COVID-19 came up.") == [])
        #expect(read("The 93rd Brigade fought in the 1990s; the 2022 invasion began at 0600 GMT.") == [])
        #expect(read("The report of 26/11/2025 and 2025-11-26 said 1,500 died.") == ["1500 count"])
    }

    @Test func namesAndTelephoneNumbersAreNotFigures() {
        #expect(read("The Nord Stream 2 pipeline and the S&P 500 rose; call 0 800 500 225 or +380 44 490 4000.") == [])
        #expect(read("UPDATE 2-Oil rises 1% as talks stall") == ["1 percent"])
        #expect(read("Above the European Central Bank's 2% target.") == ["2 percent"])
        #expect(read("The summit on Dec. 18-19 agreed a 1,000-for-1,000 swap.") == ["1000 count", "1000 count"])
    }

    @Test func toJoinsRangesOnlyWhenTheEndsAgree() {
        #expect(read("Exports rose 8% to 16.5 billion cubic metres.") == ["8 percent", "16500000000 count"])
        #expect(read("The index jumped 3.2% to 2,745 points.") == ["3.2 percent", "2745 count"])
        #expect(read("Support fell from 60 to 45 per cent.") == ["60 percent", "45 percent"])
        #expect(read("Between 2 and 3 million people fled.") == ["2000000 count", "3000000 count"])
    }

    @Test func qualifiers() {
        #expect(read("More than 1,000 fled.") == ["1000 count more than"])
        #expect(read("At least 12 died and as many as 40 were hurt.") == ["12 count at least", "40 count as many as"])
        #expect(read("Just over 19% voted.") == ["19 percent over"])
    }

    @Test func offsetsAreUnicodeScalars() {
        let text = "Київ: «Понад» — 600,000 troops."
        let figure = extractor.figures(in: text)[0]
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[figure.start..<figure.end])) == "600,000")
        #expect(figure.sentence == text)
    }

    @Test func blankLinesSeparateSentences() {
        let figures = extractor.figures(in: "First 5 items\n\nSecond 7 items")
        #expect(figures.map(\.sentence) == ["First 5 items", "Second 7 items"])
    }
}
