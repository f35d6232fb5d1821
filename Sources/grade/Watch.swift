import Foundation

/// `swift run grade watch [3.2]`: grade again each time a source file is saved.
///
/// It polls: once a second it looks at the size and modification time of every Swift
/// file under the exercises' `Sources/` folders. Polling a few dozen files is cheap, works
/// the same on Linux and macOS, and needs no file-system notification API. A change is
/// graded once the files have stopped changing for a moment, so an editor that saves in
/// several steps does not start two builds.
struct Watcher {
    /// Grades what changed.
    var grader: Grader
    /// The exercise to grade on every change, or `nil` for "the ones whose files changed".
    var focus: Exercise?

    /// Watches until the process is interrupted (Ctrl-C).
    ///
    /// - Throws: If `swift` cannot be started.
    func run() throws -> Never {
        var snapshot = Self.snapshot(grader.layout)
        Terminal.say(
            "Watching Exercises/*/Sources for changes"
                + (focus.map { "; grading \($0.label) on each save" } ?? "")
                + ". Ctrl-C stops."
        )
        if let focus { _ = try grader.gradeOne(focus) }
        while true {
            Thread.sleep(forTimeInterval: 1)
            var current = Self.snapshot(grader.layout)
            guard current != snapshot else { continue }
            // Let a burst of saves settle before building.
            repeat {
                Thread.sleep(forTimeInterval: 0.3)
                let settled = Self.snapshot(grader.layout)
                if settled == current { break }
                current = settled
            } while true
            let changed = Set(current.keys).union(snapshot.keys).filter {
                current[$0] != snapshot[$0]
            }
            snapshot = current
            Terminal.say()
            Terminal.say(Terminal.dim("── \(Date().formatted(date: .omitted, time: .standard)) ──"))
            try grade(changedFiles: changed)
        }
    }

    private func grade(changedFiles: Set<String>) throws {
        if let focus {
            _ = try grader.gradeOne(focus)
            return
        }
        let touched = grader.catalog.exercises.filter { exercise in
            changedFiles.contains { $0.hasPrefix(exercise.directory + "/") }
        }
        if touched.count == 1, let exercise = touched.first {
            _ = try grader.gradeOne(exercise)
        } else {
            _ = try grader.gradeAll()
        }
    }

    /// Size and modification time of every Swift file under an exercise's `Sources/`.
    private static func snapshot(_ layout: CourseLayout) -> [String: String] {
        var result: [String: String] = [:]
        let files = FileManager.default
        for path in (try? TreeSync.relativeFiles(in: layout.exercises)) ?? [] {
            guard path.hasSuffix(".swift"), path.contains("/Sources/"),
                !path.hasPrefix("Solutions/")
            else { continue }
            let attributes = try? files.attributesOfItem(
                atPath: layout.exercises.appending(path: path).path
            )
            let size = attributes?[.size] as? Int ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[path] = "\(size) \(modified)"
        }
        return result
    }
}
