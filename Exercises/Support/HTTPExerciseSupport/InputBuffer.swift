import HTTP

/// Bytes received from the network and not yet parsed.
///
/// A copy of the library's internal `InputBuffer` (Sources/HTTP/InputBuffer.swift), made
/// public for exercise 8.3. TCP hands the parser pieces of the stream of whatever size the
/// kernel had ready; this buffer joins them. Parsed bytes at the front are dropped only
/// once they are the larger half, so each byte is moved at most a few times.
public struct InputBuffer: Sendable {
    private var bytes: [UInt8] = []
    private var start = 0

    /// An empty buffer.
    public init() {}

    /// How many unparsed bytes there are.
    public var count: Int { bytes.count - start }

    /// Whether everything received has been parsed.
    public var isEmpty: Bool { start == bytes.count }

    /// Adds received bytes after the ones waiting.
    ///
    /// - Parameter new: The bytes, in the order they arrived.
    public mutating func append(_ new: [UInt8]) {
        if start == bytes.count {
            bytes = new
            start = 0
            return
        }
        if start > 4096 && start * 2 >= bytes.count {
            bytes.removeFirst(start)
            start = 0
        }
        bytes.append(contentsOf: new)
    }

    /// The unparsed byte at `offset` from the front.
    ///
    /// - Parameter offset: `0` for the first unparsed byte.
    public subscript(offset: Int) -> UInt8 {
        bytes[start + offset]
    }

    /// Marks `length` bytes at the front as parsed.
    ///
    /// - Parameter length: How many bytes.
    public mutating func consume(_ length: Int) {
        start += length
        if start == bytes.count {
            bytes = []
            start = 0
        }
    }

    /// Removes and returns `length` bytes from the front.
    ///
    /// - Parameter length: How many bytes.
    /// - Returns: The bytes.
    public mutating func take(_ length: Int) -> [UInt8] {
        if start == 0 && length == bytes.count {
            defer { bytes = [] }
            return bytes
        }
        let taken = Array(bytes[start..<start + length])
        consume(length)
        return taken
    }

    /// Removes and returns every unparsed byte.
    ///
    /// - Returns: The bytes.
    public mutating func takeAll() -> [UInt8] {
        take(count)
    }

    /// Calls `body` with the unparsed bytes, indexed from `0`.
    ///
    /// - Parameter body: Reads the bytes; it must not keep the pointer.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func withUnparsedBytes<Result>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Result
    ) throws(HTTPParseError) -> Result {
        try bytes.withUnsafeBufferPointer { (all) throws(HTTPParseError) -> Result in
            try body(UnsafeBufferPointer(rebasing: all[start...]))
        }
    }
}
