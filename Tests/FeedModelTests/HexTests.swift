import FeedModel
import Foundation
import Testing

@Suite struct HexTests {
    @Test func everyByteIsTwoLowercaseDigitsHighNibbleFirst() {
        #expect(Hex.lowercase([UInt8]()) == "")
        #expect(Hex.lowercase([0x00, 0x0F, 0xF0, 0xFF, 0xAB, 0x5C]) == "000ff0ffab5c")
        for byte in UInt8.min...UInt8.max {
            #expect(Hex.lowercase([byte]) == String(format: "%02x", byte))
        }
    }

    @Test func anySequenceOfBytesReadsTheSame() {
        let bytes: [UInt8] = Array(0...255)
        let whole = Hex.lowercase(bytes)
        #expect(whole.count == 512)
        #expect(Hex.lowercase(bytes[16..<32]) == String(whole.dropFirst(32).prefix(32)))
        #expect(Hex.lowercase(Data(bytes)) == whole)
        // Not contiguous: read through the collection's own iteration.
        #expect(Hex.lowercase(bytes.lazy.map { $0 }) == whole)
        #expect(Hex.lowercase(bytes).utf8.elementsEqual(whole.utf8))
    }
}
