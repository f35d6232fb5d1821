import Greeting
import Testing

/// An error a solution would throw, named by the negative test below.
enum ExpectedFailure: Error, Equatable {
    case refused
}

@Suite("tests of a stub")
struct StubTests {
    @Test("a call that throws the stub's error")
    func throwsOut() throws {
        #expect(try stub() == 42)
    }

    @Test("a negative test that names the error it expects")
    func namesItsError() {
        #expect(throws: ExpectedFailure.refused) { try stub() }
    }
}
