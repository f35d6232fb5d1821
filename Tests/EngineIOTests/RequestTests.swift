import HTTP
import Testing

@testable import EngineIO

@Suite("Engine.IO requests: the query and the Node.js error codes (CONTRACT D.1)")
struct RequestTests {
    @Test(
        "a query without a known transport or protocol version 4 is refused with its code",
        arguments: [
            ("EIO=4", EngineIORequestError.unknownTransport),
            ("EIO=4&transport=abc", .unknownTransport),
            ("transport=polling", .unsupportedProtocolVersion),
            ("EIO=abc&transport=polling", .unsupportedProtocolVersion),
            ("EIO=3&transport=polling", .unsupportedProtocolVersion),
        ]
    )
    func refusals(query: String, error: EngineIORequestError) {
        #expect(throws: error) { try EngineIORequest(query: HTTPQuery(parsing: query)) }
    }

    @Test("a handshake has no sid; later requests name theirs; other parameters are ignored")
    func accepted() throws {
        let handshake = try EngineIORequest(
            query: HTTPQuery(parsing: "EIO=4&transport=polling&t=N8hyd6w")
        )
        #expect(handshake.transport == .polling)
        #expect(handshake.sessionID == nil)
        let later = try EngineIORequest(
            query: HTTPQuery(parsing: "EIO=4&transport=websocket&sid=abc")
        )
        #expect(later.transport == .websocket)
        #expect(later.sessionID == "abc")
    }

    @Test("a transport the server does not offer is unknown")
    func disabledTransport() {
        #expect(throws: EngineIORequestError.unknownTransport) {
            try EngineIORequest(
                query: HTTPQuery(parsing: "EIO=4&transport=websocket"),
                transports: [.polling]
            )
        }
    }

    @Test("the error body is the Node.js server's JSON")
    func errorBody() {
        let response = EngineIORequestError.unsupportedProtocolVersion.response
        #expect(response.status == .badRequest)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"code":5,"message":"Unsupported protocol version"}"#
        )
        #expect(EngineIORequestError.forbidden("no").response.status == .forbidden)
    }

    @Test("session ids are 20 URL-safe characters, and differ")
    func sessionIDs() {
        let ids = (0..<1000).map { _ in SessionID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.utf8.count == 20)
            #expect(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
    }
}
