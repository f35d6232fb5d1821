/// Turns the bytes of a complete request head into an ``HTTPRequestHead``.
enum RequestHeadParser {
    /// Parses a head whose end the ``HeadScanner`` found.
    ///
    /// - Parameters:
    ///   - bytes: The unparsed input, starting with the request line.
    ///   - startLineEnd: Where the request line's CR is.
    ///   - headLength: The head's length, up to and including the empty line.
    ///   - limits: The parser's limits.
    /// - Returns: The head.
    /// - Throws: ``HTTPParseError``.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        startLineEnd: Int,
        headLength: Int,
        limits: HTTPRequestParser.Limits
    ) throws(HTTPParseError) -> HTTPRequestHead {
        let (method, target, version) = try parseRequestLine(
            bytes[0..<startLineEnd],
            maximumTargetLength: limits.maximumTargetLength
        )
        var framing = MessageFraming()
        framing.maximumBodySize = limits.maximumBodySize
        let headers = try FieldLineParser.parseSection(
            bytes,
            from: startLineEnd + 2,
            to: headLength - 2
        ) { field in framing.note(field) }
        let parts = try RequestTarget.parse(target, method: method)

        // RFC 9112 §3.2: exactly one Host in HTTP/1.1, and a valid one.
        if framing.hostCount > 1 { throw .badHost(framing.host ?? "") }
        if framing.hostCount == 0 && version >= .http11 { throw .missingHost }
        if let host = framing.host, !RequestTarget.isPlausibleHost(host) { throw .badHost(host) }

        // RFC 9110 §10.1.1: only 100-continue is defined; HTTP/1.0 clients cannot use it.
        var expectsContinue = false
        if let expectation = framing.expectation {
            guard HTTPSyntax.equalsIgnoringCase(expectation.utf8, "100-continue") else {
                throw .unsupportedExpectation(expectation)
            }
            expectsContinue = version >= .http11
        }
        return HTTPRequestHead(
            method: method,
            target: target,
            version: version,
            headers: headers,
            path: parts.path,
            query: parts.query,
            host: parts.authority ?? framing.host,
            bodyLength: try framing.requestBodyLength(version: version),
            keepAlive: framing.keepsAlive(version: version),
            expectsContinue: expectsContinue,
            wantsUpgrade: framing.connectionUpgrade && framing.hasUpgradeField
        )
    }

    // snippet: request-line
    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3).
    ///
    /// Exactly one space separates the parts: a lenient parser that also accepted tabs or
    /// runs of spaces would read some lines differently from a proxy in front of it. The
    /// version is matched byte for byte, since `HTTP/1.1` is case-sensitive (§2.3).
    ///
    /// - Parameters:
    ///   - line: The request line without its CR LF.
    ///   - maximumTargetLength: The longest target accepted.
    /// - Returns: The method, the target and the version.
    /// - Throws: ``HTTPParseError``.
    static func parseRequestLine(
        _ line: Slice<UnsafeBufferPointer<UInt8>>,
        maximumTargetLength: Int
    ) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        let text = { FieldLineParser.text(line.prefix(200)) }
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
            throw .badTarget(FieldLineParser.text(target.prefix(200)))
        }
        let version = line[(targetEnd + 1)...]
        guard version.count == 8, version.starts(with: "HTTP/".utf8),
            let major = decimalDigit(version[version.startIndex + 5]),
            version[version.startIndex + 6] == UInt8(ascii: "."),
            let minor = decimalDigit(version[version.startIndex + 7])
        else { throw .badRequestLine(text()) }
        guard major == 1, minor <= 1 else {
            throw .unsupportedVersion(FieldLineParser.text(version))
        }
        return (
            HTTPMethod(rawValue: FieldLineParser.text(line[line.startIndex..<methodEnd])),
            FieldLineParser.text(target),
            minor == 1 ? .http11 : .http10
        )
    }
    // end-snippet

    /// The value of an ASCII digit, or `nil`.
    static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
