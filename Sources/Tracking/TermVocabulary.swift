/// Every folded word of every term the trackers look for, each with a number, so that reading an
/// article costs one lookup per word whatever the number of trackers.
///
/// Keys made of ASCII letters and digits only (nearly all of them, and every key of an ASCII
/// word) are found from their bytes, so an article's ASCII words are looked up without making a
/// string. Such a key is canonically equivalent to no other string, so comparing bytes agrees
/// with comparing strings. Any other key is kept as a `String` and compared as one.
struct TermVocabulary: Sendable {
    /// The ASCII keys' bytes, one after the other; `asciiKeys[id]` is where key `id` is.
    private var bytes: [UInt8] = []
    private var asciiKeys: [(range: Range<Int>, id: Int)] = []
    /// Open addressing over `asciiKeys`: each slot holds an index into it plus one, or 0.
    private var slots: [Int32] = Array(repeating: 0, count: 16)
    private var otherKeys: [String: Int] = [:]
    /// How many distinct words there are; ids run from 0 to `count - 1`.
    private(set) var count = 0
    /// The longest ASCII key, in bytes: an article word whose key grows past it is in no term.
    private(set) var longestASCIIKey = 0
    /// Which bytes begin an ASCII key: an article word whose key would begin with another is in
    /// no term, and most words are given up on their first byte, before their key is made.
    private var beginsKey = [Bool](repeating: false, count: 256)

    /// The id of `key`, adding it when new.
    mutating func insert(_ key: String) -> Int {
        if let id = id(of: key) { return id }
        let id = count
        count += 1
        var key = key
        let isPlain = key.withUTF8 { utf8 in
            guard utf8.allSatisfy(Self.isPlainKeyByte) else { return false }
            let start = bytes.count
            bytes.append(contentsOf: utf8)
            asciiKeys.append((start..<bytes.count, id))
            if let first = utf8.first { beginsKey[Int(first)] = true }
            longestASCIIKey = max(longestASCIIKey, utf8.count)
            return true
        }
        if isPlain {
            if asciiKeys.count * 2 > slots.count { rehash(capacity: slots.count * 2) } else { place(asciiKeys.count - 1) }
        } else {
            otherKeys[key] = id
        }
        return id
    }

    /// The id of a folded word, if some term has it.
    func id(of key: String) -> Int? {
        guard key.utf8.allSatisfy(Self.isPlainKeyByte) else { return otherKeys[key] }
        var plain = key
        return plain.withUTF8 { id(ofASCII: $0) }
    }

    /// Whether some ASCII key begins with `byte`.
    func mayBeKey(beginningWith byte: UInt8) -> Bool {
        beginsKey[Int(byte)]
    }

    /// The id of a key made of ASCII lower-case letters and digits, given as bytes.
    func id(ofASCII key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard key.count <= longestASCIIKey else { return nil }
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let entry = Int(slots[slot])
            guard entry > 0 else { return nil }
            let (range, id) = asciiKeys[entry - 1]
            if range.count == key.count, bytes[range].elementsEqual(key) { return id }
            slot = (slot + 1) & mask
        }
    }

    private mutating func rehash(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        for index in asciiKeys.indices { place(index) }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = bytes.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[asciiKeys[index].range])) } & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(truncatingIfNeeded: index + 1)
    }

    /// FNV-1a: cheap for the short keys of words, and good enough for a table kept half empty.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// Lower-case ASCII letters and digits: the bytes of every ASCII word's key.
    private static func isPlainKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
