import HTTP
import Testing

@Suite("Request parser: where TCP splits the bytes does not matter")
struct ParserSplitTests {
    /// Three pipelined requests covering every parser state: a plain GET, a fixed body,
    /// a chunked body with an extension and a trailer, and empty lines between.
    static let stream = bytes(
        "GET /a?x=1 HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: example\r\nContent-Length: 12\r\n\r\nhello, world"
            + "\r\nPUT /c HTTP/1.1\r\nHost: example\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nDigest: abc\r\n\r\n"
            + "GET /d HTTP/1.0\r\n\r\n"
    )

    @Test("the whole stream parses into four requests")
    func whole() {
        let outcome = parse(Self.stream)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.head.path) == ["/a", "/b", "/c", "/d"])
        #expect(outcome.requests[2].body == bytes("hello, world"))
        #expect(outcome.requests[2].trailers["digest"] == "abc")
    }

    @Test("one byte at a time gives the same result")
    func byteAtATime() {
        #expect(parse(Self.stream, cuts: Array(1..<Self.stream.count)) == parse(Self.stream))
    }

    @Test("split in two at every position gives the same result")
    func everyBoundary() {
        let expected = parse(Self.stream)
        for cut in 1..<Self.stream.count {
            #expect(parse(Self.stream, cuts: [cut]) == expected, "split at \(cut)")
        }
    }

    @Test(
        "random splits (seeded) give the same result",
        arguments: [1, 2, 3, 42, 2026] as [UInt64]
    )
    func randomSplits(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let expected = parse(Self.stream)
        for _ in 0..<200 {
            let cutCount = Int.random(in: 1...12, using: &random)
            let cuts = (0..<cutCount).map { _ in
                Int.random(in: 1..<Self.stream.count, using: &random)
            }
            #expect(parse(Self.stream, cuts: cuts) == expected, "cuts \(cuts.sorted())")
        }
    }
}
