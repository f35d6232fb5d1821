/// How the body of a message is delimited (RFC 9112 §6.3).
public enum HTTPBodyLength: Hashable, Sendable {
    /// No body at all.
    case none
    /// Exactly this many bytes (`Content-Length`).
    case fixed(Int)
    /// A series of chunks ending with a zero-sized one (`Transfer-Encoding: chunked`).
    case chunked
    /// Everything until the server closes the connection (responses only).
    case untilClose
}

/// The fields that decide how a message is framed and whether its connection stays open,
/// picked out while the head is parsed so nobody has to search the headers afterwards.
struct MessageFraming: Sendable {
    var contentLength: Int?
    var contentLengthProblem: HTTPParseError?
    var transferCodings: [Substring] = []
    var hostCount = 0
    var host: String?
    var connectionClose = false
    var connectionKeepAlive = false
    var connectionUpgrade = false
    var hasUpgradeField = false
    var expectation: String?
    var maximumBodySize = Int.max

    /// Looks at one parsed field.
    mutating func note(_ field: HTTPField) {
        let name = field.name.utf8
        switch name.count {
        case 4 where HTTPSyntax.equalsIgnoringCase(name, "host"):
            hostCount += 1
            host = field.value
        case 6 where HTTPSyntax.equalsIgnoringCase(name, "expect"):
            expectation = field.value
        case 7 where HTTPSyntax.equalsIgnoringCase(name, "upgrade"):
            hasUpgradeField = true
        case 10 where HTTPSyntax.equalsIgnoringCase(name, "connection"):
            for option in HTTPSyntax.listMembers(field.value) {
                if HTTPSyntax.equalsIgnoringCase(option.utf8, "close") { connectionClose = true }
                if HTTPSyntax.equalsIgnoringCase(option.utf8, "keep-alive") {
                    connectionKeepAlive = true
                }
                if HTTPSyntax.equalsIgnoringCase(option.utf8, "upgrade") {
                    connectionUpgrade = true
                }
            }
        case 14 where HTTPSyntax.equalsIgnoringCase(name, "content-length"):
            noteContentLength(field.value)
        case 17 where HTTPSyntax.equalsIgnoringCase(name, "transfer-encoding"):
            transferCodings.append(contentsOf: HTTPSyntax.listMembers(field.value))
        default:
            break
        }
    }

    /// RFC 9112 §6.3 rule 5: `Content-Length` is digits; a list of the same number
    /// (`42, 42`, which a proxy may make by joining lines) is that number; anything else,
    /// including two different numbers, makes the framing unknowable.
    private mutating func noteContentLength(_ value: String) {
        for member in value.utf8.split(
            separator: UInt8(ascii: ","),
            omittingEmptySubsequences: false
        ) {
            let digits = HTTPSyntax.trimmingWhitespace(Substring(member))
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                contentLengthProblem = contentLengthProblem ?? .badContentLength(value)
                return
            }
            // More digits than fit in 64 bits is larger than any limit we could have.
            let length = digits.utf8.count > 18 ? Int.max : Int(digits) ?? Int.max
            if let contentLength, contentLength != length {
                contentLengthProblem = contentLengthProblem ?? .conflictingContentLengths
            }
            contentLength = length
        }
    }

    // snippet: smuggling-checks
    /// Decides how a request's body is delimited, refusing every ambiguous shape.
    ///
    /// *Request smuggling* works when two servers on the path (a proxy and us) disagree
    /// about where a request's body ends: the attacker hides a second request inside what
    /// one of them thinks is the first one's body. Each refusal below removes a known
    /// disagreement; each is a `400` and the connection closes (RFC 9112 §6.3).
    ///
    /// - Parameter version: The request's version.
    /// - Returns: How the body is delimited.
    /// - Throws: ``HTTPParseError``.
    func requestBodyLength(version: HTTPVersion) throws(HTTPParseError) -> HTTPBodyLength {
        if !transferCodings.isEmpty {
            // §6.1: in HTTP/1.0 Transfer-Encoding did not exist; trusting it is unsafe.
            if version < .http11 { throw .transferEncodingInHTTP10 }
            // §6.3 rule 3: with both, Transfer-Encoding wins, but a proxy might have
            // used Content-Length: refuse rather than guess which one the sender meant.
            if contentLength != nil || contentLengthProblem != nil {
                throw .contentLengthWithTransferEncoding
            }
            // §6.3 rule 4: if chunked is not last, nothing marks the end of the body.
            guard let last = transferCodings.last,
                HTTPSyntax.equalsIgnoringCase(last.utf8, "chunked")
            else { throw .chunkedNotLast }
            // We decode no other coding (gzip, ...): §6.1 says answer 501.
            if let other = transferCodings.dropLast().first {
                if HTTPSyntax.equalsIgnoringCase(other.utf8, "chunked") { throw .chunkedNotLast }
                throw .unsupportedTransferCoding(String(other))
            }
            return .chunked
        }
        // §6.3 rule 5: an invalid or self-contradicting Content-Length.
        if let contentLengthProblem { throw contentLengthProblem }
        guard let contentLength else { return .none }  // §6.3 rule 6: no body
        if contentLength > maximumBodySize { throw .bodyTooLarge(limit: maximumBodySize) }
        return contentLength == 0 ? .none : .fixed(contentLength)
    }
    // end-snippet

    // snippet: keep-alive
    /// Whether the connection stays open after this message (RFC 9112 §9.3).
    ///
    /// `Connection: close` always ends it. Otherwise HTTP/1.1 keeps connections open by
    /// default, and HTTP/1.0 closes them unless the client asked for `keep-alive`.
    ///
    /// - Parameter version: The message's version.
    /// - Returns: `true` to keep the connection for another request.
    func keepsAlive(version: HTTPVersion) -> Bool {
        if connectionClose { return false }
        if version >= .http11 { return true }
        return connectionKeepAlive
    }
    // end-snippet
}
