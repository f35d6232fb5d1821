import EngineIO
import SocketIO
import Testing

/// A placeholder as the wire writes it.

/// One exact form: the packet, and the messages that carry it.
struct ExactForm: Sendable, CustomTestStringConvertible {
    let packet: SocketIOPacket
    let text: String
    let attachments: [[UInt8]]

    init(_ packet: SocketIOPacket, _ text: String, _ attachments: [[UInt8]] = []) {
        self.packet = packet
        self.text = text
        self.attachments = attachments
    }

    var messages: [EngineIOMessage] { [.text(text)] + attachments.map(EngineIOMessage.binary) }
    var testDescription: String { text }

    /// Every example of the protocol's Readme ("Packet encoding", "Sample session").
    static let readme: [ExactForm] = [
        ExactForm(SocketIOPacket(type: .connect), "0"),
        ExactForm(
            SocketIOPacket(type: .connect, data: ["sid": "wZX3oN0bSVIhsaknAAAI"]),
            #"0{"sid":"wZX3oN0bSVIhsaknAAAI"}"#
        ),
        ExactForm(SocketIOPacket(type: .connect, namespace: "/admin"), "0/admin,"),
        ExactForm(
            SocketIOPacket(
                type: .connect,
                namespace: "/admin",
                data: ["sid": "oSO0OpakMV_3jnilAAAA"]
            ),
            #"0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"}"#
        ),
        ExactForm(
            SocketIOPacket(type: .connect, namespace: "/admin", data: ["token": "123"]),
            #"0/admin,{"token":"123"}"#
        ),
        ExactForm(
            SocketIOPacket(type: .connectError, data: ["message": "Not authorized"]),
            #"4{"message":"Not authorized"}"#
        ),
        ExactForm(.event("foo", []), #"2["foo"]"#),
        ExactForm(.event("bar", [], namespace: "/admin"), #"2/admin,["bar"]"#),
        ExactForm(
            SocketIOPacket(type: .binaryEvent, data: ["baz", .binary([1, 2, 3, 4])]),
            #"51-["baz",\#(placeholder(0))]"#,
            [[1, 2, 3, 4]]
        ),
        ExactForm(
            SocketIOPacket(
                type: .binaryEvent,
                namespace: "/admin",
                data: ["baz", .binary([1, 2]), .binary([3, 4])]
            ),
            #"52-/admin,["baz",\#(placeholder(0)),\#(placeholder(1))]"#,
            [[1, 2], [3, 4]]
        ),
        ExactForm(.event("foo", [], id: 12), #"212["foo"]"#),
        ExactForm(SocketIOPacket(type: .ack, id: 12, data: []), "312[]"),
        ExactForm(.event("foo", [], namespace: "/admin", id: 13), #"2/admin,13["foo"]"#),
        ExactForm(
            SocketIOPacket(type: .ack, namespace: "/admin", id: 13, data: ["bar"]),
            #"3/admin,13["bar"]"#
        ),
        ExactForm(
            SocketIOPacket(type: .binaryEvent, id: 14, data: ["foo", .binary([1, 2, 3, 4])]),
            #"51-14["foo",\#(placeholder(0))]"#,
            [[1, 2, 3, 4]]
        ),
        ExactForm(SocketIOPacket(type: .ack, id: 14, data: ["bar"]), #"314["bar"]"#),
        ExactForm(.event("foo", [], id: 15), #"215["foo"]"#),
        ExactForm(
            SocketIOPacket(type: .binaryAck, id: 15, data: ["bar", .binary([1, 2, 3, 4])]),
            #"61-15["bar",\#(placeholder(0))]"#,
            [[1, 2, 3, 4]]
        ),
        ExactForm(SocketIOPacket(type: .disconnect), "1"),
        ExactForm(SocketIOPacket(type: .disconnect, namespace: "/admin"), "1/admin,"),
        ExactForm(.event("hey", ["Jude"]), #"2["hey","Jude"]"#),
        ExactForm(
            SocketIOPacket(type: .binaryAck, namespace: "/admin", id: 1, data: [.binary([0xFF])]),
            #"61-/admin,1[\#(placeholder(0))]"#,
            [[0xFF]]
        ),
    ]

    /// The exact forms of CONTRACT E.2–E.5 (from the official test suite).
    static let contract: [ExactForm] = [
        ExactForm(.event("message", [1, "2", ["3": [true]]]), #"2["message",1,"2",{"3":[true]}]"#),
        ExactForm(
            .event("message-back", [1, "2", ["3": [true]]]),
            #"2["message-back",1,"2",{"3":[true]}]"#
        ),
        ExactForm(
            .event("message-with-ack", [1, "2", ["3": [false]]], id: 456),
            #"2456["message-with-ack",1,"2",{"3":[false]}]"#
        ),
        ExactForm(
            SocketIOPacket(type: .ack, id: 456, data: [1, "2", ["3": [false]]]),
            #"3456[1,"2",{"3":[false]}]"#
        ),
        ExactForm(
            SocketIOPacket(
                type: .binaryEvent,
                data: ["message", .binary([1, 2, 3]), .binary([4, 5, 6])]
            ),
            #"52-["message",\#(placeholder(0)),\#(placeholder(1))]"#,
            [[1, 2, 3], [4, 5, 6]]
        ),
        ExactForm(
            SocketIOPacket(
                type: .binaryEvent,
                id: 789,
                data: ["message-with-ack", .binary([1, 2, 3]), .binary([4, 5, 6])]
            ),
            #"52-789["message-with-ack",\#(placeholder(0)),\#(placeholder(1))]"#,
            [[1, 2, 3], [4, 5, 6]]
        ),
        ExactForm(
            SocketIOPacket(
                type: .binaryAck,
                id: 789,
                data: [.binary([1, 2, 3]), .binary([4, 5, 6])]
            ),
            #"62-789[\#(placeholder(0)),\#(placeholder(1))]"#,
            [[1, 2, 3], [4, 5, 6]]
        ),
        ExactForm(
            SocketIOPacket(type: .connect, namespace: "/custom", data: ["sid": "abc"]),
            #"0/custom,{"sid":"abc"}"#
        ),
        ExactForm(
            SocketIOPacket(
                type: .connectError,
                namespace: "/random",
                data: ["message": "Invalid namespace"]
            ),
            #"4/random,{"message":"Invalid namespace"}"#
        ),
        ExactForm(
            SocketIOPacket(
                type: .connectError,
                namespace: "/private",
                data: ["message": "Not authorized", "data": ["reason": "invalid token"]]
            ),
            #"4/private,{"message":"Not authorized","data":{"reason":"invalid token"}}"#
        ),
        ExactForm(.event("auth", [[:]]), #"2["auth",{}]"#),
        ExactForm(
            .event("auth", [["token": "abc"]], namespace: "/custom"),
            #"2/custom,["auth",{"token":"abc"}]"#
        ),
        ExactForm(SocketIOPacket(type: .disconnect, namespace: "/custom"), "1/custom,"),
        ExactForm(SocketIOPacket(type: .ack, id: 3, data: []), "33[]"),
        ExactForm(.event("é ☕ 😀 \u{2028}", ["中文"]), "2[\"é ☕ 😀 \u{2028}\",\"中文\"]"),
    ]
}

/// Decodes `messages` with a fresh decoder, expecting exactly one packet at the end.
func decodeAll(
    _ messages: [EngineIOMessage],
    parser: SocketIOJSONParser = SocketIOJSONParser()
) throws(SocketIOProtocolError) -> SocketIOPacket? {
    var decoder = parser.makeDecoder()
    var packet: SocketIOPacket?
    for message in messages {
        packet = try decoder.decode(message)
    }
    return packet
}

@Suite("JSON parser: the protocol's exact forms")
struct PacketCodecTests {
    let parser = SocketIOJSONParser()

    @Test("encodes every example of the Readme byte for byte", arguments: ExactForm.readme)
    func encodesReadme(form: ExactForm) {
        #expect(parser.encode(form.packet) == form.messages)
    }

    @Test("decodes every example of the Readme", arguments: ExactForm.readme)
    func decodesReadme(form: ExactForm) throws {
        #expect(try decodeAll(form.messages) == form.packet)
    }

    @Test("encodes the contract's exact forms byte for byte", arguments: ExactForm.contract)
    func encodesContract(form: ExactForm) {
        #expect(parser.encode(form.packet) == form.messages)
    }

    @Test(
        "decodes the contract's exact forms, and writes them back the same",
        arguments: ExactForm.contract
    )
    func roundTripsContract(form: ExactForm) throws {
        let packet = try #require(try decodeAll(form.messages))
        #expect(packet == form.packet)
        #expect(parser.encode(packet) == form.messages)
    }

    @Test("an EVENT whose arguments hold binary is written as BINARY_EVENT, an ACK as BINARY_ACK")
    func binaryTypeChosenWhenWriting() {
        let event = SocketIOPacket.event("file", [.binary([9])], id: 4)
        #expect(parser.encode(event) == [.text(#"51-4["file",\#(placeholder(0))]"#), .binary([9])])
        let ack = SocketIOPacket(type: .ack, namespace: "/a", id: 2, data: [["x": .binary([])]])
        #expect(
            parser.encode(ack) == [.text(#"61-/a,2[{"x":\#(placeholder(0))}]"#), .binary([])]
        )
    }

    @Test("the namespace may come without its comma: 0/random and 1/custom")
    func namespaceWithoutComma() throws {
        #expect(
            try decodeAll([.text("0/random")])
                == SocketIOPacket(type: .connect, namespace: "/random")
        )
        #expect(
            try decodeAll([.text("1/custom")])
                == SocketIOPacket(type: .disconnect, namespace: "/custom")
        )
        // A namespace runs to the comma: without one, the rest is all name.
        #expect(
            try decodeAll([.text(#"0/custom{"a":1}"#)])?.namespace == #"/custom{"a":1}"#
        )
    }

    @Test("a binary packet is complete only with its last attachment")
    func waitsForAttachments() throws {
        var decoder = parser.makeDecoder()
        let text = #"52-["message",\#(placeholder(1)),\#(placeholder(0))]"#
        #expect(try decoder.decode(.text(text)) == nil)
        #expect(try decoder.decode(.binary([1])) == nil)
        let packet = try decoder.decode(.binary([2]))
        #expect(packet?.data == ["message", .binary([2]), .binary([1])])
        // The decoder is ready for the next packet.
        #expect(try decoder.decode(.text("2[\"next\"]")) == .event("next", []))
    }

    @Test("placeholders are numbered depth-first: array elements, then object entries in order")
    func depthFirstNumbering() throws {
        let value: SocketIOValue = [
            "a", .binary([0]), ["x": [.binary([1]), ["y": .binary([2])]], "z": .binary([3])],
            .binary([4]),
        ]
        let (stripped, attachments) = SocketIOBinaryPlaceholders.deconstruct(value)
        #expect(attachments == [[0], [1], [2], [3], [4]])
        #expect(
            stripped.description
                == #"["a",\#(placeholder(0)),{"x":[\#(placeholder(1)),{"y":\#(placeholder(2))}],"z":\#(placeholder(3))},\#(placeholder(4))]"#
        )
        #expect(
            try SocketIOBinaryPlaceholders.reconstruct(stripped, attachments: attachments) == value
        )
        // The writer inside the parser numbers them the same way.
        let messages = parser.encode(.event("e", [value]))
        #expect(messages.count == 6)
        #expect(messages.first == .text(#"55-["e",\#(stripped.description)]"#))
    }
}

@Suite("JSON parser: what it refuses")
struct PacketDecodingErrorTests {
    @Test(
        "text that is not a packet",
        arguments: [
            ("", SocketIOProtocolError.emptyPacket),
            ("abc", .unknownPacketType("a")),
            ("7", .unknownPacketType("7")),
            ("5-[\"a\"]", .invalidAttachmentCount("")),
            ("5x-[\"a\"]", .invalidAttachmentCount("x")),
            ("52[\"a\"]", .invalidAttachmentCount("2[\"a\"]")),
            ("2999999999999999999999[\"a\"]", .invalidAckID("999999999999999999999")),
        ]
    )
    func notAPacket(text: String, error: SocketIOProtocolError) {
        #expect(throws: error) { try decodeAll([.text(text)]) }
    }

    @Test(
        "a payload that is not JSON (the official case 42abc[…] among them)",
        arguments: [#"2abc["message-with-ack",1,"2",{"3":[false]}]"#, "2[", #"0{"a":}"#, "2/a,x"]
    )
    func notJSON(text: String) {
        #expect {
            try decodeAll([.text(text)])
        } throws: { error in
            guard case .invalidPayload = error as? SocketIOProtocolError else { return false }
            return true
        }
    }

    @Test("more attachments than the limit, and more attachment bytes than the limit")
    func attachmentLimits() throws {
        let parser = SocketIOJSONParser(maximumAttachments: 2, maximumAttachmentBytes: 10)
        #expect(throws: SocketIOProtocolError.tooManyAttachments(count: 3, limit: 2)) {
            try decodeAll([.text("53-[\"a\"]")], parser: parser)
        }
        #expect(throws: SocketIOProtocolError.attachmentsTooLarge(limit: 10)) {
            try decodeAll(
                [
                    .text("52-[\"a\"]"), .binary(Array(repeating: 0, count: 6)),
                    .binary(Array(repeating: 0, count: 5)),
                ],
                parser: parser
            )
        }
    }

    @Test("an attachment with no packet waiting, and text while attachments are due")
    func outOfOrder() {
        #expect(throws: SocketIOProtocolError.unexpectedAttachment) {
            try decodeAll([.binary([1, 2, 3])])
        }
        #expect(throws: SocketIOProtocolError.missingAttachments(expected: 2, received: 1)) {
            try decodeAll([.text("52-[\"a\"]"), .binary([1]), .text("2[\"b\"]")])
        }
    }

    @Test("a placeholder whose num names no attachment")
    func badPlaceholder() {
        #expect(throws: SocketIOProtocolError.invalidPlaceholder("1")) {
            try decodeAll([.text(#"51-["a",\#(placeholder(1))]"#), .binary([1])])
        }
        #expect(throws: SocketIOProtocolError.invalidPlaceholder("\"0\"")) {
            try decodeAll([.text(#"51-["a",{"_placeholder":true,"num":"0"}]"#), .binary([1])])
        }
    }

    @Test("JSON nested deeper than the limit")
    func depthLimit() {
        let parser = SocketIOJSONParser(maximumDepth: 8)
        let deep =
            "2[" + String(repeating: "[", count: 10) + String(repeating: "]", count: 10) + "]"
        #expect {
            try decodeAll([.text(deep)], parser: parser)
        } throws: { error in
            guard case .invalidPayload = error as? SocketIOProtocolError else { return false }
            return true
        }
    }
}

@Suite("Packet validation (CONTRACT E.6.2)")
struct PacketValidationTests {
    @Test(
        "what a server refuses",
        arguments: [
            "2{}", "2[]", "2[1]", #"2"message""#, "2", "3", "3[]", "3{}", "0[]", #"0"token""#,
            #"4{"message":"x"}"#, #"1{}"#, #"2["disconnect"]"#, #"2["connect",1]"#,
        ]
    )
    func serverRefuses(text: String) throws {
        let packet = try #require(try decodeAll([.text(text)]))
        #expect(throws: SocketIOProtocolError.self) { try packet.validate(receivedBy: .server) }
    }

    @Test(
        "what a server accepts",
        arguments: [
            "0", "0/a,", #"0{"token":"1"}"#, "1", "1/a,", #"2["a"]"#, #"21["a",null]"#, "31[]",
            "3/a,1[1]",
        ]
    )
    func serverAccepts(text: String) throws {
        let packet = try #require(try decodeAll([.text(text)]))
        try packet.validate(receivedBy: .server)
    }

    @Test("a client accepts CONNECT_ERROR, and refuses a CONNECT without its sid object")
    func clientRules() throws {
        let refusal = try #require(try decodeAll([.text(#"4{"message":"x"}"#)]))
        try refusal.validate(receivedBy: .client)
        #expect(throws: SocketIOProtocolError.self) {
            try #require(try decodeAll([.text("0")])).validate(receivedBy: .client)
        }
    }
}
