import E1203
import EngineIO
import EngineIOExerciseSupport
import EventLoop
import ExerciseSupport
import HTTP
import Testing

/// Your payload codec, noting the size and the packet count of every body it splits:
/// on the server, that is every `POST` the client sent.
struct RecordingPayloadCodec: EngineIOPayloadCoding {
    let yours: PayloadCodec
    let posts = Locked<[(bytes: Int, packets: Int)]>([])

    func encode(_ packets: [EngineIOPacket], using packetCodec: any EngineIOPacketCoding)
        -> [UInt8]
    {
        yours.encode(packets, using: packetCodec)
    }

    func decode(_ body: [UInt8], using packetCodec: any EngineIOPacketCoding)
        throws(EngineIOProtocolError) -> [EngineIOPacket]
    {
        let packets = try yours.decode(body, using: packetCodec)
        posts.withLock { $0.append((body.count, packets.count)) }
        return packets
    }

    func countFitting(_ packets: [EngineIOPacket], limit: Int, maximumCount: Int) -> Int {
        yours.countFitting(packets, limit: limit, maximumCount: maximumCount)
    }
}

@Suite("12.3b Your payload codec inside the library's server and client")
struct PayloadCodecServerTests {
    @Test("the handshake is your payload of one open packet; a held GET gets a ping")
    func handshake() async throws {
        let parts = EngineIOParts(payloadCodec: try PayloadCodec())
        try await EngineIOTestServer.with(.contract(parts)) { server in
            let response = try await server.get("EIO=4&transport=polling")
            #expect(response.text.hasPrefix(#"0{"sid":""#), "\(response.text.debugDescription)")
            #expect(!response.body.contains(0x1E), "one packet, no separator")
            let sid = try await server.openPollingSession()
            let ping = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(ping.text == "2")
        }
    }

    @Test(
        "the packets of one POST come back together in the next GET (CONTRACT C.3)",
        arguments: [
            "4test1\u{1e}4test2\u{1e}4test3",
            "4hello\u{1e}bAQIDBA==",
            "4héllo 😀 \u{2028} 日本\u{1e}4\u{1e}b",
        ]
    )
    func echoTogether(payload: String) async throws {
        let parts = EngineIOParts(payloadCodec: try PayloadCodec())
        try await EngineIOTestServer.with(.quiet(parts)) { server in
            let sid = try await server.openPollingSession()
            let post = try await server.post("EIO=4&transport=polling&sid=\(sid)", payload)
            #expect(post.status == .ok && post.text == "ok")
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(
                poll.text == payload,
                "sent \(payload.debugDescription), got \(poll.text.debugDescription)"
            )
        }
    }

    @Test("a body with one bad packet gets 400, none of it is echoed, and the session closes")
    func refusedWhole() async throws {
        let parts = EngineIOParts(payloadCodec: try PayloadCodec())
        try await EngineIOTestServer.with(.quiet(parts)) { server in
            for bad in ["4ok\u{1e}", "4ok\u{1e}abc", "4ok\u{1e}b!!!!"] {
                let sid = try await server.openPollingSession()
                let post = try await server.post("EIO=4&transport=polling&sid=\(sid)", bad)
                #expect(post.status == .badRequest, "POST \(bad.debugDescription): \(post.status)")
                let next = try await server.get("EIO=4&transport=polling&sid=\(sid)")
                #expect(next.status == .badRequest, "after \(bad.debugDescription): \(next.text)")
            }
        }
    }

    @Test("a polling client batches with your codec: within maxPayload, 16 packets a POST")
    func clientBatches() async throws {
        let onServer = RecordingPayloadCodec(yours: try PayloadCodec())
        var configuration = EngineIOServer.Configuration.quiet(
            EngineIOParts(payloadCodec: onServer)
        )
        configuration.maximumPayload = 2000
        try await EngineIOTestServer.with(configuration) { server in
            var options = EngineIOClient.Options()
            options.transports = [.polling]
            options.parts = EngineIOParts(payloadCodec: try PayloadCodec())
            let recorder = ClientRecorder()
            let client = try await server.connectClient(options, recorder: recorder)
            let long = (0..<20).map { "\($0)" + String(repeating: "x", count: 500) }
            let short = (0..<40).map { "m\($0)" }
            client.loop.execute {
                for text in long + short { client.value.send(text: text) }
            }
            let echoed = try await recorder.messages(60)
            #expect(echoed == (long + short).map { .text($0) }, "every message, in order")
            let posts = onServer.posts.value
            #expect(posts.allSatisfy { $0.bytes <= 2000 }, "POST sizes: \(posts.map(\.bytes))")
            #expect(posts.allSatisfy { $0.packets <= 16 }, "POST counts: \(posts.map(\.packets))")
            #expect(posts.count >= 6, "10 kB in POSTs of at most 2000 bytes: \(posts.count)")
            client.loop.execute { client.value.close() }
        }
    }

    @Test("client and server, both with your codec, stay open across pings")
    func pings() async throws {
        let parts = EngineIOParts(payloadCodec: try PayloadCodec())
        try await EngineIOTestServer.with(.contract(parts)) { server in
            var options = EngineIOClient.Options()
            options.transports = [.polling]
            options.parts = parts
            let recorder = ClientRecorder()
            let client = try await server.connectClient(options, recorder: recorder)
            try await Task.sleep(for: .milliseconds(1000))  // three pings, three pongs
            client.loop.execute { client.value.send(text: "still here") }
            #expect(try await recorder.messages(1) == [.text("still here")])
            #expect(recorder.reason == nil)
            client.loop.execute { client.value.close() }
        }
    }
}
