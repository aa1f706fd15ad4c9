import Configuration
import Foundation
import Testing

@Suite struct TOMLReaderTests {
    @Test func readsTheFormsAConfigUses() throws {
        let text = """
            # comment
            log_level = "info"   # trailing comment
            plain = 'C:\\path\\no escapes'
            escaped = "tab\\there \\u00E9 \\U0001F600 \\"quoted\\""
            multi = \"\"\"
            first line
            second \\
               joined\"\"\"
            raw = '''
            keep \\n as is'''
            count = 1_000
            hex = 0xFF
            negative = -42
            ratio = 0.5e1
            on = true
            list = [
              "a",   # one
              "b",
            ]
            nested = [[1, 2], ["x"]]
            "quoted key" = 1
            a.b.c = "dotted"

            [polling]
            interval = "15m"

            [[sink]]
            name = "pager"
            headers = { Authorization = "Bearer x", "X-Two" = "2" }

            [[sink]]
            name = "chat"
            [sink.extra]
            deep = true
            """
        let table = try TOMLTable(string: text)
        #expect(table.keys.prefix(3) == ["log_level", "plain", "escaped"])
        #expect(table["plain"]?.string == "C:\\path\\no escapes")
        #expect(table["escaped"]?.string == "tab\there é 😀 \"quoted\"")
        #expect(table["multi"]?.string == "first line\nsecond joined")
        #expect(table["raw"]?.string == "keep \\n as is")
        #expect(table["count"]?.int == 1000)
        #expect(table["hex"]?.int == 255)
        #expect(table["negative"]?.int == -42)
        #expect(table["ratio"] == .float(5))
        #expect(table["on"]?.bool == true)
        #expect(table["list"]?.array?.compactMap(\.string) == ["a", "b"])
        #expect(table["nested"]?.array?.count == 2)
        #expect(table["quoted key"]?.int == 1)
        #expect(table["a"]?.table?["b"]?.table?["c"]?.string == "dotted")
        #expect(table["polling"]?.table?["interval"]?.string == "15m")
        let sinks = try #require(table["sink"]?.array)
        #expect(sinks.compactMap { $0.table?["name"]?.string } == ["pager", "chat"])
        #expect(sinks.first?.table?["headers"]?.table?.keys == ["Authorization", "X-Two"])
        #expect(sinks.last?.table?["extra"]?.table?["deep"]?.bool == true)
    }

    @Test func readsTheShippedConfigs() throws {
        for path in ["Config/feedwatch.toml", "Config/demo/feedwatch.toml"] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(throws: Never.self) { try TOMLTable(string: text) }
        }
        let crlf = try TOMLTable(string: "a = 1\r\n[b]\r\nc = \"x\"\r\n")
        #expect(crlf["b"]?.table?["c"]?.string == "x")
    }

    /// Inputs that abort or misbehave in other TOML parsers (found by fuzzing) and plain
    /// mistakes: each is one error with its line and column.
    @Test(arguments: [
        ("a = [}]", 1, "expected a value"), ("[=a]", 1, "expected a key"), ("[[[1]]]", 1, "expected a key"),
        ("[&", 1, "expected a key"), ("[[=", 1, "expected a key"), ("a = 1\na = 2", 2, "defined twice"),
        ("[t]\n[t]", 2, "defined twice"), ("a = \"open", 1, "not closed"), ("a = 1979-05-27", 1, "dates and times"),
        ("a = 07:32:00", 1, "dates and times"), ("a = 99999999999999999999", 1, "not a value"), ("a = 0777", 1, "not a value"),
        ("a = \"\u{01}\"", 1, "control character"), ("a = 1\rb = 2", 1, "carriage return"), ("a = 1 b = 2", 1, "end of the line"),
        ("x = 1\n[x.y]", 2, "is a value"), ("[[a]]\n[a]", 2, "defined twice"), ("a = [1]\n[[a]]", 2, "not an array of tables"),
        ("a = \"\\x\"", 1, "unknown escape"), ("a = \"\\uD800\"", 1, "no Unicode scalar"), ("a = { b = 1\n}", 1, "expected"),
        ("a = truee", 1, "not a value"), ("a = 1__0", 1, "not a value"), ("a = .5", 1, "not a value"),
    ])
    func mistakesAreOneErrorWithAPlace(text: String, line: Int, message: String) {
        do {
            _ = try TOMLTable(string: text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(text): \(error)")
            #expect(error.message.contains(message), "\(text): \(error)")
        }
    }

    @Test func deepNestingAndLongKeysAreRefusedNotRecursedInto() {
        #expect(throws: TOMLSyntaxError.self) { try TOMLTable(string: "a = " + String(repeating: "[", count: 100_000)) }
        #expect(throws: TOMLSyntaxError.self) { try TOMLTable(string: "a = " + String(repeating: "{b = ", count: 100_000)) }
        #expect(throws: TOMLSyntaxError.self) { try TOMLTable(string: Array(repeating: "k", count: 100_000).joined(separator: ".") + " = 1") }
    }

    /// Random text from TOML's own alphabet: a table or an error, never a trap.
    @Test func anyTextIsATableOrAnError() {
        let alphabet = Array("ab1_-=.,[]{}\"'\\#\n\r\t +:0xe\u{00E9}".unicodeScalars)
        var generator = SystemRandomNumberGenerator()
        var tables = 0
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            if (try? TOMLTable(string: String(text))) != nil { tables += 1 }
        }
        #expect(tables > 0)
    }
}
