import Testing

@testable import grade

@Suite("Reading xUnit reports as Swift Testing 6.3 writes them")
struct XUnitReportTests {
    @Test("test cases, their failures with entities decoded, and the end of the report")
    func complete() {
        let report = XUnitReport(
            parsing: """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites>
                  <testsuite name="TestResults" errors="0" tests="3" failures="2" skipped="0" time="0.1">
                    <testcase classname="FailTests.MoreFails" name="two()" time="0.001" >
                      <failure message="Expectation failed: 1 == 2 (error): first&#10;second line" />
                      <failure message="Issue recorded (error): custom issue &lt;&amp;&gt; &quot;q&quot; &#x41;" />
                    </testcase>
                    <testcase classname="FailTests.FailTests" name="ok()" time="0.0002" />
                    <testcase classname="FailTests.MoreFails" name="param(n:)" time="0.001" >
                      <failure message="Expectation failed: (n &#8594; 2) == 1 (error): n was 2" />
                    </testcase>
                  </testsuite>
                </testsuites>
                """
        )
        #expect(report.isComplete)
        #expect(
            report.testCases.map(\.qualifiedName) == [
                "MoreFails/two()", "FailTests/ok()", "MoreFails/param(n:)",
            ]
        )
        #expect(report.failedTests.count == 2)
        #expect(
            report.testCases[0].failures == [
                "Expectation failed: 1 == 2 (error): first\nsecond line",
                "Issue recorded (error): custom issue <&> \"q\" A",
            ]
        )
        #expect(
            report.testCases[2].failures == ["Expectation failed: (n → 2) == 1 (error): n was 2"]
        )
    }

    @Test("a report cut short by a crash is incomplete, and keeps what it has")
    func truncated() {
        let report = XUnitReport(
            parsing: """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites>
                  <testsuite name="TestResults" errors="0" tests="1" failures="0" skipped="0" time="0.1">
                    <testcase classname="A.B" name="c()" time="0.001" />
                    <testcase classname="A.B" name="d()
                """
        )
        #expect(!report.isComplete)
        #expect(report.testCases.map(\.name) == ["c()"])
    }

    @Test("a report of no tests has none, and a skipped test is marked")
    func emptyAndSkipped() {
        #expect(
            XUnitReport(parsing: "<testsuites><testsuite tests=\"0\"></testsuite></testsuites>")
                .testCases.isEmpty
        )
        let skipped = XUnitReport(
            parsing:
                "<testsuites><testcase classname=\"A.B\" name=\"s()\"><skipped/></testcase></testsuites>"
        )
        #expect(skipped.testCases.first?.skipped == true)
    }

    @Test("a '>' inside a quoted attribute does not end the tag")
    func quotedAngleBracket() {
        let report = XUnitReport(
            parsing: "<testsuites><testcase classname='A.B' name='a>b()'/></testsuites>"
        )
        #expect(report.testCases.map(\.name) == ["a>b()"])
    }
}
