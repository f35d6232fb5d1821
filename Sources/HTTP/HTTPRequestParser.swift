/// An incremental HTTP/1.1 request parser: bytes in; a head, body pieces and an end out.
///
/// TCP delivers a byte stream, not messages, so the parser is a state machine that never
/// assumes a request arrived whole. Feed it whatever was read with ``append(_:)``, then
/// call ``next()`` until it says ``Event/needMoreData``:
///
/// ```
///   head ──▶ body bytes … ──▶ end ──▶ head ──▶ …      (pipelined requests, in order)
/// ```
///
/// It does no I/O, so tests feed it bytes in any split they like, and the server and the
/// `http-parse` demo use the very same code. Once it throws, it keeps throwing the same
/// error: after a framing error nobody knows where the next request would start.
public struct HTTPRequestParser: Sendable {
    /// The limits, each of which has a status the server answers with.
    public struct Limits: Hashable, Sendable {
        /// The longest request-target, in bytes (`414`).
        public var maximumTargetLength = 8 * 1024
        /// The most bytes of header field lines (`431`).
        public var maximumHeaderBytes = 16 * 1024
        /// The most header field lines (`431`).
        public var maximumHeaderCount = 100
        /// The largest body, in bytes (`413`).
        public var maximumBodySize = 8 * 1024 * 1024

        /// The defaults.
        public init() {}

        var scannerLimits: HeadScanner.Limits {
            HeadScanner.Limits(
                maximumTargetLength: maximumTargetLength,
                maximumFieldBytes: maximumHeaderBytes,
                maximumFieldCount: maximumHeaderCount
            )
        }
    }

    // snippet: parser-events
    /// What the parser found.
    public enum Event: Hashable, Sendable {
        /// Nothing more can be parsed until more bytes arrive.
        case needMoreData
        /// A request's head; its body (if any) follows as ``body(_:)`` events.
        case head(HTTPRequestHead)
        /// A piece of the current request's body, in order, already de-chunked.
        case body([UInt8])
        /// The current request is complete; `trailers` are a chunked body's trailer fields.
        case end(trailers: HTTPHeaders)
    }

    private enum State {
        case head(HeadScanner)
        case body(BodyDecoder)
        case failed(HTTPParseError)
    }
    // end-snippet

    /// The limits this parser enforces.
    public let limits: Limits
    private var state = State.head(HeadScanner(hasStartLine: true))
    private var input = InputBuffer()

    /// A parser waiting for the first request.
    ///
    /// - Parameter limits: The limits to enforce.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Adds bytes read from the connection.
    ///
    /// - Parameter bytes: The bytes, in the order they arrived.
    public mutating func append(_ bytes: [UInt8]) {
        input.append(bytes)
    }

    /// Parses the next event from the bytes appended so far.
    ///
    /// - Returns: What was found; ``Event/needMoreData`` when the bytes run out.
    /// - Throws: ``HTTPParseError``; its ``HTTPParseError/status`` is the answer to send.
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
            if !skipEmptyLinesBeforeRequest(scanner) { return .needMoreData }
            let scannerLimits = limits.scannerLimits
            let length = try input.withUnparsedBytes { (bytes) throws(HTTPParseError) in
                try scanner.scan(bytes, limits: scannerLimits)
            }
            guard let length, let startLineEnd = scanner.startLineEnd else {
                state = .head(scanner)
                return .needMoreData
            }
            let head = try input.withUnparsedBytes { (bytes) throws(HTTPParseError) in
                try RequestHeadParser.parse(
                    bytes,
                    startLineEnd: startLineEnd,
                    headLength: length,
                    limits: limits
                )
            }
            input.consume(length)
            // A request body never runs until close: without a length it has none.
            let bodyLength = head.bodyLength == .untilClose ? .none : head.bodyLength
            state = .body(BodyDecoder(bodyLength, limits: limits))
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

    /// Skips empty lines before a request line.
    ///
    /// RFC 9112 §2.2: a server should ignore them (some old clients send an extra CR LF
    /// after a POST body). Returns `false` while a lone CR
    /// leaves it undecided whether an empty line or a (malformed) request line begins.
    private mutating func skipEmptyLinesBeforeRequest(_ scanner: HeadScanner) -> Bool {
        guard !scanner.hasStarted else { return true }
        while input.count >= 2 && input[0] == HTTPSyntax.carriageReturn
            && input[1] == HTTPSyntax.lineFeed
        {
            input.consume(2)
        }
        return !(input.count == 1 && input[0] == HTTPSyntax.carriageReturn)
    }

    /// Tells the parser the peer closed its side.
    ///
    /// - Throws: ``HTTPParseError/unexpectedEndOfInput`` if a request was incomplete.
    public mutating func finishInput() throws(HTTPParseError) {
        if case .failed(let error) = state { throw error }
        if !isBetweenMessages {
            state = .failed(.unexpectedEndOfInput)
            throw .unexpectedEndOfInput
        }
    }

    /// Whether no part of a request is buffered or in progress (only empty lines, if any).
    public var isBetweenMessages: Bool {
        guard case .head(let scanner) = state else { return false }
        if scanner.hasStarted { return false }
        for offset in 0..<input.count
        where input[offset] != HTTPSyntax.carriageReturn
            && input[offset] != HTTPSyntax.lineFeed
        {
            return false
        }
        return true
    }

    /// Whether part of a request head has arrived but not all of it: the server's header
    /// timeout runs while this is `true`.
    public var hasPartialHead: Bool {
        guard case .head = state else { return false }
        return !isBetweenMessages
    }

    /// Removes and returns the bytes received but not parsed: after a protocol upgrade
    /// they belong to the new protocol.
    ///
    /// - Returns: The unparsed bytes.
    public mutating func takeUnparsedBytes() -> [UInt8] {
        input.takeAll()
    }
}
