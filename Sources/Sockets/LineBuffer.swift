/// Collects stream bytes and hands back complete lines.
///
/// TCP has no message boundaries, so a line typed into `nc` may arrive in two reads, or
/// two lines in one. Line-based protocols (a chat, SMTP, Redis's inline commands) keep
/// the unfinished tail until its `\n` arrives. Limiting the tail's size stops a client
/// from filling the server's memory with one endless line.
public struct LineBuffer: Sendable {
    private var pending: [UInt8] = []
    /// The longest line accepted, in bytes, without its `\n`.
    public let maximumLineLength: Int

    /// A line grew past ``maximumLineLength`` without a newline.
    public struct LineTooLong: Error, Equatable, Sendable {
        /// The limit that was passed.
        public let limit: Int
    }

    /// Creates an empty buffer.
    ///
    /// - Parameter maximumLineLength: The longest line accepted.
    public init(maximumLineLength: Int = 64 * 1024) {
        self.maximumLineLength = maximumLineLength
    }

    /// Bytes received but not yet part of a complete line.
    public var unfinished: [UInt8] { pending }

    // snippet: line-buffer
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
        // A final `\r` may be the first half of a `\r\n` split across reads: not counted.
        let tail = pending.last == UInt8(ascii: "\r") ? pending.count - 1 : pending.count
        if tail > maximumLineLength { throw LineTooLong(limit: maximumLineLength) }
        return lines
    }
    // end-snippet
}
