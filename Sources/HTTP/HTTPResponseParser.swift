/// The head of a response as a client receives it.
public struct HTTPClientResponseHead: Hashable, Sendable {
    /// The status, such as `200 OK`.
    public var status: HTTPStatus
    /// The header fields.
    public var headers: HTTPHeaders
    /// The server's version.
    public var version: HTTPVersion
    /// Whether the connection may carry another request afterwards (RFC 9112 §9.3).
    public var keepAlive: Bool
    /// How the body is delimited.
    public var bodyLength: HTTPBodyLength

    /// A response head, as the parser makes them; for tests of what reads one.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - headers: The fields.
    ///   - version: The server's version.
    ///   - keepAlive: Whether the connection stays open.
    ///   - bodyLength: How the body is delimited.
    public init(
        status: HTTPStatus,
        headers: HTTPHeaders,
        version: HTTPVersion = .http11,
        keepAlive: Bool = true,
        bodyLength: HTTPBodyLength = .none
    ) {
        self.status = status
        self.headers = headers
        self.version = version
        self.keepAlive = keepAlive
        self.bodyLength = bodyLength
    }
}

/// An incremental HTTP/1.1 response parser, the client's mirror of ``HTTPRequestParser``.
///
/// A response's framing depends on the request it answers: the answer to `HEAD` has no
/// body whatever its headers say. So before each request is sent, the client tells the
/// parser with ``expectResponse(to:)``; answers come back in the same order.
///
/// Its body rules are RFC 9112 §6.3 from the receiving side: no body for `HEAD`, 1xx,
/// 204 and 304; chunked if `Transfer-Encoding` ends in `chunked`; else `Content-Length`;
/// else the body runs until the server closes the connection (``finishInput()`` ends it).
/// A 1xx response (`100 Continue`) is reported as a head with no body, and the final
/// response to the same request follows it.
public struct HTTPResponseParser: Sendable {
    /// What the parser found.
    public enum Event: Hashable, Sendable {
        /// Nothing more until more bytes arrive.
        case needMoreData
        /// A response head.
        case head(HTTPClientResponseHead)
        /// A piece of the body.
        case body([UInt8])
        /// The response is complete.
        case end(trailers: HTTPHeaders)
    }

    private enum State {
        case head(HeadScanner)
        case body(BodyDecoder)
        case failed(HTTPParseError)
    }

    private var state = State.head(HeadScanner(hasStartLine: true))
    private var input = InputBuffer()
    private var requestMethods: [HTTPMethod] = []
    private let limits: HTTPRequestParser.Limits

    /// A parser; `limits` bound the status line, the header fields and the body.
    ///
    /// - Parameter limits: The limits (the target limit bounds the status line).
    public init(limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()) {
        self.limits = limits
    }

    /// Says a request with `method` was sent, so its response comes next in line.
    ///
    /// - Parameter method: The request's method.
    public mutating func expectResponse(to method: HTTPMethod) {
        requestMethods.append(method)
    }

    /// Adds received bytes.
    ///
    /// - Parameter bytes: The bytes.
    public mutating func append(_ bytes: [UInt8]) {
        input.append(bytes)
    }

    /// Parses the next event.
    ///
    /// - Returns: What was found.
    /// - Throws: ``HTTPParseError``.
    public mutating func next() throws(HTTPParseError) -> Event {
        do {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event {
        switch state {
        case .failed(let error):
            throw error
        case .head(var scanner):
            let scannerLimits = limits.scannerLimits
            let scanned = try input.withUnparsedBytes { (bytes) throws(HTTPParseError) in
                try scanner.scan(bytes, limits: scannerLimits)
            }
            guard let length = scanned, let startLineEnd = scanner.startLineEnd else {
                state = .head(scanner)
                return .needMoreData
            }
            let method = requestMethods.first ?? .get
            let head = try input.withUnparsedBytes { (bytes) throws(HTTPParseError) in
                try Self.parseHead(
                    bytes,
                    startLineEnd: startLineEnd,
                    length: length,
                    method: method
                )
            }
            input.consume(length)
            if !head.status.isInformational && !requestMethods.isEmpty {
                requestMethods.removeFirst()
            }
            state = .body(BodyDecoder(head.bodyLength, limits: limits))
            return .head(head)
        case .body(var decoder):
            let event = try decoder.next(&input)
            state = .body(decoder)
            switch event {
            case .needMoreData:
                return .needMoreData
            case .body(let bytes):
                return .body(bytes)
            case .end(let trailers):
                state = .head(HeadScanner(hasStartLine: true))
                return .end(trailers: trailers)
            }
        }
    }

    /// Tells the parser the server closed the connection.
    ///
    /// - Returns: ``Event/end(trailers:)`` if that ended a body that runs until close;
    ///   `nil` between responses.
    /// - Throws: ``HTTPParseError/unexpectedEndOfInput`` if a response was cut short.
    public mutating func finishInput() throws(HTTPParseError) -> Event? {
        switch state {
        case .body(let decoder) where decoder.endsWhenInputEnds:
            state = .head(HeadScanner(hasStartLine: true))
            return .end(trailers: HTTPHeaders())
        case .head(let scanner) where !scanner.hasStarted && input.isEmpty:
            return nil
        case .failed(let error):
            throw error
        default:
            state = .failed(.unexpectedEndOfInput)
            throw .unexpectedEndOfInput
        }
    }

    /// Removes and returns the bytes received but not parsed (after a `101`).
    ///
    /// - Returns: The bytes.
    public mutating func takeUnparsedBytes() -> [UInt8] {
        input.takeAll()
    }

    /// Parses `HTTP-version SP status-code SP [reason-phrase]` and the fields, and
    /// decides how the body is delimited (RFC 9112 §4, §6.3).
    static func parseHead(
        _ bytes: UnsafeBufferPointer<UInt8>,
        startLineEnd: Int,
        length: Int,
        method: HTTPMethod
    ) throws(HTTPParseError) -> HTTPClientResponseHead {
        let line = bytes[0..<startLineEnd]
        let text = FieldLineParser.text(line.prefix(200))
        guard line.count >= 12, line.starts(with: "HTTP/1.".utf8),
            let minor = RequestHeadParser.decimalDigit(line[7]), line[8] == HTTPSyntax.space,
            let hundreds = RequestHeadParser.decimalDigit(line[9]),
            let tens = RequestHeadParser.decimalDigit(line[10]),
            let ones = RequestHeadParser.decimalDigit(line[11]),
            line.count == 12 || line[12] == HTTPSyntax.space, hundreds >= 1
        else { throw .badStatusLine(text) }
        let reason = line.count > 13 ? FieldLineParser.text(line[13...]) : ""
        let status = HTTPStatus(code: hundreds * 100 + tens * 10 + ones, reasonPhrase: reason)
        let version = minor == 0 ? HTTPVersion.http10 : .http11
        var framing = MessageFraming()
        let headers = try FieldLineParser.parseSection(
            bytes,
            from: startLineEnd + 2,
            to: length - 2
        ) {
            field in framing.note(field)
        }
        // snippet: response-body-rules
        let bodyLength: HTTPBodyLength
        if method == .head || status.forbidsBody {
            bodyLength = .none
        } else if let last = framing.transferCodings.last {
            // §6.3 rule 4: chunked last means chunked; any other coding, until close.
            bodyLength =
                HTTPSyntax.equalsIgnoringCase(last.utf8, "chunked") ? .chunked : .untilClose
        } else if let problem = framing.contentLengthProblem {
            throw problem
        } else if let contentLength = framing.contentLength {
            bodyLength = contentLength == 0 ? .none : .fixed(contentLength)
        } else {
            bodyLength = .untilClose
        }
        // end-snippet
        return HTTPClientResponseHead(
            status: status,
            headers: headers,
            version: version,
            keepAlive: framing.keepsAlive(version: version) && bodyLength != .untilClose,
            bodyLength: bodyLength
        )
    }
}
