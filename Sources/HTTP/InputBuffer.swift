/// Bytes received from the network and not yet parsed.
///
/// TCP hands the parser pieces of the stream of whatever size the kernel had ready; this
/// buffer joins them. It is built to copy as little as possible: when everything before
/// has been parsed, a new piece *becomes* the buffer (no copy), and a body that fills the
/// whole buffer leaves it without a copy too. Parsed bytes at the front are dropped only
/// once they are the larger half, so each byte is moved at most a few times.
struct InputBuffer: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var start = 0

    /// How many unparsed bytes there are.
    var count: Int { bytes.count - start }

    /// Whether everything received has been parsed.
    var isEmpty: Bool { start == bytes.count }

    /// Adds received bytes after the ones waiting.
    mutating func append(_ new: [UInt8]) {
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
    @inline(__always)
    subscript(offset: Int) -> UInt8 {
        bytes[start + offset]
    }

    /// Marks `length` bytes at the front as parsed.
    mutating func consume(_ length: Int) {
        start += length
        if start == bytes.count {
            bytes = []
            start = 0
        }
    }

    /// Removes and returns `length` bytes from the front.
    mutating func take(_ length: Int) -> [UInt8] {
        if start == 0 && length == bytes.count {
            defer { bytes = [] }
            return bytes
        }
        let taken = Array(bytes[start..<start + length])
        consume(length)
        return taken
    }

    /// Removes and returns every unparsed byte.
    mutating func takeAll() -> [UInt8] {
        take(count)
    }

    /// Calls `body` with the unparsed bytes, indexed from `0`.
    func withUnparsedBytes<Result>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Result
    ) throws(HTTPParseError) -> Result {
        try bytes.withUnsafeBufferPointer { (all) throws(HTTPParseError) -> Result in
            try body(UnsafeBufferPointer(rebasing: all[start...]))
        }
    }
}
