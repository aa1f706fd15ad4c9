/// Options whose value may be left out (`--backfill` or `--backfill 2d`), which
/// swift-argument-parser cannot declare: before parsing, such an option given without a value
/// (last, or followed by another option) gets `absent` as its value.
enum OptionalValue {
    /// The value an option written alone receives; no user types it.
    static let absent = "\u{1}absent"

    static let options: Set<String> = ["--backfill"]

    static func normalised(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        for (index, argument) in arguments.enumerated() {
            result.append(argument)
            // After `--`, everything is a positional argument.
            if argument == "--" {
                result.append(contentsOf: arguments[(index + 1)...])
                break
            }
            guard options.contains(argument) else { continue }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if next.map({ $0.hasPrefix("-") }) ?? true { result[result.count - 1] = "\(argument)=\(absent)" }
        }
        return result
    }
}
