import Foundation
import JSON
import TestSupport
import Testing

// CONTRACT E, clause by clause, against the sio-contract demo: its namespaces (E.1), its
// CONNECT replies (E.2), every event of its table (E.3), binary (E.4), JSON text (E.5) and
// the session rules (E.6). Each test starts its own server.

/// The JSON after `prefix` in a packet's text.
private func payload(_ text: String, after prefix: String) throws -> JSONValue {
    guard text.hasPrefix(prefix) else { throw TestFailure("\(text) does not start with \(prefix)") }
    return try JSONValue(parsing: String(text.dropFirst(prefix.count)))
}

@Suite("CONTRACT E.1–E.2: namespaces and CONNECT replies", .ownThread, .timeLimit(.minutes(2)))
struct ContractNamespaceTests {
    @Test("/private lets the token s3cr3t in, and echoes its auth")
    func privateWithToken() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.connect("/private", auth: #"{"token":"s3cr3t"}"#)
            #expect(try await client.nextText() == #"42/private,["auth",{"token":"s3cr3t"}]"#)
            await client.close()
        }
    }

    @Test(
        "/private refuses a wrong token or none, with the contract's exact payload",
        arguments: [#"{"token":"wrong"}"#, "", "{}"]
    )
    func privateRefused(auth: String) async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("40/private," + auth)
            #expect(
                try await client.nextText()
                    == #"44/private,{"message":"Not authorized","data":{"reason":"invalid token"}}"#
            )
            await client.close()
        }
    }

    @Test(
        "/dyn-<digits> is made on demand; other names are invalid",
        arguments: ["/dyn-0", "/dyn-12345"]
    )
    func dynamicNamespaces(name: String) async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.connect(name)
            #expect(try await client.nextText() == #"42\#(name),["auth",{}]"#)
            try await client.send(#"42\#(name),1["whoami"]"#)
            let answer = try payload(try await client.nextText(), after: "43\(name),1")
            #expect(answer[0]?["nsp"]?.stringValue == name)
            await client.close()
        }
    }

    @Test(
        "names that match no namespace: Invalid namespace",
        arguments: ["/dyn-", "/dyn-x", "/dyn-1a", "/Custom"]
    )
    func invalidNames(name: String) async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("40\(name),")
            #expect(try await client.nextText() == #"44\#(name),{"message":"Invalid namespace"}"#)
            await client.close()
        }
    }

    @Test("a refused CONNECT leaves the session open: other namespaces connect afterwards")
    func refusalKeepsSession() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("40/random")
            #expect(try await client.nextText() == #"44/random,{"message":"Invalid namespace"}"#)
            try await client.send(#"40/private,{"token":"no"}"#)
            #expect(try await client.nextText().hasPrefix("44/private,"))
            try await client.connect("/")
            #expect(try await client.nextText() == #"42["auth",{}]"#)
            try await client.connect("/private", auth: #"{"token":"s3cr3t"}"#)
            #expect(try await client.nextText() == #"42/private,["auth",{"token":"s3cr3t"}]"#)
            await client.close()
        }
    }

    @Test(
        "/ and /custom on one session get different ids, neither the Engine.IO sid; auth comes right after"
    )
    func distinctIDs() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send(#"40{"a":1}"#)
            let main = try payload(try await client.nextText(), after: "40")
            #expect(main.objectValue?.keys == ["sid"])
            #expect(try await client.nextText() == #"42["auth",{"a":1}]"#)
            try await client.send(#"40/custom,{"b":[2]}"#)
            let custom = try payload(try await client.nextText(), after: "40/custom,")
            #expect(custom.objectValue?.keys == ["sid"])
            #expect(try await client.nextText() == #"42/custom,["auth",{"b":[2]}]"#)
            let ids = [main["sid"]?.stringValue, custom["sid"]?.stringValue, client.sid]
            #expect(Set(ids.compactMap { $0 }).count == 3)
            await client.close()
        }
    }

    @Test("over long-polling too: the CONNECT reply and the auth event, in that order")
    func pollingConnect() async throws {
        try await ContractServer.with { server async throws in
            let sid = try await server.openPollingSession()
            let query = "EIO=4&transport=polling&sid=\(sid)"
            #expect(try await server.post(query, #"40/custom,{"token":"abc"}"#).text == "ok")
            let packets = try await server.get(query).text.split(separator: "\u{1e}")
            #expect(packets.count == 2)
            #expect(packets.first?.hasPrefix("40/custom,{\"sid\":") == true)
            #expect(packets.last == #"42/custom,["auth",{"token":"abc"}]"#)
        }
    }
}

@Suite("CONTRACT E.3: the events", .ownThread, .timeLimit(.minutes(2)))
struct ContractEventTests {
    @Test("message with no arguments, and message-with-ack with none: ACK []")
    func emptyArguments() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(#"42["message"]"#)
            #expect(try await client.nextText() == #"42["message-back"]"#)
            try await client.send(#"421["message-with-ack"]"#)
            #expect(try await client.nextText() == "431[]")
            try await client.send(#"422["message-with-ack",null,"x",[]]"#)
            #expect(try await client.nextText() == #"432[null,"x",[]]"#)
            await client.close()
        }
    }

    @Test(
        "join and leave answer with the room; room-emit reaches the room's members, the sender when a member, before its ACK"
    )
    func rooms() async throws {
        try await ContractServer.with { server async throws in
            let alice = try await server.connectedClient()
            let bob = try await server.connectedClient()
            try await bob.send(#"421["join","r"]"#)
            #expect(try await bob.nextText() == #"431["r"]"#)
            try await alice.send(#"422["room-emit","r",{"x":1}]"#)
            #expect(try await alice.nextText() == "432[]")  // not a member: only the ACK
            #expect(try await bob.nextText() == #"42["room-message","r",{"x":1}]"#)
            try await alice.send(#"423["join","r"]"#)
            #expect(try await alice.nextText() == #"433["r"]"#)
            try await alice.send(#"424["room-emit","r","both"]"#)
            #expect(try await alice.nextText() == #"42["room-message","r","both"]"#)
            #expect(try await alice.nextText() == "434[]")
            #expect(try await bob.nextText() == #"42["room-message","r","both"]"#)
            try await bob.send(#"425["leave","r"]"#)
            #expect(try await bob.nextText() == #"435["r"]"#)
            try await alice.send(#"426["room-emit","r",3]"#)
            #expect(try await alice.nextText() == #"42["room-message","r",3]"#)
            #expect(try await alice.nextText() == "436[]")
            #expect(await bob.staysQuiet(for: .milliseconds(300)))
            await alice.close()
            await bob.close()
        }
    }

    @Test(
        "broadcast reaches every other socket of the namespace, not the sender, not other namespaces"
    )
    func broadcast() async throws {
        try await ContractServer.with { server async throws in
            let alice = try await server.connectedClient()
            let bob = try await server.connectedClient()
            let carol = try await server.connect()
            try await carol.connect("/custom")
            _ = try await carol.nextText()
            try await alice.send(#"421["broadcast",{"hey":true}]"#)
            #expect(try await alice.nextText() == "431[]")
            #expect(try await bob.nextText() == #"42["broadcast-back",{"hey":true}]"#)
            #expect(await carol.staysQuiet(for: .milliseconds(300)))
            #expect(await alice.staysQuiet(for: .milliseconds(100)))
            for client in [alice, bob, carol] { await client.close() }
        }
    }

    @Test(
        "burst sends n items in order, then ACK (n); n is clamped to 0…1000",
        arguments: [(3, 3), (0, 0), (-5, 0), (5000, 1000)]
    )
    func burst(requested: Int, sent: Int) async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(#"427["burst",\#(requested)]"#)
            for index in 0..<sent {
                #expect(try await client.nextText() == #"42["burst-item",\#(index)]"#)
            }
            #expect(try await client.nextText() == "437[\(sent)]")
            await client.close()
        }
    }

    @Test(
        "whoami answers with the socket's id and namespace; replies go to the request's namespace"
    )
    func whoami() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            let id = try await client.connect("/custom")
            _ = try await client.nextText()
            try await client.send(#"42/custom,9["whoami"]"#)
            let answer = try payload(try await client.nextText(), after: "43/custom,9")
            #expect(answer == [["sid": .string(id), "nsp": "/custom"]])
            await client.close()
        }
    }

    @Test(
        "ask: question carries a non-negative ack id; the client's answer, plain or binary, comes back as answer"
    )
    func ask() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(#"425["ask",{"q":"why"}]"#)
            let question = try await client.nextText()
            let id = try #require(Int(question.dropFirst(2).prefix { $0.isNumber }))
            #expect(id >= 0)
            #expect(question == #"42\#(id)["question",{"q":"why"}]"#)
            #expect(try await client.nextText() == "435[]")
            try await client.send(#"43\#(id)["because",{"n":1}]"#)
            #expect(try await client.nextText() == #"42["answer","because",{"n":1}]"#)

            try await client.send(#"426["ask",2]"#)
            let second = try await client.nextText()
            let secondID = try #require(Int(second.dropFirst(2).prefix { $0.isNumber }))
            #expect(try await client.nextText() == "436[]")
            try await client.send(#"461-\#(secondID)["bytes",\#(placeholder(0))]"#)
            try await client.send(binary: [9, 8, 7])
            #expect(try await client.nextText() == #"451-["answer","bytes",\#(placeholder(0))]"#)
            #expect(try await client.nextBinary() == [9, 8, 7])
            await client.close()
        }
    }

    @Test(
        "disconnect-me: 41 or 41/custom,; the session stays open and the namespace can be joined again"
    )
    func disconnectMe() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.connect("/custom")
            _ = try await client.nextText()
            try await client.send(#"42/custom,["disconnect-me"]"#)
            #expect(try await client.nextText() == "41/custom,")
            try await client.send(#"42["message","still"]"#)
            #expect(try await client.nextText() == #"42["message-back","still"]"#)
            try await client.send(#"42["disconnect-me"]"#)
            #expect(try await client.nextText() == "41")
            try await client.connect("/custom")
            #expect(try await client.nextText() == #"42/custom,["auth",{}]"#)
            await client.close()
        }
    }

    @Test("drop-transport closes the WebSocket at once, without DISCONNECT or a close packet")
    func dropTransportWebSocket() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            let start = ContinuousClock.now
            try await client.send(#"42["drop-transport"]"#)
            // Nothing but the close: `waitForClose` would skip frames, so read them.
            do {
                let frame = try await client.next(within: .seconds(2))
                Issue.record("a frame before the close: \(frame)")
            } catch {}
            #expect(ContinuousClock.now - start < .seconds(1))
        }
    }

    @Test("drop-transport on long-polling: the held GET is dropped and the session forgotten")
    func dropTransportPolling() async throws {
        try await ContractServer.with { server async throws in
            let sid = try await server.openPollingSession()
            let query = "EIO=4&transport=polling&sid=\(sid)"
            _ = try await server.post(query, "40")
            _ = try await server.get(query)  // CONNECT reply and auth
            let (client, base) = (server.client, server.base)
            async let held = client.get(base + "?" + query)
            try await Task.sleep(for: .milliseconds(50))  // let the GET be held first
            #expect(try await server.post(query, #"42["drop-transport"]"#).text == "ok")
            do {
                let answer = try await held
                #expect(answer.status != .ok || !answer.text.contains("1"), "\(answer.text)")
            } catch {}  // the connection was dropped: what a network failure looks like
            #expect(try await server.get(query).status == .badRequest)
        }
    }

    @Test("no-ack and unknown events get nothing, not even an ACK")
    func noAck() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(#"4212["no-ack",1]"#)
            try await client.send(#"4213["no-such-event"]"#)
            #expect(await client.staysQuiet(for: .milliseconds(500)))
            try await client.send(#"42["message",1]"#)
            #expect(try await client.nextText() == #"42["message-back",1]"#)
            await client.close()
        }
    }
}

@Suite("CONTRACT E.4–E.5: binary and JSON text", .ownThread, .timeLimit(.minutes(2)))
struct ContractBinaryTests {
    @Test("binary at any depth comes back where it was, over WebSocket")
    func nestedBinary() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            let text =
                #"453-["message",{"a":[\#(placeholder(0)),{"b":\#(placeholder(2))}]},\#(placeholder(1))]"#
            try await client.send(text)
            for bytes: [UInt8] in [[0], Array(0...255), []] { try await client.send(binary: bytes) }
            #expect(
                try await client.nextText()
                    == #"453-["message-back",{"a":[\#(placeholder(0)),{"b":\#(placeholder(1))}]},\#(placeholder(2))]"#
            )
            // Renumbered depth-first on the way out: [0], then [], then 0…255.
            #expect(try await client.nextBinary() == [0])
            #expect(try await client.nextBinary() == [])
            #expect(try await client.nextBinary() == Array(0...255))
            await client.close()
        }
    }

    @Test("binary over long-polling: b + base64 packets in the same payload")
    func pollingBinary() async throws {
        // No ping among the packets compared byte for byte, however busy the machine.
        try await ContractServer.with(["--ping-interval", "30000"]) { server async throws in
            let sid = try await server.openPollingSession()
            let query = "EIO=4&transport=polling&sid=\(sid)"
            _ = try await server.post(query, "40")
            _ = try await server.get(query)
            let body = #"451-["message",\#(placeholder(0))]"# + "\u{1e}bAQID"
            #expect(try await server.post(query, body).text == "ok")
            #expect(
                try await server.get(query).text == #"451-["message-back",\#(placeholder(0))]"#
                    + "\u{1e}bAQID"
            )
        }
    }

    @Test("compact JSON, multi-byte text through unchanged")
    func text() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send("42[ \"message\" , { \"k\" : [ 1 , 2.5 , \"é☕😀\u{2028}\" ] } ]")
            let echoed = try await client.nextText()
            #expect(echoed == "42[\"message-back\",{\"k\":[1,2.5,\"é☕😀\u{2028}\"]}]")
            await client.close()
        }
    }
}

@Suite("CONTRACT E.6: session rules", .ownThread, .timeLimit(.minutes(2)))
struct ContractSessionTests {
    @Test(
        "a session that never CONNECTs is closed after the connect timeout (0.8–2 s), though it answers pings"
    )
    func connectTimeout() async throws {
        try await ContractServer.with { server async throws in
            let start = ContinuousClock.now
            let client = try await server.connect(answersPings: true)
            try await client.waitForClose(within: .seconds(3))
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(800) && elapsed <= .seconds(2), "\(elapsed)")
        }
    }

    @Test(
        "invalid packets close the session",
        arguments: [
            "4abc", "42{}", "42[]", "42[1]", #"42abc["message"]"#, "40[]", #"40"token""#,
            #"44{"message":"x"}"#, "42", #"452-["message",\#(placeholder(0))]"#,
        ]
    )
    func invalidPackets(packet: String) async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(packet)
            if packet.hasPrefix("452-") {
                try await client.send("42[\"text instead of an attachment\"]")
            }
            try await client.waitForClose()
        }
    }

    @Test(
        "a packet for a namespace the session is not connected to closes it",
        arguments: [
            #"42["message",1]"#, "41", "43/custom,1[]", #"42/custom,["message"]"#,
        ]
    )
    func packetBeforeConnect(packet: String) async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send(packet)
            try await client.waitForClose(within: .milliseconds(800))
        }
    }

    @Test("an invalid packet over long-polling closes that session and no other")
    func pollingInvalidClosesOnlyItsSession() async throws {
        try await ContractServer.with { server async throws in
            let bystander = try await server.connectedClient()
            let sid = try await server.openPollingSession()
            let query = "EIO=4&transport=polling&sid=\(sid)"
            _ = try await server.post(query, #"42["message"]"#)
            let after = try await server.get(query)
            #expect(after.status == .badRequest || after.text == "1", "\(after.text)")
            #expect(try await server.get(query).status == .badRequest)
            try await bystander.send(#"42["message","fine"]"#)
            #expect(try await bystander.nextText() == #"42["message-back","fine"]"#)
            await bystander.close()
        }
    }

    @Test("DISCONNECT gets no answer: pings go on, other namespaces work, it can CONNECT again")
    func clientDisconnect() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect(answersPings: false)
            try await client.connect("/")
            _ = try await client.nextText()
            try await client.connect("/custom")
            _ = try await client.nextText()
            try await client.send("41")
            #expect(try await client.nextText() == "2")  // the next frame is a ping
            try await client.send("3")
            try await client.send(#"42/custom,["message","x"]"#)
            #expect(try await client.nextText() == #"42/custom,["message-back","x"]"#)
            try await client.connect("/")
            #expect(try await client.nextText() == #"42["auth",{}]"#)
            await client.close()
        }
    }
}
