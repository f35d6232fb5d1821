import Greeting
import Testing

@Suite("a test that traps")
struct CrashTests {
    @Test("an index out of range")
    func crashes() {
        let empty: [Int] = []
        print("about to trap")
        #expect(empty[Int(greeting("").count)] == 0)
    }
}
