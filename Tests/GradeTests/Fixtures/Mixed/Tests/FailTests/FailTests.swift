import Greeting
import Testing

@Suite("tests that fail")
struct FailTests {
    @Test("an echo that lost its bytes")
    func lostBytes() {
        let sent = "hello"
        let received = ""
        #expect(received == sent, "sent 5 bytes \"hello\", received 0 bytes")
    }

    @Test("a greeting that passes")
    func passes() {
        #expect(greeting("a") == "hello, a")
    }
}
