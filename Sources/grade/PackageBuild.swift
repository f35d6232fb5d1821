import Foundation

/// One `file:line:column: error: message` line from the compiler.
struct CompilerDiagnostic: Equatable, Sendable {
    /// The file, as the compiler printed it (an absolute path).
    var file: String
    /// The line.
    var line: Int
    /// The column.
    var column: Int
    /// What is wrong.
    var message: String
    /// The source line and the marker under it, when the compiler printed them.
    var excerpt: [String] = []

    /// Every distinct error in `output`, in order.
    ///
    /// The Swift driver can print the same error twice (once per compile job that saw the
    /// file), so repeats are dropped. Warnings are left out: they do not stop the build.
    ///
    /// - Parameter output: What `swift build` printed.
    /// - Returns: The errors.
    static func errors(in output: String) -> [CompilerDiagnostic] {
        let pattern = #/^(?<file>/[^:]+):(?<line>\d+):(?<column>\d+): error: (?<message>.*)$/#
        var found: [CompilerDiagnostic] = []
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = removingTerminalColors(rawLine)
            guard let match = line.firstMatch(of: pattern) else { continue }
            var diagnostic = CompilerDiagnostic(
                file: String(match.file),
                line: Int(match.line) ?? 0,
                column: Int(match.column) ?? 0,
                message: String(match.message)
            )
            // The compiler follows an error with the source around it, `30 |     code`,
            // and a marker under the column, `   |      `- error: …`. Keep the error's own
            // line and the marker.
            let excerpt = lines.dropFirst(index + 1).prefix {
                $0.firstMatch(of: #/^ *\d* *\|/#) != nil
            }
            if let own = excerpt.firstIndex(where: { $0.hasPrefix("\(diagnostic.line) |") }) {
                diagnostic.excerpt = excerpt[own...].prefix(2).map(String.init)
            }
            if !found.contains(where: {
                $0.file == diagnostic.file && $0.line == diagnostic.line
                    && $0.message == diagnostic.message
            }) {
                found.append(diagnostic)
            }
        }
        return found
    }
}

/// Drops ANSI colour sequences (`ESC [ … m`), in case the compiler coloured its output.
func removingTerminalColors(_ line: Substring) -> String {
    guard line.contains("\u{1B}") else { return String(line) }
    return String(line.replacing(#/\x1B\[[0-9;]*m/#, with: ""))
}

/// The outcome of `swift build --build-tests` in the Exercises package.
struct BuildResult: Sendable {
    /// Whether everything compiled and linked.
    var succeeded: Bool
    /// The compiler's errors, if any were recognised.
    var errors: [CompilerDiagnostic]
    /// The full output, for when no error line was recognised (a linker or manifest error).
    var output: String
    /// How long the build took.
    var duration: Duration
}

/// Building a package once, so that every exercise can then be tested without rebuilding.
///
/// `swift test` would build on its own, but then thirteen test runs would each check
/// thirteen modules for changes; one `swift build --build-tests` up front, and
/// `swift test --skip-build` per exercise after it, does the work once.
struct PackageBuild {
    /// The package's folder.
    var package: URL
    /// Whether to show the build's output as it happens (a cold build takes minutes).
    var showsProgress = false
    /// More arguments for `swift build`, such as `-Xswiftc -warnings-as-errors`.
    var extraArguments: [String] = []

    /// Runs `swift build --build-tests`.
    ///
    /// - Returns: What happened.
    /// - Throws: If `swift` cannot be started at all.
    func run() throws -> BuildResult {
        let outcome = try ChildProcess(
            program: "swift",
            arguments: ["build", "--build-tests"] + extraArguments,
            directory: package,
            echoesOutput: showsProgress
        ).run()
        return BuildResult(
            succeeded: outcome.succeeded,
            errors: outcome.succeeded ? [] : CompilerDiagnostic.errors(in: outcome.output),
            output: outcome.output,
            duration: outcome.duration
        )
    }
}
