import Foundation
import SystemCalls

/// Starts child processes one at a time, so that no child inherits another's descriptors.
///
/// Foundation's `Process.run()` on Linux lists the descriptors open at that moment and
/// closes them in the child, and it makes a socket pair of its own whose far end the
/// child keeps: the end of file on it is how Foundation learns that the child exited.
/// Tests run in parallel, so one test's `run()` can list its descriptors just before
/// another test's `run()` makes its socket pair or its pipes. The first child then holds
/// the second child's descriptors for as long as it lives, and the second child's exit,
/// or the end of its output, goes unseen until the first one ends. A test that waited ten
/// seconds for a demo to exit failed that way, while another test's server ran on.
///
/// Two rules close that gap for the children the tests start:
/// - every launch, and every pipe made for one, happens under one lock;
/// - both ends of such a pipe are close-on-exec. The child still gets its end as standard
///   input or output, because `dup2(2)` onto 0, 1 or 2 clears the flag on the copy.
public enum ChildLaunch {
    private static let lock = Locked(())

    /// A pipe whose two ends no child inherits unless it is handed them.
    ///
    /// - Returns: The pipe.
    /// - Throws: ``SystemCallError`` naming `fcntl`.
    public static func pipe() throws -> Pipe {
        try lock.withLock { (_: inout Void) in
            let pipe = Pipe()
            for handle in [pipe.fileHandleForReading, pipe.fileHandleForWriting] {
                try FileDescriptor(rawValue: handle.fileDescriptor).setCloseOnExec()
            }
            return pipe
        }
    }

    /// Runs `prepare` (to open what the child needs), then starts `process`, while no
    /// other test starts a process.
    ///
    /// - Parameters:
    ///   - process: The configured process.
    ///   - prepare: Work that opens descriptors for the child, such as a log file.
    /// - Throws: What `prepare` or `Process.run()` throws.
    public static func run(_ process: Process, preparing prepare: () throws -> Void = {}) throws {
        try lock.withLock { (_: inout Void) in
            try prepare()
            try process.run()
        }
    }
}
