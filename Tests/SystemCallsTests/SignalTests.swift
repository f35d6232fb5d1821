import Libc
import SystemCalls
import Testing

@Suite("Signal: the shutdown signals' numbers and names")
struct SignalTests {
    @Test("the Swift names stand for the C numbers")
    func numbers() {
        #expect(Signal.interrupt == SIGINT)
        #expect(Signal.terminate == SIGTERM)
    }

    @Test("log lines name the shutdown signals as C does, any other by number")
    func names() {
        #expect(Signal.name(of: Signal.interrupt) == "SIGINT")
        #expect(Signal.name(of: Signal.terminate) == "SIGTERM")
        #expect(Signal.name(of: SIGHUP) == "signal \(SIGHUP)")
    }
}
