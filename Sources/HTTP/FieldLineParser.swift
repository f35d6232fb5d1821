/// Parses header field lines, the part requests, responses and trailers share (RFC 9112 §5).
enum FieldLineParser {
    typealias Line = Slice<UnsafeBufferPointer<UInt8>>

    // snippet: header-field
    /// Parses one field line, `name ":" OWS value OWS`, without its CR LF.
    ///
    /// Three rules here close doors attackers use. A line that starts with whitespace
    /// continues the previous one (*obs-fold*); proxies disagree about it, so we refuse it
    /// (RFC 9112 §5.2). Whitespace before the colon is refused for the same reason: one
    /// server reads `Content-Length :` as Content-Length, another ignores it (§5.1). And a
    /// value may not hold control characters (RFC 9110 §5.5).
    ///
    /// - Parameter line: The line's bytes.
    /// - Returns: The field, with the value's surrounding whitespace removed.
    /// - Throws: ``HTTPParseError`` naming the broken rule.
    static func parse(_ line: Line) throws(HTTPParseError) -> HTTPField {
        guard let first = line.first, !HTTPSyntax.isWhitespace(first) else {
            throw .obsoleteLineFolding
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon), colon > line.startIndex else {
            throw .badFieldName(text(line.prefix(64)))
        }
        let name = line[line.startIndex..<colon]
        if let last = name.last, HTTPSyntax.isWhitespace(last) {
            throw .whitespaceBeforeColon(text(name))
        }
        guard name.allSatisfy(HTTPSyntax.isTokenCharacter) else {
            throw .badFieldName(text(name.prefix(64)))
        }
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd && HTTPSyntax.isWhitespace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart && HTTPSyntax.isWhitespace(line[valueEnd - 1]) { valueEnd -= 1 }
        let value = line[valueStart..<valueEnd]
        guard value.allSatisfy(HTTPSyntax.isFieldValueCharacter) else {
            throw .badFieldValue(name: text(name))
        }
        return HTTPField(name: text(name), value: text(value))
    }
    // end-snippet

    /// Parses the field lines between `start` and `end`, each ending in CR LF, and lets
    /// `note` see each field as it is parsed.
    ///
    /// - Parameters:
    ///   - bytes: The head's bytes.
    ///   - start: Where the first field line starts.
    ///   - end: Where the empty line that ends the section starts.
    ///   - note: Called with each field, to pick out the ones that frame the message.
    /// - Returns: The fields, in order.
    /// - Throws: ``HTTPParseError``.
    static func parseSection(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        note: (HTTPField) throws(HTTPParseError) -> Void
    ) throws(HTTPParseError) -> HTTPHeaders {
        var fields: [HTTPField] = []
        var lineStart = start
        while lineStart < end {
            // The scanner has checked that every LF here follows a CR.
            var lineFeed = lineStart
            while bytes[lineFeed] != HTTPSyntax.lineFeed { lineFeed += 1 }
            let field = try parse(bytes[lineStart..<lineFeed - 1])
            try note(field)
            fields.append(field)
            lineStart = lineFeed + 1
        }
        return HTTPHeaders(fields)
    }

    /// Bytes as text; bytes that are not UTF-8 (`obs-text`) become U+FFFD.
    @inline(__always)
    static func text<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
