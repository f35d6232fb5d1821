import E0501
import ExerciseSupport
import Sockets
import SystemCalls
import Testing

/// The lines as text, for readable comparisons and messages.
private func text(_ lines: [[UInt8]]) -> [String] {
    lines.map { String(decoding: $0, as: UTF8.self) }
}

@Suite("5.1 LineBuffer.append: whole lines out of a stream of bytes", .serialized)
struct LineBufferTests {
    @Test("two lines in one read come out as two lines")
    func twoInOne() throws {
        var buffer = E0501.LineBuffer()
        let lines = try buffer.append(Array("one\ntwo\n".utf8))
        #expect(text(lines) == ["one", "two"])
        #expect(buffer.unfinished.isEmpty)
    }

    @Test("a line split across reads comes out once, when its newline arrives")
    func splitAcrossReads() throws {
        var buffer = E0501.LineBuffer()
        #expect(try buffer.append(Array("hel".utf8)).isEmpty, "no newline yet: no line")
        #expect(buffer.unfinished == Array("hel".utf8), "the start of the line must be kept")
        #expect(text(try buffer.append(Array("lo\n".utf8))) == ["hello"])
    }

    @Test("bytes after the last newline wait for the next read")
    func tailWaits() throws {
        var buffer = E0501.LineBuffer()
        #expect(text(try buffer.append(Array("x\nyz".utf8))) == ["x"])
        #expect(buffer.unfinished == Array("yz".utf8))
        #expect(text(try buffer.append(Array("\n".utf8))) == ["yz"])
    }

    @Test("CRLF line endings lose their \\r too, even when \\r and \\n arrive apart")
    func crlf() throws {
        var buffer = E0501.LineBuffer()
        #expect(text(try buffer.append(Array("a\r\nb\n".utf8))) == ["a", "b"])
        #expect(try buffer.append(Array("abc\r".utf8)).isEmpty)
        #expect(text(try buffer.append(Array("\n".utf8))) == ["abc"])
    }

    @Test("a \\r that is not just before the \\n is part of the line")
    func loneCarriageReturn() throws {
        var buffer = E0501.LineBuffer()
        #expect(text(try buffer.append(Array("a\rb\n\r\n".utf8))) == ["a\rb", ""])
    }

    @Test("empty lines are lines")
    func emptyLines() throws {
        var buffer = E0501.LineBuffer()
        let lines = try buffer.append(Array("\n\n".utf8))
        #expect(lines == [[], []], "two newlines are two empty lines; got \(text(lines))")
    }

    @Test("bytes are kept as they came: UTF-8, even split in the middle of a character")
    func bytesNotCharacters() throws {
        var buffer = E0501.LineBuffer()
        let line = Array("héllo, wörld ✓".utf8)
        #expect(try buffer.append(line.prefix(2)).isEmpty)
        let lines = try buffer.append(line.dropFirst(2) + [0x0A])
        #expect(lines == [line], "got \(lines.map { describeBytes($0) })")
    }

    @Test("an unfinished line of exactly the limit is fine; one byte more throws LineTooLong")
    func limit() throws {
        var buffer = E0501.LineBuffer(maximumLineLength: 8)
        #expect(try buffer.append(Array("12345678".utf8)).isEmpty)
        #expect(throws: E0501.LineBuffer.LineTooLong(limit: 8)) {
            try buffer.append(Array("9".utf8))
        }
    }

    @Test("the limit is for the unfinished line, even when it comes one byte at a time")
    func limitByteByByte() throws {
        var buffer = E0501.LineBuffer(maximumLineLength: 8)
        for byte in Array("first\n".utf8) + Array("12345678".utf8) {
            _ = try buffer.append([byte])
        }
        #expect(throws: E0501.LineBuffer.LineTooLong(limit: 8)) {
            try buffer.append([UInt8(ascii: "9")])
        }
    }

    @Test("complete lines do not count toward the limit")
    func completeLinesDoNotCount() throws {
        var buffer = E0501.LineBuffer(maximumLineLength: 8)
        let lines = try buffer.append(Array("12345678\n12345678\n1234".utf8))
        #expect(text(lines) == ["12345678", "12345678"])
    }

    @Test("over a real socket, bytes cut at odd places still make the same lines")
    func realSocket() throws {
        let (client, server) = try connectedPair()
        defer {
            client.close()
            server.close()
        }
        try client.socket.set(.noDelay, true)
        let message = Array("alpha\nbeta\r\ngamma\n\ndelta with spaces\nlast\n".utf8)
        let writer = try BackgroundThread(name: "the writer") {
            // Pieces of 1, 2, 3, 5, 8, … bytes: the cuts fall everywhere, \r\n included.
            var offset = 0
            var (size, next) = (1, 2)
            while offset < message.count {
                let end = min(message.count, offset + size)
                try client.writeAll(Array(message[offset..<end]))
                offset = end
                (size, next) = (next, size + next)
            }
            try client.shutdownWriting()
        }
        var buffer = E0501.LineBuffer()
        var lines: [[UInt8]] = []
        var received: [UInt8] = []
        while true {
            let chunk = server.read(exactly: 3, timeout: .seconds(5))  // small reads: more cuts
            received += chunk.bytes
            lines += try buffer.append(chunk.bytes)
            if chunk.ending != .complete { break }
        }
        try writer.join()
        #expect(
            text(lines) == ["alpha", "beta", "gamma", "", "delta with spaces", "last"],
            "the server received \(describeBytes(received, limit: 64))"
        )
        #expect(buffer.unfinished.isEmpty)
    }
}
