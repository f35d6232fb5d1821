import Libc
import SystemCalls
import Testing

@Suite("RLIMIT_NOFILE: how many descriptors the process may open")
struct OpenFileLimitTests {
    @Test("the soft limit never exceeds the hard limit")
    func current() throws {
        let (soft, hard) = try OpenFileLimit.current()
        #expect(soft > 0)
        #expect(soft <= hard)
    }

    @Test("raising to at least a small number keeps a larger soft limit as it is")
    func alreadyEnough() throws {
        let before = try OpenFileLimit.current()
        #expect(try OpenFileLimit.raise(toAtLeast: 16) == before.soft)
        #expect(try OpenFileLimit.current() == before)
    }

    @Test("raising goes up to what was asked, or to the hard limit, never past it")
    func raise() async {
        // In a child process: the limit is process-wide, and other tests run meanwhile.
        await #expect(processExitsWith: .success) {
            let (_, hard) = try OpenFileLimit.current()
            let wanted = min(hard, 4096)
            var lowered = rlimit()
            lowered.rlim_cur = rlim_t(wanted / 2)
            lowered.rlim_max = rlim_t(hard)
            // Setting the stage: OpenFileLimit only raises, so lower the limit with the C call.
            #expect(setrlimit(CInt(RLIMIT_NOFILE.rawValue), &lowered) == 0)
            #expect(try OpenFileLimit.current().soft == wanted / 2)

            #expect(try OpenFileLimit.raise(toAtLeast: wanted) == wanted)
            #expect(try OpenFileLimit.current() == (soft: wanted, hard: hard))
            #expect(try OpenFileLimit.raise(toAtLeast: hard + 1_000_000) == hard)
            #expect(try OpenFileLimit.current().soft == hard)
        }
    }
}
