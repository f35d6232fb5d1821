import Foundation
import MessagePack
import TestSupport
import Testing

/// The official Socket.IO browser client with the msgpack parser, run under Node.js by
/// `notepack-peer.js`: its encoder and decoder are notepack.io's, the very code a browser
/// runs against our server.
enum NotepackPeer {
    /// The bundle, from the shared folder beside the checkout (see its README).
    static let bundle = PythonPeers.packageRoot
        .deletingLastPathComponent()
        .appendingPathComponent("shared/peers/socket.io.msgpack.min.js")

    /// `node`, wherever `PATH` has it.
    static let node: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
        .split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("node") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// Whether the shared folder with the bundle is beside the checkout (CI has it; a
    /// learner's clone may not: then, and only then, the suite is skipped, and says why).
    static var isBundleHere: Bool {
        FileManager.default.fileExists(atPath: bundle.path)
    }

    /// Sends `commands` (one a line) and returns the answers, one a line, in order.
    static func ask(_ commands: [String]) throws -> [String] {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("notepack-peer.js")
        let peer = try DemoProcess(
            name: "notepack-peer.js",
            executable: try #require(
                node,
                "no node on PATH: Scripts/install-test-tools.sh installs Debian's nodejs"
            ),
            arguments: [script.path, bundle.path],
            withInput: true
        )
        // The peer answers only once its input has ended, so writing it all first is safe.
        try peer.writeInput(Array(commands.map { $0 + "\n" }.joined().utf8))
        peer.closeInput()
        let output = String(decoding: try peer.readOutputToEnd(within: .seconds(30)), as: UTF8.self)
        let answers = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(
            answers.count == commands.count,
            "\(answers.count) answers to \(commands.count) commands; stderr: \(peer.standardError)"
        )
        return answers.map(String.init)
    }
}

/// A value notepack-peer.js knows by name, as our value.
struct PeerCase: Sendable, CustomTestStringConvertible {
    let name: String
    let value: MessagePackValue

    var testDescription: String { name }
}

private func object(_ count: Int) -> MessagePackValue {
    .map(MessagePackMap((0..<count).map { .init(key: .string("k\($0)"), value: .int(Int64($0))) }))
}

/// Every value of notepack-peer.js, with the value we hold for it.
private let peerCases: [PeerCase] = [
    ("0", 0), ("127", 127), ("128", 128), ("255", 255), ("256", 256), ("300", 300),
    ("65535", 65535), ("65536", 65536), ("2^32 - 1", .int(4_294_967_295)),
    ("2^32", .int(4_294_967_296)), ("2^53 - 1", .int(9_007_199_254_740_991)),
    ("2^63", .uint(1 << 63)), ("-1", -1), ("-32", -32), ("-33", -33), ("-128", -128),
    ("-129", -129), ("-32768", -32768), ("-32769", -32769), ("-2^31", .int(-2_147_483_648)),
    ("-2^31 - 1", .int(-2_147_483_649)), ("-2^53 + 1", .int(-9_007_199_254_740_991)),
    ("-2^63", .int(.min)), ("1.5", 1.5), ("0.1", 0.1), ("-0.5", -0.5), ("2.0", 2.0),
    ("-0", .float64(-0.0)), ("1e100", 1e100), ("NaN", .float64(.nan)),
    ("Infinity", .float64(.infinity)), ("-Infinity", .float64(-.infinity)), ("null", nil),
    ("true", true), ("false", false), ("undefined", .undefined), ("empty string", ""),
    ("hé", "hé"), ("emoji", "😀"), ("31 bytes", .string(text(31))),
    ("32 bytes", .string(text(32))), ("255 bytes", .string(text(255))),
    ("256 bytes", .string(text(256))), ("65535 bytes", .string(text(65535))),
    ("65536 bytes", .string(text(65536))), ("empty ArrayBuffer", .binary([])),
    ("ArrayBuffer of 3", .binary(counting(3))), ("ArrayBuffer of 256", .binary(counting(256))),
    ("ArrayBuffer of 65536", .binary(counting(65536))), ("Uint8Array.of(1, 2)", ["0": 1, "1": 2]),
    ("empty array", []), ("array of 15", zeros(15)), ("array of 16", zeros(16)),
    ("array of 65536", zeros(65536)), ("empty object", [:]), ("object of 15", object(15)),
    ("object of 16", object(16)), ("nested", ["a": ["b": [1, ["c": nil]]]]),
    ("object with undefined", ["a": .undefined, "b": nil]),
    ("array with undefined", [.undefined, nil]),
    ("server emit('hello', 'you')", ["type": 2, "nsp": "/", "data": ["hello", "you"]]),
    (
        "client emit('hello', 'you')",
        ["type": 2, "data": ["hello", "you"], "options": ["compress": true], "nsp": "/"]
    ),
    (
        "client emit with an ack",
        ["type": 2, "data": ["hello"], "options": ["compress": true], "id": 0, "nsp": "/"]
    ),
    ("client connect", ["type": 0, "data": .undefined, "nsp": "/"]),
    ("client connect with auth", ["type": 0, "data": ["token": "abc"], "nsp": "/"]),
    ("client disconnect", ["type": 1, "nsp": "/"]),
].map { PeerCase(name: $0.0, value: $0.1) }

/// Where notepack writes something else than we do, on purpose: the bytes it writes.
private let knownDifferences = [
    // A whole number beyond 64 bits: notepack's uint 64 loses the high word (zero); we
    // keep the float.
    "1e100": "cf0000000000000000"
]

@Suite(
    "notepack.io live: the official bundle's encoder and decoder under Node.js",
    .ownThread,
    .timeLimit(.minutes(1)),
    .enabled(
        if: NotepackPeer.isBundleHere,
        "needs ../shared/peers/socket.io.msgpack.min.js (the shared folder beside the checkout)"
    )
)
struct NotepackPeerTests {
    @Test("our bytes are the bundle's bytes, and each side decodes the other's")
    func bothWays() throws {
        let ours = peerCases.map { $0.value.encoded(options: .notepack) }
        let answers = try NotepackPeer.ask(
            peerCases.map { "encode \($0.name)" }
                + zip(peerCases, ours).map { "decode \($0.name) \(hex($1))" }
        )
        for (index, peerCase) in peerCases.enumerated() {
            let encoded = answers[index]
            let prefix = peerCase.name + " "
            try #require(encoded.hasPrefix(prefix), "\(encoded.prefix(80))")
            let theirs = String(encoded.dropFirst(prefix.count))
            if let known = knownDifferences[peerCase.name] {
                #expect(theirs == known, "\(peerCase.name)")
            } else {
                #expect(theirs == hex(ours[index]), "\(peerCase.name): theirs \(theirs.prefix(80))")
                let decoded = try decode(bytes(theirs))
                if peerCase.value.containsNaN {
                    #expect(decoded.encoded(options: .notepack) == ours[index])
                } else if case .float64(let float) = peerCase.value, float.isFinite,
                    float == float.rounded()
                {
                    // A whole float went as the integer JavaScript sees, and comes back so.
                    #expect(decoded.intValue.map(Double.init) == float, "\(peerCase.name)")
                } else {
                    #expect(decoded == peerCase.value, "\(peerCase.name)")
                }
            }
            #expect(answers[peerCases.count + index] == "\(peerCase.name) ok")
        }
    }
}
