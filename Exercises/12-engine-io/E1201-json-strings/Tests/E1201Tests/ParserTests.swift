import E1201
import ExerciseSupport
import Foundation
import JSON
import Testing

/// Parses `bytes` with the library's parser running the learner's string step.
private func parseWithYours(_ bytes: [UInt8]) throws -> JSONValue {
    var parser = JSONParser(stringDecoder: try StringLiteralDecoder())
    return try bytes.withUnsafeBufferPointer { (input) throws(JSONParseError) in
        try parser.parse(input)
    }
}

/// What the library's own parser makes of `bytes`: a value, or an error.
private func parseWithLibrary(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseError> {
    Result { () throws(JSONParseError) in try JSONValue(parsing: bytes) }
}

/// What the learner's parser makes of `bytes`, with the starter's `Unimplemented` passed
/// on as the test's error.
private func yourResult(_ bytes: [UInt8]) throws -> Result<JSONValue, JSONParseError> {
    var parser = JSONParser(stringDecoder: try StringLiteralDecoder())
    return bytes.withUnsafeBufferPointer { input in
        Result { () throws(JSONParseError) in try parser.parse(input) }
    }
}

/// JSONTestSuite's parsing corpus, kept in the library's tests (nst/JSONTestSuite, MIT).
private enum Corpus {
    static let folder = URL(fileURLWithPath: #filePath)  // …/E1201Tests/ParserTests.swift
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Tests/JSONTests/JSONTestSuite/test_parsing")

    static let names: [String] = {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return all.filter { $0.hasSuffix(".json") }.sorted()
    }()

    /// The files about strings and object keys, where the string step decides.
    static let aboutStrings = names.filter { $0.contains("string") || $0.contains("object") }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appending(path: name)))
    }
}

@Suite("12.1c Your string step inside the library's JSON parser")
struct ParserWithYourStringsTests {
    @Test("an Engine.IO open packet parses, keys and values")
    func engineIOOpenPacket() throws {
        let text = """
            {"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,\
            "pingTimeout":20000,"maxPayload":1000000}
            """
        let value = try parseWithYours(Array(text.utf8))
        #expect(value["sid"] == "lv_VI97HAXpY6yYWAAAC")
        #expect(value["upgrades"] == ["websocket"])
        #expect(value.objectValue?.keys.first == "sid")
        #expect(value.description == text)
    }

    @Test("a Socket.IO event with escapes, surrogate pairs and raw UTF-8 in keys and values")
    func socketIOEvent() throws {
        let text = #"["chat",{"fr\u00f6m":"Zoë","text":"say \"hi\" \ud83d\ude00\n","é":"€"}]"#
        let value = try parseWithYours(Array(text.utf8))
        #expect(value == ["chat", ["fröm": "Zoë", "text": "say \"hi\" 😀\n", "é": "€"]])
    }

    @Test("an error inside a string inside an array stops the parse with your error")
    func errorsPassThrough() throws {
        var parser = JSONParser(stringDecoder: try StringLiteralDecoder())
        let bytes = Array(#"[1, "ok", "bad \x", 2]"#.utf8)
        #expect(throws: JSONParseError.invalidEscape(UInt8(ascii: "x"), offset: 15)) {
            try bytes.withUnsafeBufferPointer { (input) throws(JSONParseError) in
                try parser.parse(input)
            }
        }
    }

    @Test("the corpus is where the tests expect it")
    func corpusIsThere() throws {
        _ = try StringLiteralDecoder()  // graded like the rest: it needs your decoder
        #expect(Corpus.names.count == 318, "not found: \(Corpus.folder.path)")
    }

    @Test(
        "JSONTestSuite: every file gives the same value or the same error as the library",
        arguments: Corpus.aboutStrings
    )
    func sameAsLibrary(name: String) throws {
        let bytes = try Corpus.bytes(name)
        let yours = try yourResult(bytes)
        let library = parseWithLibrary(bytes)
        switch (yours, library) {
        case (.success(let mine), .success(let theirs)):
            #expect(mine == theirs, "\(name): you parsed \(mine), the library \(theirs)")
        case (.failure(let mine), .failure(let theirs)):
            #expect(mine == theirs, "\(name): you refused with «\(mine)», the library «\(theirs)»")
        case (.success(let mine), .failure(let theirs)):
            Issue.record("\(name): you accepted it as \(mine); the library refuses: «\(theirs)»")
        case (.failure(let mine), .success):
            Issue.record("\(name): you refused it («\(mine)»); it is valid")
        }
        if name.hasPrefix("y_") { #expect(throws: Never.self) { try yours.get() } }
        if name.hasPrefix("n_") { #expect(throws: JSONParseError.self) { try yours.get() } }
    }

    @Test("JSONTestSuite: all 318 files, through your string step, without a crash or hang")
    func wholeCorpus() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var accepted = 0
        for name in Corpus.names {
            if case .success = try yourResult(try Corpus.bytes(name)) { accepted += 1 }
        }
        #expect(accepted == 106, "95 y_ files and 11 i_ files are accepted")
        #expect(clock.now - start < .seconds(10))
    }
}
