// Exercise 8.1: the request line.
// Read the task in ../../README.md; check it with `swift run grade 8.1`.

import ExerciseSupport
import HTTP
import HTTPExerciseSupport

/// Turns the first line of a request into its method, target and version.
///
/// The line arrives as a slice of the bytes received so far, without its CR LF: the parser
/// never copies the input into a `String` before it knows the bytes are well formed.
public enum RequestHeadParser {
    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3).
    ///
    /// Exactly one space separates the parts: a lenient parser that also accepted tabs or
    /// runs of spaces would read some lines differently from a proxy in front of it. The
    /// version is matched byte for byte, since `HTTP/1.1` is case-sensitive (§2.3).
    ///
    /// - Parameters:
    ///   - line: The request line without its CR LF. Its indices are those of the whole
    ///     input: its first byte is at `line.startIndex`, which is not always `0`.
    ///   - maximumTargetLength: The longest target accepted, in bytes.
    /// - Returns: The method, the target and the version.
    /// - Throws: `HTTPParseError`: `.badRequestLine`, `.targetTooLong`, `.badTarget` or
    ///   `.unsupportedVersion`. The starter throws ``Unimplemented``.
    public static func parseRequestLine(
        _ line: Slice<UnsafeBufferPointer<UInt8>>,
        maximumTargetLength: Int
    ) throws -> (HTTPMethod, String, HTTPVersion) {
        // TODO(E0801): find the first space (the method ends there; it must be a non-empty
        // token), then the second (the target ends there; non-empty, not longer than the
        // limit, visible ASCII only); what is left must be exactly `HTTP/d.d`, and only
        // 1.0 and 1.1 are served. Errors carry the text of what was wrong, at most 200 bytes.
        throw Unimplemented("E0801: RequestHeadParser.parseRequestLine(_:maximumTargetLength:)")
    }

    /// The value of an ASCII digit, or `nil`.
    ///
    /// - Parameter byte: A byte.
    /// - Returns: `0...9`, or `nil` if it is not a digit.
    public static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
