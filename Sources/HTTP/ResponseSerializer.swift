/// How a response's body is delimited on the wire (RFC 9112 §6).
enum ResponseFraming: Equatable {
    /// No body and no `Content-Length` (1xx, 204).
    case none
    /// `Content-Length: n`; `HEAD` responses state it but send no body.
    case fixed(Int)
    /// `Transfer-Encoding: chunked`: for a streamed body of unknown length (HTTP/1.1).
    case chunked
    /// The body ends when the connection closes: an HTTP/1.0 client cannot read chunks.
    case untilClose
}

/// What the `Connection` field of a response says.
enum ConnectionOption {
    /// Nothing: the default for the version applies (or the handler's own field, as in a
    /// `101` upgrade).
    case unstated
    /// `Connection: close`: this is the last response on the connection.
    case close
    /// `Connection: keep-alive`: tells an HTTP/1.0 client the connection stays open.
    case keepAlive
}

/// Turns response heads and body pieces into the bytes that go on the wire.
enum ResponseSerializer {
    /// `HTTP/1.1 100 Continue` and an empty line: "go ahead, send the body".
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    // snippet: response-head
    /// Appends a response head to `output`: status line, `Date`, the handler's fields,
    /// the framing field, `Connection`, and the empty line.
    ///
    /// The server owns the fields that decide how the bytes are read (`Content-Length`,
    /// `Transfer-Encoding`, `Connection`) and `Date`, so a handler's copies of them are
    /// skipped: a wrong `Content-Length` from a handler would desynchronise the client.
    /// The status line always says `HTTP/1.1`, our version, even to a 1.0 client
    /// (RFC 9110 §6.2).
    ///
    /// - Parameters:
    ///   - head: The status and the handler's fields, already validated.
    ///   - framing: How the body is delimited.
    ///   - connection: What to say in `Connection`.
    ///   - dateLine: `Date: ...\r\n`, from the loop's cache.
    ///   - output: Where the bytes go.
    static func writeHead(
        _ head: HTTPResponseHead,
        framing: ResponseFraming,
        connection: ConnectionOption,
        dateLine: [UInt8],
        into output: inout [UInt8]
    ) {
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(head.status.code, to: &output)
        output.append(HTTPSyntax.space)
        output.append(contentsOf: head.status.reasonPhrase.utf8)
        output.append(contentsOf: crlf)
        output.append(contentsOf: dateLine)
        for field in head.headers where !isOwnedByServer(field.name, connection: connection) {
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: crlf)
        }
        switch framing {
        case .fixed(let length):
            output.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(length, to: &output)
            output.append(contentsOf: crlf)
        case .chunked:
            output.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        case .none, .untilClose:
            break
        }
        switch connection {
        case .close: output.append(contentsOf: "Connection: close\r\n".utf8)
        case .keepAlive: output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        case .unstated: break
        }
        output.append(contentsOf: crlf)
    }
    // end-snippet

    /// Whether the server writes this field itself, so a handler's copy is dropped.
    private static func isOwnedByServer(_ name: String, connection: ConnectionOption) -> Bool {
        let bytes = name.utf8
        switch bytes.count {
        case 4: return HTTPSyntax.equalsIgnoringCase(bytes, "date")
        case 10:
            return connection != .unstated && HTTPSyntax.equalsIgnoringCase(bytes, "connection")
        case 14: return HTTPSyntax.equalsIgnoringCase(bytes, "content-length")
        case 17: return HTTPSyntax.equalsIgnoringCase(bytes, "transfer-encoding")
        default: return false
        }
    }

    /// Why a head must not be sent, or `nil` if it is safe.
    ///
    /// A CR or LF in a field or in the reason phrase would let whoever chose that text
    /// end the head early and write fields, or a whole response, of their own: *response
    /// splitting*. Such a head is refused, never sent.
    ///
    /// - Parameter head: The head a handler asked to send.
    /// - Returns: A description of the problem, or `nil`.
    static func problem(with head: HTTPResponseHead) -> String? {
        guard (100...999).contains(head.status.code) else {
            return "status code \(head.status.code)"
        }
        guard head.status.reasonPhrase.utf8.allSatisfy(HTTPSyntax.isFieldValueCharacter) else {
            return "control character in the reason phrase"
        }
        for field in head.headers where !field.isValid {
            return "invalid header field \(field.name.debugDescription)"
        }
        // The framing field decides where the next response starts: `+5` or `5, 6` would
        // have a peer (or a proxy) guess, and guesses are how smuggling begins.
        if let length = head.headers["Content-Length"], HTTPSyntax.decimalValue(length) == nil {
            return "invalid Content-Length \(length.debugDescription)"
        }
        return nil
    }

    /// One chunk: its size in hex, CR LF, the bytes, CR LF (RFC 9112 §7.1).
    ///
    /// - Parameter bytes: A non-empty piece of the body.
    /// - Returns: The chunk's bytes.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 12)
        output.append(contentsOf: String(bytes.count, radix: 16).utf8)
        output.append(contentsOf: crlf)
        output.append(contentsOf: bytes)
        output.append(contentsOf: crlf)
        return output
    }

    /// The last chunk, `0`, then the trailer fields and the empty line.
    ///
    /// - Parameter trailers: Trailer fields, already validated.
    /// - Returns: The bytes that end a chunked body.
    static func lastChunk(trailers: HTTPHeaders) -> [UInt8] {
        var output = Array("0\r\n".utf8)
        for field in trailers {
            output.append(contentsOf: "\(field.name): \(field.value)\r\n".utf8)
        }
        output.append(contentsOf: crlf)
        return output
    }

    private static let crlf: [UInt8] = [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed]

    /// Appends a non-negative number's decimal digits without building a `String`.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &output) }
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
