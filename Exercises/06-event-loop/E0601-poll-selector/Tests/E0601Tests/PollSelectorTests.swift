import Dispatch
import E0601
import EventLoop
import ExerciseSupport
import Sockets
import SystemCalls
import Testing

/// What one wait reported, sorted by tag so that tests do not depend on slot order.
private func reports(_ selector: E0601.PollSelector, timeout: Duration) throws -> [(
    tag: UInt64, readiness: Readiness
)] {
    var found: [(tag: UInt64, readiness: Readiness)] = []
    try selector.wait(timeout: timeout) { tag, readiness in found.append((tag, readiness)) }
    return found.sorted { $0.tag < $1.tag }
}

/// A pipe with one byte waiting in it, closed when the test is done.
private func readablePipe() throws -> (read: FileDescriptor, write: FileDescriptor) {
    let pipe = try FileDescriptor.pipe()
    _ = try [UInt8(42)].withBytes { (raw) throws(SystemCallError) in try pipe.write.write(raw) }
    return pipe
}

private func close(_ pipes: (read: FileDescriptor, write: FileDescriptor)...) {
    for pipe in pipes {
        try? pipe.read.close()
        try? pipe.write.close()
    }
}

/// Writes back whatever a connection receives.
private final class EchoHandler: TCPConnectionHandler {
    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        connection.write(bytes)
    }
}

@Suite("6.1 PollSelector: poll(2) under the real event loop", .serialized)
struct PollSelectorTests {
    @Test("nothing to read: not reported; once written to: reported readable, with its tag")
    func readable() throws {
        let selector = try E0601.PollSelector()
        let pipe = try FileDescriptor.pipe()
        defer { close(pipe) }
        try selector.register(pipe.read, interest: .readable, tag: 7)
        let before = try reports(selector, timeout: .zero)
        #expect(before.isEmpty, "an empty pipe was reported: \(before)")
        _ = try [UInt8(1)].withBytes { (raw) throws(SystemCallError) in try pipe.write.write(raw) }
        let after = try reports(selector, timeout: .seconds(5))
        #expect(after.map(\.tag) == [7], "expected one report with tag 7, got \(after)")
        #expect(after.first?.readiness.isReadable == true, "expected readable, got \(after)")
    }

    @Test("with nothing ready, wait sleeps until its timeout, and no longer")
    func sleepsUntilTimeout() throws {
        let selector = try E0601.PollSelector()
        let pipe = try FileDescriptor.pipe()
        defer { close(pipe) }
        try selector.register(pipe.read, interest: .readable, tag: 1)
        let start = DispatchTime.now()
        let found = try reports(selector, timeout: .milliseconds(100))
        let milliseconds =
            (DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
        #expect(found.isEmpty)
        #expect(milliseconds >= 90, "a 100 ms wait returned after \(milliseconds) ms")
        #expect(milliseconds < 3000, "a 100 ms wait took \(milliseconds) ms")
    }

    @Test("an empty pipe's write end is reported writable")
    func writable() throws {
        let selector = try E0601.PollSelector()
        let pipe = try FileDescriptor.pipe()
        defer { close(pipe) }
        try selector.register(pipe.write, interest: .writable, tag: 9)
        let found = try reports(selector, timeout: .seconds(5))
        #expect(found.map(\.tag) == [9], "expected tag 9, got \(found)")
        #expect(found.first?.readiness.isWritable == true, "expected writable, got \(found)")
    }

    @Test("reregister changes both what is watched and the tag")
    func reregister() throws {
        let selector = try E0601.PollSelector()
        let (client, server) = try connectedPair()
        defer {
            client.close()
            server.close()
        }
        try selector.register(server.socket.descriptor, interest: .readable, tag: 1)
        #expect(try reports(selector, timeout: .zero).isEmpty, "nothing was sent: not readable")
        try selector.reregister(server.socket.descriptor, interest: .writable, tag: 2)
        let found = try reports(selector, timeout: .seconds(5))
        #expect(found.map(\.tag) == [2], "after reregister, expected tag 2, got \(found)")
        #expect(found.first?.readiness.isWritable == true)
        try selector.reregister(server.socket.descriptor, interest: .readable, tag: 3)
        #expect(
            try reports(selector, timeout: .zero).isEmpty,
            "back to readable only: nothing to report"
        )
    }

    @Test("deregister: a removed descriptor is never reported, and the others keep their tags")
    func deregister() throws {
        let selector = try E0601.PollSelector()
        let pipes = try (0..<3).map { _ in try readablePipe() }
        defer { for pipe in pipes { close(pipe) } }
        for (index, pipe) in pipes.enumerated() {
            try selector.register(pipe.read, interest: .readable, tag: UInt64(10 + index))
        }
        #expect(try reports(selector, timeout: .seconds(5)).map(\.tag) == [10, 11, 12])
        try selector.deregister(pipes[0].read)
        #expect(
            try reports(selector, timeout: .seconds(5)).map(\.tag) == [11, 12],
            "after removing tag 10"
        )
        try selector.deregister(pipes[2].read)
        #expect(
            try reports(selector, timeout: .seconds(5)).map(\.tag) == [11],
            "after removing tag 12"
        )
        try selector.register(pipes[0].read, interest: .readable, tag: 20)
        #expect(
            try reports(selector, timeout: .seconds(5)).map(\.tag) == [11, 20],
            "after adding tag 20"
        )
    }

    @Test("registering twice, or changing or removing what was never added, is an error")
    func misuse() throws {
        let selector = try E0601.PollSelector()
        let pipe = try FileDescriptor.pipe()
        defer { close(pipe) }
        try selector.register(pipe.read, interest: .readable, tag: 1)
        #expect(throws: SystemCallError.self) {
            try selector.register(pipe.read, interest: .readable, tag: 2)
        }
        #expect(throws: SystemCallError.self) {
            try selector.reregister(pipe.write, interest: .writable, tag: 3)
        }
        #expect(throws: SystemCallError.self) { try selector.deregister(pipe.write) }
    }

    @Test("a pipe whose writer has closed is reported: readable, or hung up")
    func hangUp() throws {
        let selector = try E0601.PollSelector()
        let pipe = try FileDescriptor.pipe()
        defer { try? pipe.read.close() }
        try selector.register(pipe.read, interest: .readable, tag: 5)
        try pipe.write.close()
        let found = try reports(selector, timeout: .seconds(5))
        #expect(found.map(\.tag) == [5], "expected tag 5, got \(found)")
        let readiness = found.first?.readiness
        #expect(readiness?.isReadable == true || readiness?.isHangUpOrError == true, "got \(found)")
    }

    @Test("a callback may deregister and register descriptors while wait reports")
    func changesDuringWait() throws {
        let selector = try E0601.PollSelector()
        let first = try readablePipe()
        let second = try readablePipe()
        let third = try readablePipe()
        defer { close(first, second, third) }
        try selector.register(first.read, interest: .readable, tag: 1)
        try selector.register(second.read, interest: .readable, tag: 2)
        var calls: [UInt64] = []
        try selector.wait(timeout: .seconds(5)) { tag, _ in
            calls.append(tag)
            if calls.count == 1 {
                try? selector.deregister(tag == 1 ? second.read : first.read)
                try? selector.register(third.read, interest: .readable, tag: 3)
            }
        }
        #expect(!calls.isEmpty, "both pipes were readable, nothing was reported")
        let remaining = calls[0]
        let after = try reports(selector, timeout: .seconds(5))
        #expect(after.map(\.tag) == [remaining, 3], "after the callback's changes, got \(after)")
    }

    @Test("the real EventLoop runs on your selector: an echo server serves 20 clients")
    func realLoop() async throws {
        let loop = try EventLoop(name: "loop-on-yours", selector: E0601.PollSelector(), kind: .poll)
        let group = EventLoopGroup(loops: [loop])
        let server = try TCPServer(
            address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0),
            group: group
        ) { _ in
            EchoHandler()
        }
        // Ten clients one after the other, then ten connected at once.
        for number in 0..<10 {
            let client = try Connection.connect(to: server.localAddress, timeout: .seconds(5))
            let sent = Array("client \(number)\n".utf8)
            try client.writeAll(sent)
            try client.shutdownWriting()
            let received = client.readToEnd()
            client.close()
            #expect(
                Bytes(received.bytes) == Bytes(sent),
                "client \(number) sent \(describeBytes(sent)); \(received)"
            )
        }
        let clients = try (0..<10).map { _ in
            try Connection.connect(to: server.localAddress, timeout: .seconds(5))
        }
        for (number, client) in clients.enumerated() {
            try client.writeAll("together \(number)\n")
        }
        for (number, client) in clients.enumerated() {
            let sent = Array("together \(number)\n".utf8)
            let received = client.read(exactly: sent.count)
            #expect(
                Bytes(received.bytes) == Bytes(sent),
                "simultaneous client \(number) sent \(describeBytes(sent)); \(received)"
            )
            client.close()
        }
        await server.shutdown(gracePeriod: .seconds(1))
        try group.shutdown()
    }

    @Test("timers fire on your selector's loop: wait honours its timeout")
    func timers() throws {
        let loop = try EventLoop(
            name: "timers-on-yours",
            selector: E0601.PollSelector(),
            kind: .poll
        )
        let fired = DispatchSemaphore(value: 0)
        loop.execute {
            _ = loop.schedule(after: .milliseconds(20)) { fired.signal() }
        }
        let result = fired.wait(timeout: .now() + 5)
        try loop.shutdown()
        #expect(
            result == .success,
            "a 20 ms timer did not fire within 5 s: does wait return after its timeout?"
        )
    }
}
