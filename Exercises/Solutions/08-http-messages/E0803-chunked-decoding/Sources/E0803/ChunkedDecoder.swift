// Exercise 8.3, solved: the chunked body decoder.
// The library's version is Sources/HTTP/ChunkedDecoder.swift.

import ExerciseSupport
import HTTP
import HTTPExerciseSupport

/// Decodes a `Transfer-Encoding: chunked` body (RFC 9112 §7.1), a piece at a time.
///
/// ```
///   1a;name=value CRLF          chunk-size in hex, optional extensions
///   <26 bytes of data> CRLF
///   0 CRLF                      the last chunk
///   Trailer: value CRLF         optional trailer fields
///   CRLF
/// ```
///
/// Chunking lets a sender stream a body whose length it does not know in advance. Both
/// the request parser and the client's response parser use this decoder.
public struct ChunkedDecoder: Sendable {
    /// What the decoder produced.
    public enum Output: Equatable, Sendable {
        /// The input ran out before anything more could be decoded.
        case needMoreData
        /// Some body bytes: all or part of a chunk's data.
        case data([UInt8])
        /// The last chunk and the trailer section have arrived.
        case end(trailers: HTTPHeaders)
    }

    private enum State {
        case size  // waiting for a chunk-size line
        case data(remaining: Int)  // inside a chunk's data
        case dataEnd  // waiting for the CR LF after a chunk's data
        case trailers(HeadScanner)  // after the last chunk: the trailer section
        case done
    }

    /// The longest chunk-size line, extensions included; nobody needs more.
    public static let maximumSizeLineLength = 4096
    private var state = State.size
    private var total = 0  // body bytes announced so far
    private let maximumBodySize: Int
    private let trailerLimits: HeadScanner.Limits

    /// A decoder at the start of a body.
    ///
    /// - Parameters:
    ///   - maximumBodySize: The largest body accepted, in bytes (`413` past it).
    ///   - trailerLimits: The limits for the trailer section.
    public init(maximumBodySize: Int, trailerLimits: HeadScanner.Limits) {
        self.maximumBodySize = maximumBodySize
        self.trailerLimits = trailerLimits
    }

    /// Decodes what it can from the front of `input`.
    ///
    /// - Parameter input: Unparsed bytes; what is decoded is removed from its front, and
    ///   whatever follows the body (the next request) is left there.
    /// - Returns: Body bytes, the end with its trailers, or "need more".
    /// - Throws: `HTTPParseError`.
    public mutating func next(_ input: inout InputBuffer) throws(HTTPParseError) -> Output {
        while true {
            switch state {
            case .size:
                guard let size = try readSizeLine(&input) else { return .needMoreData }
                if size == 0 {
                    state = .trailers(HeadScanner(hasStartLine: false))
                } else {
                    total += size
                    if total > maximumBodySize { throw .bodyTooLarge(limit: maximumBodySize) }
                    state = .data(remaining: size)
                }
            case .data(let remaining):
                if input.isEmpty { return .needMoreData }
                let length = min(remaining, input.count)
                state = remaining == length ? .dataEnd : .data(remaining: remaining - length)
                return .data(input.take(length))
            case .dataEnd:
                if input.count < 2 { return .needMoreData }
                guard input[0] == HTTPSyntax.carriageReturn, input[1] == HTTPSyntax.lineFeed else {
                    throw .missingChunkTerminator
                }
                input.consume(2)
                state = .size
            case .trailers(var scanner):
                let limits = trailerLimits
                let length = try input.withUnparsedBytes { (bytes) throws(HTTPParseError) in
                    try scanner.scan(bytes, limits: limits)
                }
                guard let length else {
                    state = .trailers(scanner)
                    return .needMoreData
                }
                let trailers = try input.withUnparsedBytes { (bytes) throws(HTTPParseError) in
                    try FieldLineParser.parseSection(bytes, from: 0, to: length - 2)
                }
                input.consume(length)
                state = .done
                return .end(trailers: trailers)
            case .done:
                return .end(trailers: HTTPHeaders())
            }
        }
    }

    /// Reads `chunk-size [ chunk-ext ] CRLF` and returns the size, or `nil` until the
    /// whole line has arrived.
    ///
    /// The size is hexadecimal with no stated maximum, which is the trap: a parser that
    /// keeps multiplying by 16 overflows, and `1_0000_0000_0000_0010` may wrap around to
    /// `0x10`, so the attacker's "body" ends early and the rest is read as a new request.
    /// Fifteen significant hex digits (about 10^18) is beyond any real body, so more is
    /// refused. Extensions (`;name=value`) are allowed and ignored, as §7.1.1 says.
    ///
    /// - Parameter input: Unparsed bytes; the line is removed once it is complete.
    /// - Returns: The size, or `nil` if the line's LF has not arrived yet.
    /// - Throws: `HTTPParseError`.
    private func readSizeLine(_ input: inout InputBuffer) throws(HTTPParseError) -> Int? {
        let found = try input.withUnparsedBytes { (bytes) throws(HTTPParseError) -> (Int, Int)? in
            let window = bytes.prefix(Self.maximumSizeLineLength)
            guard let lineFeed = window.firstIndex(of: HTTPSyntax.lineFeed) else {
                if bytes.count >= Self.maximumSizeLineLength { throw .badChunkSize }
                return nil
            }
            guard lineFeed > 0, bytes[lineFeed - 1] == HTTPSyntax.carriageReturn else {
                throw .badLineEnding
            }
            let lineEnd = lineFeed - 1
            var index = 0
            var size = 0
            var significantDigits = 0
            while index < lineEnd, let digit = HTTPSyntax.hexValue(bytes[index]) {
                if size > 0 || digit > 0 { significantDigits += 1 }
                if significantDigits > 15 { throw .chunkSizeTooLarge }
                size = size << 4 | Int(digit)
                index += 1
            }
            guard index > 0 else { throw .badChunkSize }
            while index < lineEnd && HTTPSyntax.isWhitespace(bytes[index]) { index += 1 }
            if index < lineEnd {
                guard bytes[index] == UInt8(ascii: ";"),
                    bytes[index..<lineEnd].allSatisfy(HTTPSyntax.isFieldValueCharacter)
                else { throw .badChunkSize }
            }
            return (size, lineFeed + 1)
        }
        guard let (size, lineLength) = found else { return nil }
        input.consume(lineLength)
        return size
    }
}
