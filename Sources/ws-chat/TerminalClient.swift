import DemoSupport
import EventLoop
import SystemCalls
import WebSockets

/// The terminal side of the chat: lines typed go to the room, lines from the room are
/// printed.
///
/// The socket lives on an event loop; standard input is read on a thread of its own,
/// because a read from a terminal blocks, and each line hops to the loop to be sent.
enum TerminalClient {
    /// Connects to `url` and chats until standard input ends or the server closes.
    ///
    /// - Parameter url: The room, such as `ws://127.0.0.1:9002/chat?name=ada`.
    /// - Returns: The exit status: 0 after a normal close.
    /// - Throws: What connecting threw, such as `ECONNREFUSED`.
    static func run(url: String) async throws -> Int32 {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let (closes, closed) = AsyncStream.makeStream(of: WebSocketCloseCode.self)
        let socket = try await WebSocket.connect(to: url, on: group.next()) { webSocket in
            // On the loop, before it reads a frame: this line comes before any message.
            printFlushed("connected to \(url)")
            webSocket.onMessage = { _, message in
                if case .text(let line) = message { printFlushed(line) }
            }
            webSocket.onClose = { _, code, _ in
                closed.yield(code)
                closed.finish()
            }
        }
        printToStandardError("type lines, Ctrl-D to leave")
        // snippet: terminal-client
        let input = try SystemThread.start(name: "stdin") {
            while let line = readLine() {
                socket.loop.execute { socket.value.send(text: line) }
            }
            socket.loop.execute { socket.value.close(code: .normalClosure, reason: "bye") }
        }
        // end-snippet
        var ending = closes.makeAsyncIterator()
        let code = await ending.next() ?? .abnormalClosure
        printToStandardError("closed: \(code)")
        _ = input  // the reader may still block in readLine; the process exits anyway
        return code == .normalClosure || code == .goingAway ? 0 : 1
    }
}
