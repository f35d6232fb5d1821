import Foundation
import Testing

@testable import grade

/// A catalog of two exercises in one chapter, as `exercises.json` holds it.
let sampleCatalogJSON = """
    {
      "chapters": [{ "number": 3, "title": "A blocking TCP server", "slug": "03-tcp-server" }],
      "exercises": [
        { "id": "3.1", "code": "E0301", "slug": "listening-socket", "chapter": 3,
          "title": "socket, bind, listen", "dir": "03-tcp-server/E0301-listening-socket",
          "difficulty": "easy", "files": ["Sources/E0301/ListeningSocket.swift"],
          "testTarget": "E0301Tests" },
        { "id": "3.2", "code": "E0302", "slug": "accept-loop", "chapter": 3,
          "title": "The accept loop", "dir": "03-tcp-server/E0302-accept-loop",
          "difficulty": "medium", "files": ["Sources/E0302/AcceptLoop.swift"],
          "testTarget": "E0302Tests" }
      ]
    }
    """

@Suite("The catalog: exercises in course order, found by id, code or slug")
struct CatalogTests {
    private func catalog() throws -> Catalog {
        let file = FileManager.default.temporaryDirectory.appending(path: "catalog-\(UUID()).json")
        try Data(sampleCatalogJSON.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Catalog(contentsOf: file)
    }

    @Test(
        "an exercise is found by id, code (any case), slug, or code and slug",
        arguments: ["3.2", "E0302", "e0302", "accept-loop", "E0302-accept-loop"]
    )
    func lookup(name: String) throws {
        #expect(try catalog().exercise(named: name).code == "E0302")
    }

    @Test("an unknown name suggests close matches")
    func unknown() throws {
        let catalog = try catalog()
        #expect(throws: GradeError.unknownExercise("accept", suggestions: ["3.2 accept-loop"])) {
            try catalog.exercise(named: "accept")
        }
    }

    @Test("exercises are grouped by chapter, in order, under the chapter's heading")
    func chapters() throws {
        let groups = try catalog().exercisesByChapter
        #expect(groups.count == 1)
        #expect(groups.first?.chapter.heading == "03 · A blocking TCP server")
        #expect(groups.first?.exercises.map(\.id) == ["3.1", "3.2"])
    }

    @Test("a malformed file is a clear error, not a crash")
    func malformed() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "catalog-\(UUID()).json")
        try Data("{ \"exercises\": 3 }".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            try Catalog(contentsOf: file)
        } throws: { error in
            guard case GradeError.badCatalog = error else { return false }
            return true
        }
    }
}
