import Libc
import SystemCalls
import Testing

@Suite("CurrentProcess: the environment, and ending the process")
struct CurrentProcessTests {
    @Test("a variable's value comes back as a Swift string, an unset one as nil")
    func environmentVariable() async {
        // In a child process: the environment is process-wide, and other tests run meanwhile.
        await #expect(processExitsWith: .success) {
            setenv("SOCKETLADDER_TEST_SET", "héllo = 1", 1)
            unsetenv("SOCKETLADDER_TEST_UNSET")
            guard CurrentProcess.environmentVariable("SOCKETLADDER_TEST_SET") == "héllo = 1",
                CurrentProcess.environmentVariable("SOCKETLADDER_TEST_UNSET") == nil
            else { CurrentProcess.exit(1) }
        }
    }

    @Test("exit ends the process with the status given")
    func exitStatus() async {
        await #expect(processExitsWith: .exitCode(3)) { CurrentProcess.exit(3) }
        await #expect(processExitsWith: .success) { CurrentProcess.exit(0) }
    }
}
