import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

/// Opens a WebSocket to `address` by hand (the upgrade request, then the `101` read up to
/// its blank line) and returns the open connection, which then stays silent.
func openIdleWebSocket(to address: SocketAddress) throws -> Connection {
    let connection = try Connection.connect(to: address, timeout: .seconds(10))
    try connection.writeAll(
        "GET / HTTP/1.1\r\nHost: \(address)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    var answer: [UInt8] = []
    while !answer.ends(with: Array("\r\n\r\n".utf8)) {
        let bytes = try connection.read(upTo: 1)  // one byte: nothing after the 101 is taken
        if bytes.isEmpty { break }
        answer += bytes
    }
    let head = String(decoding: answer, as: UTF8.self)
    guard head.hasPrefix("HTTP/1.1 101 ") else {
        throw DemoProcessError.unexpectedOutput("ws-echo", "answer \(head.debugDescription)")
    }
    return connection
}

extension Array where Element: Equatable {
    /// Whether the array's last elements are `suffix`.
    func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}

@Suite(
    "ws-echo holds many idle WebSockets, cheaply",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread
)
struct WebSocketIdleTests {
    /// What an idle connection costs the server, in memory.
    ///
    /// It is the price of holding every browser tab that has the page open. Measured as
    /// the bar asks: the growth of the server's resident memory (`VmRSS`) while the
    /// connections are held, divided by their number, after a first hundred has warmed
    /// the allocator up.
    @Test("5,000 idle connections: each costs under 4 KiB of server memory, and all come back")
    func fiveThousandIdle() throws {
        let (warmUpCount, idleCount) = (100, 5000)
        try OpenFileLimit.raise(toAtLeast: UInt64(warmUpCount + idleCount) + 1024)
        let (server, address) = try startServer(["ws-echo", "--loops", "1"])
        defer { server.kill() }
        let status = ProcessStatus(pid: server.pid)
        // The first connections also open what a server opens once (counted as warm-up).
        let warmUp = try (0..<warmUpCount).map { _ in try openIdleWebSocket(to: address) }
        let descriptorsBefore = try status.descriptorCount() - warmUpCount
        let residentBefore = try status.residentBytes()
        let idle = try (0..<idleCount).map { _ in try openIdleWebSocket(to: address) }
        #expect(try status.descriptorCount() == descriptorsBefore + warmUpCount + idleCount)
        let growth = try status.residentBytes() - residentBefore
        let perConnection = Double(growth) / Double(idleCount) / 1024
        #expect(perConnection < 4, "\(perConnection) KiB per idle connection")

        // Every one of them is still a working WebSocket: the last echoes a masked ping.
        let (payload, key): ([UInt8], [UInt8]) = (Array("ok?".utf8), [1, 2, 3, 4])
        let masked = payload.enumerated().map { $1 ^ key[$0 % 4] }
        try idle[idleCount - 1].writeAll([0x89, 0x80 | UInt8(payload.count)] + key + masked)
        #expect(try idle[idleCount - 1].read(upTo: 64) == [0x8A, UInt8(payload.count)] + payload)

        for connection in warmUp + idle { connection.close() }
        var descriptors = 0
        let settled = try waitUntil(within: .seconds(20)) {
            descriptors = try status.descriptorCount()
            return descriptors == descriptorsBefore
        }
        #expect(settled, "\(descriptors) descriptors, \(descriptorsBefore) before")
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }
}
