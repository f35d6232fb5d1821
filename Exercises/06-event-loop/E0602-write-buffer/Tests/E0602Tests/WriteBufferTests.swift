import E0602
import ExerciseSupport
import Libc
import Sockets
import SystemCalls
import Testing

/// A pretend `send`, following a script: take at most some bytes, say "full", or fail.
///
/// It records what it was offered each time, so a test can check that a partial write is
/// followed by the rest, from the right byte on.
private final class ScriptedSend {
    enum Step {
        case take(Int)
        case full
        case fail(SystemCallError)
    }

    private var script: [Step]
    /// What each call was offered.
    private(set) var offered: [[UInt8]] = []
    /// What was taken, in order.
    private(set) var taken: [UInt8] = []

    init(_ script: [Step] = []) {
        self.script = script
    }

    /// Once the script runs out, every call takes everything.
    func callAsFunction(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        offered.append(Array(bytes))
        let step = script.isEmpty ? .take(bytes.count) : script.removeFirst()
        switch step {
        case .take(let limit):
            let count = min(limit, bytes.count)
            taken += bytes.prefix(count)
            return count
        case .full:
            return nil
        case .fail(let error):
            throw error
        }
    }
}

@Suite("6.2 WriteBuffer: append, merge, flush through partial writes and EAGAIN", .serialized)
struct WriteBufferTests {
    @Test("bytes leave in the order they were appended, and then the buffer is empty")
    func inOrder() throws {
        var buffer = E0602.WriteBuffer()
        try buffer.append(Array("hello, ".utf8))
        try buffer.append(Array("world".utf8))
        #expect(buffer.count == 12)
        let send = ScriptedSend()
        #expect(try buffer.flush(using: send.callAsFunction) == true)
        #expect(Bytes(send.taken) == Bytes("hello, world"), "sent \(describeBytes(send.taken))")
        #expect(buffer.isEmpty && buffer.count == 0)
    }

    @Test("an empty buffer flushes at once, without calling send; appending nothing adds nothing")
    func empty() throws {
        var buffer = E0602.WriteBuffer()
        try buffer.append([])
        #expect(buffer.isEmpty)
        let send = ScriptedSend()
        #expect(try buffer.flush(using: send.callAsFunction) == true)
        #expect(
            send.offered.isEmpty,
            "send was called \(send.offered.count) times with nothing to send"
        )
    }

    @Test("a burst of small appends leaves in one send call")
    func smallWritesMerge() throws {
        var buffer = E0602.WriteBuffer()
        for number in 0..<100 {
            try buffer.append(Array("message \(number % 10)\n".utf8))
        }
        let send = ScriptedSend()
        #expect(try buffer.flush(using: send.callAsFunction) == true)
        #expect(
            send.offered.count == 1,
            "100 appends of 10 bytes took \(send.offered.count) sends: merge them"
        )
        #expect(send.taken.count == 1000)
    }

    @Test("after a partial write, the rest is offered again, from the first unsent byte")
    func partialWrites() throws {
        var buffer = E0602.WriteBuffer()
        try buffer.append(Array("0123456789".utf8))
        let send = ScriptedSend([.take(3), .take(4)])
        #expect(try buffer.flush(using: send.callAsFunction) == true)
        let offered = send.offered.map { String(decoding: $0, as: UTF8.self) }
        #expect(offered == ["0123456789", "3456789", "789"], "offered \(offered)")
        #expect(buffer.isEmpty)
    }

    @Test("when the kernel is full (nil), flush says false and keeps the rest for later")
    func fullKeepsTheRest() throws {
        var buffer = E0602.WriteBuffer()
        try buffer.append(Array("abcdef".utf8))
        let first = ScriptedSend([.take(2), .full])
        #expect(
            try buffer.flush(using: first.callAsFunction) == false,
            "bytes remain: flush must say false"
        )
        #expect(buffer.count == 4, "4 bytes remain, count says \(buffer.count)")
        let second = ScriptedSend()
        #expect(try buffer.flush(using: second.callAsFunction) == true)
        #expect(
            Bytes(second.taken) == Bytes("cdef"),
            "the second flush sent \(describeBytes(second.taken))"
        )
        #expect(buffer.isEmpty)
    }

    @Test("appending while bytes wait puts the new bytes after them")
    func appendAfterPartial() throws {
        var buffer = E0602.WriteBuffer()
        try buffer.append(Array("first ".utf8))
        let first = ScriptedSend([.take(3), .full])
        _ = try buffer.flush(using: first.callAsFunction)
        try buffer.append(Array("second".utf8))
        let second = ScriptedSend()
        #expect(try buffer.flush(using: second.callAsFunction) == true)
        let all = first.taken + second.taken
        #expect(Bytes(all) == Bytes("first second"), "sent \(describeBytes(all))")
    }

    @Test("an error from send is thrown, and the buffer is left as it was")
    func errorLeavesBuffer() throws {
        var buffer = E0602.WriteBuffer()
        try buffer.append(Array("abc".utf8))
        let failing = ScriptedSend([.fail(SystemCallError(call: "send", errno: .connectionReset))])
        #expect(throws: SystemCallError(call: "send", errno: .connectionReset)) {
            try buffer.flush(using: failing.callAsFunction)
        }
        #expect(
            buffer.count == 3,
            "after a failed send, 3 bytes still wait; count says \(buffer.count)"
        )
        let retry = ScriptedSend()
        #expect(try buffer.flush(using: retry.callAsFunction) == true)
        #expect(Bytes(retry.taken) == Bytes("abc"))
    }

    @Test("a megabyte in pieces of every size, through random partial writes, arrives whole")
    func randomized() throws {
        var generator = SplitMix(seed: 2024)
        var buffer = E0602.WriteBuffer()
        var expected: [UInt8] = []
        var sent: [UInt8] = []
        while expected.count < 1 << 20 {
            let piece = (0..<Int.random(in: 1...70_000, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            try buffer.append(piece)
            expected += piece
            var script: [ScriptedSend.Step] = []
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                script.append(
                    Bool.random(using: &generator)
                        ? .full : .take(Int.random(in: 0...30_000, using: &generator))
                )
            }
            let send = ScriptedSend(script + [.full])
            _ = try buffer.flush(using: send.callAsFunction)
            sent += send.taken
            #expect(
                buffer.count == expected.count - sent.count,
                "count is off after a partial flush"
            )
        }
        let last = ScriptedSend()
        #expect(try buffer.flush(using: last.callAsFunction) == true)
        sent += last.taken
        #expect(Bytes(sent) == Bytes(expected), "\(firstDifference(expected, sent))")
    }

    @Test("a megabyte through a real non-blocking socket with a tiny send buffer arrives in order")
    func realSocket() throws {
        let (writer, reader) = try connectedPair()
        defer {
            writer.close()
            reader.close()
        }
        try writer.socket.setNonBlocking(true)
        try writer.socket.set(.sendBufferSize, 4096)
        var buffer = E0602.WriteBuffer()
        var expected: [UInt8] = []
        for number in 0..<16_000 {
            let piece = Array(
                "line \(number) of sixteen thousand, padded to be longer than needed\n".utf8
            )
            try buffer.append(piece)
            expected += piece
        }
        let send = { (bytes: UnsafeRawBufferPointer) throws -> Int? in
            try writer.socket.descriptor.send(bytes)
        }
        // Nobody reads yet: a megabyte cannot fit in the kernel's buffers, so the first
        // flush must stop when the socket is full, and say so.
        #expect(
            try buffer.flush(using: send) == false,
            "1 MB fitted into a full socket: flush must stop at nil"
        )
        let collector = try BackgroundThread(name: "the reader") {
            reader.readToEnd(timeout: .seconds(10))
        }
        var rounds = 0
        while try !buffer.flush(using: send) {
            rounds += 1
            let ready = try Poll.wait(
                for: writer.socket.descriptor,
                events: CShort(POLLOUT),
                timeoutMilliseconds: 10_000
            )
            if ready == 0 || rounds > 100_000 {
                Issue.record("the socket never drained: \(buffer.count) bytes still waiting")
                break
            }
        }
        try writer.shutdownWriting()
        let received = try collector.join(timeout: .seconds(20))
        #expect(
            Bytes(received.bytes) == Bytes(expected),
            "\(firstDifference(expected, received.bytes))"
        )
    }
}

/// A small seeded random number generator, so the randomized test is the same every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
