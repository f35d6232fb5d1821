import EventLoop
import Synchronization
import SystemCalls
import TestSupport
import Testing

@Suite("The event loop: tasks from other threads, timers on a clock tests control", .ownThread)
struct EventLoopTests {
    @Test(
        "execute runs every task on the loop's thread, in order per thread",
        arguments: SelectorKind.available
    )
    func executeFromManyThreads(kind: SelectorKind) async throws {
        let loop = try EventLoop(selectorKind: kind)
        defer { try? loop.shutdown() }
        let seen = Locked<[Int: [Int]]>([:])
        let offLoop = Atomic<Int>(0)
        let threads = try (0..<4).map { thread in
            try SystemThread.start(name: "producer") {
                for index in 0..<500 {
                    loop.execute {
                        if !loop.inEventLoop { offLoop.add(1, ordering: .relaxed) }
                        seen.withLock { $0[thread, default: []].append(index) }
                    }
                }
            }
        }
        for thread in threads { try thread.join() }
        try await loop.submit {}  // runs after everything queued before it
        #expect(offLoop.load(ordering: .relaxed) == 0)
        let result = seen.withLock { $0 }
        for thread in 0..<4 { #expect(result[thread] == Array(0..<500)) }
    }

    @Test("submit hands the result back, and errors too")
    func submit() async throws {
        let loop = try EventLoop()
        defer { try? loop.shutdown() }
        #expect(try await loop.submit { loop.inEventLoop })
        await #expect(throws: SystemCallError(call: "x", errno: .brokenPipe)) {
            try await loop.submit { throw SystemCallError(call: "x", errno: .brokenPipe) }
        }
        #expect(!loop.inEventLoop)
    }

    @Test("timers fire in deadline order as the manual clock advances; cancelled ones never")
    func timersWithManualClock() async throws {
        let clock = ManualClock()
        let loop = try EventLoop(clock: clock)
        defer { try? loop.shutdown() }
        let fired = Locked<[String]>([])
        let cancelled = try await loop.submit {
            for (seconds, name) in [(3, "c"), (1, "a"), (2, "b"), (5, "e")] {
                loop.schedule(after: .seconds(seconds)) { fired.withLock { $0.append(name) } }
            }
            return loop.schedule(after: .seconds(4)) { fired.withLock { $0.append("cancelled") } }
        }
        cancelled.cancel()  // from the test's thread: queued to the loop
        clock.advance(by: .milliseconds(999))
        try await loop.submit {}
        #expect(fired.withLock { $0 }.isEmpty)
        clock.advance(by: .seconds(3))
        try await waitUntil { fired.withLock { $0.count } == 3 }
        #expect(fired.withLock { $0 } == ["a", "b", "c"])
        clock.advance(by: .seconds(10))
        try await waitUntil { fired.withLock { $0.count } == 4 }
        try await loop.submit {}
        #expect(fired.withLock { $0 } == ["a", "b", "c", "e"])
    }

    @Test("a repeating timer fires once per interval until it cancels itself")
    func repeatingTimer() async throws {
        let clock = ManualClock()
        let loop = try EventLoop(clock: clock)
        defer { try? loop.shutdown() }
        let count = Atomic<Int>(0)
        let timer = try await loop.submit {
            let box = Locked<ScheduledTimer?>(nil)
            let timer = loop.scheduleRepeating(every: .seconds(1)) {
                if count.add(1, ordering: .relaxed).newValue == 3 {
                    box.withLock { $0?.cancel() }
                }
            }
            box.withLock { $0 = timer }
            return timer
        }
        for expected in 1...5 {
            clock.advance(by: .seconds(1))
            try await loop.submit {}
            try await waitUntil { count.load(ordering: .relaxed) == min(expected, 3) }
        }
        #expect(count.load(ordering: .relaxed) == 3)
        #expect(try await loop.submit { !timer.isPending })
    }

    @Test("a real-time timer fires after at least its delay")
    func realTimeTimer() async throws {
        let loop = try EventLoop()
        defer { try? loop.shutdown() }
        let start = MonotonicClock.nanoseconds()
        let elapsed: UInt64 = try await withCheckedThrowingContinuation { continuation in
            loop.execute {
                loop.schedule(after: .milliseconds(20)) {
                    continuation.resume(returning: MonotonicClock.nanoseconds() - start)
                }
            }
        }
        #expect(elapsed >= 20_000_000)
    }

    @Test("shutting a loop down closes its descriptors and ends its thread")
    func shutdownReleasesLoopDescriptors() async throws {
        try await inIsolatedProcess("shutdownReleasesLoopDescriptors") {
            let before = openDescriptorTargets()
            for kind in SelectorKind.available {
                let group = try EventLoopGroup(loopCount: 3, selectorKind: kind)
                try group.shutdown()
            }
            let after = openDescriptorTargets()
            #expect(after == before, "left open: \(after.filter { before[$0.key] != $0.value })")
        }
    }

    @Test("a task handed to a stopped loop is dropped, and its wake-up writes nowhere")
    func executeAfterShutdown() async throws {
        try await inIsolatedProcess("executeAfterShutdown") {
            let loop = try EventLoop()
            try loop.shutdown()
            // The kernel hands out the lowest free numbers: the pipe takes the numbers the
            // loop's selector and wake-up descriptor had, so a stale wake-up would land in it.
            let pipe = try FileDescriptor.pipe()
            defer {
                try? pipe.read.close()
                try? pipe.write.close()
            }
            try pipe.read.setNonBlocking(true)
            let ran = Atomic<Bool>(false)
            loop.execute { ran.store(true, ordering: .relaxed) }
            try loop.shutdown()  // twice is harmless
            var buffer = [UInt8](repeating: 0, count: 16)
            let count = try buffer.withUnsafeMutableBytes { try pipe.read.read(into: $0) }
            #expect(
                count == nil,
                "a stopped loop wrote \(count ?? 0) bytes into a reused descriptor"
            )
            let didRun = ran.load(ordering: .relaxed)
            #expect(!didRun)
        }
    }

    @Test("the loop group hands out its loops in turn")
    func roundRobin() throws {
        let group = try EventLoopGroup(loopCount: 3)
        defer { try? group.shutdown() }
        let picked = (0..<6).map { _ in ObjectIdentifier(group.next()) }
        #expect(Set(picked).count == 3)
        #expect(Array(picked[0..<3]) == Array(picked[3..<6]))
    }
}

/// Polls `condition` on the test's task until it holds, failing after `timeout`.
///
/// Used only where the event we wait for happens on another thread and has no
/// completion of its own to await; each poll yields instead of sleeping a fixed time.
func waitUntil(
    timeout: Duration = .seconds(10),
    _ condition: @Sendable () -> Bool
) async throws {
    let deadline = MonotonicClock.nanoseconds() + UInt64(timeout.nanoseconds)
    while !condition() {
        if MonotonicClock.nanoseconds() > deadline {
            Issue.record("condition not met within \(timeout)")
            return
        }
        try await Task.sleep(for: .milliseconds(1))
    }
}
