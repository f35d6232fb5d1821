import SystemCalls

/// Calls `body` with each line of standard input, without its line end.
///
/// It reads descriptor 0 itself rather than with `readLine()`: the C library's `stdin`
/// stays locked while a read waits, and `fflush(nil)` (in ``printFlushed(_:)``) would
/// wait for that lock on the loop's thread until a line arrived.
///
/// - Parameter body: Called with each line, in order, on the calling thread.
public func forEachLineOfStandardInput(_ body: (String) -> Void) {
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes {
            (try? FileDescriptor(rawValue: 0).read(into: $0)) ?? nil
        }
        guard let count, count > 0 else { break }
        pending += buffer[0..<count]
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            body(String(decoding: pending[..<end], as: UTF8.self))
            pending.removeFirst(end + 1)
        }
    }
    if !pending.isEmpty { body(String(decoding: pending, as: UTF8.self)) }
}
