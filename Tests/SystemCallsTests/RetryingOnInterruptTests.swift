import Libc
import SystemCalls
import Testing

@Suite("The EINTR loop: every system call goes through retryingOnInterrupt")
struct RetryingOnInterruptTests {
    @Test("a call interrupted by a signal is simply made again")
    func retriesOnEINTR() throws {
        var attempts = 0
        let result = try retryingOnInterrupt("fake") { () -> CInt in
            attempts += 1
            if attempts < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(result == 42)
        #expect(attempts == 3)
    }

    @Test("any other errno becomes a SystemCallError naming the call")
    func throwsOtherErrno() {
        #expect(throws: SystemCallError(call: "fake", errno: .connectionRefused)) {
            try retryingOnInterrupt("fake") { () -> CInt in
                errno = ECONNREFUSED
                return -1
            }
        }
    }

    @Test("EAGAIN is a value, nil, when the caller asked for non-blocking semantics")
    func wouldBlockIsNil() throws {
        let result = try retryingOnInterruptUnlessWouldBlock("read") { () -> Int in
            errno = EAGAIN
            return -1
        }
        #expect(result == nil)
    }

    @Test("the error prints the call, the C library's text, the name and the number")
    func description() {
        let error = SystemCallError(call: "bind", errno: .addressInUse)
        #expect(
            error.description == "bind: Address already in use (EADDRINUSE, errno \(EADDRINUSE))"
        )
    }

    @Test("a read on a real pipe with nothing in it would block, and says so with nil")
    func realPipeWouldBlock() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        try pipe.read.setNonBlocking(true)
        #expect(try pipe.read.isNonBlocking())
        var buffer = [UInt8](repeating: 0, count: 8)
        let count = try buffer.withUnsafeMutableBytes { (raw) throws(SystemCallError) in
            try pipe.read.read(into: raw)
        }
        #expect(count == nil)
    }
}
