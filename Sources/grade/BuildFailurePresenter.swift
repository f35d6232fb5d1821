import Foundation

/// Shows a failed build: the compiler's errors, placed in the exercises they belong to.
struct BuildFailurePresenter {
    /// Where the course is.
    var layout: CourseLayout
    /// The exercises, to say which one a file belongs to.
    var catalog: Catalog

    /// Prints the errors and what to do about them.
    func show(_ result: BuildResult) {
        Terminal.say()
        Terminal.say(
            "\(Terminal.fail) The exercises do not compile. They are one package, so no "
                + "exercise can be graded until this is fixed:"
        )
        Terminal.say()
        guard !result.errors.isEmpty else {
            let tail = result.output.split(separator: "\n").suffix(30).joined(separator: "\n")
            Terminal.say(Terminal.indent(tail, by: 2))
            return
        }
        var owners: [Exercise] = []
        for error in result.errors.prefix(10) {
            let path = layout.relativePath(URL(fileURLWithPath: error.file))
            let shown = path.hasPrefix("/") ? path : "Exercises/\(path)"
            Terminal.say(
                "  \(Terminal.bold("\(shown):\(error.line):\(error.column)")): \(error.message)"
            )
            for line in error.excerpt {
                Terminal.say(Terminal.dim("    " + line))
            }
            if let owner = catalog.exercises.first(where: { path.hasPrefix($0.directory + "/") }) {
                if !owners.contains(owner) { owners.append(owner) }
            }
        }
        if result.errors.count > 10 {
            Terminal.say("  … and \(result.errors.count - 10) more errors.")
        }
        Terminal.say()
        for owner in owners {
            Terminal.say(
                "In \(owner.id) \(owner.slug): fix it, or start that exercise over with "
                    + Terminal.command("swift run grade reset \(owner.id)")
            )
        }
    }
}
