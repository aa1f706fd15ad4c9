import Foundation
import Testing

@testable import FigureExtraction

/// The grammar passes over tokens that cannot start a figure without reading from them
/// (`FigureGrammar.mayStartQuantity`): that must never skip one from which it reads a figure.
@Suite struct FigureGrammarTests {
    static let written = [
        "US$5bn, C$300m, HK$2.5 billion and USD 40 million were pledged; EUR 300m followed.",
        "Prices fell -3% in May and −4.5 per cent in June, against a rise of +2 percent.",
        "Twenty-five people died, half a million fled and a dozen towns, some 1,200 homes, burned.",
        "£1.1bn, €600,000, ¥12 trillion, ₴40bn and ₽1.5 trillion: the sums grew to 19% then 20 pc.",
        "Between 600,000 and 800,000 troops; 1.1 million to 1.2 million casualties; 19%-20% held.",
        "A third of the 300 seats, one hundred and twelve votes, an estimated three million people.",
    ]

    static func sentences() throws -> [String] {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
        var sentences = written
        for file in ["wire-sentences.jsonl", "held-out.jsonl"] {
            let text = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if let sentence = object?["sentence"] as? String { sentences.append(sentence) }
            }
        }
        return sentences
    }

    @Test func noTokenPassedOverStartsAFigure() throws {
        var read = 0
        for sentence in try Self.sentences() {
            let scalars = Array(sentence.unicodeScalars)
            let tokens = Tokenizer.tokens(scalars, in: scalars.indices)
            let grammar = FigureGrammar(tokens: tokens)
            for index in tokens.indices where grammar.quantity(at: index) != nil {
                read += 1
                #expect(FigureGrammar.mayStartQuantity(tokens[index]), "\(sentence): token \(index) '\(tokens[index].text)'")
            }
        }
        // The corpora hold hundreds of figures: the check ran over them.
        #expect(read > 500)
    }
}
