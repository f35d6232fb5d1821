import E0901
import ExerciseSupport
import Testing

/// What matching gave, as text: `nil`, the parameters, or the error.
private func outcome(_ pattern: String, _ path: String) -> String {
    do {
        guard let parameters = try E0901.RoutePattern(pattern).match(path) else {
            return "no match"
        }
        return parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: " ")
    } catch {
        return "\(error)"
    }
}

@Suite("9.1 RoutePattern.match: literals, :parameters, * and **", .serialized)
struct RoutePatternTests {
    @Test(
        "patterns match paths and capture decoded parameters",
        arguments: [
            ("/", "/", ""),
            ("/plaintext", "/plaintext", ""),
            ("/users/:id", "/users/42", "id=42"),
            ("/users/:id", "/users/J%C3%BCrgen", "id=Jürgen"),
            ("/users/:id/posts/:post", "/users/7/posts/hello", "id=7 post=hello"),
            ("/files/:name", "/files/a%2Fb", "name=a/b"),
            ("/files/*/raw", "/files/abc/raw", ""),
            ("/a/*/:x", "/a/b/c", "x=c"),
            ("/static/**", "/static/css/site.css", "**=css/site.css"),
            ("/static/**", "/static/a%20b/c", "**=a b/c"),
            ("/static/**", "/static/", "**="),
            ("/static/**", "/static", "**="),
            ("/café", "/caf%C3%A9", ""),
            ("/a b", "/a%20b", ""),
            ("/a%2Fb/:x", "/a%2Fb/1", "x=1"),
        ]
    )
    func matches(pattern: String, path: String, expected: String) {
        #expect(outcome(pattern, path) == expected, "\(pattern) against \(path)")
    }

    @Test(
        "patterns reject paths that differ in any segment",
        arguments: [
            ("/users/:id", "/users"),
            ("/users/:id", "/users/"),
            ("/users/:id", "/users/1/extra"),
            ("/plaintext", "/plaintext/"),
            ("/plaintext", "/plain"),
            ("/plaintext", "/plaintextual"),
            ("/files/*/raw", "/files//raw"),
            ("/files/*/raw", "/files/abc/cooked"),
            ("/a/b", "/a%2Fb"),
            ("/", "/x"),
            ("/static/**", "/staticfiles/x"),
        ]
    )
    func rejects(pattern: String, path: String) {
        #expect(outcome(pattern, path) == "no match", "\(pattern) against \(path)")
    }

    @Test(
        "paths that are not origin-form paths, or that do not decode, match nothing",
        arguments: [
            ("/users/:id", "users/42"),
            ("/**", "*"),
            ("/**", ""),
            ("/users/:id", "/users/%G1"),
            ("/users/:id", "/users/%C3"),
            ("/static/**", "/static/%zz"),
        ]
    )
    func malformed(pattern: String, path: String) {
        #expect(outcome(pattern, path) == "no match", "\(pattern) against \(path)")
    }

    @Test("a parameter's name is what follows the colon; two parameters, two names")
    func names() throws {
        let pattern = E0901.RoutePattern("/:year/:month")
        #expect(pattern.segments == [.parameter("year"), .parameter("month")])
        #expect(try pattern.match("/2026/11") == ["year": "2026", "month": "11"])
    }
}
