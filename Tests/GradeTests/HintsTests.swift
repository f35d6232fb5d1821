import Foundation
import Testing

@testable import grade

@Suite("Hints: three sections of HINTS.md, and the learner's place in them")
struct HintsTests {
    @Test("the sections are split at their headings, with the text trimmed")
    func parsing() {
        let hints = Hints(
            parsing: """
                # Hints for 3.2
                ## Hint 1
                First.

                ## Hint 2
                Second,
                on two lines.
                ## Hint 3 (nearly the answer)
                ```swift
                code()
                ```
                """
        )
        #expect(hints.hints.map(\.title) == ["Hint 1", "Hint 2", "Hint 3 (nearly the answer)"])
        #expect(hints.hints[1].text == "Second,\non two lines.")
        #expect(hints.problems.isEmpty)
    }

    @Test("too few, misnumbered or empty hints are problems for verify")
    func problems() {
        #expect(Hints(parsing: "## Hint 1\ntext").problems.contains { $0.contains("needs 3") })
        #expect(Hints(parsing: "## Hint 1\na\n## Hint 3\nb\n## Hint 2\nc").problems.count == 2)
        #expect(
            Hints(parsing: "## Hint 1\n\n## Hint 2\nb\n## Hint 3\nc").problems == [
                "\"Hint 1\" is empty"
            ]
        )
    }

    @Test("the learner's state survives a save and a load, and a missing file is a fresh start")
    func state() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "grade-state-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(LearnerState.load(from: folder) == LearnerState())
        var state = LearnerState()
        state.hintsSeen["E0302"] = 2
        state.lastResults["E0302"] = "failed"
        try state.save(to: folder)
        #expect(LearnerState.load(from: folder) == state)
    }
}
