// Exercise 8.2, solved (1 of 2): header field lines.
// The library's version is Sources/HTTP/FieldLineParser.swift.

import ExerciseSupport
import HTTP
import HTTPExerciseSupport

/// Parses header field lines, the part requests, responses and trailers share (RFC 9112 §5).
public enum FieldLineParser {
    /// A line of the input, without its CR LF; its indices are those of the whole input.
    public typealias Line = Slice<UnsafeBufferPointer<UInt8>>

    /// Parses one field line, `name ":" OWS value OWS`, without its CR LF.
    ///
    /// Three rules here close doors attackers use. A line that starts with whitespace
    /// continues the previous one (*obs-fold*); proxies disagree about it, so we refuse it
    /// (RFC 9112 §5.2). Whitespace before the colon is refused for the same reason: one
    /// server reads `Content-Length :` as Content-Length, another ignores it (§5.1). And a
    /// value may not hold control characters (RFC 9110 §5.5).
    ///
    /// - Parameter line: The line's bytes; its first byte is at `line.startIndex`.
    /// - Returns: The field, with the value's surrounding whitespace removed.
    /// - Throws: `HTTPParseError` naming the broken rule.
    public static func parse(_ line: Line) throws(HTTPParseError) -> HTTPField {
        guard let first = line.first, !HTTPSyntax.isWhitespace(first) else {
            throw .obsoleteLineFolding
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon), colon > line.startIndex else {
            throw .badFieldName(HTTPSyntax.text(line.prefix(64)))
        }
        let name = line[line.startIndex..<colon]
        if let last = name.last, HTTPSyntax.isWhitespace(last) {
            throw .whitespaceBeforeColon(HTTPSyntax.text(name))
        }
        guard name.allSatisfy(HTTPSyntax.isTokenCharacter) else {
            throw .badFieldName(HTTPSyntax.text(name.prefix(64)))
        }
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd && HTTPSyntax.isWhitespace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart && HTTPSyntax.isWhitespace(line[valueEnd - 1]) { valueEnd -= 1 }
        let value = line[valueStart..<valueEnd]
        guard value.allSatisfy(HTTPSyntax.isFieldValueCharacter) else {
            throw .badFieldValue(name: HTTPSyntax.text(name))
        }
        return HTTPField(name: HTTPSyntax.text(name), value: HTTPSyntax.text(value))
    }

    /// Parses the field lines between `start` and `end`, each ending in CR LF (given).
    ///
    /// - Parameters:
    ///   - bytes: The head's bytes.
    ///   - start: Where the first field line starts.
    ///   - end: Where the empty line that ends the section starts.
    /// - Returns: The fields, in order.
    /// - Throws: What ``parse(_:)`` throws.
    public static func parseSection(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int
    ) throws -> HTTPHeaders {
        var fields: [HTTPField] = []
        var lineStart = start
        while lineStart < end {
            // The scanner has checked that every LF here follows a CR.
            var lineFeed = lineStart
            while bytes[lineFeed] != HTTPSyntax.lineFeed { lineFeed += 1 }
            fields.append(try parse(bytes[lineStart..<lineFeed - 1]))
            lineStart = lineFeed + 1
        }
        return HTTPHeaders(fields)
    }
}
