import EventLoop
import Libc
import SocketIO
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// A WebSocket client that connects, says `40{"slow":true}`, and then never reads again:
/// what a stuck browser tab or a hostile client looks like to the server.
private struct NonReadingClient {
    let connection: Connection

    init(port: UInt16) throws {
        let address = try SocketAddress(numericHost: "127.0.0.1", port: port)
        connection = try Connection.connect(to: address, receiveBufferSize: 4096)
        try connection.writeAll(
            "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        // Read the 101 (and whatever came with it), so the frame below is the WebSocket's.
        var received: [UInt8] = []
        let deadline = Deadline(after: .seconds(5))
        while !received.contains(sequence: Array("\r\n\r\n".utf8)) {
            guard
                try Poll.wait(
                    for: connection.socket.descriptor,
                    events: CShort(POLLIN),
                    timeoutMilliseconds: deadline.remainingMilliseconds
                ) > 0
            else { throw TestFailure("no 101 within 5 s") }
            let bytes = try connection.read(upTo: 4096)
            if bytes.isEmpty { throw TestFailure("the server closed the connection") }
            received += bytes
        }
        let frame = WebSocketFrame(opcode: .text, payload: Array(#"40{"slow":true}"#.utf8))
        try connection.writeAll(frame.encoded(maskingKey: [1, 2, 3, 4]))
    }
}

extension Array where Element: Equatable {
    /// Whether `sequence` occurs in the array.
    fileprivate func contains(sequence: [Element]) -> Bool {
        guard count >= sequence.count else { return false }
        return (0...(count - sequence.count)).contains {
            Array(self[$0..<($0 + sequence.count)]) == sequence
        }
    }
}

@Suite("Limits, each over a real socket", .ownThread, .timeLimit(.minutes(2)))
struct LimitTests {
    @Test(
        "a client that never reads: its volatile packets are dropped, then it is disconnected; memory stays bounded; the others get everything"
    )
    func nonReadingClient() async throws {
        let slowSockets = Signals<SocketIOSocket>()
        let reasons = Signals<SocketIODisconnectReason>()
        var configuration = SocketIOHarness.quietConfiguration
        let limit = 512 * 1024
        configuration.engine.maximumBufferedBytes = limit
        try await SocketIOHarness.with(configuration: configuration) { io in
            io.on(.connection) { socket in
                guard socket.handshake.auth["slow"] == true else { return }
                socket.on(.disconnect) { reasons.send($0) }
                slowSockets.send(socket)
            }
        } _: { server in
            let (fast, _) = try await server.connectedClient(loop: 1)
            let stuck = try NonReadingClient(port: server.port)
            let slow = try await slowSockets.next()
            let big = SocketIOValue.string(String(repeating: "x", count: 64 * 1024))
            let expectedBig = #"42["big","\#(String(repeating: "x", count: 64 * 1024))"]"#

            // Fill the kernel's buffers until the slow connection is not writable.
            var isWritable = true
            for _ in 0..<200 where isWritable {
                server.io.emit("big", big)
                #expect(try await fast.nextText() == expectedBig)
                isWritable = try await slow.loop.submit { slow.conn.isWritable }
            }
            #expect(!isWritable, "the connection of a client that never reads never filled up")

            // Volatile packets are dropped for it: its queue does not grow; the fast one gets them.
            let before = try await slow.loop.submit { slow.conn.bufferedAmount }
            for index in 0..<20 { server.io.volatile.emit("tick", .integer(index)) }
            for index in 0..<20 { #expect(try await fast.nextText() == #"42["tick",\#(index)]"#) }
            let after = try await slow.loop.submit { slow.conn.bufferedAmount }
            #expect(
                after <= before,
                "volatile packets were queued for a client that cannot take them"
            )

            // Then the queue passes the limit and the client is disconnected; it never
            // holds much more than the limit.
            var disconnected = false
            for _ in 0..<100 where !disconnected {
                server.io.emit("big", big)
                #expect(try await fast.nextText() == expectedBig)
                let queued = try await slow.loop.submit {
                    slow.connected ? slow.conn.bufferedAmount : 0
                }
                #expect(queued <= limit + 70 * 1024)
                disconnected = try await !slow.loop.submit { slow.connected }
            }
            #expect(disconnected)
            #expect(try await reasons.next() == .bufferLimitExceeded)
            #expect(try await slow.loop.submit { slow.connected } == false)
            server.io.emit("still", "here")
            #expect(try await fast.nextText() == #"42["still","here"]"#)
            stuck.connection.close()
            await fast.close()
        }
    }

    @Test(
        "a flood of events from one client closes its session after the burst; another client is unaffected"
    )
    func flood() async throws {
        let handled = Signals<Int>()
        let reasons = Signals<String>()
        var configuration = SocketIOHarness.quietConfiguration
        configuration.eventRateLimit = SocketIOServer.EventRate(perSecond: 50, burst: 50)
        try await SocketIOHarness.with(configuration: configuration) { io in
            io.on(.connection) { socket in
                var count = 0
                socket.on("tick") { _, _ in
                    count += 1
                    handled.send(count)
                }
                socket.on(.disconnect) { reasons.send("\($0)") }
                socket.on("echo") { args, ack in ack?.send(args) }
            }
        } _: { server in
            let (flooder, _) = try await server.connectedClient()
            let (bystander, _) = try await server.connectedClient(loop: 1)
            for _ in 0..<500 { try? await flooder.send(#"42["tick"]"#) }
            try await flooder.waitForClose()
            #expect(try await reasons.next() == "rate limit exceeded")
            var last = 0
            while let count = try? await handled.next(within: .milliseconds(200)) { last = count }
            #expect(last >= 49 && last < 100, "\(last) events handled of 500")
            try await bystander.send(#"421["echo","ok"]"#)
            #expect(try await bystander.nextText() == #"431["ok"]"#)
            await bystander.close()
        }
    }

    @Test("more attachments than the parser's limit close the session")
    func attachments() async throws {
        var configuration = SocketIOHarness.quietConfiguration
        configuration.parser = SocketIOJSONParser(maximumAttachments: 2)
        try await SocketIOHarness.with(configuration: configuration) { io in
            io.on(.connection) { socket in
                socket.on("file") { args, ack in ack?(.integer(args.count)) }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            try await client.send(#"452-1["file",\#(placeholder(0)),\#(placeholder(1))]"#)
            try await client.send(binary: [1])
            try await client.send(binary: [2])
            #expect(try await client.nextText() == "431[2]")
            try await client.send(
                #"453-["file",\#(placeholder(0)),\#(placeholder(1)),\#(placeholder(2))]"#
            )
            try await client.waitForClose()
        }
    }

    @Test("attachments adding up to more bytes than the parser's limit close the session")
    func attachmentBytes() async throws {
        var configuration = SocketIOHarness.quietConfiguration
        configuration.parser = SocketIOJSONParser(maximumAttachmentBytes: 1000)
        try await SocketIOHarness.with(configuration: configuration) { io in
            io.on(.connection) { socket in
                socket.on("file") { args, ack in ack?(.integer(args.count)) }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            try await client.send(#"452-1["file",\#(placeholder(0)),\#(placeholder(1))]"#)
            try await client.send(binary: Array(repeating: 1, count: 500))
            try await client.send(binary: Array(repeating: 2, count: 500))
            #expect(try await client.nextText() == "431[2]")
            try await client.send(#"452-2["file",\#(placeholder(0)),\#(placeholder(1))]"#)
            try await client.send(binary: Array(repeating: 1, count: 600))
            try await client.send(binary: Array(repeating: 2, count: 600))
            try await client.waitForClose()
        }
    }

    @Test(
        "Engine.IO's maxPayload bounds each message: a larger WebSocket message closes the session, a larger POST gets 413"
    )
    func payload() async throws {
        var configuration = SocketIOHarness.quietConfiguration
        configuration.engine.maximumPayload = 10_000
        try await SocketIOHarness.with(configuration: configuration) { io in
            io.on(.connection) { socket in
                socket.on("m") { args, ack in ack?(.integer(args.count)) }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            try await client.send(#"421["m","\#(String(repeating: "a", count: 9_000))"]"#)
            #expect(try await client.nextText() == "431[1]")
            try await client.send(#"42["m","\#(String(repeating: "a", count: 20_000))"]"#)
            try await client.waitForClose()

            let sid = try await server.openPollingSession()
            let response = try await server.post(
                "EIO=4&transport=polling&sid=\(sid)",
                #"42["m","\#(String(repeating: "a", count: 20_000))"]"#
            )
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test("the connect timeout is an option")
    func connectTimeout() async throws {
        var configuration = SocketIOHarness.quietConfiguration
        configuration.connectTimeout = .milliseconds(200)
        try await SocketIOHarness.with(configuration: configuration) { _ in
        } _: { server in
            let start = ContinuousClock.now
            let client = try await server.connect()
            try await client.waitForClose(within: .seconds(2))
            #expect(ContinuousClock.now - start >= .milliseconds(200))
            // A session that connects in time stays.
            let (kept, _) = try await server.connectedClient()
            #expect(await kept.staysQuiet(for: .milliseconds(400)))
            await kept.close()
        }
    }
}
