import Foundation

/// The results `swift test --xunit-output FILE` writes: which tests ran, which failed, why.
///
/// xUnit is the plain XML format every CI system reads. Swift Testing on Swift 6.3 writes
/// it like this (one `<testcase>` per test function, one `<failure>` per recorded issue):
///
/// ```
/// <testsuites>
///   <testsuite name="TestResults" errors="0" tests="2" failures="1" skipped="0" time="…">
///     <testcase classname="E0302Tests.AcceptLoopTests" name="echoesOneClient()" time="…">
///       <failure message="Expectation failed: … (error): sent 6 bytes &quot;hello\n&quot;" />
///     </testcase>
///     <testcase classname="E0302Tests.AcceptLoopTests" name="servesInTurn()" time="…" />
///   </testsuite>
/// </testsuites>
/// ```
///
/// Two behaviours of `swift test` on 6.3 shape how the grader uses it: with XCTest enabled
/// as well, Swift Testing writes its report to `FILE-swift-testing.xml` and XCTest's goes
/// to `FILE` (the grader passes `--disable-xctest`, so Swift Testing's goes to `FILE`);
/// and a test process that crashes leaves the file cut short, without `</testsuites>`.
/// The report has no source locations; those come from the event stream (``TestEvents``).
struct XUnitReport: Equatable, Sendable {
    /// One test function's result.
    struct TestCase: Equatable, Sendable {
        /// `Module.Type`, such as `E0302Tests.AcceptLoopTests`.
        var suite: String
        /// The function, such as `echoesOneClient()`.
        var name: String
        /// One message per failed expectation or caught error, in order.
        var failures: [String] = []
        /// Whether the test was skipped (a disabled test, which never counts as a pass).
        var skipped = false

        /// `AcceptLoopTests/echoesOneClient()`.
        var qualifiedName: String {
            let type = suite.split(separator: ".").last.map(String.init) ?? suite
            return "\(type)/\(name)"
        }
    }

    /// Every test that ran, in the order the report lists them.
    var testCases: [TestCase]
    /// Whether the report was written to the end; a crash cuts it short.
    var isComplete: Bool

    /// The tests that recorded at least one failure.
    var failedTests: [TestCase] { testCases.filter { !$0.failures.isEmpty } }

    /// Reads a report.
    ///
    /// This is a reader for the small, regular XML above, not for XML in general: it knows
    /// elements, attributes in double or single quotes, and the five standard entities
    /// plus numeric ones, and it ignores everything else.
    ///
    /// - Parameter text: The file's contents.
    init(parsing text: String) {
        var cases: [TestCase] = []
        var isComplete = false
        var current: TestCase?
        for tag in XMLTag.all(in: text) {
            switch (tag.name, tag.kind) {
            case ("testcase", .opening), ("testcase", .selfClosing):
                let testCase = TestCase(
                    suite: tag.attributes["classname"] ?? "",
                    name: tag.attributes["name"] ?? "?"
                )
                if tag.kind == .selfClosing { cases.append(testCase) } else { current = testCase }
            case ("testcase", .closing):
                if let finished = current { cases.append(finished) }
                current = nil
            case ("failure", .opening), ("failure", .selfClosing), ("error", .opening),
                ("error", .selfClosing):
                current?.failures.append(tag.attributes["message"] ?? "failed")
            case ("skipped", _):
                current?.skipped = true
            case ("testsuites", .closing):
                isComplete = true
            default:
                break
            }
        }
        self.testCases = cases
        self.isComplete = isComplete
    }
}

/// One XML tag: `<name a="1">`, `</name>` or `<name a="1" />`.
private struct XMLTag {
    enum Kind { case opening, closing, selfClosing }

    var name: String
    var kind: Kind
    var attributes: [String: String]

    /// Every tag in `text`, skipping `<?…?>` declarations and `<!…>` comments.
    static func all(in text: String) -> [XMLTag] {
        var tags: [XMLTag] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = endOfTag(in: rest) else { break }  // cut short: stop here
            let body = rest[..<close]
            rest = rest[rest.index(after: close)...]
            if body.hasPrefix("?") || body.hasPrefix("!") { continue }
            tags.append(parse(body))
        }
        return tags
    }

    /// The `>` that ends the tag, ignoring any `>` inside a quoted attribute value.
    private static func endOfTag(in text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return index
            }
        }
        return nil
    }

    private static func parse(_ body: Substring) -> XMLTag {
        var text = body
        var kind = Kind.opening
        if text.hasPrefix("/") {
            kind = .closing
            text = text.dropFirst()
        }
        if text.hasSuffix("/") {
            kind = .selfClosing
            text = text.dropLast()
        }
        let name = String(text.prefix { !$0.isWhitespace })
        var attributes: [String: String] = [:]
        var rest = text.dropFirst(name.count)
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
            var value = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = value.first, quote == "\"" || quote == "'" else { break }
            value = value.dropFirst()
            let end = value.firstIndex(of: quote) ?? value.endIndex
            attributes[key] = decodeEntities(value[..<end])
            rest = end < value.endIndex ? value[value.index(after: end)...] : ""
        }
        return XMLTag(name: name, kind: kind, attributes: attributes)
    }

    /// Replaces `&lt;`, `&amp;`, `&#10;` and friends by the characters they stand for.
    static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest[rest.index(after: ampersand)...]
            guard let semicolon = afterAmpersand.prefix(10).firstIndex(of: ";") else {
                result += "&"
                rest = afterAmpersand
                continue
            }
            let entity = afterAmpersand[..<semicolon]
            if let decoded = decodeEntity(entity) {
                result += decoded
            } else {
                result += "&\(entity);"
            }
            rest = afterAmpersand[afterAmpersand.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func decodeEntity(_ entity: Substring) -> String? {
        switch entity {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let number: UInt32?
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                number = UInt32(entity.dropFirst(2), radix: 16)
            } else if entity.hasPrefix("#") {
                number = UInt32(entity.dropFirst())
            } else {
                number = nil
            }
            return number.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
