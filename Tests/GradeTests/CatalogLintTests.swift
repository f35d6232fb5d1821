import Foundation
import Testing

@testable import grade

@Suite("verify's catalog lint: every exercise has what a learner needs")
struct CatalogLintTests {
    private let files = FileManager.default

    /// A course in a temporary folder with the sample catalog's exercise 3.2, complete.
    private func makeCourse() throws -> CourseLayout {
        let exercises = files.temporaryDirectory.appending(path: "lint-\(UUID())/Exercises")
        let folder = "03-tcp-server/E0302-accept-loop"
        let contents = [
            "exercises.json": sampleCatalogJSON,
            "\(folder)/README.md": "# 3.2\nRun `swift run grade 3.2`.",
            "\(folder)/HINTS.md": "## Hint 1\na\n## Hint 2\nb\n## Hint 3 (nearly the answer)\nc",
            "\(folder)/Sources/E0302/AcceptLoop.swift": "// TODO(E0302): write it\n",
            "\(folder)/Tests/E0302Tests/AcceptLoopTests.swift": "// tests\n",
            "Solutions/\(folder)/Sources/E0302/AcceptLoop.swift": "// solved\n",
        ]
        for (path, text) in contents {
            let file = exercises.appending(path: path)
            try files.createDirectory(
                at: file.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(text.utf8).write(to: file)
        }
        return CourseLayout(exercises: exercises)
    }

    /// The lint's problems for the course's exercise 3.2 only.
    private func problems(_ layout: CourseLayout) throws -> [String] {
        var catalog = try Catalog(contentsOf: layout.catalogFile)
        catalog.exercises.removeAll { $0.code != "E0302" }
        return CatalogLint(layout: layout, catalog: catalog).problems()
    }

    @Test("a complete exercise has no problems")
    func complete() throws {
        let layout = try makeCourse()
        defer { try? files.removeItem(at: layout.repository) }
        #expect(try problems(layout).isEmpty)
    }

    @Test(
        "each missing piece is named",
        arguments: [
            ("HINTS.md", "HINTS.md is missing"),
            ("README.md", "README.md is missing or empty"),
            ("Sources/E0302/AcceptLoop.swift", "Sources/E0302/AcceptLoop.swift is missing"),
        ]
    )
    func missing(path: String, problem: String) throws {
        let layout = try makeCourse()
        defer { try? files.removeItem(at: layout.repository) }
        try files.removeItem(
            at: layout.exercises.appending(path: "03-tcp-server/E0302-accept-loop/\(path)")
        )
        #expect(try problems(layout).contains("E0302: \(problem)"))
    }

    @Test("a starter without its TODO marker, and a solution that kept it, are problems")
    func markers() throws {
        let layout = try makeCourse()
        defer { try? files.removeItem(at: layout.repository) }
        let starter = layout.exercises.appending(
            path: "03-tcp-server/E0302-accept-loop/Sources/E0302/AcceptLoop.swift"
        )
        let solution = layout.solutions.appending(
            path: "03-tcp-server/E0302-accept-loop/Sources/E0302/AcceptLoop.swift"
        )
        try Data("// no marker\n".utf8).write(to: starter)
        try Data("// TODO(E0302)\nthrow Unimplemented(\"E0302\")\n".utf8).write(to: solution)
        let found = try problems(layout)
        #expect(found.contains { $0.contains("has no TODO(E0302) marker") })
        #expect(found.contains { $0.contains("still has its TODO(E0302) marker") })
        #expect(found.contains { $0.contains("still throws Unimplemented") })
    }

    @Test("a solution file that mirrors no starter file is a problem")
    func straySolution() throws {
        let layout = try makeCourse()
        defer { try? files.removeItem(at: layout.repository) }
        let stray = layout.solutions.appending(
            path: "03-tcp-server/E0302-accept-loop/Sources/E0302/Extra.swift"
        )
        try Data("// extra\n".utf8).write(to: stray)
        #expect(try problems(layout).contains { $0.contains("Extra.swift mirrors no file") })
    }
}
