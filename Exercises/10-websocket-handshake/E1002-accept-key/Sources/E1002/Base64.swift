// Exercise 10.2: base64, the encoding half.
// Read the task in ../../README.md; check it with `swift run grade 10.2`.

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
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public static func encode(_ bytes: [UInt8]) throws -> String {
        // TODO(E1002): take the bytes 3 at a time; the 24 bits make four 6-bit numbers,
        // each an index into `alphabet`. A last group of 2 bytes gives 3 letters and "=",
        // of 1 byte 2 letters and "==" (the missing bits are zeros).
        throw Unimplemented("E1002: Base64.encode(_:)")
    }
}
