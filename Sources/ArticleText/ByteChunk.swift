/// Sixteen bytes of text read at once, for the loops that copy ordinary text: most text is
/// words separated by single spaces, which both `HTMLText` and `ContentHash` copy as they are
/// (lower-cased for the hash), so a chunk without anything else is copied whole.
struct ByteChunk {
    static let width = 16

    let bytes: SIMD16<UInt8>

    /// The sixteen bytes at `pointer`, which must have at least `width` readable bytes.
    @inline(__always) init(at pointer: UnsafePointer<UInt8>) {
        bytes = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<UInt8>.self)
    }

    /// Whether the chunk at `pointer` (with `width + 1` readable bytes) is words and single
    /// spaces that text written just before it continues: no byte below 0x20, none of `<` and
    /// `&` when `markup`, none of 0x80 and above when `asciiOnly`, no space followed by a space
    /// (the byte after the chunk included), and no space at its end, whose meaning depends on
    /// what follows.
    @inline(__always) static func plainWords(at pointer: UnsafePointer<UInt8>, markup: Bool, asciiOnly: Bool) -> ByteChunk? {
        let chunk = ByteChunk(at: pointer)
        let next = ByteChunk(at: pointer + 1).bytes
        let bytes = chunk.bytes
        let space = SIMD16<UInt8>(repeating: 0x20)
        var refused = (bytes .< space) .| ((bytes .== space) .& (next .== space))
        if markup { refused .|= (bytes .== SIMD16(repeating: UInt8(ascii: "<"))) .| (bytes .== SIMD16(repeating: UInt8(ascii: "&"))) }
        if asciiOnly { refused .|= bytes .>= SIMD16(repeating: 0x80) }
        // Any lane set, told by the two halves as integers: `any(_:)` reduces lane by lane.
        let lanes = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: refused), to: SIMD2<UInt64>.self)
        guard lanes[0] | lanes[1] == 0, bytes[width - 1] != 0x20 else { return nil }
        return chunk
    }

    /// Writes the chunk at `pointer`, which must have `width` writable bytes.
    @inline(__always) func store(at pointer: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: bytes, as: SIMD16<UInt8>.self)
    }

    /// The chunk with capitals lower-cased; every byte must be ASCII. Lane-wise additions tell
    /// them apart (a byte below 0x80 plus 0x3F reaches 0x80 from `A` on, plus 0x25 from past `Z`),
    /// as comparisons of unsigned lanes compile to far more instructions.
    @inline(__always) var asciiLowercased: ByteChunk {
        let fromA = bytes &+ SIMD16(repeating: 0x80 - UInt8(ascii: "A"))
        let pastZ = bytes &+ SIMD16(repeating: 0x80 - UInt8(ascii: "Z") - 1)
        let capital = fromA & ~pastZ & SIMD16(repeating: 0x80)
        return ByteChunk(bytes: bytes | (capital &>> 2))
    }

    private init(bytes: SIMD16<UInt8>) { self.bytes = bytes }
}
