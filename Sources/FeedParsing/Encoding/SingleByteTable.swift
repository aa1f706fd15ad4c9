import Foundation

/// The legacy encodings of one byte per character that feeds use, decoded through a table of
/// each byte's UTF-8 instead of through iconv, which takes several times as long per byte.
///
/// Each table is made once per process by `Transcoder` from iconv's own decoding of every
/// byte alone (U+FFFD where iconv refuses one): these encodings have no state and no sequences,
/// so a document decodes through its table to exactly the bytes iconv gives it.
struct SingleByteTable: Sendable {
    /// The UTF-8 of each byte in the low bytes of its entry (first byte lowest), its length in the top byte.
    private let entries: [UInt32]
    /// Every ASCII byte decodes to itself: runs of ASCII are copied eight bytes at a time.
    private let keepsASCII: Bool

    /// Names (canonical, as `DocumentEncoding.decoderName` gives them) of the encodings read by table.
    static let names = ["WINDOWS-1252", "WINDOWS-1251", "KOI8-R", "KOI8-U"]

    /// - Parameter decode: iconv's UTF-8 for one byte alone, or nil if iconv cannot read these.
    init?(decode: (UInt8) -> [UInt8]?) {
        var entries = [UInt32](repeating: 0, count: 256)
        for byte in 0...255 {
            // One byte is one character: at most three bytes of UTF-8 here (U+FFFD is three).
            guard let decoded = decode(UInt8(byte)), (1...3).contains(decoded.count) else { return nil }
            var entry = UInt32(decoded.count) << 24
            for (offset, unit) in decoded.enumerated() { entry |= UInt32(unit) << (offset * 8) }
            entries[byte] = entry
        }
        self.entries = entries
        keepsASCII = (0..<0x80).allSatisfy { entries[$0] == 1 << 24 | UInt32($0) }
    }

    func decode(_ input: [UInt8]) -> [UInt8] {
        // Three bytes of room per byte, and four more: each byte is written as a four-byte store.
        let (tripled, overflow) = input.count.multipliedReportingOverflow(by: 3)
        guard !overflow, tripled < Int.max - 4 else { return [] }
        return entries.withUnsafeBufferPointer { entries in
            input.withUnsafeBufferPointer { source in
                [UInt8](unsafeUninitializedCapacity: tripled + 4) { target, produced in
                    guard let from = source.baseAddress, let to = target.baseAddress else {
                        produced = 0
                        return
                    }
                    // In range: `written` grows by at most three per byte read, the target has
                    // three bytes per source byte and four spare for the last store; reads of
                    // eight bytes happen only where eight are left.
                    var read = 0
                    var written = 0
                    let count = source.count
                    while read < count {
                        if keepsASCII, count &- read >= 8 {
                            let word = UnsafeRawPointer(from + read).loadUnaligned(as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 == 0 {
                                UnsafeMutableRawPointer(to + written).storeBytes(of: word, as: UInt64.self)
                                read &+= 8
                                written &+= 8
                                continue
                            }
                        }
                        let entry = entries[Int(from[read])]
                        UnsafeMutableRawPointer(to + written).storeBytes(of: (entry & 0x00FF_FFFF).littleEndian, as: UInt32.self)
                        written &+= Int(entry >> 24)
                        read &+= 1
                    }
                    produced = written
                }
            }
        }
    }
}
