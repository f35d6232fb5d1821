import Testing

@testable import grade

@Suite("Reading Swift Testing's event stream for names, locations and unfinished tests")
struct TestEventsTests {
    /// Lines as Swift Testing 6.3 writes them, shortened: two tests, one of which fails.
    static let sample = #"""
        {"kind":"test","payload":{"displayName":"tests that fail","id":"FailTests.FailTests","kind":"suite","name":"FailTests"},"version":0}
        {"kind":"test","payload":{"displayName":"an echo that lost its bytes","id":"FailTests.FailTests/lostBytes()","isParameterized":false,"kind":"function","name":"lostBytes()"},"version":0}
        {"kind":"test","payload":{"id":"FailTests.FailTests/passes()","isParameterized":false,"kind":"function","name":"passes()"},"version":0}
        {"kind":"event","payload":{"kind":"runStarted","messages":[]},"version":0}
        {"kind":"event","payload":{"kind":"testStarted","messages":[],"testID":"FailTests.FailTests"},"version":0}
        {"kind":"event","payload":{"kind":"testStarted","messages":[],"testID":"FailTests.FailTests/lostBytes()"},"version":0}
        {"kind":"event","payload":{"kind":"testStarted","messages":[],"testID":"FailTests.FailTests/passes()"},"version":0}
        {"kind":"event","payload":{"issue":{"isKnown":false,"sourceLocation":{"fileID":"FailTests/FailTests.swift","column":9,"line":10}},"kind":"issueRecorded","messages":[{"symbol":"fail","text":"Expectation failed: (received → \"\") == (sent → \"hello\")"},{"symbol":"details","text":"sent 5 bytes\nreceived 0 bytes"}],"testID":"FailTests.FailTests/lostBytes()"},"version":0}
        {"kind":"event","payload":{"issue":{"isKnown":true,"sourceLocation":{"fileID":"FailTests/FailTests.swift","column":9,"line":11}},"kind":"issueRecorded","messages":[{"symbol":"fail","text":"a known issue"}],"testID":"FailTests.FailTests/lostBytes()"},"version":0}
        {"kind":"event","payload":{"kind":"testEnded","messages":[],"testID":"FailTests.FailTests/passes()"},"version":0}
        {"kind":"event","payload":{"kind":"testEnded","messages":[],"testID":"FailTests.FailTests/lostBytes()"},"version":0}
        """#

    @Test("an issue comes with its test, file, line, message and details")
    func issues() {
        let events = TestEvents(parsing: Self.sample)
        #expect(events.issues.count == 1, "a known issue is not a failure")
        let issue = events.issues[0]
        #expect(events.name(of: issue.testID) == "\"an echo that lost its bytes\"")
        #expect(issue.location == "FailTests.swift:10")
        #expect(issue.message == "Expectation failed: (received → \"\") == (sent → \"hello\")")
        #expect(issue.details == ["sent 5 bytes", "received 0 bytes"])
    }

    @Test("tests are named by their sentence, else by their function")
    func names() {
        let events = TestEvents(parsing: Self.sample)
        #expect(events.passedTests == ["passes()"])
        #expect(events.failedTestIDs == ["FailTests.FailTests/lostBytes()"])
        #expect(events.unfinishedTests.isEmpty)
    }

    @Test("a stream cut short leaves the running test unfinished, and a torn line is skipped")
    func cutShort() {
        let lines = Self.sample.split(separator: "\n").prefix(8).joined(separator: "\n")
        let events = TestEvents(parsing: lines + "\n{\"kind\":\"event\",\"payl")
        #expect(events.unfinishedTests == ["\"an echo that lost its bytes\"", "passes()"])
    }
}
