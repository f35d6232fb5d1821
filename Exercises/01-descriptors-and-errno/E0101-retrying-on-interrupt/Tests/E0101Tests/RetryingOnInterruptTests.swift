import Dispatch
import E0101
import ExerciseSupport
import Libc
import SystemCalls
import Testing

@Suite("1.1 retryingOnInterrupt: call again on EINTR, throw on anything else")
struct RetryingOnInterruptTests {
    @Test("a call that succeeds returns its result and is made once", arguments: [0, 1, 42, 65536])
    func succeedsAtOnce(result: Int) throws {
        var calls = 0
        let value = try E0101.retryingOnInterrupt("read") { () -> Int in
            calls += 1
            return result
        }
        #expect(value == result, "the body returned \(result), your function returned \(value)")
        #expect(calls == 1, "a call that succeeded was made \(calls) times")
    }

    @Test("a call interrupted n times is made n + 1 times", arguments: [1, 2, 10])
    func retriesAfterEINTR(interruptions: Int) throws {
        var calls = 0
        let value = try E0101.retryingOnInterrupt("accept") { () -> CInt in
            calls += 1
            if calls <= interruptions {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(value == 7)
        #expect(
            calls == interruptions + 1,
            "interrupted \(interruptions) times, the call should be made \(interruptions + 1) times, not \(calls)"
        )
    }

    @Test(
        "any other errno becomes a SystemCallError naming the call, without calling again",
        arguments: [ECONNREFUSED, EBADF, EAGAIN, EADDRINUSE]
    )
    func throwsOtherErrors(code: CInt) {
        var calls = 0
        #expect(throws: SystemCallError(call: "connect", errno: Errno(rawValue: code))) {
            try E0101.retryingOnInterrupt("connect") { () -> CInt in
                calls += 1
                errno = code
                return -1
            }
        }
        #expect(
            calls == 1,
            "a call that failed with \(Errno(rawValue: code).name) was made \(calls) times"
        )
    }

    @Test("only the result says whether the call failed; an old errno does not")
    func errnoAloneIsNotFailure() throws {
        var calls = 0
        let value = try E0101.retryingOnInterrupt("write") { () -> Int in
            calls += 1
            errno = EINTR  // left over from something earlier: the call itself succeeded
            return 5
        }
        #expect(value == 5, "the call returned 5; errno only matters when the result is -1")
        #expect(calls == 1)
    }

    @Test("a read blocked on a real pipe and interrupted by a real signal reads its byte")
    func realSignal() throws {
        try SignalInterrupter.installHandler()
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        let calls = Locked(0)
        let readerThread = Locked<UInt?>(nil)
        let reader = try BackgroundThread(name: "the reading thread") { () throws -> Int in
            let thread = try SignalInterrupter.prepareCurrentThread()
            readerThread.withLock { $0 = thread }
            return try E0101.retryingOnInterrupt("read") { () -> Int in
                calls.withLock { $0 += 1 }
                var byte: UInt8 = 0
                return read(pipe.read.rawValue, &byte, 1)
            }
        }
        // Signal the reader until a read was interrupted and made again (two calls), or it
        // gave up. A signal that lands just before `read` starts interrupts nothing, so keep
        // sending, every 10 ms, for at most 5 seconds.
        let deadline = DispatchTime.now() + 5
        while calls.value < 2 && !reader.isFinished && DispatchTime.now() < deadline {
            if let thread = readerThread.value {
                try SignalInterrupter.interrupt(thread)
            }
            _ = poll(nil, 0, 10)
        }
        var byte: UInt8 = 42
        #expect(write(pipe.write.rawValue, &byte, 1) == 1)
        let count = try reader.join()
        #expect(count == 1, "the read should return the 1 byte written after the signals")
        #expect(calls.value >= 2, "the read was never interrupted and made again")
    }
}
