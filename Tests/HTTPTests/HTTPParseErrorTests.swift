import HTTP
import Testing

@Suite("Request parser: every malformed shape gets its status")
struct HTTPParseErrorTests {
    static let host = "Host: a\r\n"

    /// A malformed request, the error it must cause, and the status that error maps to.
    static let vectors: [(String, HTTPParseError, Int)] = [
        ("GET /\r\nHost: a\r\n\r\n", .badRequestLine("GET /"), 400),
        ("GET  / HTTP/1.1\r\n\(host)\r\n", .badRequestLine("GET  / HTTP/1.1"), 400),
        ("GET / http/1.1\r\n\(host)\r\n", .badRequestLine("GET / http/1.1"), 400),
        ("G@T / HTTP/1.1\r\n\(host)\r\n", .badRequestLine("G@T / HTTP/1.1"), 400),
        ("GET / HTTP/2.0\r\n\(host)\r\n", .unsupportedVersion("HTTP/2.0"), 505),
        ("GET foo HTTP/1.1\r\n\(host)\r\n", .badTarget("foo"), 400),
        ("GET / HTTP/1.1\nHost: a\r\n\r\n", .badLineEnding, 400),
        ("GET / HTTP/1.1\r\nHost: a\n\r\n", .badLineEnding, 400),
        ("GET / HTTP/1.1\r\nHost a\r\n\r\n", .badFieldName("Host a"), 400),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", .whitespaceBeforeColon("Host "), 400),
        ("GET / HTTP/1.1\r\n\(host)X: 1\r\n  folded\r\n\r\n", .obsoleteLineFolding, 400),
        ("GET / HTTP/1.1\r\n\(host)X: a\u{0}b\r\n\r\n", .badFieldValue(name: "X"), 400),
        ("GET / HTTP/1.1\r\n\(host)X: a\rb\r\n\r\n", .badFieldValue(name: "X"), 400),
        ("GET / HTTP/1.1\r\nUser-Agent: x\r\n\r\n", .missingHost, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .badHost("b"), 400),
        ("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .badHost("a b"), 400),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: 1x\r\n\r\n", .badContentLength("1x"), 400),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", .badContentLength("-1"), 400),
        (
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n",
            .unsupportedTransferCoding("gzip"), 501
        ),
        ("POST / HTTP/1.1\r\n\(host)Expect: tea\r\n\r\n", .unsupportedExpectation("tea"), 417),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nzz\r\n", .badChunkSize, 400),
        (
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n",
            .missingChunkTerminator, 400
        ),
    ]

    @Test("each malformed request fails with its error and status", arguments: vectors)
    func malformed(text: String, error: HTTPParseError, status: Int) {
        let outcome = parse(bytes(text))
        #expect(outcome.error == error)
        #expect(outcome.error?.status.code == status)
    }

    @Test(
        "the same error whether the request arrives whole or one byte at a time",
        arguments: vectors
    )
    func malformedByteAtATime(text: String, error: HTTPParseError, status: Int) {
        let all = bytes(text)
        #expect(parse(all, cuts: Array(1..<all.count)).error == error)
    }

    @Test("a request-target over the limit is a 414, as soon as it is too long")
    func targetTooLong() {
        var limits = HTTPRequestParser.Limits()
        limits.maximumTargetLength = 100
        let long = "GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(parse(bytes(long), limits: limits).error == .targetTooLong(limit: 100))
        // Without the end of the line: refused before the rest arrives.
        let endless = "GET /" + String(repeating: "a", count: 500)
        #expect(parse(bytes(endless), limits: limits).error == .targetTooLong(limit: 100))
    }

    @Test("header bytes or count over the limit are a 431, before the head is complete")
    func headersTooLarge() {
        var limits = HTTPRequestParser.Limits()
        limits.maximumHeaderBytes = 200
        limits.maximumHeaderCount = 5
        let big = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "b", count: 300)
        #expect(parse(bytes(big), limits: limits).error == .headersTooLarge(limit: 200))
        let many = "GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X: 1\r\n", count: 6)
        #expect(parse(bytes(many), limits: limits).error == .tooManyHeaders(limit: 5))
        #expect(parse(bytes(many), limits: limits).error?.status.code == 431)
    }

    @Test("a body over the limit is a 413: at once for Content-Length, mid-way for chunks")
    func bodyTooLarge() {
        var limits = HTTPRequestParser.Limits()
        limits.maximumBodySize = 10
        let fixed = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n"
        #expect(parse(bytes(fixed), limits: limits).error == .bodyTooLarge(limit: 10))
        let chunked =
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n"
        let outcome = parse(bytes(chunked), limits: limits)
        #expect(outcome.error == .bodyTooLarge(limit: 10))
        #expect(outcome.error?.status == .contentTooLarge)
    }

    @Test("after an error the parser keeps failing: the rest of the stream cannot be trusted")
    func errorsAreSticky() {
        var parser = HTTPRequestParser()
        parser.append(bytes("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(throws: HTTPParseError.self) { try parser.next() }
    }
}
