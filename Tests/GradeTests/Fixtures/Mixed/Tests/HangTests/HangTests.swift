import Dispatch
import Greeting
import Testing

@Suite("a test that never ends")
struct HangTests {
    @Test("a wait for a signal that never comes")
    func hangs() {
        let neverSignalled = DispatchSemaphore(value: 0)
        neverSignalled.wait()
        #expect(greeting("").isEmpty)
    }
}
