import Libc
import Sockets
import SystemCalls
import TestSupport

/// Many chat clients on one thread: non-blocking connections read as `poll(2)` reports them
/// ready, so a test can hold a thousand clients without a thousand threads.
final class ChatCrowd {
    /// The clients' connections, non-blocking.
    let connections: [Connection]
    /// Each client's guest name, once its welcome line has arrived.
    private(set) var names: [String?]
    /// Whether each client's stream has ended (or failed).
    private(set) var hasEnded: [Bool]
    private var buffers: [LineBuffer]
    private var readBuffer = [UInt8](repeating: 0, count: 65536)

    /// Connects `count` clients to `address`, one after another.
    ///
    /// - Throws: ``SystemCallError`` from `connect(2)`.
    init(count: Int, connectingTo address: SocketAddress) throws {
        var connections: [Connection] = []
        connections.reserveCapacity(count)
        for _ in 0..<count {
            let connection = try Connection.connect(to: address, timeout: .seconds(5))
            try connection.socket.setNonBlocking(true)
            connections.append(connection)
        }
        self.connections = connections
        names = Array(repeating: nil, count: count)
        hasEnded = Array(repeating: false, count: count)
        buffers = Array(repeating: LineBuffer(), count: count)
    }

    /// Reads whatever arrives, handing each line (notices included, the welcome excepted)
    /// to `handle` with its client's index, until `isDone` says so.
    ///
    /// - Parameters:
    ///   - timeout: The longest the whole wait may take.
    ///   - what: What is being waited for, for the timeout's message.
    ///   - isDone: Checked after every batch of reads.
    ///   - handle: Receives each client's index and line, without its newline.
    /// - Throws: ``TestTimeout``, or what a read or `handle` throws.
    func pump(
        within timeout: Duration,
        waitingFor what: String,
        until isDone: () -> Bool,
        handle: (Int, ArraySlice<UInt8>) throws -> Void = { _, _ in }
    ) throws {
        let deadline = Deadline(after: timeout)
        var entries = connections.map {
            pollfd(fd: $0.socket.descriptor.rawValue, events: CShort(POLLIN), revents: 0)
        }
        while !isDone() {
            // poll(2) skips negative descriptors: the ended streams, which stay readable.
            for index in entries.indices where hasEnded[index] { entries[index].fd = -1 }
            if !hasEnded.contains(false) { throw TestTimeout("\(what), but every stream ended") }
            let ready = try entries.withUnsafeMutableBufferPointer {
                (buffer) throws(SystemCallError) in
                try Poll.wait(buffer, timeoutMilliseconds: deadline.remainingMilliseconds)
            }
            if ready == 0 { throw TestTimeout(what) }
            for index in entries.indices where entries[index].revents != 0 {
                try readAvailable(from: index, handle: handle)
            }
        }
    }

    private func readAvailable(from index: Int, handle: (Int, ArraySlice<UInt8>) throws -> Void)
        throws
    {
        let descriptor = connections[index].socket.descriptor
        while true {
            let count: Int?
            do {
                count = try readBuffer.withUnsafeMutableBytes { (raw) throws(SystemCallError) in
                    try descriptor.read(into: raw)
                }
            } catch {
                hasEnded[index] = true  // a reset: the stream is over
                return
            }
            guard let count else { return }  // nothing more for now
            if count == 0 {
                hasEnded[index] = true
                return
            }
            for line in try buffers[index].append(readBuffer[0..<count]) {
                if names[index] == nil {
                    names[index] = Self.guestName(inWelcome: line)
                } else {
                    try handle(index, line[...])
                }
            }
        }
    }

    /// `guest-7` from `* welcome, you are guest-7`.
    private static func guestName(inWelcome line: [UInt8]) -> String {
        let prefix = Array("* welcome, you are ".utf8)
        guard line.starts(with: prefix) else { return "?" + String(decoding: line, as: UTF8.self) }
        return String(decoding: line[prefix.count...], as: UTF8.self)
    }

    /// How many clients have a name and how many streams ended, for failure messages.
    var summary: String {
        "\(names.count { $0 != nil }) of \(connections.count) welcomed, "
            + "\(hasEnded.count { $0 }) streams ended"
    }

    /// Sends `text` from client `index`.
    ///
    /// - Throws: ``SystemCallError``.
    func send(_ text: String, from index: Int) throws {
        try connections[index].writeAll(text)
    }

    /// Closes every client.
    func closeAll() {
        for connection in connections { connection.close() }
    }
}
