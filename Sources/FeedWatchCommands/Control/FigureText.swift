import Foundation

/// Figures as people read them: grouped digits, no trailing ".0", units spelled out.
enum FigureText {
    static func number(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 4
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    /// Without grouping, for machines: "1200000", "19.5".
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func value(_ value: Double, unit: String) -> String {
        switch unit {
        case "count": number(value)
        case "percent": number(value) + "%"
        default: number(value) + " " + unit
        }
    }

    /// A terminal sparkline: one block per value, scaled between the smallest and the largest.
    static func sparkline(_ values: [Double]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        guard let low = values.min(), let high = values.max() else { return "" }
        let span = high - low
        return String(values.map { value in
            span == 0 ? blocks[3] : blocks[min(blocks.count - 1, Int(((value - low) / span) * Double(blocks.count - 1) + 0.5))]
        })
    }
}
