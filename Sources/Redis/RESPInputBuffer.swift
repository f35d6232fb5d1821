/// Bytes received from Redis and not yet parsed.
///
/// TCP delivers a stream in pieces of whatever size the kernel had ready: one read may end
/// in the middle of a reply, or hold a hundred pipelined replies. This buffer joins the
/// pieces. When everything before has been parsed, a new piece *becomes* the buffer (no
/// copy); parsed bytes at the front are dropped only once they are the larger half, so
/// each byte is moved at most a few times however the stream was cut.
struct RESPInputBuffer: Sendable {
    private var bytes: [UInt8] = []
    private var start = 0

    /// How many unparsed bytes there are.
    var count: Int { bytes.count - start }

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

    /// The offset of the first CR LF whose CR is at `from` or later and at `last` or
    /// earlier; `nil` if there is none among the bytes received so far.
    func lineEnd(from: Int, through last: Int) -> Int? {
        let end = min(bytes.count - 2, start + last)
        var index = start + from
        while index <= end {
            if bytes[index] == 13 && bytes[index + 1] == 10 { return index - start }
            index += 1
        }
        return nil
    }

    /// The bytes from `from` up to `to` (not included), as text.
    func text(from: Int, to: Int) -> String {
        String(decoding: bytes[(start + from)..<(start + to)], as: UTF8.self)
    }

    /// A copy of the bytes from `from` up to `to` (not included).
    func slice(from: Int, to: Int) -> [UInt8] {
        if from == 0 && start == 0 && to == bytes.count { return bytes }
        return Array(bytes[(start + from)..<(start + to)])
    }

    /// Marks `length` bytes at the front as parsed.
    mutating func consume(_ length: Int) {
        start += length
        if start == bytes.count {
            bytes = []
            start = 0
        }
    }
}
