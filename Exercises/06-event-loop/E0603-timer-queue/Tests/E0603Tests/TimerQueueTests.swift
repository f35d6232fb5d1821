import E0603
import EventLoop
import Testing

/// An instant `milliseconds` after an arbitrary start.
private func at(_ milliseconds: UInt64) -> LoopInstant {
    LoopInstant(nanoseconds: 1_000_000_000 + milliseconds * 1_000_000)
}

/// Pops every timer due at `now`, in the order the queue gives them.
private func popAll<Payload>(_ queue: inout E0603.TimerQueue<Payload>, at now: LoopInstant) throws
    -> [Payload]
{
    var fired: [Payload] = []
    while let (_, payload) = try queue.popDue(at: now) {
        fired.append(payload)
        if fired.count > 1_000_000 { break }  // a queue that never empties: stop, and fail below
    }
    return fired
}

@Suite("6.3 TimerQueue: a binary heap of deadlines")
struct TimerQueueTests {
    @Test(
        "timers come out in deadline order, whatever order they went in",
        arguments: [
            [30, 10, 20, 50, 40], [10, 20, 30, 40, 50], [50, 40, 30, 20, 10], [20, 50, 10, 40, 30],
        ]
            as [[UInt64]]
    )
    func deadlineOrder(deadlines: [UInt64]) throws {
        var queue = E0603.TimerQueue<UInt64>()
        for deadline in deadlines { _ = try queue.schedule(at: at(deadline), deadline) }
        let fired = try popAll(&queue, at: at(1000))
        #expect(fired == deadlines.sorted(), "scheduled \(deadlines), fired \(fired)")
        #expect(queue.count == 0)
    }

    @Test("a thousand random deadlines come out sorted")
    func manyRandom() throws {
        var queue = E0603.TimerQueue<UInt64>()
        var state: UInt64 = 42
        var deadlines: [UInt64] = []
        for _ in 0..<1000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let deadline = (state >> 33) % 10_000
            deadlines.append(deadline)
            _ = try queue.schedule(at: at(deadline), deadline)
        }
        #expect(queue.count == 1000)
        let fired = try popAll(&queue, at: at(20_000))
        #expect(fired.count == 1000, "1000 timers scheduled, \(fired.count) fired")
        #expect(
            fired == deadlines.sorted(),
            "the order is wrong from position \(fired.indices.first { fired[$0] != deadlines.sorted()[$0] } ?? -1)"
        )
    }

    @Test("timers with the same deadline fire in the order they were scheduled")
    func fifoTies() throws {
        var queue = E0603.TimerQueue<String>()
        var expected: [String] = []
        for number in 0..<40 {
            let deadline: UInt64 = number % 2 == 0 ? 10 : 20
            _ = try queue.schedule(at: at(deadline), "\(deadline)ms #\(number)")
        }
        for deadline in [10, 20] {
            for number in 0..<40 where (number % 2 == 0 ? 10 : 20) == deadline {
                expected.append("\(deadline)ms #\(number)")
            }
        }
        let fired = try popAll(&queue, at: at(100))
        #expect(
            fired == expected,
            "ties must keep their scheduling order; fired \(fired.prefix(8))…"
        )
    }

    @Test("nothing is due before its deadline; a timer is due exactly at it")
    func dueAtDeadline() throws {
        var queue = E0603.TimerQueue<String>()
        _ = try queue.schedule(at: at(10), "ten")
        #expect(
            try queue.popDue(at: LoopInstant(nanoseconds: at(10).nanoseconds - 1)) == nil,
            "due 1 ns early"
        )
        #expect(try queue.popDue(at: at(10))?.payload == "ten", "a timer is due at its deadline")
        #expect(try queue.popDue(at: at(10)) == nil, "a timer fires once")
    }

    @Test("popDue hands out due timers one at a time, earliest first, and only due ones")
    func oneAtATime() throws {
        var queue = E0603.TimerQueue<Int>()
        for deadline in [30, 10, 20] as [UInt64] {
            _ = try queue.schedule(at: at(deadline), Int(deadline))
        }
        #expect(try queue.popDue(at: at(25))?.payload == 10)
        #expect(try queue.popDue(at: at(25))?.payload == 20)
        #expect(try queue.popDue(at: at(25)) == nil, "the 30 ms timer is not due at 25 ms")
        #expect(queue.count == 1)
    }

    @Test("a cancelled timer never fires, and cancel says whether it was pending")
    func cancel() throws {
        var queue = E0603.TimerQueue<String>()
        let first = try queue.schedule(at: at(10), "a")
        let second = try queue.schedule(at: at(20), "b")
        _ = try queue.schedule(at: at(30), "c")
        #expect(try queue.cancel(second) == true)
        #expect(
            try queue.cancel(second) == false,
            "cancelling twice: the second time it is not pending"
        )
        #expect(queue.count == 2)
        #expect(!queue.isPending(second))
        #expect(try popAll(&queue, at: at(100)) == ["a", "c"])
        #expect(try queue.cancel(first) == false, "a timer that fired is not pending")
    }

    @Test("nextDeadline is the earliest pending deadline, skipping cancelled timers")
    func nextDeadline() throws {
        var queue = E0603.TimerQueue<String>()
        #expect(try queue.nextDeadline() == nil, "an empty queue has no deadline")
        _ = try queue.schedule(at: at(30), "c")
        let earliest = try queue.schedule(at: at(10), "a")
        _ = try queue.schedule(at: at(20), "b")
        #expect(try queue.nextDeadline() == at(10))
        try queue.cancel(earliest)
        #expect(try queue.nextDeadline() == at(20), "the 10 ms timer was cancelled")
        #expect(try queue.popDue(at: at(25))?.payload == "b")
        #expect(try queue.nextDeadline() == at(30))
        #expect(try queue.popDue(at: at(30))?.payload == "c")
        #expect(try queue.nextDeadline() == nil)
    }

    @Test("a repeating timer is scheduled again under its id, and can still be cancelled")
    func repeating() throws {
        var queue = E0603.TimerQueue<String>()
        let id = try queue.schedule(at: at(10), "tick")
        let fired = try queue.popDue(at: at(10))
        #expect(fired?.id == id && fired?.payload == "tick")
        try queue.schedule(at: at(20), "tick", id: id)
        #expect(queue.isPending(id))
        #expect(try queue.nextDeadline() == at(20))
        #expect(try queue.cancel(id) == true)
        #expect(try queue.popDue(at: at(100)) == nil)
    }

    @Test("interleaved scheduling, cancelling and popping keeps the order")
    func interleaved() throws {
        var queue = E0603.TimerQueue<UInt64>()
        var ids: [UInt64: E0603.TimerID] = [:]
        for deadline in [50, 10, 40, 20, 30, 60, 5] as [UInt64] {
            ids[deadline] = try queue.schedule(at: at(deadline), deadline)
        }
        #expect(try queue.popDue(at: at(12))?.payload == 5)
        if let id = ids[40] { try queue.cancel(id) }
        _ = try queue.schedule(at: at(15), 15)
        #expect(try popAll(&queue, at: at(100)) == [10, 15, 20, 30, 50, 60])
    }
}
