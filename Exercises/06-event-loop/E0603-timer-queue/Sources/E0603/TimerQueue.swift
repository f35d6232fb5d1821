// Exercise 6.3: a timer queue, a binary heap of deadlines.
// Read the task in ../../README.md; check it with `swift run grade 6.3`.

import EventLoop
import ExerciseSupport

/// Identifies a scheduled timer, so it can be cancelled.
public struct TimerID: Hashable, Sendable {
    let value: UInt64
}

/// Timers ordered by deadline: a binary min-heap, free of I/O so tests can drive it.
///
/// An event loop needs two things from its timers: "how long may I sleep?" (the earliest
/// deadline) and "which timers are due now?". A binary heap answers the first in O(1)
/// and removes the earliest in O(log n), whatever the number of timers, which matters
/// with one idle timer per connection. Timers with the same deadline fire in the order
/// they were scheduled (a sequence number breaks ties). Cancelling only forgets the
/// payload; the heap entry is skipped when it reaches the top ("lazy deletion"), which
/// keeps cancel O(1).
///
/// ```
///                 heap[0]: 10 ms            a parent fires no later than its children:
///               /               \           heap[i] ≤ heap[2i+1] and heap[2i+2]
///        heap[1]: 20 ms    heap[2]: 15 ms
///         /       \
///   heap[3]: 40  heap[4]: 25
/// ```
public struct TimerQueue<Payload> {
    private struct Entry {
        var deadline: LoopInstant
        var sequence: UInt64
        var id: TimerID

        func firesBefore(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var payloads: [TimerID: Payload] = [:]
    private var nextSequence: UInt64 = 0

    /// An empty queue.
    public init() {}

    /// How many timers are scheduled and not cancelled.
    public var count: Int { payloads.count }

    /// Adds a timer.
    ///
    /// - Parameters:
    ///   - deadline: When it is due.
    ///   - payload: What to hand back when it is due.
    /// - Returns: An identifier for ``cancel(_:)``.
    /// - Throws: What ``schedule(at:_:id:)`` throws.
    public mutating func schedule(at deadline: LoopInstant, _ payload: Payload) throws -> TimerID {
        let id = TimerID(value: nextSequence + 1)
        try schedule(at: deadline, payload, id: id)
        return id
    }

    /// Whether the timer is scheduled and not cancelled.
    ///
    /// - Parameter id: The timer.
    /// - Returns: `true` until it fires or is cancelled.
    public func isPending(_ id: TimerID) -> Bool {
        payloads[id] != nil
    }

    /// Adds a timer under an identifier the caller already holds: a repeating timer keeps
    /// its identifier from one round to the next, so cancelling it works at any time.
    ///
    /// - Parameters:
    ///   - deadline: When it is due.
    ///   - payload: What to hand back when it is due.
    ///   - id: An identifier from an earlier ``schedule(at:_:)`` that is no longer pending.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func schedule(at deadline: LoopInstant, _ payload: Payload, id: TimerID) throws
    {
        // TODO(E0603): take the next sequence number, remember the payload, append an Entry
        // to the heap and move it up while it fires before its parent.
        throw Unimplemented("E0603: TimerQueue.schedule(at:_:id:)")
    }

    /// Forgets a timer.
    ///
    /// Cancelling one that already fired or was cancelled does nothing.
    ///
    /// - Parameter id: The timer.
    /// - Returns: Whether the timer was still pending.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    @discardableResult
    public mutating func cancel(_ id: TimerID) throws -> Bool {
        // TODO(E0603): forget the payload only; the heap entry is skipped later.
        throw Unimplemented("E0603: TimerQueue.cancel(_:)")
    }

    /// The earliest deadline of a timer that is still pending.
    ///
    /// - Returns: The deadline, or `nil` when no timer is pending.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func nextDeadline() throws -> LoopInstant? {
        // TODO(E0603): drop cancelled entries from the top, then look at the top.
        throw Unimplemented("E0603: TimerQueue.nextDeadline()")
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    ///
    /// - Parameter now: The current time.
    /// - Returns: The timer's id and payload, or `nil` if none is due.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func popDue(at now: LoopInstant) throws -> (id: TimerID, payload: Payload)? {
        // TODO(E0603): drop cancelled entries from the top; if the top is due, remove it
        // (last entry to the top, then move it down) and hand back its payload.
        throw Unimplemented("E0603: TimerQueue.popDue(at:)")
    }
}
