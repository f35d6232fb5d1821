import EventLoop
import Testing

@Suite("Receive queue: what waits for the task, and when reading pauses and resumes")
struct ReceiveQueueTests {
    @Test("items come out in the order they went in, and the bytes waiting are counted")
    func order() {
        var queue = ReceiveQueue<String>(limit: 100)
        #expect(queue.isEmpty)
        for word in ["one", "two", "three"] { _ = queue.append(word, byteCount: word.count) }
        #expect(queue.byteCount == 11)
        #expect(queue.removeFirst()?.element == "one")
        _ = queue.append("four", byteCount: 4)
        #expect(
            [queue.removeFirst(), queue.removeFirst(), queue.removeFirst()].map(\.?.element)
                == ["two", "three", "four"]
        )
        #expect(queue.removeFirst() == nil)
        #expect(queue.isEmpty && queue.byteCount == 0)
    }

    @Test("pause once, when the bytes first pass the limit; resume once, at half the limit")
    func brake() {
        var queue = ReceiveQueue<Int>(limit: 100)
        #expect(queue.append(1, byteCount: 60) == false)
        #expect(queue.append(2, byteCount: 40) == false)  // 100: at the limit, not past it
        #expect(queue.append(3, byteCount: 30) == true)  // 130: pause now
        #expect(queue.append(4, byteCount: 30) == false)  // already paused: said once
        let first = queue.removeFirst()
        #expect(first?.element == 1 && first?.resumeReading == false)  // 100 left: above 50
        #expect(queue.removeFirst()?.resumeReading == false)  // 60 left: still above 50
        #expect(queue.removeFirst()?.resumeReading == true)  // 30 left: resume now
        #expect(queue.removeFirst()?.resumeReading == false)  // not paused: nothing to say
        #expect(queue.append(5, byteCount: 101) == true)  // a second pause is said again
    }
}
