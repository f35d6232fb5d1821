import Foundation
import TestSupport
import Testing

@testable import grade

@Suite("TreeSync: a copy that rewrites only what changed, so builds stay incremental", .ownThread)
struct TreeSyncTests {
    private let files = FileManager.default

    private func write(_ text: String, _ path: String, in folder: URL) throws {
        let file = folder.appending(path: path)
        try files.createDirectory(
            at: file.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: file)
    }

    private func modificationDate(_ path: String, in folder: URL) throws -> Date? {
        try files.attributesOfItem(atPath: folder.appending(path: path).path)[.modificationDate]
            as? Date
    }

    @Test(
        "mirror writes new and changed files, keeps unchanged ones, removes extras, spares .build"
    )
    func mirror() throws {
        let root = files.temporaryDirectory.appending(path: "tree-sync-\(UUID())")
        defer { try? files.removeItem(at: root) }
        let source = root.appending(path: "source")
        let copy = root.appending(path: "copy")
        try write("same", "Sources/A.swift", in: source)
        try write("new", "Sources/B.swift", in: source)
        try write("same", "Sources/A.swift", in: copy)
        try write("old", "Sources/B.swift", in: copy)
        try write("gone", "Sources/C.swift", in: copy)
        try write("build product", ".build/debug/thing.o", in: copy)
        let old = Date(timeIntervalSince1970: 1_000_000)
        try files.setAttributes(
            [.modificationDate: old],
            ofItemAtPath: copy.appending(path: "Sources/A.swift").path
        )

        let changes = try TreeSync.mirror(source, into: copy)

        #expect(changes.written == ["Sources/B.swift"])
        #expect(changes.removed == ["Sources/C.swift"])
        #expect(
            try modificationDate("Sources/A.swift", in: copy) == old,
            "an unchanged file was rewritten"
        )
        #expect(
            try String(contentsOf: copy.appending(path: "Sources/B.swift"), encoding: .utf8)
                == "new"
        )
        #expect(files.fileExists(atPath: copy.appending(path: ".build/debug/thing.o").path))
    }

    @Test("overlay replaces files at the same paths and leaves the others")
    func overlay() throws {
        let root = files.temporaryDirectory.appending(path: "tree-sync-\(UUID())")
        defer { try? files.removeItem(at: root) }
        let solutions = root.appending(path: "Solutions")
        let tree = root.appending(path: "tree")
        try write("solution", "E1/Sources/E1/A.swift", in: solutions)
        try write("starter", "E1/Sources/E1/A.swift", in: tree)
        try write("helper", "E1/Sources/E1/Helper.swift", in: tree)
        let changes = try TreeSync.overlay(solutions, onto: tree)
        #expect(changes.written == ["E1/Sources/E1/A.swift"])
        #expect(
            try String(contentsOf: tree.appending(path: "E1/Sources/E1/A.swift"), encoding: .utf8)
                == "solution"
        )
        #expect(files.fileExists(atPath: tree.appending(path: "E1/Sources/E1/Helper.swift").path))
    }
}
