import DemoSupport
import Testing

@Suite("DemoCommand: the command line every demo shares")
struct DemoCommandTests {
    let server = DemoCommand(
        name: "echo-async",
        summary: "an echo server",
        defaultPort: 7003,
        options: [
            .init("--loops", "N", "event loops to run"),
            .init("--callbacks", nil, "use a callback handler"),
        ],
        examples: ["echo-async --port 7003"]
    )
    let resolver = DemoCommand(
        name: "resolve",
        summary: "resolves names",
        defaultPort: 80,
        positional: "NAME..."
    )
    let portless = DemoCommand(name: "fd-demo", summary: "descriptors", defaultPort: nil)

    /// The problem `command` finds in `arguments`, or `nil` if it parses them.
    func problem(_ command: DemoCommand, _ arguments: [String]) -> String? {
        guard case .failure(let problem) = command.parseOrFail(arguments) else { return nil }
        return problem.message
    }

    @Test("with no arguments: host 127.0.0.1 and the demo's default port")
    func defaults() throws {
        let options = try server.parseOrFail([]).get()
        #expect(options.host == "127.0.0.1")
        #expect(options.port == 7003)
        #expect(options.values.isEmpty)
        #expect(options.arguments.isEmpty)
        #expect(try portless.parseOrFail([]).get().port == 0)
    }

    @Test("--host, --port and the demo's own options are read, in any order")
    func options() throws {
        let options = try server.parseOrFail(
            ["--callbacks", "--port", "0", "--loops", "3", "--host", "::1"]
        ).get()
        #expect(options.host == "::1")
        #expect(options.port == 0)
        #expect(options.value("--loops") == "3")
        #expect(options.integer("--loops", default: 1) == 3)
        #expect(options.isSet("--callbacks"))
        #expect(options.value("--callbacks") == "")
        #expect(!options.isSet("--missing"))
        #expect(options.integer("--missing", default: 7) == 7)
    }

    @Test(
        "--help or -h asks for help, wherever it appears",
        arguments: [["--help"], ["-h"], ["--port", "1", "--help"], ["--help", "--bogus"]]
    )
    func help(arguments: [String]) {
        #expect(problem(server, arguments) == "help")
    }

    @Test(
        "mistakes are named",
        arguments: [
            (["--bogus"], "unknown option --bogus"),
            (["stray"], "unknown option stray"),
            (["--port"], "--port needs a value"),
            (["--host"], "--host needs a value"),
            (["--loops"], "--loops needs a value"),
            (["--port", "65536"], "invalid port 65536 (0...65535)"),
            (["--port", "-1"], "invalid port -1 (0...65535)"),
            (["--port", "http"], "invalid port http (0...65535)"),
            (["--port", ""], "invalid port  (0...65535)"),
        ]
    )
    func mistakes(arguments: [String], message: String) {
        #expect(problem(server, arguments) == message)
    }

    @Test("a demo without a port refuses --port")
    func noPort() {
        #expect(problem(portless, ["--port", "80"]) == "unknown option --port")
    }

    @Test("positional arguments are collected in order by a demo that takes them")
    func positional() throws {
        let options = try resolver.parseOrFail(["localhost", "--port", "443", "::1"]).get()
        #expect(options.arguments == ["localhost", "::1"])
        #expect(options.port == 443)
        #expect(problem(resolver, ["-x"]) == "unknown option -x")
    }

    @Test("the usage lists --host, --port (when the demo listens), its options and examples")
    func usage() {
        let text = server.usage
        #expect(text.hasPrefix("echo-async: an echo server\n"))
        #expect(text.contains("Usage: echo-async [options]"))
        #expect(text.contains("--host HOST"))
        #expect(text.contains("--port PORT     port to use; 0 picks a free one (default 7003)"))
        #expect(text.contains("--loops N"))
        #expect(text.contains("--callbacks"))
        #expect(text.contains("--help"))
        #expect(text.hasSuffix("Try it:\n  echo-async --port 7003"))
        #expect(resolver.usage.contains("Usage: resolve [options] NAME..."))
        #expect(!portless.usage.contains("--port"))
    }

    @Test("an option that needs a number exits with status 2 when given something else")
    func integerExits() async {
        await #expect(processExitsWith: .exitCode(2)) {
            let command = DemoCommand(
                name: "demo",
                summary: "",
                defaultPort: 1,
                options: [.init("--loops", "N", "")]
            )
            let options = try command.parseOrFail(["--loops", "many"]).get()
            _ = options.integer("--loops", default: 1)
        }
    }
}
