import Foundation

/// What Swift Testing reported, event by event, while the tests ran: which tests exist,
/// which started and ended, and every issue with its source location.
///
/// The xUnit report (``XUnitReport``) is the grader's verdict: which tests ran and which
/// failed. But it has no source locations, uses function names where the learner reads
/// sentences, and is only written at the end, so a test process that crashes or is killed
/// at its time limit leaves it cut short, without the test that was running.
///
/// Swift Testing can also write its events as they happen, one JSON object per line
/// (`swift test --experimental-event-stream-output FILE --experimental-event-stream-version 0`),
/// and it flushes each line: the file survives a crash or a kill. A line looks like this
/// (shortened):
///
/// ```
/// {"kind":"event","version":0,"payload":{"kind":"issueRecorded",
///   "testID":"E0302Tests.AcceptLoopTests/echoesOneClient()/AcceptLoopTests.swift:31:6",
///   "issue":{"isKnown":false,"sourceLocation":{"fileID":"E0302Tests/AcceptLoopTests.swift",
///            "line":36,"column":9}},
///   "messages":[{"symbol":"fail","text":"Expectation failed: …"},
///               {"symbol":"details","text":"sent 6 bytes \"hello\\n\", received 0 bytes"}]}}
/// ```
///
/// Only documented fields of version 0 are read; fields whose names start with `_` are
/// Swift Testing's own and may change. The flag's name says "experimental": should a later
/// toolchain drop it, the grader still has the xUnit report and loses only locations.
struct TestEvents: Sendable, Equatable {
    /// One recorded issue: a failed `#expect`, a failed `#require`, or an error a test threw.
    struct Issue: Sendable, Equatable {
        /// The test's identifier.
        var testID: String
        /// The file as `Module/File.swift`.
        var fileID: String
        /// The line of the expectation.
        var line: Int
        /// The column of the expectation.
        var column: Int
        /// `Expectation failed: …` or `Caught error: …`.
        var message: String
        /// The test's own comment, such as the bytes sent and received, line by line.
        var details: [String] = []

        /// The file's name, such as `AcceptLoopTests.swift`.
        var fileName: String { fileID.split(separator: "/").last.map(String.init) ?? fileID }
        /// `AcceptLoopTests.swift:36`.
        var location: String { "\(fileName):\(line)" }
    }

    /// Every issue, in the order it was recorded.
    var issues: [Issue] = []
    /// The test functions that started, by identifier, in order.
    var startedTests: [String] = []
    /// The test functions that ended (passed, failed or skipped), by identifier.
    var endedTests: Set<String> = []
    /// Each test's name for people: its display name (`"echoes one client"`) or, without
    /// one, its function name (`echoesOneClient()`).
    var names: [String: String] = [:]

    /// Test functions that started and never ended: the one that crashed or hung.
    var unfinishedTests: [String] {
        startedTests.filter { !endedTests.contains($0) }.map(name(of:))
    }

    /// Test functions that ended without an issue, by name, in the order they started.
    var passedTests: [String] {
        let failing = Set(issues.map(\.testID))
        return startedTests.filter { endedTests.contains($0) && !failing.contains($0) }.map(
            name(of:)
        )
    }

    /// Test functions with at least one issue, by identifier, in the order they started.
    var failedTestIDs: [String] {
        let failing = Set(issues.map(\.testID))
        return startedTests.filter(failing.contains)
    }

    /// The name a person reads for the test `id`.
    func name(of id: String) -> String {
        names[id] ?? id
    }

    /// Reads the event stream: one JSON object per line.
    ///
    /// Lines that do not decode (a line cut short by a crash, a kind of record this grader
    /// does not know) are skipped.
    ///
    /// - Parameter text: The file's contents.
    init(parsing text: String) {
        let decoder = JSONDecoder()
        var functions: Set<String> = []
        for line in text.split(separator: "\n") {
            guard let record = try? decoder.decode(Record.self, from: Data(line.utf8)) else {
                continue
            }
            let payload = record.payload
            switch (record.kind, payload.kind) {
            case ("test", "function"):
                guard let id = payload.id else { continue }
                functions.insert(id)
                names[id] = payload.displayName.map { "\"\($0)\"" } ?? payload.name ?? id
            case ("event", "testStarted"):
                if let id = payload.testID, functions.contains(id) { startedTests.append(id) }
            case ("event", "testEnded"), ("event", "testSkipped"):
                if let id = payload.testID, functions.contains(id) { endedTests.insert(id) }
            case ("event", "issueRecorded"):
                guard let id = payload.testID, let issue = payload.issue, issue.isKnown != true,
                    let location = issue.sourceLocation
                else { continue }
                // The first message says what failed; "details" are the test's own comment.
                // Swift Testing's own "difference" lines (every removed element of an array)
                // are left out: a test that compares bytes says better what it saw.
                let messages = payload.messages ?? []
                let details = messages.dropFirst().filter { $0.symbol == "details" }
                issues.append(
                    Issue(
                        testID: id,
                        fileID: location.fileID,
                        line: location.line,
                        column: location.column,
                        message: messages.first?.text ?? "issue recorded",
                        details: details.flatMap {
                            $0.text.split(separator: "\n").map(String.init)
                        }
                    )
                )
            default:
                continue
            }
        }
    }

    /// One line of the stream.
    ///
    /// Every field the grader does not need is left out, and every field it reads is
    /// optional, so a record of another kind still decodes.
    private struct Record: Decodable {
        var kind: String
        var payload: Payload
    }

    private struct Payload: Decodable {
        var kind: String
        var id: String?
        var name: String?
        var displayName: String?
        var testID: String?
        var messages: [Message]?
        var issue: RecordedIssue?
    }

    private struct Message: Decodable {
        var symbol: String?
        var text: String
    }

    private struct RecordedIssue: Decodable {
        var isKnown: Bool?
        var sourceLocation: SourceLocation?
    }

    private struct SourceLocation: Decodable {
        var fileID: String
        var line: Int
        var column: Int
    }
}
