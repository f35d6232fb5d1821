import Foundation

/// An exercise's hints, read from its `HINTS.md`, each one closer to the answer.
///
/// The file is plain Markdown so that it also reads well on GitHub:
///
/// ```
/// # Hints for E0302 · accept-loop
/// ## Hint 1
/// Which calls block, and what each one waits for.
/// ## Hint 2
/// …
/// ## Hint 3 (nearly the answer)
/// …
/// ```
///
/// `swift run grade hint 3.2` shows one hint at a time and remembers how many were seen
/// (``LearnerState``), because reading all three at once spoils the first two.
struct Hints: Equatable, Sendable {
    /// One hint: its heading (`Hint 3 (nearly the answer)`) and its text.
    struct Hint: Equatable, Sendable {
        /// The heading without the `## `.
        var title: String
        /// The Markdown below the heading, trimmed.
        var text: String
    }

    /// The hints, in order.
    var hints: [Hint]

    /// How many hints every exercise must have: verify checks it.
    static let requiredCount = 3

    /// Splits `HINTS.md` at its `## Hint N` headings; anything before the first is a title.
    ///
    /// - Parameter markdown: The file's contents.
    init(parsing markdown: String) {
        var hints: [Hint] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## Hint ") {
                hints.append(
                    Hint(title: line.dropFirst(3).trimmingCharacters(in: .whitespaces), text: "")
                )
            } else if !hints.isEmpty {
                hints[hints.count - 1].text += line + "\n"
            }
        }
        self.hints = hints.map {
            Hint(title: $0.title, text: $0.text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Reads an exercise's `HINTS.md`.
    ///
    /// - Parameter folder: The exercise's folder.
    /// - Throws: If the file cannot be read.
    init(exerciseFolder folder: URL) throws {
        try self.init(
            parsing: String(contentsOf: folder.appending(path: "HINTS.md"), encoding: .utf8)
        )
    }

    /// What is wrong with the hints, for `verify`: `## Hint 1` … `## Hint 3`, in order,
    /// none of them empty.
    var problems: [String] {
        var problems: [String] = []
        if hints.count < Self.requiredCount {
            problems.append("has \(hints.count) hints, needs \(Self.requiredCount)")
        }
        for (index, hint) in hints.enumerated() {
            let expected = "Hint \(index + 1)"
            if hint.title != expected && !hint.title.hasPrefix(expected + " ") {
                problems.append(
                    "heading \(index + 1) is \"## \(hint.title)\", expected \"## \(expected)\""
                )
            }
            if hint.text.isEmpty { problems.append("\"\(hint.title)\" is empty") }
        }
        return problems
    }
}

/// What the grader remembers for the learner between runs, in `Exercises/.grade/state.json`.
///
/// Git ignores the folder: the state belongs to the learner's checkout, not the course.
struct LearnerState: Codable, Equatable, Sendable {
    /// How many hints of each exercise (by code) the learner has seen.
    var hintsSeen: [String: Int] = [:]
    /// The last outcome of each exercise (by code), for `swift run grade list`.
    var lastResults: [String: String] = [:]

    /// The state file inside `folder`.
    static func file(in folder: URL) -> URL {
        folder.appending(path: "state.json")
    }

    /// Reads the state, or starts afresh if there is none (or it is unreadable: losing
    /// a hint counter is better than refusing to grade).
    ///
    /// - Parameter folder: The `.grade` folder.
    /// - Returns: The state.
    static func load(from folder: URL) -> LearnerState {
        guard let data = try? Data(contentsOf: file(in: folder)),
            let state = try? JSONDecoder().decode(LearnerState.self, from: data)
        else { return LearnerState() }
        return state
    }

    /// Writes the state.
    ///
    /// - Parameter folder: The `.grade` folder; created if needed.
    /// - Throws: If the file cannot be written.
    func save(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: Self.file(in: folder), options: .atomic)
    }
}
