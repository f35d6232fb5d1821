import EventLoop
import HTTP
import Sockets
import SystemCalls
import TestSupport
import Testing

/// The client's side of the shouting protocol: notes everything it hears, in order.
final class ShoutListener: TCPConnectionHandler {
    let heard: AsyncStream<String>.Continuation

    init(heard: AsyncStream<String>.Continuation) {
        self.heard = heard
    }

    func connectionDidOpen(_ connection: TCPConnection) {
        heard.yield("open")
        connection.write("hello")
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        heard.yield(String(decoding: bytes, as: UTF8.self))
    }
}

/// Greets with `welcome` in the packet of the `101`, then shouts back what it hears.
final class GreetingShouter: TCPConnectionHandler {
    func connectionDidOpen(_ connection: TCPConnection) {
        connection.write("welcome|")
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        connection.write(Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8))
    }
}

/// Asks `address` to switch to the shouting protocol from `loop`, and reports what the
/// client's two closures saw: `"101 -> <handler events>"`, or the failure.
func upgradeToShout(
    at address: SocketAddress,
    on loop: EventLoop,
    configuration: HTTPClient.Configuration = HTTPClient.Configuration(),
    refusing: Bool = false
) async -> (outcome: String, heard: AsyncStream<String>) {
    let (heard, input) = AsyncStream<String>.makeStream()
    let outcome = await withCheckedContinuation {
        (continuation: CheckedContinuation<String, Never>) in
        loop.execute {
            HTTPClientConnection.upgrade(
                to: address,
                host: "test",
                on: loop,
                sending: HTTPClientRequest(
                    target: "/shout",
                    headers: ["Upgrade": "shout", "Connection": "Upgrade"]
                ),
                configuration: configuration
            ) { head, _ in
                if refusing { throw HTTPClientError.invalidRequest }
                continuation.resume(
                    returning: "\(head.status.code) \(head.headers["Upgrade"] ?? "")"
                )
                return ShoutListener(heard: input)
            } onFailure: { error in
                continuation.resume(returning: "failed: \(error)")
            }
        }
    }
    return (outcome, heard)
}

@Suite(
    "HTTP client: upgrading a connection to another protocol",
    .timeLimit(.minutes(1)),
    .ownThread
)
struct ClientUpgradeTests {
    @Test("after the 101 the new handler owns the connection, with the bytes behind the head")
    func upgraded() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { _, response in
                response.upgrade(headers: ["Upgrade": "shout"]) { _ in GreetingShouter() }
            }
        ) { server in
            let (outcome, heard) = await upgradeToShout(at: server.address, on: server.group.next())
            #expect(outcome == "101 shout")
            var events = heard.makeAsyncIterator()
            #expect(await events.next() == "open")
            // "welcome|" left the server with the 101, very likely in the same packet;
            // either way the listener hears it first, then the answer to its "hello".
            var rest = ""
            while rest.count < "welcome|HELLO".count, let piece = await events.next() {
                rest += piece
            }
            #expect(rest == "welcome|HELLO")
        }
    }

    @Test("another status is a refused upgrade, reported once; the connection is closed")
    func refused() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { _, response in response.respond(.text("no")) }
        ) { server in
            let (outcome, _) = await upgradeToShout(at: server.address, on: server.group.next())
            #expect(outcome == "failed: \(HTTPClientError.upgradeRefused(.ok))")
            #expect(waitUntil(within: .seconds(10)) { server.server.connectionCount == 0 })
        }
    }

    @Test("a 101 the caller refuses closes the connection and reports the caller's error")
    func callerRefuses() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { _, response in
                response.upgrade(headers: ["Upgrade": "shout"]) { _ in GreetingShouter() }
            }
        ) { server in
            let (outcome, _) = await upgradeToShout(
                at: server.address,
                on: server.group.next(),
                refusing: true
            )
            #expect(outcome == "failed: \(HTTPClientError.invalidRequest)")
            #expect(waitUntil(within: .seconds(10)) { server.server.connectionCount == 0 })
        }
    }

    @Test("no answer in time is the request timeout; nobody listening is connect's error")
    func timeoutAndRefusedConnection() async throws {
        let silent = HTTPHandlerFunction { _, _ in }
        try await TestServer.with(handler: silent) { server in
            var configuration = HTTPClient.Configuration()
            configuration.requestTimeout = .milliseconds(200)
            let (outcome, _) = await upgradeToShout(
                at: server.address,
                on: server.group.next(),
                configuration: configuration
            )
            #expect(outcome == "failed: \(HTTPClientError.timedOut)")
            let closed = try closedPort(on: "127.0.0.1")
            defer { closed.release() }
            let (refused, _) = await upgradeToShout(at: closed.address, on: server.group.next())
            #expect(
                refused == "failed: \(SystemCallError(call: "connect", errno: .connectionRefused))"
            )
        }
    }
}
