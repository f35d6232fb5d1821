import Greeting
import Testing

@Suite("tests that pass")
struct PassTests {
    @Test("a greeting names its guest")
    func greets() {
        #expect(greeting("world") == "hello, world")
    }

    @Test("every argument passes", arguments: [1, 2, 3])
    func arguments(number: Int) {
        #expect(number > 0)
    }
}
