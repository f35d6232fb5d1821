import Sockets
import SystemCalls

/// Reads a connection line by line, each wait bounded: the client side of a chat test.
public struct LineReader: Sendable {
    /// The connection read from.
    public let connection: Connection
    private var buffer = LineBuffer()
    private var ready: [String] = []
    /// Whether the peer has ended the stream.
    public private(set) var isAtEnd = false

    /// Reads from `connection`.
    ///
    /// - Parameter connection: A blocking connection.
    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The next line, without its newline; `nil` once the stream has ended.
    ///
    /// - Parameter timeout: The longest wait for the line.
    /// - Returns: The line, or `nil` at end of stream.
    /// - Throws: ``TestTimeout``, or ``SystemCallError`` (a reset) from the read.
    public mutating func nextLine(within timeout: Duration = .seconds(5)) throws -> String? {
        let deadline = Deadline(after: timeout)
        while ready.isEmpty && !isAtEnd {
            try connection.waitReadable(before: deadline, for: "a line")
            let bytes = try connection.read()
            if bytes.isEmpty {
                isAtEnd = true
            } else {
                ready += try buffer.append(bytes).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        return ready.isEmpty ? nil : ready.removeFirst()
    }
}
