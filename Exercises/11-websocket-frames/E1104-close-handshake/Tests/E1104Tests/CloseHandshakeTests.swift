import E1104
import Testing
import WebSockets

@Suite("11.4a CloseHandshake: who sends close, and when it is over")
struct CloseHandshakeTests {
    @Test("a new connection can send data; closing stops that at once")
    func fresh() throws {
        var handshake = E1104.CloseHandshake()
        #expect(handshake.canSendData)
        #expect(!handshake.isClosed)
        _ = try handshake.close(code: .normalClosure, reason: "")
        #expect(!handshake.canSendData, "no data after our close frame (§5.5.1)")
    }

    @Test("the peer closes first: we echo its code, and the handshake is over")
    func peerFirst() throws {
        var handshake = E1104.CloseHandshake()
        #expect(
            try handshake.closeReceived(code: .normalClosure)
                == .sendClose(code: .normalClosure, reason: "")
        )
        #expect(handshake.isClosed, "both sides have now sent close")
        #expect(!handshake.canSendData)
    }

    @Test(
        "whatever code the peer sends is the code we echo",
        arguments: [1000, 1001, 1002, 1003, 1007, 1011, 3000, 4000, 4999] as [UInt16]
    )
    func echoesCode(code: UInt16) throws {
        var handshake = E1104.CloseHandshake()
        let peer = WebSocketCloseCode(rawValue: code)
        #expect(try handshake.closeReceived(code: peer) == .sendClose(code: peer, reason: ""))
    }

    @Test("an empty close frame is answered with an empty close frame (§5.5.1)")
    func emptyClose() throws {
        var handshake = E1104.CloseHandshake()
        #expect(try handshake.closeReceived(code: nil) == .sendClose(code: nil, reason: ""))
        #expect(handshake.isClosed)
    }

    @Test("we close first: send our code and reason, wait; the peer's close ends it")
    func weFirst() throws {
        var handshake = E1104.CloseHandshake()
        #expect(
            try handshake.close(code: .goingAway, reason: "bye")
                == .sendClose(code: .goingAway, reason: "bye")
        )
        #expect(!handshake.canSendData)
        #expect(!handshake.isClosed, "the peer has not answered yet")
        #expect(try handshake.closeReceived(code: .goingAway) == .closeConnection)
        #expect(handshake.isClosed)
    }

    @Test("the peer's answer to our close may carry another code, or none")
    func anyAnswer() throws {
        for answer in [nil, .normalClosure, WebSocketCloseCode(rawValue: 4000)] {
            var handshake = E1104.CloseHandshake()
            _ = try handshake.close(code: .goingAway, reason: "")
            #expect(
                try handshake.closeReceived(code: answer) == .closeConnection,
                "\(answer?.description ?? "empty")"
            )
        }
    }

    @Test("closing twice sends one close frame")
    func closeTwice() throws {
        var handshake = E1104.CloseHandshake()
        _ = try handshake.close(code: .normalClosure, reason: "first")
        #expect(try handshake.close(code: .internalError, reason: "second") == .doNothing)
        #expect(!handshake.isClosed, "still waiting for the peer")
        #expect(try handshake.closeReceived(code: .normalClosure) == .closeConnection)
    }

    @Test("once the handshake is over, every close, ours or the peer's, does nothing")
    func afterTheEnd() throws {
        var peerFirst = E1104.CloseHandshake()
        _ = try peerFirst.closeReceived(code: .normalClosure)
        #expect(try peerFirst.closeReceived(code: .normalClosure) == .doNothing)
        #expect(try peerFirst.close(code: .normalClosure, reason: "") == .doNothing)
        #expect(peerFirst.isClosed)

        var weFirst = E1104.CloseHandshake()
        _ = try weFirst.close(code: .normalClosure, reason: "")
        _ = try weFirst.closeReceived(code: .normalClosure)
        #expect(try weFirst.closeReceived(code: nil) == .doNothing)
        #expect(try weFirst.close(code: .goingAway, reason: "") == .doNothing)
        #expect(weFirst.isClosed)
    }

    @Test("two endpoints, each with a handshake: either may start, or both at once")
    func twoEndpoints() throws {
        // One side starts: its close travels, the other echoes, the echo ends it.
        var client = E1104.CloseHandshake()
        var server = E1104.CloseHandshake()
        #expect(
            try client.close(code: .normalClosure, reason: "done")
                == .sendClose(code: .normalClosure, reason: "done")
        )
        #expect(
            try server.closeReceived(code: .normalClosure)
                == .sendClose(code: .normalClosure, reason: "")
        )
        #expect(try client.closeReceived(code: .normalClosure) == .closeConnection)
        #expect(client.isClosed && server.isClosed)

        // Both start at once (§1.4: "safe for both peers"): each close frame answers the other's.
        var left = E1104.CloseHandshake()
        var right = E1104.CloseHandshake()
        #expect(
            try left.close(code: .goingAway, reason: "") == .sendClose(code: .goingAway, reason: "")
        )
        #expect(
            try right.close(code: .normalClosure, reason: "")
                == .sendClose(code: .normalClosure, reason: "")
        )
        #expect(try left.closeReceived(code: .normalClosure) == .closeConnection)
        #expect(try right.closeReceived(code: .goingAway) == .closeConnection)
        #expect(left.isClosed && right.isClosed)
    }
}
