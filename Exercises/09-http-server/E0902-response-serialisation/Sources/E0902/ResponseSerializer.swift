// Exercise 9.2: serialising a response, and refusing response splitting.
// Read the task in ../../README.md; check it with `swift run grade 9.2`.

import ExerciseSupport
import HTTP
import HTTPExerciseSupport

/// How a response's body is delimited on the wire (RFC 9112 §6).
public enum ResponseFraming: Equatable, Sendable {
    /// No body and no `Content-Length` (1xx, 204, 304).
    case none
    /// `Content-Length: n`; `HEAD` responses state it but send no body.
    case fixed(Int)
    /// `Transfer-Encoding: chunked`: for a streamed body of unknown length (HTTP/1.1).
    case chunked
    /// The body ends when the connection closes: an HTTP/1.0 client cannot read chunks.
    case untilClose
}

/// What the `Connection` field of a response says.
public enum ConnectionOption: Sendable {
    /// Nothing: the default for the version applies (or the handler's own field, as in a
    /// `101` upgrade).
    case unstated
    /// `Connection: close`: this is the last response on the connection.
    case close
    /// `Connection: keep-alive`: tells an HTTP/1.0 client the connection stays open.
    case keepAlive
}

/// Turns response heads and body pieces into the bytes that go on the wire.
public enum ResponseSerializer {
    /// `HTTP/1.1 100 Continue` and an empty line: "go ahead, send the body".
    public static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

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
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public static func writeHead(
        _ head: HTTPResponseHead,
        framing: ResponseFraming,
        connection: ConnectionOption,
        dateLine: [UInt8],
        into output: inout [UInt8]
    ) throws {
        // TODO(E0902): "HTTP/1.1 ", the code, a space, the reason phrase, CR LF; the date
        // line as it is; each of the handler's fields as "Name: value" CR LF, except the
        // ones the server owns (Date, Content-Length, Transfer-Encoding; Connection unless
        // the option is .unstated), compared without regard to case; the framing field;
        // the Connection field; the empty line.
        throw Unimplemented(
            "E0902: ResponseSerializer.writeHead(_:framing:connection:dateLine:into:)"
        )
    }

    /// Why a head must not be sent, or `nil` if it is safe.
    ///
    /// A CR or LF in a field or in the reason phrase would let whoever chose that text
    /// end the head early and write fields, or a whole response, of their own: *response
    /// splitting*. Such a head is refused, never sent.
    ///
    /// - Parameter head: The head a handler asked to send.
    /// - Returns: A description of the problem, or `nil`.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public static func problem(with head: HTTPResponseHead) throws -> String? {
        // TODO(E0902): a code outside 100...999; a reason phrase with a byte that may not
        // appear in a field value; a field whose name is empty or not a token, or whose
        // value has such a byte. Write the checks with HTTPSyntax (not HTTPField.isValid).
        throw Unimplemented("E0902: ResponseSerializer.problem(with:)")
    }

    /// One chunk: its size in hex, CR LF, the bytes, CR LF (RFC 9112 §7.1).
    ///
    /// - Parameter bytes: A non-empty piece of the body.
    /// - Returns: The chunk's bytes.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public static func chunk(_ bytes: [UInt8]) throws -> [UInt8] {
        // TODO(E0902): the size in lower-case hex without leading zeros.
        throw Unimplemented("E0902: ResponseSerializer.chunk(_:)")
    }

    /// The last chunk, `0`, then the trailer fields and the empty line.
    ///
    /// - Parameter trailers: Trailer fields, already validated.
    /// - Returns: The bytes that end a chunked body.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public static func lastChunk(trailers: HTTPHeaders) throws -> [UInt8] {
        // TODO(E0902): "0" CR LF, each trailer as "Name: value" CR LF, then CR LF.
        throw Unimplemented("E0902: ResponseSerializer.lastChunk(trailers:)")
    }

    /// The bytes of a complete response, as the server's `respond` sends them.
    ///
    /// A head with a problem, or an interim (1xx) status, is never sent: a plain
    /// `500 Internal Server Error` (`HTTPResponse.error(.internalServerError)`) goes
    /// instead. 1xx, 204 and 304 have no body and no `Content-Length`; every other status
    /// gets `Content-Length`, and the answer to `HEAD` states it but sends no body.
    ///
    /// - Parameters:
    ///   - response: The handler's response.
    ///   - isHeadRequest: Whether the request was `HEAD`.
    ///   - connection: What to say in `Connection`.
    ///   - dateLine: `Date: ...\r\n`.
    /// - Returns: The head and the body, ready to write.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public static func serialize(
        _ response: HTTPResponse,
        isHeadRequest: Bool,
        connection: ConnectionOption,
        dateLine: [UInt8]
    ) throws -> [UInt8] {
        // TODO(E0902): refuse (500 instead), choose the framing, write the head, and
        // append the body unless there must not be one.
        throw Unimplemented(
            "E0902: ResponseSerializer.serialize(_:isHeadRequest:connection:dateLine:)"
        )
    }

    /// Appends a non-negative number's decimal digits without building a `String` (given).
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - output: Where the digits go.
    public static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &output) }
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
