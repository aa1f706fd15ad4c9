import ArticleText
import Testing

@Suite struct HTMLTextTests {
    @Test func stripsTagsAndDecodesReferences() {
        let text = HTMLText.plainText(fromHTML: "<p>Kyiv&#8217;s <strong>envoys</strong>&nbsp;met &amp; talked.</p>")
        #expect(text == "Kyiv’s envoys met & talked.")
    }

    @Test func blockElementsBecomeLineBreaks() {
        let text = HTMLText.plainText(fromHTML: "<p>First paragraph.</p><p>Second<br/>line</p><ul><li>one</li><li>two</li></ul>")
        #expect(text == "First paragraph.\nSecond\nline\none\ntwo")
    }

    @Test func dropsScriptsStylesAndComments() {
        let html = "<style>p{color:red}</style><p>Visible</p><script>var x = '<p>hidden</p>';</script><!-- <p>no</p> --> text"
        #expect(HTMLText.plainText(fromHTML: html) == "Visible\ntext")
    }

    @Test func collapsesWhiteSpace() {
        #expect(HTMLText.plainText(fromHTML: "  a \n\t b   c  ") == "a b c")
    }

    @Test func keepsUnknownReferencesAndStrayAngles() {
        #expect(HTMLText.plainText(fromHTML: "AT&T &bogus; 3 < 5 and 7 > 2") == "AT&T &bogus; 3 < 5 and 7 > 2")
    }

    @Test func mapsWindows1252NumericReferences() {
        #expect(HTMLText.plainText(fromHTML: "it&#146;s &#x2014; done") == "it’s — done")
    }
}
