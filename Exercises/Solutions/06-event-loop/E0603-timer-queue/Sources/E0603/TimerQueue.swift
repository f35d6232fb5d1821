// Exercise 6.3, solved: a timer queue, a binary heap of deadlines.
// The library's version is Sources/EventLoop/TimerQueue.swift.

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
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public mutating func schedule(at deadline: LoopInstant, _ payload: Payload, id: TimerID) throws
    {
        precondition(payloads[id] == nil, "timer \(id.value) is already pending")
        nextSequence += 1
        payloads[id] = payload
        heap.append(Entry(deadline: deadline, sequence: nextSequence, id: id))
        siftUp(from: heap.count - 1)
    }

    /// Forgets a timer.
    ///
    /// Cancelling one that already fired or was cancelled does nothing.
    ///
    /// - Parameter id: The timer.
    /// - Returns: Whether the timer was still pending.
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    @discardableResult
    public mutating func cancel(_ id: TimerID) throws -> Bool {
        payloads.removeValue(forKey: id) != nil
    }

    /// The earliest deadline of a timer that is still pending.
    ///
    /// - Returns: The deadline, or `nil` when no timer is pending.
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public mutating func nextDeadline() throws -> LoopInstant? {
        dropCancelledTop()
        return heap.first?.deadline
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    ///
    /// - Parameter now: The current time.
    /// - Returns: The timer's id and payload, or `nil` if none is due.
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public mutating func popDue(at now: LoopInstant) throws -> (id: TimerID, payload: Payload)? {
        dropCancelledTop()
        guard let top = heap.first, top.deadline <= now else { return nil }
        removeTop()
        guard let payload = payloads.removeValue(forKey: top.id) else { return nil }
        return (top.id, payload)
    }

    private mutating func dropCancelledTop() {
        while let top = heap.first, payloads[top.id] == nil { removeTop() }
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(from: 0)
        }
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].firesBefore(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var earliest = parent
            if left < heap.count && heap[left].firesBefore(heap[earliest]) { earliest = left }
            if right < heap.count && heap[right].firesBefore(heap[earliest]) { earliest = right }
            if earliest == parent { return }
            heap.swapAt(parent, earliest)
            parent = earliest
        }
    }
}
