import E0102
import ExerciseSupport
import Libc
import Sockets
import SystemCalls
import Testing

/// Reads up to `count` bytes from `descriptor` through the learner's function.
private func readThroughYours(_ descriptor: FileDescriptor, count: Int = 64) throws -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: count)
    let result = try E0102.retryingOnInterruptUnlessWouldBlock("read") { () -> Int in
        read(descriptor.rawValue, &buffer, buffer.count)
    }
    return result.map { Array(buffer.prefix($0)) }
}

@Suite("1.2 retryingOnInterruptUnlessWouldBlock: EAGAIN is nil, a value", .serialized)
struct WouldBlockAsValueTests {
    @Test("an empty non-blocking pipe gives nil, not an error")
    func emptyPipe() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        try pipe.read.setNonBlocking(true)
        let bytes = try readThroughYours(pipe.read)
        #expect(bytes == nil, "nothing was written, so the read should say 'not now' with nil")
    }

    @Test("a pipe with bytes in it gives their count, and the bytes arrive")
    func pipeWithBytes() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        try pipe.read.setNonBlocking(true)
        let sent = Array("ping".utf8)
        _ = try sent.withBytes { (raw) throws(SystemCallError) in try pipe.write.write(raw) }
        let bytes = try readThroughYours(pipe.read)
        #expect(
            bytes.map { Bytes($0) } == Bytes(sent),
            "sent \(describeBytes(sent)), read \(bytes.map { describeBytes($0) } ?? "nil")"
        )
    }

    @Test("end of file is 0, a value: the writer closed its end")
    func endOfFile() throws {
        let pipe = try FileDescriptor.pipe()
        defer { try? pipe.read.close() }
        try pipe.read.setNonBlocking(true)
        try pipe.write.close()
        let bytes = try readThroughYours(pipe.read)
        #expect(bytes == [], "a read at end of file returns 0: that is not 'would block' (nil)")
    }

    @Test("a descriptor that is not open throws EBADF, naming the call")
    func badDescriptor() {
        #expect(throws: SystemCallError(call: "read", errno: .badDescriptor)) {
            try readThroughYours(FileDescriptor(rawValue: -1))
        }
    }

    @Test("a call interrupted by a signal is still made again")
    func retriesEINTR() throws {
        var calls = 0
        let result = try E0102.retryingOnInterruptUnlessWouldBlock("write") { () -> Int in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 3
        }
        #expect(result == 3)
        #expect(calls == 3, "interrupted twice, the call should be made 3 times, not \(calls)")
    }

    @Test("a non-blocking socket: nil while nothing has arrived, then the bytes")
    func realSocket() throws {
        let (client, server) = try connectedPair()
        defer {
            client.close()
            server.close()
        }
        try server.socket.setNonBlocking(true)
        let before = try readThroughYours(server.socket.descriptor)
        #expect(
            before == nil,
            "the client has sent nothing yet: expected nil, read \(before.map { describeBytes($0) } ?? "")"
        )
        let sent = Array("hello".utf8)
        try client.writeAll(sent)
        let ready = try Poll.wait(
            for: server.socket.descriptor,
            events: CShort(POLLIN),
            timeoutMilliseconds: 5000
        )
        #expect(ready != 0, "the bytes never arrived")
        let after = try readThroughYours(server.socket.descriptor)
        #expect(
            after.map { Bytes($0) } == Bytes(sent),
            "sent \(describeBytes(sent)), read \(after.map { describeBytes($0) } ?? "nil")"
        )
    }

    @Test("a non-blocking accept with no client waiting gives nil; with one, a descriptor")
    func nonBlockingAccept() throws {
        let listener = try ListeningSocket(
            address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0),
            nonBlocking: true
        )
        defer { listener.close() }
        let descriptor = listener.socket.descriptor.rawValue
        let none = try E0102.retryingOnInterruptUnlessWouldBlock("accept") {
            accept(descriptor, nil, nil)
        }
        #expect(none == nil, "no client is waiting: accept should say 'not now' with nil")
        let client = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
        defer { client.close() }
        _ = try Poll.wait(
            for: listener.socket.descriptor,
            events: CShort(POLLIN),
            timeoutMilliseconds: 5000
        )
        let accepted = try E0102.retryingOnInterruptUnlessWouldBlock("accept") {
            accept(descriptor, nil, nil)
        }
        #expect(accepted != nil, "a client is waiting: accept should return its descriptor")
        if let accepted { try FileDescriptor(rawValue: accepted).close() }
    }

    @Test("a full pipe: a non-blocking write gives nil when there is no room left")
    func fullPipe() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        try pipe.write.setNonBlocking(true)
        let chunk = [UInt8](repeating: 7, count: 65536)
        var writes = 0
        var lastResult: Int? = 0
        // A pipe holds 64 KiB on Linux, 16 to 64 KiB on macOS: a few writes fill it.
        while lastResult != nil && writes < 100 {
            lastResult = try E0102.retryingOnInterruptUnlessWouldBlock("write") { () -> Int in
                write(pipe.write.rawValue, chunk, chunk.count)
            }
            writes += 1
        }
        #expect(
            lastResult == nil,
            "after \(writes) writes of 64 KiB the pipe never said 'full' (nil)"
        )
    }
}
