import FeedModel
import Testing
import Tracking

@Suite struct FigureComparisonTests {
    /// A verdict never carries a value an alert could not encode: whatever the readings, a
    /// change's delta and ratio are finite.
    @Test func extremeReadingsNeverGiveANonFiniteChange() {
        let rule = FigureRule(near: ["troops"])
        let values: [Double] = [0, 1e-300, -1e-300, 1, 1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan]
        for previous in values {
            for current in values {
                switch FigureComparison.verdict(previous: previous, current: current, rule: rule) {
                case .changed(let delta, let ratio):
                    #expect(delta.isFinite, "\(previous) → \(current)")
                    #expect(ratio?.isFinite ?? true, "\(previous) → \(current)")
                case .firstSeen, .unchanged, .filtered, .restated, .awaitingSources: break
                }
            }
        }
        #expect(FigureComparison.verdict(previous: nil, current: .infinity, rule: rule) == .filtered)
        #expect(FigureComparison.verdict(previous: 600_000, current: 800_000, rule: rule) == .changed(delta: 200_000, ratio: 0.3333))
    }
}
