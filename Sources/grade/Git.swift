import Foundation

/// The few git commands the grader needs, run as the `git` program.
///
/// Git is how the grader knows what the course *committed*, as opposed to what is on disk:
/// `verify` checks the committed tree (an uncommitted fix must not make CI pass), and
/// `reset` finds the starter a learner's edits replaced.
struct Git: Sendable {
    /// The repository's root folder.
    var repository: URL

    /// Runs `git ARGUMENTS` and returns its output.
    ///
    /// - Parameter arguments: The git command and its arguments.
    /// - Returns: Standard output and error.
    /// - Throws: ``GradeError/toolFailed(command:output:)`` if git exits non-zero.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = ChildProcess(program: "git", arguments: arguments, directory: repository)
        let outcome = try process.run()
        guard outcome.succeeded else {
            throw GradeError.toolFailed(command: process.commandLine, output: outcome.output)
        }
        return outcome.output
    }

    /// The commit `HEAD` points to, abbreviated.
    func head() throws -> String {
        try run(["rev-parse", "--short", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether tracked files differ from `HEAD` (untracked files do not count).
    func hasUncommittedChanges() throws -> Bool {
        !(try run(["status", "--porcelain", "--untracked-files=no"])).isEmpty
    }

    /// Writes the committed tree of `HEAD` as a tar file.
    ///
    /// - Parameter file: Where to write it.
    /// - Throws: ``GradeError/toolFailed(command:output:)``.
    func archiveHead(to file: URL) throws {
        try run(["archive", "--format=tar", "--output", file.path, "HEAD"])
    }

    /// The commits that changed `path`, newest first.
    ///
    /// - Parameter path: A path relative to the repository root.
    /// - Returns: Commit hashes.
    /// - Throws: ``GradeError/toolFailed(command:output:)``.
    func commits(touching path: String) throws -> [String] {
        try run(["log", "--format=%H", "--", path]).split(separator: "\n").map(String.init)
    }

    /// The contents of `path` as committed in `commit`, or `nil` if it did not exist there.
    ///
    /// - Parameters:
    ///   - path: A path relative to the repository root.
    ///   - commit: A commit hash.
    /// - Returns: The file's text.
    func contents(of path: String, at commit: String) -> String? {
        try? run(["show", "\(commit):\(path)"])
    }
}
