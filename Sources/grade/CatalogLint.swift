import Foundation

/// The static checks `verify` makes before building anything.
///
/// Does every exercise in the catalog have what a learner needs, where the grader expects it?
/// Each rule protects a promise of the course: a README to read, three hints to ask for,
/// a `TODO(E0302)` marker that shows where to write (and that `reset` uses to recognise
/// a starter), a test target named after the exercise, and a solution for every file the
/// learner edits, so that `verify` can prove the exercise solvable.
struct CatalogLint {
    /// Where the course is (in `verify`, the copy of the committed tree).
    var layout: CourseLayout
    /// The catalog.
    var catalog: Catalog

    /// Every problem found, as `E0302: message`.
    ///
    /// An empty list means the catalog is sound.
    func problems() -> [String] {
        var problems = catalogProblems()
        for exercise in catalog.exercises {
            problems += exerciseProblems(exercise).map { "\(exercise.code): \($0)" }
        }
        problems += strayProblems()
        return problems
    }

    /// Duplicates, and names that do not follow the scheme tutorials rely on.
    private func catalogProblems() -> [String] {
        var problems: [String] = []
        for (name, values) in [
            ("id", catalog.exercises.map(\.id)), ("code", catalog.exercises.map(\.code)),
            ("slug", catalog.exercises.map(\.slug)),
        ] {
            let repeated = Dictionary(grouping: values) { $0 }.filter { $0.value.count > 1 }.keys
            for value in repeated.sorted() {
                problems.append("catalog: \(name) \(value) appears twice")
            }
        }
        for exercise in catalog.exercises {
            let parts = exercise.id.split(separator: ".")
            let number = parts.count == 2 ? Int(parts[1]) : nil
            let code = number.map { String(format: "E%02d%02d", exercise.chapter, $0) }
            if parts.first.flatMap({ Int($0) }) != exercise.chapter || code != exercise.code {
                problems.append(
                    "\(exercise.code): id \(exercise.id) does not match code and chapter \(exercise.chapter)"
                )
            }
            if exercise.testTarget != exercise.code + "Tests" {
                problems.append("\(exercise.code): test target should be \(exercise.code)Tests")
            }
            let chapter = catalog.chapters.first { $0.number == exercise.chapter }
            if chapter == nil {
                problems.append(
                    "\(exercise.code): chapter \(exercise.chapter) is not in the catalog's chapters"
                )
            }
            if let chapter,
                exercise.directory != "\(chapter.slug)/\(exercise.code)-\(exercise.slug)"
            {
                problems.append(
                    "\(exercise.code): folder should be \(chapter.slug)/\(exercise.code)-\(exercise.slug)"
                )
            }
            if !["easy", "medium", "hard"].contains(exercise.difficulty) {
                problems.append("\(exercise.code): difficulty must be easy, medium or hard")
            }
        }
        return problems
    }

    private func exerciseProblems(_ exercise: Exercise) -> [String] {
        let folder = layout.folder(of: exercise)
        guard isDirectory(folder) else { return ["folder \(exercise.directory) is missing"] }
        var problems: [String] = []
        let readme = text(folder.appending(path: "README.md"))
        if readme?.isEmpty ?? true {
            problems.append("README.md is missing or empty")
        } else if readme?.contains("swift run grade \(exercise.id)") == false {
            problems.append(
                "README.md does not say how to run it (`swift run grade \(exercise.id)`)"
            )
        }
        if let hints = text(folder.appending(path: "HINTS.md")) {
            problems += Hints(parsing: hints).problems.map { "HINTS.md \($0)" }
        } else {
            problems.append("HINTS.md is missing")
        }
        for (kind, path) in [("Sources", exercise.code), ("Tests", exercise.testTarget)] {
            if !isDirectory(folder.appending(path: "\(kind)/\(path)")) {
                problems.append("\(kind)/\(path) is missing")
            }
        }
        if exercise.files.isEmpty { problems.append("lists no files to edit") }
        for file in exercise.files {
            problems += fileProblems(exercise, file)
        }
        return problems
    }

    /// A starter file carries its marker; its solution exists and no longer does.
    private func fileProblems(_ exercise: Exercise, _ file: String) -> [String] {
        guard let starter = text(layout.folder(of: exercise).appending(path: file)) else {
            return ["\(file) is missing"]
        }
        var problems: [String] = []
        if !starter.contains(exercise.todoMarker) {
            problems.append("\(file) has no \(exercise.todoMarker) marker")
        }
        let solutionPath = "Solutions/\(exercise.directory)/\(file)"
        if let solution = text(layout.exercises.appending(path: solutionPath)) {
            if solution.contains(exercise.todoMarker) {
                problems.append("\(solutionPath) still has its \(exercise.todoMarker) marker")
            }
            if solution.contains("Unimplemented(") {
                problems.append("\(solutionPath) still throws Unimplemented")
            }
        } else {
            problems.append("\(solutionPath) is missing")
        }
        return problems
    }

    /// Solution files that mirror no starter file the catalog lists.
    private func strayProblems() -> [String] {
        let listed = Set(
            catalog.exercises.flatMap { exercise in
                exercise.files.map { "\(exercise.directory)/\($0)" }
            }
        )
        let solutions = (try? TreeSync.relativeFiles(in: layout.solutions)) ?? []
        return solutions.filter { !listed.contains($0) && !$0.hasSuffix(".md") }.map {
            "Solutions/\($0) mirrors no file an exercise lists"
        }
    }

    private func text(_ url: URL) -> String? {
        try? String(contentsOf: url, encoding: .utf8)
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
