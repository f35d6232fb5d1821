// Exercise 6.2, solved: a write buffer for non-blocking sockets.
// The library's version is Sources/EventLoop/WriteBuffer.swift.

import ExerciseSupport

/// Output waiting for room in the kernel's send buffer.
///
/// A non-blocking `send` takes what fits and returns; the rest must wait until the socket
/// is writable again. The buffer keeps that rest in order, with the offset of the first
/// unsent byte. Small writes are merged into the last chunk so that a burst of little
/// messages leaves in one system call; large ones are kept as they are, without a copy.
public struct WriteBuffer: Sendable {
    private var chunks: [[UInt8]] = []
    private var head = 0  // index of the first chunk still (partly) unsent
    private var offset = 0  // bytes of chunks[head] already sent
    /// How many bytes wait to be sent.
    public private(set) var count = 0

    /// Chunks up to this size are merged with their neighbours.
    static let mergeLimit = 16 * 1024

    /// An empty buffer.
    public init() {}

    /// Whether nothing waits to be sent.
    public var isEmpty: Bool { count == 0 }

    /// Queues `bytes` after everything already waiting.
    ///
    /// - Parameter bytes: The bytes to send.
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public mutating func append(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        if head < chunks.count, chunks[chunks.count - 1].count + bytes.count <= Self.mergeLimit {
            chunks[chunks.count - 1].append(contentsOf: bytes)
        } else {
            chunks.append(bytes)
        }
    }

    /// Sends as much as `send` takes, oldest bytes first.
    ///
    /// - Parameter send: Sends some bytes and returns how many were taken, or `nil` when
    ///   there is no room now (`EAGAIN`).
    /// - Returns: `true` if everything was sent, `false` if bytes remain for later.
    /// - Throws: What `send` throws; the buffer is left as it was before that call.
    public mutating func flush(using send: (UnsafeRawBufferPointer) throws -> Int?) throws -> Bool {
        while head < chunks.count {
            let chunk = chunks[head]
            let sent = try chunk.withUnsafeBytes { bytes in
                try send(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            }
            guard let sent else {  // the kernel is full: wait until writable
                compact()
                return false
            }
            count -= sent
            offset += sent
            if offset < chunk.count { continue }  // a partial write: offer the rest again
            chunks[head] = []  // release the sent chunk's memory now
            head += 1
            offset = 0
        }
        chunks.removeAll(keepingCapacity: chunks.count <= 16)
        head = 0
        return true
    }

    /// Drops the emptied chunks before `head` once they are the larger part of the array,
    /// so a connection that is never fully drained does not grow the array forever.
    private mutating func compact() {
        if head > 32 && head * 2 > chunks.count {
            chunks.removeFirst(head)
            head = 0
        }
    }
}
