import EventLoop
import Sockets
import Synchronization
import SystemCalls
import Testing

/// Echoes every byte it receives.
final class EchoHandler: TCPConnectionHandler {
    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        connection.write(bytes)
    }
}

/// Records what a connection went through, readable from the test through locks.
final class RecordingHandler: TCPConnectionHandler, Sendable {
    let received = Locked<[UInt8]>([])
    let closeError = Locked<String?>(nil)
    let closed = Atomic<Bool>(false)
    let opened = Atomic<Bool>(false)
    let endOfInput = Atomic<Bool>(false)
    let writabilityChanges = Locked<[Bool]>([])

    func connectionDidOpen(_ connection: TCPConnection) {
        opened.store(true, ordering: .releasing)
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        received.withLock { $0.append(contentsOf: bytes) }
    }

    func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        endOfInput.store(true, ordering: .releasing)
        connection.closeAfterFlushing()
    }

    func connectionWritabilityDidChange(_ connection: TCPConnection) {
        writabilityChanges.withLock { $0.append(connection.isWritable) }
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        closeError.withLock { $0 = error.map { "\($0)" } }
        closed.store(true, ordering: .releasing)
    }
}

/// A blocking client with a receive timeout, so a test can never hang on a read.
func connectClient(to address: SocketAddress) throws -> Connection {
    let client = try Connection.connect(to: address, timeout: .seconds(5))
    try client.socket.setReceiveTimeout(.seconds(10))
    return client
}

/// Reads until `count` bytes have arrived, or end of stream.
func readExactly(_ count: Int, from connection: Connection) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < count {
        let chunk = try connection.read(upTo: min(count - bytes.count, 65536))
        if chunk.isEmpty { break }
        bytes += chunk
    }
    return bytes
}

/// Reads until the peer closes.
func readToEnd(_ connection: Connection) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while true {
        let chunk = try connection.read()
        if chunk.isEmpty { return bytes }
        bytes += chunk
    }
}

/// `count` bytes of a repeating, position-dependent pattern, so a lost or reordered byte shows.
func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
}

/// The loopback address of `family` with port 0.
func loopback(_ family: SocketAddress.Family) -> SocketAddress {
    family == .ipv4
        ? SocketAddress(ipv4: (127, 0, 0, 1), port: 0)
        : SocketAddress(ipv6: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], port: 0)
}
