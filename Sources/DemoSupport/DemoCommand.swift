import Sockets
import SystemCalls

/// The command line every demo shares: `--host`, `--port`, `--help`, plus its own options.
///
/// Demos behave alike so a learner (and the tests) can start any of them the same way:
/// `swift run NAME --port 0` picks a free port, and the first line on standard output is
/// `listening on HOST:PORT`.
public struct DemoCommand: Sendable {
    /// One extra option, such as `--loops N`.
    public struct Option: Sendable {
        /// The flag, with its dashes: `--loops`.
        public let flag: String
        /// The value's name in the help text (`N`), or `nil` for a flag without a value.
        public let valueName: String?
        /// One line of help.
        public let help: String

        /// Describes an option.
        ///
        /// - Parameters:
        ///   - flag: The flag, with its dashes.
        ///   - valueName: The value's name, or `nil` for a yes/no flag.
        ///   - help: One line of help.
        public init(_ flag: String, _ valueName: String?, _ help: String) {
            self.flag = flag
            self.valueName = valueName
            self.help = help
        }
    }

    /// The program's name.
    public let name: String
    /// One line saying what it does.
    public let summary: String
    /// The port used when `--port` is not given; `nil` for demos that do not listen.
    public let defaultPort: UInt16?
    /// The demo's own options.
    public let options: [Option]
    /// Lines after the options: how to try it.
    public let examples: [String]
    /// The name of the positional arguments in the help text (`NAME...`), or `nil` if the
    /// demo takes none.
    public let positional: String?

    /// Describes a demo's command line.
    ///
    /// - Parameters:
    ///   - name: The program's name.
    ///   - summary: What it does.
    ///   - defaultPort: The default for `--port`, or `nil` if it takes no port.
    ///   - options: Its own options.
    ///   - positional: The name of its positional arguments, if it takes any.
    ///   - examples: How to try it.
    public init(
        name: String,
        summary: String,
        defaultPort: UInt16?,
        options: [Option] = [],
        positional: String? = nil,
        examples: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.defaultPort = defaultPort
        self.options = options
        self.examples = examples
        self.positional = positional
    }

    /// The `--help` text.
    public var usage: String {
        let tail = positional.map { " \($0)" } ?? ""
        var lines = ["\(name): \(summary)", "", "Usage: \(name) [options]\(tail)", "", "Options:"]
        lines.append("  --host HOST     address to use (default 127.0.0.1)")
        if let defaultPort {
            lines.append(
                "  --port PORT     port to use; 0 picks a free one (default \(defaultPort))"
            )
        }
        for option in options {
            let left = option.valueName.map { "\(option.flag) \($0)" } ?? option.flag
            lines.append("  \(left.padding(to: 15)) \(option.help)")
        }
        lines.append("  --help          show this help")
        if !examples.isEmpty {
            lines.append("")
            lines.append("Try it:")
            lines.append(contentsOf: examples.map { "  \($0)" })
        }
        return lines.joined(separator: "\n")
    }

    /// Parses the process's arguments; prints help and exits on `--help`, or prints the
    /// problem and exits with status 2 on a mistake.
    ///
    /// - Parameter arguments: The arguments without the program name.
    /// - Returns: The parsed options.
    public func parse(_ arguments: [String] = Array(CommandLine.arguments.dropFirst()))
        -> DemoOptions
    {
        switch parseOrFail(arguments) {
        case .success(let options):
            return options
        case .failure(let problem):
            if problem.message == "help" {
                print(usage)
                CurrentProcess.exit(0)
            }
            printToStandardError("\(name): \(problem.message)\n\n\(usage)")
            CurrentProcess.exit(2)
        }
    }

    /// Parses the process's arguments as ``parse(_:)`` does, with `HOST` and `PORT` from
    /// the environment as the defaults that `--host` and `--port` override.
    ///
    /// This is the rule of the programs an outside harness starts, such as the Engine.IO
    /// and Socket.IO contract servers: the harness sets the environment, a person at a
    /// terminal uses the flags.
    ///
    /// - Returns: The parsed options.
    public func parseWithEnvironmentDefaults() -> DemoOptions {
        var fromEnvironment: [String] = []
        if let host = CurrentProcess.environmentVariable("HOST") {
            fromEnvironment += ["--host", host]
        }
        if let port = CurrentProcess.environmentVariable("PORT") {
            fromEnvironment += ["--port", port]
        }
        // Later arguments win, so the command line overrides the environment.
        return parse(fromEnvironment + CommandLine.arguments.dropFirst())
    }

    /// Why the arguments could not be parsed.
    public struct Problem: Error, Equatable {
        /// What was wrong; `help` when `--help` was asked for.
        public let message: String
    }

    /// Parses `arguments` without exiting: for tests.
    ///
    /// - Parameter arguments: The arguments without the program name.
    /// - Returns: The options, or the problem.
    public func parseOrFail(_ arguments: [String]) -> Result<DemoOptions, Problem> {
        var result = DemoOptions(
            host: "127.0.0.1",
            port: defaultPort ?? 0,
            values: [:],
            arguments: []
        )
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" {
                return .failure(Problem(message: "help"))
            }
            let takesValue: Bool
            if argument == "--host" || (argument == "--port" && defaultPort != nil) {
                takesValue = true
            } else if let option = options.first(where: { $0.flag == argument }) {
                takesValue = option.valueName != nil
            } else if positional != nil && !argument.hasPrefix("-") {
                result.arguments.append(argument)
                continue
            } else {
                return .failure(Problem(message: "unknown option \(argument)"))
            }
            guard takesValue else {
                result.values[argument] = ""
                continue
            }
            guard index < arguments.count else {
                return .failure(Problem(message: "\(argument) needs a value"))
            }
            let value = arguments[index]
            index += 1
            switch argument {
            case "--host":
                result.host = value
            case "--port":
                guard let port = UInt16(value) else {
                    return .failure(Problem(message: "invalid port \(value) (0...65535)"))
                }
                result.port = port
            default:
                result.values[argument] = value
            }
        }
        return .success(result)
    }
}

/// What a demo's command line asked for.
public struct DemoOptions: Sendable, Equatable {
    /// `--host`, default `127.0.0.1`.
    public var host: String
    /// `--port`, or the demo's default.
    public var port: UInt16
    /// The demo's own options, by flag; yes/no flags map to `""`.
    public var values: [String: String]
    /// The positional arguments, in order.
    public var arguments: [String]

    /// The value given for `flag`, if any.
    ///
    /// - Parameter flag: The option, with its dashes.
    /// - Returns: Its value, `""` for a yes/no flag, or `nil` if absent.
    public func value(_ flag: String) -> String? { values[flag] }

    /// Whether the yes/no `flag` was given.
    ///
    /// - Parameter flag: The option, with its dashes.
    /// - Returns: `true` if present.
    public func isSet(_ flag: String) -> Bool { values[flag] != nil }

    /// The integer given for `flag`, or `defaultValue`; exits with status 2 if not a number.
    ///
    /// - Parameters:
    ///   - flag: The option, with its dashes.
    ///   - defaultValue: Used when the option is absent.
    /// - Returns: The number.
    public func integer(_ flag: String, default defaultValue: Int) -> Int {
        guard let text = values[flag] else { return defaultValue }
        guard let number = Int(text) else {
            printToStandardError("\(flag) needs a number, not \(text)")
            CurrentProcess.exit(2)
        }
        return number
    }

    /// The address to listen on or connect to, from `--host` and `--port`.
    ///
    /// - Returns: The address; a name is resolved.
    /// - Throws: ``SocketAddressError``.
    public func address() throws -> SocketAddress {
        try SocketAddress.lookup(host: host, port: port)
    }
}

/// Prints `line` to standard output at once, unbuffered.
///
/// When standard output is a pipe (a test, `| head`), the C library buffers it in 4 KiB
/// blocks, and `listening on ...` would sit in the buffer while the server waits for
/// clients. Writing it straight out makes it arrive when it is printed.
///
/// - Parameter line: The line, without its newline.
public func printFlushed(_ line: String) {
    // Straight to descriptor 1, past stdio's buffer. `fflush(nil)` would also lock
    // standard input's stream, and a demo that waits in `readLine()` on another thread
    // (ws-chat's terminal client) would stall its event loop here until a line is typed.
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { try? FileDescriptor(rawValue: 1).write($0) }
}

/// Prints the line every demo starts with: `listening on 127.0.0.1:7001`.
///
/// - Parameter address: The address the demo listens on, with the real port.
public func announceListening(on address: SocketAddress) {
    printFlushed("listening on \(address)")
}

/// Writes `text` and a newline to standard error.
///
/// - Parameter text: What to say.
public func printToStandardError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { try? FileDescriptor(rawValue: 2).write($0) }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
