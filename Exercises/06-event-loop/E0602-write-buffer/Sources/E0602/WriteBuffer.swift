// Exercise 6.2: a write buffer for non-blocking sockets.
// Read the task in ../../README.md; check it with `swift run grade 6.2`.

import ExerciseSupport

/// Output waiting for room in the kernel's send buffer.
///
/// A non-blocking `send` takes what fits and returns; the rest must wait until the socket
/// is writable again. The buffer keeps that rest in order, with the offset of the first
/// unsent byte. Small writes are merged into the last chunk so that a burst of little
/// messages leaves in one system call; large ones are kept as they are, without a copy.
///
/// ```
///   chunks:  [ h e l l o | w o r l d ]  [ 64 KiB image ... ]
///              ▲ offset: bytes before it were sent
/// ```
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
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func append(_ bytes: [UInt8]) throws {
        // TODO(E0602): count the bytes; merge them into the last chunk if that stays
        // within `mergeLimit`, else add them as a chunk of their own.
        throw Unimplemented("E0602: WriteBuffer.append(_:)")
    }

    /// Sends as much as `send` takes, oldest bytes first.
    ///
    /// - Parameter send: Sends some bytes and returns how many were taken, or `nil` when
    ///   there is no room now (`EAGAIN`).
    /// - Returns: `true` if everything was sent, `false` if bytes remain for later.
    /// - Throws: What `send` throws; the buffer is left as it was before that call.
    public mutating func flush(using send: (UnsafeRawBufferPointer) throws -> Int?) throws -> Bool {
        // TODO(E0602): offer `send` the unsent part of the head chunk, again and again:
        // advance `offset` (and `head` when a chunk is done) by what it took; stop with
        // false on nil; when every chunk is sent, empty the array and return true.
        throw Unimplemented("E0602: WriteBuffer.flush(using:)")
    }
}
