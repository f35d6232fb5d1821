import E0802
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Testing

/// Generous limits, for tests that are not about limits.
private let roomy = E0802.HeadScanner.Limits(
    maximumTargetLength: 8192,
    maximumFieldBytes: 16384,
    maximumFieldCount: 100
)

/// What a scanner said after bytes were fed to it the way the parser feeds them: each call
/// gets everything received so far, from the head's first byte.
private struct ScanOutcome: Equatable {
    /// The head's length, once found.
    var length: Int?
    /// The error, if one was thrown.
    var error: String?
    /// How many bytes had arrived when the scanner answered (a length or an error).
    var answeredAfter: Int?
}

/// Feeds `text` in pieces of `pieceSize` bytes to a new scanner and reports the outcome.
private func scan(
    _ text: String,
    pieceSize: Int = .max,
    limits: E0802.HeadScanner.Limits = roomy,
    hasStartLine: Bool = true
) -> ScanOutcome {
    var scanner = E0802.HeadScanner(hasStartLine: hasStartLine)
    let all = Array(text.utf8)
    var received: [UInt8] = []
    var offset = 0
    while offset < all.count {
        let end = min(all.count, offset + pieceSize)
        received += all[offset..<end]
        offset = end
        do {
            let length = try received.withUnsafeBufferPointer {
                try scanner.scan($0, limits: limits)
            }
            if let length {
                return ScanOutcome(length: length, answeredAfter: received.count)
            }
        } catch {
            return ScanOutcome(error: "\(error)", answeredAfter: received.count)
        }
    }
    return ScanOutcome()
}

/// `error`'s description, as `scan` reports it.
private func described(_ error: HTTPParseError) -> String { "\(error)" }

@Suite("8.2b HeadScanner.scan: where a head ends, and its limits", .serialized)
struct HeadScannerTests {
    static let head = "GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"

    @Test("a whole head gives its length, and the start line's end")
    func whole() throws {
        var scanner = E0802.HeadScanner(hasStartLine: true)
        let bytes = Array(Self.head.utf8)
        let length = try bytes.withUnsafeBufferPointer { try scanner.scan($0, limits: roomy) }
        #expect(length == bytes.count)
        #expect(scanner.startLineEnd == 24, "the request line's CR is at offset 24")
        #expect(scanner.hasStarted)
    }

    @Test("bytes after the empty line (a body, the next request) are not part of the head")
    func stopsAtTheEmptyLine() {
        let outcome = scan(Self.head + "BODYGET / HTTP/1.1\r\n")
        #expect(outcome.length == Self.head.utf8.count, "\(outcome)")
    }

    @Test("one byte at a time: nothing until the last byte of the empty line, then the length")
    func byteAtATime() {
        let outcome = scan(Self.head, pieceSize: 1)
        let length = Self.head.utf8.count
        #expect(outcome == ScanOutcome(length: length, answeredAfter: length), "\(outcome)")
    }

    @Test("a request without fields ends at the empty line after the request line")
    func noFields() {
        let outcome = scan("GET / HTTP/1.0\r\n\r\n", pieceSize: 3)
        #expect(outcome.length == 18, "\(outcome)")
    }

    @Test(
        "a bare LF anywhere is refused with badLineEnding",
        arguments: [
            "GET / HTTP/1.1\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\n\n", "\n",
        ]
    )
    func bareLineFeed(text: String) {
        for size in [1, 4, 1000] {
            let outcome = scan(text, pieceSize: size)
            #expect(outcome.error == described(.badLineEnding), "pieces of \(size): \(outcome)")
        }
    }

    @Test("exactly the field count limit is fine; one more line throws tooManyHeaders (431)")
    func fieldCount() {
        let limits = E0802.HeadScanner.Limits(
            maximumTargetLength: 100,
            maximumFieldBytes: 10000,
            maximumFieldCount: 5
        )
        let five = "GET / HTTP/1.1\r\n" + String(repeating: "X: 1\r\n", count: 5)
        let fine = scan(five + "\r\n", limits: limits)
        #expect(fine.length == five.utf8.count + 2, "\(fine)")
        // The sixth line is refused as soon as it is complete, before the empty line.
        let six = five + "X: 1\r\n"
        let outcome = scan(six + "X: 1\r\n\r\n", pieceSize: 1, limits: limits)
        #expect(outcome.error == described(.tooManyHeaders(limit: 5)), "\(outcome)")
        #expect(outcome.answeredAfter == six.utf8.count, "refuse when the sixth line ends")
        #expect(HTTPParseError.tooManyHeaders(limit: 5).status.code == 431)
    }

    @Test("field bytes (CR LFs included) up to the limit are fine; past it, headersTooLarge")
    func fieldBytes() {
        let limits = E0802.HeadScanner.Limits(
            maximumTargetLength: 100,
            maximumFieldBytes: 20,
            maximumFieldCount: 100
        )
        // Two lines of 10 bytes each: exactly 20.
        let fits = scan("GET / HTTP/1.1\r\nX: 12345\r\nY: 12345\r\n\r\n", limits: limits)
        #expect(fits.length == 38, "\(fits)")
        let tooBig = scan("GET / HTTP/1.1\r\nX: 12345\r\nY: 123456\r\n\r\n", limits: limits)
        #expect(tooBig.error == described(.headersTooLarge(limit: 20)), "\(tooBig)")
    }

    @Test("a field line that grows past the limit is refused before its end arrives")
    func endlessFieldLine() {
        let limits = E0802.HeadScanner.Limits(
            maximumTargetLength: 100,
            maximumFieldBytes: 100,
            maximumFieldCount: 100
        )
        let text = "GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 1000)
        let outcome = scan(text, pieceSize: 10, limits: limits)
        #expect(outcome.error == described(.headersTooLarge(limit: 100)), "\(outcome)")
        #expect((outcome.answeredAfter ?? .max) <= 16 + 110, "refuse early: \(outcome)")
    }

    @Test("an endless request line: targetTooLong if it has a space, else badRequestLine")
    func endlessStartLine() {
        let limits = E0802.HeadScanner.Limits(
            maximumTargetLength: 100,
            maximumFieldBytes: 100,
            maximumFieldCount: 100
        )
        let giantTarget = "GET /" + String(repeating: "a", count: 500)
        let first = scan(giantTarget, pieceSize: 8, limits: limits)
        #expect(first.error == described(.targetTooLong(limit: 100)), "\(first)")
        #expect((first.answeredAfter ?? .max) <= 172, "refuse once past 164 bytes: \(first)")
        let junk = String(repeating: "j", count: 500)
        let second = scan(junk, pieceSize: 8, limits: limits)
        #expect(
            second.error == described(.badRequestLine(String(repeating: "j", count: 64))),
            "\(second)"
        )
        // 164 bytes without an end may still become a valid line: wait.
        let waiting = scan(String(repeating: "a", count: 164), limits: limits)
        #expect(waiting == ScanOutcome(), "\(waiting)")
    }

    @Test("a trailer section has no start line: a lone CR LF is an empty section")
    func trailers() {
        let empty = scan("\r\n", hasStartLine: false)
        #expect(empty.length == 2, "\(empty)")
        let section = scan(
            "Digest: abc\r\nExpires: never\r\n\r\nNEXT",
            pieceSize: 2,
            hasStartLine: false
        )
        #expect(section.length == 31, "\(section)")
    }
}
