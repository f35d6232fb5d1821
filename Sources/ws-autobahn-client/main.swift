// ws-autobahn-client: drives the Autobahn|Testsuite client suite with our WebSocket client.
// Try it:   Scripts/autobahn.sh client        (starts wstest's fuzzing server, then this)
// By hand:  AUTOBAHN_URL=ws://127.0.0.1:9002 AUTOBAHN_AGENT=SocketLadder swift run ws-autobahn-client
//
// The suite's server tells us how many cases it has (/getCaseCount), then for each case i
// we open /runCase?case=i&agent=NAME and echo every message until it closes the
// connection; /updateReports?agent=NAME makes it write the report. A case whose
// connection fails or is refused is normal: some cases test exactly that.
// Chapter:  Tutorials/11-websocket-frames/README.md

import DemoSupport
import EventLoop
import SystemCalls
import WebSockets

let command = DemoCommand(
    name: "ws-autobahn-client",
    summary: "runs the Autobahn|Testsuite client cases against AUTOBAHN_URL",
    defaultPort: nil,
    options: [],
    examples: ["AUTOBAHN_URL=ws://127.0.0.1:9002 AUTOBAHN_AGENT=SocketLadder ws-autobahn-client"]
)
_ = command.parse()
let logger = Logger(label: "ws-autobahn-client")
let base = CurrentProcess.environmentVariable("AUTOBAHN_URL") ?? "ws://127.0.0.1:9001"
let agent = CurrentProcess.environmentVariable("AUTOBAHN_AGENT") ?? "SocketLadder"

/// Group 9 sends messages of up to 16 MiB, and we echo them.
let options = {
    var options = WebSocketClientOptions()
    options.configuration.maximumMessageSize = 64 << 20
    options.configuration.maximumFrameSize = 64 << 20
    options.tcp.maximumPendingOutput = 160 << 20
    return options
}()

/// Opens `url`, hands every message to `onMessage`, and returns how the connection ended.
func session(
    _ url: String,
    on loop: EventLoop,
    onMessage: @escaping @Sendable (WebSocket, WebSocketMessage) -> Void
) async -> String {
    await withCheckedContinuation { (finished: CheckedContinuation<String, Never>) in
        WebSocket.connect(to: url, on: loop, options: options) { result in
            switch result {
            case .failure(let error):
                finished.resume(returning: "failed: \(error)")
            case .success(let webSocket):
                webSocket.onMessage = onMessage
                webSocket.onClose = { _, code, _ in finished.resume(returning: "closed \(code)") }
            }
        }
    }
}

// snippet: autobahn-client
do {
    let group = try EventLoopGroup(loopCount: 1)
    let loop = group.next()
    let count = Locked(0)
    _ = await session("\(base)/getCaseCount", on: loop) { _, message in
        if case .text(let text) = message { count.withLock { $0 = Int(text) ?? 0 } }
    }
    let cases = count.withLock { $0 }
    guard cases > 0 else {
        logger.error("no case count from \(base)/getCaseCount: is wstest running?")
        CurrentProcess.exit(1)
    }
    for index in 1...cases {
        let ending = await session("\(base)/runCase?case=\(index)&agent=\(agent)", on: loop) {
            webSocket,
            message in webSocket.send(message)
        }
        logger.info("case \(index) of \(cases): \(ending)")
    }
    _ = await session("\(base)/updateReports?agent=\(agent)", on: loop) { _, _ in }
    printFlushed("ran \(cases) cases as \(agent)")
    try group.shutdown()
} catch {
    logger.error("\(error)")
    CurrentProcess.exit(1)
}
// end-snippet
