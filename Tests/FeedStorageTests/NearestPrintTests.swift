import CNearestPrint
import Testing

/// The story index's scan, in C (eight fingerprints at a time where the CPU can): the first
/// fingerprint within the limit, at any position and in any range, as a plain loop finds it.
@Suite struct NearestPrintTests {
    func reference(_ prints: [UInt64], _ range: Range<Int>, _ fingerprint: UInt64, _ limit: Int) -> Int {
        range.first { (prints[$0] ^ fingerprint).nonzeroBitCount <= limit } ?? range.upperBound
    }

    func scan(_ prints: [UInt64], _ range: Range<Int>, _ fingerprint: UInt64, _ limit: Int) -> Int {
        prints.withUnsafeBufferPointer { buffer in
            Int(fw_first_print_within(buffer.baseAddress, range.lowerBound, range.upperBound, fingerprint, Int32(limit)))
        }
    }

    @Test func findsTheFirstWithinTheLimitWhereverItIs() {
        var generator = SystemRandomNumberGenerator()
        let fingerprint = UInt64.random(in: .min ... .max, using: &generator)
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 100] {
            // Far prints everywhere, then one near print placed at each position in turn.
            let far = (0..<count).map { _ in fingerprint ^ 0xFFFF_FFFF_0000_0000 ^ UInt64.random(in: 0...0xFF, using: &generator) }
            #expect(scan(far, 0..<count, fingerprint, 6) == count)
            for position in 0..<count {
                var prints = far
                prints[position] = fingerprint ^ 0b1011  // three bits apart
                for start in Set([0, max(0, position - 9), position, min(count, position + 1)]) {
                    let range = start..<count
                    #expect(scan(prints, range, fingerprint, 6) == reference(prints, range, fingerprint, 6), "\(count) \(position) \(start)")
                    #expect(scan(prints, range, fingerprint, 2) == reference(prints, range, fingerprint, 2))
                }
            }
        }
    }

    @Test func agreesWithAPlainLoopOnRandomPrints() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let fingerprint = UInt64.random(in: .min ... .max, using: &generator)
            let prints = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                // Mostly near misses: flip a few random bits of the fingerprint.
                (0..<Int.random(in: 0...12, using: &generator)).reduce(fingerprint) { print, _ in
                    print ^ (1 << UInt64.random(in: 0..<64, using: &generator))
                }
            }
            let start = Int.random(in: 0...prints.count, using: &generator)
            let limit = Int.random(in: 0...8, using: &generator)
            #expect(scan(prints, start..<prints.count, fingerprint, limit) == reference(prints, start..<prints.count, fingerprint, limit))
        }
    }
}
