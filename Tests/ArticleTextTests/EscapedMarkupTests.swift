import ArticleText
import Testing

@Suite struct EscapedMarkupTests {
    @Test(arguments: [
        ("&lt;p&gt;Text&lt;/p&gt;", "<p>Text</p>"),
        ("  \n&lt;P class=&quot;lead&quot;&gt;Tom &amp;amp; Jerry&#39;s&lt;/P&gt;", "  \n<P class=\"lead\">Tom &amp; Jerry's</P>"),
        ("&lt;img src=&quot;a.jpg&quot;/&gt; Caption &nbsp;", "<img src=\"a.jpg\"/> Caption &nbsp;"),
    ])
    func escapedMarkupIsUnescapedOnce(field: String, markup: String) {
        #expect(EscapedMarkup.unescaped(field) == markup)
    }

    @Test(arguments: [
        "The tag &lt;p&gt; starts a paragraph.",  // mentions markup, does not start with it
        "&lt;3 you all",  // no element name
        "&lt;notatag&gt; is not HTML",  // not an HTML element
        "&lt;p&gt;Escaped <b>and</b> real markup",  // a real `<`
        "&lt;p without an end",  // no `&gt;`
        "&lt;",
        "",
        "Plain text",
    ])
    func otherTextIsLeftAlone(field: String) {
        #expect(EscapedMarkup.unescaped(field) == nil)
    }
}
