import EngineIO
import Synchronization
import TestSupport

/// What our Engine.IO client heard, one line per event, in the words of the Python peers:
/// `open upgrades=websocket`, `text WORDS`, `text-bytes N`, `binary N`, `upgrade`,
/// `close REASON`.
///
/// It is the client's handler; the test reads the lines in order with ``next(within:)``.
final class EngineIOTranscript: EngineIOClientHandler, Sendable {
    /// The last binary message and the last long text, whole, for a test to compare.
    let lastBinary = Mutex<[UInt8]>([])
    let lastLongText = Mutex<String>("")
    private let lines: AsyncStream<String>
    private let input: AsyncStream<String>.Continuation

    init() { (lines, input) = AsyncStream.makeStream() }

    func clientDidOpen(_ client: EngineIOClient, handshake: EngineIOHandshake) {
        input.yield("open upgrades=\(handshake.upgrades.joined(separator: ","))")
    }

    func client(_ client: EngineIOClient, didReceive message: EngineIOMessage) {
        switch message {
        case .text(let text) where text.utf8.count > 1000:
            lastLongText.withLock { $0 = text }
            input.yield("text-bytes \(text.utf8.count)")
        case .text(let text):
            input.yield("text \(text)")
        case .binary(let bytes):
            lastBinary.withLock { $0 = bytes }
            input.yield("binary \(bytes.count)")
        }
    }

    func clientDidUpgrade(_ client: EngineIOClient) {
        input.yield("upgrade")
    }

    func clientDidClose(_ client: EngineIOClient, reason: EngineIOCloseReason) {
        input.yield("close \(reason)")
        input.finish()
    }

    /// The next line, or `ended` once the client has closed and every line was read.
    ///
    /// - Parameter limit: The longest wait.
    /// - Returns: The line.
    /// - Throws: ``TestTimeout`` if nothing happened in time (the transcript is then
    ///   finished: a test that timed out reads no further).
    func next(within limit: Duration = .seconds(10)) async throws -> String {
        let lines = self.lines
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                var iterator = lines.makeAsyncIterator()
                return await iterator.next() ?? "ended"
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let line = first else {
                throw TestTimeout("our Engine.IO client to hear something, for \(limit)")
            }
            return line
        }
    }
}

/// `count` bytes of UTF-8 in 1-, 2-, 3- and 4-byte characters and U+2028, then ASCII: the
/// same text as `big_text` in Tests/Peers/engineio_client.py.
func bigText(_ count: Int) -> String {
    let unit = "aé☕😀\u{2028}"  // 1 + 2 + 3 + 4 + 3 = 13 bytes
    return String(repeating: unit, count: count / 13)
        + String(repeating: "x", count: count % 13)
}
