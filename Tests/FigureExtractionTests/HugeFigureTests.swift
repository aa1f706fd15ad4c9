import FigureExtraction
import Foundation
import Testing

/// A number past any Double (309 digits, "1e300 trillion" written out, "hundred" said 200 times)
/// is not a figure: a non-finite value could be neither compared nor encoded in an alert. Nor is
/// one past a googol, whose differences with other figures could overflow.
@Suite struct HugeFigureTests {
    let extractor = FigureExtractor()

    static let hostile: [String] = [
        "The debt is " + String(repeating: "9", count: 309) + " dollars.",
        "Losses reached " + "1" + String(repeating: "0", count: 300) + " trillion.",
        "Aid of $" + String(repeating: "7", count: 400) + "bn was pledged.",
        "A budget of " + String(repeating: "1,000", count: 120) + " euros.",
        "Between 10 and " + String(repeating: "5", count: 320) + " million fled.",
        "Prices rose " + String(repeating: "9", count: 330) + ".5% last year.",
        "There were one " + String(repeating: "hundred ", count: 200) + "soldiers.",
        "There were a trillion " + String(repeating: "trillion ", count: 40) + "stars.",
        "Only 0." + String(repeating: "0", count: 400) + "1 percent agreed.",
        "It cost ٣٠٠ million, ३०० billion, ๓๐๐ thousand, ３００ dollars, ³⁰⁰ or ½ of it.",
        "US$" + String(repeating: "8", count: 5000) + " and 12 more.",
    ]

    @Test(arguments: hostile)
    func everyFigureIsFiniteAndEncodes(text: String) throws {
        let figures = extractor.figures(in: text)
        #expect(figures.allSatisfy { $0.value.isFinite && $0.value.magnitude <= Figure.largestMagnitude })
        #expect(throws: Never.self) { try JSONEncoder().encode(figures) }
    }

    @Test func aNumberPastDoubleIsNoFigureButItsNeighboursAre() {
        let text = "Of " + String(repeating: "9", count: 309) + " claims, 12 were paid."
        #expect(extractor.figures(in: text).map(\.value) == [12])
        #expect(extractor.figures(in: "Losses reached 1" + String(repeating: "0", count: 300) + " trillion.").isEmpty)
    }

    @Test func figuresStopAtAGoogol() {
        let googol = "A claim of 1" + String(repeating: "0", count: 100) + " dollars."
        #expect(extractor.figures(in: googol).map(\.value) == [1e100])
        #expect(extractor.figures(in: "A claim of 1" + String(repeating: "0", count: 101) + " dollars.").isEmpty)
        #expect(extractor.figures(in: "A claim of 1" + String(repeating: "0", count: 90) + " trillion dollars.").isEmpty)
        #expect(extractor.figures(in: "Debts of -1" + String(repeating: "0", count: 200) + " were written off.").isEmpty)
    }
}
