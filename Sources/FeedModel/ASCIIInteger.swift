/// A whole number as feeds and protocols write one: ASCII digits only, no sign, no digits of other
/// scripts (`٣`, `３`, `½`), nil when there is no digit or the value does not fit in an `Int`.
public func asciiInteger(_ text: some StringProtocol) -> Int? {
    var value = 0
    var sawDigit = false
    for byte in text.utf8 {
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        let (tens, tooLarge) = value.multipliedReportingOverflow(by: 10)
        let (next, carried) = tens.addingReportingOverflow(Int(byte - 0x30))
        guard !tooLarge, !carried else { return nil }
        value = next
        sawDigit = true
    }
    return sawDigit ? value : nil
}
