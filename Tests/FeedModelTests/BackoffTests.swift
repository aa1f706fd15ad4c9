import FeedModel
import Foundation
import Testing

@Suite struct BackoffTests {
    @Test func theWaitDoublesFromTheFirstAndStopsAtTheLongest() {
        let backoff = Backoff(firstWait: .seconds(10), longestWait: .seconds(3600), jitter: 0)
        var generator = SystemRandomNumberGenerator()
        let waits = [1, 2, 3, 4, 8, 9, 10, 1000, Int.max].map { backoff.delay(afterFailures: $0, using: &generator) }
        #expect(waits == [10, 20, 40, 80, 1280, 2560, 3600, 3600, 3600])
    }

    @Test func noFailureCountIsBelowTheFirstWait() {
        let backoff = Backoff(firstWait: .seconds(60), longestWait: .seconds(6 * 3600), jitter: 0)
        var generator = SystemRandomNumberGenerator()
        #expect(backoff.delay(afterFailures: 0, using: &generator) == 60)
        #expect(backoff.delay(afterFailures: Int.min, using: &generator) == 60)
    }

    @Test func jitterStaysWithinItsFractionAndSpreadsTheWaits() {
        let backoff = Backoff(firstWait: .seconds(100), longestWait: .seconds(3600), jitter: 0.1)
        var generator = SystemRandomNumberGenerator()
        let waits = (0..<500).map { _ in backoff.delay(afterFailures: 1, using: &generator) }
        #expect(waits.allSatisfy { (90...110).contains($0) })
        #expect(Set(waits).count > 100)
        let capped = (0..<500).map { _ in backoff.delay(afterFailures: 40, using: &generator) }
        #expect(capped.allSatisfy { (3240...3960).contains($0) }, "jitter applies to the capped wait")
    }

    @Test func aZeroWaitDrawsNoNumber() {
        var counting = CountingGenerator()
        let backoff = Backoff(firstWait: .zero, longestWait: .seconds(60), jitter: 0.5)
        #expect(backoff.delay(afterFailures: 3, using: &counting) == 0)
        #expect(backoff.jittered(0, using: &counting) == 0)
        #expect(counting.draws == 0)
        _ = backoff.jittered(10, using: &counting)
        #expect(counting.draws > 0)
    }
}

/// A generator that counts how often it is asked, to show when no randomness is used.
private struct CountingGenerator: RandomNumberGenerator {
    var draws = 0
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func next() -> UInt64 {
        draws += 1
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
