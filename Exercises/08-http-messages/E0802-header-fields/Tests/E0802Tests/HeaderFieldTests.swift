import E0802
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Testing

/// Parses `line` as the library would: a slice in the middle of a head, not at index 0.
private func parseField(_ line: [UInt8]) throws -> HTTPField {
    let before = Array("GET / HTTP/1.1\r\n".utf8)
    let input = before + line + Array("\r\n\r\n".utf8)
    return try input.withUnsafeBufferPointer { buffer in
        try E0802.FieldLineParser.parse(buffer[before.count..<before.count + line.count])
    }
}

/// The same, for a line written as text.
private func parseField(_ line: String) throws -> HTTPField {
    try parseField(Array(line.utf8))
}

@Suite("8.2a FieldLineParser.parse: name \":\" OWS value OWS", .serialized)
struct FieldLineTests {
    @Test("a field gives its name and its value")
    func simple() throws {
        let field = try parseField("Content-Type: text/html; charset=utf-8")
        #expect(field == HTTPField(name: "Content-Type", value: "text/html; charset=utf-8"))
    }

    @Test(
        "spaces and tabs around the value are trimmed; inside it they are kept",
        arguments: [
            ("X:   a b \t", "a b"), ("X:\tv", "v"), ("X:", ""), ("X: \t ", ""),
            ("X:a\tb", "a\tb"), ("X: \"quoted  text\" ", "\"quoted  text\""),
        ]
    )
    func optionalWhitespace(line: String, value: String) throws {
        let field = try parseField(line)
        #expect(field.value == value, "parsing \(line.debugDescription)")
        #expect(field.name == "X")
    }

    @Test("the name keeps its case; lookups ignore it (HTTPHeaders does that)")
    func caseInsensitiveNames() throws {
        let field = try parseField("content-LENGTH: 5")
        #expect(field.name == "content-LENGTH")
        #expect(HTTPHeaders([field])["Content-Length"] == "5")
    }

    @Test("bytes 0x80-0xFF (obs-text) are allowed in a value: UTF-8 comes through")
    func obsText() throws {
        #expect(try parseField("X-Name: Jörg Ø").value == "Jörg Ø")
    }

    static let refused: [(String, HTTPParseError)] = [
        (" folded", .obsoleteLineFolding),
        ("\tX: folded", .obsoleteLineFolding),
        ("Host a", .badFieldName("Host a")),
        (": value", .badFieldName(": value")),
        ("Host : a", .whitespaceBeforeColon("Host ")),
        ("Host\t: a", .whitespaceBeforeColon("Host\t")),
        ("X(y): 1", .badFieldName("X(y)")),
        ("X y: 1", .badFieldName("X y")),
        ("Naïve: 1", .badFieldName("Naïve")),
        ("X: a\u{0}b", .badFieldValue(name: "X")),
        ("X: a\rb", .badFieldValue(name: "X")),
        ("X: a\u{7F}", .badFieldValue(name: "X")),
        ("X: \u{1}", .badFieldValue(name: "X")),
        ("X-Evil: a\nSet-Cookie: b", .badFieldValue(name: "X-Evil")),
    ]

    @Test("each broken rule throws its HTTPParseError", arguments: refused)
    func refusals(line: String, error: HTTPParseError) {
        #expect(throws: error, "parsing \(line.debugDescription)") { try parseField(line) }
    }

    @Test("a long line without a colon is refused with its first 64 bytes only")
    func longBadName() {
        let line = String(repeating: "n", count: 300)
        #expect(throws: HTTPParseError.badFieldName(String(line.prefix(64)))) {
            try parseField(line)
        }
    }

    @Test("a section of several lines keeps every field, in order, repeated names too")
    func section() throws {
        let head = Array("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nAccept: */*\r\nx: 2\r\n\r\n".utf8)
        let headers = try head.withUnsafeBufferPointer { buffer in
            try E0802.FieldLineParser.parseSection(buffer, from: 16, to: head.count - 2)
        }
        #expect(headers.map(\.name) == ["Host", "X", "Accept", "x"])
        #expect(headers.values(for: "X") == ["1", "2"])
    }
}
