import Foundation
import SystemCalls

/// The moment by which a wait in a test must end.
///
/// Tests never sleep to let something happen: they wait *for* it (a line on a pipe, a
/// byte on a socket, a process exiting), and every such wait is bounded by a deadline, so
/// a bug shows up as a failure with a message instead of a test run that never ends.
public struct Deadline: Sendable {
    /// When the time is up.
    public let instant: ContinuousClock.Instant

    /// A deadline `duration` from now.
    ///
    /// - Parameter duration: How long the wait may take.
    public init(after duration: Duration) {
        instant = ContinuousClock.now.advanced(by: duration)
    }

    /// Whether the time is up.
    public var hasPassed: Bool { ContinuousClock.now >= instant }

    /// How long is left, never negative.
    public var remaining: Duration { max(.zero, instant - ContinuousClock.now) }

    /// How long is left, in the milliseconds `poll(2)` takes; `0` once the time is up.
    public var remainingMilliseconds: CInt { Duration.pollTimeout(remaining) }
}

/// A wait in a test ran out of time.
public struct TestTimeout: Error, CustomStringConvertible {
    /// What was being waited for.
    public let waitingFor: String

    /// Records what took too long.
    ///
    /// - Parameter waitingFor: What was being waited for, as a phrase.
    public init(_ waitingFor: String) {
        self.waitingFor = waitingFor
    }

    /// `timed out waiting for the first line of chat-server`.
    public var description: String { "timed out waiting for \(waitingFor)" }
}

/// Checks `condition` until it holds or `timeout` passes: for facts nothing announces, such
/// as another process's descriptor count in `/proc`.
///
/// This is polling, not sleeping as synchronisation: the condition is checked again after
/// each short pause, so the wait ends as soon as it holds, and the deadline bounds it.
///
/// - Parameters:
///   - timeout: The longest wait.
///   - interval: The pause between checks.
///   - condition: What must become true.
/// - Returns: Whether `condition` held before the time was up.
/// - Throws: What `condition` throws.
public func waitUntil(
    within timeout: Duration,
    checkingEvery interval: Duration = .milliseconds(20),
    _ condition: () throws -> Bool
) rethrows -> Bool {
    let deadline = Deadline(after: timeout)
    while true {
        if try condition() { return true }
        if deadline.hasPassed { return false }
        Thread.sleep(forTimeInterval: Double(min(interval, deadline.remaining).nanoseconds) / 1e9)
    }
}
