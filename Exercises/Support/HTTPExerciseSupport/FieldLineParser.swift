import HTTP

/// Parses header field lines (RFC 9112 §5).
///
/// The reference version of exercise 8.2's parser, a public copy of the library's
/// internal `FieldLineParser` (Sources/HTTP/FieldLineParser.swift). Exercise 8.3 uses it
/// for the trailer section of a chunked body.
public enum FieldLineParser {
    /// A line of the input, without its CR LF; its indices are those of the whole input.
    public typealias Line = Slice<UnsafeBufferPointer<UInt8>>

    /// Parses one field line, `name ":" OWS value OWS`, without its CR LF.
    ///
    /// - Parameter line: The line's bytes.
    /// - Returns: The field, with the value's surrounding whitespace removed.
    /// - Throws: ``HTTPParseError`` naming the broken rule.
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

    /// Parses the field lines between `start` and `end`, each ending in CR LF.
    ///
    /// - Parameters:
    ///   - bytes: The head's bytes.
    ///   - start: Where the first field line starts.
    ///   - end: Where the empty line that ends the section starts.
    /// - Returns: The fields, in order.
    /// - Throws: ``HTTPParseError``.
    public static func parseSection(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int
    ) throws(HTTPParseError) -> HTTPHeaders {
        var fields: [HTTPField] = []
        var lineStart = start
        while lineStart < end {
            var lineFeed = lineStart
            while bytes[lineFeed] != HTTPSyntax.lineFeed { lineFeed += 1 }
            fields.append(try parse(bytes[lineStart..<lineFeed - 1]))
            lineStart = lineFeed + 1
        }
        return HTTPHeaders(fields)
    }
}
