import AlertMessages
import Testing

@Suite struct MessageRendererTests {
    let renderer = MessageRenderer()

    @Test func aFigureChangeReadsAsTheChangeWithItsSourceSentenceAndLink() {
        let message = renderer.message(forAlertJSON: SampleAlerts.figureChanged)
        #expect(message.title == "troop-cap: 600,000 → 800,000 (+33%)")
        #expect(message.body == "troop-cap: 600,000 → 800,000 (+33%) — Kyiv Wire: The ministry raised the cap to 800,000 troops on Monday. https://kyivwire.example/a/41")
        #expect(message.link == "https://kyivwire.example/a/41")
        #expect(message.kind == "figure.changed")
    }

    @Test func everyKindHasItsOwnDefaults() {
        #expect(DefaultTemplates.kinds.sorted() == ["digest", "feed.failing", "feed.recovered", "figure.changed", "figure.first_seen", "hook.test", "keyword.matched"])
        for kind in DefaultTemplates.kinds {
            #expect(DefaultTemplates.title(for: kind) != nil, "\(kind)")
            #expect(DefaultTemplates.body(for: kind) != nil, "\(kind)")
            #expect(DefaultTemplates.body(for: kind, output: .html) != nil, "\(kind)")
        }
        let first = renderer.message(forAlertJSON: SampleAlerts.firstSeen)
        #expect(first.title == "evacuated: 1,200 (first seen)")
        #expect(first.body == "evacuated: 1,200 first seen — news.example: About 1,200 people were evacuated. https://news.example/rss",
                "without a feed title the source is the feed's host")
        let failing = renderer.message(forAlertJSON: SampleAlerts.failing)
        #expect(failing.title == "Feed failing: down.example")
        #expect(failing.body == "down.example is failing: 5 consecutive failures; last: HTTP 503 https://down.example/feed.xml")
        let recovered = renderer.message(forAlertJSON: SampleAlerts.recovered)
        #expect(recovered.title == "Feed recovered: Down Daily")
    }

    @Test func aKeywordMatchKeepsItsTextAsWrittenInPlainTextAndEscapesItInHTML() {
        let message = renderer.message(forAlertJSON: SampleAlerts.keyword)
        #expect(message.title == "truce: Talks on a truce <resume>")
        #expect(message.body == """
            truce (truce, ceasefire) — Wire & Co: Talks on a truce <resume>
            Envoys met in Geneva to discuss a "truce".
            https://wire.example/truce?a=1&b=2
            """)
        #expect(message.html.contains("Wire &amp; Co: Talks on a truce &lt;resume&gt;<br>"))
        #expect(message.html.contains(#"<a href="https://wire.example/truce?a=1&amp;b=2">"#))
        #expect(!message.html.contains("<resume>"))
    }

    @Test func aSinksTemplatesReplaceTheDefaultsAndCanBranchOnTheKind() throws {
        let custom = MessageRenderer(
            title: try MessageTemplate("[{{kind}}] {{tracker}}"),
            body: try MessageTemplate("{{#figure_changed}}{{current.text}} ({{delta}}){{/figure_changed}}{{^figure_changed}}{{title}}{{/figure_changed}}\n{{missing.value}}\n{{link}}"))
        let figure = custom.message(forAlertJSON: SampleAlerts.figureChanged)
        #expect(figure.title == "[figure.changed] troop-cap")
        #expect(figure.body == "800,000 (+200000)\nhttps://kyivwire.example/a/41", "an absent value leaves no empty line")
        let keyword = custom.message(forAlertJSON: SampleAlerts.keyword)
        #expect(keyword.body == "[keyword.matched] truce\nhttps://wire.example/truce?a=1&b=2", "the body can show the rendered title")
    }

    @Test func aJSONPayloadEscapesValuesAsJSONStrings() throws {
        let payload = try MessageTemplate(#"{"text": "{{title}}", "excerpt": "{{excerpt}}"}"#, output: .json)
        var context = AlertContext.values(fromAlertJSON: SampleAlerts.keyword)
        _ = renderer.message(context: &context)
        let text = payload.render(context)
        #expect(text == #"{"text": "truce: Talks on a truce <resume>", "excerpt": "Envoys met in Geneva to discuss a \"truce\"."}"#)
    }

    @Test func aBrokenTemplateIsAnErrorWithItsPosition() {
        #expect(throws: TemplateError.self) { try MessageTemplate("{{#a}}x") }
        do {
            _ = try MessageTemplate("line one\nsee {{#a}}x{{/b}}")
            Issue.record("a section closed with another name is an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("line 2, column "))
            #expect(error.description.contains("closed with another name"))
        }
    }

    @Test func whatIsNotAnAlertRendersAsLittleAndNeverTraps() {
        for text in ["", "[]", "null", "{", #"{"kind": 5}"#, #"{"change": {"ratio": "Infinity"}, "kind": "figure.changed"}"#] {
            let message = renderer.message(forAlertJSON: text)
            #expect(!message.title.isEmpty, "\(text)")
        }
    }

    @Test(arguments: [(0.3333, "+33%"), (-0.05, "-5%"), (0.004, "+0.4%"), (2.0, "+200%"), (-0.5, "-50%"), (0.0, "+0%")])
    func percentsAreRoundedForReading(ratio: Double, text: String) {
        let json = #"{"change":{"delta":1,"ratio":\#(ratio)},"kind":"figure.changed","tracker":"t"}"#
        #expect(AlertContext.values(fromAlertJSON: json)["percent"] as? String == text)
    }
}
