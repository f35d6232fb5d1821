import Testing

@testable import grade

@Suite("The command line: what the learner types, and what the grader understands")
struct InvocationTests {
    @Test(
        "each command parses",
        arguments: [
            ([], Command.gradeAll), (["3.2"], .gradeOne("3.2")), (["E0302"], .gradeOne("E0302")),
            (["hint", "3.2"], .hint("3.2")), (["list"], .list), (["watch"], .watch(nil)),
            (["watch", "3.2"], .watch("3.2")), (["reset", "accept-loop"], .reset("accept-loop")),
            (["solution", "3.2"], .solution("3.2")), (["verify"], .verify), (["--help"], .help),
            (["help"], .help),
        ] as [([String], Command)]
    )
    func parses(arguments: [String], command: Command) throws {
        #expect(try Invocation(parsing: arguments).command == command)
    }

    @Test("--timeout sets the time limit for one exercise")
    func timeout() throws {
        let invocation = try Invocation(parsing: ["3.2", "--timeout", "5"])
        #expect(invocation.command == .gradeOne("3.2"))
        #expect(invocation.timeLimit == .seconds(5))
    }

    @Test(
        "mistakes are usage errors, with the help text",
        arguments: [
            ["hint"], ["reset", "1.1", "1.2"], ["1.1", "1.2"], ["--timeout"], ["--timeout", "x"],
            ["--loud"],
        ]
    )
    func mistakes(arguments: [String]) {
        #expect {
            try Invocation(parsing: arguments)
        } throws: { error in
            guard case GradeError.usage(let message) = error else { return false }
            return message.contains("usage: swift run grade")
        }
    }
}
