import Foundation
import JSON
import Testing

/// The files of JSONTestSuite's `test_parsing` folder (nst/JSONTestSuite, MIT; see
/// `JSONTestSuite/README.md`), read from beside this file.
enum JSONTestSuite {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appending(path: "JSONTestSuite/test_parsing")

    /// Every file name, sorted.
    static let names: [String] = {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return all.filter { $0.hasSuffix(".json") }.sorted()
    }()

    static func names(prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appending(path: name)))
    }
}

/// What our parser does with one of the files the suite leaves to the implementation.
enum Outcome: Sendable, CustomStringConvertible {
    /// Parsed, to this value.
    case accepted(JSONValue)
    /// Refused, with an error whose description contains this text.
    case refused(String)

    var description: String {
        switch self {
        case .accepted(let value): "accepted as \(value)"
        case .refused(let reason): "refused (\(reason))"
        }
    }
}

@Suite("JSONTestSuite: 318 files, y_ accepted, n_ refused, i_ as our table says")
struct JSONTestSuiteTests {
    @Test("the corpus is all there: 95 y_, 188 n_, 35 i_")
    func corpusIsComplete() {
        #expect(JSONTestSuite.names.count == 318)
        #expect(JSONTestSuite.names(prefix: "y_").count == 95)
        #expect(JSONTestSuite.names(prefix: "n_").count == 188)
        #expect(JSONTestSuite.names(prefix: "i_").count == 35)
    }

    @Test(
        "every y_ file is accepted, and what we write back parses to the same value",
        arguments: JSONTestSuite.names(prefix: "y_")
    )
    func accepts(name: String) throws {
        let bytes = try JSONTestSuite.bytes(name)
        let value = try JSONValue(parsing: bytes)
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test(
        "every n_ file is refused with a JSONParseError",
        arguments: JSONTestSuite.names(prefix: "n_")
    )
    func refuses(name: String) throws {
        let bytes = try JSONTestSuite.bytes(name)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
    }

    /// Our decision for each file the suite leaves open.
    ///
    /// Numbers beyond `Double` behave as
    /// in JavaScript (infinity, zero); everything that is not valid Unicode is refused
    /// (lone surrogates, bad UTF-8, UTF-16); a byte order mark is refused as
    /// `JSON.parse` refuses it; 500 levels are within the default limit of 512.
    static let implementationDefined: [(String, Outcome)] = [
        ("i_number_double_huge_neg_exp.json", .accepted([0.0])),
        ("i_number_huge_exp.json", .accepted([.double(.infinity)])),
        ("i_number_neg_int_huge_exp.json", .accepted([.double(-.infinity)])),
        ("i_number_pos_double_huge_exp.json", .accepted([.double(.infinity)])),
        ("i_number_real_neg_overflow.json", .accepted([.double(-.infinity)])),
        ("i_number_real_pos_overflow.json", .accepted([.double(.infinity)])),
        ("i_number_real_underflow.json", .accepted([0.0])),
        ("i_number_too_big_neg_int.json", .accepted([-123_123_123_123_123_123_123_123_123_123.0])),
        ("i_number_too_big_pos_int.json", .accepted([100_000_000_000_000_000_000.0])),
        (
            "i_number_very_big_negative_int.json",
            .accepted([-237_462_374_673_276_894_279_832_749_832_423_479_823_246_327_846.0])
        ),
        ("i_object_key_lone_2nd_surrogate.json", .refused("lone surrogate \\uDFAA at byte 2")),
        ("i_string_1st_surrogate_but_2nd_missing.json", .refused("lone surrogate \\uDADA")),
        ("i_string_1st_valid_surrogate_2nd_invalid.json", .refused("lone surrogate \\uD888")),
        ("i_string_UTF-16LE_with_BOM.json", .refused("unexpected byte 0xFF at byte 0")),
        ("i_string_UTF-8_invalid_sequence.json", .refused("invalid UTF-8")),
        ("i_string_UTF8_surrogate_U+D800.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_incomplete_surrogate_and_escape_valid.json", .refused("lone surrogate")),
        ("i_string_incomplete_surrogate_pair.json", .refused("lone surrogate \\uDD1E")),
        ("i_string_incomplete_surrogates_escape_valid.json", .refused("lone surrogate \\uD800")),
        ("i_string_invalid_lonely_surrogate.json", .refused("lone surrogate \\uD800")),
        ("i_string_invalid_surrogate.json", .refused("lone surrogate \\uD800")),
        ("i_string_invalid_utf-8.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_inverted_surrogates_U+1D11E.json", .refused("lone surrogate \\uDD1E")),
        ("i_string_iso_latin_1.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_lone_second_surrogate.json", .refused("lone surrogate \\uDFAA")),
        ("i_string_lone_utf8_continuation_byte.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_not_in_unicode_range.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_overlong_sequence_2_bytes.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_overlong_sequence_6_bytes.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_overlong_sequence_6_bytes_null.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_truncated-utf-8.json", .refused("invalid UTF-8 at byte 2")),
        ("i_string_utf16BE_no_BOM.json", .refused("unexpected byte 0x00 at byte 0")),
        ("i_string_utf16LE_no_BOM.json", .refused("unexpected byte 0x00 at byte 1")),
        ("i_structure_500_nested_arrays.json", .accepted(nested(500))),
        ("i_structure_UTF-8_BOM_empty_object.json", .refused("unexpected byte 0xEF at byte 0")),
    ]

    /// `depth` arrays inside each other, the innermost empty.
    static func nested(_ depth: Int) -> JSONValue {
        var value: JSONValue = []
        for _ in 1..<depth { value = [value] }
        return value
    }

    @Test("the table covers every i_ file, and only those")
    func tableCoversEveryFile() {
        #expect(Self.implementationDefined.map(\.0).sorted() == JSONTestSuite.names(prefix: "i_"))
    }

    @Test("each i_ file does what the table says", arguments: implementationDefined)
    func implementationDefinedFile(name: String, outcome: Outcome) throws {
        let bytes = try JSONTestSuite.bytes(name)
        switch outcome {
        case .accepted(let expected):
            #expect(try JSONValue(parsing: bytes) == expected)
        case .refused(let reason):
            let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
            #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        }
    }

    @Test("all 318 files, one after another, finish within 10 seconds, without a crash")
    func allFilesFinishInTime() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var accepted = 0
        for name in JSONTestSuite.names {
            if (try? JSONValue(parsing: try JSONTestSuite.bytes(name))) != nil { accepted += 1 }
        }
        // 95 y_ files plus the 10 number files and the 500 levels of the i_ table.
        #expect(accepted == 95 + 11)
        #expect(clock.now - start < .seconds(10))
    }
}
