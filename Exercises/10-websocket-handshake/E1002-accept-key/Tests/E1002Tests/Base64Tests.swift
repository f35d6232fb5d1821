import E1002
import ExerciseSupport
import Testing
import WebSocketExerciseSupport

// The expected texts were computed with Python's base64 module, independently of this code:
//   python3 -c 'import base64; print(base64.b64encode(bytes(range(256))).decode())'

@Suite("10.2a Base64.encode (RFC 4648 §4): 3 bytes to 4 letters")
struct Base64Tests {
    @Test(
        "the RFC 4648 §10 test vectors",
        arguments: [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
        ]
    )
    func rfcVectors(plain: String, encoded: String) throws {
        #expect(try E1002.Base64.encode(Array(plain.utf8)) == encoded, "\(plain.debugDescription)")
    }

    @Test(
        "every bit counts: the first and last letters, and + and /",
        arguments: [
            ([0x00, 0x00, 0x00], "AAAA"), ([0xFF, 0xFF, 0xFF], "////"), ([0xFB, 0xFF], "+/8="),
            ([0xFF], "/w=="), ([0x00], "AA=="), ([0x4D, 0x61, 0x6E], "TWFu"),
        ] as [([UInt8], String)]
    )
    func bitPatterns(bytes: [UInt8], encoded: String) throws {
        #expect(try E1002.Base64.encode(bytes) == encoded, "\(describeBytes(bytes))")
    }

    @Test("all 256 byte values, in order")
    func everyByte() throws {
        let expected =
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+"
            + "P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9"
            + "fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8"
            + "vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7"
            + "/P3+/w=="
        #expect(try E1002.Base64.encode((0...255).map { UInt8($0) }) == expected)
    }

    @Test("n bytes make 4 × ⌈n / 3⌉ letters; a last group of 1 byte gets ==, of 2 bytes =")
    func lengthsAndPadding() throws {
        for count in 0...50 {
            let text = try E1002.Base64.encode(Array(repeating: 0xA5, count: count))
            #expect(text.utf8.count == (count + 2) / 3 * 4, "\(count) bytes gave \(text)")
            let padding = text.reversed().prefix { $0 == "=" }.count
            #expect(padding == [0, 2, 1][count % 3], "\(count) bytes gave \(text)")
        }
    }

    @Test("a 16-byte key is 24 letters ending in ==; a 20-byte SHA-1 digest 28 ending in =")
    func handshakeSizes() throws {
        #expect(try E1002.Base64.encode((1...16).map { UInt8($0) }) == "AQIDBAUGBwgJCgsMDQ4PEA==")
        // The SHA-1 digest of the RFC 6455 example key and the GUID.
        let digest: [UInt8] = [
            0xB3, 0x7A, 0x4F, 0x2C, 0xC0, 0x62, 0x4F, 0x16, 0x90, 0xF6, 0x46, 0x06, 0xCF, 0x38,
            0x59, 0x45, 0xB2, 0xBE, 0xC4, 0xEA,
        ]
        #expect(try E1002.Base64.encode(digest) == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}
