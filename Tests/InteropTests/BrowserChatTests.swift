import Libc
import SystemCalls
import TestSupport
import Testing

@Suite(
    "A browser and Python's websockets chat through the ws-chat demo",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread,
    .settingUp(.pythonPeers, .chromium)
)
struct BrowserChatTests {
    /// Headless Chromium uses the page ws-chat serves, as a person would.
    ///
    /// The page's own JavaScript opens the WebSocket; the test types into its form and
    /// reads what the page shows. A Python `websockets` client is in the same room.
    @Test("the page connects, sends what is typed, and shows what the Python client says")
    func browserAndPython() throws {
        try SetupScript.chromium.ensure()  // installed before the suite started, if it could be
        let (server, address) = try startDemo("ws-chat")
        let site = "127.0.0.1:\(address.port)"
        let python = try PythonPeers.start(
            "websockets_client.py",
            ["ws://\(site)/chat?name=python"],
            withInput: true
        )
        #expect(try python.readLine() == "connected subprotocol=-")
        #expect(try python.readLine() == "text * python joined")

        let page = "http://\(site)/?name=Ada"
        let browser = try PythonPeers.start("browser.py", [page], withInput: true)
        #expect(try browser.readLine(within: .seconds(60)) == "opened \(page)")
        #expect(try python.readLine(within: .seconds(30)) == "text * Ada joined")
        try browser.command("wait-for connected")
        #expect(try browser.readLine(within: .seconds(20)) == "seen connected")

        try browser.command("type hello from the browser")
        #expect(try browser.readLine() == "typed hello from the browser")
        #expect(try python.readLine() == "text Ada: hello from the browser")
        try browser.command("wait-for Ada: hello from the browser")  // back from the server
        #expect(try browser.readLine(within: .seconds(20)) == "seen Ada: hello from the browser")

        try python.command("text hello from Python")
        #expect(try python.readLine() == "text python: hello from Python")
        try browser.command("wait-for python: hello from Python")
        #expect(try browser.readLine(within: .seconds(20)) == "seen python: hello from Python")

        try browser.command("quit")
        #expect(try browser.readLine(within: .seconds(20)) == "quit")
        #expect(try python.readLine() == "text * Ada left")
        try python.command("close 1000 bye")
        #expect(try python.readLine() == "closed 1000")
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }
}
