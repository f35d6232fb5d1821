import E0801
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Sockets
import Testing

/// Parses `line` as the library would: a slice of a larger input, not starting at index 0.
///
/// The bytes before it stand for the end of an earlier request on the same connection,
/// and the CR LF after it for the rest of this one.
private func parse(_ line: [UInt8], limit: Int = 8192) throws -> (HTTPMethod, String, HTTPVersion) {
    let before = Array("\r\n\r\n...".utf8)
    let input = before + line + Array("\r\nHost: x\r\n\r\n".utf8)
    return try input.withUnsafeBufferPointer { buffer in
        try E0801.RequestHeadParser.parseRequestLine(
            buffer[before.count..<before.count + line.count],
            maximumTargetLength: limit
        )
    }
}

/// The same, for a line written as text.
private func parse(_ line: String, limit: Int = 8192) throws -> (HTTPMethod, String, HTTPVersion) {
    try parse(Array(line.utf8), limit: limit)
}

/// One line of a test: what was parsed, or the error, as text for a readable comparison.
private func outcome(_ line: [UInt8], limit: Int = 8192) -> String {
    do {
        let (method, target, version) = try parse(line, limit: limit)
        return "\(method) \(target) \(version)"
    } catch let error as HTTPParseError {
        return "\(error.status.code) \(error)"
    } catch {
        return "\(error)"
    }
}

@Suite("8.1 parseRequestLine: method SP request-target SP HTTP-version", .serialized)
struct RequestLineTests {
    @Test("a plain GET gives its method, target and version")
    func plainGet() throws {
        let (method, target, version) = try parse("GET /index.html HTTP/1.1")
        #expect(method == .get)
        #expect(target == "/index.html")
        #expect(version == .http11)
    }

    @Test("HTTP/1.0 is version 1.0; the target keeps its query and escapes as sent")
    func http10AndQuery() throws {
        let (method, target, version) = try parse("POST /search?q=caf%C3%A9&x=1 HTTP/1.0")
        #expect(method == .post)
        #expect(target == "/search?q=caf%C3%A9&x=1", "the target is not decoded here")
        #expect(version == .http10)
    }

    @Test(
        "any token is a method, kept exactly as sent (methods are case-sensitive)",
        arguments: ["PROPFIND", "M-SEARCH", "get", "X_1!#$%&'*+.^`|~"]
    )
    func methodsAreTokens(name: String) throws {
        let (method, _, _) = try parse("\(name) / HTTP/1.1")
        #expect(method == HTTPMethod(rawValue: name))
        if name == "get" { #expect(method != .get, "`get` is not `GET`") }
    }

    @Test(
        "every target form passes this step (which form a method allows is checked later)",
        arguments: ["*", "http://example.com/a?b", "example.com:443", "/"]
    )
    func targetForms(target: String) throws {
        let (_, parsed, _) = try parse("OPTIONS \(target) HTTP/1.1")
        #expect(parsed == target)
    }

    static let malformed: [(String, HTTPParseError)] = [
        ("GET /", .badRequestLine("GET /")),
        ("GET  / HTTP/1.1", .badRequestLine("GET  / HTTP/1.1")),
        (" GET / HTTP/1.1", .badRequestLine(" GET / HTTP/1.1")),
        ("GET / HTTP/1.1 ", .badRequestLine("GET / HTTP/1.1 ")),
        ("GET\t/ HTTP/1.1", .badRequestLine("GET\t/ HTTP/1.1")),
        ("G@T / HTTP/1.1", .badRequestLine("G@T / HTTP/1.1")),
        ("GET / http/1.1", .badRequestLine("GET / http/1.1")),
        ("GET / HTTP/1.x", .badRequestLine("GET / HTTP/1.x")),
        ("GET / HTTP/11", .badRequestLine("GET / HTTP/11")),
        ("GET / HTTP/1.10", .badRequestLine("GET / HTTP/1.10")),
        ("", .badRequestLine("")),
        ("GET / HTTP/2.0", .unsupportedVersion("HTTP/2.0")),
        ("GET / HTTP/1.2", .unsupportedVersion("HTTP/1.2")),
        ("GET / HTTP/0.9", .unsupportedVersion("HTTP/0.9")),
        ("GET /a\u{7F}b HTTP/1.1", .badTarget("/a\u{7F}b")),
        ("GET /café HTTP/1.1", .badTarget("/café")),
    ]

    @Test(
        "each malformed line throws its HTTPParseError, carrying the offending text",
        arguments: malformed
    )
    func malformedLines(line: String, error: HTTPParseError) {
        #expect(throws: error) { try parse(line) }
    }

    @Test("an unsupported version is a 505; a malformed line a 400")
    func statuses() {
        let unsupported = outcome(Array("GET / HTTP/2.0".utf8))
        #expect(unsupported.hasPrefix("505 "), "got \(unsupported)")
        let malformed = outcome(Array("GET/ HTTP/1.1".utf8))
        #expect(malformed.hasPrefix("400 "), "got \(malformed)")
    }

    @Test("a target of exactly the limit is fine; one byte longer throws targetTooLong (414)")
    func targetLimit() throws {
        let target = "/" + String(repeating: "a", count: 9)
        let (_, parsed, _) = try parse("GET \(target) HTTP/1.1", limit: 10)
        #expect(parsed == target)
        #expect(throws: HTTPParseError.targetTooLong(limit: 10)) {
            try parse("GET \(target)b HTTP/1.1", limit: 10)
        }
        #expect(HTTPParseError.targetTooLong(limit: 10).status.code == 414)
    }

    @Test("the error's text is the line's first 200 bytes, not a megabyte of junk")
    func errorTextIsShort() {
        let junk = "GET" + String(repeating: "x", count: 1000)
        #expect(throws: HTTPParseError.badRequestLine(String(junk.prefix(200)))) {
            try parse(junk)
        }
    }

    @Test("bytes that are not UTF-8 in the target are refused, shown as U+FFFD")
    func notUTF8() {
        let line = Array("GET /a".utf8) + [0xFF] + Array(" HTTP/1.1".utf8)
        #expect(throws: HTTPParseError.badTarget("/a\u{FFFD}")) { try parse(line) }
    }

    @Test("over a real socket: lines cut at odd places, each parsed where it lies in the input")
    func realSocket() throws {
        let (client, server) = try connectedPair()
        defer {
            client.close()
            server.close()
        }
        let lines = [
            "GET /a HTTP/1.1", "POST /b?c=d HTTP/1.0", "GET / HTTP/2.0", "DELETE  /x HTTP/1.1",
            "OPTIONS * HTTP/1.1", "GET /" + String(repeating: "z", count: 40) + " HTTP/1.1",
        ]
        let stream = Array(lines.map { $0 + "\r\n" }.joined().utf8)
        let writer = try BackgroundThread(name: "the client") {
            try client.writeInFibonacciPieces(stream)
            try client.shutdownWriting()
        }
        // The server side: read 3 bytes at a time, and parse each line in place as soon
        // as its CR LF has arrived, as the library's parser does.
        var received: [UInt8] = []
        var lineStart = 0
        var results: [String] = []
        while true {
            let piece = server.readSome(upTo: 3)
            guard piece.ending == .complete else { break }
            received += piece.bytes
            while let lineFeed = received[lineStart...].firstIndex(of: HTTPSyntax.lineFeed) {
                let line = Array(received[lineStart..<lineFeed - 1])
                results.append(outcome(line, limit: 32))
                lineStart = lineFeed + 1
            }
        }
        try writer.join()
        #expect(
            results == [
                "GET /a HTTP/1.1", "POST /b?c=d HTTP/1.0",
                "505 unsupported version \"HTTP/2.0\"",
                "400 malformed request line \"DELETE  /x HTTP/1.1\"",
                "OPTIONS * HTTP/1.1", "414 request-target longer than 32 bytes",
            ],
            "the server received \(describeBytes(received, limit: 200))"
        )
    }

    @Test("curl's request lines parse, whatever method and version curl is told to use")
    func curl() throws {
        let listener = try ListeningSocket(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let port = listener.localAddress.port
        for (arguments, expected) in [
            (["/docs/%7Euser/?q=1"], "GET /docs/%7Euser/?q=1 HTTP/1.1"),
            (["-X", "PROPFIND", "--http1.0", "/dav/"], "PROPFIND /dav/ HTTP/1.0"),
            (["--path-as-is", "/a/../b"], "GET /a/../b HTTP/1.1"),
        ] {
            let url = "http://127.0.0.1:\(port)\(arguments.last ?? "/")"
            let curl = try Curl(Array(arguments.dropLast()) + [url])
            let server = try BackgroundThread(name: "the test's server") {
                let connection = try listener.acceptOne()
                defer { connection.closeGracefully() }
                let (head, _) = try connection.readHead()
                let lineEnd = head.firstIndex(of: HTTPSyntax.carriageReturn) ?? head.count
                let (method, target, version) = try head.withUnsafeBufferPointer { buffer in
                    try E0801.RequestHeadParser.parseRequestLine(
                        buffer[0..<lineEnd],
                        maximumTargetLength: 8192
                    )
                }
                let body = "\(method) \(target) \(version)"
                try connection.writeAll(
                    "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n"
                        + "Connection: close\r\n\r\n\(body)"
                )
            }
            let result = try server.join(after: { curl.finish() })
            #expect(result.status == 0, "\(curl.commandLine)\n\(result)")
            #expect(result.output == expected, "\(curl.commandLine)\n\(result)")
        }
    }
}
