import SystemCalls

/// A small logger: levels, a label, one line per message on standard error.
///
/// The level comes from the environment variable `SOCKETLADDER_LOG` (`trace`, `debug`,
/// `info`, `warning`, `error` or `off`; default `info`), read once per process.
/// Messages go to standard error, so a demo's standard output stays clean for its
/// `listening on HOST:PORT` line and its data. A message below the level is never even
/// built: the `@autoclosure` defers the string interpolation until it is known to print.
public struct Logger: Sendable {
    /// How important a message is; each level includes the ones above it.
    public enum Level: Int, Comparable, Sendable, CaseIterable {
        /// Every event, such as each readiness report.
        case trace
        /// What a developer needs to follow a connection's life.
        case debug
        /// What an operator wants to see: started, stopped, listening.
        case info
        /// Something went wrong with one client; the server carries on.
        case warning
        /// Something went wrong with the server itself.
        case error
        /// Nothing at all.
        case off

        /// Parses `debug`, `INFO`, ...
        ///
        /// - Parameter name: A level's name, in any case.
        public init?(name: String) {
            guard let level = Level.allCases.first(where: { "\($0)" == name.lowercased() })
            else { return nil }
            self = level
        }

        /// Orders levels by importance.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The name printed with every line, such as `chat-server`.
    public let label: String
    /// Messages below this level are dropped.
    public let level: Level

    /// The level set by `SOCKETLADDER_LOG`, or `info`.
    public static let environmentLevel: Level = {
        CurrentProcess.environmentVariable("SOCKETLADDER_LOG").flatMap(Level.init(name:)) ?? .info
    }()

    /// A logger with `label`, at the environment's level unless `level` is given.
    ///
    /// - Parameters:
    ///   - label: Printed with every line.
    ///   - level: Overrides `SOCKETLADDER_LOG`.
    public init(label: String, level: Level? = nil) {
        self.label = label
        self.level = level ?? Logger.environmentLevel
    }

    /// The logger the event loop itself uses.
    public static let eventLoop = Logger(label: "EventLoop")

    /// Whether a message at `level` would be printed.
    ///
    /// - Parameter level: The message's level.
    /// - Returns: `true` if it passes the threshold.
    public func isEnabled(_ level: Level) -> Bool {
        level >= self.level && level != .off
    }

    /// Prints `message` if `level` passes the threshold.
    ///
    /// - Parameters:
    ///   - level: The message's importance.
    ///   - message: Built only if it will be printed.
    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        let time = SystemInfo.utcNow()
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let stamp =
            "\(time.year)-\(two(time.month))-\(two(time.day))T"
            + "\(two(time.hour)):\(two(time.minute)):\(two(time.second))Z"
        let line = Array("\(stamp) \(level) \(label): \(message())\n".utf8)
        // One write(2) per line: lines from different threads do not interleave.
        _ = line.withUnsafeBytes { try? FileDescriptor(rawValue: 2).write($0) }
    }

    /// Logs at ``Level/trace``.
    public func trace(_ message: @autoclosure () -> String) { log(.trace, message()) }
    /// Logs at ``Level/debug``.
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    /// Logs at ``Level/info``.
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    /// Logs at ``Level/warning``.
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    /// Logs at ``Level/error``.
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
}
