import Foundation
import SystemCalls
import Testing

/// Runs `body` alone, in a fresh process of this same test bundle, and fails the calling
/// test if it fails there.
///
/// Swift Testing runs tests in parallel inside one process, so a test that counts the
/// process's open descriptors (`/proc/self/fd`) would see every other test's sockets come
/// and go. Such a test calls this: the first time through (the normal run), it starts the
/// test bundle again with `--filter` naming only itself and an environment variable that
/// marks the child; in the child, where nothing else runs, `body` does the real work and
/// its expectations decide the child's exit status, which the parent checks.
///
/// - Parameters:
///   - name: A filter that matches exactly the calling test, such as its function name.
///   - timeout: How long the child may run.
///   - body: The scenario.
/// - Throws: What `body` throws in the child, or a failure to start the child.
public func inIsolatedProcess(
    _ name: String,
    timeout: Duration = .seconds(120),
    _ body: () async throws -> Void
) async throws {
    let marker = "SOCKETLADDER_ISOLATED_TEST"
    if ProcessInfo.processInfo.environment[marker] == name {
        try await body()
        return
    }
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = ["--testing-library", "swift-testing", "--filter", name]
    var environment = ProcessInfo.processInfo.environment
    environment[marker] = name
    child.environment = environment
    let output = try ChildLaunch.pipe()
    child.standardOutput = output
    child.standardError = output
    try ChildLaunch.run(child)
    let collected = OutputCollector(output.fileHandleForReading)
    let deadline = ContinuousClock.now + timeout
    while child.isRunning && ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
    }
    if child.isRunning {
        child.terminate()
        child.waitUntilExit()
        Issue.record("the isolated run of \(name) took longer than \(timeout)")
        return
    }
    let text = collected.finish()
    #expect(
        child.terminationStatus == 0,
        "the isolated run of \(name) failed:\n\(text.suffix(4000))"
    )
    #expect(text.contains("passed") || child.terminationStatus != 0, "no test matched \(name)")
}

/// Drains a pipe on a background thread so a chatty child never blocks on a full pipe.
private final class OutputCollector: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let bytes = Locked(Data())

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            bytes.withLock { $0 = all }
            done.signal()
        }
    }

    func finish() -> String {
        done.wait()
        return bytes.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
