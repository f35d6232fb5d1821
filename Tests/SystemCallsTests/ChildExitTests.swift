import Libc
import SystemCalls
import Testing

/// A `/bin/sh -c script` child, started with `posix_spawn(3)`, whose standard input is a
/// pipe the test holds: the script's `read` waits until the test closes it.
private struct ShellChild {
    let pid: pid_t
    let input: FileDescriptor

    init(_ script: String) throws {
        let pipe = try FileDescriptor.pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe.read.rawValue, 0)  // clears CLOEXEC
        let arguments = ["/bin/sh", "-c", script]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, nil)
        try pipe.read.close()
        try #require(result == 0, "posix_spawn failed with \(result)")
        self.pid = pid
        self.input = pipe.write
    }

    /// Peeks until the child has ended, for at most ten seconds.
    func peekUntilEnded() throws -> ChildExit? {
        for _ in 0..<1000 {
            if let ended = try ChildExit.peek(pid: pid) { return ended }
            usleep(10_000)
        }
        return nil
    }

    /// Reaps the child, as its owner would: `waitpid(2)`'s raw status.
    func reap() -> CInt? {
        var status: CInt = 0
        return waitpid(pid, &status, 0) == pid ? status : nil
    }
}

@Suite("Child exits: seen with waitid(2) and WNOWAIT, and left for the owner to reap")
struct ChildExitTests {
    @Test("nil while the child runs; its exit status once it exits; then it is still there")
    func exitStatus() throws {
        let child = try ShellChild("read line; exit 7")
        #expect(try ChildExit.peek(pid: child.pid) == nil)  // blocked in read until we close
        try child.input.close()
        #expect(try child.peekUntilEnded() == .exited(7))
        #expect(try ChildExit.peek(pid: child.pid) == .exited(7))  // asking again is fine
        let status = try #require(child.reap())
        #expect((status >> 8) & 0xff == 7)  // the owner still gets it: WNOWAIT did not reap
    }

    @Test("a child killed by a signal is reported with the signal's number")
    func signalled() throws {
        // SIGKILL: the child inherits our signal mask, and no mask can hold SIGKILL back.
        let child = try ShellChild("read line; kill -KILL $$")
        try child.input.close()
        #expect(try child.peekUntilEnded() == .signalled(SIGKILL))
        _ = child.reap()
    }

    @Test("once the child is reaped, peek throws ECHILD, naming waitid")
    func reaped() throws {
        let child = try ShellChild("read line")
        try child.input.close()
        #expect(child.reap() != nil)
        #expect(throws: SystemCallError(call: "waitid", errno: .noChildProcess)) {
            try ChildExit.peek(pid: child.pid)
        }
    }
}
