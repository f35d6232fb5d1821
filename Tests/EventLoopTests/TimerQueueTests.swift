import EventLoop
import Testing

@Suite("Timer queue: a min-heap of deadlines")
struct TimerQueueTests {
    func at(_ seconds: UInt64) -> LoopInstant { LoopInstant(nanoseconds: seconds * 1_000_000_000) }

    @Test("timers come out in deadline order, whatever order they went in")
    func ordered() {
        var queue = TimerQueue<String>()
        for (second, name) in [(5, "e"), (1, "a"), (4, "d"), (2, "b"), (3, "c")] {
            _ = queue.schedule(at: at(UInt64(second)), name)
        }
        var fired: [String] = []
        while let (_, name) = queue.popDue(at: at(10)) { fired.append(name) }
        #expect(fired == ["a", "b", "c", "d", "e"])
    }

    @Test("timers with the same deadline fire in the order they were scheduled")
    func tiesAreFIFO() {
        var queue = TimerQueue<Int>()
        for index in 0..<20 { _ = queue.schedule(at: at(1), index) }
        var fired: [Int] = []
        while let (_, index) = queue.popDue(at: at(1)) { fired.append(index) }
        #expect(fired == Array(0..<20))
    }

    @Test("nothing is due before its deadline")
    func notYetDue() {
        var queue = TimerQueue<Int>()
        _ = queue.schedule(at: at(2), 1)
        let due = queue.popDue(at: at(1))
        #expect(due == nil)
        #expect(queue.nextDeadline() == at(2))
    }

    @Test("a cancelled timer never fires and no longer bounds the sleep")
    func cancelled() {
        var queue = TimerQueue<String>()
        let early = queue.schedule(at: at(1), "early")
        _ = queue.schedule(at: at(2), "late")
        let firstCancel = queue.cancel(early)
        let secondCancel = queue.cancel(early)
        #expect(firstCancel)
        #expect(!secondCancel)
        #expect(queue.nextDeadline() == at(2))
        let late = queue.popDue(at: at(5))
        let none = queue.popDue(at: at(5))
        #expect(late?.payload == "late")
        #expect(none == nil)
        #expect(queue.count == 0)
    }
}
