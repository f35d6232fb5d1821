import EventLoop
import Synchronization
import TestSupport
import Testing
import WebSockets

/// A count shared between the test and tasks on a loop.
final class SharedCount: Sendable {
    private let storage = Atomic<Int>(0)
    var value: Int { storage.load(ordering: .acquiring) }
    func increment() { storage.add(1, ordering: .releasing) }
}

@Suite("The async face: a WebSocket's messages as an async sequence, on its loop", .ownThread)
struct AsyncWebSocketTests {
    @Test(
        "an async echo server and an async client exchange text and 1 MiB, every step on the loop"
    )
    func echo() async throws {
        let offLoop = SharedCount()
        try await WebSocketTestServer.with { router in
            router.webSocket("/echo") { webSocket, _ in
                let socket = AsyncWebSocket(webSocket)
                Task(executorPreference: socket.loop) {
                    for await message in socket.messages {
                        if !socket.loop.inEventLoop { offLoop.increment() }
                        try await socket.send(message)
                    }
                }
            }
        } _: { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { try? group.shutdown() }
            let client = try await AsyncWebSocket.connect(
                to: "\(server.url)/echo",
                on: group.next()
            )
            try await client.send(text: "hello, wörld")
            #expect(await client.receive() == .text("hello, wörld"))
            let big = (0..<(1 << 20)).map { UInt8($0 % 251) }
            try await client.send(binary: big)
            #expect(await client.receive() == .binary(big))

            let answer = await client.close(code: .normalClosure, reason: "done")
            #expect(answer.code == .normalClosure)
            #expect(await client.receive() == nil)  // the sequence has ended
            await #expect(throws: WebSocketError.notOpen) { try await client.send(text: "late") }
            #expect(offLoop.value == 0)
        }
    }

    @Test("the server's sends wait while the client does not read; then all arrive, in order")
    func backPressure() async throws {
        let (total, size) = (400, 64 * 1024)  // 25 MiB: more than loopback's buffers hold
        let sent = SharedCount()
        try await WebSocketTestServer.with { router in
            router.webSocket("/flood") { webSocket, _ in
                let socket = AsyncWebSocket(webSocket)
                Task(executorPreference: socket.loop) {
                    for number in 0..<total {
                        try await socket.send(
                            binary: [UInt8](repeating: UInt8(number % 256), count: size)
                        )
                        sent.increment()
                    }
                }
            }
        } _: { server in
            let group = try EventLoopGroup(loopCount: 1)
            defer { try? group.shutdown() }
            let client = try await AsyncWebSocket.connect(
                to: "\(server.url)/flood",
                on: group.next()
            )
            // Not reading: the sender must come to a stop well short of the end.
            var last = -1
            var steady = 0
            for _ in 0..<100 where steady < 3 {
                try await Task.sleep(for: .milliseconds(100))
                steady = sent.value == last ? steady + 1 : 0
                last = sent.value
            }
            #expect(
                sent.value < total,
                "\(sent.value) of \(total) sent to a client that reads nothing"
            )
            for number in 0..<total {
                let message = await client.receive()
                guard message == .binary([UInt8](repeating: UInt8(number % 256), count: size))
                else {
                    Issue.record("message \(number) is wrong or missing")
                    break
                }
            }
            #expect(sent.value == total)
            await client.close()
        }
    }
}
