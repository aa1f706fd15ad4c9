import FeedModel
import FigureExtraction
import Testing
import Tracking

/// The evaluator reads each article once for all its trackers; these check that what it finds
/// is what each tracker's rule says, whatever else the other trackers look for.
@Suite struct TrackerEvaluatorTests {
    private func keyword(_ id: Int64, _ terms: [String], all: Bool = false, exclude: [String] = []) -> Tracker {
        Tracker(id: id, name: "k\(id)", rule: .keyword(KeywordRule(terms: terms, requireAll: all, exclude: exclude)))
    }

    private func figure(_ id: Int64, _ near: [String], unit: String? = nil, window: Int = 6) -> Tracker {
        Tracker(id: id, name: "f\(id)", rule: .figure(FigureRule(near: near, unit: unit, window: window)))
    }

    @Test func phrasesMatchWhenTheirWordsFollowEachOtherWhateverPunctuationIsBetween() {
        let trackers = [
            keyword(1, ["nuclear plant"]),
            keyword(2, ["plant"]),
            keyword(3, ["deal on grain"]),
            keyword(4, ["nuclear"]),
        ]
        let text = "The nuclear talks and the plant. A deal, on grain, then a deal deal on grain exports."
        let hits = TrackerEvaluator(trackers: trackers).evaluate(title: nil, text: text).hits
        #expect(hits.map(\.tracker.id) == [2, 3, 4])
        #expect(hits.first { $0.tracker.id == 3 }?.excerpt == "A deal, on grain, then a deal deal on grain exports.")
    }

    @Test func aPhraseSpansLineBreaksButNotWordsBetween() {
        let trackers = [keyword(1, ["grain exports"]), keyword(2, ["grain  Exports"])]
        let evaluator = TrackerEvaluator(trackers: trackers)
        #expect(evaluator.evaluate(title: nil, text: "Talks on grain\nexports resumed.").hits.map(\.tracker.id) == [1, 2])
        #expect(evaluator.evaluate(title: nil, text: "Grain and exports.").hits.isEmpty)
    }

    @Test func excludedTermsSilenceOnlyTheirTracker() {
        let trackers = [
            keyword(1, ["ceasefire"], exclude: ["opinion piece"]),
            keyword(2, ["ceasefire"]),
            keyword(3, ["ceasefire", "talks"], all: true, exclude: ["rumour"]),
        ]
        let evaluator = TrackerEvaluator(trackers: trackers)
        let opinion = evaluator.evaluate(title: "Opinion piece", text: "The ceasefire talks will fail.")
        #expect(opinion.hits.map(\.tracker.id) == [2, 3])
        #expect(opinion.hits.last?.matched == ["ceasefire", "talks"])
        // "opinion" alone is not the excluded phrase.
        #expect(evaluator.evaluate(title: nil, text: "In my opinion, the ceasefire holds.").hits.map(\.tracker.id) == [1, 2])
        #expect(evaluator.evaluate(title: nil, text: "Ceasefire talks, a rumour says.").hits.map(\.tracker.id) == [1, 2])
        #expect(evaluator.evaluate(title: nil, text: "Ceasefire talks began.").hits.map(\.tracker.id) == [1, 2, 3])
    }

    @Test func theExcerptPrefersTheBodyOverTheTitle() {
        let evaluator = TrackerEvaluator(trackers: [keyword(1, ["sanctions", "tariffs"]), keyword(2, ["embargo"])])
        let both = evaluator.evaluate(
            title: "Sanctions and tariffs", text: "Officials met. New tariffs were announced on Monday. Sanctions stay.")
        #expect(both.hits.map(\.excerpt) == ["New tariffs were announced on Monday."])
        #expect(both.hits.first?.matched == ["sanctions", "tariffs"])
        let titleOnly = evaluator.evaluate(title: "An embargo. Then sanctions", text: "Nothing else here.")
        #expect(titleOnly.hits.map(\.excerpt) == ["Then sanctions", "An embargo."])
    }

    @Test func spellingsAndScriptsFoldToOneTerm() {
        let evaluator = TrackerEvaluator(trackers: [keyword(1, ["Zelenskyy"]), keyword(2, ["Зеленский"]), keyword(3, ["Sao Paulo"])])
        for text in ["Zelensky spoke.", "ZELENSKIY spoke.", "Зеленський spoke.", "Zelénskyj spoke."] {
            #expect(evaluator.evaluate(title: nil, text: text).hits.map(\.tracker.id) == [1, 2], "\(text)")
        }
        #expect(evaluator.evaluate(title: nil, text: "Flights to São Paulo.").hits.map(\.tracker.id) == [3])
        #expect(evaluator.evaluate(title: nil, text: "Zelenograd was quiet.").hits.isEmpty)
    }

    @Test func aWordFarLongerThanEveryTermStillFoldsToOne() {
        // The key of "Kkiiievv" is "kiev": long words are only given up once their key is too long.
        let evaluator = TrackerEvaluator(trackers: [keyword(1, ["Kiev"])])
        #expect(evaluator.evaluate(title: nil, text: "Kkiiievv and Kyyiev.").hits.map(\.matched) == [["Kiev"]])
        #expect(evaluator.evaluate(title: nil, text: "Kievskaya station.").hits.isEmpty)
    }

    @Test func aFigureCountsOnlyInTheSentenceOfItsTerm() {
        let evaluator = TrackerEvaluator(trackers: [figure(1, ["troops"])])
        #expect(evaluator.evaluate(title: nil, text: "The cap is 600,000. Troops are tired.").figures.isEmpty)
        let findings = evaluator.evaluate(title: nil, text: "The cap is 600,000. Troops are tired. Now 500,000 troops.")
        #expect(findings.figures.map(\.reading.figure.value) == [500_000])
        #expect(findings.figures.first?.reading.text == "500,000 troops")
    }

    @Test func aFigureTrackerReadsItsTermInTheTitle() throws {
        let evaluator = TrackerEvaluator(trackers: [figure(1, ["troops"]), figure(2, ["per cent"], unit: "percent")])
        let findings = evaluator.evaluate(title: "Army capped at 600,000 troops", text: "Talks went on. Support stood at 3 per cent.")
        #expect(findings.figures.map(\.tracker.id) == [1, 2])
        let troops = try #require(findings.figures.first?.reading)
        #expect(troops.text == "600,000 troops")
        #expect(troops.figure.sentence == "Army capped at 600,000 troops")
        #expect(troops.figure.start == 15)
        let share = try #require(findings.figures.last?.reading)
        let text = "Army capped at 600,000 troops\nTalks went on. Support stood at 3 per cent."
        #expect(share.figure.start == Array(text.unicodeScalars).firstIndex(of: "3"))
        #expect(share.figure.sentenceRange == 45..<73)
    }

    @Test func figuresAreThoseOfTheWholeText() throws {
        let text = "Kyiv has 880,000 soldiers under arms. Київ: «Понад» — the plan caps the army at 600,000 troops, or 2 per cent."
        let all = FigureExtractor().figures(in: text)
        let findings = TrackerEvaluator(trackers: [figure(1, ["troops"]), figure(2, ["soldiers"])]).evaluate(title: nil, text: text)
        #expect(findings.figures.map(\.reading.figure) == [all[1], all[0]])
        #expect(findings.figures.map(\.reading.text) == ["600,000 troops", "880,000 soldiers"])
    }

    @Test func manyTrackersFindWhatEachFindsAlone() {
        let trackers = [
            keyword(1, ["ceasefire"]), keyword(2, ["grain exports", "Odesa"], all: true), keyword(3, ["port"], exclude: ["airport"]),
            figure(4, ["tonnes"]), figure(5, ["grain"], unit: "percent"), keyword(6, ["—", "Odesa"]),
        ]
        let texts = [
            "Grain exports from Odesa rose 12 per cent to 4 million tonnes. The port reopened.",
            "A ceasefire near the airport and the port.",
            "Nothing relevant.",
        ]
        let together = TrackerEvaluator(trackers: trackers)
        for text in texts {
            let findings = together.evaluate(title: "Daily report", text: text)
            let alone = trackers.map { TrackerEvaluator(trackers: [$0]).evaluate(title: "Daily report", text: text) }
            #expect(findings.hits == alone.flatMap(\.hits), "\(text)")
            #expect(findings.figures == alone.flatMap(\.figures), "\(text)")
        }
    }

    @Test func anArticleReadAgainGivesTheSameFindings() {
        // The second reading finds the Cyrillic words' folds already worked out.
        let evaluator = TrackerEvaluator(trackers: [keyword(1, ["Zelensky", "переговоры"]), figure(2, ["войск"])])
        let text = "Переговоры возобновились. Зеленский предложил сократить численность до 600 000 войск."
        let first = evaluator.evaluate(title: "Переговоры", text: text)
        #expect(first.hits.map(\.excerpt) == ["Переговоры возобновились."])
        #expect(first.figures.map(\.reading.figure.value) == [600_000])
        #expect(evaluator.evaluate(title: "Переговоры", text: text) == first)
    }

    @Test func evaluationsAtOnceAgreeWithOneAtATime() async {
        let evaluator = TrackerEvaluator(trackers: [
            keyword(1, ["ceasefire"]), keyword(2, ["Київ", "Zelensky"]), figure(3, ["troops"]), figure(4, ["per cent"]),
        ])
        let texts = (0..<64).map { index in
            "Київ, day \(index): a ceasefire holds. Зеленський said \(index * 1_000) troops left. Prices rose \(index) per cent."
        }
        let expected = texts.map { evaluator.evaluate(title: nil, text: $0) }
        let concurrent = await withTaskGroup(of: (Int, TrackerFindings).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, evaluator.evaluate(title: nil, text: text)) }
            }
            var found = [TrackerFindings?](repeating: nil, count: texts.count)
            for await (index, findings) in group { found[index] = findings }
            return found
        }
        #expect(concurrent == expected)
    }

    @Test func wordsFoldAsTermsDo() {
        #expect(WordSplitter.foldedWords(of: "Zelénskyy’s  Kharkiv-Kyiv 2024") == ["zelenski", "s", "harkiv", "kiv", "2024"])
        #expect(WordSplitter.foldedWords(of: "Зеленський") == ["zelenski"])
        #expect(WordSplitter.foldedWords(of: " — ").isEmpty)
        // Letters outside the Basic Multilingual Plane are letters; emoji are not.
        #expect(WordSplitter.foldedWords(of: "x\u{1D400}y 😀 z").count == 2)
    }
}
