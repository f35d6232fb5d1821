// Exercise 8.1, solved: the request line.
// The library's version is `parseRequestLine` in Sources/HTTP/RequestHeadParser.swift.

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
    ///   `.unsupportedVersion`.
    public static func parseRequestLine(
        _ line: Slice<UnsafeBufferPointer<UInt8>>,
        maximumTargetLength: Int
    ) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        let text = { HTTPSyntax.text(line.prefix(200)) }
        guard let methodEnd = line.firstIndex(of: HTTPSyntax.space), methodEnd > line.startIndex,
            line[line.startIndex..<methodEnd].allSatisfy(HTTPSyntax.isTokenCharacter)
        else { throw .badRequestLine(text()) }
        let targetStart = methodEnd + 1
        guard let targetEnd = line[targetStart...].firstIndex(of: HTTPSyntax.space),
            targetEnd > targetStart
        else { throw .badRequestLine(text()) }
        if targetEnd - targetStart > maximumTargetLength {
            throw .targetTooLong(limit: maximumTargetLength)
        }
        let target = line[targetStart..<targetEnd]
        guard target.allSatisfy(HTTPSyntax.isTargetCharacter) else {
            throw .badTarget(HTTPSyntax.text(target.prefix(200)))
        }
        let version = line[(targetEnd + 1)...]
        guard version.count == 8, version.starts(with: "HTTP/".utf8),
            let major = decimalDigit(version[version.startIndex + 5]),
            version[version.startIndex + 6] == UInt8(ascii: "."),
            let minor = decimalDigit(version[version.startIndex + 7])
        else { throw .badRequestLine(text()) }
        guard major == 1, minor <= 1 else {
            throw .unsupportedVersion(HTTPSyntax.text(version))
        }
        return (
            HTTPMethod(rawValue: HTTPSyntax.text(line[line.startIndex..<methodEnd])),
            HTTPSyntax.text(target),
            minor == 1 ? .http11 : .http10
        )
    }

    /// The value of an ASCII digit, or `nil`.
    ///
    /// - Parameter byte: A byte.
    /// - Returns: `0...9`, or `nil` if it is not a digit.
    public static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
