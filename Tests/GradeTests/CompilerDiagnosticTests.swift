import TestSupport
import Testing

@testable import grade

@Suite("Compiler errors, found in swift build's output", .ownThread)
struct CompilerDiagnosticTests {
    @Test("each error once, with file, line, column, message and the caret excerpt")
    func errors() {
        let output = """
            [3/9] Compiling E0302 AcceptLoop.swift
            /repo/Exercises/03-tcp-server/E0302-accept-loop/Sources/E0302/AcceptLoop.swift:21:9: error: cannot find 'x' in scope
            19 |     for _ in 0..<clients {
            21 |         x += 1
               |         `- error: cannot find 'x' in scope
            22 |     }
            /repo/Exercises/03-tcp-server/E0302-accept-loop/Sources/E0302/AcceptLoop.swift:21:9: error: cannot find 'x' in scope
            /repo/Exercises/Support/ExerciseSupport/Bytes.swift:3:1: warning: unused value
            /repo/Exercises/05-threads/E0501-line-buffer/Sources/E0501/LineBuffer.swift:7:12: error: expected '}'
            """
        let errors = CompilerDiagnostic.errors(in: output)
        #expect(errors.count == 2)
        #expect(errors.first?.line == 21)
        #expect(errors.first?.column == 9)
        #expect(errors.first?.message == "cannot find 'x' in scope")
        #expect(
            errors.first?.excerpt == [
                "21 |         x += 1", "   |         `- error: cannot find 'x' in scope",
            ]
        )
        #expect(errors.last?.file.hasSuffix("LineBuffer.swift") == true)
    }
}
