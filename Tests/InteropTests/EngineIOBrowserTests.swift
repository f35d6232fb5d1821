import Libc
import SystemCalls
import TestSupport
import Testing

/// A way the page Tests/Peers/engineio_page.html connects, and what it writes, line by
/// line, when all goes well.
struct PageMode: Sendable, CustomTestStringConvertible {
    /// The page's `mode` parameter.
    let name: String
    let expected: [String]

    var testDescription: String { name }

    static let all = [
        PageMode(name: "upgrade", expected: pageLinesWhenUpgrading),
        PageMode(name: "websocket", expected: pageLinesWithWebSocketOnly),
    ]
}

private let pageLinesWhenUpgrading = [
    "cross-origin page: yes",
    "handshake: 200 keys=sid,upgrades,pingInterval,pingTimeout,maxPayload sid=url-safe"
        + #" upgrades=["websocket"] pingInterval=300 pingTimeout=200 maxPayload=1000000"#,
    "content-type: text/plain; charset=UTF-8",
    "polling echo: text same",
    "polling echo: binary 256 same",
    "polling batch: one, two, three in 1 response",
    "preflighted POST: ok, echoed preflighted",
    "polling: 2 pings answered",
    "probe answered: 3probe",
    "polling ended with a noop",
    "upgraded",
    "websocket echo: text same",
    "websocket echo: binary 256 same",
    #"polling after the upgrade: 400 {"code":3,"message":"Bad request"}"#,
    "websocket: 2 pings answered",
    "close packet: the server closed the WebSocket",
    #"after the close: 400 {"code":1,"message":"Session ID unknown"}"#,
    "end of run",
]

private let pageLinesWithWebSocketOnly = [
    "cross-origin page: yes",
    "handshake: open packet keys=sid,upgrades,pingInterval,pingTimeout,maxPayload"
        + " sid=url-safe upgrades=[] pingInterval=300 pingTimeout=200 maxPayload=1000000",
    "websocket echo: text same",
    "websocket echo: binary 256 same",
    "websocket batch: one, two, three",
    "websocket: 2 pings answered",
    #"polling with this sid: 400 {"code":3,"message":"Bad request"}"#,
    "our close: closed 1000",
    #"after the close: 400 {"code":1,"message":"Session ID unknown"}"#,
    "end of run",
]

@Suite(
    "Headless Chromium speaks Engine.IO to eio-server with its own fetch and WebSocket",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread,
    .settingUp(.pythonPeers, .chromium)
)
struct EngineIOBrowserTests {
    /// The page comes from one origin (page_server.py) and talks to eio-server on another,
    /// so every polling response must allow it (CONTRACT B); it writes each step into a
    /// list, which the test reads whole once the page says it has finished.
    @Test(
        "a cross-origin page: handshake, echoes, CORS, the upgrade dance or a WebSocket alone",
        arguments: PageMode.all
    )
    func page(mode: PageMode) throws {
        try SetupScript.chromium.ensure()  // installed before the suite started, if it could be
        let (server, address) = try startDemo("eio-server", ["--loops", "2"])
        let pages = try PythonPeers.start("page_server.py")
        let pagesAddress = try pages.listeningAddress()
        #expect(pagesAddress.port != address.port)  // another origin

        let page =
            "http://127.0.0.1:\(pagesAddress.port)/engineio_page.html"
            + "?server=127.0.0.1:\(address.port)&mode=\(mode.name)"
        let browser = try PythonPeers.start("browser.py", [page], withInput: true)
        #expect(try browser.readLine(within: .seconds(60)) == "opened \(page)")
        try browser.command("wait-for end of run")
        let finished = try browser.readLine(within: .seconds(20))
        #expect(finished == "seen end of run")
        try browser.command("lines #log li")
        var lines: [String] = []
        while let line = try browser.readLine(), line != "lines end" {
            lines.append(line.hasPrefix("line ") ? String(line.dropFirst(5)) : "(\(line))")
        }
        #expect(lines == mode.expected)

        try browser.command("quit")
        #expect(try browser.readLine(within: .seconds(20)) == "quit")
        #expect(try browser.waitForExit(within: .seconds(20)) == .exited(0))
        pages.send(SIGTERM)
        #expect(try pages.waitForExit() == .exited(0))
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }
}
