// Exercise 10.2, solved: base64, the encoding half.
// The library's version is `encode` in Sources/WebSockets/Base64.swift.

import ExerciseSupport

/// Base64 (RFC 4648 §4): bytes as text, 3 bytes to 4 characters from a 64-letter alphabet.
///
/// The WebSocket handshake sends its 16-byte key, and the server its 20-byte SHA-1
/// answer, in base64 inside HTTP headers, which must be text.
///
/// ```
///   bytes   01001101 01100001 01101110        "Man"
///   6-bit   010011 010110 000101 101110
///   letters   T      W      F      u          "TWFu"
/// ```
/// A final group of 1 or 2 bytes is padded with `=` to keep the length a multiple of 4.
public enum Base64 {
    /// The 64 letters, in the order of their 6-bit values: `alphabet[0]` is `A` (given).
    static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )

    /// Encodes bytes as base64 text with padding.
    ///
    /// - Parameter bytes: The bytes.
    /// - Returns: The text.
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public static func encode(_ bytes: [UInt8]) throws -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = bytes[index]
            let second = remaining > 1 ? bytes[index + 1] : 0
            let third = remaining > 2 ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0b11) << 4 | second >> 4)])
            output.append(remaining > 1 ? alphabet[Int((second & 0b1111) << 2 | third >> 6)] : 61)
            output.append(remaining > 2 ? alphabet[Int(third & 0b11_1111)] : 61)  // 61 is "="
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
