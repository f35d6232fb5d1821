import Foundation
import HTTP
import TestSupport
import Testing

/// A temporary site: a root with files and a sibling directory holding a secret, plus a
/// symbolic link inside the root that points at the secret.
struct TemporarySite {
    let base: URL
    var root: URL { base.appendingPathComponent("root") }

    init() throws {
        base = FileManager.default.temporaryDirectory
            .appendingPathComponent("socketladder-static-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(
            at: root.appendingPathComponent("docs"),
            withIntermediateDirectories: true
        )
        try manager.createDirectory(
            at: base.appendingPathComponent("private"),
            withIntermediateDirectories: true
        )
        try "<h1>home</h1>".write(
            to: root.appendingPathComponent("index.html"),
            atomically: true,
            encoding: .utf8
        )
        try "body{}".write(
            to: root.appendingPathComponent("site.css"),
            atomically: true,
            encoding: .utf8
        )
        try "0123456789".write(
            to: root.appendingPathComponent("digits.txt"),
            atomically: true,
            encoding: .utf8
        )
        try "docs".write(
            to: root.appendingPathComponent("docs/index.html"),
            atomically: true,
            encoding: .utf8
        )
        try "hidden".write(
            to: root.appendingPathComponent(".env"),
            atomically: true,
            encoding: .utf8
        )
        try "SECRET".write(
            to: base.appendingPathComponent("private/secret.txt"),
            atomically: true,
            encoding: .utf8
        )
        try manager.createSymbolicLink(
            at: root.appendingPathComponent("escape.txt"),
            withDestinationURL: base.appendingPathComponent("private/secret.txt")
        )
        let large = [UInt8]((0..<600_000).map { UInt8($0 % 251) })
        try Data(large).write(to: root.appendingPathComponent("large.bin"))
    }

    func remove() { try? FileManager.default.removeItem(at: base) }
}

@Suite(
    "Static files: types, index, validators, ranges, and no way out",
    .timeLimit(.minutes(1)),
    .ownThread
)
struct StaticFileTests {
    func withSite(_ body: (TestServer, RawConnection) async throws -> Void) async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let files = try StaticFileHandler(root: site.root.path)
        try await TestServer.with(handler: files) { server in
            try await body(server, try server.rawConnection())
        }
    }

    func get(_ raw: RawConnection, _ path: String, _ fields: String = "") async throws
        -> RawResponse?
    {
        try await raw.send("GET \(path) HTTP/1.1\r\nHost: a\r\n\(fields)\r\n")
        return await raw.readResponse()
    }

    @Test(
        "every attempt to leave the root is refused with 403 or 404",
        arguments: [
            "/../private/secret.txt", "/%2e%2e/private/secret.txt", "/%2E%2E/private/secret.txt",
            "/docs/../../private/secret.txt", "/..%2fprivate%2fsecret.txt",
            "/docs/%2e%2e%2f%2e%2e%2fprivate/secret.txt",
            "/..%5cprivate%5csecret.txt", "/escape.txt", "/.env", "/digits.txt%00.html", "/%zz",
        ]
    )
    func traversal(path: String) async throws {
        try await withSite { _, raw in
            let response = try #require(try await get(raw, path))
            #expect([403, 404].contains(response.status), "\(path) got \(response.status)")
            #expect(!response.body.contains("SECRET"))
        }
    }

    @Test("a handler mounted at /files serves /files/... and nothing that merely starts alike")
    func mountBoundary() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let files = try StaticFileHandler(root: site.root.path, mountPath: "/files")
        try await TestServer.with(handler: files) { server in
            let raw = try server.rawConnection()
            #expect(try await get(raw, "/files/digits.txt")?.body == "0123456789")
            #expect(try await get(raw, "/filesdigits.txt")?.status == 404)
            #expect(try await get(raw, "/files")?.status == 301)  // the directory, redirected
        }
    }

    @Test("files get their content type; a directory serves index.html; /docs redirects to /docs/")
    func typesAndIndex() async throws {
        try await withSite { _, raw in
            #expect(
                try await get(raw, "/site.css")?.header("Content-Type") == "text/css; charset=utf-8"
            )
            let home = try #require(try await get(raw, "/"))
            #expect(home.body == "<h1>home</h1>")
            #expect(home.header("Content-Type") == "text/html; charset=utf-8")
            let redirect = try #require(try await get(raw, "/docs"))
            #expect(redirect.status == 301)
            #expect(redirect.header("Location") == "/docs/")
            #expect(try await get(raw, "/docs/")?.body == "docs")
            #expect(try await get(raw, "/missing.txt")?.status == 404)
        }
    }

    @Test("ETag and Last-Modified give 304 Not Modified without a body (RFC 9110 §13.1)")
    func conditional() async throws {
        try await withSite { _, raw in
            let first = try #require(try await get(raw, "/site.css"))
            let etag = try #require(first.header("ETag"))
            let modified = try #require(first.header("Last-Modified"))
            let cached = try #require(try await get(raw, "/site.css", "If-None-Match: \(etag)\r\n"))
            #expect(cached.status == 304)
            #expect(cached.body.isEmpty)
            #expect(cached.header("ETag") == etag)
            #expect(
                try await get(raw, "/site.css", "If-None-Match: W/\(etag), \"x\"\r\n")?.status
                    == 304
            )
            #expect(try await get(raw, "/site.css", "If-None-Match: \"other\"\r\n")?.status == 200)
            #expect(
                try await get(raw, "/site.css", "If-Modified-Since: \(modified)\r\n")?.status == 304
            )
            let past = "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
            #expect(try await get(raw, "/site.css", past)?.status == 200)
        }
    }

    @Test("Range requests get 206 with Content-Range, or 416 when nothing fits (RFC 9110 §14)")
    func ranges() async throws {
        try await withSite { _, raw in
            let part = try #require(try await get(raw, "/digits.txt", "Range: bytes=2-5\r\n"))
            #expect(part.status == 206)
            #expect(part.body == "2345")
            #expect(part.header("Content-Range") == "bytes 2-5/10")
            #expect(try await get(raw, "/digits.txt", "Range: bytes=-3\r\n")?.body == "789")
            #expect(try await get(raw, "/digits.txt", "Range: bytes=7-\r\n")?.body == "789")
            let none = try #require(try await get(raw, "/digits.txt", "Range: bytes=10-\r\n"))
            #expect(none.status == 416)
            #expect(none.header("Content-Range") == "bytes */10")
            #expect(try await get(raw, "/digits.txt", "Range: bytes=0-1,4-5\r\n")?.status == 200)
            let stale = "Range: bytes=0-1\r\nIf-Range: \"old\"\r\n"
            #expect(try await get(raw, "/digits.txt", stale)?.status == 200)
        }
    }

    @Test("a large file arrives whole and in order, sent piece by piece")
    func largeFile() async throws {
        try await withSite { server, _ in
            let client = HTTPClient(group: server.group)
            let response = try await client.get(server.url + "/large.bin")
            #expect(response.body.count == 600_000)
            #expect(response.body == (0..<600_000).map { UInt8($0 % 251) })
            let tail = try await client.send(
                HTTPClientRequest(target: "/large.bin", headers: ["Range": "bytes=599990-"]),
                to: HTTPURL(server.url)
            )
            #expect(tail.status == .partialContent)
            #expect(tail.body == (599_990..<600_000).map { UInt8($0 % 251) })
            await client.shutdown()
        }
    }

    @Test("the byte-range parser, on its own")
    func rangeParser() {
        #expect(ByteRangeRequest.parse("bytes=0-0", size: 5) == .partial(0...0))
        #expect(ByteRangeRequest.parse("bytes=3-100", size: 5) == .partial(3...4))
        #expect(ByteRangeRequest.parse("bytes=-10", size: 5) == .partial(0...4))
        #expect(ByteRangeRequest.parse("bytes=-0", size: 5) == .unsatisfiable)
        #expect(ByteRangeRequest.parse("bytes=5-", size: 5) == .unsatisfiable)
        #expect(ByteRangeRequest.parse("bytes=4-2", size: 5) == .whole)
        #expect(ByteRangeRequest.parse("items=0-1", size: 5) == .whole)
    }

    @Test("HTTP dates format and parse both ways (IMF-fixdate, RFC 9110 §5.6.7)")
    func dates() {
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
    }
}
