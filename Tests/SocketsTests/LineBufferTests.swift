import Sockets
import Testing

@Suite("Line buffer: TCP delivers bytes, a chat needs lines")
struct LineBufferTests {
    func text(_ lines: [[UInt8]]) -> [String] { lines.map { String(decoding: $0, as: UTF8.self) } }

    @Test("one read with several lines gives them all, in order")
    func severalLines() throws {
        var buffer = LineBuffer()
        #expect(
            text(try buffer.append(Array("one\ntwo\nthree\n".utf8))) == ["one", "two", "three"]
        )
        #expect(buffer.unfinished.isEmpty)
    }

    @Test(
        "a line split across reads comes out whole once its newline arrives",
        arguments: [1, 2, 3, 5, 7]
    )
    func splitAcrossReads(pieceSize: Int) throws {
        let stream = Array("hello, world\nsecond line\r\nthird\n".utf8)
        var buffer = LineBuffer()
        var lines: [String] = []
        var start = 0
        while start < stream.count {
            let end = min(start + pieceSize, stream.count)
            lines += text(try buffer.append(stream[start..<end]))
            start = end
        }
        #expect(lines == ["hello, world", "second line", "third"])
    }

    @Test("the unfinished tail waits for its newline")
    func unfinishedTail() throws {
        var buffer = LineBuffer()
        #expect(text(try buffer.append(Array("done\nhalf".utf8))) == ["done"])
        #expect(buffer.unfinished == Array("half".utf8))
        #expect(text(try buffer.append(Array(" and half\n".utf8))) == ["half and half"])
    }

    @Test(
        "CRLF and LF both end a line; a lone CR stays part of it",
        arguments: [
            ("a\r\n", ["a"]), ("a\n", ["a"]), ("\r\n", [""]), ("\n\n", ["", ""]),
            ("a\rb\n", ["a\rb"]), ("a\r\r\n", ["a\r"]),
        ]
    )
    func lineEndings(input: String, expected: [String]) throws {
        var buffer = LineBuffer()
        #expect(text(try buffer.append(Array(input.utf8))) == expected)
    }

    @Test("a CR at the end of one read and the LF at the start of the next make one CRLF")
    func crlfSplit() throws {
        var buffer = LineBuffer()
        #expect(try buffer.append(Array("line\r".utf8)).isEmpty)
        #expect(text(try buffer.append(Array("\n".utf8))) == ["line"])
    }

    @Test("a line longer than the limit without a newline throws LineTooLong")
    func limit() throws {
        var buffer = LineBuffer(maximumLineLength: 8)
        #expect(text(try buffer.append(Array("12345678\n".utf8))) == ["12345678"])  // at the limit
        let error = #expect(throws: LineBuffer.LineTooLong.self) {
            try buffer.append(Array("123456789".utf8))
        }
        #expect(error?.limit == 8)
    }

    @Test("the limit applies to the unfinished line, however many complete lines came with it")
    func limitAppliesToTail() throws {
        var buffer = LineBuffer(maximumLineLength: 4)
        let many = String(repeating: "abc\n", count: 100)
        #expect(try buffer.append(Array(many.utf8)).count == 100)
        let error = #expect(throws: LineBuffer.LineTooLong.self) {
            try buffer.append(Array("ab\nabcde".utf8))
        }
        #expect(error?.limit == 4)
    }

    @Test(
        "a CRLF line exactly at the limit is accepted wherever the reads split it",
        arguments: 1...9
    )
    func limitWithCRLFSplit(splitAt: Int) throws {
        let stream = Array("12345678\r\n".utf8)  // 8 bytes of line: exactly the limit
        var buffer = LineBuffer(maximumLineLength: 8)
        let first = try buffer.append(stream[..<splitAt])
        let second = try buffer.append(stream[splitAt...])
        #expect(text(first + second) == ["12345678"])
    }
}
