import HTTP
import Testing

@Suite("Request smuggling shapes are refused with 400 (RFC 9112 §6.3)")
struct SmugglingTests {
    static let shapes: [(String, String, HTTPParseError)] = [
        (
            "Content-Length and Transfer-Encoding together",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
            .contentLengthWithTransferEncoding
        ),
        (
            "Transfer-Encoding first, then Content-Length",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
            .contentLengthWithTransferEncoding
        ),
        (
            "two different Content-Length values",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n",
            .conflictingContentLengths
        ),
        (
            "a Content-Length list with different values",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4, 5\r\n\r\n",
            .conflictingContentLengths
        ),
        (
            "a chunk size that would overflow a 64-bit counter",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10000000000000010\r\nabcd\r\n",
            .chunkSizeTooLarge
        ),
        (
            "chunked that is not the final coding",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
            .chunkedNotLast
        ),
        (
            "Transfer-Encoding in HTTP/1.0",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
            .transferEncodingInHTTP10
        ),
        (
            "whitespace before the colon of Transfer-Encoding",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n",
            .whitespaceBeforeColon("Transfer-Encoding ")
        ),
    ]

    @Test("each shape is refused with 400", arguments: shapes)
    func refused(name: String, text: String, error: HTTPParseError) {
        let outcome = parse(bytes(text))
        #expect(outcome.error == error, "\(name)")
        #expect(outcome.error?.status == .badRequest, "\(name)")
        #expect(outcome.requests.isEmpty)
    }

    @Test("the same Content-Length repeated is one length, not a conflict")
    func repeatedSameLength() {
        let outcome = parse(
            bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
        )
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.body == bytes("abc"))
    }

    @Test("leading zeros in a chunk size are not counted as size")
    func leadingZeros() {
        let outcome = parse(
            bytes(
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "00000000000000000003\r\nabc\r\n0\r\n\r\n"
            )
        )
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.body == bytes("abc"))
    }
}
