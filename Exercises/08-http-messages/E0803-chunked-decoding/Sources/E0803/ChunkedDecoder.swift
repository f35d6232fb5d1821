// Exercise 8.3: the chunked body decoder.
// Read the task in ../../README.md; check it with `swift run grade 8.3`.

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
    /// - Throws: `HTTPParseError`. The starter throws ``Unimplemented``.
    public mutating func next(_ input: inout InputBuffer) throws -> Output {
        // TODO(E0803): loop over the states. `.size`: read a size line (readSizeLine);
        // 0 starts the trailers, anything else counts against maximumBodySize and starts
        // `.data`. `.data`: hand out what is there, up to the chunk's end, at once.
        // `.dataEnd`: CR LF must follow the data. `.trailers`: a HeadScanner without a
        // start line finds the section's end, FieldLineParser.parseSection parses it.
        throw Unimplemented("E0803: ChunkedDecoder.next(_:)")
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
    /// - Throws: `HTTPParseError`. The starter throws ``Unimplemented``.
    private func readSizeLine(_ input: inout InputBuffer) throws -> Int? {
        // TODO(E0803): look for the LF in the first maximumSizeLineLength bytes only
        // (none there, and that many bytes waiting: badChunkSize); it must follow a CR.
        // Hex digits, then optional whitespace, then nothing or ";" and extension bytes.
        throw Unimplemented("E0803: ChunkedDecoder.readSizeLine(_:)")
    }
}
