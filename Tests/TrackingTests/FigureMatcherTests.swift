import FeedModel
import FigureExtraction
import Testing
import Tracking

@Suite struct FigureMatcherTests {
    private func reading(_ rule: FigureRule, title: String? = nil, _ text: String) -> FigureReading? {
        let document = ArticleDocument(title: title, text: text)
        return FigureMatcher(rule: rule).reading(in: document, figures: FigureExtractor().figures(in: document.text))
    }

    @Test func theFigureClosestToATermWins() {
        let text = "Kyiv has 880,000 soldiers under arms, and the plan caps the army at 600,000 troops."
        #expect(reading(FigureRule(near: ["troops"]), text)?.figure.value == 600_000)
        #expect(reading(FigureRule(near: ["troops"]), text)?.text == "600,000 troops")
        #expect(reading(FigureRule(near: ["soldiers"]), text)?.figure.value == 880_000)
    }

    @Test func theTermMustBeInTheSameSentenceAndWithinTheWindow() {
        #expect(reading(FigureRule(near: ["troops"]), "The cap is 600,000. Troops are tired.") == nil)
        let far = "The cap of 600,000 was discussed at length by many envoys from several countries over the troops."
        #expect(reading(FigureRule(near: ["troops"], window: 3), far) == nil)
        #expect(reading(FigureRule(near: ["troops"], window: 14), far)?.figure.value == 600_000)
    }

    @Test func theUnitFiltersFigures() {
        let text = "Russia holds 19 per cent of Ukraine, or 116,000 square km of Ukraine."
        #expect(reading(FigureRule(near: ["Ukraine"], unit: "percent"), text)?.figure.value == 19)
        #expect(reading(FigureRule(near: ["Ukraine"], unit: "count"), text)?.figure.value == 116_000)
        #expect(reading(FigureRule(near: ["Ukraine"], unit: "USD"), text) == nil)
    }

    @Test func comparisonFollowsTheRule() {
        let any = FigureRule(near: ["x"])
        #expect(FigureComparison.verdict(previous: nil, current: 5, rule: any) == .firstSeen)
        #expect(FigureComparison.verdict(previous: 600_000, current: 600_000, rule: any) == .unchanged)
        #expect(FigureComparison.verdict(previous: 600_000, current: 800_000, rule: any) == .changed(delta: 200_000, ratio: 0.3333))
        #expect(FigureComparison.verdict(previous: 0, current: 3, rule: any) == .changed(delta: 3, ratio: nil))
        let upOnly = FigureRule(near: ["x"], direction: .up)
        #expect(FigureComparison.verdict(previous: 20, current: 19, rule: upOnly) == .filtered)
        #expect(FigureComparison.verdict(previous: 19, current: 20, rule: upOnly) == .changed(delta: 1, ratio: 0.0526))
        let big = FigureRule(near: ["x"], minChangePercent: 5)
        #expect(FigureComparison.verdict(previous: 1_100_000, current: 1_120_000, rule: big) == .filtered)
        #expect(FigureComparison.verdict(previous: 1_100_000, current: 1_200_000, rule: big) == .changed(delta: 100_000, ratio: 0.0909))
    }

    @Test func evaluatorExtractsOnlyWhenATermOccurs() {
        let trackers = [
            Tracker(id: 1, name: "cap", rule: .figure(FigureRule(near: ["troops"]))),
            Tracker(id: 2, name: "share", rule: .figure(FigureRule(near: ["per cent"], unit: "percent"))),
        ]
        let findings = TrackerEvaluator(trackers: trackers).evaluate(title: "Cap set", text: "The cap is 600,000 troops.")
        #expect(findings.figures.map(\.tracker.name) == ["cap"])
        #expect(findings.hits.isEmpty)
    }
}
