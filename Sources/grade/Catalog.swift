import Foundation

/// One exercise, as `Exercises/exercises.json` describes it.
///
/// The catalog, not the folder listing, is the course's order: tutorials link to exercises
/// by id (`3.2`), code (`E0302`) and slug (`accept-loop`), so all three stay fixed once
/// published, and a learner may type any of them.
struct Exercise: Codable, Sendable, Equatable {
    /// `3.2`: chapter 3, second exercise.
    var id: String
    /// `E0302`: the same, as it appears in module names and `TODO(E0302)` markers.
    var code: String
    /// `accept-loop`: the folder name after the code.
    var slug: String
    /// The chapter number.
    var chapter: Int
    /// What the learner writes, in a few words.
    var title: String
    /// The exercise's folder, relative to `Exercises/`.
    var directory: String
    /// `easy`, `medium` or `hard`.
    var difficulty: String
    /// The files the learner edits, relative to the exercise's folder.
    var files: [String]
    /// The test target that grades it.
    var testTarget: String

    private enum CodingKeys: String, CodingKey {
        case id, code, slug, chapter, title, difficulty, files, testTarget
        case directory = "dir"
    }

    /// `3.2 accept-loop`, the way the grader names an exercise in its output.
    var label: String { "\(id) \(slug)" }

    /// The marker each starter file carries where the learner's code goes.
    var todoMarker: String { "TODO(\(code))" }
}

/// A chapter heading in the catalog.
struct Chapter: Codable, Sendable, Equatable {
    /// The chapter number.
    var number: Int
    /// Its title, as in the tutorial.
    var title: String
    /// The tutorial's folder name, such as `03-tcp-server`.
    var slug: String

    /// `03 · A blocking TCP server`.
    var heading: String {
        (number < 10 ? "0" : "") + "\(number) · \(title)"
    }
}

/// The ordered list of exercises, read from `exercises.json`.
struct Catalog: Codable, Sendable {
    /// The chapters that have exercises, in order.
    var chapters: [Chapter]
    /// Every exercise, in the order a learner should do them.
    var exercises: [Exercise]

    /// Reads and checks the catalog file.
    ///
    /// - Parameter file: The path of `exercises.json`.
    /// - Throws: ``GradeError/badCatalog(_:)`` if the file is missing or malformed.
    init(contentsOf file: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw GradeError.badCatalog("cannot read \(file.path): \(error.localizedDescription)")
        }
        do {
            self = try JSONDecoder().decode(Catalog.self, from: data)
        } catch {
            throw GradeError.badCatalog("\(file.path) is not a valid catalog: \(error)")
        }
    }

    /// Finds an exercise by id (`3.2`), code (`E0302`, any case) or slug (`accept-loop`).
    ///
    /// - Parameter name: What the learner typed.
    /// - Returns: The exercise.
    /// - Throws: ``GradeError/unknownExercise(_:suggestions:)`` listing close matches.
    func exercise(named name: String) throws -> Exercise {
        let wanted = name.lowercased()
        if let found = exercises.first(where: {
            $0.id == wanted || $0.code.lowercased() == wanted || $0.slug == wanted
                || "\($0.code.lowercased())-\($0.slug)" == wanted
        }) {
            return found
        }
        let suggestions = exercises.filter {
            $0.slug.contains(wanted) || $0.title.lowercased().contains(wanted)
                || $0.id.hasPrefix(wanted)
        }
        throw GradeError.unknownExercise(name, suggestions: suggestions.map(\.label))
    }

    /// The chapter heading for `number`, or a plain one if the catalog lacks it.
    func chapter(_ number: Int) -> Chapter {
        chapters.first { $0.number == number }
            ?? Chapter(number: number, title: "Chapter \(number)", slug: "")
    }

    /// The exercises grouped by chapter, in catalog order.
    var exercisesByChapter: [(chapter: Chapter, exercises: [Exercise])] {
        var groups: [(chapter: Chapter, exercises: [Exercise])] = []
        for exercise in exercises {
            if groups.last?.chapter.number == exercise.chapter {
                groups[groups.count - 1].exercises.append(exercise)
            } else {
                groups.append((chapter(exercise.chapter), [exercise]))
            }
        }
        return groups
    }
}
