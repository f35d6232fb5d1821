import E0401
import ExerciseSupport
import Libc
import Sockets
import SystemCalls
import Testing

/// A payload whose every byte depends on its position, so a lost or repeated piece shows.
private func payload(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8 &+ $0 >> 16) }
}

/// Reads everything `connection` receives until end of stream, slowly: small reads, and a
/// short pause every 32 KiB, so that the writer often finds the kernel's buffer full.
private func slowReader(_ connection: Connection) throws -> BackgroundThread<Received> {
    try BackgroundThread(name: "the slow reader") {
        var received = Received()
        var sincePause = 0
        while true {
            let chunk = connection.read(exactly: 4096, timeout: .seconds(10))
            received.bytes += chunk.bytes
            sincePause += chunk.bytes.count
            if sincePause >= 32 * 1024 {
                _ = poll(nil, 0, 2)
                sincePause = 0
            }
            if chunk.ending != .complete {
                received.ending = chunk.ending
                return received
            }
        }
    }
}

/// Makes every blocking `send` on `socket` give up after `timeout`, returning what it
/// managed so far: a partial write, as a slow network causes.
private func setSendTimeout(_ socket: Socket, _ timeout: Duration) throws {
    let microseconds = timeout.components.attoseconds / 1_000_000_000_000
    let value = timeval(tv_sec: .init(timeout.components.seconds), tv_usec: .init(microseconds))
    try socket.descriptor.setOption(level: SOL_SOCKET, name: SO_SNDTIMEO, value: value)
}

@Suite("4.1 writeAll: every byte, however many sends it takes", .serialized)
struct WriteAllTests {
    @Test("4 MiB through a small send buffer, a send timeout and a slow reader arrive whole")
    func blockingWithPartialWrites() throws {
        let (writer, reader) = try connectedPair()
        defer {
            writer.close()
            reader.close()
        }
        try writer.socket.set(.sendBufferSize, 4096)
        try setSendTimeout(writer.socket, .milliseconds(20))
        let collector = try slowReader(reader)
        let sent = payload(4 << 20)
        try E0401.writeAll(sent, to: writer.socket)
        try writer.shutdownWriting()
        let received = try collector.join(timeout: .seconds(30))
        #expect(received.bytes.count == sent.count, "\(firstDifference(sent, received.bytes))")
        #expect(Bytes(received.bytes) == Bytes(sent), "\(firstDifference(sent, received.bytes))")
    }

    @Test("a non-blocking socket: writeAll waits for room instead of giving up")
    func nonBlocking() throws {
        let (writer, reader) = try connectedPair()
        defer {
            writer.close()
            reader.close()
        }
        try writer.socket.set(.sendBufferSize, 4096)
        try writer.socket.setNonBlocking(true)
        let collector = try slowReader(reader)
        let sent = payload(1 << 20)
        try E0401.writeAll(sent, to: writer.socket)
        try writer.shutdownWriting()
        let received = try collector.join(timeout: .seconds(30))
        #expect(Bytes(received.bytes) == Bytes(sent), "\(firstDifference(sent, received.bytes))")
    }

    @Test("a few bytes are sent as they are, and nothing at all is fine too")
    func smallAndEmpty() throws {
        let (writer, reader) = try connectedPair()
        defer {
            writer.close()
            reader.close()
        }
        try E0401.writeAll([], to: writer.socket)
        let sent = Array("hello".utf8)
        try E0401.writeAll(sent, to: writer.socket)
        try writer.shutdownWriting()
        let received = reader.readToEnd()
        #expect(Bytes(received.bytes) == Bytes(sent), "sent \(describeBytes(sent)); \(received)")
    }

    @Test("a peer that is gone makes writeAll throw EPIPE or ECONNRESET, not crash or hang")
    func peerGone() throws {
        let (writer, reader) = try connectedPair()
        defer { writer.close() }
        try reader.resetOnClose()
        reader.close()
        let error = #expect(throws: SystemCallError.self) {
            try E0401.writeAll(payload(1 << 20), to: writer.socket)
        }
        if let error {
            #expect(
                error.errno == .brokenPipe || error.errno == .connectionReset,
                "expected EPIPE or ECONNRESET, got \(error)"
            )
        }
    }
}
