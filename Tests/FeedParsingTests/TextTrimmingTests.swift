@testable import FeedParsing
import Testing

@Suite struct TextTrimmingTests {
    @Test(arguments: [
        ("", ""), ("   ", ""), ("abc", "abc"), ("  a b \n", "a b"), ("\t Київ \r\n", "Київ"), ("\u{0C}x\u{0C}", "x"),
        ("\u{A0}x\u{A0}", "\u{A0}x\u{A0}"),  // only ASCII white space
        (" e\u{301} ", "e\u{301}"),
    ])
    func trimsASCIIWhiteSpaceAtBothEnds(text: String, trimmed: String) {
        #expect(text.trimmedASCIIWhiteSpace == trimmed)
        #expect(text.trimmedASCIIWhiteSpace.utf8.elementsEqual(trimmed.utf8))
    }
}
