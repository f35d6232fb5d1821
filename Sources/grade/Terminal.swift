import Foundation

/// Printing for people: marks, colours when the output is a terminal, nothing clever.
///
/// Colours only when standard output is a terminal and `NO_COLOR` is unset
/// (https://no-color.org), so that logs and CI output stay plain text.
enum Terminal {
    /// Whether to colour the output.
    static let usesColor: Bool =
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// A passing mark.
    static var pass: String { paint("✔", 32) }
    /// A failing mark.
    static var fail: String { paint("✘", 31) }
    /// A mark for something the grader itself could not judge.
    static var warning: String { paint("!", 33) }

    /// `text` in bold.
    static func bold(_ text: String) -> String { paint(text, 1) }
    /// `text` dimmed, for commands and paths around the main message.
    static func dim(_ text: String) -> String { paint(text, 2) }
    /// `text` in the colour of commands to type.
    static func command(_ text: String) -> String { paint(text, 36) }

    private static func paint(_ text: String, _ code: Int) -> String {
        usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Prints a line at once, even when standard output is a pipe: `print` would buffer it,
    /// and the learner would see nothing while a long test run goes on.
    static func say(_ line: String = "") {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// A ten-cell progress bar: `██████░░░░`.
    static func bar(done: Int, of total: Int) -> String {
        guard total > 0 else { return "" }
        let filled = (done * 10 + total / 2) / total
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
    }

    /// `text` indented by `spaces`, line by line.
    static func indent(_ text: String, by spaces: Int) -> String {
        let padding = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : padding + $0 }
            .joined(separator: "\n")
    }
}
