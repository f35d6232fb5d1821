import EventLoop
import HTTP
import SystemCalls
import TestSupport
import Testing

/// What the server's handlers did, in order: kept for checks, and streamed for waiting.
final class ServerEvents: Sendable {
    let log = Locked<[String]>([])
    let stream: AsyncStream<String>
    private let input: AsyncStream<String>.Continuation

    init() {
        (stream, input) = AsyncStream.makeStream()
    }

    func note(_ event: String) {
        log.withLock { $0.append(event) }
        input.yield(event)
    }
}

/// A long-poll and a quick answer, each telling `events` if it was abandoned.
///
/// `/held` answers only when the test says so, through `held`; `/quick` answers at once.
func longPollHandler(events: ServerEvents, held: Locked<[HTTPResponseWriter]>)
    -> HTTPHandlerFunction
{
    HTTPHandlerFunction { request, response in
        let path = request.path
        response.whenAbandoned { events.note("abandoned \(path)") }
        if path == "/quick" { return response.respond(.text("quick")) }
        held.withLock { $0.append(response) }
        events.note("holding \(path)")
    }
}

@Suite(
    "HTTP server: learning that a held response's client went away",
    .timeLimit(.minutes(1)),
    .ownThread
)
struct AbandonedResponseTests {
    @Test("a held GET whose client disconnects is abandoned; the late answer goes nowhere")
    func clientLeavesALongPoll() async throws {
        let events = ServerEvents()
        let held = Locked<[HTTPResponseWriter]>([])
        try await TestServer.with(handler: longPollHandler(events: events, held: held)) {
            server in
            var heard = events.stream.makeAsyncIterator()
            let raw = try server.rawConnection()
            try await raw.send("GET /held HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await heard.next() == "holding /held")
            raw.connection.close()
            #expect(await heard.next() == "abandoned /held")
            // A hook added now runs at once; an answer now reaches no one, and breaks nothing.
            let writer = try #require(held.withLock { $0.first })
            writer.whenAbandoned { events.note("abandoned, asked again") }
            #expect(await heard.next() == "abandoned, asked again")
            writer.respond(.text("too late"))
            #expect(waitUntil(within: .seconds(10)) { server.server.connectionCount == 0 })
        }
    }

    @Test("a response answered in full is never abandoned, even when the client then leaves")
    func completedIsNotAbandoned() async throws {
        let events = ServerEvents()
        let held = Locked<[HTTPResponseWriter]>([])
        try await TestServer.with(handler: longPollHandler(events: events, held: held)) {
            server in
            let raw = try server.rawConnection()
            try await raw.send("GET /quick HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await raw.readResponse()?.body == "quick")
            raw.connection.close()
            // The connection closing on the server is what would call the hook, at once.
            #expect(waitUntil(within: .seconds(10)) { server.server.connectionCount == 0 })
            #expect(events.log.withLock { $0 } == [])
        }
    }

    @Test("of two pipelined requests, only the one still unanswered is abandoned")
    func pipelinedOnlyTheHeldOne() async throws {
        let events = ServerEvents()
        let held = Locked<[HTTPResponseWriter]>([])
        try await TestServer.with(handler: longPollHandler(events: events, held: held)) {
            server in
            var heard = events.stream.makeAsyncIterator()
            let raw = try server.rawConnection()
            try await raw.send(
                "GET /quick HTTP/1.1\r\nHost: a\r\n\r\nGET /held HTTP/1.1\r\nHost: a\r\n\r\n"
            )
            #expect(await raw.readResponse()?.body == "quick")
            #expect(await heard.next() == "holding /held")
            try raw.connection.closeWithReset()
            #expect(await heard.next() == "abandoned /held")
            #expect(waitUntil(within: .seconds(10)) { server.server.connectionCount == 0 })
            #expect(events.log.withLock { $0 } == ["holding /held", "abandoned /held"])
        }
    }

    @Test("a client that half-closes counts as gone, yet still gets the answer if one comes")
    func halfCloseStillAnswered() async throws {
        let events = ServerEvents()
        let held = Locked<[HTTPResponseWriter]>([])
        try await TestServer.with(handler: longPollHandler(events: events, held: held)) {
            server in
            var heard = events.stream.makeAsyncIterator()
            let raw = try server.rawConnection()
            try await raw.send("GET /held HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await heard.next() == "holding /held")
            try raw.connection.shutdownWriting()
            #expect(await heard.next() == "abandoned /held")
            try #require(held.withLock { $0.first }).respond(.text("answer"))
            let response = await raw.readResponse()
            #expect(response?.body == "answer")
            #expect(response?.header("Connection") == "close")
        }
    }
}
