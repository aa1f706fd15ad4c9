import FeedModel
import Foundation
import Testing

@Suite struct NullEncodedTests {
    private struct Note: Codable, Equatable {
        var id: Int
        @NullEncoded var tracker: String?
        var excerpt: String?
        @NullEncoded var seen: Date?
    }

    private func json(_ note: Note) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(note), as: UTF8.self)
    }

    private func note(_ json: String) throws -> Note {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Note.self, from: Data(json.utf8))
    }

    @Test func nilIsWrittenAsNullWhilePlainOptionalsAreLeftOut() throws {
        #expect(try json(Note(id: 1, tracker: nil, excerpt: nil, seen: nil)) == #"{"id":1,"seen":null,"tracker":null}"#)
    }

    @Test func aValueIsWrittenAsItself() throws {
        let note = Note(id: 2, tracker: "troops", excerpt: "x", seen: Date(timeIntervalSince1970: 0))
        #expect(try json(note) == #"{"excerpt":"x","id":2,"seen":"1970-01-01T00:00:00Z","tracker":"troops"}"#)
        #expect(try self.note(json(note)) == note)
    }

    @Test func nullAndAMissingKeyBothReadAsNil() throws {
        #expect(try note(#"{"id":3,"tracker":null}"#) == Note(id: 3, tracker: nil, excerpt: nil, seen: nil))
        #expect(try note(#"{"id":3}"#) == Note(id: 3, tracker: nil, excerpt: nil, seen: nil))
        #expect(throws: DecodingError.self) { try note(#"{"id":3,"tracker":7}"#) }
    }
}
