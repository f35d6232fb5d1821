// Exercise 5.1: lines from a stream of bytes.
// Read the task in ../../README.md; check it with `swift run grade 5.1`.

import ExerciseSupport

/// Collects stream bytes and hands back complete lines.
///
/// TCP has no message boundaries, so a line typed into `nc` may arrive in two reads, or
/// two lines in one. Line-based protocols (a chat, SMTP, Redis's inline commands) keep
/// the unfinished tail until its `\n` arrives. Limiting the tail's size stops a client
/// from filling the server's memory with one endless line.
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
    public mutating func append(_ bytes: some Collection<UInt8>) throws -> [[UInt8]] {
        // TODO(E0501): add the bytes to `pending`; cut off every complete line (up to a
        // "\n", dropping a "\r" just before it); keep the rest; check the rest's length.
        throw Unimplemented("E0501: LineBuffer.append(_:)")
    }
}
