// Exercise 5.1, solved: lines from a stream of bytes.
// The library's version is Sources/Sockets/LineBuffer.swift.

import ExerciseSupport

/// Collects stream bytes and hands back complete lines.
///
/// TCP has no message boundaries, so a line typed into `nc` may arrive in two reads, or
/// two lines in one. Line-based protocols keep the unfinished tail until its `\n` arrives.
/// Limiting the tail's size stops a client from filling the server's memory with one
/// endless line.
public struct LineBuffer: Sendable {
    private var pending: [UInt8] = []
    /// The longest unfinished line accepted, in bytes.
    public let maximumLineLength: Int

    /// A line grew past ``maximumLineLength`` without a newline.
    public struct LineTooLong: Error, Equatable, Sendable {
        /// The limit that was passed.
        public let limit: Int

        /// Says that a line grew past `limit`.
        ///
        /// - Parameter limit: The limit that was passed.
        public init(limit: Int) {
            self.limit = limit
        }
    }

    /// Creates an empty buffer.
    ///
    /// - Parameter maximumLineLength: The longest line accepted.
    public init(maximumLineLength: Int = 64 * 1024) {
        self.maximumLineLength = maximumLineLength
    }

    /// Bytes received but not yet part of a complete line.
    public var unfinished: [UInt8] { pending }

    /// Adds `bytes` and returns every line they complete, without the `\n` (nor a `\r`
    /// before it).
    ///
    /// - Parameter bytes: Newly received bytes.
    /// - Returns: The complete lines, in order; possibly none.
    /// - Throws: ``LineTooLong`` if the unfinished line grows past the limit.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(LineTooLong) -> [[UInt8]] {
        pending.append(contentsOf: bytes)
        var lines: [[UInt8]] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start && pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(Array(pending[start..<end]))
            start = newline + 1
        }
        pending.removeFirst(start)
        if pending.count > maximumLineLength { throw LineTooLong(limit: maximumLineLength) }
        return lines
    }
}
