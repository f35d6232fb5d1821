/// Why a message could not be parsed, and which status the server answers with.
///
/// Every case names one rule of RFC 9112 that the bytes broke. After any of them the
/// server answers with ``status`` and closes the connection: once the framing of one
/// message is in doubt, nobody can say where the next one starts (RFC 9112 §6.3).
public enum HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request line is not `method SP request-target SP HTTP-version` (RFC 9112 §3).
    case badRequestLine(String)
    /// The status line is not `HTTP-version SP status-code SP [reason-phrase]` (§4).
    case badStatusLine(String)
    /// The request-target is not in a form this method allows (RFC 9112 §3.2).
    case badTarget(String)
    /// The request-target is longer than the limit (answered with `414`).
    case targetTooLong(limit: Int)
    /// A version other than HTTP/1.0 or HTTP/1.1 (answered with `505`).
    case unsupportedVersion(String)
    /// A line ended in a lone LF, or a CR stood alone (RFC 9112 §2.2).
    case badLineEnding
    /// A field line has no colon, or its name is not a token (RFC 9112 §5).
    case badFieldName(String)
    /// Whitespace between a field name and its colon (RFC 9112 §5.1).
    case whitespaceBeforeColon(String)
    /// A field value holds a control character such as NUL (RFC 9110 §5.5).
    case badFieldValue(name: String)
    /// A field line starts with whitespace: obsolete line folding (RFC 9112 §5.2).
    case obsoleteLineFolding
    /// The header section is larger than the limit, in bytes (answered with `431`).
    case headersTooLarge(limit: Int)
    /// More header field lines than the limit (answered with `431`).
    case tooManyHeaders(limit: Int)
    /// An HTTP/1.1 request without `Host` (RFC 9112 §3.2).
    case missingHost
    /// More than one `Host`, or one that is not a valid host (RFC 9112 §3.2).
    case badHost(String)
    /// `Content-Length` is not a number (RFC 9112 §6.3, rule 5).
    case badContentLength(String)
    /// Several `Content-Length` values that differ (RFC 9112 §6.3, rule 5).
    case conflictingContentLengths
    /// Both `Content-Length` and `Transfer-Encoding`: a request-smuggling shape
    /// (RFC 9112 §6.3, rule 3).
    case contentLengthWithTransferEncoding
    /// `Transfer-Encoding` in an HTTP/1.0 message, whose framing is then faulty (§6.1).
    case transferEncodingInHTTP10
    /// `chunked` is not the last transfer coding, so the body has no end (§6.3, rule 4).
    case chunkedNotLast
    /// A transfer coding other than `chunked` (answered with `501`, RFC 9112 §6.1).
    case unsupportedTransferCoding(String)
    /// A chunk-size line that is not hexadecimal digits with optional extensions (§7.1).
    case badChunkSize
    /// A chunk size too large to be real: a smuggling shape that overflows counters.
    case chunkSizeTooLarge
    /// A chunk's data was not followed by CR LF (RFC 9112 §7.1).
    case missingChunkTerminator
    /// The body is larger than the limit, in bytes (answered with `413`).
    case bodyTooLarge(limit: Int)
    /// An `Expect` value other than `100-continue` (answered with `417`, RFC 9110 §10.1.1).
    case unsupportedExpectation(String)
    /// The peer closed the connection in the middle of a message.
    case unexpectedEndOfInput

    /// The status a server answers with.
    public var status: HTTPStatus {
        switch self {
        case .targetTooLong: .uriTooLong
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedTransferCoding: .notImplemented
        case .unsupportedExpectation: .expectationFailed
        default: .badRequest
        }
    }

    /// What went wrong, for logs and error pages.
    public var description: String {
        switch self {
        case .badRequestLine(let line): "malformed request line \(line.debugDescription)"
        case .badStatusLine(let line): "malformed status line \(line.debugDescription)"
        case .badTarget(let target): "request-target \(target.debugDescription) is not allowed"
        case .targetTooLong(let limit): "request-target longer than \(limit) bytes"
        case .unsupportedVersion(let version): "unsupported version \(version.debugDescription)"
        case .badLineEnding: "a line ended without CR LF"
        case .badFieldName(let name): "malformed header field name \(name.debugDescription)"
        case .whitespaceBeforeColon(let name):
            "whitespace between field name \(name.debugDescription) and its colon"
        case .badFieldValue(let name): "control character in the value of \(name)"
        case .obsoleteLineFolding: "obsolete line folding (a field line starting with space)"
        case .headersTooLarge(let limit): "header section larger than \(limit) bytes"
        case .tooManyHeaders(let limit): "more than \(limit) header fields"
        case .missingHost: "HTTP/1.1 request without Host"
        case .badHost(let host): "invalid or repeated Host \(host.debugDescription)"
        case .badContentLength(let value): "invalid Content-Length \(value.debugDescription)"
        case .conflictingContentLengths: "several different Content-Length values"
        case .contentLengthWithTransferEncoding: "both Content-Length and Transfer-Encoding"
        case .transferEncodingInHTTP10: "Transfer-Encoding in an HTTP/1.0 message"
        case .chunkedNotLast: "chunked is not the final transfer coding"
        case .unsupportedTransferCoding(let coding):
            "unsupported transfer coding \(coding.debugDescription)"
        case .badChunkSize: "malformed chunk size line"
        case .chunkSizeTooLarge: "chunk size too large"
        case .missingChunkTerminator: "chunk data not followed by CR LF"
        case .bodyTooLarge(let limit): "body larger than \(limit) bytes"
        case .unsupportedExpectation(let value): "unsupported expectation \(value.debugDescription)"
        case .unexpectedEndOfInput: "the connection closed in the middle of a message"
        }
    }
}
