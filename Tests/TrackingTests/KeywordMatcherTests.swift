import FeedModel
import Testing
import Tracking

@Suite struct KeywordMatcherTests {
    func match(_ terms: [String], all: Bool = false, exclude: [String] = [], title: String? = nil, _ text: String) -> KeywordMatch? {
        KeywordMatcher(rule: KeywordRule(terms: terms, requireAll: all, exclude: exclude))
            .match(ArticleDocument(title: title, text: text))
    }

    @Test func matchesWholeWordsCaseInsensitively() {
        #expect(match(["ceasefire"], "A CEASEFIRE was agreed.")?.matched == ["ceasefire"])
        #expect(match(["ceasefire"], "Ceasefires rarely hold.") == nil)
        #expect(match(["war"], "The award went elsewhere.") == nil)
    }

    @Test func matchesPhrasesAcrossPunctuationAndSpacing() {
        let text = "Shelling near the Zaporizhzhia\u{00A0}nuclear   plant cut power."
        #expect(match(["Zaporizhzhia nuclear plant"], text)?.matched == ["Zaporizhzhia nuclear plant"])
        #expect(match(["Zaporizhzhia nuclear plant"], "Zaporizhzhia's plant is nuclear.") == nil)
    }

    @Test func ignoresDiacritics() {
        #expect(match(["Zelenskyy"], "Zelénskyy spoke.") != nil)
        #expect(match(["Kyiv"], "KYÏV was quiet.") != nil)
    }

    @Test func anyOrAllTerms() {
        let text = "Envoys discussed a ceasefire in Geneva."
        #expect(match(["ceasefire", "Istanbul"], text)?.matched == ["ceasefire"])
        #expect(match(["ceasefire", "Istanbul"], all: true, text) == nil)
        #expect(match(["ceasefire", "Geneva"], all: true, text)?.matched == ["ceasefire", "Geneva"])
    }

    @Test func excludedTermsSuppressTheMatch() {
        #expect(match(["ceasefire"], exclude: ["opinion"], "Opinion: the ceasefire will fail.") == nil)
        #expect(match(["ceasefire"], exclude: ["opinion"], "The ceasefire held.") != nil)
    }

    @Test func excerptIsTheSentenceAroundTheMatchPreferringTheBody() {
        let hit = match(
            ["ceasefire"], title: "Ceasefire talks",
            "Talks opened on Monday. Kyiv weighs a ceasefire along the line, officials said. More later.")
        #expect(hit?.excerpt == "Kyiv weighs a ceasefire along the line, officials said.")
        #expect(match(["ceasefire"], title: "Ceasefire talks", "Nothing else here.")?.excerpt == "Ceasefire talks")
    }

    @Test func evaluatorRunsEveryTracker() {
        let trackers = [
            Tracker(id: 1, name: "truce", rule: .keyword(KeywordRule(terms: ["ceasefire"]))),
            Tracker(id: 2, name: "plant", rule: .keyword(KeywordRule(terms: ["nuclear plant"]))),
            Tracker(id: 3, name: "grain", rule: .keyword(KeywordRule(terms: ["grain"]))),
        ]
        let hits = TrackerEvaluator(trackers: trackers).evaluate(title: "Ceasefire near nuclear plant", text: "Body.").hits
        #expect(hits.map(\.tracker.name) == ["truce", "plant"])
        #expect(hits.allSatisfy { $0.kind == .keywordMatched })
    }
}

@Suite struct SpellingVariantTests {
    private func matches(_ term: String, _ text: String) -> Bool {
        KeywordMatcher(rule: KeywordRule(terms: [term])).match(ArticleDocument(title: nil, text: text)) != nil
    }

    @Test func transliterationsMatchAsOne() {
        for spelling in ["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskij", "Зеленский", "Зеленський", "ZELENSKYY"] {
            #expect(matches("Zelensky", "President \(spelling) spoke."), "\(spelling)")
            #expect(matches("Zelenskyy", "President \(spelling) spoke."), "\(spelling)")
        }
        #expect(matches("Zaporizhzhia", "Обстріл біля Запоріжжя."))
        #expect(matches("Kharkiv", "Strikes on Kharkiv and Харків."))
        #expect(matches("Navalny", "Navalnyi's team said."))
    }

    @Test func variantsDoNotBlurDifferentWords() {
        #expect(!matches("Zelensky", "Zelenograd was quiet."))
        #expect(!matches("ceasefire", "The cease was brief."))
        #expect(!matches("100", "Only 10 remained."))
    }
}
