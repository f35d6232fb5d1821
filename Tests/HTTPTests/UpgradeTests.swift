import EventLoop
import HTTP
import SystemCalls
import TestSupport
import Testing

/// A toy protocol that replaces HTTP after the upgrade: it answers every byte upper-cased.
final class ShoutingHandler: TCPConnectionHandler {
    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        connection.write(Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8))
    }
}

/// Shouts back like ``ShoutingHandler``, and notes the loop each event runs on.
final class ShoutingOnLoop: TCPConnectionHandler {
    let seen: Locked<[String]>

    init(seen: Locked<[String]>) {
        self.seen = seen
    }

    func connectionDidOpen(_ connection: TCPConnection) {
        note(connection)
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        note(connection)
        connection.write(Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8))
    }

    private func note(_ connection: TCPConnection) {
        let place = "\(connection.loop.name), on its thread: \(connection.loop.inEventLoop)"
        seen.withLock { $0.append(place) }
    }
}

@Suite(
    "HTTP server: handing the connection to another protocol (101)",
    .timeLimit(.minutes(1)),
    .ownThread
)
struct UpgradeTests {
    @Test("after 101 the new handler owns the connection, and gets bytes sent right after the head")
    func upgrade() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { request, response in
                guard request.head.wantsUpgrade else { return response.respond(.text("plain")) }
                response.upgrade(headers: ["Upgrade": "shout"]) { _ in ShoutingHandler() }
            }
        ) { server in
            let raw = try server.rawConnection()
            // The first protocol bytes travel in the same packet as the request.
            try await raw.send(
                "GET /s HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: shout\r\n\r\nhello"
            )
            let response = try #require(await raw.readResponse())
            #expect(response.status == 101)
            #expect(response.header("Upgrade") == "shout")
            #expect(response.header("Connection") == "Upgrade")
            #expect(await raw.read(atLeast: 5) == "HELLO")
            try await raw.send("again")
            #expect(await raw.read(atLeast: 5) == "AGAIN")
        }
    }

    @Test("upgrade(headers:on:to:) runs the new protocol on the loop chosen, whoever accepted")
    func upgradeOntoChosenLoop() async throws {
        let home = Locked<EventLoop?>(nil)
        let acceptedOn = Locked<Set<String>>([])
        let seen = Locked<[String]>([])
        try await TestServer.with(
            loops: 2,
            handler: HTTPHandlerFunction { _, response in
                acceptedOn.withLock { _ = $0.insert(response.loop.name) }
                let target = home.withLock { $0 }
                response.upgrade(headers: ["Upgrade": "shout"], on: target) { _ in
                    ShoutingOnLoop(seen: seen)
                }
            }
        ) { server in
            home.withLock { $0 = server.group.loops[1] }
            for _ in 0..<4 {
                let raw = try server.rawConnection()
                try await raw.send(
                    "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: shout\r\n\r\nhello"
                )
                #expect(try #require(await raw.readResponse()).status == 101)
                #expect(await raw.read(atLeast: 5) == "HELLO")
                try await raw.send("again")
                #expect(await raw.read(atLeast: 5) == "AGAIN")
            }
        }
        #expect(acceptedOn.withLock { $0 } == ["loop-0", "loop-1"])
        // Open, the bytes behind the request, "again": each time on loop-1, on its thread.
        let places = seen.withLock { $0 }
        #expect(Set(places) == ["loop-1, on its thread: true"])
        #expect(places.count >= 12)
    }

    @Test("an upgrade request answered normally leaves the connection speaking HTTP")
    func declined() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { _, response in response.respond(.text("no upgrade")) }
        ) {
            server in
            let raw = try server.rawConnection()
            try await raw.send(
                "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
            )
            #expect(await raw.readResponse()?.body == "no upgrade")
            #expect(await raw.readResponse()?.body == "no upgrade")
        }
    }
}
